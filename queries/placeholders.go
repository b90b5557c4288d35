package queries

import "strings"

// placeholders returns the distinct $name parameters sql reads, in order of
// first use, skipping string literals, quoted identifiers and comments.
func placeholders(sql string) []string {
	var names []string
	seen := map[string]bool{}
	scanCode(sql, func(i int) int {
		if sql[i] != '$' {
			return i + 1
		}
		j := i + 1
		for j < len(sql) && isNameByte(sql[j]) {
			j++
		}
		if name := sql[i+1 : j]; name != "" && !isDigitByte(name[0]) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		return j
	})
	return names
}

// codeOnly returns sql without its comments, string literals and quoted
// identifiers.
func codeOnly(sql string) string {
	var b strings.Builder
	scanCode(sql, func(i int) int {
		b.WriteByte(sql[i])
		return i + 1
	})
	return b.String()
}

// scanCode calls fn at every byte of sql outside comments, string literals
// and quoted identifiers (which it skips whole, writing nothing for them);
// fn returns where scanning resumes.
func scanCode(sql string, fn func(i int) int) {
	for i := 0; i < len(sql); {
		switch {
		case strings.HasPrefix(sql[i:], "--"):
			end := strings.IndexByte(sql[i:], '\n')
			if end < 0 {
				return
			}
			i += end
		case strings.HasPrefix(sql[i:], "/*"):
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return
			}
			i += end + 4
		case sql[i] == '\'' || sql[i] == '"':
			q := sql[i]
			j := i + 1
			for j < len(sql) {
				if sql[j] == q {
					if j+1 < len(sql) && sql[j+1] == q {
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = j + 1
		default:
			i = fn(i)
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigitByte(c)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
