package sqlscript

import (
	"iter"
	"strings"
)

// tokenKind classifies a stretch of SQL text for splitting purposes.
type tokenKind int

const (
	// tokSpace is whitespace.
	tokSpace tokenKind = iota
	// tokComment is a complete -- or /* */ comment.
	tokComment
	// tokCode is anything DuckDB will parse: words, operators, quoted
	// strings and identifiers, and unterminated quotes or comments (which
	// DuckDB rejects, so they belong to a statement).
	tokCode
	// tokSemicolon is a statement-ending ';'.
	tokSemicolon
)

// token is one stretch text[start:end] of a single kind.
type token struct {
	kind       tokenKind
	start, end int
}

// scanner walks SQL text token by token. After the walk, open reports
// whether the text ended inside a quote or a block comment.
type scanner struct {
	text string
	open bool
}

// tokens yields the tokens of the text in order; together they cover it.
func (sc *scanner) tokens() iter.Seq[token] {
	return func(yield func(token) bool) {
		t := sc.text
		for i := 0; i < len(t); {
			kind, end := sc.next(i)
			if !yield(token{kind: kind, start: i, end: end}) {
				return
			}
			i = end
		}
	}
}

// next reads the token starting at offset i and returns its kind and end.
func (sc *scanner) next(i int) (tokenKind, int) {
	t := sc.text
	c := t[i]
	switch {
	case isSpace(c):
		j := i + 1
		for j < len(t) && isSpace(t[j]) {
			j++
		}
		return tokSpace, j
	case c == ';':
		return tokSemicolon, i + 1
	case c == '-' && strings.HasPrefix(t[i:], "--"):
		if j := strings.IndexByte(t[i:], '\n'); j >= 0 {
			return tokComment, i + j + 1
		}
		return tokComment, len(t)
	case c == '/' && strings.HasPrefix(t[i:], "/*"):
		return sc.blockComment(i)
	case c == '\'':
		return tokCode, sc.quoted(i, '\'', isEscapePrefix(t, i))
	case c == '"':
		return tokCode, sc.quoted(i, '"', false)
	case c == '$' && (i == 0 || !isIdentByte(t[i-1])):
		if tag, ok := dollarTag(t[i:]); ok {
			if j := strings.Index(t[i+len(tag):], tag); j >= 0 {
				return tokCode, i + len(tag) + j + len(tag)
			}
			sc.open = true
			return tokCode, len(t)
		}
	}
	// Any other byte is code; read a run of them up to the next byte that
	// may start a different token.
	j := i + 1
	for j < len(t) && !startsToken(t, j) {
		j++
	}
	return tokCode, j
}

// startsToken reports whether the byte at j may begin a token other than
// plain code.
func startsToken(t string, j int) bool {
	switch t[j] {
	case ' ', '\t', '\n', '\r', '\f', '\v', ';', '\'', '"', '$':
		return true
	case '-':
		return strings.HasPrefix(t[j:], "--")
	case '/':
		return strings.HasPrefix(t[j:], "/*")
	}
	return false
}

// blockComment reads a /* */ comment starting at i; comments nest. An
// unterminated comment is code (DuckDB reports it) and leaves the text open.
func (sc *scanner) blockComment(i int) (tokenKind, int) {
	t := sc.text
	depth := 0
	for j := i; j < len(t)-1; j++ {
		switch {
		case t[j] == '/' && t[j+1] == '*':
			depth++
			j++
		case t[j] == '*' && t[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return tokComment, j + 1
			}
		}
	}
	sc.open = true
	return tokCode, len(t)
}

// quoted returns the end of the string or identifier opened by the quote at
// i. A doubled quote is an escaped quote; with backslash set, so is a
// backslash before any byte. An unterminated quote runs to the end of the
// text and leaves it open.
func (sc *scanner) quoted(i int, quote byte, backslash bool) int {
	t := sc.text
	for j := i + 1; j < len(t); j++ {
		switch t[j] {
		case '\\':
			if backslash {
				j++
			}
		case quote:
			if j+1 < len(t) && t[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	sc.open = true
	return len(t)
}

// isEscapePrefix reports whether the quote at i opens an E'...' string, in
// which backslash escapes apply: it follows a lone E or e.
func isEscapePrefix(t string, i int) bool {
	if i == 0 || (t[i-1] != 'e' && t[i-1] != 'E') {
		return false
	}
	return i == 1 || !isIdentByte(t[i-2])
}

// dollarTag returns the opening delimiter ($$ or $tag$) at the start of s.
// A tag is an identifier: a letter or underscore, then letters, digits or
// underscores.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '$':
			return s[:j+1], true
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
		case c >= '0' && c <= '9' && j > 1:
		default:
			return "", false
		}
	}
	return "", false
}

// isIdentByte reports whether c may appear inside an unquoted identifier.
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// isSpace reports whether c is SQL whitespace.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}
