package queries_test

// The tests of internal/why (flowduck why: a built-in report with a verdict
// per port) live with the reports it runs through, so that it needs no test
// binary of its own: each one links DuckDB, a few seconds per test run.

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/why"
	"github.com/flowduck/flowduck/loader"
	"github.com/flowduck/flowduck/queries"
)

// shapesLog holds the three shapes plus noise, all on 2026-03-02 from 10:00
// UTC: 10.0.1.5 reaches 198.51.100.20:443 (accepted both ways);
// 203.0.113.9 is refused on 10.0.1.5:22 (rejected, no reply); 10.0.1.5's NTP
// query to 162.159.200.123 is accepted and the reply rejected; and
// eni-0bbbbbbbbbbbbbbb2 (10.0.2.8's interface) logs NODATA and SKIPDATA.
const shapesLog = `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 198.51.100.20 50100 443 6 10 5000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 198.51.100.20 10.0.1.5 443 50100 6 12 90000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 198.51.100.20 50101 443 6 10 5000 1772445700 1772445760 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 198.51.100.20 10.0.1.5 443 50101 6 12 90000 1772445700 1772445760 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 203.0.113.9 10.0.1.5 40000 22 6 2 120 1772445600 1772445660 REJECT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 203.0.113.9 10.0.1.5 40001 22 6 2 120 1772445800 1772445860 REJECT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 162.159.200.123 49152 123 17 1 76 1772445700 1772445760 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 162.159.200.123 10.0.1.5 123 49152 17 1 76 1772445710 1772445770 REJECT OK
2 123456789012 eni-0bbbbbbbbbbbbbbb2 10.0.2.8 198.51.100.20 50500 443 6 10 5000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0bbbbbbbbbbbbbbb2 - - - - - - - 1772446000 1772446060 - NODATA
2 123456789012 eni-0bbbbbbbbbbbbbbb2 - - - - - - - 1772446200 1772446260 - SKIPDATA
`

