package queries

import (
	"database/sql"
	"slices"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
)

// rangeParams are the placeholders a report may read without declaring
// them: the bounds of the filter's time range (--since/--until, or since=
// and until= in the shell) in epoch seconds, like start, and NULL where the
// range is open. The filter has already left out the records outside it; a
// report reads the bounds to cover the whole range (traffic-over-time lists
// its empty buckets up to them). A report that declares a parameter of one
// of these names reads its own parameter instead.
var rangeParams = []string{filter.Since, filter.Until}

// isRangeParam reports whether name is one of rangeParams.
func isRangeParam(name string) bool { return slices.Contains(rangeParams, name) }

// rangeArgs returns the values of the range placeholders the statement
// reads and does not declare, one sql.NamedArg each.
func (r Report) rangeArgs(f filter.Filter) []any {
	bounds := map[string]time.Time{filter.Since: f.Since, filter.Until: f.Until}
	var args []any
	for _, name := range placeholders(r.statement) {
		if _, declared := r.Param(name); declared || !isRangeParam(name) {
			continue
		}
		var v any // NULL: the range is open on this side
		if t := bounds[name]; !t.IsZero() {
			v = t.Unix()
		}
		args = append(args, sql.Named(name, v))
	}
	return args
}
