package loader

import (
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/schema"
)

// job is one file of this load run.
type job struct {
	file
	sniff    Sniffed
	read     string   // the path DuckDB reads (see plainName): Local, a link to it, or a trimmed copy
	trailer  *trailer // bytes after the last gzip member, left out of read
	id       int64    // manifest id assigned for this load
	replaces int64    // manifest id of the version this load replaces, or 0
	content  string   // content identity (see contentID), "" until sniffed
	err      error    // why the file failed, if it did
	alone    bool     // load in a group of its own (to find which file DuckDB failed on)
	records  int64
	rejects  int64
}

// group is a set of files that share a layout and so load with one DuckDB
// statement.
type group struct {
	kind        Kind
	fields      []schema.Field
	header      string // normalised header line, "" when headerless
	compression string // DuckDB compression option: "gzip", "none" or "auto"
	stream      bool   // events of CloudWatch Logs streams (cwl://)
	jobs        []*job
}

// filter is the record filter of a group's statement: a CloudWatch Logs
// pull is bounded by the events' time already (a stream continues from
// where the last pull stopped, which may be before --since), so its
// records are not filtered by time again.
func (g *group) filter(f filter.Filter) filter.Filter {
	if g.stream {
		f.Since, f.Until = time.Time{}, time.Time{}
	}
	return f
}

// groupJobs groups files by kind, fields, header and compression, in a stable
// order (by first file) so loads are reproducible.
func groupJobs(jobs []*job) []*group {
	byKey := map[string]*group{}
	var groups []*group
	for _, j := range jobs {
		if j.err != nil {
			continue
		}
		comp := compressionOf(j)
		cols := make([]string, len(j.sniff.Fields))
		for i, f := range j.sniff.Fields {
			cols[i] = f.Column
		}
		key := strings.Join([]string{string(j.sniff.Kind), comp, j.sniff.Header, strings.Join(cols, ",")}, "\x00")
		if j.sniff.Kind == KindParquet {
			key = string(KindParquet)
		}
		if j.Stream != nil {
			key = "cwl\x00" + key
		}
		if j.alone {
			key = j.Key
		}
		g, ok := byKey[key]
		if !ok {
			g = &group{kind: j.sniff.Kind, fields: j.sniff.Fields, header: j.sniff.Header, compression: comp, stream: j.Stream != nil}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.jobs = append(g.jobs, j)
	}
	sort.SliceStable(groups, func(a, b int) bool { return groups[a].jobs[0].Key < groups[b].jobs[0].Key })
	return groups
}

// compressionOf says how DuckDB must decompress a file: by extension when the
// extension tells the truth, explicitly otherwise.
func compressionOf(j *job) string {
	if j.sniff.Kind == KindParquet {
		return "auto"
	}
	isGz := strings.EqualFold(filepath.Ext(j.read), ".gz")
	switch {
	case j.sniff.Gzip && isGz:
		return "auto"
	case j.sniff.Gzip:
		return "gzip"
	case isGz:
		return "none"
	}
	return "auto"
}

// live returns the jobs of the group that have not failed.
func (g *group) live() []*job {
	var out []*job
	for _, j := range g.jobs {
		if j.err == nil {
			out = append(out, j)
		}
	}
	return out
}
