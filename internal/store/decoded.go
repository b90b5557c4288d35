package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// DecodedView is the view of every column of FlowsView (vpc_flow_logs in
// the current layout, unchanged) followed by schema.DecodedColumns: times,
// protocol, flag and service names, address scopes and direction. It is
// created in main and mirrored in "default" after every load; its SQL uses
// only built-in functions and literals (no temporary macro), so the file
// reads in plain DuckDB. A user table of the same name wins: the view is
// then not created.
const DecodedView = schema.DecodedView

// decodedQuery returns the SELECT that defines DecodedView. The inner query
// computes what two columns need (the address scopes, the service port), the
// outer one names the decoded columns in schema.DecodedColumns order.
func decodedQuery() (string, error) {
	src, err := schema.ScopeSQL("srcaddr")
	if err != nil {
		return "", err
	}
	dst, err := schema.ScopeSQL("dstaddr")
	if err != nil {
		return "", err
	}
	exprs := map[string]string{
		"start_time":      "to_timestamp(start)",
		"end_time":        `to_timestamp("end")`,
		"duration_s":      `"end" - start`,
		"protocol_name":   "coalesce(" + protocolList() + "[protocol + 1], CAST(protocol AS VARCHAR))",
		"tcp_flags_names": flagNamesSQL(),
		"service":         serviceSQL(),
		"src_scope":       "src_scope",
		"dst_scope":       "dst_scope",
		// The interface's own address is srcaddr of what it sends and
		// dstaddr of what it receives; a pkt- address that differs marks
		// the other side as the real endpoint.
		"direction": `CASE
    WHEN flow_direction IS NOT NULL THEN flow_direction
    WHEN pkt_dstaddr <> dstaddr THEN 'ingress'
    WHEN pkt_srcaddr <> srcaddr THEN 'egress'
    ELSE ` + scopeDirectionSQL() + `
  END`,
	}
	cols := make([]string, 0, len(schema.DecodedColumns))
	for _, c := range schema.DecodedColumns {
		expr, ok := exprs[c.Column]
		if !ok {
			return "", fmt.Errorf("view %s: no SQL for column %s", DecodedView, c.Column)
		}
		cols = append(cols, expr+" AS "+Ident(c.Column))
	}
	return "SELECT\n  * EXCLUDE (src_scope, dst_scope, service_port),\n  " + strings.Join(cols, ",\n  ") +
		"\nFROM (\n  SELECT *,\n  " + src + " AS src_scope,\n  " + dst + " AS dst_scope,\n  least(srcport, dstport) AS service_port\n  FROM main." +
		Ident(FlowsView) + "\n)", nil
}

// scopeDirectionSQL tells direction from the two scopes: egress from a
// private scope to public, ingress the other way. The pair is bound once
// (a lambda over a one-element list): DuckDB inlines the inner query's
// scope columns, so each mention would classify the addresses again.
func scopeDirectionSQL() string {
	var egress, ingress []string
	for _, p := range schema.PrivateScopes() {
		egress = append(egress, p+">"+schema.ScopePublic)
		ingress = append(ingress, schema.ScopePublic+">"+p)
	}
	return "list_transform([src_scope || '>' || dst_scope], lambda scopes: CASE WHEN scopes IN (" + LiteralList(egress) +
		") THEN 'egress' WHEN scopes IN (" + LiteralList(ingress) + ") THEN 'ingress' END)[1]"
}

// protocolList is schema.Protocols as a list literal of 256 names (NULL
// where unassigned), indexed by protocol + 1.
func protocolList() string {
	names := make([]string, 256)
	for i := range names {
		names[i] = "NULL"
		if i < len(schema.Protocols) && schema.Protocols[i] != "" {
			names[i] = Literal(schema.Protocols[i])
		}
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// flagNamesSQL names the bits of tcp_flags in schema.TCPFlags order.
func flagNamesSQL() string {
	parts := make([]string, len(schema.TCPFlags))
	for i, f := range schema.TCPFlags {
		parts[i] = fmt.Sprintf("CASE WHEN tcp_flags & %d <> 0 THEN %s END", f.Bit, Literal(f.Name))
	}
	return "CASE WHEN tcp_flags IS NOT NULL THEN concat_ws('|', " + strings.Join(parts, ", ") + ") END"
}

// serviceSQL names the service of service_port from schema.Services.
func serviceSQL() string {
	var b strings.Builder
	protos := make([]string, len(schema.ServiceProtocols))
	for i, p := range schema.ServiceProtocols {
		protos[i] = strconv.Itoa(p)
	}
	// The port is bound once (see scopeDirectionSQL).
	b.WriteString("CASE WHEN protocol IN (" + strings.Join(protos, ", ") + ") THEN list_transform([service_port], lambda port: CASE port")
	for _, s := range schema.Services {
		fmt.Fprintf(&b, " WHEN %d THEN %s", s.Port, Literal(s.Name))
	}
	b.WriteString(" END)[1] END")
	return b.String()
}

// createDecodedView creates or replaces DecodedView in main and its mirror
// in "default", unless a table of that name is there.
func createDecodedView(ctx context.Context, q Querier) error {
	query, err := decodedQuery()
	if err != nil {
		return err
	}
	stmts := []struct{ schema, sql string }{
		{"main", "CREATE OR REPLACE VIEW main." + Ident(DecodedView) + " AS\n" + query},
		{AthenaSchema, "CREATE OR REPLACE VIEW " + Ident(AthenaSchema) + "." + Ident(DecodedView) + " AS SELECT * FROM main." + Ident(DecodedView)},
	}
	for _, s := range stmts {
		var tables int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ? AND table_name = ?`,
			s.schema, DecodedView).Scan(&tables); err != nil {
			return fmt.Errorf("create view %s: %w", DecodedView, err)
		}
		if tables > 0 {
			// The user's table; the mirror would show it, so skip that too.
			return nil
		}
		if _, err := q.ExecContext(ctx, s.sql); err != nil {
			return fmt.Errorf("create view %s: %w", DecodedView, err)
		}
	}
	return nil
}
