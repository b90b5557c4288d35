package insights

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is the kind of a token.
type kind int

const (
	tEOF      kind = iota
	tIdent         // a name: srcAddr, @timestamp, `quoted name`, or a keyword
	tNumber        // 42, 1.5
	tDuration      // 5m, 1h, 30s: a number with a time unit
	tString        // 'text' or "text", unquoted
	tRegex         // /pattern/, the pattern without the slashes
	tOp            // | , ( ) [ ] = != < <= > >= + - * / % =~ ^
)

// token is one lexeme and where it starts in the query (a byte offset).
type token struct {
	kind   kind
	text   string // the value: unquoted for strings, regexes and quoted names
	pos    int
	end    int  // the offset just after it
	quoted bool // a `backtick` name, never a keyword
}

// lexer splits a query into tokens.
type lexer struct {
	src  string
	pos  int
	toks []token
}

// lex returns the tokens of src, ending with tEOF, or a syntax error.
// Comments (# to the end of the line) are skipped.
func lex(src string) ([]token, error) {
	l := &lexer{src: src}
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		t.end = l.pos
		l.toks = append(l.toks, t)
		if t.kind == tEOF {
			return l.toks, nil
		}
	}
}

func (l *lexer) errorf(pos int, msg string) error { return syntaxAt(l.src, pos, msg) }

func (l *lexer) next() (token, error) {
	l.skipSpace()
	if l.pos >= len(l.src) {
		// The end points just after the last token, not past trailing
		// blank lines and comments.
		end := 0
		if n := len(l.toks); n > 0 {
			end = l.toks[n-1].end
		}
		return token{kind: tEOF, pos: end}, nil
	}
	start := l.pos
	c := l.src[l.pos]
	switch {
	case c == '\'' || c == '"':
		return l.quoted(c, tString)
	case c == '`':
		t, err := l.quoted(c, tIdent)
		t.quoted = true
		return t, err
	case c == '/' && l.regexAllowed():
		return l.regex()
	case c >= '0' && c <= '9' || c == '.' && l.pos+1 < len(l.src) && isDigit(l.src[l.pos+1]):
		return l.number()
	case c == '@' || isNameStart(c) || c >= utf8.RuneSelf:
		l.pos++
		for l.pos < len(l.src) && isNamePart(l.src[l.pos]) {
			l.pos++
		}
		if l.pos == start+1 && c == '@' {
			return token{}, l.errorf(start, "expected a field name after @")
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(l.src[start:])
			if !unicode.IsLetter(r) {
				return token{}, l.errorf(start, "unexpected character "+quoteRune(r))
			}
			l.pos = start + size
			for l.pos < len(l.src) && isNamePart(l.src[l.pos]) {
				l.pos++
			}
		}
		return token{kind: tIdent, text: l.src[start:l.pos], pos: start}, nil
	}
	for _, op := range []string{"!=", "<=", ">=", "=~", "==", "|", ",", "(", ")", "[", "]", "=", "<", ">", "+", "-", "*", "/", "%", "^"} {
		if strings.HasPrefix(l.src[l.pos:], op) {
			l.pos += len(op)
			if op == "==" {
				op = "="
			}
			return token{kind: tOp, text: op, pos: start}, nil
		}
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	return token{}, l.errorf(start, "unexpected character "+quoteRune(r))
}

func quoteRune(r rune) string { return "'" + string(r) + "'" }

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		switch c := l.src[l.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.pos++
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		default:
			return
		}
	}
}

// quoted reads a string or a backtick name; a backslash escapes the next
// character, and a doubled quote stands for itself.
func (l *lexer) quoted(q byte, k kind) (token, error) {
	start := l.pos
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\' && l.pos+1 < len(l.src):
			b.WriteByte(l.src[l.pos+1])
			l.pos += 2
		case c == q && l.pos+1 < len(l.src) && l.src[l.pos+1] == q:
			b.WriteByte(q)
			l.pos += 2
		case c == q:
			l.pos++
			return token{kind: k, text: b.String(), pos: start}, nil
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	return token{}, l.errorf(start, "unterminated "+map[kind]string{tString: "string", tIdent: "quoted name"}[k])
}

// regex reads /pattern/; \/ stands for a slash, other escapes are kept for
// the regular expression.
func (l *lexer) regex() (token, error) {
	start := l.pos
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\' && l.pos+1 < len(l.src):
			if l.src[l.pos+1] != '/' {
				b.WriteByte(c)
			}
			b.WriteByte(l.src[l.pos+1])
			l.pos += 2
		case c == '/':
			l.pos++
			return token{kind: tRegex, text: b.String(), pos: start}, nil
		case c == '\n':
			return token{}, l.errorf(start, "unterminated regular expression")
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	return token{}, l.errorf(start, "unterminated regular expression")
}

// number reads a number, or a duration when letters follow it (5m, 1mo).
func (l *lexer) number() (token, error) {
	start := l.pos
	for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '.') {
		l.pos++
	}
	num := l.src[start:l.pos]
	if strings.Count(num, ".") > 1 {
		return token{}, l.errorf(start, "malformed number "+num)
	}
	if l.pos < len(l.src) && isNameStart(l.src[l.pos]) {
		for l.pos < len(l.src) && isNamePart(l.src[l.pos]) {
			l.pos++
		}
		return token{kind: tDuration, text: l.src[start:l.pos], pos: start}, nil
	}
	return token{kind: tNumber, text: num, pos: start}, nil
}

// regexAllowed reports whether a '/' here starts a regular expression
// rather than a division: where an operand is expected, and as the pattern
// of parse (after "parse FIELD").
func (l *lexer) regexAllowed() bool {
	n := len(l.toks)
	if n == 0 {
		return true
	}
	prev := l.toks[n-1]
	if n >= 2 && l.toks[n-2].kind == tIdent && !l.toks[n-2].quoted && strings.EqualFold(l.toks[n-2].text, "parse") {
		return true
	}
	switch prev.kind {
	case tNumber, tDuration, tString, tRegex:
		return false
	case tOp:
		return prev.text != ")" && prev.text != "]"
	case tIdent:
		return !prev.quoted && isOperatorWord(prev.text)
	}
	return true
}

// isOperatorWord reports whether a name is a keyword after which an operand
// comes.
func isOperatorWord(s string) bool {
	switch strings.ToLower(s) {
	case "like", "and", "or", "not", "in", "filter", "parse":
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isNameStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
func isNamePart(c byte) bool { return isNameStart(c) || isDigit(c) || c == '.' || c == '@' }

// syntaxAt makes a SyntaxError at byte offset pos of src.
func syntaxAt(src string, pos int, msg string) *SyntaxError {
	pos = min(max(pos, 0), len(src))
	lineStart := strings.LastIndexByte(src[:pos], '\n') + 1
	line := strings.Count(src[:pos], "\n") + 1
	lineEnd := strings.IndexByte(src[pos:], '\n')
	if lineEnd < 0 {
		lineEnd = len(src)
	} else {
		lineEnd += pos
	}
	return &SyntaxError{
		Line:   line,
		Column: utf8.RuneCountInString(src[lineStart:pos]) + 1,
		Msg:    msg,
		Text:   strings.TrimRight(src[lineStart:lineEnd], "\r"),
	}
}
