package dialect

import (
	"regexp"
	"strings"
)

// A folded address predicate tests, besides the canonical text, for the
// other spellings of an address (otherSpellingsSQL): text below '1.0.0.0'
// or from ':' on for an IPv4 network. Most tables hold no such text, which
// their column statistics show, and the tests then cost as much as the
// canonical test for nothing. pruneSpellings asks DuckDB for the
// statistics of the columns the marked tests read (stats(col), which
// DuckDB answers from the table's min and max, and leaves unknown for a
// table with uncommitted changes in the transaction) and replaces a test
// the statistics rule out for every row with false; DuckDB's optimizer then
// drops it, and the exact key behind it. The tests stand in truth places
// only (where NULL and false mean the same), so false is exact.

// spellingMark marks a comparison of a folded truth predicate's text with
// a constant; pruneSpellings removes every mark.
const spellingMark = "flowduck_spelling"

// markSpellings marks the comparisons of the address text with a constant
// in a folded truth predicate's template.
func markSpellings(v any) {
	switch n := v.(type) {
	case []any:
		for _, c := range n {
			markSpellings(c)
		}
	case map[string]any:
		if n["class"] == "COMPARISON" && (n["type"] == "COMPARE_LESSTHAN" || n["type"] == "COMPARE_GREATERTHANOREQUALTO") {
			if _, ok := stringLiteral(n["right"]); ok && isPlaceholderText(n["left"]) {
				n[spellingMark] = true
			}
		}
		for k, c := range n {
			if k != spellingMark {
				markSpellings(c)
			}
		}
	}
}

// isPlaceholderText reports whether e is the address text of a folded
// template, CAST(flowduck_addr AS VARCHAR).
func isPlaceholderText(e any) bool {
	m, _ := e.(map[string]any)
	if m == nil || m["class"] != "CAST" {
		return false
	}
	c, _ := m["child"].(map[string]any)
	names, _ := c["column_names"].([]any)
	return c != nil && c["class"] == "COLUMN_REF" && len(names) == 1 && names[0] == addrPlaceholder
}

// pruneSpellings replaces the marked tests that statistics rule out, in
// every SELECT of the tree that reads one table or view (not a CTE), and
// removes the marks.
func (r *rewriter) pruneSpellings(root map[string]any) {
	ctes := map[string]bool{}
	cteNames(root, ctes)
	forSingleTableSelects(root, ctes, r.pruneSelect)
	unmark(root)
}

// cteNames collects the names of the common table expressions of a tree.
func cteNames(v any, names map[string]bool) {
	switch n := v.(type) {
	case []any:
		for _, c := range n {
			cteNames(c, names)
		}
	case map[string]any:
		if m, ok := n["cte_map"].(map[string]any); ok {
			entries, _ := m["map"].([]any)
			for _, e := range entries {
				if em, _ := e.(map[string]any); em != nil {
					if k, ok := em["key"].(string); ok {
						names[strings.ToLower(k)] = true
					}
				}
			}
		}
		for _, c := range n {
			cteNames(c, names)
		}
	}
}

// forSingleTableSelects calls f on every SELECT node of the tree that reads
// a single table or view (not a CTE), with its FROM table.
func forSingleTableSelects(v any, ctes map[string]bool, f func(sel, from map[string]any)) {
	switch n := v.(type) {
	case []any:
		for _, c := range n {
			forSingleTableSelects(c, ctes, f)
		}
	case map[string]any:
		if n["type"] == "SELECT_NODE" {
			if from, _ := n["from_table"].(map[string]any); from != nil && from["type"] == "BASE_TABLE" {
				if name, _ := from["table_name"].(string); !ctes[strings.ToLower(name)] {
					f(n, from)
				}
			}
		}
		for _, c := range n {
			forSingleTableSelects(c, ctes, f)
		}
	}
}

// selectClauses are the clauses of a SELECT node whose marked tests read
// its FROM table.
var selectClauses = []string{"select_list", "where_clause", "having", "qualify"}

// pruneSelect prunes the marked tests of one SELECT node that reads the
// single table or view from (not of the SELECTs nested in it).
func (r *rewriter) pruneSelect(sel, from map[string]any) {
	var cols []any
	seen := map[string]bool{}
	for _, k := range selectClauses {
		forMarked(sel[k], func(m map[string]any) {
			if col := markedColumn(m); col != nil {
				if key := columnKey(col); !seen[key] {
					seen[key] = true
					cols = append(cols, col)
				}
			}
		})
	}
	if len(cols) == 0 {
		return
	}
	bounds := r.columnBounds(from, cols)
	for _, k := range selectClauses {
		sel[k] = replaceMarked(sel[k], func(m map[string]any) bool {
			col := markedColumn(m)
			if col == nil {
				return false
			}
			b, ok := bounds[columnKey(col)]
			c, _ := stringLiteral(m["right"])
			if !ok {
				return false
			}
			if m["type"] == "COMPARE_LESSTHAN" {
				return b.min >= c // every text is at least min
			}
			// every text starts with the (truncated) max or is below it
			return b.max < c && !strings.HasPrefix(c, b.max)
		})
	}
}

