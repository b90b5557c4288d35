package repl

import (
	"strings"

	"github.com/flowduck/flowduck/internal/suggest"
)

// maxSuggestDistance is how many edits a typo may be from a suggestion.
const maxSuggestDistance = 2

// closest returns the candidate (".name") nearest to name: the first one it
// is a prefix of, else the one within maxSuggestDistance edits, else "".
func closest(name string, candidates []string) string {
	bare := make([]string, len(candidates))
	for i, c := range candidates {
		bare[i] = strings.TrimPrefix(c, ".")
	}
	best := suggest.Closest(name, bare, maxSuggestDistance)
	for i, b := range bare {
		if best != "" && b == best {
			return candidates[i]
		}
	}
	return ""
}
