package dialect

import "github.com/flowduck/flowduck/schema"

// PrivateRange is one address range flowduck treats as private (inside an
// estate) rather than external.
type PrivateRange struct {
	CIDR string
	Doc  string
}

// PrivateRanges are the private address ranges: the Private entries of the
// one address classifier, schema.AddressRanges, which also gives the flows
// view its src_scope and dst_scope. flowduck_is_private tests them, Install
// puts is_private on every session that runs the user's SQL, and every
// report that tells inside from outside uses it.
var PrivateRanges = privateRanges()

// privateRanges picks the private ranges out of schema.AddressRanges.
func privateRanges() []PrivateRange {
	var ranges []PrivateRange
	for _, r := range schema.AddressRanges {
		if r.Private {
			ranges = append(ranges, PrivateRange{CIDR: r.CIDR, Doc: r.Doc})
		}
	}
	return ranges
}

// PrivateMacro is the name of the flowduck helper macro is_private(addr): it
// is true for an address in PrivateRanges, false for any other address and
// NULL for NULL or text that is not an address.
const PrivateMacro = "is_private"

// privateMacroSQL is the CREATE TEMP MACRO statement for is_private: one
// call of the Go function flowduck_is_private (udf_private.go) on the
// address text, which must be registered on the connection first. A
// rewritten statement names the function itself (foldPrivate).
const privateMacroSQL = `CREATE OR REPLACE TEMP MACRO ` + PrivateMacro + `(addr) AS ` + PrivateFunc + `(CAST(addr AS VARCHAR))`
