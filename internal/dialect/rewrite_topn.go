package dialect

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
)

// maxTopN is the largest LIMIT narrowTopN handles; maxRanges the most
// ranges of text its WHERE conjunct may have.
const (
	maxTopN   = 10000
	maxRanges = 64
)

// narrowTopN speeds up SELECT ... ORDER BY CAST(col AS IPADDRESS) LIMIT n.
// Keying every row costs far more than DuckDB's ORDER BY col LIMIT n, which
// skips most of the column, so it first finds n addresses the statement
// reads (fastBound, else probeBound): their greatest key bounds the n-th
// smallest key from above. When the bound is an IPv4 address a.b.c.d,
// every address up to it is written as a dotted quad whose first octet is
// at most a, or starts with '0' or ':' (IPv6 spellings), so the statement
// gains a WHERE conjunct of ranges of text that keeps those rows and lets
// DuckDB skip the rest; the ORDER BY and LIMIT then key only what is left.
// It leaves the statement alone unless it is one ungrouped SELECT without
// window functions, parameters or sampling, ordered first by the address
// of a column, ascending with NULLs last, with a constant LIMIT.
func (r *rewriter) narrowTopN(root map[string]any) error {
	stmts, _ := root["statements"].([]any)
	if len(stmts) != 1 {
		return nil
	}
	stmt, _ := stmts[0].(map[string]any)
	if params, _ := stmt["named_param_map"].([]any); len(params) > 0 {
		return nil
	}
	sel, _ := stmt["node"].(map[string]any)
	if sel == nil || sel["type"] != "SELECT_NODE" || !isUngrouped(sel) || hasClass(sel["select_list"], "WINDOW") {
		return nil
	}
	col, n := topNColumn(sel)
	if col == nil || sampled(sel) || !r.nullsLast(sel) {
		return nil
	}
	key, below, colon, floor, ok := r.fastBound(root, sel, col, n)
	if !ok {
		if key, below, colon, floor, ok = r.probeBound(sel, col, n); !ok {
			return nil // any failure: the statement runs as it is and reports its own error
		}
	}
	if !key.Is4In6() {
		return nil
	}
	v := addrPlaceholderText
	ranges, quads := keepUpTo(key.As16(), v, floor)
	if len(ranges) == 0 && !below && !colon {
		return nil // nothing would be kept: the bound cannot be right
	}
	if ranges == nil {
		return nil
	}
	// IPv6 spellings of small keys start with '0' or ':'.
	if below {
		ranges = append(ranges, v+" < '1.0.0.0'")
	}
	if colon {
		ranges = append(ranges, v+" >= ':'")
	}
	keep, err := r.fold("("+strings.Join(ranges, " OR ")+")", col, nil)
	if err != nil {
		return err
	}
	if where, _ := sel["where_clause"].(map[string]any); where != nil {
		keep = and(where, keep)
	}
	sel["where_clause"] = keep
	switch {
	case below || colon:
	case quads == 1:
		// One address is left: every row kept ties on the first ORDER BY,
		// which goes; without another, DuckDB stops at the LIMIT.
		dropFirstOrder(sel)
	case quads > 1:
		// Only canonical dotted quads of one a.b.c. are left: they are
		// ordered by length and text, which DuckDB compares without keying.
		return r.orderByText(sel, col)
	}
	// The rows left stay keyed by the SQL macro: they are a few in each
	// chunk, where a Go call per chunk costs more than the macro per row.
	return nil
}

// orderModifier returns the ORDER BY modifier of sel (a SELECT has one at
// most) and its index among sel's modifiers, or nil and -1.
func orderModifier(sel map[string]any) (map[string]any, int) {
	modifiers, _ := sel["modifiers"].([]any)
	for i, mod := range modifiers {
		if m, _ := mod.(map[string]any); m != nil && m["type"] == "ORDER_MODIFIER" {
			return m, i
		}
	}
	return nil, -1
}

