package insights

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Parse parses a Logs Insights query into its syntax tree. Errors are a
// *SyntaxError pointing at the offending column, or an *UnsupportedError
// for a construct flowduck does not translate.
func Parse(src string) (*Query, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, unsupportedBefore(src, err)
	}
	p := &parser{src: src, toks: toks}
	return p.query()
}

// unsupportedBefore returns the UnsupportedError of a construct that comes
// before a lexical error (SOURCE logGroups(namePrefix: ...) fails to lex at
// the colon, but what the user must hear is that SOURCE is not supported),
// else err.
func unsupportedBefore(src string, err error) error {
	var se *SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	lines := strings.SplitAfter(src, "\n")
	if se.Line > len(lines) {
		return err
	}
	prefix := strings.Join(lines[:se.Line-1], "") + string([]rune(strings.TrimRight(lines[se.Line-1], "\n"))[:se.Column-1])
	toks, lerr := lex(prefix)
	if lerr != nil {
		return err
	}
	p := &parser{src: prefix, toks: toks}
	var ue *UnsupportedError
	if _, perr := p.query(); errors.As(perr, &ue) {
		return ue
	}
	return err
}

// parser is a recursive-descent parser over the tokens.
type parser struct {
	src  string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// prevEnd is the end offset of the last consumed token.
func (p *parser) prevEnd() int {
	if p.i == 0 {
		return 0
	}
	return p.toks[p.i-1].end
}

func (p *parser) errorf(t token, format string, args ...any) error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return syntaxAt(p.src, t.pos, msg)
}

// isOp reports whether the next token is the operator op.
func (p *parser) isOp(op string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == op
}

// isWord reports whether the next token is the keyword w.
func (p *parser) isWord(w string) bool { return isWord(p.peek(), w) }

func isWord(t token, w string) bool {
	return t.kind == tIdent && !t.quoted && strings.EqualFold(t.text, w)
}

func (p *parser) expectOp(op string) error {
	if !p.isOp(op) {
		return p.errorf(p.peek(), "expected %q, found %s", op, describe(p.peek()))
	}
	p.advance()
	return nil
}

// describe names a token in an error.
func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "the end of the query"
	case tString:
		return "string " + strconv.Quote(t.text)
	case tRegex:
		return "regular expression /" + t.text + "/"
	}
	return strconv.Quote(t.text)
}

func (p *parser) query() (*Query, error) {
	q := &Query{}
	for {
		if p.peek().kind == tEOF {
			if len(q.Commands) == 0 {
				return nil, p.errorf(p.peek(), "empty query: expected a command such as fields, filter or stats")
			}
			return nil, p.errorf(p.peek(), "expected a command after '|'")
		}
		cmd, err := p.command()
		if err != nil {
			return nil, err
		}
		q.Commands = append(q.Commands, cmd)
		switch t := p.peek(); {
		case t.kind == tEOF:
			return q, nil
		case t.kind == tOp && t.text == "|":
			p.advance()
		default:
			return nil, p.errorf(t, "expected '|' or the end of the query, found %s", describe(t))
		}
	}
}

// command parses one command, dispatching on its keyword.
func (p *parser) command() (Command, error) {
	t := p.peek()
	if t.kind != tIdent || t.quoted {
		return nil, p.errorf(t, "expected a command (fields, filter, stats, sort, limit, display, dedup, parse), found %s", describe(t))
	}
	name := strings.ToLower(t.text)
	if hint, ok := unsupported[name]; ok {
		pe := syntaxAt(p.src, t.pos, "")
		return nil, &UnsupportedError{Construct: t.text, Hint: hint, Line: pe.Line, Column: pe.Column}
	}
	p.advance()
	switch name {
	case "fields", "display":
		items, err := p.items(true)
		if err != nil {
			return nil, err
		}
		return &FieldsCmd{Pos: t.pos, Display: name == "display", Items: items}, nil
	case "filter":
		cond, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &FilterCmd{Pos: t.pos, Cond: cond}, nil
	case "stats":
		return p.stats(t)
	case "sort":
		return p.sort(t)
	case "limit":
		n := p.peek()
		if n.kind != tNumber {
			return nil, p.errorf(n, "expected a number of rows after limit, found %s", describe(n))
		}
		v, err := strconv.ParseInt(n.text, 10, 64)
		if err != nil || v <= 0 {
			return nil, p.errorf(n, "limit must be a whole number above 0, not %s", n.text)
		}
		p.advance()
		return &LimitCmd{Pos: t.pos, N: v}, nil
	case "dedup":
		var fields []Expr
		for {
			f, err := p.field()
			if err != nil {
				return nil, err
			}
			fields = append(fields, f)
			if !p.isOp(",") {
				return &DedupCmd{Pos: t.pos, Fields: fields}, nil
			}
			p.advance()
		}
	case "parse":
		return p.parse(t)
	}
	return nil, p.errorf(t, "unknown command %q: expected fields, filter, stats, sort, limit, display, dedup or parse", t.text)
}