// forMarked calls f on every marked comparison of v, not inside a nested
// SELECT.
func forMarked(v any, f func(map[string]any)) {
	forNodes(v, func(n map[string]any) bool { return n[spellingMark] == true }, f)
}

// forNodes calls f on every node of v that match accepts, not inside a
// nested SELECT.
func forNodes(v any, match func(map[string]any) bool, f func(map[string]any)) {
	switch n := v.(type) {
	case []any:
		for _, c := range n {
			forNodes(c, match, f)
		}
	case map[string]any:
		if n["type"] == "SELECT_NODE" {
			return
		}
		if match(n) {
			f(n)
		}
		for _, c := range n {
			forNodes(c, match, f)
		}
	}
}

// replaceMarked returns v with every marked comparison (not inside a nested
// SELECT) that ruledOut accepts replaced by false.
func replaceMarked(v any, ruledOut func(map[string]any) bool) any {
	switch n := v.(type) {
	case []any:
		for i, c := range n {
			n[i] = replaceMarked(c, ruledOut)
		}
	case map[string]any:
		if n["type"] == "SELECT_NODE" {
			return n
		}
		if n[spellingMark] == true && ruledOut(n) {
			f := cast(literal("false", nil), "BOOLEAN", nil)
			copyPlace(f, n)
			return f
		}
		for k, c := range n {
			n[k] = replaceMarked(c, ruledOut)
		}
	}
	return v
}

// markedColumn is the column a marked comparison reads: its left side is
// CAST(column AS VARCHAR). Nil for any other expression.
func markedColumn(m map[string]any) map[string]any {
	left, _ := m["left"].(map[string]any)
	if left == nil || left["class"] != "CAST" {
		return nil
	}
	col, _ := left["child"].(map[string]any)
	if col == nil || col["class"] != "COLUMN_REF" {
		return nil
	}
	return col
}

// columnKey names a column reference: its dotted, lower-cased names.
func columnKey(col map[string]any) string {
	names, _ := col["column_names"].([]any)
	parts := make([]string, 0, len(names))
	for _, n := range names {
		s, _ := n.(string)
		parts = append(parts, strings.ToLower(s))
	}
	return strings.Join(parts, ".")
}

// textBounds are the least and greatest text of a column as DuckDB's
// statistics hold them: prefixes of at most 8 bytes of the real ones.
type textBounds struct{ min, max string }

// statsText reads the min and max of DuckDB's stats() text of a VARCHAR
// column; bounds holding anything but address characters are not used.
var statsText = regexp.MustCompile(`^\[Min: ([0-9A-Za-z.:]+), Max: ([0-9A-Za-z.:]+), Has Unicode`)

// columnBounds asks DuckDB for the statistics of the columns of a table.
// A column it cannot answer for (unknown statistics, an error) is left out.
func (r *rewriter) columnBounds(from map[string]any, cols []any) map[string]textBounds {
	list := make([]any, len(cols))
	for i, c := range cols {
		list[i] = call("stats", nil, cast(deepCopy(c), "VARCHAR", nil))
	}
	probe := map[string]any{
		"type": "SELECT_NODE", "cte_map": map[string]any{"map": []any{}},
		"select_list": list, "from_table": deepCopy(from), "where_clause": nil,
		"group_expressions": []any{}, "group_sets": []any{}, "aggregate_handling": "STANDARD_HANDLING",
		"having": nil, "sample": nil, "qualify": nil,
		"modifiers": []any{map[string]any{"type": "LIMIT_MODIFIER", "limit": intLiteral(1), "offset": nil}},
	}
	out := map[string]textBounds{}
	q, err := r.nodeSQL(probe)
	if err != nil {
		return out
	}
	texts := make([]*string, len(cols))
	dest := make([]any, len(cols))
	for i := range texts {
		dest[i] = &texts[i]
	}
	if err := r.conn.QueryRowContext(r.ctx, q).Scan(dest...); err != nil {
		return out
	}
	for i, c := range cols {
		if texts[i] == nil {
			continue
		}
		if m := statsText.FindStringSubmatch(*texts[i]); m != nil {
			out[columnKey(c.(map[string]any))] = textBounds{min: m[1], max: m[2]}
		}
	}
	return out
}

// unmark removes every spelling mark from the tree.
func unmark(v any) {
	switch n := v.(type) {
	case []any:
		for _, c := range n {
			unmark(c)
		}
	case map[string]any:
		delete(n, spellingMark)
		for _, c := range n {
			unmark(c)
		}
	}
}
