package dialect

import (
	"encoding/json"
)

// The constructors below build json_serialize_sql expression nodes. Each
// takes the node it replaces (or nil) and keeps its alias and location, so
// the select list keeps its column names.

// call is a function call node.
func call(name string, replaced map[string]any, args ...any) map[string]any {
	n := map[string]any{
		"class": "FUNCTION", "type": "FUNCTION",
		"function_name": name, "schema": "", "catalog": "",
		"children": args, "filter": nil,
		"order_bys": map[string]any{"type": "ORDER_MODIFIER", "orders": []any{}},
		"distinct":  false, "is_operator": false, "export_state": false,
	}
	copyPlace(n, replaced)
	return n
}

// cast is CAST(child AS typeID) for a built-in type.
func cast(child any, typeID string, replaced map[string]any) map[string]any {
	n := map[string]any{
		"class": "CAST", "type": "OPERATOR_CAST", "child": child,
		"cast_type": map[string]any{"id": typeID, "type_info": nil},
		"try_cast":  false,
	}
	copyPlace(n, replaced)
	return n
}

// not is NOT child.
func not(child any, replaced map[string]any) map[string]any {
	n := map[string]any{"class": "OPERATOR", "type": "OPERATOR_NOT", "children": []any{child}}
	copyPlace(n, replaced)
	return n
}

// literal is a VARCHAR constant.
func literal(s string, replaced any) map[string]any {
	n := map[string]any{
		"class": "CONSTANT", "type": "VALUE_CONSTANT",
		"value": map[string]any{"type": map[string]any{"id": "VARCHAR", "type_info": nil}, "is_null": false, "value": s},
	}
	r, _ := replaced.(map[string]any)
	copyPlace(n, r)
	return n
}

// copyPlace copies alias and query location from the replaced node.
func copyPlace(n, replaced map[string]any) {
	n["alias"] = ""
	n["query_location"] = json.Number("18446744073709551615")
	if replaced == nil {
		return
	}
	if a, ok := replaced["alias"]; ok {
		n["alias"] = a
	}
	if l, ok := replaced["query_location"]; ok {
		n["query_location"] = l
	}
}

// stringLiteral is the value of a non-NULL VARCHAR constant.
func stringLiteral(e any) (string, bool) {
	m, _ := e.(map[string]any)
	if m == nil || m["class"] != "CONSTANT" {
		return "", false
	}
	v, _ := m["value"].(map[string]any)
	t, _ := v["type"].(map[string]any)
	if t == nil || t["id"] != "VARCHAR" || v["is_null"] == true {
		return "", false
	}
	s, ok := v["value"].(string)
	return s, ok
}

// integerLiteral is the value of an integer constant (ORDER BY 1).
func integerLiteral(e map[string]any) (int64, bool) {
	v, _ := e["value"].(map[string]any)
	if v == nil || v["is_null"] == true {
		return 0, false
	}
	num, ok := v["value"].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := num.Int64()
	return i, err == nil
}

// deepCopy copies a decoded JSON value.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(t))
		for k, x := range t {
			c[k] = deepCopy(x)
		}
		return c
	case []any:
		c := make([]any, len(t))
		for i, x := range t {
			c[i] = deepCopy(x)
		}
		return c
	}
	return v
}
