package insights

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
)

// DefaultLimit is the number of rows a query without `limit` returns, as
// in CloudWatch.
const DefaultLimit = 10000

// Compiled is a query translated to SQL.
type Compiled struct {
	// SQL is the one DuckDB statement that runs the query.
	SQL string
	// Columns are the result's column names, in order.
	Columns []string
	// DefaultLimit is true when the query has no limit command, so SQL
	// stops at DefaultLimit rows.
	DefaultLimit bool
	// MoreSQL, set with DefaultLimit, is a statement whose one boolean
	// value says whether the query has more than DefaultLimit rows.
	MoreSQL string
}

// Translate parses and compiles a query over src.
func Translate(query string, src Source) (*Compiled, error) {
	q, err := Parse(query)
	if err != nil {
		return nil, err
	}
	return Compile(query, q, src)
}

// binding is what a field name means in the current stage.
type binding struct {
	sql string
	t   typ
}

// output is one column of the result: its name and SQL.
type output struct {
	name, sql string
}

// orderKey is one key of the order in effect.
type orderKey struct {
	sql  string
	desc bool
}

// compiler holds the state of a translation: the CTEs so far, the
// relation the next stage reads, and the names, displayed columns and
// order in effect.
type compiler struct {
	text    string
	src     Source
	ctes    []string
	from    string
	base    bool               // the flow-log fields are still there (no stats yet)
	defined map[string]binding // names made by fields, parse and stats (lowercase)
	columns map[string]bool    // column names of the relation the next stage reads, lowercase
	fields  []output           // what fields commands display
	grouped bool               // fields holds the columns of the last stats, until a fields command
	display []output           // what the last display command shows
	order   []orderKey         // the sort in effect; nil for the default
	byKeys  []orderKey         // the grouping of the last stats
	limited bool               // a limit command has run
	inStats bool               // aggregates are allowed
}

// Compile translates a parsed query over src; text is the query's text
// (for error positions and column names).
func Compile(text string, q *Query, src Source) (*Compiled, error) {
	c := &compiler{text: text, src: src, base: true, defined: map[string]binding{}, columns: map[string]bool{}}
	c.from = src.Name
	if src.SQL != "" {
		c.ctes = append(c.ctes, src.Name+" AS (\n"+src.SQL+"\n)")
	}
	for col := range src.Columns {
		c.columns[strings.ToLower(col)] = true
	}
	for _, cmd := range q.Commands {
		var err error
		switch cmd := cmd.(type) {
		case *FieldsCmd:
			err = c.fieldsCmd(cmd)
		case *FilterCmd:
			err = c.filterCmd(cmd)
		case *StatsCmd:
			err = c.statsCmd(cmd)
		case *SortCmd:
			err = c.sortCmd(cmd)
		case *LimitCmd:
			c.stage("SELECT * FROM " + c.from + c.orderBy() + " LIMIT " + strconv.FormatInt(cmd.N, 10))
			c.limited = true
		case *DedupCmd:
			err = c.dedupCmd(cmd)
		case *ParseCmd:
			err = c.parseCmd(cmd)
		}
		if err != nil {
			return nil, err
		}
	}
	return c.finish()
}

// errorf is a SyntaxError at byte offset pos of the query.
func (c *compiler) errorf(pos int, format string, args ...any) error {
	return syntaxAt(c.text, pos, fmt.Sprintf(format, args...))
}

// stage adds a CTE with body sql and makes it the relation read next.
func (c *compiler) stage(sql string) {
	name := fmt.Sprintf("q%d", len(c.ctes)+1)
	c.ctes = append(c.ctes, name+" AS (\n  "+sql+"\n)")
	c.from = name
}

// define adds computed columns to a new stage (replacing columns of the
// same name) and binds their names.
func (c *compiler) define(names []string, sqls []string, types []typ) {
	var add, repl []string
	for i, n := range names {
		col := fmt.Sprintf("%s AS %s", sqls[i], store.Ident(n))
		if c.columns[strings.ToLower(n)] {
			repl = append(repl, col)
		} else {
			add = append(add, col)
		}
		c.columns[strings.ToLower(n)] = true
	}
	sel := "*"
	if len(repl) > 0 {
		sel += " REPLACE (" + strings.Join(repl, ", ") + ")"
	}
	if len(add) > 0 {
		sel += ", " + strings.Join(add, ", ")
	}
	c.stage("SELECT " + sel + " FROM " + c.from)
	for i, n := range names {
		c.defined[strings.ToLower(n)] = binding{sql: store.Ident(n), t: types[i]}
	}
}

