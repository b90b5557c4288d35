package repl

import "strings"

// maxSuggestDistance is how many edits a typo may be from a suggestion.
const maxSuggestDistance = 2

// closest returns the candidate (".name") nearest to name: the first one it
// is a prefix of, else the one within maxSuggestDistance edits, else "".
func closest(name string, candidates []string) string {
	if name == "" {
		return ""
	}
	for _, c := range candidates {
		if strings.HasPrefix(strings.TrimPrefix(c, "."), name) {
			return c
		}
	}
	best, bestDist := "", maxSuggestDistance+1
	for _, c := range candidates {
		if d := editDistance(name, strings.TrimPrefix(c, ".")); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
