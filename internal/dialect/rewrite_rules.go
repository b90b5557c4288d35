package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"strings"
)

// rewriter applies the Athena rewrites to one json_serialize_sql tree.
type rewriter struct {
	ctx     context.Context
	conn    *sql.Conn
	changed bool
	// params are the values of $name parameters known at rewrite time
	// (a report's bound arguments): a constant CIDR passed as a parameter
	// folds like a literal one.
	params map[string]string
	// canonical caches addressesCanonical for the statement, and
	// recordsColumns canonicalColumn's answers by schema.table.column.
	canonical      *bool
	recordsColumns map[string]bool
}

// walk rewrites the tree bottom-up: children first, then the node itself, so
// a comparison sees its operands' IPADDRESS casts already rewritten.
// rowLevel is true inside a WHERE clause, a join condition or an aggregate's
// FILTER clause, where an address may be keyed straight from its text;
// elsewhere (select lists, HAVING, ORDER BY) the key is taken of the
// canonical address expression so that it still matches a GROUP BY on it.
func (r *rewriter) walk(v any, rowLevel bool) (any, error) {
	switch n := v.(type) {
	case []any:
		for i, c := range n {
			w, err := r.walk(c, rowLevel)
			if err != nil {
				return nil, err
			}
			n[i] = w
		}
		return n, nil
	case map[string]any:
		flag := rowLevel
		ungrouped := false
		if n["type"] == "SELECT_NODE" {
			flag = false
			ungrouped = isUngrouped(n)
		}
		for k, c := range n {
			f := flag
			switch k {
			case "where_clause", "condition", "filter":
				f = true
			case "select_list", "modifiers":
				f = f || ungrouped
			}
			w, err := r.walk(c, f)
			if err != nil {
				return nil, err
			}
			n[k] = w
		}
		return r.node(n, rowLevel)
	}
	return v, nil
}

// node rewrites one tree node whose children are already rewritten.
func (r *rewriter) node(n map[string]any, rowLevel bool) (any, error) {
	truth := n[truthMark] == true
	delete(n, truthMark)
	if orders, ok := n["orders"].([]any); ok {
		r.orderByAddress(orders, rowLevel)
	}
	switch n["type"] {
	case "SELECT_NODE":
		r.orderByAlias(n)
		return n, nil
	case "BASE_TABLE":
		if cat, _ := n["catalog_name"].(string); strings.EqualFold(cat, "awsdatacatalog") {
			n["catalog_name"] = ""
			r.changed = true
		}
		return n, nil
	case "COMPARE_IN", "COMPARE_NOT_IN":
		if children, ok := n["children"].([]any); ok && anyAddress(children...) {
			if n["type"] == "COMPARE_IN" {
				if folded, err := r.foldIn(children, n, rowLevel, truth); folded != nil || err != nil {
					return folded, err
				}
			}
			for i, c := range children {
				children[i] = r.key(c, rowLevel)
			}
		}
		return n, nil
	}
	switch n["class"] {
	case "CAST":
		if isAddressType(n["cast_type"]) {
			r.changed = true
			return call("athena_ipaddress", n, n["child"]), nil
		}
	case "COMPARISON":
		if anyAddress(n["left"], n["right"]) {
			if folded, err := r.foldComparison(n, rowLevel, truth); folded != nil || err != nil {
				return folded, err
			}
			n["left"], n["right"] = r.key(n["left"], rowLevel), r.key(n["right"], rowLevel)
		}
	case "BETWEEN":
		if anyAddress(n["input"], n["lower"], n["upper"]) {
			if folded, err := r.foldBetween(n, rowLevel, truth); folded != nil || err != nil {
				return folded, err
			}
			n["input"], n["lower"], n["upper"] = r.key(n["input"], rowLevel), r.key(n["lower"], rowLevel), r.key(n["upper"], rowLevel)
		}
	case "FUNCTION":
		return r.function(n, rowLevel, truth)
	}
	return n, nil
}

// function rewrites Presto functions DuckDB spells differently.
func (r *rewriter) function(n map[string]any, rowLevel, truth bool) (any, error) {
	name, _ := n["function_name"].(string)
	args, _ := n["children"].([]any)
	if schema, _ := n["schema"].(string); schema != "" {
		return n, nil
	}
	if len(args) == 1 && strings.EqualFold(name, PrivateMacro) {
		return r.foldPrivate(args[0], n, rowLevel)
	}
	if len(args) != 2 {
		return n, nil
	}
	switch strings.ToLower(name) {
	case "contains":
		if cidr, ok := r.constantCIDR(args[0]); ok {
			return r.foldRange(args[1], cidr, n, rowLevel, truth)
		}
		if isCIDRLiteral(args[0]) || isAddress(args[1]) {
			r.changed = true
			ip := args[1]
			if rowLevel && isAddress(ip) {
				ip = addressText(ip)
			}
			return call("athena_cidr_contains", n, args[0], ip), nil
		}
	case "date_parse":
		if f, ok := stringLiteral(args[1]); ok {
			format, err := r.translate("athena_mysql_format", f)
			if err != nil {
				return nil, err
			}
			r.changed = true
			return call("strptime", n, args[0], literal(format, args[1])), nil
		}
	case "parse_datetime":
		if f, ok := stringLiteral(args[1]); ok {
			format, err := r.translate("athena_joda_format", f)
			if err != nil {
				return nil, err
			}
			r.changed = true
			parsed := call("strptime", nil, args[0], literal(format, args[1]))
			return cast(parsed, "TIMESTAMP WITH TIME ZONE", n), nil
		}
	case "transform":
		if isLambda(args[1]) {
			r.changed = true
			n["function_name"] = "list_transform"
		}
	case "any_match", "all_match", "none_match":
		if isLambda(args[1]) {
			r.changed = true
			agg := "list_bool_or"
			if strings.EqualFold(name, "all_match") {
				agg = "list_bool_and"
			}
			matched := call(agg, nil, call("list_transform", nil, args[0], args[1]))
			if strings.EqualFold(name, "none_match") {
				return not(matched, n), nil
			}
			copyPlace(matched, n)
			return matched, nil
		}
	}
	return n, nil
}