// resolve finds what a field name means now. An unknown name is an absent
// field: NULL, as in CloudWatch.
func (c *compiler) resolve(name string) binding {
	if b, ok := c.defined[strings.ToLower(name)]; ok {
		return b
	}
	if c.base {
		if sql, t, ok := c.src.pseudo(name); ok {
			return binding{sql, t}
		}
		if sql, t, ok := c.src.column(name); ok {
			return binding{sql, t}
		}
	}
	return binding{"NULL", tyNull}
}

func (c *compiler) fieldsCmd(cmd *FieldsCmd) error {
	var outs []output
	var names, sqls []string
	var types []typ
	for _, it := range cmd.Items {
		if f, ok := it.Expr.(*Field); ok && it.Alias == "" {
			outs = append(outs, output{name: f.Name, sql: c.resolve(f.Name).sql})
			continue
		}
		sql, t, err := c.expr(it.Expr)
		if err != nil {
			return err
		}
		name := it.Alias
		if name == "" {
			name = it.Text
		}
		if cmd.Display {
			outs = append(outs, output{name: name, sql: sql})
			continue
		}
		names, sqls, types = append(names, name), append(sqls, sql), append(types, t)
		outs = append(outs, output{name: name, sql: store.Ident(name)})
	}
	if len(names) > 0 {
		c.define(names, sqls, types)
	}
	switch {
	case cmd.Display:
		c.display = outs
	case c.grouped:
		c.fields, c.grouped = outs, false
	default:
		c.fields = append(c.fields, outs...)
	}
	return nil
}

func (c *compiler) filterCmd(cmd *FilterCmd) error {
	sql, t, err := c.expr(cmd.Cond)
	if err != nil {
		return err
	}
	if t != tyBool && t != tyNull {
		sql = truthy(sql, t)
	}
	c.stage("SELECT * FROM " + c.from + " WHERE " + sql)
	return nil
}

// truthy is the condition a non-boolean value stands for in filter: a
// number other than 0, a string other than "".
func truthy(sql string, t typ) string {
	switch t {
	case tyNum:
		return "(" + sql + ") <> 0"
	case tyStr:
		return "(" + sql + ") <> ''"
	}
	return "(" + sql + ") IS NOT NULL"
}

func (c *compiler) statsCmd(cmd *StatsCmd) error {
	var cols []string
	var names []string
	var types []typ
	var byKeys []orderKey
	for _, it := range cmd.By {
		sql, t, err := c.expr(it.Expr)
		if err != nil {
			return err
		}
		name := it.Alias
		if name == "" {
			if f, ok := it.Expr.(*Field); ok {
				name = f.Name
			} else {
				name = it.Text
			}
		}
		cols = append(cols, sql+" AS "+store.Ident(name))
		names, types = append(names, name), append(types, t)
		byKeys = append(byKeys, orderKey{sql: store.Ident(name)})
	}
	c.inStats = true
	for _, it := range cmd.Aggs {
		sql, t, err := c.expr(it.Expr)
		if err != nil {
			c.inStats = false
			return err
		}
		if !hasAggregate(it.Expr) {
			c.inStats = false
			return c.errorf(it.Expr.pos(), "stats needs an aggregate function such as count(*), sum() or avg(), found %s", it.Text)
		}
		name := it.Alias
		if name == "" {
			name = it.Text
		}
		cols = append(cols, sql+" AS "+store.Ident(name))
		names, types = append(names, name), append(types, t)
	}
	c.inStats = false
	if err := uniqueNames(c, cmd.Pos, names); err != nil {
		return err
	}
	body := "SELECT " + strings.Join(cols, ", ") + " FROM " + c.from
	if len(cmd.By) > 0 {
		body += " GROUP BY ALL"
	}
	c.stage(body)
	c.base = false
	c.defined = map[string]binding{}
	c.columns = map[string]bool{}
	c.fields, c.display = nil, nil
	for i, n := range names {
		c.defined[strings.ToLower(n)] = binding{sql: store.Ident(n), t: types[i]}
		c.columns[strings.ToLower(n)] = true
		c.fields = append(c.fields, output{name: n, sql: store.Ident(n)})
	}
	c.order, c.byKeys, c.grouped = nil, byKeys, true
	return nil
}

// uniqueNames rejects two result columns of one name.
func uniqueNames(c *compiler, pos int, names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		if seen[strings.ToLower(n)] {
			return c.errorf(pos, "stats makes two columns named %q: give one an alias with as", n)
		}
		seen[strings.ToLower(n)] = true
	}
	return nil
}

