package store

import "strings"

// CanonicalColumn is the manifest (FilesTable) column that says whether the
// addresses of the load that brought a file in were all canonical: every
// text of an address column that starts with digits and a dot is a dotted
// quad written as Athena writes it (no leading zeros, each octet at most
// 255). NULL means not checked (a file loaded by an older flowduck). The
// SQL dialect relies on it: for such columns a prefix LIKE on a network's
// octets is an exact test of the network.
const CanonicalColumn = "addresses_canonical"

// addressColumns are the records table's columns that hold IP addresses.
var addressColumns = []string{"srcaddr", "dstaddr", "pkt_srcaddr", "pkt_dstaddr"}

// AddressColumns returns the records table's columns that hold IP addresses.
func AddressColumns() []string { return append([]string(nil), addressColumns...) }

// IsAddressColumn reports whether column (any case) is one of AddressColumns.
func IsAddressColumn(column string) bool {
	for _, c := range addressColumns {
		if strings.EqualFold(c, column) {
			return true
		}
	}
	return false
}

// dottedQuadOctet matches one octet of a dotted quad as Athena writes it.
const dottedQuadOctet = `(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`

// CanonicalTextSQL is the condition on the text v (not NULL) that CanonicalColumn
// records: v is a dotted quad as Athena writes it, or does not start with
// digits and a dot.
func CanonicalTextSQL(v string) string {
	quad := dottedQuadOctet + strings.Repeat(`\.`+dottedQuadOctet, 3)
	return "(regexp_full_match(" + v + ", '" + quad + "') OR NOT regexp_matches(" + v + ", '^[0-9]+\\.'))"
}
