package htmlreport

import (
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/flowduck/flowduck/internal/htmlpage"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/internal/units"
)

// loadedSQL sums up the records the report covers: how many, accepted and
// rejected, from which accounts and regions, over which time range, and
// the lines the loader rejected.
func (r *run) loadedSQL() string {
	return recordsCTE(r.opts.Filter, false) + `
SELECT
    count(*) AS records,
    count(*) FILTER (WHERE log_status = 'OK') AS traffic_records,
    count(*) FILTER (WHERE action = 'ACCEPT') AS accepted,
    count(*) FILTER (WHERE action = 'REJECT') AS rejected,
    coalesce(string_agg(DISTINCT ` + store.ColAccount + `, ', ' ORDER BY ` + store.ColAccount + `), '') AS accounts,
    coalesce(string_agg(DISTINCT ` + store.ColRegion + `, ', ' ORDER BY ` + store.ColRegion + `), '') AS regions,
    to_timestamp(min(start)) AS first_start,
    to_timestamp(max(start)) AS last_start,
    (SELECT count(*) FROM ` + store.RejectsTable + `) AS rejected_lines
FROM records;`
}

// formatsSQL counts the loaded files by format (skipped files as
// "skipped"), with their records and rejected lines.
const formatsSQL = `SELECT
    coalesce(format, 'skipped') AS format,
    count(*) AS files,
    coalesce(sum(records), 0) AS records,
    coalesce(sum(rejects), 0) AS rejected_lines,
    sum(size) AS bytes
FROM ` + store.FilesTable + `
GROUP BY ALL
ORDER BY files DESC, format;`

// loaded is the section "what was loaded".
func (r *run) loaded() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "loaded", Title: "What was loaded",
		Note: "The records this report covers (after the filter), and the files loaded into the database by format. 'flowduck files' lists every file; 'flowduck rejects' shows the rejected lines verbatim."}
	var (
		records, okRecords, accepted, rejected, rejects int64
		accounts, regions                               string
		first, last                                     sql.NullTime
	)
	stmt := r.loadedSQL()
	err := query(r.ctx, r.conn, "what was loaded", stmt, func(rows *sql.Rows) error {
		return rows.Scan(&records, &okRecords, &accepted, &rejected, &accounts, &regions, &first, &last, &rejects)
	})
	if err != nil {
		return sec, err
	}
	r.first, r.last = first.Time, last.Time
	loc := r.opts.Location
	timeText := func(t sql.NullTime) string {
		if !t.Valid {
			return "none"
		}
		return t.Time.In(loc).Format("2006-01-02 15:04:05 MST")
	}
	sec.Facts = []htmlpage.Fact{
		{Name: "records", Value: count(records)},
		{Name: "with traffic", Value: count(okRecords)},
		{Name: "accepted", Value: count(accepted)},
		{Name: "rejected", Value: count(rejected)},
		{Name: "accounts", Value: orNone(accounts)},
		{Name: "regions", Value: orNone(regions)},
		{Name: "first record", Value: timeText(first)},
		{Name: "last record", Value: timeText(last)},
		{Name: "rejected lines", Value: count(rejects)},
	}
	t := &htmlpage.Table{Columns: []htmlpage.Column{
		{Name: "format"}, {Name: "files", Kind: htmlpage.Number}, {Name: "records", Kind: htmlpage.Number},
		{Name: "rejected lines", Kind: htmlpage.Number}, {Name: "size", Kind: htmlpage.Number, Unit: "bytes"},
	}}
	err = query(r.ctx, r.conn, "loaded files", formatsSQL, func(rows *sql.Rows) error {
		var format string
		var files, recs, rej int64
		var size sql.NullInt64
		if err := rows.Scan(&format, &files, &recs, &rej, &size); err != nil {
			return err
		}
		t.Rows = append(t.Rows, []htmlpage.Cell{
			{Text: format}, numCell(files), numCell(recs), numCell(rej),
			{Text: units.Bytes(size.Int64), Num: float64(size.Int64)},
		})
		return nil
	})
	if err != nil {
		return sec, err
	}
	sec.Table = t
	sec.Queries = []htmlpage.Query{{Label: "records", SQL: stmt}, {Label: "files by format", SQL: formatsSQL}}
	if records == 0 {
		sec.Note += " No record matches the filter."
	}
	return sec, nil
}

// count writes n with thousands separators.
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// numCell is a number cell written with separators.
func numCell(n int64) htmlpage.Cell { return htmlpage.Cell{Text: count(n), Num: float64(n)} }

// orNone is s, or "none" when empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// durationText writes a bucket width: 30 minutes, 1 hour, 1 day.
func durationText(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return plural(int(d/(24*time.Hour)), "day")
	case d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/time.Minute), "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
