package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/schema"
)

// TestViewFields: the view always has Athena's v2-v5 columns, a later field
// only once loaded, and unknown loaded fields last in name order.
func TestViewFields(t *testing.T) {
	loaded := map[string]string{"srcaddr": "VARCHAR", "reject_reason": "VARCHAR", "zeta_field": "VARCHAR", "alpha_field": "VARCHAR"}
	var names []string
	for _, f := range ViewFields(loaded) {
		names = append(names, f.Column)
	}
	base := len(schema.AthenaTableFields())
	if len(names) != base+3 {
		t.Fatalf("%d fields, want the %d v2-v5 fields + reject_reason + 2 unknown: %v", len(names), base, names)
	}
	if diff := cmp.Diff([]string{"reject_reason", "alpha_field", "zeta_field"}, names[base:]); diff != "" {
		t.Errorf("fields after v5 (-want +got):\n%s", diff)
	}
	for _, n := range names {
		if strings.HasPrefix(n, "ecs_") {
			t.Errorf("%s is in the view but was never loaded", n)
		}
	}
}

// TestViewsFollowLoadedColumns creates the model, adds a later-version
// column, and checks each layout's view binds: missing v2-v5 columns are
// typed NULLs, and a remembered view is recreated with the new column.
func TestViewsFollowLoadedColumns(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.OpenPlain(t).Conn
	if err := Ensure(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if _, err := AddColumns(ctx, conn, []schema.Field{schema.FieldFor("srcaddr"), schema.FieldFor("dstport")}); err != nil {
		t.Fatal(err)
	}
	for _, l := range schema.Layouts {
		if err := CreateView(ctx, conn, "v_"+l.Name, l.Name); err != nil {
			t.Fatalf("layout %s: %v", l.Name, err)
		}
	}
	if err := RefreshViews(ctx, conn); err != nil {
		t.Fatal(err)
	}
	var typ string
	if err := conn.QueryRowContext(ctx, `SELECT column_type FROM (DESCRIBE v_current) WHERE column_name = 'tcp_flags'`).Scan(&typ); err != nil || typ != "INTEGER" {
		t.Errorf("tcp_flags of a never-loaded field: %q, %v; want a typed INTEGER NULL", typ, err)
	}
	if _, err := AddColumns(ctx, conn, []schema.Field{schema.FieldFor("reject-reason")}); err != nil {
		t.Fatal(err)
	}
	if err := RefreshViews(ctx, conn); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT reject_reason FROM v_current`,
		`SELECT rejectreason, sourceaddress, dt, date FROM "default".v_legacy`,
		`SELECT accid, region, day FROM v_projection`,
		`SELECT "aws-account-id", "aws-service", year, month, day, hour FROM v_hive`,
		`SELECT date_partition, region_partition, account_partition FROM v_bootstrap`,
		`SELECT date FROM "default".vpc_flow_logs`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// TestFlowsViewIsFlowducks: FlowsView keeps the current layout when the
// user makes vpc_flow_logs another layout, and no user view may take its
// name (or any flowduck_ name) in any case.
func TestFlowsViewIsFlowducks(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.OpenPlain(t).Conn
	if err := Ensure(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if _, err := AddColumns(ctx, conn, []schema.Field{schema.FieldFor("srcaddr"), schema.FieldFor("log-status")}); err != nil {
		t.Fatal(err)
	}
	if err := CreateView(ctx, conn, DefaultView, "legacy"); err != nil {
		t.Fatal(err)
	}
	if err := RefreshViews(ctx, conn); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT srcaddr, log_status, date FROM ` + FlowsView,
		`SELECT sourceaddress, logstatus, dt FROM ` + DefaultView,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	for _, name := range []string{FlowsView, "FLOWDUCK_VPC_FLOW_LOGS", RecordsTable, "flowduck_mine"} {
		if err := CreateView(ctx, conn, name, "legacy"); !errors.Is(err, ErrReservedName) {
			t.Errorf("CreateView(%s) = %v, want ErrReservedName", name, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `SELECT log_status FROM `+FlowsView); err != nil {
		t.Errorf("%s after the refused views: %v", FlowsView, err)
	}
}
