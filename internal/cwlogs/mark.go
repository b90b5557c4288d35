package cwlogs

import (
	"slices"
	"time"

	"github.com/flowduck/flowduck/internal/remote"
)

// Mark is how far a log stream has been read by earlier pulls (see
// remote.Mark, where the loader keeps it).
type Mark = remote.Mark

// span is a time range of one stream to read, From and To inclusive (as
// FilterLogEvents takes them), leaving out the events at From whose ids are
// in skip.
type span struct {
	From, To int64
	skip     map[string]bool
}

// window is what to read of one stream.
type window struct {
	spans []span
	// replace is the range whose earlier records a forced re-read replaces.
	replace *span
}

// plan decides what to read of a stream whose mark is m (known false: never
// read), given the window [since, until] (sinceGiven false: no --since).
// The range read of a stream stays one interval: a pull continues from the
// mark (even when --since is later: no event is ever left out between two
// pulls), and an earlier --since also reads what lies before the first
// pull. A forced pull re-reads from --since (or the mark, if earlier) to
// until, replacing what was loaded of that range.
func plan(m Mark, known bool, since, until int64, sinceGiven, force bool) window {
	switch {
	case !known:
		return window{spans: nonEmpty(span{From: since, To: until})}
	case force:
		s := span{From: min(since, m.Last), To: until}
		if s.From > s.To {
			return window{}
		}
		return window{spans: []span{s}, replace: &s}
	}
	var w window
	if sinceGiven && since < m.First {
		w.spans = append(w.spans, nonEmpty(span{From: since, To: min(m.First-1, until)})...)
	}
	skip := make(map[string]bool, len(m.IDs))
	for _, id := range m.IDs {
		skip[id] = true
	}
	w.spans = append(w.spans, nonEmpty(span{From: m.Last, To: until, skip: skip})...)
	return w
}

func nonEmpty(s span) []span {
	if s.From > s.To {
		return nil
	}
	return []span{s}
}

// advance is the mark after a pull that read w and found events up to last
// (with ids at last); n is the number of events found.
func advance(m Mark, known bool, w window, n int64, last int64, ids []string) Mark {
	first := w.spans[0].From
	if !known {
		return Mark{First: first, Last: last, IDs: ids}
	}
	out := Mark{First: min(m.First, first), Last: m.Last, IDs: m.IDs}
	switch {
	case n == 0 || last < m.Last:
	case last > m.Last:
		out.Last, out.IDs = last, ids
	default: // the same last time: the ids read now join the earlier ones
		all := append(slices.Clone(m.IDs), ids...)
		slices.Sort(all)
		out.IDs = slices.Compact(all)
	}
	return out
}

// ms is a time in CloudWatch's milliseconds.
func ms(t time.Time) int64 { return t.UnixMilli() }
