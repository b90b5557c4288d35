package filter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/store"
)

// Where returns the condition of the since, until, account and region
// filters (the filters of a load and an export) with their values as SQL
// literals, given the SQL expressions of a record's start (unix seconds),
// account and region, or "" when they keep everything. A time filter needs
// start: with start "" the caller must have cleared Since and Until.
func (f Filter) Where(start, account, region string) string {
	var conds []string
	if !f.Since.IsZero() {
		conds = append(conds, fmt.Sprintf("%s >= %d", start, f.Since.Unix()))
	}
	if !f.Until.IsZero() {
		conds = append(conds, fmt.Sprintf("%s < %d", start, f.Until.Unix()))
	}
	return joinConds(append(conds, f.placeWhere(account, region)...))
}

// PartitionWhere is Where for records without a start: a record is kept
// when its partition time overlaps [Since, Until). date is the SQL
// expression of its day (a DATE), hour that of its hour (0-23, or NULL when
// only the day is known; the partition is then the whole day).
func (f Filter) PartitionWhere(date, hour, account, region string) string {
	var conds []string
	first := fmt.Sprintf("(CAST(%s AS TIMESTAMP) + to_hours(coalesce(%s, 0)))", date, hour)
	span := fmt.Sprintf("(CASE WHEN %s IS NULL THEN INTERVAL 1 DAY ELSE INTERVAL 1 HOUR END)", hour)
	if !f.Since.IsZero() {
		conds = append(conds, fmt.Sprintf("%s + %s > %s", first, span, timestamp(f.Since)))
	}
	if !f.Until.IsZero() {
		conds = append(conds, fmt.Sprintf("%s < %s", first, timestamp(f.Until)))
	}
	return joinConds(append(conds, f.placeWhere(account, region)...))
}

// placeWhere are the account and region conditions.
func (f Filter) placeWhere(account, region string) []string {
	var conds []string
	if len(f.Accounts) > 0 {
		conds = append(conds, fmt.Sprintf("%s IN (%s)", account, store.LiteralList(f.Accounts)))
	}
	if len(f.Regions) > 0 {
		conds = append(conds, fmt.Sprintf("%s IN (%s)", region, store.LiteralList(f.Regions)))
	}
	return conds
}

func joinConds(conds []string) string { return strings.Join(conds, " AND ") }

// timestamp is a UTC TIMESTAMP literal.
func timestamp(t time.Time) string {
	return "TIMESTAMP " + store.Literal(t.UTC().Format("2006-01-02 15:04:05"))
}

// Term is one filter that is set, as the reports apply it to the
// vpc_flow_logs view: its values are bound (kept out of the SQL text) and
// its condition reads them from a query.
type Term struct {
	Name   string   // the filter: since, until, eni, ...
	Field  string   // the flow-log field the condition reads; "" for the account and region the loader recorded
	Values []string // the values as text; times as unix seconds
	cond   string   // the condition; %s is the query of the values
}

// Cond returns the term's condition over the vpc_flow_logs view, given a
// query (no parentheses) that yields its Values as one VARCHAR column named
// value.
func (t Term) Cond(values string) string { return fmt.Sprintf(t.cond, values) }

// terms are the conditions of the filters over the vpc_flow_logs view, in
// the order of Names.
var terms = []struct {
	name, field, cond string
	values            func(Filter) []string
}{
	{Since, "start", `"start" >= (SELECT CAST(value AS BIGINT) FROM (%s))`, func(f Filter) []string { return unixValue(f.Since) }},
	{Until, "start", `"start" < (SELECT CAST(value AS BIGINT) FROM (%s))`, func(f Filter) []string { return unixValue(f.Until) }},
	{ENI, "interface-id", `interface_id IN (%s)`, func(f Filter) []string { return f.ENIs }},
	{VPC, "vpc-id", `vpc_id IN (%s)`, func(f Filter) []string { return f.VPCs }},
	{Subnet, "subnet-id", `subnet_id IN (%s)`, func(f Filter) []string { return f.Subnets }},
	{Account, "", store.ColAccount + ` IN (%s)`, func(f Filter) []string { return f.Accounts }},
	{Region, "", store.ColRegion + ` IN (%s)`, func(f Filter) []string { return f.Regions }},
	{Action, "action", `"action" IN (%s)`, func(f Filter) []string { return nonEmpty(f.Action) }},
}

// Terms returns the filters that are set, in the order of Names.
func (f Filter) Terms() []Term {
	var out []Term
	for _, t := range terms {
		if values := t.values(f); len(values) > 0 {
			out = append(out, Term{Name: t.name, Field: t.field, Values: values, cond: t.cond})
		}
	}
	return out
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