// items parses a comma-separated list of expressions with optional aliases.
func (p *parser) items(alias bool) ([]Item, error) {
	var items []Item
	for {
		start := p.peek().pos
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		it := Item{Expr: e, Text: p.src[start:p.prevEnd()]}
		if alias && p.isWord("as") {
			p.advance()
			name := p.peek()
			if name.kind != tIdent {
				return nil, p.errorf(name, "expected a name after as, found %s", describe(name))
			}
			p.advance()
			it.Alias = name.text
		}
		items = append(items, it)
		if !p.isOp(",") {
			return items, nil
		}
		p.advance()
	}
}

func (p *parser) stats(t token) (Command, error) {
	aggs, err := p.items(true)
	if err != nil {
		return nil, err
	}
	cmd := &StatsCmd{Pos: t.pos, Aggs: aggs}
	if p.isWord("by") {
		p.advance()
		if cmd.By, err = p.items(true); err != nil {
			return nil, err
		}
	}
	return cmd, nil
}

func (p *parser) sort(t token) (Command, error) {
	cmd := &SortCmd{Pos: t.pos}
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		key := SortKey{Expr: e}
		if p.isWord("desc") {
			key.Desc = true
			p.advance()
		} else if p.isWord("asc") {
			p.advance()
		}
		cmd.Keys = append(cmd.Keys, key)
		if !p.isOp(",") {
			return cmd, nil
		}
		p.advance()
	}
}

// parse parses `parse FIELD PATTERN [as a, b]`.
func (p *parser) parse(t token) (Command, error) {
	src, err := p.field()
	if err != nil {
		return nil, err
	}
	cmd := &ParseCmd{Pos: t.pos, Source: src}
	pat := p.peek()
	switch pat.kind {
	case tString:
		cmd.Pattern = pat.text
	case tRegex:
		cmd.Pattern, cmd.Regex = pat.text, true
	default:
		return nil, p.errorf(pat, "expected a \"glob * pattern\" or a /regular expression/ after parse %s, found %s", p.src[src.pos():p.prevEnd()], describe(pat))
	}
	p.advance()
	if cmd.Regex {
		names, err := groupNames(pat.text)
		if err != nil {
			return nil, p.errorf(pat, "%s", err.Error())
		}
		if len(names) == 0 {
			return nil, p.errorf(pat, "the regular expression of parse needs named groups: (?<name>...)")
		}
		cmd.Names = names
		return cmd, nil
	}
	stars := strings.Count(cmd.Pattern, "*")
	if stars == 0 {
		return nil, p.errorf(pat, "the pattern of parse has no '*' to capture")
	}
	if !p.isWord("as") {
		return nil, p.errorf(p.peek(), "expected as and %d field name(s) after the pattern, found %s", stars, describe(p.peek()))
	}
	p.advance()
	for {
		name := p.peek()
		if name.kind != tIdent {
			return nil, p.errorf(name, "expected a field name, found %s", describe(name))
		}
		p.advance()
		cmd.Names = append(cmd.Names, name.text)
		if !p.isOp(",") {
			break
		}
		p.advance()
	}
	if len(cmd.Names) != stars {
		return nil, p.errorf(pat, "the pattern has %d '*' but %d name(s) follow as", stars, len(cmd.Names))
	}
	return cmd, nil
}

// field parses a single field name.
func (p *parser) field() (*Field, error) {
	t := p.peek()
	if t.kind != tIdent {
		return nil, p.errorf(t, "expected a field name, found %s", describe(t))
	}
	p.advance()
	return &Field{At: t.pos, Name: t.text}, nil
}

// Expression grammar, loosest first:
//
//	or < and < not < comparison (= != < <= > >= like =~ in) < + - < * / % < ^ < unary - < primary
func (p *parser) expr() (Expr, error) { return p.or() }

func (p *parser) or() (Expr, error) {
	x, err := p.and()
	for err == nil && p.isWord("or") {
		t := p.advance()
		var y Expr
		if y, err = p.and(); err == nil {
			x = &Binary{At: t.pos, Op: "or", X: x, Y: y}
		}
	}
	return x, err
}

func (p *parser) and() (Expr, error) {
	x, err := p.not()
	for err == nil && p.isWord("and") {
		t := p.advance()
		var y Expr
		if y, err = p.not(); err == nil {
			x = &Binary{At: t.pos, Op: "and", X: x, Y: y}
		}
	}
	return x, err
}

func (p *parser) not() (Expr, error) {
	if p.isWord("not") {
		t := p.advance()
		x, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Unary{At: t.pos, Op: "not", X: x}, nil
	}
	return p.comparison()
}

