package render

import "io"

// errWriter writes strings until the first error and then remembers it, so
// a format can write many pieces and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) str(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}