// dropFirstOrder removes the first ORDER BY of sel, and the ORDER BY
// modifier when it was the only one.
func dropFirstOrder(sel map[string]any) {
	m, i := orderModifier(sel)
	if m == nil {
		return
	}
	if orders, _ := m["orders"].([]any); len(orders) > 1 {
		m["orders"] = orders[1:]
		return
	}
	modifiers, _ := sel["modifiers"].([]any)
	sel["modifiers"] = append(modifiers[:i:i], modifiers[i+1:]...)
}

// orderByText replaces the first ORDER BY of sel, the address of col, with
// the length of col's text, then the text: the same order on dotted quads
// that share their first three octets (a.b.c.9 before a.b.c.10).
func (r *rewriter) orderByText(sel map[string]any, col any) error {
	m, _ := orderModifier(sel)
	if m == nil {
		return nil
	}
	orders, _ := m["orders"].([]any)
	first, _ := orders[0].(map[string]any)
	var byText []any
	for _, t := range []string{"length(" + addrPlaceholderText + ")", addrPlaceholderText} {
		e, err := r.fold(t, col, nil)
		if err != nil {
			return err
		}
		o := deepCopy(first).(map[string]any)
		o["expression"] = e
		byText = append(byText, o)
	}
	m["orders"] = append(byText, orders[1:]...)
	return nil
}

// nullsLast reports whether the first ORDER BY of sel puts NULL last: it
// says so, or it leaves it to the session's default_null_order.
func (r *rewriter) nullsLast(sel map[string]any) bool {
	if m, _ := orderModifier(sel); m != nil {
		orders, _ := m["orders"].([]any)
		first, _ := orders[0].(map[string]any)
		switch nullOrder(first) {
		case "NULLS LAST":
			return true
		case "NULLS FIRST":
			return false
		}
	}
	var setting string
	err := r.conn.QueryRowContext(r.ctx, "SELECT current_setting('default_null_order')").Scan(&setting)
	return err == nil && strings.HasPrefix(strings.ToUpper(setting), "NULLS_LAST")
}

// nullOrder is an order's null_order as json_serialize_sql writes it
// ("NULLS FIRST", "NULLS LAST", "ORDER_DEFAULT"), upper case with spaces.
func nullOrder(order map[string]any) string {
	s, _ := order["null_order"].(string)
	return strings.ReplaceAll(strings.ToUpper(s), "_", " ")
}

// sampled reports whether a SELECT samples its rows: a probe would see
// other rows than the statement.
func sampled(sel map[string]any) bool {
	from, _ := sel["from_table"].(map[string]any)
	return sel["sample"] != nil || from != nil && from["sample"] != nil
}

