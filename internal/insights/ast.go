package insights

// Query is a parsed Logs Insights query: its commands in pipeline order.
type Query struct {
	Commands []Command
}

// Command is one stage of the pipeline. Pos is the byte offset of its
// keyword in the query.
type Command interface{ command() }

// FieldsCmd is `fields` (Display false) or `display` (Display true): the
// fields to show, each an expression with an optional alias.
type FieldsCmd struct {
	Pos     int
	Display bool
	Items   []Item
}

// FilterCmd is `filter COND`.
type FilterCmd struct {
	Pos  int
	Cond Expr
}

// StatsCmd is `stats AGG [as NAME], ... [by EXPR [as NAME], ...]`.
type StatsCmd struct {
	Pos  int
	Aggs []Item
	By   []Item
}

// SortCmd is `sort KEY [asc|desc], ...`.
type SortCmd struct {
	Pos  int
	Keys []SortKey
}

// SortKey is one sort key; Desc for descending order.
type SortKey struct {
	Expr Expr
	Desc bool
}

// LimitCmd is `limit N`.
type LimitCmd struct {
	Pos int
	N   int64
}

// DedupCmd is `dedup FIELD, ...`.
type DedupCmd struct {
	Pos    int
	Fields []Expr
}

// ParseCmd is `parse FIELD "glob * pattern" as a, b` (Glob) or
// `parse FIELD /(?<a>...)/` (Regex, the names from its named groups).
type ParseCmd struct {
	Pos     int
	Source  Expr
	Pattern string
	Regex   bool
	Names   []string
}

func (*FieldsCmd) command() {}
func (*FilterCmd) command() {}
func (*StatsCmd) command()  {}
func (*SortCmd) command()   {}
func (*LimitCmd) command()  {}
func (*DedupCmd) command()  {}
func (*ParseCmd) command()  {}

// Item is an expression with an optional alias; Text is the expression as
// written in the query, which names the result column when there is no
// alias (`count(*)`, `bin(5m)`).
type Item struct {
	Expr  Expr
	Alias string
	Text  string
}

// Expr is an expression node. Pos is the byte offset where it starts.
type Expr interface{ pos() int }

// Field is a field reference: srcAddr, @timestamp, `quoted`.
type Field struct {
	At   int
	Name string
}

// Number is a numeric literal as written.
type Number struct {
	At   int
	Text string
}

// String is a string literal's value.
type String struct {
	At    int
	Value string
}

// Regex is a /regular expression/ literal.
type Regex struct {
	At      int
	Pattern string
}

// Duration is a time span literal: 5m, 1h, 2mo.
type Duration struct {
	At   int
	Text string
}

// List is a [a, b, c] literal, the right side of `in`.
type List struct {
	At    int
	Items []Expr
}

// Star is the * of count(*).
type Star struct{ At int }

// Unary is `not X` or `-X`.
type Unary struct {
	At int
	Op string // "not" or "-"
	X  Expr
}

// Binary is X op Y: and, or, comparisons, like, not like, =~, in, not in,
// and arithmetic.
type Binary struct {
	At   int
	Op   string
	X, Y Expr
}

// Call is a function call: bin(5m), count(*), isIpv4InSubnet(srcAddr, "10.0.0.0/8").
type Call struct {
	At   int
	Name string
	Args []Expr
}

func (e *Field) pos() int    { return e.At }
func (e *Number) pos() int   { return e.At }
func (e *String) pos() int   { return e.At }
func (e *Regex) pos() int    { return e.At }
func (e *Duration) pos() int { return e.At }
func (e *List) pos() int     { return e.At }
func (e *Star) pos() int     { return e.At }
func (e *Unary) pos() int    { return e.At }
func (e *Binary) pos() int   { return e.At }
func (e *Call) pos() int     { return e.At }
