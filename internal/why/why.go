// Package why answers "why can SRC not reach DST?" from the flow logs: every
// record between two endpoints in both directions, counted per direction and
// service port, with a verdict per port (reachable; blocked by a security
// group or a network ACL; a network ACL on the reply path; no evidence) and
// the records each verdict rests on. The SQL is one embedded report file
// (why.sql) that runs through package queries like any saved report: the
// common filters, the is_private macro and the Athena dialect apply. Its
// tests are queries/why_test.go, beside the reports.
package why

import (
	_ "embed"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/queries"
)

//go:embed why.sql
var whySQL string

// Parameter names of the why report.
const (
	ParamSrc      = "src"
	ParamDst      = "dst"
	ParamPort     = "port"
	ParamProtocol = "protocol"
)

// AnyPort is the port parameter's value for every port.
const AnyPort = "any"

// Protocols are the values --protocol accepts.
var Protocols = []string{"tcp", "udp", "icmp"}

// report parses why.sql once.
var report = sync.OnceValues(func() (queries.Report, error) {
	return queries.Parse(whySQL, queries.BuiltIn, "why")
})

// Report returns the why report (for its parameters, e.g. to split the
// shell's k=v arguments).
func Report() (queries.Report, error) { return report() }

// Prepare validates the parameters (src and dst addresses, required; port
// a number from 0 to 65535 or AnyPort; protocol one of Protocols or "any")
// and the filter, and returns the call to pass to queries.Run. Every error
// it returns is the caller's usage error.
func Prepare(params map[string]string, f filter.Filter) (queries.Call, error) {
	r, err := report()
	if err != nil {
		return queries.Call{}, err
	}
	for _, name := range []string{ParamSrc, ParamDst} {
		a, ok := params[name]
		if !ok {
			return queries.Call{}, fmt.Errorf("why needs %s: an IP address", name)
		}
		if _, err := netip.ParseAddr(a); err != nil {
			return queries.Call{}, fmt.Errorf("why %s %q: not an IP address; use 10.0.0.5 or 2001:db8::1", name, a)
		}
	}
	if p, ok := params[ParamPort]; ok && p != AnyPort {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 65535 {
			return queries.Call{}, fmt.Errorf("why port %q: not a port; use a number from 0 to 65535", p)
		}
		params[ParamPort] = strconv.Itoa(n)
	}
	if p, ok := params[ParamProtocol]; ok && p != "any" && !slices.Contains(Protocols, p) {
		return queries.Call{}, fmt.Errorf("why protocol %q: use %s", p, strings.Join(Protocols, ", "))
	}
	return queries.Prepare(r, params, f)
}