// fastBound bounds the n-th smallest key cheaply when DuckDB's statistics
// of the column are known (the SELECT reads one table or view): any n
// addresses bound it from above, so it asks for n of them, without order,
// among the texts that share the column's least text up to its third dot
// (`1.0.0.` for a least text 1.0.0.1), a query that stops as soon as it has
// them. The statistics also say whether any text lies below '1.0.0.0' or
// from ':' on. ok is false when it cannot tell; probeBound then asks.
func (r *rewriter) fastBound(root, sel map[string]any, col any, n int64) (key netip.Addr, below, colon bool, floor string, ok bool) {
	from, _ := sel["from_table"].(map[string]any)
	c, _ := col.(map[string]any)
	if from == nil || from["type"] != "BASE_TABLE" || c == nil || c["class"] != "COLUMN_REF" {
		return key, false, false, "", false
	}
	ctes := map[string]bool{}
	cteNames(root, ctes)
	if name, _ := from["table_name"].(string); ctes[strings.ToLower(name)] {
		return key, false, false, "", false
	}
	b, known := r.columnBounds(from, []any{c})[columnKey(c)]
	if !known {
		return key, false, false, "", false
	}
	prefix := quadPrefix(b.min)
	if prefix == "" {
		return key, false, false, "", false
	}
	v := addrPlaceholderText
	region, err := r.fold(fmt.Sprintf("(%s >= '%s' AND %s < '%s/' AND %s(%s) IS NOT NULL)",
		v, prefix, v, strings.TrimSuffix(prefix, "."), IPKeyFunc, v), col, nil)
	if err != nil {
		return key, false, false, "", false
	}
	probe := deepCopy(sel).(map[string]any)
	probe["select_list"] = []any{deepCopy(col)}
	probe["where_clause"] = region
	if where, _ := sel["where_clause"].(map[string]any); where != nil {
		probe["where_clause"] = and(deepCopy(where), region)
	}
	probe["modifiers"] = []any{map[string]any{"type": "LIMIT_MODIFIER", "limit": intLiteral(n), "offset": nil}}
	count, bound, _, ok := r.probeFirst(probe)
	if !ok || count < n {
		return key, false, false, "", false
	}
	if key, ok = hexKey(*bound); !ok {
		return key, false, false, "", false
	}
	below = b.min < "1.0.0.0"
	colon = !(b.max < ":" && !strings.HasPrefix(":", b.max))
	return key, below, colon, b.min, true
}

// quadPrefix is the start of a dotted quad up to its third dot (or its
// last, in a text DuckDB's statistics cut short): "1.0.0." for "1.0.0.1".
// Empty for text that does not start so.
func quadPrefix(s string) string {
	dots, end := 0, -1
	for i := 0; i < len(s) && dots < 3; i++ {
		switch {
		case s[i] == '.':
			if i == 0 || s[i-1] == '.' {
				return ""
			}
			dots, end = dots+1, i
		case s[i] < '0' || s[i] > '9':
			return ""
		}
	}
	return s[:end+1]
}

// hexKey parses a key as flowduck_ip_key writes it.
func hexKey(s string) (netip.Addr, bool) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 16 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom16([16]byte(b)), true
}

// probeBound bounds the n-th smallest key by the keys of the first n texts
// in text order (DuckDB's ORDER BY col LIMIT n), and looks for text below
// '1.0.0.0' (which comes first in text order, so the probe saw it if there
// is any) and from ':' on.
func (r *rewriter) probeBound(sel map[string]any, col any, n int64) (key netip.Addr, below, colon bool, floor string, ok bool) {
	probe := deepCopy(sel).(map[string]any)
	probe["select_list"] = []any{deepCopy(col)}
	probe["modifiers"] = []any{
		map[string]any{"type": "ORDER_MODIFIER", "orders": []any{map[string]any{
			"type": "ASCENDING", "null_order": "ORDER_DEFAULT", "expression": deepCopy(col)}}},
		map[string]any{"type": "LIMIT_MODIFIER", "limit": intLiteral(n), "offset": nil},
	}
	// The first n texts are most often below '1/' (0.x and 1.x dotted
	// quads, IPv6 spellings starting with '0'): asked first with that
	// condition, which DuckDB evaluates in the scan, the probe gives the
	// same rows when it finds n.
	v := addrPlaceholderText
	low, err := r.fold(v+" < '1/'", col, nil)
	if err != nil {
		return key, false, false, "", false
	}
	filtered := deepCopy(probe).(map[string]any)
	filtered["where_clause"] = low
	if where, _ := sel["where_clause"].(map[string]any); where != nil {
		filtered["where_clause"] = and(deepCopy(where), low)
	}
	count, bound, least, ok := r.probeFirst(filtered)
	if !ok || count < n {
		if count, bound, least, ok = r.probeFirst(probe); !ok || count < n {
			return key, false, false, "", false
		}
	}
	if key, ok = hexKey(*bound); !ok {
		return key, false, false, "", false
	}
	// Text from ':' on is looked for (DuckDB's statistics usually answer at
	// once).
	from, err := r.fold(v+" >= ':'", col, nil)
	if err != nil {
		return key, false, false, "", false
	}
	probe["where_clause"] = from
	if where, _ := sel["where_clause"].(map[string]any); where != nil {
		probe["where_clause"] = and(deepCopy(where), from)
	}
	probe["modifiers"] = []any{map[string]any{"type": "LIMIT_MODIFIER", "limit": intLiteral(1), "offset": nil}}
	inner, err := r.nodeSQL(probe)
	if err != nil {
		return key, false, false, "", false
	}
	var colons int64
	if err := r.conn.QueryRowContext(r.ctx, "SELECT count(*) FROM ("+inner+")").Scan(&colons); err != nil {
		return key, false, false, "", false
	}
	return key, *least < "1.0.0.0", colons > 0, *least, true
}

