package queries

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
)

// This file is for callers that run several reports in one go (flowduck
// detect): they check the data once, open one Scope, and run each report's
// statement (Call.Query) inside their own SQL.

// Scope is what reports read as vpc_flow_logs (see scope), opened once for
// several reports. Close it when they are done.
type Scope struct{ s *scope }

// OpenScope opens the scope on conn with the filter f: a temporary view,
// or with materialize a temporary table of the filtered records, which
// reports running one after another then read without refiltering.
func OpenScope(ctx context.Context, conn *sql.Conn, f filter.Filter, materialize bool) (*Scope, error) {
	s, err := openScopeAs(ctx, conn, f, materialize)
	if err != nil {
		return nil, err
	}
	return &Scope{s: s}, nil
}

// Close drops the scope's temporary objects, even when ctx is cancelled.
func (s *Scope) Close(ctx context.Context) error { return s.s.close(ctx) }

// DataFields fails with store.ErrNothingLoaded when nothing is loaded, and
// otherwise returns the AWS names of the fields the loaded files have, for
// Report.Missing and CheckFilter.
func DataFields(ctx context.Context, conn *sql.Conn) (map[string]bool, error) {
	if err := store.RequireLoaded(ctx, conn); err != nil {
		return nil, err
	}
	return loadedFields(ctx, conn)
}

// Missing returns a *MissingFieldsError when the report needs fields that
// have (from DataFields) lacks, else nil.
func (r Report) Missing(have map[string]bool) error {
	return missing("report "+r.Name, r.Requires, have)
}

// CheckFilter returns a *MissingFieldsError when the filter reads a field
// that have (from DataFields) lacks, else nil.
func CheckFilter(f filter.Filter, have map[string]bool) error { return checkFilter(f, have) }

// Report returns the report the call runs.
func (c Call) Report() Report { return c.report }

// Query returns the call's statement, rewritten for the Athena dialect, and
// the arguments to bind to it. It is meant to run inside an open Scope.
func (c Call) Query(ctx context.Context, conn *sql.Conn) (string, []any, error) {
	if c.report.insights {
		return "", nil, fmt.Errorf("report %s: a Logs Insights report has no SQL statement to run here", c.report.Name)
	}
	stmt, err := dialect.Rewrite(ctx, conn, c.report.statement)
	if err != nil {
		return "", nil, fmt.Errorf("report %s: %w", c.report.Name, dialect.ExplainError(err))
	}
	return stmt, c.args, nil
}
