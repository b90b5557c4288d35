package loader

import (
	"fmt"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Temporary tables of one load attempt, on the load's connection.
const (
	filesTemp = "_fd_files" // path, id, account, region, day, hour of each job
	linesTemp = "_fd_lines" // lines to split in SQL: rejected by read_csv, or CloudWatch JSON messages
)

// target is one column of the records table and the expression filling it.
type target struct {
	column string
	expr   string
}

// fieldReader gives the SQL expression that reads a column of the records a
// statement loads (typed as the catalog says), or "" when the group's records
// do not have that field. Each way of reading records (read_csv columns,
// split tokens, Parquet columns) is one fieldReader, so provenance, filters
// and data columns are built the same way for all of them.
type fieldReader func(column string) string

// recordTargets returns what a statement inserts: the provenance columns,
// the event time when there is one, and the group's data columns. The S3 key
// (staged as p) wins for provenance; the record's own fields are the fallback.
func recordTargets(fields []schema.Field, read fieldReader, eventTime string) []target {
	account, region := orPath("p.account", read("account_id")), orPath("p.region", read("region"))
	day, hour := "p.day", "p.hour"
	if start := read("start"); start != "" {
		ts := fmt.Sprintf("make_timestamp(%s * 1000000)", start)
		day = fmt.Sprintf("coalesce(p.day, CAST(%s AS DATE))", ts)
		hour = fmt.Sprintf("coalesce(p.hour, CAST(hour(%s) AS INTEGER))", ts)
	}
	t := []target{
		{store.ColFileID, "p.id"},
		{store.ColAccount, account},
		{store.ColRegion, region},
		{store.ColDate, day},
		{store.ColHour, hour},
	}
	if eventTime != "" {
		t = append(t, target{store.ColEventTime, eventTime})
	}
	for _, f := range fields {
		t = append(t, target{f.Column, read(f.Column)})
	}
	return t
}

// recordFilter is the WHERE condition of the since/until/account/region
// filter over the records read, or "".
func recordFilter(read fieldReader, f filter.Filter) string {
	start := read("start")
	if start == "" {
		// Without a start field only the path can say when records are; the
		// file was kept by the path check, so keep its records.
		f.Since, f.Until = time.Time{}, time.Time{}
	}
	return f.Where(start, orPath("p.account", read("account_id")), orPath("p.region", read("region")))
}

// orPath is the path's value, else the record's own (when it has the field).
func orPath(path, record string) string {
	if record == "" {
		return path
	}
	return fmt.Sprintf("coalesce(%s, %s)", path, record)
}

// insertSQL assembles INSERT INTO records (...) SELECT ... FROM from WHERE where.
func insertSQL(targets []target, from, where string) string {
	cols := make([]string, len(targets))
	exprs := make([]string, len(targets))
	for i, t := range targets {
		cols[i] = store.Ident(t.column)
		exprs[i] = t.expr
	}
	q := fmt.Sprintf("INSERT INTO %s (%s)\nSELECT %s\nFROM %s", store.RecordsTable, strings.Join(cols, ", "), strings.Join(exprs, ", "), from)
	if where != "" {
		q += "\nWHERE " + where
	}
	return q
}

// csvRead is the read_csv call for a text group: DuckDB's own parser with the
// columns given (no sniffing) as text, '-' as NULL, no quoting (flow logs have none,
// and a stray quote must not swallow the following lines), and every line it
// cannot parse kept in the rejects tables for the SQL salvage pass; with route,
// the log status as okStatusType (routeStatus).
func csvRead(g *group, jobs []*job, route bool, rejectsTable, scanTable string) string {
	var cols []string
	if g.kind == KindCloudWatchText {
		cols = append(cols, "'_event_time': 'VARCHAR'")
	}
	for _, f := range g.fields {
		cols = append(cols, fmt.Sprintf("%s: %s", store.Literal(f.Column), csvType(f.Column, route)))
	}
	return fmt.Sprintf("read_csv(%s, delim = ' ', quote = '', escape = '', header = %t, nullstr = '-', auto_detect = false, strict_mode = true, columns = {%s}, compression = %s, store_rejects = true, rejects_table = %s, rejects_scan = %s)",
		pathList(jobs), g.header != "", strings.Join(cols, ", "), store.Literal(g.compression), store.Literal(rejectsTable), store.Literal(scanTable))
}

// textInsert loads a text group straight from read_csv. Each integer field
// is cast once (_fd_nI); a row whose values are not all acceptable (valuesOK,
// textOK) is inserted under the negated file id, to be taken out again and
// loaded line by line with the reasons (salvageQuarantined). A group of gzip
// files is not tested for NUL bytes here: the gzip check finds them in the
// decompressed bytes at almost no cost, and the load salvages those files
// (salvageNUL).
func textInsert(g *group, jobs []*job, f filter.Filter, rejectsTable, scanTable string) string {
	var casts, texts []string
	var ints []intValue
	route := routeStatus(g, jobs)
	for i, fld := range g.fields {
		raw := "r1." + store.Ident(fld.Column)
		if !isInteger(fld) {
			if fld.Column != statusColumn || !route { // the ENUM holds no NUL byte
				texts = append(texts, raw)
			}
			continue
		}
		casts = append(casts, fmt.Sprintf(", TRY_CAST(r0.%s AS %s) AS _fd_n%d", store.Ident(fld.Column), fld.DuckType, i))
		ints = append(ints, intValue{field: fld, raw: raw, n: fmt.Sprintf("r1._fd_n%d", i)})
	}
	oks := append([]string{"true"}, valuesOK(ints)...)
	if len(texts) > 0 && !nulChecked(jobs) {
		// The gzip check looks for NUL bytes in the files it reads; the
		// files where it finds one are loaded again line by line.
		oks = append(oks, textOK(texts))
	}
	read := func(column string) string {
		i := fieldIndex(g.fields, column)
		switch {
		case i < 0:
			return ""
		case isInteger(g.fields[i]):
			return fmt.Sprintf("r._fd_n%d", i)
		}
		return "r." + store.Ident(column)
	}
	eventTime := ""
	if g.kind == KindCloudWatchText {
		eventTime = "TRY_CAST(r._event_time AS TIMESTAMPTZ)"
	}
	checked := fmt.Sprintf("(SELECT *, %s AS _fd_ok FROM (SELECT *, file_index AS _fd_file%s FROM %s AS r0) AS r1)",
		strings.Join(oks, "\n    AND "), strings.Join(casts, ""), csvRead(g, jobs, route, rejectsTable, scanTable))
	from := fmt.Sprintf("%s AS r\nJOIN %s AS p ON r._fd_file = p.file_index", checked, filesByIndex(jobs))
	targets := recordTargets(g.fields, read, eventTime)
	targets[0].expr = "CASE WHEN r._fd_ok THEN p.id ELSE -p.id END" // the file id (recordTargets puts it first)
	where := recordFilter(read, f)
	if where != "" {
		where = "NOT r._fd_ok OR (" + where + ")"
	}
	return insertSQL(targets, from, where)
}

// rejectedLines fills linesTemp with the lines read_csv rejected, one row per
// line (DuckDB reports one row per failing column), verbatim.
func rejectedLines(rejectsTable, scanTable string) string {
	return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS\n%s", linesTemp, rejectedSelect("s.file_path", rejectsTable, scanTable))
}

// rejectedSelect selects the lines read_csv rejected as linesTemp rows. Two
// kinds of line are rejects whatever their fields (the problem column): one
// that is not UTF-8 (DuckDB gives its text with '?' for the invalid bytes),
// and one longer than read_csv's maximum (DuckDB keeps its first 10,000
// characters; the reason gives the full length).
func rejectedSelect(path, rejectsTable, scanTable string) string {
	return fmt.Sprintf(`SELECT %s AS path, e.line AS line, ltrim(any_value(e.csv_line), chr(10) || chr(13)) AS text, CAST(NULL AS TIMESTAMPTZ) AS event_time,
       CASE WHEN bool_or(e.error_type = 'INVALID ENCODING') THEN 'not valid UTF-8 (the invalid bytes are shown as ?)'
            WHEN bool_or(e.error_type = 'LINE SIZE OVER MAXIMUM')
            THEN 'line too long: ' || coalesce(nullif(regexp_extract(max(e.error_message), 'Actual Size:\s*(\d+)', 1), ''), 'over ' || max(e.error_message)) ||
                 ' bytes (only its first ' || length(ltrim(any_value(e.csv_line), chr(10) || chr(13))) || ' characters are kept)'
       END AS problem
FROM %s AS e JOIN %s AS s ON e.scan_id = s.scan_id AND e.file_id = s.file_id
GROUP BY ALL`, path, store.Ident(rejectsTable), store.Ident(scanTable))
}

// jsonLines fills linesTemp with the messages of CloudWatch Logs JSON files:
// subscription payloads (logEvents) and filter-log-events output (events),
// one document a file or many concatenated (CloudWatch subscription data
// that Firehose delivers to S3), without the CONTROL_MESSAGE documents.
// The line number of a message is its position among the file's events.
func jsonLines(g *group, jobs []*job) string {
	event := `STRUCT("timestamp" BIGINT, message VARCHAR)[]`
	return fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %s AS
WITH docs AS (
  SELECT filename AS path, row_number() OVER () AS doc, coalesce(logEvents, events) AS ev
  FROM read_json(%s, filename = true, format = 'auto', compression = %s, maximum_object_size = 268435456,
                 columns = {messageType: 'VARCHAR', logEvents: '%s', events: '%s'})
  WHERE messageType IS DISTINCT FROM 'CONTROL_MESSAGE'
), ev AS (
  SELECT path, doc, unnest(range(1, len(ev) + 1)) AS i, unnest(ev) AS e FROM docs
)
SELECT path, row_number() OVER (PARTITION BY path ORDER BY doc, i) AS line, e.message AS text,
       to_timestamp(e."timestamp" / 1000.0) AS event_time, CAST(NULL AS VARCHAR) AS problem
FROM ev`, linesTemp, pathList(jobs), store.Literal(jsonCompression(g.compression)), event, event)
}

// splitLines turns linesTemp into records and rejects in SQL: each line is
// split on runs of whitespace, checked against the group's fields, and either
// inserted as a record or kept verbatim with the reason. Repeated header lines
// and blank lines are dropped. It returns the record INSERT and the rejects INSERT.
func splitLines(g *group, f filter.Filter) (records, rejects string) {
	tokens := "regexp_split_to_array(trim(l.text), '\\s+')"
	eventTime := "l.event_time"
	if g.kind == KindCloudWatchText {
		// The export's own timestamp is the first token of the line.
		eventTime = fmt.Sprintf("coalesce(l.event_time, TRY_CAST(%s[1] AS TIMESTAMPTZ))", tokens)
		tokens = tokens + "[2:]"
	}
	n := len(g.fields)
	checks := []string{
		"WHEN l.problem IS NOT NULL THEN l.problem",
		// A line of only spaces is a blank line, like an empty one: ignored.
		"WHEN regexp_full_match(l.text, '\\s*') THEN 'blank'",
	}
	if g.header != "" {
		checks = append(checks, fmt.Sprintf("WHEN array_to_string(tok, ' ') = %s THEN 'header'", store.Literal(g.header)))
	}
	checks = append(checks, fmt.Sprintf("WHEN len(tok) <> %d THEN 'expected %d fields, found ' || len(tok)", n, n),
		"WHEN contains(l.text, chr(0)) THEN 'the line contains a NUL byte'")
	for i, fld := range g.fields {
		if isInteger(fld) {
			checks = append(checks, valueProblems(fld, fmt.Sprintf("tok[%d]", i+1))...)
		}
	}
	split := fmt.Sprintf(`(
  SELECT p.id AS file_id, p.key AS path, l.line, l.text, %s AS event_time, tok,
         CASE %s ELSE NULL END AS reason
  FROM (SELECT *, %s AS tok FROM %s AS l) AS l
  JOIN %s AS p ON l.path = p.path
)`, eventTime, strings.Join(checks, "\n              "), tokens, linesTemp, filesTemp)

	read := func(column string) string {
		i := fieldIndex(g.fields, column)
		if i < 0 {
			return ""
		}
		return fmt.Sprintf("CAST(nullif(s.tok[%d], '-') AS %s)", i+1, g.fields[i].DuckType)
	}
	from := split + " AS s JOIN " + filesTemp + " AS p ON s.file_id = p.id"
	where := "s.reason IS NULL"
	if cond := recordFilter(read, f); cond != "" {
		where += " AND " + cond
	}
	records = insertSQL(recordTargets(g.fields, read, "s.event_time"), from, where)
	rejects = fmt.Sprintf("INSERT INTO %s (file_id, path, line, reason, text)\nSELECT s.file_id, s.path, s.line, s.reason, s.text FROM %s AS s\nWHERE s.reason IS NOT NULL AND s.reason NOT IN ('header', 'blank')",
		store.RejectsTable, split)
	return records, rejects
}

// filesByIndex is the rows of filesTemp for jobs, each with its position in
// pathList(jobs) as file_index: read_csv numbers the files of its list so, and
// joining records to their file on that integer costs less than on the file
// name (a string hashed for every record).
func filesByIndex(jobs []*job) string {
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = fmt.Sprint(j.id)
	}
	return fmt.Sprintf(`(SELECT f.*, CAST(m.i AS UBIGINT) AS file_index FROM %s AS f
 JOIN (SELECT unnest([%s]) AS id, unnest(range(%d)) AS i) AS m ON f.id = m.id)`, filesTemp, strings.Join(ids, ", "), len(jobs))
}

// pathList is a DuckDB list literal of the jobs' local paths.
func pathList(jobs []*job) string {
	paths := make([]string, len(jobs))
	for i, j := range jobs {
		paths[i] = store.Literal(j.read)
	}
	return "[" + strings.Join(paths, ", ") + "]"
}

func fieldIndex(fields []schema.Field, column string) int {
	for i, f := range fields {
		if f.Column == column {
			return i
		}
	}
	return -1
}

// typeNoun names a DuckDB type in a reject reason.
func typeNoun(duckType string) string {
	switch duckType {
	case "INTEGER":
		return "an integer"
	case "BIGINT":
		return "a big integer"
	}
	return "a " + strings.ToLower(duckType)
}

// jsonCompression spells a compression option the way read_json wants it.
func jsonCompression(c string) string {
	if c == "auto" {
		return "auto_detect"
	}
	return c
}
