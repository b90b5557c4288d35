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
	"github.com/flowduck/flowduck/schema"
)

// TestIsPrivateAgreesWithNetip is a differential test of is_private in
// every form a statement gets it, against net/netip over
// schema.AddressRanges: the first and last address of every range and the
// ones just outside, random IPv4 and IPv6 addresses, each in several
// spellings (IPv4-mapped, expanded, upper case), and malformed text.
// is_private is true for an address in a private range (an IPv4-mapped
// address is its IPv4 address, as in Athena's IPADDRESS), false for any
// other address and NULL for NULL and text net/netip does not read as an
// address (a zone, leading zeros, spaces).
func TestIsPrivateAgreesWithNetip(t *testing.T) {
	n := 300
	if !testing.Short() {
		n = 1500
	}
	rng := rand.New(rand.NewPCG(15, 7))
	var private, all []netip.Prefix
	for _, r := range schema.AddressRanges {
		p := netip.MustParsePrefix(r.CIDR)
		all = append(all, p)
		if r.Private {
			private = append(private, p)
		}
	}
	var texts []string
	for _, p := range all {
		first, last := p.Masked().Addr(), lastAddr(p)
		for _, a := range []netip.Addr{first, last, first.Prev(), last.Next()} {
			if !a.IsValid() {
				continue
			}
			texts = append(texts, a.String(), strings.ToUpper(netip.AddrFrom16(a.As16()).StringExpanded()))
			if a.Is4() {
				texts = append(texts, "::ffff:"+a.String(), netip.AddrFrom16(a.As16()).String())
			}
		}
	}
	texts = append(texts, "FE80::1", "fc00:", "fe80::zz", "fd00::1%eth0", "010.0.0.1", "10.0.0.1/8", "10..0.1",
		"::ffff:10.0.0.1", "::ffff:a00:1", "::ffff:192.168.0.1", "0:0:0:0:0:ffff:ac10:1", "::10.0.0.1", "100.64.0.0.",
		"169.254.169.254", "fe80::", "febf:ffff::", "fec0::", "fbff::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
	texts = append(texts, randomAddressTexts(rng, n, all)...)

	want := make([]string, len(texts))
	for i, s := range texts {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			want[i] = "NULL"
			continue
		}
		in := false
		for _, p := range private {
			in = in || p.Contains(a.Unmap())
		}
		want[i] = strconv.FormatBool(in)
	}

	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, "CREATE TEMP TABLE addrs (id INTEGER, a VARCHAR)")
	var values []string
	for i, s := range texts {
		values = append(values, fmt.Sprintf("(%d, '%s')", i, strings.ReplaceAll(s, "'", "''")))
	}
	values = append(values, fmt.Sprintf("(%d, NULL)", len(texts)))
	want = append(want, "NULL")
	dbtest.Exec(t, conn, "INSERT INTO addrs VALUES "+strings.Join(values, ", "))

	// each form's rows are (id, value); a WHERE keeps the ids whose value
	// is the one given
	where := func(v string) [][]string {
		var out [][]string
		for i, w := range want {
			if w == v {
				out = append(out, []string{strconv.Itoa(i), v})
			}
		}
		return out
	}
	var every, addresses [][]string
	for i, w := range want {
		every = append(every, []string{strconv.Itoa(i), w})
		if w != "NULL" {
			addresses = append(addresses, every[i])
		}
	}
	cases := []struct {
		name, query string
		rewrite     bool
		want        [][]string
	}{
		{"select list", "SELECT id, is_private(a) FROM addrs ORDER BY id", true, every},
		{"the macro, not rewritten", "SELECT id, is_private(a) FROM addrs ORDER BY id", false, every},
		{"WHERE", "SELECT id, 'true' FROM addrs WHERE is_private(a) ORDER BY id", true, where("true")},
		{"WHERE NOT", "SELECT id, 'false' FROM addrs WHERE NOT is_private(a) ORDER BY id", true, where("false")},
		{"CASE WHEN", "SELECT id, CASE WHEN is_private(a) THEN 'true' WHEN NOT is_private(a) THEN 'false' ELSE 'NULL' END FROM addrs ORDER BY id", true, every},
		{"join condition", "SELECT x.id, 'true' FROM addrs x JOIN addrs y ON x.id = y.id AND is_private(y.a) ORDER BY x.id", true, where("true")},
		{"aggregate FILTER", "SELECT id, CAST(count(*) FILTER (WHERE is_private(a)) > 0 AS VARCHAR) FROM addrs WHERE is_private(a) IS NOT NULL GROUP BY id ORDER BY id", true, addresses},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got [][]string
			if tc.rewrite {
				got = rows(t, conn, tc.query)
			} else {
				got = dbtest.Rows(t, conn, tc.query)
			}
			if diff := gocmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-netip +dialect):\n%s", tc.query, diff)
			}
		})
	}
}

// TestIsPrivatePlansCompact: is_private is one call of a Go function, in
// the macro and in every rewritten form, never the address classifier
// (whose lambdas DuckDB would bind and optimise at every call).
func TestIsPrivatePlansCompact(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.OpenMemory(t).Conn
	def := dbtest.One(t, conn, "SELECT macro_definition FROM duckdb_functions() WHERE function_name = '"+dialect.PrivateMacro+"'")
	if !strings.Contains(def, dialect.PrivateFunc) || strings.Contains(def, "list_transform") {
		t.Errorf("is_private is %s", def)
	}
	q, err := dialect.Rewrite(ctx, conn, `SELECT is_private(a) AS p, count(*) FILTER (WHERE NOT is_private(b)) FROM (VALUES ('10.0.0.1', '8.8.8.8')) t(a, b)
		WHERE is_private(a) OR is_private(CAST(b AS IPADDRESS)) GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(q, "list_transform") || strings.Contains(q, dialect.PrivateMacro+"(") && !strings.Contains(q, dialect.PrivateFunc) {
		t.Errorf("rewritten: %s", q)
	}
	if got, want := strings.Count(q, dialect.PrivateFunc+"("), 4; got != want {
		t.Errorf("%d calls of %s, want %d: %s", got, dialect.PrivateFunc, want, q)
	}
}

// lastAddr is the highest address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
