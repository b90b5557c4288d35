// Package sqlscript splits SQL text into statements the way DuckDB's parser
// does: a ';' ends a statement unless it is inside a '...' string (a
// doubled quote escapes a quote; E'...' strings also take backslash
// escapes), a "..." identifier, a -- line comment, a /* */ comment (which
// nest, as in DuckDB) or a $$ / $tag$ dollar-quoted string. `flowduck sql`
// and the REPL share it.
package sqlscript

// Statement is one statement of a script.
type Statement struct {
	// Text is the statement from its first to its last token: without the
	// terminating ';' and without the whitespace and comments around it.
	Text string
	// Line is the 1-based line of the script on which Text starts.
	Line int
	// End is the byte offset in the script just past the statement's
	// terminating ';', or the script's length when it has none.
	End int
	// Terminated reports whether a ';' ends the statement.
	Terminated bool
}

// Statements returns the non-empty statements of text in order. A final
// statement without ';' is included (Terminated false); so is one that runs
// into an unterminated quote or comment, which DuckDB will then reject.
func Statements(text string) []Statement {
	var out []Statement
	sc := scanner{text: text}
	start, end := -1, -1 // offsets of the current statement's first and last code bytes
	startLine, line, pos := 0, 1, 0
	for tok := range sc.tokens() {
		switch tok.kind {
		case tokSemicolon:
			if start >= 0 {
				out = append(out, Statement{Text: text[start:end], Line: startLine, End: tok.end, Terminated: true})
			}
			start, end = -1, -1
		case tokCode:
			if start < 0 {
				line += countLines(text[pos:tok.start])
				pos = tok.start
				start, startLine = tok.start, line
			}
			end = tok.end
		}
	}
	if start >= 0 {
		out = append(out, Statement{Text: text[start:end], Line: startLine, End: len(text)})
	}
	return out
}

// Split returns the text of each statement of text, in order: trimmed,
// without the terminating ';', skipping empty statements.
func Split(text string) []string {
	stmts := Statements(text)
	out := make([]string, len(stmts))
	for i, s := range stmts {
		out[i] = s.Text
	}
	return out
}

// Complete reports whether text ends at a statement boundary: nothing but
// whitespace and comments follows its last ';' and no quote or comment is
// left open. The REPL shows a continuation prompt while it is false.
func Complete(text string) bool {
	sc := scanner{text: text}
	pending := false
	for tok := range sc.tokens() {
		switch tok.kind {
		case tokSemicolon:
			pending = false
		case tokCode:
			pending = true
		}
	}
	return !pending && !sc.open
}

// countLines returns the number of newlines in s.
func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}
