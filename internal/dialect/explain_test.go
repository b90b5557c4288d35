package dialect_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"strings"
	"testing"
)

func TestExplainError(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, "CREATE TABLE t AS SELECT '10.0.0.1' AS srcaddr, 1 AS k, 2 AS v")
	cases := []struct {
		name      string
		stmt      string
		construct string
	}{
		{"MSCK", "MSCK REPAIR TABLE t", "MSCK REPAIR TABLE"},
		{"SHOW PARTITIONS", "SHOW PARTITIONS t", "SHOW PARTITIONS"},
		{"SHOW CREATE TABLE", "SHOW CREATE TABLE t", "SHOW CREATE TABLE/VIEW"},
		{"CREATE EXTERNAL TABLE", "CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (version int) LOCATION 's3://b/'", "CREATE EXTERNAL TABLE"},
		{"UNLOAD", "UNLOAD (SELECT 1) TO 's3://b/p/' WITH (format = 'PARQUET')", "UNLOAD"},
		{"IPPREFIX", "SELECT CAST('10.0.0.0/8' AS IPPREFIX)", "IPPREFIX"},
		{"ip_prefix", "SELECT ip_prefix(CAST(srcaddr AS IPADDRESS), 24) FROM t", "ip_prefix"},
		{"is_subnet_of", "SELECT is_subnet_of('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) FROM t", "is_subnet_of"},
		{"IPADDRESS in CREATE VIEW", "CREATE VIEW v AS SELECT CAST(srcaddr AS IPADDRESS) AS ip FROM t", "IPADDRESS outside a SELECT statement"},
		{"map_agg", "SELECT map_agg(k, v) FROM t", "map_agg"},
		{"zip_with", "SELECT zip_with(ARRAY[1], ARRAY[2], (a, b) -> a + b)", "zip_with"},
		{"reduce with output function", "SELECT reduce(ARRAY[1, 2], 0, (s, x) -> s + x, s -> s)", "reduce(array, initial, (s, x) -> ..., s -> ...)"},
		{"approx_percentile with weight", "SELECT approx_percentile(k, v, 0.5) FROM t", "approx_percentile with weights or accuracy"},
		{"date_format with a computed format", "SELECT date_format(DATE '2021-01-01', srcaddr) FROM t", "date_format or format_datetime with a computed format"},
		{"approx_set", "SELECT approx_set(k) FROM t", "approx_set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := run(conn, tc.stmt)
			if err == nil {
				t.Fatalf("%s ran; want an error", tc.stmt)
			}
			var ae *dialect.AthenaError
			if !errors.As(dialect.ExplainError(err), &ae) {
				t.Fatalf("ExplainError(%v) is not an *AthenaError", err)
			}
			if ae.Construct != tc.construct {
				t.Errorf("construct %q, want %q", ae.Construct, tc.construct)
			}
			if ae.Hint == "" || !errors.Is(ae, err) {
				t.Errorf("AthenaError %+v lacks a hint or the DuckDB error", ae)
			}
			// One line: the construct, the hint, and DuckDB's error without its
			// query excerpt (the full error stays reachable through Unwrap).
			first, _, _ := strings.Cut(err.Error(), "\n")
			if msg := ae.Error(); !strings.Contains(msg, tc.construct) || !strings.Contains(msg, ae.Hint) || !strings.Contains(msg, first) || strings.Contains(msg, "\n") {
				t.Errorf("message %q lacks the construct, the hint or DuckDB's error, or is not one line", msg)
			}
		})
	}
}

func TestExplainErrorLeavesOtherErrors(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	plain := run(conn, "SELECT no_such_column FROM (SELECT 1 AS x)")
	if plain == nil {
		t.Fatal("want an error")
	}
	if got := dialect.ExplainError(plain); got != plain {
		t.Errorf("ExplainError changed an unrelated error: %v", got)
	}
	if dialect.ExplainError(nil) != nil {
		t.Error("ExplainError(nil) is not nil")
	}
	wrapped := fmt.Errorf("run query: %w", &dialect.AthenaError{Construct: "X", Hint: "y", Err: plain})
	if got := dialect.ExplainError(wrapped); got != wrapped {
		t.Errorf("ExplainError wrapped an AthenaError twice: %v", got)
	}
}

func TestAthenaConstructsThatRun(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	for _, stmt := range []string{
		"SELECT x, n FROM UNNEST(ARRAY[10, 20]) WITH ORDINALITY AS t(x, n)",
		"SELECT CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR))",
		"SELECT MAP(ARRAY['a', 'b'], ARRAY[1, 2])",
		"SELECT TRY_CAST('1' AS INTEGER), CAST('abc' AS VARCHAR(10))",
		"SELECT filter(ARRAY[1, 2], x -> x > 1)",
		"SELECT * FROM (SELECT ARRAY[1, 2] AS a) CROSS JOIN UNNEST(a) AS t(x)",
	} {
		if err := run(conn, stmt); err != nil {
			t.Errorf("%s: %v", stmt, err)
		}
	}
}

// run rewrites and executes one statement, draining its rows.
func run(conn *sql.Conn, stmt string) error {
	ctx := context.Background()
	q, err := dialect.Rewrite(ctx, conn, stmt)
	if err != nil {
		return err
	}
	rs, err := conn.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
	}
	return rs.Err()
}
