package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/schema"
)

// plainConn is a connection to a new in-memory database with nothing of
// flowduck's installed: no dialect, no temporary macro.
func plainConn(t *testing.T) *sql.Conn {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := Ensure(ctx, conn); err != nil {
		t.Fatal(err)
	}
	return conn
}

// TestDecodedViewColumns: the flows view is vpc_flow_logs's columns,
// unchanged, then schema.DecodedColumns with their types, also as
// "default".flows, on a plain DuckDB connection.
func TestDecodedViewColumns(t *testing.T) {
	ctx := context.Background()
	conn := plainConn(t)
	if _, err := AddColumns(ctx, conn, schema.DefaultFormat()); err != nil {
		t.Fatal(err)
	}
	if err := RefreshViews(ctx, conn); err != nil {
		t.Fatal(err)
	}
	describe := func(view string) (names, types []string) {
		rows, err := conn.QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE "+view+")")
		if err != nil {
			t.Fatalf("describe %s: %v", view, err)
		}
		defer rows.Close()
		for rows.Next() {
			var n, typ string
			if err := rows.Scan(&n, &typ); err != nil {
				t.Fatal(err)
			}
			names, types = append(names, n), append(types, typ)
		}
		return names, types
	}
	base, baseTypes := describe(DefaultView)
	wantNames, wantTypes := base, baseTypes
	for _, c := range schema.DecodedColumns {
		wantNames = append(wantNames, c.Column)
		wantTypes = append(wantTypes, c.DuckType)
	}
	for _, view := range []string{DecodedView, `"default".` + DecodedView} {
		names, types := describe(view)
		if diff := cmp.Diff(wantNames, names); diff != "" {
			t.Errorf("%s columns (-want +got):\n%s", view, diff)
		}
		if diff := cmp.Diff(wantTypes, types); diff != "" {
			t.Errorf("%s types (-want +got):\n%s", view, diff)
		}
	}
}

// TestDecodedValues decodes hand-made records on a plain connection: every
// protocol, flag and service comes from the schema's tables.
func TestDecodedValues(t *testing.T) {
	ctx := context.Background()
	conn := plainConn(t)
	if _, err := AddColumns(ctx, conn, append(schema.DefaultFormat(), schema.FieldFor("tcp-flags"), schema.FieldFor("pkt-srcaddr"), schema.FieldFor("pkt-dstaddr"))); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO `+RecordsTable+` (srcaddr, dstaddr, pkt_srcaddr, pkt_dstaddr, srcport, dstport, protocol, tcp_flags, start, "end") VALUES
		('10.0.0.5', '8.8.8.8', NULL, NULL, 40000, 53, 17, 0, 100, 160),
		('fe80::1', 'ff02::1', NULL, NULL, 5432, 60000, 6, 255, 0, 0),
		('::1', '100.64.1.1', NULL, NULL, 3389, 3389, 47, NULL, NULL, NULL),
		('127.0.0.1', '255.255.255.255', NULL, NULL, 1, 2, 200, 4, 1, 2),
		('10.0.0.5', '10.0.0.6', '10.0.0.5', '10.9.9.9', 50000, 443, 6, 18, 5, 9),
		('fd00::1', 'not-an-ip', NULL, NULL, NULL, NULL, 58, NULL, NULL, NULL)`); err != nil {
		t.Fatal(err)
	}
	if err := RefreshViews(ctx, conn); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT srcaddr, duration_s, protocol_name, tcp_flags_names, service, src_scope, dst_scope, direction
		FROM `+DecodedView+` ORDER BY srcaddr, dstaddr`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]string
	for rows.Next() {
		vals := make([]sql.NullString, 8)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		got = append(got, row)
	}
	want := [][]string{
		{"10.0.0.5", "4", "tcp", "SYN|ACK", "https", "private", "private", "ingress"},
		{"10.0.0.5", "60", "udp", "", "dns", "private", "public", "egress"},
		{"127.0.0.1", "1", "200", "RST", "NULL", "loopback", "broadcast", "NULL"},
		{"::1", "NULL", "gre", "NULL", "NULL", "loopback", "cgnat", "NULL"},
		{"fd00::1", "NULL", "ipv6-icmp", "NULL", "NULL", "private", "NULL", "NULL"},
		{"fe80::1", "0", "tcp", "FIN|SYN|RST|PSH|ACK|URG|ECE|CWR", "postgresql", "link-local", "multicast", "NULL"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
}

// TestDecodedViewNameIsFlowducks: no user view may be called flows, and a
// user table of that name is left alone by loads.
func TestDecodedViewNameIsFlowducks(t *testing.T) {
	ctx := context.Background()
	conn := plainConn(t)
	if err := CreateView(ctx, conn, "FLOWS", "legacy"); !errors.Is(err, ErrReservedName) {
		t.Errorf("CreateView(FLOWS) = %v, want ErrReservedName", err)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE flows AS SELECT 42 AS answer`); err != nil {
		t.Fatal(err)
	}
	if err := RefreshViews(ctx, conn); err != nil {
		t.Fatalf("refresh with a user table flows: %v", err)
	}
	var answer int
	if err := conn.QueryRowContext(ctx, `SELECT answer FROM flows`).Scan(&answer); err != nil || answer != 42 {
		t.Errorf("user table flows: %d, %v; want it kept", answer, err)
	}
}
