package loader

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
)

// TestAddressCheck: each load records in the manifest whether its addresses
// were canonical; a network's predicate is the prefix LIKE alone while every
// file's were, and exact (a regular expression behind the LIKE) once one
// file brings text such as '10.20.01.1', which the LIKE would count.
func TestAddressCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// a session with the dialect installed, as the REPL loads in
	s := dbtest.OpenOptions(t, duck.Options{Path: filepath.Join(dir, "test.duckdb")})
	good := writeFile(t, dir, "good.log", flowLines(300, 0))
	mustLoad(t, s, Options{Sources: []string{good}})
	if got := one(t, s, "SELECT string_agg(CAST(addresses_canonical AS VARCHAR), ',') FROM flowduck_files"); got != "true" {
		t.Fatalf("manifest addresses_canonical = %s, want true", got)
	}
	const q = "SELECT count(*) FROM vpc_flow_logs WHERE contains('10.0.0.0/16', CAST(srcaddr AS IPADDRESS))"
	rewritten, err := dialect.Rewrite(ctx, s.Conn, q)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rewritten, "regexp") || !strings.Contains(rewritten, "'10.0.%'") {
		t.Errorf("canonical addresses: %s", rewritten)
	}
	if got := one(t, s, rewritten); got != "300" {
		t.Errorf("%s = %s, want 300", q, got)
	}

	odd := strings.Replace(flowLines(3, 0), " 10.0.1.1 ", " 10.0.01.1 ", 1)
	mustLoad(t, s, Options{Sources: []string{writeFile(t, dir, "odd.log", odd)}})
	if got := one(t, s, "SELECT string_agg(CAST(addresses_canonical AS VARCHAR), ',' ORDER BY path) FROM flowduck_files"); got != "true,false" {
		t.Fatalf("manifest addresses_canonical = %s, want true,false", got)
	}
	rewritten, err = dialect.Rewrite(ctx, s.Conn, q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rewritten, "regexp") {
		t.Errorf("a file with '10.0.01.1': %s", rewritten)
	}
	if got := one(t, s, rewritten); got != "302" {
		t.Errorf("%s = %s, want 302 (not '10.0.01.1')", q, got)
	}
}
