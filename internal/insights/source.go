package insights

import (
	"context"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// SourceName is the name the compiled statement gives the flow logs it
// reads: a CTE that shadows the vpc_flow_logs view inside the statement.
const SourceName = store.DefaultView

// LoadSource describes the loaded flow logs of the database on q, narrowed
// by f, as a Source: flowduck's current-layout records (what
// vpc_flow_logs shows whatever layout the user gave that view), plus the
// CloudWatch event time when some record has one. The filter's values are
// SQL literals in the statement, so that --show-sql prints a statement
// that runs on its own.
func LoadSource(ctx context.Context, q store.Querier, f filter.Filter) (Source, error) {
	loaded, err := store.DataColumns(ctx, q)
	if err != nil {
		return Source{}, err
	}
	layout, err := schema.LookupLayout("current")
	if err != nil {
		return Source{}, err
	}
	src := Source{Name: SourceName, Columns: map[string]string{}}
	var cols []string
	for _, fl := range store.ViewFields(loaded) {
		if !layout.Includes(fl) {
			continue
		}
		name := layout.ColumnName(fl)
		src.Columns[strings.ToLower(name)] = fl.DuckType
		if _, ok := loaded[fl.Column]; ok && fl.Column == name {
			cols = append(cols, store.Ident(name))
		} else if ok {
			cols = append(cols, fmt.Sprintf("%s AS %s", store.Ident(fl.Column), store.Ident(name)))
		} else {
			cols = append(cols, fmt.Sprintf("CAST(NULL AS %s) AS %s", fl.DuckType, store.Ident(name)))
		}
	}
	err = q.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM main."+store.RecordsTable+
		" WHERE "+store.ColEventTime+" IS NOT NULL)").Scan(&src.EventTime)
	if err != nil {
		return Source{}, fmt.Errorf("read %s: %w", store.RecordsTable, err)
	}
	if src.EventTime {
		cols = append(cols, store.Ident(store.ColEventTime))
	}
	src.Fields = true
	cols = append(cols, store.Ident(store.ColFileID))
	body := "  SELECT " + strings.Join(cols, ", ") + "\n  FROM main." + store.RecordsTable
	var conds []string
	for _, t := range f.Terms() {
		conds = append(conds, t.Cond("SELECT unnest(["+store.LiteralList(t.Values)+"]) AS value"))
	}
	if len(conds) > 0 {
		body += "\n  WHERE " + strings.Join(conds, "\n    AND ")
	}
	src.SQL = body
	return src, nil
}
