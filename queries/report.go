package queries

import (
	"github.com/flowduck/flowduck/schema"
)

// BuiltIn is the Origin of the reports shipped in the binary.
const BuiltIn = "built-in"

// Report is one saved report: its header, parsed once, and its SQL.
type Report struct {
	// Name is the report's name, as given to `flowduck run`.
	Name string
	// Description is a one-line summary.
	Description string
	// Requires are the flow-log fields the report needs beyond version 2's.
	Requires []schema.Field
	// SQL is the whole file: header comments and the statement.
	SQL string
	// Origin is BuiltIn or the path of the user's file.
	Origin string
	// Detection is the header's detection line; its Severity is "" when
	// the report is not a detection.
	Detection Detection

	params    []Param
	statement string // the SQL statement (or Logs Insights query), without header and final ';'
	insights  bool   // the statement is a Logs Insights query (see InsightsExt)
}

// Params returns the report's parameters in header order.
func (r Report) Params() []Param {
	out := make([]Param, len(r.params))
	copy(out, r.params)
	return out
}

// Param returns the parameter called name.
func (r Report) Param(name string) (Param, bool) {
	for _, p := range r.params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// IsBuiltIn reports whether the report ships in the binary.
func (r Report) IsBuiltIn() bool { return r.Origin == BuiltIn }
