package loader

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
)

// loadPerFile loads the groups whose lines need their neighbours or their
// JSON or CSV wrapping undone before they are records (the console
// copy-paste, JSON messages, the console's CSV export): one file at a time,
// each line numbered as in the file, linesTemp is filled by DuckDB's readers
// and SQL and then split by splitLines like any other lines.
func loadPerFile(ctx context.Context, tx *sql.Tx, g *group, jobs []*job, f filter.Filter, n int) error {
	for _, j := range jobs {
		rejects, scans := fmt.Sprintf("_fd_rejects_%d_%d", n, j.id), fmt.Sprintf("_fd_scans_%d_%d", n, j.id)
		var stmts []string
		switch g.kind {
		case KindCloudWatchConsole:
			stmts = append(wholeLines(g, j, rejects, scans), rewriteLines(consoleLines)...)
		case KindJSONMessages:
			stmts = append(wholeLines(g, j, rejects, scans), rewriteLines(messageLines)...)
		case KindCloudWatchCSV:
			stmts = csvExportLines(g, j, rejects, scans)
		default:
			return fmt.Errorf("load %s: no per-file reader for %s", j.Key, g.kind)
		}
		records, lineRejects := splitLines(g, f)
		stmts = append(stmts, records, lineRejects, "DROP TABLE IF EXISTS "+linesTemp,
			"DROP TABLE IF EXISTS "+store.Ident(rejects), "DROP TABLE IF EXISTS "+store.Ident(scans))
		for _, stmt := range stmts {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("load %s: %w", j.Key, err)
			}
		}
	}
	return nil
}

// rawLinesTemp holds the lines of a file while they are rewritten into linesTemp.
const rawLinesTemp = "_fd_raw_lines"

// rewriteLines returns the statements that rewrite linesTemp with the
// SELECT that sel gives (reading rawLinesTemp).
func rewriteLines(sel func() string) []string {
	return []string{
		fmt.Sprintf("ALTER TABLE %s RENAME TO %s", linesTemp, rawLinesTemp),
		fmt.Sprintf("CREATE TEMP TABLE %s AS\n%s", linesTemp, sel()),
		"DROP TABLE " + rawLinesTemp,
	}
}

// timeLinePattern matches a line that is only an ISO-8601 time with a zone,
// as the CloudWatch console copies it (2023-02-14T05:51:48.000+09:00).
const timeLinePattern = `\s*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)\s*`

// consoleLines selects from rawLinesTemp (every line of a console
// copy-paste) its records: each record line takes its event time from the time line
// just before it (blank lines aside), and the time lines go. A time line
// with no record after it is kept as a reject.
func consoleLines() string {
	return fmt.Sprintf(`WITH l AS (
  SELECT *, problem IS NULL AND regexp_full_match(text, '%[2]s') AS is_time
  FROM %[1]s
  WHERE problem IS NOT NULL OR NOT regexp_full_match(text, '\s*')
), n AS (
  SELECT *, lag(is_time) OVER w AS after_time, lag(text) OVER w AS prev_text, lead(is_time) OVER w AS next_is_time
  FROM l
  WINDOW w AS (PARTITION BY path ORDER BY line)
)
SELECT path, line, text,
       CASE WHEN after_time THEN TRY_CAST(trim(prev_text) AS TIMESTAMPTZ) END AS event_time,
       CASE WHEN problem IS NOT NULL THEN problem
            WHEN is_time THEN 'a time line without a record line after it'
       END AS problem
FROM n
WHERE NOT is_time OR coalesce(next_is_time, true)`, rawLinesTemp, timeLinePattern)
}

