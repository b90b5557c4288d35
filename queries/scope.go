package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Names of the temporary objects that apply the common filters.
const (
	// filterTable holds the filter values, one (kind, value) row each,
	// inserted with a prepared statement.
	filterTable = "flowduck_report_filter"
)

// filterSpec is one common filter: the values it holds, the field it
// needs (none for provenance) and its condition over the records table,
// where %s is the subquery of its values.
type filterSpec struct {
	flag   string
	kind   string
	field  string // AWS field name the condition reads, "" for provenance
	cond   string // condition; %s is "(SELECT value FROM ... WHERE kind = ...)"
	values func(Filters) []string
}

// filterSpecs are the common filters, in the order --help lists them.
var filterSpecs = []filterSpec{
	{"--since", "since", "start", `"start" >= (SELECT CAST(value AS BIGINT) FROM %s)`, func(f Filters) []string { return unixValue(f.Since) }},
	{"--until", "until", "start", `"start" < (SELECT CAST(value AS BIGINT) FROM %s)`, func(f Filters) []string { return unixValue(f.Until) }},
	{"--eni", "eni", "interface-id", `interface_id IN (SELECT value FROM %s)`, func(f Filters) []string { return f.ENIs }},
	{"--vpc", "vpc", "vpc-id", `vpc_id IN (SELECT value FROM %s)`, func(f Filters) []string { return f.VPCs }},
	{"--subnet", "subnet", "subnet-id", `subnet_id IN (SELECT value FROM %s)`, func(f Filters) []string { return f.Subnets }},
	{"--account", "account", "", store.ColAccount + ` IN (SELECT value FROM %s)`, func(f Filters) []string { return f.Accounts }},
	{"--region", "region", "", store.ColRegion + ` IN (SELECT value FROM %s)`, func(f Filters) []string { return f.Regions }},
	{"--action", "action", "action", `"action" IN (SELECT value FROM %s)`, func(f Filters) []string { return nonEmpty(f.Action) }},
}

// scope is the relation a report reads: the filtered temporary view, while
// it exists.
type scope struct {
	conn    *sql.Conn
	created bool
}

// checkFilters reports a filter that reads a field no loaded file has.
func checkFilters(f Filters, have map[string]bool) error {
	for _, spec := range filterSpecs {
		if spec.field == "" || len(spec.values(f)) == 0 {
			continue
		}
		field, _ := schema.Lookup(spec.field)
		if err := missing(spec.flag, []schema.Field{field}, have); err != nil {
			return err
		}
	}
	return nil
}

// openScope shadows vpc_flow_logs with a temporary view of the records that
// pass f; with no filter it leaves the database's view alone. The filter
// values are bound into a temporary table; only the shape of the condition
// (which filters are set) is SQL text.
func openScope(ctx context.Context, conn *sql.Conn, f Filters) (*scope, error) {
	s := &scope{conn: conn}
	if f.IsZero() {
		return s, nil
	}
	if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+filterTable+" (kind VARCHAR, value VARCHAR)"); err != nil {
		return nil, fmt.Errorf("apply filters: %w", err)
	}
	s.created = true
	var conds []string
	for _, spec := range filterSpecs {
		values := spec.values(f)
		if len(values) == 0 {
			continue
		}
		for _, v := range values {
			if _, err := conn.ExecContext(ctx, "INSERT INTO temp."+filterTable+" VALUES (?, ?)", spec.kind, v); err != nil {
				return nil, errors.Join(fmt.Errorf("apply filter %s: %w", spec.flag, err), s.close(ctx))
			}
		}
		sub := fmt.Sprintf("temp.%s WHERE kind = '%s'", filterTable, spec.kind)
		conds = append(conds, fmt.Sprintf(spec.cond, sub))
	}
	loaded, err := store.DataColumns(ctx, conn)
	if err != nil {
		return nil, errors.Join(err, s.close(ctx))
	}
	layout, err := schema.LookupLayout("current")
	if err != nil {
		return nil, errors.Join(err, s.close(ctx))
	}
	query, err := store.ViewSQL(layout, loaded)
	if err != nil {
		return nil, errors.Join(err, s.close(ctx))
	}
	view := "CREATE OR REPLACE TEMP VIEW " + store.DefaultView + " AS\n" +
		query + "\nWHERE " + strings.Join(conds, "\n  AND ")
	if _, err := conn.ExecContext(ctx, view); err != nil {
		return nil, errors.Join(fmt.Errorf("apply filters: %w", err), s.close(ctx))
	}
	return s, nil
}

// close drops the temporary view and table, even when ctx is cancelled.
func (s *scope) close(ctx context.Context) error {
	if !s.created {
		return nil
	}
	s.created = false
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, stmt := range []string{
		"DROP VIEW IF EXISTS temp." + store.DefaultView,
		"DROP TABLE IF EXISTS temp." + filterTable,
	} {
		if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
			errs = append(errs, fmt.Errorf("remove filters: %w", err))
		}
	}
	return errors.Join(errs...)
}

func unixValue(t time.Time) []string {
	if t.IsZero() {
		return nil
	}
	return []string{strconv.FormatInt(t.Unix(), 10)}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
