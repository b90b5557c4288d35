package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris without relying on the host's zoneinfo

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/flowduck/flowduck/internal/chart"
	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/golden"
)

// renderQuery runs query and renders it with opts.
func renderQuery(t *testing.T, db dbtest.Querier, query string, opts Options) (string, int64) {
	t.Helper()
	out, n, err := renderQueryErr(t, db, query, opts)
	if err != nil {
		t.Fatalf("render %s of %q: %v", opts.Format, query, err)
	}
	return out, n
}

// renderQueryErr is renderQuery returning the error of rendering.
func renderQueryErr(t *testing.T, db dbtest.Querier, query string, opts Options) (string, int64, error) {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatalf("query %q: %v", query, err)
	}
	defer rows.Close()
	var out bytes.Buffer
	n, err := Rows(ctx, &out, rows, opts)
	return out.String(), n, err
}

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("load Europe/Paris: %v", err)
	}
	return loc
}

// goldenCases are the named queries rendered in every format but html (the
// chart format writes the error of a result no chart fits); each has a
// testdata/NAME.txtar holding the query and one section per format.
var goldenCases = []struct {
	name  string
	query string
	opts  func(t *testing.T) Options
	rows  int64
}{
	{name: "answer", query: `SELECT 42 AS answer`, rows: 1},
	{name: "nulls", rows: 3, query: `
SELECT * FROM (VALUES
  (1, 'present', 10.5::DOUBLE, true),
  (2, NULL, NULL, NULL),
  (NULL, '', 0.0::DOUBLE, false)
) t(id, name, score, ok)`},
	{name: "unicode", rows: 4, query: `
SELECT * FROM (VALUES
  ('é', 'café crème', 1),
  ('日本語', '東京都 渋谷区', 22),
  ('emoji', '😀🎉 party', 333),
  ('mixed', 'naïve 日本 😀', 4444)
) t(key, value, n)`},
	{name: "wide", rows: 2, opts: func(*testing.T) Options { return Options{Width: 40} }, query: `
SELECT 7 AS id,
       'vpc-0a1b2c3d4e5f6a7b8 eni-0123456789abcdef0 203.0.113.7 ACCEPT OK' AS message,
       '日本語のとても長いテキストはここで切り詰められる' AS note
UNION ALL
SELECT 8, 'short', '短い'`},
	{name: "elided", rows: 3, opts: func(*testing.T) Options { return Options{Width: 100, AllColumnsHint: ".mode line shows all"} },
		query: flowColumnsQuery + ` FROM range(1, 4) t(i)`},
	{name: "elided_empty", rows: 0, opts: func(*testing.T) Options { return Options{Width: 60} },
		query: flowColumnsQuery + ` FROM range(1, 4) t(i) WHERE false`},
	{name: "elided_max_rows", rows: 10, opts: func(*testing.T) Options { return Options{Width: 80, MaxRows: 3} },
		query: flowColumnsQuery + ` FROM range(1, 11) t(i)`},
	{name: "bigints", rows: 2, query: `
SELECT (2::BIGINT ** 53)::BIGINT + 1 AS big,
       170141183460469231731687303715884105727::HUGEINT AS huge,
       18446744073709551615::UBIGINT AS ubig,
       123456789012345.678::DECIMAL(18,3) AS dec
UNION ALL
SELECT -9223372036854775808, -170141183460469231731687303715884105727::HUGEINT, 0, -0.5::DECIMAL(18,3)`},
	{name: "empty", rows: 0, query: `SELECT 1 AS a, 'x' AS b WHERE false`},
	{name: "timestamps", rows: 3, query: timestampsQuery},
	{name: "timestamps_paris", rows: 3, query: timestampsQuery,
		opts: func(t *testing.T) Options { return Options{Location: paris(t)} }},
	{name: "dates", rows: 2, query: `
SELECT DATE '2026-03-01' AS d, TIME '12:34:56.789' AS t,
       INTERVAL '1 year 2 months 3 days 04:05:06' AS iv, DATE '2026-03-01' - DATE '2025-12-25' AS days
UNION ALL
SELECT DATE '1970-01-01', TIME '00:00:00', INTERVAL 90 MINUTE, 0`},
	{name: "doubles", rows: 5, query: `
SELECT * FROM (VALUES
  (0.1::DOUBLE, 1.5::FLOAT),
  (1/3, 2.0::FLOAT),
  (1e20::DOUBLE, -0.25::FLOAT),
  ('NaN'::DOUBLE, 'inf'::FLOAT),
  (-123456789.0::DOUBLE, NULL)
) t(x, f)`},
	{name: "booleans", rows: 3, query: `SELECT * FROM (VALUES (true, 'yes'), (false, 'no'), (NULL, 'unknown')) t(flag, label)`},
	{name: "nested", rows: 2, query: `
SELECT [1, 2, NULL] AS ints,
       ['a', 'b,c'] AS strs,
       {'port': 443, 'proto': 'tcp', 'tags': ['x']} AS st,
       MAP {'k1': 1, 'k2': 2} AS m,
       MAP {6: 'tcp', 17: 'udp'} AS pm,
       [{'ip': '10.0.0.1', 'bytes': 100}] AS flows
UNION ALL
SELECT [], [], NULL, MAP {}, NULL, NULL`},
	{name: "special", rows: 3, query: `
SELECT * FROM (VALUES
  ('comma, here', 'say "hi"', 'pipe | bar'),
  ('line1' || chr(10) || 'line2', 'tab' || chr(9) || 'sep', 'back\slash'),
  ('it''s', 'cr' || chr(13) || 'lf', 'esc' || chr(27) || '[31m')
) t(a, b, c)`},
	{name: "misc", rows: 1, query: `
SELECT '\xDE\xAD\xBE\xEF'::BLOB AS blob,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID AS id,
       'ACCEPT'::ENUM('ACCEPT', 'REJECT') AS action,
       union_value(n := 5)::UNION(n INTEGER, s VARCHAR) AS u`},
	{name: "max_rows", rows: 20, opts: func(*testing.T) Options { return Options{MaxRows: 5} },
		query: `SELECT i, 'row ' || i AS label FROM range(1, 21) t(i)`},
	{name: "human", rows: 2, opts: func(*testing.T) Options { return Options{Human: true} }, query: `
SELECT * FROM (VALUES
  (443, 199334707::BIGINT, 636900::HUGEINT, 2500000000::UBIGINT, 950, 12.5::DOUBLE),
  (22, 512, 999, 1000, NULL, 0.5)
) t(dstport, total_bytes, "sum(packets)", "count_star()", flows, avg_bytes)`},
	{name: "no_headers", rows: 2, opts: func(*testing.T) Options { return Options{NoHeaders: true, Null: "∅"} },
		query: `SELECT * FROM (VALUES (1, 'a'), (NULL, NULL)) t(n, s)`},
}

