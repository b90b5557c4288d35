package queries

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/loader"
)

// v2Log is a small flow log in the default (version 2) format.
const v2Log = `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
2 123456789012 eni-0a1b2c3d4e5f60718 203.0.113.9 10.0.0.5 40000 22 6 2 120 1772445600 1772445660 REJECT OK
2 123456789012 eni-0a1b2c3d4e5f60718 203.0.113.9 10.0.0.5 40001 23 6 2 120 1772445600 1772445660 REJECT OK
2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.5 198.51.100.1 50000 443 6 10 5000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0a1b2c3d4e5f60718 198.51.100.1 10.0.0.5 443 50000 6 12 90000 1772445600 1772445660 ACCEPT OK
`

// openV2 returns a session on an in-memory database holding only v2Log.
func openV2(t *testing.T) *duck.Session {
	t.Helper()
	return openLog(t, v2Log, 4)
}

// openLog returns a session on an in-memory database holding only the flow
// log text, which must load as records records.
func openLog(t *testing.T, text string, records int64) *duck.Session {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "flows.log"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s := dbtest.OpenMemory(t)
	res, err := loader.Load(ctx, s.Conn, loader.Options{Sources: []string{dir}})
	if err == nil {
		err = res.Err()
	}
	if err != nil || res.Records != records {
		t.Fatalf("load flow log: %v (%d records, want %d)", err, res.Records, records)
	}
	return s
}

// TestMissingFieldsOnVersion2 checks that reports needing newer fields say
// which fields and versions instead of failing in SQL, while the others run.
func TestMissingFieldsOnVersion2(t *testing.T) {
	s := openV2(t)
	tests := []struct {
		report string
		want   []string // in the message
	}{
		{"tcp-half-open", []string{"report tcp-half-open", "tcp-flags (flow-log version 3)", "${tcp-flags}"}},
		{"bpa-rejects", []string{"reject-reason (flow-log version 8)"}},
		{"nat-egress-by-service", []string{"fields pkt-srcaddr (flow-log version 3)", "pkt-dst-aws-service (flow-log version 5)"}},
		{"ecs-services", []string{"ecs-service-name (flow-log version 7)"}},
		{"traffic-path-breakdown", []string{"traffic-path (flow-log version 5)"}},
		{"top-subnets", []string{"subnet-id (flow-log version 3)"}},
	}
	for _, tt := range tests {
		t.Run(tt.report, func(t *testing.T) {
			_, err := runCSV(t, s.Conn, mustReport(t, tt.report), nil, filter.Filter{})
			var mf *MissingFieldsError
			if !errors.As(err, &mf) {
				t.Fatalf("err = %v, want a *MissingFieldsError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
		})
	}

	t.Run("vpc filter", func(t *testing.T) {
		_, err := runCSV(t, s.Conn, mustReport(t, "top-talkers"), nil, filter.Filter{VPCs: []string{"vpc-1"}})
		var mf *MissingFieldsError
		if !errors.As(err, &mf) || !strings.Contains(err.Error(), "filter vpc needs field vpc-id (flow-log version 3)") {
			t.Fatalf("err = %v, want filter vpc to need vpc-id", err)
		}
	})

	t.Run("version 2 reports still run", func(t *testing.T) {
		out, err := runCSV(t, s.Conn, mustReport(t, "rejected-tcp"), nil, filter.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		r := parseCSV(t, out)
		if len(r.rows) != 2 || r.get(t, 0, "srcaddr") != "203.0.113.9" {
			t.Errorf("rejected-tcp on v2 data: %v", r.rows)
		}
		out, err = runCSV(t, s.Conn, mustReport(t, "large-egress"), map[string]string{"min_bytes": "1KB"}, filter.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if r := parseCSV(t, out); len(r.rows) != 1 || r.get(t, 0, "bytes") != "5000" {
			t.Errorf("large-egress on v2 data: %v", r.rows)
		}
	})
}

func TestNothingLoaded(t *testing.T) {
	s, err := duck.Open(context.Background(), duck.Options{Path: duck.MemoryPath})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = runCSV(t, s.Conn, mustReport(t, "top-talkers"), nil, filter.Filter{})
	if !errors.Is(err, store.ErrNothingLoaded) {
		t.Errorf("err = %v, want store.ErrNothingLoaded", err)
	}
}