// hasAggregate reports whether an expression calls an aggregate function.
func hasAggregate(e Expr) bool {
	switch e := e.(type) {
	case *Call:
		if fn, ok := functions[strings.ToLower(e.Name)]; ok && fn.aggregate {
			return true
		}
		for _, a := range e.Args {
			if hasAggregate(a) {
				return true
			}
		}
	case *Binary:
		return hasAggregate(e.X) || hasAggregate(e.Y)
	case *Unary:
		return hasAggregate(e.X)
	}
	return false
}

func (c *compiler) sortCmd(cmd *SortCmd) error {
	var keys []orderKey
	for _, k := range cmd.Keys {
		sql, _, err := c.expr(k.Expr)
		if err != nil {
			return err
		}
		keys = append(keys, orderKey{sql: sql, desc: k.Desc})
	}
	c.order = keys
	return nil
}

func (c *compiler) dedupCmd(cmd *DedupCmd) error {
	var keys []string
	for _, f := range cmd.Fields {
		sql, _, err := c.expr(f)
		if err != nil {
			return err
		}
		keys = append(keys, sql)
	}
	over := "PARTITION BY " + strings.Join(keys, ", ")
	if ob := c.orderBy(); ob != "" {
		over += ob
	}
	c.stage("SELECT * FROM " + c.from + " QUALIFY row_number() OVER (" + over + ") = 1")
	return nil
}

func (c *compiler) parseCmd(cmd *ParseCmd) error {
	src, t, err := c.expr(cmd.Source)
	if err != nil {
		return err
	}
	if t != tyStr {
		src = "CAST(" + src + " AS VARCHAR)"
	}
	re := globRegex(cmd.Pattern)
	if cmd.Regex {
		re = re2Groups(cmd.Pattern)
	}
	var names, sqls []string
	var types []typ
	for i, n := range cmd.Names {
		if n == "" {
			continue
		}
		names = append(names, n)
		sqls = append(sqls, fmt.Sprintf("nullif(regexp_extract(%s, %s, %d), '')", src, store.Literal(re), i+1))
		types = append(types, tyStr)
	}
	c.define(names, sqls, types)
	return nil
}

// globRegex turns a parse glob ("* * [*]") into a regular expression: the
// text between the stars matches literally, each star lazily but the last,
// which takes the rest of the line.
func globRegex(glob string) string {
	parts := strings.Split(glob, "*")
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(quoteMeta(p))
		switch {
		case i == len(parts)-2:
			b.WriteString("(.*)")
		case i < len(parts)-2:
			b.WriteString("(.*?)")
		}
	}
	return b.String()
}

// quoteMeta escapes the regular expression metacharacters of s.
func quoteMeta(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`\.+*?()|[]{}^$`, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// orderBy is the ORDER BY clause of the order in effect: the sort given,
// else newest @timestamp first before stats and the grouping after it.
func (c *compiler) orderBy() string {
	keys := c.order
	if keys == nil {
		if c.base {
			keys = []orderKey{{sql: c.src.timestamp(), desc: true}}
		} else {
			keys = c.byKeys
		}
	}
	if len(keys) == 0 {
		return ""
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k.sql
		if k.desc {
			parts[i] += " DESC"
		}
	}
	return " ORDER BY " + strings.Join(parts, ", ")
}

// finish writes the final SELECT.
func (c *compiler) finish() (*Compiled, error) {
	outs := c.display
	if outs == nil {
		outs = c.fields
	}
	if len(outs) == 0 {
		outs = []output{{"@timestamp", c.resolve("@timestamp").sql}, {"@message", c.resolve("@message").sql}}
	}
	outs = dedupeOutputs(outs)
	cols := make([]string, len(outs))
	names := make([]string, len(outs))
	for i, o := range outs {
		cols[i] = o.sql + " AS " + store.Ident(o.name)
		names[i] = o.name
	}
	body := "SELECT " + strings.Join(cols, ", ") + "\nFROM " + c.from + c.orderBy()
	with := ""
	if len(c.ctes) > 0 {
		with = "WITH " + strings.Join(c.ctes, ",\n") + "\n"
	}
	out := &Compiled{Columns: names}
	if c.limited {
		out.SQL = with + body
		return out, nil
	}
	out.DefaultLimit = true
	out.SQL = fmt.Sprintf("%s%s\nLIMIT %d", with, body, DefaultLimit)
	out.MoreSQL = fmt.Sprintf("%sSELECT count(*) > %d FROM (%s\nLIMIT %d)", with, DefaultLimit, body, DefaultLimit+1)
	return out, nil
}

// dedupeOutputs keeps the first of columns shown twice under one name.
func dedupeOutputs(outs []output) []output {
	seen := map[string]bool{}
	var kept []output
	for _, o := range outs {
		if !seen[strings.ToLower(o.name)] {
			seen[strings.ToLower(o.name)] = true
			kept = append(kept, o)
		}
	}
	return kept
}