func (p *parser) comparison() (Expr, error) {
	x, err := p.additive()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	op := ""
	switch {
	case t.kind == tOp && (t.text == "=" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=" || t.text == "=~"):
		op = t.text
	case isWord(t, "like"), isWord(t, "in"):
		op = strings.ToLower(t.text)
	case isWord(t, "not") && (isWord(p.toks[p.i+1], "like") || isWord(p.toks[p.i+1], "in")):
		p.advance()
		op = "not " + strings.ToLower(p.peek().text)
	default:
		return x, nil
	}
	p.advance()
	var y Expr
	switch op {
	case "in", "not in":
		y, err = p.list()
	case "like", "not like", "=~":
		y, err = p.pattern(op)
	default:
		y, err = p.additive()
	}
	if err != nil {
		return nil, err
	}
	return &Binary{At: t.pos, Op: op, X: x, Y: y}, nil
}

// pattern parses the right side of like or =~: a string or a regex.
func (p *parser) pattern(op string) (Expr, error) {
	t := p.peek()
	switch t.kind {
	case tString:
		p.advance()
		if op == "=~" {
			return &Regex{At: t.pos, Pattern: t.text}, nil
		}
		return &String{At: t.pos, Value: t.text}, nil
	case tRegex:
		p.advance()
		return &Regex{At: t.pos, Pattern: t.text}, nil
	}
	return nil, p.errorf(t, "expected a \"string\" or a /regular expression/ after %s, found %s", op, describe(t))
}

// list parses [a, b, ...].
func (p *parser) list() (Expr, error) {
	t := p.peek()
	if err := p.expectOp("["); err != nil {
		return nil, err
	}
	l := &List{At: t.pos}
	if p.isOp("]") {
		p.advance()
		return l, nil
	}
	for {
		e, err := p.additive()
		if err != nil {
			return nil, err
		}
		l.Items = append(l.Items, e)
		if p.isOp("]") {
			p.advance()
			return l, nil
		}
		if err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) additive() (Expr, error) {
	x, err := p.multiplicative()
	for err == nil && (p.isOp("+") || p.isOp("-")) {
		t := p.advance()
		var y Expr
		if y, err = p.multiplicative(); err == nil {
			x = &Binary{At: t.pos, Op: t.text, X: x, Y: y}
		}
	}
	return x, err
}

func (p *parser) multiplicative() (Expr, error) {
	x, err := p.power()
	for err == nil && (p.isOp("*") || p.isOp("/") || p.isOp("%")) {
		t := p.advance()
		var y Expr
		if y, err = p.power(); err == nil {
			x = &Binary{At: t.pos, Op: t.text, X: x, Y: y}
		}
	}
	return x, err
}

func (p *parser) power() (Expr, error) {
	x, err := p.unary()
	if err == nil && p.isOp("^") {
		t := p.advance()
		var y Expr
		if y, err = p.power(); err == nil {
			x = &Binary{At: t.pos, Op: "^", X: x, Y: y}
		}
	}
	return x, err
}

func (p *parser) unary() (Expr, error) {
	if p.isOp("-") {
		t := p.advance()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Unary{At: t.pos, Op: "-", X: x}, nil
	}
	return p.primary()
}

func (p *parser) primary() (Expr, error) {
	t := p.peek()
	switch t.kind {
	case tNumber:
		p.advance()
		return &Number{At: t.pos, Text: t.text}, nil
	case tDuration:
		p.advance()
		return &Duration{At: t.pos, Text: t.text}, nil
	case tString:
		p.advance()
		return &String{At: t.pos, Value: t.text}, nil
	case tRegex:
		p.advance()
		return &Regex{At: t.pos, Pattern: t.text}, nil
	case tIdent:
		if !t.quoted && isReserved(t.text) {
			return nil, p.errorf(t, "expected a field, a value or a function, found keyword %s", describe(t))
		}
		p.advance()
		if !t.quoted && p.isOp("(") {
			return p.call(t)
		}
		return &Field{At: t.pos, Name: t.text}, nil
	case tOp:
		switch t.text {
		case "(":
			p.advance()
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			return x, p.expectOp(")")
		case "[":
			return p.list()
		}
	}
	return nil, p.errorf(t, "expected a field, a value or a function, found %s", describe(t))
}

// call parses name(args); name has been consumed.
func (p *parser) call(name token) (Expr, error) {
	p.advance() // (
	c := &Call{At: name.pos, Name: name.text}
	if p.isOp(")") {
		p.advance()
		return c, nil
	}
	for {
		var arg Expr
		if p.isOp("*") {
			arg = &Star{At: p.advance().pos}
		} else {
			var err error
			if arg, err = p.expr(); err != nil {
				return nil, err
			}
		}
		c.Args = append(c.Args, arg)
		if p.isOp(")") {
			p.advance()
			return c, nil
		}
		if err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
}

// isReserved reports whether a word is a keyword that cannot be a field.
func isReserved(s string) bool {
	switch strings.ToLower(s) {
	case "and", "or", "not", "as", "by", "in", "like", "asc", "desc":
		return true
	}
	return false
}
