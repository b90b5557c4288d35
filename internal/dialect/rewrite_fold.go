package dialect

import (
	"fmt"
	"strings"
	"sync"
)

// Folding constant address predicates. contains(cidr, ip), =, IN and BETWEEN
// on addresses whose network or address is a constant (a literal, or a
// parameter whose value Rewrite is given) become a range of keys, written
// as a predicate on the address text (addr_fold.go). Where NULL and false
// mean the same (truth places: see markTruth) the predicate is the pushable
// truthRangeSQL; elsewhere the exact three-valued key comparison.

// truthMark is the temporary key markTruth sets on tree nodes in a truth
// place; node removes it.
const truthMark = "flowduck_truth"

// addrPlaceholder is the column name the folded SQL templates use for the
// address text; fold replaces it with the operand's tree.
const addrPlaceholder = "flowduck_addr"

// addrPlaceholderText is the address text in a folded SQL template.
const addrPlaceholderText = "CAST(" + addrPlaceholder + " AS VARCHAR)"

// markTruth marks every expression of the tree whose NULL and false results
// mean the same: WHERE, HAVING, QUALIFY, join conditions, aggregate FILTER
// clauses and CASE WHEN conditions, and the operands of AND and OR in them.
// NOT and every other operator end a truth place.
func markTruth(v any) {
	switch n := v.(type) {
	case []any:
		for _, c := range n {
			markTruth(c)
		}
	case map[string]any:
		for k, c := range n {
			switch k {
			case "where_clause", "having", "qualify", "condition", "filter":
				markTruthExpr(c)
			case "case_checks":
				checks, _ := c.([]any)
				for _, ch := range checks {
					if m, ok := ch.(map[string]any); ok {
						markTruthExpr(m["when_expr"])
					}
				}
			}
			markTruth(c)
		}
	}
}

func markTruthExpr(e any) {
	m, _ := e.(map[string]any)
	if m == nil {
		return
	}
	if _, ok := m["class"]; !ok {
		return
	}
	m[truthMark] = true
	if m["class"] == "CONJUNCTION" {
		children, _ := m["children"].([]any)
		for _, c := range children {
			markTruthExpr(c)
		}
	}
}

// isUngrouped reports whether a SELECT node has no GROUP BY and no DISTINCT,
// so its select list and ORDER BY see rows, and an address in them may be
// keyed from its text.
func isUngrouped(sel map[string]any) bool {
	if g, _ := sel["group_expressions"].([]any); len(g) > 0 {
		return false
	}
	modifiers, _ := sel["modifiers"].([]any)
	for _, mod := range modifiers {
		if m, _ := mod.(map[string]any); m != nil && m["type"] == "DISTINCT_MODIFIER" {
			return false
		}
	}
	return true
}

// isSimple reports whether e is a column or a constant: cheap to repeat, so
// a macro may expand it several times.
func isSimple(e any) bool {
	m, _ := e.(map[string]any)
	return m != nil && (m["class"] == "COLUMN_REF" || m["class"] == "CONSTANT")
}

// constantCIDR is the key range of a CIDR given as a literal or as a
// parameter whose value is known.
func (r *rewriter) constantCIDR(e any) (keyRange, bool) {
	s, ok := r.constantText(e)
	if !ok || !strings.Contains(s, "/") {
		return keyRange{}, false
	}
	return cidrLiteral(s)
}

// constantText is the value of a string literal or of a known parameter.
func (r *rewriter) constantText(e any) (string, bool) {
	if s, ok := stringLiteral(e); ok {
		return s, true
	}
	m, _ := e.(map[string]any)
	if m == nil || m["class"] != "PARAMETER" {
		return "", false
	}
	id, _ := m["identifier"].(string)
	s, ok := r.params[id]
	return s, ok
}

// constantAddress is the key of an address operand that is a constant:
// IPADDRESS '10.0.0.1', CAST('10.0.0.1' AS IPADDRESS).
func (r *rewriter) constantAddress(e any) (keyRange, bool) {
	if !isAddress(e) {
		return keyRange{}, false
	}
	s, ok := r.constantText(addressText(e))
	if !ok {
		return keyRange{}, false
	}
	k, ok := addressLiteral(s)
	return keyRange{lo: k, hi: k}, ok
}

// foldRange replaces n with "the key of operand ip is in kr".
func (r *rewriter) foldRange(ip any, kr keyRange, n map[string]any, rowLevel, truth bool) (any, error) {
	if rowLevel && isAddress(ip) {
		ip = addressText(ip)
	}
	v := "CAST(" + addrPlaceholder + " AS VARCHAR)"
	if truth {
		return r.foldTruth(choiceSQL(v, kr), ip, n)
	}
	return r.fold(exactRangeSQL(v, kr), ip, n)
}

// foldComparison folds address = constant in a truth place.
func (r *rewriter) foldComparison(n map[string]any, rowLevel, truth bool) (any, error) {
	if !truth || n["type"] != "COMPARE_EQUAL" {
		return nil, nil
	}
	if kr, ok := r.constantAddress(n["right"]); ok {
		return r.foldRange(n["left"], kr, n, rowLevel, true)
	}
	if kr, ok := r.constantAddress(n["left"]); ok {
		return r.foldRange(n["right"], kr, n, rowLevel, true)
	}
	return nil, nil
}

