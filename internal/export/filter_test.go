package export

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// newFilter builds a filter from since and until values (absolute times)
// and the accounts and regions.
func newFilter(t *testing.T, since, until string, accounts, regions []string) filter.Filter {
	t.Helper()
	f := filter.Filter{Accounts: accounts, Regions: regions}
	if err := f.Set(filter.Since, since, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Set(filter.Until, until, time.Time{}); err != nil {
		t.Fatal(err)
	}
	return f
}

// A table loaded from a custom format without start is filtered in time by
// its partitions: the day, or the hour when known.
func TestExportFilterWithoutStart(t *testing.T) {
	s := dbtest.OpenPlain(t)
	ctx := context.Background()
	if err := store.Ensure(ctx, s.Conn); err != nil {
		t.Fatal(err)
	}
	fields, err := schema.ParseFormat("${version} ${srcaddr} ${bytes}")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddColumns(ctx, s.Conn, fields); err != nil {
		t.Fatal(err)
	}
	_, err = s.Conn.ExecContext(ctx, `INSERT INTO `+store.RecordsTable+` (_file_id, _account, _region, _date, _hour, version, srcaddr, bytes) VALUES
		(1, '111122223333', 'us-east-1', DATE '2026-03-01', NULL, 2, '10.0.0.1', 1),
		(1, '111122223333', 'us-east-1', DATE '2026-03-02', 10, 2, '10.0.0.2', 2),
		(1, '111122223333', 'us-east-1', DATE '2026-03-02', 12, 2, '10.0.0.3', 3),
		(1, '111122223333', 'us-east-1', NULL, NULL, 2, '10.0.0.4', 4)`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		since, until string
		records      int64
	}{
		{"no filter keeps the unknown day", "", "", 4},
		{"since inside a day keeps the day", "2026-03-01T23:00", "", 3},
		{"since after an hour drops it", "2026-03-02T11:00", "", 1},
		{"until at an hour's start drops it", "", "2026-03-02T12:00", 2},
		{"until at midnight drops the day", "", "2026-03-01", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, err := Parquet(ctx, s.Conn, t.TempDir(), Options{Hourly: true, Filter: newFilter(t, tt.since, tt.until, nil, nil)})
			if tt.records == 0 {
				if !errors.Is(err, ErrNoRecords) {
					t.Fatalf("exported %d records (err %v), want ErrNoRecords", sum.Records, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sum.Records != tt.records {
				t.Errorf("exported %d records, want %d", sum.Records, tt.records)
			}
		})
	}
}
