package dialect_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
)

// TestCanonicalAddressesAgreeWithNetip is the differential test of the
// canonical form (rewrite_choose.go): on flowduck's records table and views,
// whose manifest says every address text is canonical, a /8, /16 or /24
// network is its prefix LIKE alone, with IPv4 addresses also written as
// IPv6 and texts that are no address around them, and the answers are
// netip's. A view that is not flowduck's, a CTE, or a manifest that says
// no keep the exact form.
func TestCanonicalAddressesAgreeWithNetip(t *testing.T) {
	ctx := context.Background()
	n := 300
	if !testing.Short() {
		n = 3000
	}
	rng := rand.New(rand.NewPCG(29, 11))
	nets := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("10.20.0.0/16"), netip.MustParsePrefix("192.168.7.0/24")}
	for len(nets) < 12 {
		nets = append(nets, netip.PrefixFrom(randomV4(rng), []int{8, 16, 24}[rng.IntN(3)]).Masked())
	}
	// canonical dotted quads, and texts that do not start with digits and
	// a dot: IPv6 in any spelling (IPv4-mapped ones too), and no address
	texts := []string{"::ffff:10.20.1.1", "0:0:0:0:0:ffff:a14:101", "::FFFF:A00:1", "g::1", "-", "2001:db8::1", "fe80::1"}
	for len(texts) < n {
		var a netip.Addr
		if rng.IntN(4) == 0 {
			a = randomV6(rng)
		} else {
			a = edge(rng, nets[rng.IntN(len(nets))])
		}
		if !a.IsValid() {
			continue
		}
		s := spell(rng, a)
		if a.Is4() && rng.IntN(2) == 0 {
			s = a.String()
		}
		texts = append(texts, s)
	}

	conn := dbtest.OpenMemory(t).Conn
	records, files, canonical, _ := dialect.StoreNames()
	dbtest.Exec(t, conn,
		fmt.Sprintf("CREATE TABLE %s (id BIGINT, records BIGINT, %s BOOLEAN)", files, canonical),
		fmt.Sprintf("INSERT INTO %s VALUES (1, %d, true), (2, 0, NULL)", files, len(texts)),
		fmt.Sprintf("CREATE TABLE %s (id INTEGER, srcaddr VARCHAR, dstaddr VARCHAR)", records),
		fmt.Sprintf("CREATE VIEW vpc_flow_logs AS SELECT id AS id, srcaddr AS srcaddr, dstaddr AS dstaddr FROM main.%s", records),
		"CREATE SCHEMA athena",
		"CREATE VIEW athena.vpc_flow_logs AS SELECT * FROM main.vpc_flow_logs",
		fmt.Sprintf("CREATE VIEW swapped AS SELECT id AS id, dstaddr AS srcaddr FROM main.%s", records))
	var values []string
	for i, s := range texts {
		values = append(values, fmt.Sprintf("(%d, '%s', '%s')", i, strings.ReplaceAll(s, "'", "''"), strings.ReplaceAll(texts[len(texts)-1-i], "'", "''")))
	}
	dbtest.Exec(t, conn, fmt.Sprintf("INSERT INTO %s VALUES %s", records, strings.Join(values, ", ")))

	want := func(p netip.Prefix, column int) [][]string {
		var out [][]string
		for i := range texts {
			s := texts[i]
			if column == 1 {
				s = texts[len(texts)-1-i]
			}
			if a, err := netip.ParseAddr(s); err == nil && a.Zone() == "" && a.Unmap().Is4() && p.Contains(a.Unmap()) {
				out = append(out, []string{strconv.Itoa(i)})
			}
		}
		return out
	}
	check := func(t *testing.T, from, column string, p netip.Prefix, exact bool, wantRows [][]string) {
		t.Helper()
		q := fmt.Sprintf("SELECT id FROM %s WHERE contains('%s', CAST(%s AS IPADDRESS)) ORDER BY id", from, p, column)
		if strings.HasPrefix(from, "(") {
			q = fmt.Sprintf("WITH c AS %s SELECT id FROM c WHERE contains('%s', CAST(%s AS IPADDRESS)) ORDER BY id", from, p, column)
		}
		rewritten, err := dialect.Rewrite(ctx, conn, q)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(rewritten, "regexp_full_match"); got != exact {
			t.Errorf("%s: exact form %v, want %v: %s", q, got, exact, rewritten)
		}
		if diff := gocmp.Diff(wantRows, dbtest.Rows(t, conn, rewritten)); diff != "" {
			t.Errorf("%s (-netip +dialect):\n%s", q, diff)
		}
	}
	for _, p := range nets {
		t.Run(p.String(), func(t *testing.T) {
			check(t, "vpc_flow_logs", "srcaddr", p, false, want(p, 0))
			check(t, "vpc_flow_logs", "dstaddr", p, false, want(p, 1))
			check(t, "athena.vpc_flow_logs", "srcaddr", p, false, want(p, 0))
			check(t, records, "dstaddr", p, false, want(p, 1))
			check(t, "swapped", "srcaddr", p, true, want(p, 1))
			check(t, "(SELECT * FROM vpc_flow_logs)", "srcaddr", p, true, want(p, 0))
		})
	}
	// A column of an outer query's table, qualified, inside a subquery that
	// reads vpc_flow_logs, keeps the exact form: its texts were not checked.
	dbtest.Exec(t, conn, "CREATE TABLE other (id INTEGER, srcaddr VARCHAR)",
		"INSERT INTO other VALUES (1, '10.20.01.1'), (2, '10.20.1.1'), (3, '10.20.1.1:80')")
	q := "SELECT id FROM other o WHERE EXISTS (SELECT 1 FROM vpc_flow_logs v WHERE contains('10.20.0.0/16', CAST(o.srcaddr AS IPADDRESS))) ORDER BY id"
	rewritten, err := dialect.Rewrite(ctx, conn, q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rewritten, "regexp_full_match") {
		t.Errorf("outer column: canonical form: %s", rewritten)
	}
	if diff := gocmp.Diff([][]string{{"2"}}, dbtest.Rows(t, conn, rewritten)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", q, diff)
	}

	// A network that is not of whole octets keeps its regular expression.
	p := netip.MustParsePrefix("10.16.0.0/12")
	check(t, "vpc_flow_logs", "srcaddr", p, true, want(p, 0))

	dbtest.Exec(t, conn, fmt.Sprintf("INSERT INTO %s VALUES (3, 1, NULL)", files))
	for _, p := range nets[:3] {
		check(t, "vpc_flow_logs", "srcaddr", p, true, want(p, 0))
	}
}