// probeFirst runs a probe (a SELECT of one address column, ordered by it,
// with a LIMIT) and returns how many of its texts are addresses, the
// greatest of their keys (flowduck_ip_key's hex) and the least text.
func (r *rewriter) probeFirst(probe map[string]any) (count int64, bound, least *string, ok bool) {
	inner, err := r.nodeSQL(probe)
	if err != nil {
		return 0, nil, nil, false
	}
	q := "SELECT count(k), max(k), min(t) FROM (SELECT " + IPKeyFunc + "(CAST(c AS VARCHAR)) AS k, CAST(c AS VARCHAR) AS t FROM (" + inner + ") AS p(c))"
	// A lazy session has only what its statements named so far: the probe
	// needs the Go key and whatever the statement's own clauses call.
	if err := Ensure(r.ctx, r.conn, q); err != nil {
		return 0, nil, nil, false
	}
	if err := r.conn.QueryRowContext(r.ctx, q).Scan(&count, &bound, &least); err != nil || bound == nil || least == nil {
		return 0, nil, nil, false
	}
	return count, bound, least, true
}

// nodeSQL is the SQL text of a SELECT node.
func (r *rewriter) nodeSQL(node map[string]any) (string, error) {
	root := map[string]any{"error": false, "statements": []any{map[string]any{"node": node, "named_param_map": []any{}}}}
	encoded, err := json.Marshal(root)
	if err != nil {
		return "", fmt.Errorf("encode probe: %w", err)
	}
	var text string
	if err := r.conn.QueryRowContext(r.ctx, "SELECT json_deserialize_sql(CAST(? AS JSON))", string(encoded)).Scan(&text); err != nil {
		return "", fmt.Errorf("probe: %w", err)
	}
	return text, nil
}

// and is a AND b.
func and(a, b any) map[string]any {
	n := map[string]any{"class": "CONJUNCTION", "type": "CONJUNCTION_AND", "children": []any{a, b}}
	copyPlace(n, nil)
	return n
}

