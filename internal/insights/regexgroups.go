package insights

import (
	"errors"
	"fmt"
	"strings"
)

// groupNames returns the names of the capturing groups of a regular
// expression, in order, with "" for an unnamed capturing group; named
// groups are written (?<name>...) or (?P<name>...). It fails when a
// group's name is repeated or malformed.
func groupNames(re string) ([]string, error) {
	var names []string
	seen := map[string]bool{}
	named := 0
	inClass := false
	for i := 0; i < len(re); i++ {
		switch c := re[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(re) && re[i+1] == ']' {
				i++
			} else if i+2 < len(re) && re[i+1] == '^' && re[i+2] == ']' {
				i += 2
			}
		case c == '(':
			rest := re[i+1:]
			var name string
			switch {
			case strings.HasPrefix(rest, "?<") && !strings.HasPrefix(rest, "?<=") && !strings.HasPrefix(rest, "?<!"):
				name = rest[2:]
			case strings.HasPrefix(rest, "?P<"):
				name = rest[3:]
			case strings.HasPrefix(rest, "?"):
				continue
			default:
				names = append(names, "")
				continue
			}
			end := strings.IndexByte(name, '>')
			if end <= 0 {
				return nil, errors.New("malformed group name in the regular expression")
			}
			name = name[:end]
			for j := 0; j < len(name); j++ {
				if !isNamePart(name[j]) || name[j] == '.' || name[j] == '@' {
					return nil, fmt.Errorf("malformed group name %q in the regular expression", name)
				}
			}
			if seen[strings.ToLower(name)] {
				return nil, fmt.Errorf("group name %q is used twice in the regular expression", name)
			}
			seen[strings.ToLower(name)] = true
			names = append(names, name)
			named++
		}
	}
	if named == 0 {
		return nil, nil
	}
	return names, nil
}

// re2Groups rewrites (?<name> as (?P<name>, the form every RE2 accepts.
func re2Groups(re string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case c == '\\' && i+1 < len(re):
			b.WriteByte(c)
			b.WriteByte(re[i+1])
			i++
			continue
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '(' && strings.HasPrefix(re[i+1:], "?<") && !strings.HasPrefix(re[i+1:], "?<=") && !strings.HasPrefix(re[i+1:], "?<!"):
			b.WriteString("(?P<")
			i += 2
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
