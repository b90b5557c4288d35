package dialect

import "strings"

// An address predicate on a constant network of whole octets (a /8, /16
// or /24) costs a regular expression per row on top of the prefix LIKE:
// the LIKE alone would also let through text such as '10.20.999.1' or
// '10.20.1.1:80', which is no address. The loader checks the addresses of
// every load and the manifest (its addresses_canonical column) says whether every
// file's were canonical. When they were, the LIKE is exact for the address
// columns of flowduck's own tables and views, and the predicate costs what
// the text query does.
//
// A folded predicate that has a canonical form (choiceSQL) is a call of
// chooseFunc with both forms; resolveChoices replaces it with one of them,
// in every SELECT that reads one table or view, once it knows which, and
// with the exact form everywhere else.

// chooseFunc names the placeholder call that holds a folded predicate's
// exact form and its canonical form; it never reaches DuckDB.
const chooseFunc = "flowduck_choose"

// chooseColumn labels a chooseFunc call with the column its operand is
// (lower-cased), when it is a plain column; chooseQualifier with the table
// name or alias it is qualified with, if it is.
const (
	chooseColumn    = "flowduck_choose_column"
	chooseQualifier = "flowduck_choose_qualifier"
)

// labelChoices labels the chooseFunc calls of a folded predicate with the
// operand's column, when the operand is a plain column reference.
func labelChoices(v, operand any) {
	col, _ := operand.(map[string]any)
	if col == nil || col["class"] != "COLUMN_REF" {
		return
	}
	names, _ := col["column_names"].([]any)
	if len(names) == 0 || len(names) > 2 {
		return
	}
	last, _ := names[len(names)-1].(string)
	qualifier := ""
	if len(names) == 2 {
		qualifier, _ = names[0].(string)
	}
	forChoices(v, func(m map[string]any) {
		m[chooseColumn] = strings.ToLower(last)
		m[chooseQualifier] = strings.ToLower(qualifier)
	})
}

// refersTo reports whether a choice's column, qualified with qualifier (or
// not), is a column of the FROM table from rather than of an outer query's.
func refersTo(from map[string]any, qualifier string) bool {
	if qualifier == "" {
		return true // the innermost FROM that has the column binds it, and canonicalColumn checks it has
	}
	alias, _ := from["alias"].(string)
	table, _ := from["table_name"].(string)
	if alias != "" {
		return strings.EqualFold(alias, qualifier)
	}
	return strings.EqualFold(table, qualifier)
}

// forChoices calls f on every chooseFunc call of v, not inside a nested SELECT.
func forChoices(v any, f func(map[string]any)) { forNodes(v, isChoice, f) }

func isChoice(n map[string]any) bool {
	return n["class"] == "FUNCTION" && n["function_name"] == chooseFunc
}

// resolveChoices replaces every chooseFunc call of the tree with one of its
// forms: the canonical one in a SELECT that reads a single table or view
// whose column it is canonical in (canonicalColumn), the exact one elsewhere.
func (r *rewriter) resolveChoices(root map[string]any) {
	ctes := map[string]bool{}
	cteNames(root, ctes)
	forSingleTableSelects(root, ctes, r.chooseSelect)
	replaceChoices(root, nil)
}

// chooseSelect resolves the choices of one SELECT node that reads the
// single table or view from (not of the SELECTs nested in it).
func (r *rewriter) chooseSelect(sel, from map[string]any) {
	for _, k := range selectClauses {
		sel[k] = replaceChoices(sel[k], func(m map[string]any) bool {
			col, _ := m[chooseColumn].(string)
			qualifier, _ := m[chooseQualifier].(string)
			return col != "" && refersTo(from, qualifier) && r.canonicalColumn(from, col)
		})
	}
}

// replaceChoices returns v with every chooseFunc call (not inside a nested
// SELECT) replaced by its canonical form when canonical accepts it, else by
// its exact form. A nil canonical picks the exact form of every call, nested
// SELECTs included.
func replaceChoices(v any, canonical func(map[string]any) bool) any {
	switch n := v.(type) {
	case []any:
		for i, c := range n {
			n[i] = replaceChoices(c, canonical)
		}
	case map[string]any:
		if n["type"] == "SELECT_NODE" && canonical != nil {
			return n
		}
		if isChoice(n) {
			args, _ := n["children"].([]any)
			pick := 0
			if canonical != nil && canonical(n) {
				pick = 1
			}
			chosen, _ := args[pick].(map[string]any)
			copyPlace(chosen, n)
			if pick == 1 {
				chosen[canonicalTop] = true
			}
			return replaceChoices(chosen, canonical)
		}
		for k, c := range n {
			n[k] = replaceChoices(c, canonical)
		}
	}
	return v
}

// canonicalTop marks the top of a chosen canonical form, "(guard OR CASE
// WHEN other spellings THEN exact END)", for simplifyCanonical.
const canonicalTop = "flowduck_canonical_top"

// simplifyCanonical replaces each chosen canonical form whose other
// spellings the statistics ruled out (pruneSpellings made each test false)
// with its guard alone, and removes the marks. The form stands in a truth
// place, where the CASE's NULL adds nothing; DuckDB would keep "guard OR
// NULL" and evaluate it a fifth slower than the LIKE alone.
func simplifyCanonical(v any) any {
	switch n := v.(type) {
	case []any:
		for i, c := range n {
			n[i] = simplifyCanonical(c)
		}
	case map[string]any:
		if n[canonicalTop] == true {
			delete(n, canonicalTop)
			if args, _ := n["children"].([]any); n["type"] == "CONJUNCTION_OR" && len(args) == 2 && onlyFalseWhens(args[1]) {
				guard, _ := args[0].(map[string]any)
				copyPlace(guard, n)
				return simplifyCanonical(guard)
			}
		}
		for k, c := range n {
			n[k] = simplifyCanonical(c)
		}
	}
	return v
}

// onlyFalseWhens reports whether e is a CASE whose every condition is false.
func onlyFalseWhens(e any) bool {
	m, _ := e.(map[string]any)
	checks, _ := m["case_checks"].([]any)
	if m["class"] != "CASE" || len(checks) == 0 {
		return false
	}
	for _, c := range checks {
		cm, _ := c.(map[string]any)
		if !isFalse(cm["when_expr"]) {
			return false
		}
	}
	return true
}

// isFalse reports whether e is the constant false as replaceMarked writes it
// (CAST('false' AS BOOLEAN)), or an OR of such.
func isFalse(e any) bool {
	m, _ := e.(map[string]any)
	switch {
	case m == nil:
		return false
	case m["type"] == "CONJUNCTION_OR":
		args, _ := m["children"].([]any)
		for _, a := range args {
			if !isFalse(a) {
				return false
			}
		}
		return len(args) > 0
	case m["class"] == "CAST":
		t, _ := m["cast_type"].(map[string]any)
		c, _ := m["child"].(map[string]any)
		s, ok := stringLiteral(c)
		return t["id"] == "BOOLEAN" && ok && s == "false"
	}
	return false
}
