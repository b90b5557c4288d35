package repl

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// complete is the shell's liner.WordCompleter: given the line and the
// cursor position (in runes) it returns the text before the word being
// completed, the candidates for that word, and the text after the cursor.
// A line starting with '.' at a statement boundary completes dot-commands
// and their arguments; anything else completes SQL.
func (s *shell) complete(ctx context.Context, line string, pos int) (head string, candidates []string, tail string) {
	runes := []rune(line)
	pos = min(max(pos, 0), len(runes))
	before, tail := string(runes[:pos]), string(runes[pos:])
	if s.pending == "" && strings.HasPrefix(strings.TrimLeft(before, " \t"), ".") {
		head, candidates = s.completeDot(ctx, before)
	} else {
		head, candidates = s.completeSQL(ctx, s.pending+before, s.pending+line)
		head = head[min(len(s.pending), len(head)):]
	}
	return head, candidates, tail
}

// completeDot completes a dot-command's name or one of its arguments.
func (s *shell) completeDot(ctx context.Context, before string) (string, []string) {
	start := strings.LastIndexAny(before, " \t") + 1
	head, word := before[:start], before[start:]
	words := strings.Fields(head)
	if len(words) == 0 {
		return head, withPrefix(commandNames(), word)
	}
	cmd, ok := lookupCommand(strings.TrimPrefix(words[0], "."))
	if !ok || cmd.complete == nil {
		return head, nil
	}
	prior := words[1:]
	if cmd.maxArgs >= 0 && len(prior) >= cmd.maxArgs {
		return head, nil
	}
	return head, withPrefix(cmd.complete(ctx, s, len(prior), prior, word), word)
}

// identTail matches the identifier being typed at the end of the text:
// words, quoted words and dots between them.
var identTail = regexp.MustCompile(`(?:"(?:[^"]|"")*"?|[\p{L}\p{N}_$.])*$`)

// tableKeywords are the keywords after which a table name is likely.
var tableKeywords = []string{"from", "join", "into", "table", "update", "describe", "summarize", "view"}

// completeSQL completes the identifier or keyword before the cursor. text
// is the statement up to the cursor, whole the statement including what
// follows the cursor (for the tables it names).
func (s *shell) completeSQL(ctx context.Context, text, whole string) (string, []string) {
	loc := identTail.FindStringIndex(text)
	head, word := text[:loc[0]], text[loc[0]:]
	rels, keywords, functions, reserved := s.cat.snapshot(ctx, s.cfg.Session.Conn)

	if dot := strings.LastIndex(word, "."); dot >= 0 {
		qual, partial := word[:dot], word[dot+1:]
		var names []string
		if rel, ok := resolve(qual, rels, aliases(whole, rels, reserved)); ok {
			for _, c := range rel.columns {
				names = append(names, quoteIdent(c, reserved))
			}
		} else {
			for _, r := range rels {
				if strings.EqualFold(r.schema, unquoteIdent(qual)) {
					names = append(names, quoteIdent(r.table, reserved))
				}
			}
		}
		return head + qual + ".", withPrefix(names, partial)
	}

	named := referenced(whole, rels, reserved)
	var refCols, tables, otherCols []string
	for _, r := range rels {
		tables = append(tables, r.name)
		for _, c := range r.columns {
			if slices.Contains(named, r.name) {
				refCols = append(refCols, quoteIdent(c, reserved))
			} else {
				otherCols = append(otherCols, quoteIdent(c, reserved))
			}
		}
	}
	afterTableKeyword := slices.Contains(tableKeywords, strings.ToLower(lastWord(head)))
	if word == "" { // offer only what fits here, not every word DuckDB knows
		if afterTableKeyword || len(refCols) == 0 {
			return head, tables
		}
		return head, dedupe(refCols)
	}
	words := keywords
	if isUpper(word) {
		words = make([]string, len(keywords))
		for i, k := range keywords {
			words[i] = strings.ToUpper(k)
		}
	}
	if afterTableKeyword {
		if matches := withPrefix(tables, word); len(matches) > 0 {
			return head, matches // a table is what fits here
		}
	}
	order := [][]string{refCols, tables, words, functions, otherCols}
	var all []string
	for _, list := range order {
		all = append(all, withPrefix(list, word)...)
	}
	return head, dedupe(all)
}

// identWord matches one (possibly dotted, possibly quoted) identifier.
var identWord = regexp.MustCompile(`(?:"(?:[^"]|"")*"|[\p{L}_][\p{L}\p{N}_$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[\p{L}_][\p{L}\p{N}_$]*))*`)

// referenced returns the names of the relations whole mentions.
func referenced(whole string, rels []relation, reserved map[string]bool) []string {
	var names []string
	for _, w := range identWord.FindAllString(whole, -1) {
		if rel, ok := resolve(w, rels, nil); ok && !slices.Contains(names, rel.name) {
			names = append(names, rel.name)
		}
	}
	for _, rel := range aliases(whole, rels, reserved) {
		if !slices.Contains(names, rel.name) {
			names = append(names, rel.name)
		}
	}
	return names
}

// aliases finds "relation [AS] alias" in whole and maps each alias (lower
// case) to its relation.
func aliases(whole string, rels []relation, reserved map[string]bool) map[string]relation {
	words := identWord.FindAllString(whole, -1)
	out := map[string]relation{}
	for i := 0; i+1 < len(words); i++ {
		rel, ok := resolve(words[i], rels, nil)
		if !ok {
			continue
		}
		next := i + 1
		if strings.EqualFold(words[next], "as") && next+1 < len(words) {
			next++
		}
		alias := unquoteIdent(words[next])
		if reserved[alias] || isClauseWord(alias) {
			continue
		}
		if _, isRel := resolve(words[next], rels, nil); !isRel {
			out[alias] = rel
		}
	}
	return out
}