// key is the comparable key of an address operand. In row-level clauses, and
// for literals, an IPADDRESS cast is keyed from its text directly.
func (r *rewriter) key(e any, rowLevel bool) any {
	r.changed = true
	if isAddress(e) && (rowLevel || isConstant(addressText(e))) {
		e = addressText(e)
	}
	if isSimple(e) {
		return call("athena_ip_key_text", nil, cast(e, "VARCHAR", nil))
	}
	return call("athena_ip_key", nil, e)
}

// orderByAddress orders IPADDRESS sort keys by address, not by text.
func (r *rewriter) orderByAddress(orders []any, rowLevel bool) {
	for _, o := range orders {
		if order, ok := o.(map[string]any); ok && isAddress(order["expression"]) {
			order["expression"] = r.key(order["expression"], rowLevel)
		}
	}
}

// orderByAlias orders by address when ORDER BY names the alias or the
// position of an IPADDRESS item in the select list.
func (r *rewriter) orderByAlias(sel map[string]any) {
	items, _ := sel["select_list"].([]any)
	aliases := map[string]bool{}
	for _, it := range items {
		if m, ok := it.(map[string]any); ok && isAddress(m) {
			if a, _ := m["alias"].(string); a != "" {
				aliases[strings.ToLower(a)] = true
			}
		}
	}
	m, _ := orderModifier(sel)
	if m == nil {
		return
	}
	orders, _ := m["orders"].([]any)
	for _, o := range orders {
		order, _ := o.(map[string]any)
		if order == nil {
			continue
		}
		e, _ := order["expression"].(map[string]any)
		switch {
		case e == nil:
		case e["class"] == "COLUMN_REF":
			names, _ := e["column_names"].([]any)
			if len(names) == 1 {
				if name, _ := names[0].(string); aliases[strings.ToLower(name)] {
					order["expression"] = r.key(e, false)
				}
			}
		case e["class"] == "CONSTANT":
			if i, ok := integerLiteral(e); ok && i >= 1 && int(i) <= len(items) && isAddress(items[i-1]) {
				item := deepCopy(items[i-1]).(map[string]any)
				item["alias"] = ""
				order["expression"] = r.key(item, false)
			}
		}
	}
}

// translate runs a format-translation macro on a literal format.
func (r *rewriter) translate(macro, format string) (string, error) {
	var out sql.NullString
	if err := r.conn.QueryRowContext(r.ctx, "SELECT "+macro+"(?)", format).Scan(&out); err != nil {
		return "", fmt.Errorf("translate format %q: %w", format, err)
	}
	return out.String, nil
}

// isAddressType reports whether a cast target is the type IPADDRESS.
func isAddressType(t any) bool {
	ct, _ := t.(map[string]any)
	if ct == nil || ct["id"] != "UNBOUND" {
		return false
	}
	info, _ := ct["type_info"].(map[string]any)
	name, _ := info["name"].(string)
	schema, _ := info["schema"].(string)
	return schema == "" && strings.EqualFold(name, "ipaddress")
}

// isAddress reports whether e is a rewritten IPADDRESS value.
func isAddress(e any) bool {
	m, _ := e.(map[string]any)
	return m != nil && m["class"] == "FUNCTION" && m["function_name"] == "athena_ipaddress"
}

func anyAddress(es ...any) bool {
	for _, e := range es {
		if isAddress(e) {
			return true
		}
	}
	return false
}

// addressText is the text operand of a rewritten IPADDRESS value.
func addressText(e any) any {
	args, _ := e.(map[string]any)["children"].([]any)
	return args[0]
}

// isCIDRLiteral reports whether e is a string literal such as '10.0.0.0/8'
// or '2001:db8::/32'.
func isCIDRLiteral(e any) bool {
	s, ok := stringLiteral(e)
	if !ok || !strings.Contains(s, "/") {
		return false
	}
	_, err := netip.ParsePrefix(strings.TrimSpace(s))
	return err == nil
}

func isLambda(e any) bool {
	m, _ := e.(map[string]any)
	return m != nil && m["class"] == "LAMBDA"
}

func isConstant(e any) bool {
	m, _ := e.(map[string]any)
	return m != nil && m["class"] == "CONSTANT"
}
