package htmlreport

import (
	"fmt"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
)

// recordsCTE is the common table expression every traffic section starts
// with: the records the report covers, from the records table (which keeps
// the account and region each file was delivered for), narrowed by the
// filter with its values as literals, so the statement runs as it is in
// the shell. ok keeps only records with traffic (log_status OK).
func recordsCTE(f filter.Filter, ok bool) string {
	var conds []string
	if ok {
		conds = append(conds, "log_status = 'OK'")
	}
	if !f.Since.IsZero() {
		conds = append(conds, fmt.Sprintf("start >= %d  -- since %s", f.Since.Unix(), f.Since.UTC().Format(time.RFC3339)))
	}
	if !f.Until.IsZero() {
		conds = append(conds, fmt.Sprintf("start < %d  -- until %s", f.Until.Unix(), f.Until.UTC().Format(time.RFC3339)))
	}
	place := filter.Filter{Accounts: f.Accounts, Regions: f.Regions}.Where("", store.ColAccount, store.ColRegion)
	if place != "" {
		conds = append(conds, strings.Split(place, " AND ")...)
	}
	lists := []struct {
		col    string
		values []string
	}{{"interface_id", f.ENIs}, {"vpc_id", f.VPCs}, {"subnet_id", f.Subnets}}
	for _, l := range lists {
		if len(l.values) > 0 {
			conds = append(conds, fmt.Sprintf("%s IN (%s)", l.col, store.LiteralList(l.values)))
		}
	}
	if f.Action != "" {
		conds = append(conds, "action = "+store.Literal(f.Action))
	}
	var b strings.Builder
	b.WriteString("WITH records AS (\n    -- the records of the report: every loaded record, with the account and region of its file\n")
	b.WriteString("    SELECT *\n    FROM " + store.RecordsTable)
	for i, c := range conds {
		if i == 0 {
			b.WriteString("\n    WHERE " + c)
		} else {
			b.WriteString("\n      AND " + c)
		}
	}
	b.WriteString("\n)")
	return b.String()
}

// neededColumns are the flow-log fields the sections read; the filter may
// need more (see filterColumns).
var neededColumns = []string{"srcaddr", "dstaddr", "srcport", "dstport", "protocol", "bytes", "start", "action", "log_status"}

// filterColumns are the fields the filter's conditions read.
func filterColumns(f filter.Filter) []string {
	var cols []string
	if len(f.ENIs) > 0 {
		cols = append(cols, "interface_id")
	}
	if len(f.VPCs) > 0 {
		cols = append(cols, "vpc_id")
	}
	if len(f.Subnets) > 0 {
		cols = append(cols, "subnet_id")
	}
	return cols
}