// messageLines selects from rawLinesTemp (every line of a JSON-lines file)
// the records the objects carry: message, @message, log or event.original, with
// timestamp or @timestamp as the event time. A line that is not such an
// object is kept as a reject.
func messageLines() string {
	var msgs []string
	for _, k := range messageKeys {
		msgs = append(msgs, fmt.Sprintf(`json_extract_string(j, '$.%s')`, jsonKey(k)))
	}
	msgs = append(msgs, `json_extract_string(j, '$.event.original')`)
	return fmt.Sprintf(`WITH l AS (
  SELECT *, CASE WHEN problem IS NULL AND json_valid(text) AND json_type(text) = 'OBJECT' THEN text END AS j
  FROM %[1]s
  WHERE problem IS NOT NULL OR NOT regexp_full_match(text, '\s*')
), m AS (
  SELECT *, trim(coalesce(%[2]s), ' ' || chr(9) || chr(10) || chr(13)) AS message,
         coalesce(json_extract_string(j, '$."@timestamp"'), json_extract_string(j, '$.timestamp')) AS ts
  FROM l
)
SELECT path, line, coalesce(message, text) AS text, %[3]s AS event_time,
       CASE WHEN problem IS NOT NULL THEN problem
            WHEN j IS NULL THEN 'not a JSON object'
            WHEN message IS NULL THEN 'a JSON object without message, @message, log or event.original'
       END AS problem
FROM m`, rawLinesTemp, strings.Join(msgs, ", "), eventTimeSQL("ts"))
}

// jsonKey quotes a key for a JSON path when it is not a plain name.
func jsonKey(k string) string {
	if strings.HasPrefix(k, "@") {
		return `"` + k + `"`
	}
	return k
}

// eventTimeSQL is the event time a CloudWatch timestamp gives, as text:
// milliseconds since the epoch, or an ISO-8601 time, UTC when it names no
// zone (the console's CSV export writes 2023-02-13 20:51:48.000).
func eventTimeSQL(ts string) string {
	return fmt.Sprintf(`CASE WHEN regexp_full_match(%[1]s, '\d{1,16}') THEN to_timestamp(CAST(%[1]s AS BIGINT) / 1000.0)
            WHEN regexp_matches(%[1]s, '(Z|[+-]\d\d(:?\d\d)?)$') THEN TRY_CAST(%[1]s AS TIMESTAMPTZ)
            ELSE TRY_CAST(%[1]s || '+00' AS TIMESTAMPTZ) END`, ts)
}

// csvExportLines returns the statements that fill linesTemp with the
// records of a CloudWatch console CSV export (j.sniff.Columns names its
// columns): read_csv parses the quoted rows in one thread, so row_number()
// counts them in order; the rows it rejects come with their own line
// numbers, and each good row's line is its rank plus the header and the
// rejected lines before it.
func csvExportLines(g *group, j *job, rejects, scans string) []string {
	path := store.Literal(j.read)
	cols := make([]string, len(j.sniff.Columns))
	for i := range cols {
		cols[i] = fmt.Sprintf("'c%d': 'VARCHAR'", i)
	}
	message := fmt.Sprintf("c%d", columnIndex(j.sniff.Columns, "@message", "message"))
	ts := "CAST(NULL AS VARCHAR)"
	if i := columnIndex(j.sniff.Columns, "@timestamp", "timestamp"); i >= 0 {
		ts = fmt.Sprintf("c%d", i)
	}
	return []string{
		fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _fd_csvrows AS
SELECT row_number() OVER () AS rn, %s AS text, %s AS ts
FROM read_csv([%s], delim = ',', quote = '"', escape = '"', header = true, auto_detect = false, parallel = false,
              strict_mode = true, columns = {%s}, compression = %s, store_rejects = true, rejects_table = %s, rejects_scan = %s)`,
			message, ts, path, strings.Join(cols, ", "), store.Literal(g.compression), store.Literal(rejects), store.Literal(scans)),
		fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %s AS
WITH bad AS (SELECT line, row_number() OVER (ORDER BY line) AS i FROM (SELECT DISTINCT line FROM %s))
SELECT %s AS path, w.rn + 1 + (SELECT count(*) FROM bad WHERE bad.line - 1 - bad.i < w.rn) AS line, coalesce(w.text, '') AS text,
       %s AS event_time, CAST(NULL AS VARCHAR) AS problem
FROM _fd_csvrows AS w
UNION ALL
SELECT path, line, text, event_time, coalesce(problem, %s) AS problem
FROM (%s)`, linesTemp, store.Ident(rejects), path, eventTimeSQL("w.ts"),
			store.Literal("not a row of the columns "+strings.Join(j.sniff.Columns, ",")), rejectedSelect(path, rejects, scans)),
		"DROP TABLE IF EXISTS _fd_csvrows",
	}
}
