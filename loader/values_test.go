package loader

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/schema"
)

// TestAlteredValuesAreRejects: values DuckDB's casts would quietly alter
// (12.5 -> 13, 1e3 -> 1000, 0x10 -> 16, 1_000 -> 1000), bytes that are not
// UTF-8, a NUL byte, a port above 65535 and a negative counter make the line
// a reject with the reason and its line number; good lines around them load.
func TestAlteredValuesAreRejects(t *testing.T) {
	for _, gzipped := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gzipped), func(t *testing.T) {
			s, _ := openDB(t)
			dir := t.TempDir()
			line := func(srcport, dstport, packets, bytes, eni string) string {
				return strings.Join([]string{"2", "123456789010", eni, "10.0.0.1", "10.0.0.2", srcport, dstport, "6", packets, bytes, "1700000000", "1700000060", "ACCEPT", "OK"}, " ") + "\n"
			}
			good := line("443", "50000", "10", "840", "eni-1")
			content := good + // 1
				line("12.5", "50000", "10", "840", "eni-1") + // 2
				line("443", "1e3", "10", "840", "eni-1") + // 3
				good + // 4
				line("443", "50000", "0x10", "840", "eni-1") + // 5
				line("443", "50000", "10", "1_000", "eni-1") + // 6
				line("443", "50000", "10", "840", "eni-\xff") + // 7
				line("443", "50000", "10", "840", "eni-\x001") + // 8
				line("443", "70000", "10", "840", "eni-1") + // 9
				line("443", "50000", "-10", "840", "eni-1") + // 10
				"\n" + // 11: blank
				good // 12
			name := "values.log"
			if gzipped {
				content, name = gz(t, []byte(content)), "values.log.gz"
			}
			writeFile(t, dir, name, content)
			res := mustLoad(t, s, Options{Sources: []string{dir}})
			if res.Records != 3 || res.Rejects != 8 {
				t.Fatalf("load = %+v, want 3 records and 8 rejects", res)
			}
			got := query(t, s.Conn, "SELECT line, reason FROM flowduck_rejects ORDER BY line")
			want := [][]string{
				{"2", `srcport: "12.5" is not an integer`},
				{"3", `dstport: "1e3" is not an integer`},
				{"5", `packets: "0x10" is not a big integer`},
				{"6", `bytes: "1_000" is not a big integer`},
				{"7", `not valid UTF-8 (the invalid bytes are shown as ?)`},
				{"8", `the line contains a NUL byte`},
				{"9", `dstport: "70000" is out of range (0-65535)`},
				{"10", `packets: "-10" is negative`},
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("rejects:\n got %v\nwant %v", got, want)
			}
			if got := one(t, s, "SELECT sum(packets) FROM vpc_flow_logs"); got != "30" {
				t.Errorf("packets = %s, want 30 (three good lines)", got)
			}
			mustCheck(t, s.Conn)
		})
	}
}

// TestLongLine: a 10 MB line (3 MB with -short, still over DuckDB's 2 MiB
// max_line_size) is a reject saying it is too long, with its length; the
// text kept is marked as its beginning only.
func TestLongLine(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	size := 10_000_000
	if testing.Short() {
		size = 3_000_000
	}
	long := "2 123456789010 eni-1 10.0.0.1 " + strings.Repeat("x", size) + " 1 2\n"
	good := "2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK\n"
	writeFile(t, dir, "long.log", good+long+good)
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Records != 2 || res.Rejects != 1 {
		t.Fatalf("load = %+v, want 2 records and 1 reject", res)
	}
	rows := query(t, s.Conn, "SELECT line, reason, length(text) FROM flowduck_rejects")
	want := fmt.Sprintf("line too long: %d bytes (only its first %s characters are kept)", len(long)-1, rows[0][2])
	if len(rows) != 1 || rows[0][0] != "2" || rows[0][1] != want {
		t.Errorf("rejects = %v, want line 2: %q", rows, want)
	}
}

