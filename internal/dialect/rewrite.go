package dialect

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// triggerWords are the identifiers a statement must contain (in any case)
// for Rewrite to parse it; any other statement is returned unchanged without
// a round trip to DuckDB.
var triggerWords = map[string]bool{
	"ipaddress":      true,
	"contains":       true,
	"date_parse":     true,
	"parse_datetime": true,
	"transform":      true,
	"any_match":      true,
	"all_match":      true,
	"none_match":     true,
	"awsdatacatalog": true,
	PrivateMacro:     true,
}

// Rewrite returns stmt with the Athena constructs that SQL macros cannot
// express rewritten in DuckDB's own syntax tree, never in the text: it parses
// stmt with json_serialize_sql, rewrites the JSON tree and turns it back into
// SQL with json_deserialize_sql. The rewrites (see rewrite_rules.go) are:
// CAST/TRY_CAST(x AS IPADDRESS) and IPADDRESS '...' literals; comparisons,
// IN, BETWEEN and ORDER BY on addresses (numeric order, IPv4 and IPv6);
// contains(cidr, ip); date_parse and parse_datetime with a literal format;
// the Presto lambda functions transform, any_match, all_match, none_match;
// and the catalog prefix awsdatacatalog.
//
// A statement without a trigger word, one the tree does not change, and one
// json_serialize_sql cannot serialize (anything but SELECT: CREATE VIEW,
// CREATE TABLE AS, INSERT, SET, PRAGMA, or a syntax error) is returned
// unchanged, byte for byte, for DuckDB to run or reject.
func Rewrite(ctx context.Context, conn *sql.Conn, stmt string) (string, error) {
	return RewriteParams(ctx, conn, stmt, nil)
}

// RewriteParams is Rewrite for a statement whose $name parameters have the
// given values (a report's bound arguments, as text). A CIDR passed as a
// parameter then folds into a predicate on the address text as a literal
// one does; the parameter stays wherever it is not folded, so the caller
// binds the parameters the rewritten statement still reads.
func RewriteParams(ctx context.Context, conn *sql.Conn, stmt string, params map[string]string) (string, error) {
	if !hasTriggerWord(stmt) {
		return stmt, nil
	}
	var serialized string
	if err := conn.QueryRowContext(ctx, "SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR)", stmt).Scan(&serialized); err != nil {
		return "", fmt.Errorf("rewrite %s: serialize: %w", abbreviate(stmt), err)
	}
	root, err := decodeTree(serialized)
	if err != nil {
		return "", fmt.Errorf("rewrite %s: %w", abbreviate(stmt), err)
	}
	if failed, _ := root["error"].(bool); failed {
		return stmt, nil
	}
	r := &rewriter{ctx: ctx, conn: conn, params: params}
	markTruth(root)
	if _, err := r.walk(root, false); err != nil {
		return "", fmt.Errorf("rewrite %s: %w", abbreviate(stmt), err)
	}
	if !r.changed {
		return stmt, nil
	}
	r.resolveChoices(root)
	r.pruneSpellings(root)
	simplifyCanonical(root)
	if err := r.narrowTopN(root); err != nil {
		return "", fmt.Errorf("rewrite %s: %w", abbreviate(stmt), err)
	}
	encoded, err := json.Marshal(root)
	if err != nil {
		return "", fmt.Errorf("rewrite %s: encode tree: %w", abbreviate(stmt), err)
	}
	var out string
	if err := conn.QueryRowContext(ctx, "SELECT json_deserialize_sql(CAST(? AS JSON))", string(encoded)).Scan(&out); err != nil {
		return "", fmt.Errorf("rewrite %s: deserialize: %w", abbreviate(stmt), err)
	}
	return out, nil
}

// hasTriggerWord reports whether stmt contains one of triggerWords as a whole
// identifier-like token, case-insensitively.
func hasTriggerWord(stmt string) bool {
	isWord := func(r rune) bool {
		return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	for _, tok := range strings.FieldsFunc(stmt, func(r rune) bool { return !isWord(r) }) {
		if triggerWords[strings.ToLower(tok)] {
			return true
		}
	}
	return false
}

// decodeTree parses json_serialize_sql output, keeping numbers as written
// (query locations are 64-bit and must survive the round trip exactly).
func decodeTree(s string) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("decode syntax tree: %w", err)
	}
	return root, nil
}

// abbreviate shortens a statement for an error message.
func abbreviate(stmt string) string {
	s := strings.Join(strings.Fields(stmt), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return fmt.Sprintf("%q", s)
}