// flowColumnsQuery selects 20 flow-log-like columns of a row number i,
// three of them all NULL; it needs a FROM clause giving i.
const flowColumnsQuery = `
SELECT 2 AS version, '123456789012' AS account_id, 'eni-0a1b2c3d4e5f6a7b8' AS interface_id,
       '10.0.' || i || '.7' AS srcaddr, '203.0.113.' || i AS dstaddr, 443 + i AS srcport, 49152 + i AS dstport,
       6 AS protocol, 10 * i AS packets, 1500 * i AS bytes, 1700000000 + i AS "start", 1700000060 + i AS "end",
       'ACCEPT' AS action, 'OK' AS log_status, NULL::VARCHAR AS sublocation_type, NULL::VARCHAR AS sublocation_id,
       NULL::VARCHAR AS pkt_src_aws_service, 'vpc-0123456789abcdef0' AS vpc_id, 'ingress' AS flow_direction,
       DATE '2026-03-01' + i::INTEGER AS date`

const timestampsQuery = `
SELECT * FROM (VALUES
  (TIMESTAMP '2026-03-01 12:00:00', TIMESTAMPTZ '2026-03-01 12:00:00+00', TIMESTAMP_NS '2026-03-01 12:00:00.123456789'),
  (TIMESTAMP '2026-07-14 23:59:59.5', TIMESTAMPTZ '2026-07-14 23:59:59.5+02', NULL),
  (TIMESTAMP '1999-12-31 00:00:00.000001', TIMESTAMPTZ '2026-10-25 00:30:00+00', TIMESTAMP_NS '1970-01-01 00:00:00')
) t(ts, tstz, ts_ns)`

func TestGolden(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			base := Options{}
			if tc.opts != nil {
				base = tc.opts(t)
			}
			got := &txtar.Archive{Comment: []byte(strings.TrimSpace(tc.query) + "\n")}
			for _, f := range Formats {
				if f.Name == HTML {
					continue // a whole page: see TestHTML and package htmlpage
				}
				opts := base
				opts.Format = f.Name
				out, n, err := renderQueryErr(t, db, tc.query, opts)
				var unchartable *chart.UnchartableError
				switch {
				case f.Name == Chart && errors.As(err, &unchartable):
					// the golden file shows the error; nothing was written
					out, n = out+"error: "+err.Error()+"\n", tc.rows
				case err != nil:
					t.Fatalf("render %s: %v", f.Name, err)
				}
				if n != tc.rows {
					t.Errorf("%s: Rows returned %d, want %d", f.Name, n, tc.rows)
				}
				got.Files = append(got.Files, txtar.File{Name: string(f.Name), Data: []byte(out)})
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".txtar"), string(txtar.Format(got)))
		})
	}
}

func TestJSONAnswer(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	got, _ := renderQuery(t, db, "select 42 as answer", Options{Format: JSON})
	if want := "[{\"answer\":42}]\n"; got != want {
		t.Errorf("json of select 42 = %q, want %q", got, want)
	}
}

// TestJSONValid checks that every golden query renders as valid JSON and
// JSON Lines with one object per row and keys in column order.
func TestJSONValid(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			out, n := renderQuery(t, db, tc.query, Options{Format: JSON})
			var arr []json.RawMessage
			if err := json.Unmarshal([]byte(out), &arr); err != nil {
				t.Fatalf("json output is not a JSON array: %v\n%s", err, out)
			}
			if int64(len(arr)) != n {
				t.Errorf("json array has %d objects, Rows returned %d", len(arr), n)
			}
			lines, _ := renderQuery(t, db, tc.query, Options{Format: JSONL})
			var count int64
			for line := range strings.Lines(lines) {
				if !json.Valid([]byte(line)) || !strings.HasPrefix(line, "{") {
					t.Errorf("jsonl line is not a JSON object: %q", line)
				}
				count++
			}
			if count != n {
				t.Errorf("jsonl has %d lines, Rows returned %d", count, n)
			}
		})
	}
}

// TestJSONExactNumbers decodes the bigints case without floats and checks
// every digit survived.
func TestJSONExactNumbers(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	var query string
	for _, tc := range goldenCases {
		if tc.name == "bigints" {
			query = tc.query
		}
	}
	out, _ := renderQuery(t, db, query, Options{Format: JSON})
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var got []map[string]json.Number
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]json.Number{
		{"big": "9007199254740993", "huge": "170141183460469231731687303715884105727", "ubig": "18446744073709551615", "dec": "123456789012345.678"},
		{"big": "-9223372036854775808", "huge": "-170141183460469231731687303715884105727", "ubig": "0", "dec": "-0.500"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exact numbers (-want +got):\n%s", diff)
	}
}
