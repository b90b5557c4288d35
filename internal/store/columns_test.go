package store

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/schema"
)

// TestAddColumns: the records table gets its data columns in the order the
// fields come, after the provenance columns, whether it is new (created
// again in one statement) or already has columns or rows (one ALTER TABLE
// each, rows kept); the names added are returned and a field is added once.
func TestAddColumns(t *testing.T) {
	ctx := context.Background()
	fields := func(names ...string) []schema.Field {
		var out []schema.Field
		for _, n := range names {
			out = append(out, schema.FieldFor(n))
		}
		return out
	}
	columns := func(t *testing.T, conn dbtest.Querier) string {
		var names []string
		for _, r := range dbtest.Rows(t, conn, `SELECT column_name || ' ' || data_type FROM duckdb_columns()
			WHERE schema_name = 'main' AND table_name = '`+RecordsTable+`' ORDER BY column_index`) {
			names = append(names, r[0])
		}
		return strings.Join(names, ", ")
	}
	const provenance = "_file_id BIGINT, _account VARCHAR, _region VARCHAR, _date DATE, _hour INTEGER, _event_time TIMESTAMP WITH TIME ZONE"
	for _, tc := range []struct {
		name  string
		setup []string // statements after Ensure
		add   [][]string
		added [][]string
		want  string
		rows  string // rows after, the setup's kept
	}{
		{
			name:  "new",
			add:   [][]string{{"version", "srcaddr", "dstport", "srcaddr"}},
			added: [][]string{{"version", "srcaddr", "dstport"}},
			want:  provenance + ", version INTEGER, srcaddr VARCHAR, dstport INTEGER",
			rows:  "0",
		},
		{
			name:  "then more",
			add:   [][]string{{"srcaddr", "packets"}, {"packets", "action", "srcaddr", "tcp-flags"}, {"action"}},
			added: [][]string{{"srcaddr", "packets"}, {"action", "tcp_flags"}, nil},
			want:  provenance + ", srcaddr VARCHAR, packets BIGINT, action VARCHAR, tcp_flags INTEGER",
			rows:  "0",
		},
		{
			name:  "rows without data columns",
			setup: []string{`INSERT INTO ` + RecordsTable + ` (` + ColFileID + `) VALUES (7)`},
			add:   [][]string{{"srcaddr", "bytes"}},
			added: [][]string{{"srcaddr", "bytes"}},
			want:  provenance + ", srcaddr VARCHAR, bytes BIGINT",
			rows:  "1",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := dbtest.OpenPlain(t).Conn
			if err := Ensure(ctx, conn); err != nil {
				t.Fatal(err)
			}
			dbtest.Exec(t, conn, tc.setup...)
			for i, names := range tc.add {
				added, err := AddColumns(ctx, conn, fields(names...))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.added[i], added); diff != "" {
					t.Errorf("AddColumns(%v) added (-want +got):\n%s", names, diff)
				}
			}
			if got := columns(t, conn); got != tc.want {
				t.Errorf("columns:\n got %s\nwant %s", got, tc.want)
			}
			if n := dbtest.One(t, conn, `SELECT count(*) FROM `+RecordsTable); n != tc.rows {
				t.Errorf("%s rows, want %s (the setup's kept)", n, tc.rows)
			}
			loaded, err := DataColumns(ctx, conn)
			if err != nil {
				t.Fatal(err)
			}
			if len(loaded) != strings.Count(tc.want, ",")-5 {
				t.Errorf("DataColumns = %v, want the data columns of %s", loaded, tc.want)
			}
		})
	}
}