// keepUpTo is a union of ranges of text holding every dotted quad whose key
// is at most the IPv4 address k (16-byte form) and does not start with '0'
// (below '1.0.0.0'): for bound a.b.c.d, the dotted quads
// whose first octet is below a, those a.x. with x below b, and so on down
// to a third octet, as deep as maxRanges allows, then the quads a.b.c.0 to
// a.b.c.d themselves when the ranges went that deep, but for those whose
// text is below floor (no text the statement reads is). Nil when even the
// first octet needs more ranges. quads, when the union is just such a list
// of canonical texts, is their number (else 0): the rows it keeps are then
// dotted quads that share their first three octets, whose order by address
// is their order by length, then text; for one text, all the same address.
func keepUpTo(k [16]byte, v, floor string) (ranges []string, quads int) {
	prefix := ""
	level := 0
	for ; level < 3; level++ {
		o := int(k[12+level])
		first := 0
		if level == 0 {
			first = 1 // '0.' is below '1.0.0.0'
		}
		if len(ranges)+o-first+1 > maxRanges {
			if level == 0 {
				return nil, 0
			}
			break
		}
		// Octets below o; at the last level o itself too (see below).
		for u := first; u < o; u++ {
			ranges = append(ranges, fmt.Sprintf("(%s >= '%s%d.' AND %s < '%s%d/')", v, prefix, u, v, prefix, u))
		}
		prefix += fmt.Sprintf("%d.", o)
	}
	if level < 3 {
		// Everything under the prefix of the octets kept whole.
		return append(ranges, fmt.Sprintf("(%s >= '%s' AND %s < '%s/')", v, prefix, v, strings.TrimSuffix(prefix, "."))), 0
	}
	// The canonical texts a.b.c.0 to a.b.c.d: no row with a text that is
	// not an address (whose key is NULL, last) is kept to be keyed.
	var texts []string
	for u := 0; u <= int(k[15]); u++ {
		if t := fmt.Sprintf("%s%d", prefix, u); t >= floor {
			texts = append(texts, "'"+t+"'")
		}
	}
	if len(texts) == 0 {
		return ranges, 0
	}
	if len(ranges) == 0 {
		quads = len(texts)
	}
	return append(ranges, fmt.Sprintf("%s IN (%s)", v, strings.Join(texts, ", "))), quads
}

// topNColumn is the column whose address a SELECT orders by first,
// ascending, with a constant LIMIT (plus OFFSET) of at most maxTopN rows.
func topNColumn(sel map[string]any) (col any, n int64) {
	modifiers, _ := sel["modifiers"].([]any)
	for _, mod := range modifiers {
		m, _ := mod.(map[string]any)
		switch {
		case m == nil:
		case m["type"] == "ORDER_MODIFIER":
			orders, _ := m["orders"].([]any)
			if len(orders) == 0 || col != nil {
				return nil, 0
			}
			first, _ := orders[0].(map[string]any)
			if first["type"] == "DESCENDING" || nullOrder(first) == "NULLS FIRST" {
				return nil, 0 // the narrowing drops rows that are not addresses
			}
			e, _ := first["expression"].(map[string]any)
			if e == nil || e["function_name"] != "athena_ip_key_text" {
				return nil, 0
			}
			args, _ := e["children"].([]any)
			c, _ := args[0].(map[string]any)
			if c == nil || c["class"] != "CAST" {
				return nil, 0
			}
			if inner, _ := c["child"].(map[string]any); inner != nil && inner["class"] == "COLUMN_REF" {
				col = inner
			}
		case m["type"] == "LIMIT_MODIFIER":
			limit, _ := m["limit"].(map[string]any)
			if limit == nil || limit["class"] != "CONSTANT" {
				return nil, 0
			}
			l, ok := integerLiteral(limit)
			if !ok {
				return nil, 0
			}
			n = l
			if off, _ := m["offset"].(map[string]any); off != nil {
				o, ok := integerLiteral(off)
				if off["class"] != "CONSTANT" || !ok {
					return nil, 0
				}
				n += o
			}
		default:
			return nil, 0
		}
	}
	if col == nil || n < 1 || n > maxTopN {
		return nil, 0
	}
	return col, n
}

// hasClass reports whether the tree v holds an expression of class c.
func hasClass(v any, c string) bool {
	switch n := v.(type) {
	case []any:
		for _, x := range n {
			if hasClass(x, c) {
				return true
			}
		}
	case map[string]any:
		if n["class"] == c {
			return true
		}
		for _, x := range n {
			if hasClass(x, c) {
				return true
			}
		}
	}
	return false
}

// intLiteral is an INTEGER constant.
func intLiteral(n int64) map[string]any {
	m := map[string]any{
		"class": "CONSTANT", "type": "VALUE_CONSTANT",
		"value": map[string]any{"type": map[string]any{"id": "BIGINT", "type_info": nil}, "is_null": false, "value": json.Number(fmt.Sprint(n))},
	}
	copyPlace(m, nil)
	return m
}
