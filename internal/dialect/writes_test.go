package dialect_test

import (
	"context"
	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"testing"
)

// TestWrites: queries and session statements read; anything that may
// change the database file writes; a syntax error does not.
func TestWrites(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	for _, tc := range []struct {
		stmt   string
		writes bool
	}{
		{"SELECT count(*) FROM vpc_flow_logs", false},
		{"  -- a comment\n/* another */ WITH a AS (SELECT 1) SELECT * FROM a", false},
		{"FROM range(3)", false},
		{"VALUES (1), (2)", false},
		{"(SELECT 1) UNION (SELECT 2)", false},
		{"SHOW TABLES", false},
		{"DESCRIBE vpc_flow_logs", false},
		{"EXPLAIN SELECT 1", false},
		{"set threads = 1", false},
		{"CREATE TEMP TABLE t AS SELECT 1", false},
		{"create or replace temporary macro m(x) as x", false},
		{"SELECT FROM WHERE", false},
		{"INSERT INTO t VALUES (1)", true},
		{"CREATE TABLE t AS SELECT 1", true},
		{"CREATE OR REPLACE VIEW v AS SELECT 1", true},
		{"DROP TABLE t", true},
		{"COPY t FROM 'x.csv'", true},
		{"BEGIN", true},
		{"CHECKPOINT", true},
		{"ATTACH 'x.duckdb'", true},
	} {
		if got := dialect.Writes(context.Background(), conn, tc.stmt); got != tc.writes {
			t.Errorf("Writes(%q) = %v, want %v", tc.stmt, got, tc.writes)
		}
	}
}