// isClauseWord reports words that may follow a table name without being its
// alias even though DuckDB does not reserve them.
func isClauseWord(w string) bool {
	switch w {
	case "as", "where", "group", "order", "limit", "join", "left", "right", "inner", "outer", "full", "cross",
		"natural", "on", "using", "union", "except", "intersect", "window", "qualify", "having", "offset",
		"set", "values", "select", "positional", "asof", "anti", "semi", "lateral", "sample", "tablesample":
		return true
	}
	return false
}

// resolve finds the relation an identifier names: an alias, schema.table
// or a table.
func resolve(ident string, rels []relation, aliasMap map[string]relation) (relation, bool) {
	parts := splitDotted(ident)
	if len(parts) == 1 {
		if rel, ok := aliasMap[parts[0]]; ok {
			return rel, true
		}
	}
	for _, r := range rels {
		switch len(parts) {
		case 1:
			if strings.EqualFold(r.table, parts[0]) {
				return r, true
			}
		case 2:
			if strings.EqualFold(r.schema, parts[0]) && strings.EqualFold(r.table, parts[1]) {
				return r, true
			}
		}
	}
	return relation{}, false
}

// dottedPart matches one part of a dotted identifier.
var dottedPart = regexp.MustCompile(`"(?:[^"]|"")*"|[^.\s]+`)

// splitDotted splits a dotted identifier into its unquoted parts.
func splitDotted(ident string) []string {
	var parts []string
	for _, p := range dottedPart.FindAllString(ident, -1) {
		parts = append(parts, unquoteIdent(p))
	}
	return parts
}

// lastWord returns the last whitespace-separated word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// withPrefix returns the items that start with prefix, ignoring case and
// a leading double quote on either side.
func withPrefix(items []string, prefix string) []string {
	p := strings.ToLower(strings.TrimPrefix(prefix, `"`))
	var out []string
	for _, it := range items {
		if strings.HasPrefix(strings.ToLower(strings.TrimPrefix(it, `"`)), p) {
			out = append(out, it)
		}
	}
	return out
}

// dedupe drops repeated items, keeping the first.
func dedupe(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// isUpper reports whether word has letters and all of them are upper case.
func isUpper(word string) bool {
	hasLetter := false
	for _, r := range word {
		if unicode.IsLower(r) {
			return false
		}
		hasLetter = hasLetter || unicode.IsUpper(r)
	}
	return hasLetter
}

// completeCommandNames completes the argument of .help.
func completeCommandNames(context.Context, *shell, int, []string, string) []string {
	var names []string
	for _, n := range commandNames() {
		names = append(names, strings.TrimPrefix(n, "."))
	}
	return names
}

// fixedWords completes the first argument from a fixed list.
func fixedWords(words ...string) argCompleter {
	return func(_ context.Context, _ *shell, i int, _ []string, _ string) []string {
		if i == 0 {
			return words
		}
		return nil
	}
}

// fixedWordsAfter completes every argument from the n-th (0-based) on with
// words.
func fixedWordsAfter(n int, words ...string) argCompleter {
	return func(_ context.Context, _ *shell, i int, _ []string, _ string) []string {
		if i >= n {
			return words
		}
		return nil
	}
}

// completeTables completes table and view names.
func completeTables(ctx context.Context, s *shell, _ int, _ []string, _ string) []string {
	rels, _, _, _ := s.cat.snapshot(ctx, s.cfg.Session.Conn)
	var names []string
	for _, r := range rels {
		names = append(names, r.name)
	}
	return names
}

// completeLayouts completes the LAYOUT of .view NAME LAYOUT.
func completeLayouts(_ context.Context, s *shell, i int, _ []string, _ string) []string {
	if i != 1 || s.hooks.Layouts == nil {
		return nil
	}
	return s.hooks.Layouts()
}

// completeReportNames completes a report name.
func completeReportNames(_ context.Context, s *shell, i int, _ []string, _ string) []string {
	if i != 0 || s.hooks.ReportNames == nil {
		return nil
	}
	return s.hooks.ReportNames()
}

// completeReportArgs completes .run NAME k=v...: the report name, then the
// "k=" of each parameter not given yet.
func completeReportArgs(ctx context.Context, s *shell, i int, prior []string, word string) []string {
	if i == 0 {
		return completeReportNames(ctx, s, i, prior, word)
	}
	if s.hooks.ReportParams == nil || strings.Contains(word, "=") {
		return nil
	}
	var out []string
	for _, p := range s.hooks.ReportParams(prior[0]) {
		given := slices.ContainsFunc(prior[1:], func(a string) bool { return strings.HasPrefix(a, p+"=") })
		if !given {
			out = append(out, p+"=")
		}
	}
	return out
}

// completeFiles completes a file path; directories end in '/'. Hidden
// files are offered once the word starts with a dot.
func completeFiles(_ context.Context, _ *shell, _ int, _ []string, word string) []string {
	if strings.Contains(word, "://") {
		return nil
	}
	dir, base := filepath.Split(word)
	readDir := dir
	if readDir == "" {
		readDir = "."
	}
	if strings.HasPrefix(readDir, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			readDir = filepath.Join(home, readDir[2:])
		}
	}
	entries, err := os.ReadDir(readDir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if e.IsDir() {
			name += "/"
		}
		out = append(out, dir+name)
	}
	return out
}
