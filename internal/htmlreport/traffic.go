package htmlreport

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/flowduck/flowduck/internal/htmlpage"
)

// bucketWidths are the widths a traffic chart's buckets may have, the
// smallest that keeps the chart within maxBuckets is chosen.
var bucketWidths = []time.Duration{
	time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 3 * time.Hour,
	6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour,
}

// maxBuckets is the most points a traffic chart has.
const maxBuckets = 150

// bucketFor picks the bucket width for records starting from first to
// last.
func bucketFor(first, last time.Time) time.Duration {
	span := last.Sub(first)
	for _, w := range bucketWidths {
		if span/w < maxBuckets {
			return w
		}
	}
	return bucketWidths[len(bucketWidths)-1]
}

// trafficSQL counts flows and bytes, accepted and rejected, per bucket of
// width seconds, every bucket from the first to the last listed (zeros
// where nothing was logged: a gap shows).
func (r *run) trafficSQL(width int64) string {
	return recordsCTE(r.opts.Filter, true) + fmt.Sprintf(`,

totals AS (
    -- the traffic of each bucket that has any (unix seconds, UTC-aligned)
    SELECT
        start // %[1]d * %[1]d AS bucket,
        count(*) FILTER (WHERE action = 'ACCEPT') AS accepted_flows,
        count(*) FILTER (WHERE action = 'REJECT') AS rejected_flows,
        coalesce(sum(bytes) FILTER (WHERE action = 'ACCEPT'), 0) AS accepted_bytes,
        coalesce(sum(bytes) FILTER (WHERE action = 'REJECT'), 0) AS rejected_bytes
    FROM records
    GROUP BY bucket
),

buckets AS (
    -- every bucket from the first to the last, with traffic or without
    SELECT unnest(range(min(bucket), max(bucket) + %[1]d, %[1]d)) AS bucket
    FROM totals
)

SELECT
    to_timestamp(bucket) AS bucket_start,
    coalesce(accepted_flows, 0) AS accepted_flows,
    coalesce(rejected_flows, 0) AS rejected_flows,
    coalesce(accepted_bytes, 0) AS accepted_bytes,
    coalesce(rejected_bytes, 0) AS rejected_bytes
FROM buckets
LEFT JOIN totals USING (bucket)
ORDER BY bucket;`, width)
}

// traffic is the section "traffic over time".
func (r *run) traffic() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "traffic", Title: "Traffic over time"}
	width := bucketFor(r.first, r.last)
	stmt := r.trafficSQL(int64(width / time.Second))
	sec.Note = fmt.Sprintf("Flows and bytes per %s bucket, accepted and rejected (records with log status OK). Each point is one row of the SQL below; hover for its values, click a key to hide its line.", durationText(width))
	sec.Facts = []htmlpage.Fact{{Name: "bucket", Value: durationText(width)}}
	var xs []time.Time
	var af, rf, ab, rb []float64
	err := query(r.ctx, r.conn, "traffic over time", stmt, func(rows *sql.Rows) error {
		var at time.Time
		var v [4]any
		if err := rows.Scan(&at, &v[0], &v[1], &v[2], &v[3]); err != nil {
			return err
		}
		xs = append(xs, at)
		af, rf = append(af, number(v[0])), append(rf, number(v[1]))
		ab, rb = append(ab, number(v[2])), append(rb, number(v[3]))
		return nil
	})
	if err != nil {
		return sec, err
	}
	sec.Queries = []htmlpage.Query{{SQL: stmt}}
	if len(xs) == 0 {
		sec.Empty = "No traffic in the records of this report."
		return sec, nil
	}
	per := " per " + durationText(width)
	sec.Time = []*htmlpage.TimeChart{
		{Title: "Flows" + per, X: xs, Location: r.opts.Location,
			Series: []htmlpage.Series{{Name: "accepted", Values: af}, {Name: "rejected", Values: rf}}},
		{Title: "Bytes" + per, Unit: "bytes", X: xs, Location: r.opts.Location,
			Series: []htmlpage.Series{{Name: "accepted", Values: ab}, {Name: "rejected", Values: rb}}},
	}
	return sec, nil
}
