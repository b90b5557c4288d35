package detect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/queries"
)

// findingsTable is the temporary table the detections' findings collect in.
const findingsTable = "flowduck_findings"

// table is the findings table on one connection.
type table struct {
	conn    *sql.Conn
	created bool
}

// create makes the empty findings table.
func (t *table) create(ctx context.Context) error {
	_, err := t.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+findingsTable+` (
	detection VARCHAR, severity VARCHAR, mitre VARCHAR, subject VARCHAR, evidence VARCHAR,
	flows BIGINT, bytes BIGINT, first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ)`)
	if err != nil {
		return fmt.Errorf("detect: create the findings table: %w", err)
	}
	t.created = true
	return nil
}

// drop removes the table, even when ctx is cancelled.
func (t *table) drop(ctx context.Context) error {
	if !t.created {
		return nil
	}
	t.created = false
	if _, err := t.conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp."+findingsTable); err != nil {
		return fmt.Errorf("detect: drop the findings table: %w", err)
	}
	return nil
}

// add runs one detection inside the open scope and inserts its findings:
// the finding columns of its result, whatever else it has. The columns are
// checked only when the insert fails, so a detection is planned once.
func (t *table) add(ctx context.Context, c queries.Call) error {
	name := c.Report().Name
	stmt, args, err := c.Query(ctx, t.conn)
	if err != nil {
		return err
	}
	insert := `INSERT INTO temp.` + findingsTable + `
SELECT CAST(detection AS VARCHAR), lower(CAST(severity AS VARCHAR)), nullif(CAST(mitre AS VARCHAR), ''),
	CAST(subject AS VARCHAR), CAST(evidence AS VARCHAR), CAST(flows AS BIGINT), CAST(coalesce(bytes, 0) AS BIGINT),
	CAST(first_seen AS TIMESTAMPTZ), CAST(last_seen AS TIMESTAMPTZ)
FROM (
` + stmt + `
) AS finding`
	if _, err := t.conn.ExecContext(ctx, insert, args...); err != nil {
		// A result without the finding columns is the likely cause: say
		// which are missing rather than DuckDB's "column not found".
		if cerr := t.checkColumns(ctx, name, stmt, args); cerr != nil {
			return cerr
		}
		return fmt.Errorf("detection %s: %w", name, dialect.ExplainError(err))
	}
	var n int64
	var bad string
	err = t.conn.QueryRowContext(ctx, `SELECT count(*), coalesce(min(severity), 'NULL') FROM temp.`+findingsTable+`
WHERE severity IS NULL OR severity NOT IN (`+quoted(queries.Severities)+`)`).Scan(&n, &bad)
	if err != nil {
		return fmt.Errorf("detection %s: %w", name, err)
	}
	if n > 0 {
		return fmt.Errorf("detection %s: severity %s in its result: use %s", name, bad, strings.Join(queries.Severities, ", "))
	}
	return nil
}

// checkColumns fails unless the statement's result has every finding column.
func (t *table) checkColumns(ctx context.Context, name, stmt string, args []any) error {
	rows, err := t.conn.QueryContext(ctx, "SELECT * FROM (\n"+stmt+"\n) AS finding LIMIT 0", args...)
	if err != nil {
		return fmt.Errorf("detection %s: %w", name, dialect.ExplainError(err))
	}
	cols, err := rows.Columns()
	rows.Close()
	if err != nil {
		return fmt.Errorf("detection %s: %w", name, err)
	}
	var lack []string
	for _, want := range queries.FindingColumns {
		if !slices.ContainsFunc(cols, func(c string) bool { return strings.EqualFold(c, want) }) {
			lack = append(lack, want)
		}
	}
	if len(lack) > 0 {
		return fmt.Errorf("detection %s: its result lacks the finding column(s) %s (a detection's result has %s)",
			name, strings.Join(lack, ", "), strings.Join(queries.FindingColumns, ", "))
	}
	return nil
}

// read returns the findings of minSeverity and above, highest first.
func (t *table) read(ctx context.Context, minSeverity string) ([]Finding, error) {
	keep := queries.Severities
	if minSeverity != "" {
		keep = keep[queries.SeverityRank(minSeverity):]
	}
	rows, err := t.conn.QueryContext(ctx, `SELECT detection, severity, coalesce(mitre, ''), subject, evidence,
	coalesce(flows, 0), bytes, first_seen, last_seen
FROM temp.`+findingsTable+`
WHERE severity IN (`+quoted(keep)+`)
ORDER BY list_position([`+quoted(queries.Severities)+`], severity) DESC, first_seen, detection, subject`)
	if err != nil {
		return nil, fmt.Errorf("detect: read the findings: %w", err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var f Finding
		var first, last sql.NullTime
		var subject, evidence sql.NullString
		if err := rows.Scan(&f.Detection, &f.Severity, &f.MITRE, &subject, &evidence, &f.Flows, &f.Bytes, &first, &last); err != nil {
			return nil, fmt.Errorf("detect: read the findings: %w", err)
		}
		f.Subject, f.Evidence = subject.String, evidence.String
		f.FirstSeen, f.LastSeen = utc(first), utc(last)
		out = append(out, f)
	}
	return out, rows.Err()
}

// utc returns the time in UTC, or the zero time for NULL.
func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// quoted returns values as a list of SQL string literals.
func quoted(values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return strings.Join(out, ", ")
}
