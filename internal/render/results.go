package render

import "io"

// Results writes several results one after another to one writer, putting
// the separator of their format (see [FormatInfo.Separator]) between two
// results that each wrote something: csv results are parted by a blank line,
// as in DuckDB's shell, and a result that printed nothing (a statement with
// no output) adds no separator.
type Results struct {
	w     io.Writer
	wrote bool
}

// NewResults returns a sequence of results written to w.
func NewResults(w io.Writer) *Results {
	return &Results{w: w}
}

// Next returns the writer for the next result, to be rendered in format f.
func (r *Results) Next(f Format) io.Writer {
	return &resultWriter{r: r, sep: Separator(f)}
}

// resultWriter writes one result of a sequence, starting with the
// separator once it writes anything after an earlier result did.
type resultWriter struct {
	r       *Results
	sep     string
	started bool
}

func (rw *resultWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !rw.started {
		rw.started = true
		if rw.r.wrote && rw.sep != "" {
			if _, err := io.WriteString(rw.r.w, rw.sep); err != nil {
				return 0, err
			}
		}
		rw.r.wrote = true
	}
	return rw.r.w.Write(p)
}