// TestValuesOKIsCanonicalDecimal: a row's integer values pass valuesOK
// exactly when each is '-' or plain decimal digits without a leading zero
// that fit its type and bound, checked against that rule in Go for texts
// DuckDB's casts accept leniently, put in every field of a row of good values.
func TestValuesOKIsCanonicalDecimal(t *testing.T) {
	s := dbtest.OpenMemory(t)
	fields := []schema.Field{
		{Column: "srcport", DuckType: "INTEGER"}, {Column: "packets", DuckType: "BIGINT"}, {Column: "version", DuckType: "INTEGER"},
	}
	good := []string{"443", "10", "2"}
	texts := []string{"", "0", "7", "65535", "65536", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
		"-0", "-1", "+5", "007", "00", " 5", "5 ", "12.5", "1.", ".5", "1e2", "1E2", "0x10", "0xFFFFF", "0b101", "0o17", "1_000", "inf", "abc"}
	canonical := regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	limit := map[string]*big.Int{"INTEGER": big.NewInt(math.MaxInt32), "BIGINT": big.NewInt(math.MaxInt64)}
	for i, f := range fields {
		for _, text := range texts {
			want := text == ""
			if canonical.MatchString(text) {
				v, _ := new(big.Int).SetString(text, 10)
				want = v.Cmp(limit[f.DuckType]) <= 0 && (maxValue(f.Column) == 0 || v.Int64() <= maxValue(f.Column))
			}
			var values []intValue
			var casts []string
			for k, g := range fields {
				raw := quoteSQL(good[k])
				if k == i {
					raw = "NULL"
					if text != "" {
						raw = quoteSQL(text)
					}
				}
				values = append(values, intValue{field: g, raw: fmt.Sprintf("r%d", k), n: fmt.Sprintf("n%d", k)})
				casts = append(casts, fmt.Sprintf("CAST(%s AS VARCHAR) AS r%d, TRY_CAST(%s AS %s) AS n%d", raw, k, raw, g.DuckType, k))
			}
			stmt := fmt.Sprintf("SELECT coalesce(%s, false) FROM (SELECT %s)", strings.Join(valuesOK(values), " AND "), strings.Join(casts, ", "))
			if got := dbtest.One(t, s.Conn, stmt); got != fmt.Sprint(want) {
				t.Errorf("%s = %q: valuesOK %s, want %v", f.Column, text, got, want)
			}
		}
	}
}

// TestNULFoundByGzipCheck: in gzip files the load statement does not look
// for NUL bytes, the gzip check does; a file whose only fault is a NUL byte
// (in a text field, in the last field, in a line the reader rejects anyway)
// still keeps every other line as a record and each NUL line as a reject
// with its line number, a clean gzip file of the same group loads whole, and
// a group of plain files (which the gzip check does not read) is tested by
// the statement itself.
func TestNULFoundByGzipCheck(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	line := func(eni, status string) string {
		return strings.Join([]string{"2", "123456789010", eni, "10.0.0.1", "10.0.0.2", "443", "50000", "6", "10", "840", "1700000000", "1700000060", "ACCEPT", status}, " ") + "\n"
	}
	good := line("eni-1", "OK")
	nul := good + line("eni-\x001", "OK") + good + line("eni-1", "OK\x00") + "only\x00two fields\n" + good
	writeFile(t, dir, "nul.log.gz", gz(t, []byte(nul)))
	writeFile(t, dir, "clean.log.gz", gz(t, []byte(good+good)))
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Records != 5 || res.Rejects != 3 {
		t.Fatalf("load = %+v, want 5 records and 3 rejects", res)
	}
	plain := writeFile(t, t.TempDir(), "plain.log", good+line("eni-\x002", "OK"))
	if res := mustLoad(t, s, Options{Sources: []string{plain}}); res.Records != 1 || res.Rejects != 1 {
		t.Fatalf("load = %+v, want 1 record and 1 reject", res)
	}
	got := query(t, s.Conn, "SELECT regexp_extract(path, '[^/]*$'), line, reason FROM flowduck_rejects ORDER BY path, line")
	want := [][]string{
		{"nul.log.gz", "2", "the line contains a NUL byte"},
		{"nul.log.gz", "4", "the line contains a NUL byte"},
		{"nul.log.gz", "5", "expected 14 fields, found 2"},
		{"plain.log", "2", "the line contains a NUL byte"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rejects:\n got %v\nwant %v", got, want)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs WHERE contains(interface_id || log_status, chr(0))"); got != "0" {
		t.Errorf("%s records hold a NUL byte", got)
	}
	mustCheck(t, s.Conn)
}