// foldBetween folds address BETWEEN constant AND constant in a truth place.
func (r *rewriter) foldBetween(n map[string]any, rowLevel, truth bool) (any, error) {
	if !truth || !isAddress(n["input"]) {
		return nil, nil
	}
	lo, ok1 := r.constantAddress(n["lower"])
	hi, ok2 := r.constantAddress(n["upper"])
	if !ok1 || !ok2 || lo.lo.Compare(hi.lo) > 0 {
		return nil, nil
	}
	return r.foldRange(n["input"], keyRange{lo: lo.lo, hi: hi.lo}, n, rowLevel, true)
}

// foldIn folds address IN (constant, ...) in a truth place into the OR of
// one folded equality per constant.
func (r *rewriter) foldIn(children []any, n map[string]any, rowLevel, truth bool) (any, error) {
	if !truth || len(children) < 2 || !isAddress(children[0]) {
		return nil, nil
	}
	var ranges []keyRange
	for _, c := range children[1:] {
		kr, ok := r.constantAddress(c)
		if !ok {
			return nil, nil
		}
		ranges = append(ranges, kr)
	}
	ip := children[0]
	if rowLevel {
		ip = addressText(ip)
	}
	v := "CAST(" + addrPlaceholder + " AS VARCHAR)"
	parts := make([]string, len(ranges))
	for i, kr := range ranges {
		parts[i] = choiceSQL(v, kr)
	}
	return r.foldTruth("("+strings.Join(parts, " OR ")+")", ip, n)
}

// fold parses a predicate written over addrPlaceholder and puts a copy of
// operand in place of every placeholder; the result replaces n.
func (r *rewriter) fold(text string, operand any, n map[string]any) (any, error) {
	return r.foldMarked(text, operand, n, false)
}

// foldTruth is fold for a truthRangeSQL predicate: its comparisons of the
// address text with constants (the tests for other spellings) are marked
// for pruneSpellings, before the operand replaces the placeholder, so no
// comparison of the operand's own is.
func (r *rewriter) foldTruth(text string, operand any, n map[string]any) (any, error) {
	return r.foldMarked(text, operand, n, true)
}

func (r *rewriter) foldMarked(text string, operand any, n map[string]any, mark bool) (any, error) {
	tmpl, err := r.template(text, mark)
	if err != nil {
		return nil, err
	}
	expr := replacePlaceholder(tmpl, operand)
	labelChoices(expr, operand)
	m, _ := expr.(map[string]any)
	copyPlace(m, n)
	r.changed = true
	return m, nil
}

// replacePlaceholder returns v with every addrPlaceholder column replaced by
// a copy of operand.
func replacePlaceholder(v, operand any) any {
	switch n := v.(type) {
	case []any:
		for i, c := range n {
			n[i] = replacePlaceholder(c, operand)
		}
	case map[string]any:
		if n["class"] == "COLUMN_REF" {
			if names, _ := n["column_names"].([]any); len(names) == 1 && names[0] == addrPlaceholder {
				return deepCopy(operand)
			}
		}
		for k, c := range n {
			n[k] = replacePlaceholder(c, operand)
		}
	}
	return v
}

// foldPrivate replaces is_private(addr) by one call of the Go function
// flowduck_is_private on the address text, wherever it is. The function is
// volatile (udf_private.go), so DuckDB evaluates a filter calling it after
// the scan's cheaper filters, on the rows they let through. It used to be,
// in a WHERE, the OR of each private range's prefix test and regular
// expression; DuckDB's optimizer derives from such an OR a filter on the
// column that it runs in the scan on every row, before the query's other
// tests (crypto-mining on 10 M records, one thread: 6 s in the scan against
// under 1 s for the whole query with the call).
func (r *rewriter) foldPrivate(addr any, n map[string]any, rowLevel bool) (any, error) {
	if rowLevel && isAddress(addr) {
		addr = addressText(addr)
	}
	r.changed = true
	return call(PrivateFunc, n, cast(addr, "VARCHAR", nil)), nil
}

// templates caches the syntax trees of folded predicates' templates, by
// text and marking: a statement often folds the same one several times
// (is_private, a report's network), and DuckDB need parse each only once
// in a process.
var templates sync.Map // templateKey → any (never modified)

type templateKey struct {
	text string
	mark bool
}

// template returns a copy of the syntax tree of the expression text, its
// other spellings' tests marked when mark is set.
func (r *rewriter) template(text string, mark bool) (any, error) {
	key := templateKey{text, mark}
	if t, ok := templates.Load(key); ok {
		return deepCopy(t), nil
	}
	var serialized string
	if err := r.conn.QueryRowContext(r.ctx, "SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR)", "SELECT "+text).Scan(&serialized); err != nil {
		return nil, fmt.Errorf("fold address predicate: %w", err)
	}
	root, err := decodeTree(serialized)
	if err != nil {
		return nil, err
	}
	stmts, _ := root["statements"].([]any)
	if len(stmts) != 1 {
		return nil, fmt.Errorf("fold address predicate: cannot parse %s", text)
	}
	node, _ := stmts[0].(map[string]any)["node"].(map[string]any)
	items, _ := node["select_list"].([]any)
	if len(items) != 1 {
		return nil, fmt.Errorf("fold address predicate: cannot parse %s", text)
	}
	if mark {
		markSpellings(items[0])
	}
	templates.Store(key, items[0])
	return deepCopy(items[0]), nil
}