// open loads text into a new in-memory database.
func open(t *testing.T, text string) *duck.Session {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "flows.log"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := duck.Open(ctx, duck.Options{Path: duck.MemoryPath})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	res, err := loader.Load(ctx, s.Conn, loader.Options{Sources: []string{dir}})
	if err == nil {
		err = res.Err()
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// run runs why with params and returns its rows as maps by column.
func run(t *testing.T, s *duck.Session, params map[string]string) []map[string]string {
	t.Helper()
	call, err := why.Prepare(params, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := queries.Run(context.Background(), s.Conn, call, &buf, render.Options{Format: render.CSV}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// TestVerdicts: each shape gets its verdict, counts per direction, times,
// and the records it rests on.
func TestWhyVerdicts(t *testing.T) {
	s := open(t, shapesLog)
	tests := []struct {
		name     string
		params   map[string]string
		want     map[string]string // columns of the one row
		verdict  string            // prefix
		evidence []string          // substrings
	}{
		{
			name:   "reachable",
			params: map[string]string{"src": "10.0.1.5", "dst": "198.51.100.20"},
			want: map[string]string{"protocol": "6", "port": "443", "client": "10.0.1.5", "server": "198.51.100.20",
				"src_to_dst_accepted": "2", "src_to_dst_rejected": "0", "dst_to_src_accepted": "2", "dst_to_src_rejected": "0",
				"first_seen": "2026-03-02 10:00:00+00", "last_seen": "2026-03-02 10:02:40+00"},
			verdict:  "reachable",
			evidence: []string{"request ACCEPT x2 on eni-0aaaaaaaaaaaaaaa1, first: eni-0aaaaaaaaaaaaaaa1 10.0.1.5 198.51.100.20 50100 443 6 10 5000 1772445600 1772445660 ACCEPT OK", "reply ACCEPT x2"},
		},
		{
			name:   "request rejected, no reply; asked the other way round and for the port",
			params: map[string]string{"src": "10.0.1.5", "dst": "203.0.113.9", "port": "22", "protocol": "tcp"},
			want: map[string]string{"port": "22", "client": "203.0.113.9", "server": "10.0.1.5",
				"src_to_dst_accepted": "0", "src_to_dst_rejected": "0", "dst_to_src_accepted": "0", "dst_to_src_rejected": "2"},
			verdict:  "blocked: request rejected and no reply; a security group or a network ACL (flow logs cannot tell which)",
			evidence: []string{"request REJECT x2 on eni-0aaaaaaaaaaaaaaa1, first: eni-0aaaaaaaaaaaaaaa1 203.0.113.9 10.0.1.5 40000 22 6 2 120 1772445600 1772445660 REJECT OK"},
		},
		{
			name:   "request accepted, reply rejected",
			params: map[string]string{"src": "10.0.1.5", "dst": "162.159.200.123", "protocol": "udp"},
			want: map[string]string{"protocol": "17", "port": "123", "client": "10.0.1.5",
				"src_to_dst_accepted": "1", "src_to_dst_rejected": "0", "dst_to_src_accepted": "0", "dst_to_src_rejected": "1"},
			verdict: "network ACL on the reply path",
			evidence: []string{"request ACCEPT x1 on eni-0aaaaaaaaaaaaaaa1, first: eni-0aaaaaaaaaaaaaaa1 10.0.1.5 162.159.200.123 49152 123 17 1 76 1772445700 1772445760 ACCEPT OK",
				"reply REJECT x1 on eni-0aaaaaaaaaaaaaaa1, first: eni-0aaaaaaaaaaaaaaa1 162.159.200.123 10.0.1.5 123 49152 17 1 76 1772445710 1772445770 REJECT OK"},
		},
		{
			name:     "only NODATA and SKIPDATA",
			params:   map[string]string{"src": "10.0.2.8", "dst": "10.0.1.5"},
			want:     map[string]string{"protocol": "", "port": "", "first_seen": "2026-03-02 10:06:40+00", "last_seen": "2026-03-02 10:11:00+00"},
			verdict:  "no evidence: no traffic between them was logged, only NODATA/SKIPDATA",
			evidence: []string{"NODATA x1 on 1 interface(s) (eni-0bbbbbbbbbbbbbbb2), first: eni-0bbbbbbbbbbbbbbb2 1772446000 1772446060 NODATA", "SKIPDATA x1 on 1 interface(s) (eni-0bbbbbbbbbbbbbbb2)"},
		},
		{
			name:     "nothing at all",
			params:   map[string]string{"src": "10.9.9.9", "dst": "10.9.9.10"},
			verdict:  "no evidence: no records between them, and none",
			evidence: []string{""},
		},
		{
			// 198.51.100.20 is also a peer of 10.0.2.8, whose interface
			// logged NODATA and SKIPDATA.
			name:     "another port: nothing between them there",
			params:   map[string]string{"src": "10.0.1.5", "dst": "198.51.100.20", "port": "80"},
			verdict:  "no evidence: no traffic between them was logged, only NODATA/SKIPDATA",
			evidence: []string{"NODATA x1 on 1 interface(s) (eni-0bbbbbbbbbbbbbbb2)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := run(t, s, tc.params)
			if len(rows) != 1 {
				t.Fatalf("%d rows, want 1: %v", len(rows), rows)
			}
			row := rows[0]
			for k, v := range tc.want {
				if row[k] != v {
					t.Errorf("%s = %q, want %q", k, row[k], v)
				}
			}
			if !strings.HasPrefix(row["verdict"], tc.verdict) {
				t.Errorf("verdict %q, want %q...", row["verdict"], tc.verdict)
			}
			for _, e := range tc.evidence {
				if !strings.Contains(row["evidence"], e) {
					t.Errorf("evidence %q lacks %q", row["evidence"], e)
				}
			}
		})
	}
}

// TestPrepareRefuses: bad arguments are errors before any SQL runs.
func TestWhyPrepareRefuses(t *testing.T) {
	for _, params := range []map[string]string{
		{"src": "10.0.0.1"},
		{"src": "10.0.0.1", "dst": "nope"},
		{"src": "10.0.0.1", "dst": "10.0.0.2", "port": "65536"},
		{"src": "10.0.0.1", "dst": "10.0.0.2", "port": "ssh"},
		{"src": "10.0.0.1", "dst": "10.0.0.2", "protocol": "gre"},
	} {
		if _, err := why.Prepare(params, filter.Filter{}); err == nil {
			t.Errorf("why.Prepare(%v) = nil error", params)
		}
	}
}
