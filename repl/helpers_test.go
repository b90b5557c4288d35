package repl

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/peterh/liner"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/iostreams"
	"github.com/flowduck/flowduck/internal/render"
)

// fakeReader is a scripted lineReader: it hands out lines (or the errors
// Ctrl-C and Ctrl-D produce) and records the prompts and history.
type fakeReader struct {
	inputs  []any // string or error
	prompts []string
	history []string
}

// ctrlC and ctrlD stand for the keys in fakeReader inputs.
var (
	ctrlC = liner.ErrPromptAborted
	ctrlD = io.EOF
)

func (f *fakeReader) Prompt(prompt string) (string, error) {
	f.prompts = append(f.prompts, prompt)
	if len(f.inputs) == 0 {
		return "", io.EOF
	}
	in := f.inputs[0]
	f.inputs = f.inputs[1:]
	if err, ok := in.(error); ok {
		return "", err
	}
	return in.(string), nil
}

func (f *fakeReader) AppendHistory(item string) { f.history = append(f.history, item) }

var _ lineReader = (*fakeReader)(nil)

// openSession opens an in-memory database with the fixture, closed when
// the test ends; like flowduck's, it creates the dialect's macros as the
// shell's statements name them.
func openSession(t *testing.T) *duck.Session {
	t.Helper()
	s := dbtest.OpenLazy(t)
	dbtest.Exec(t, s.Conn, fixture...)
	return s
}

// testConfig returns a configuration on buffers (not a terminal) with csv
// output.
func testConfig(t *testing.T, hooks Hooks) (Config, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	streams, out, errOut := iostreams.Test("")
	return Config{
		Session: openSession(t),
		Streams: streams,
		Format:  render.CSV,
		Hooks:   hooks,
	}, out, errOut
}

// newTestShell returns a shell on testConfig.
func newTestShell(t *testing.T, hooks Hooks) (*shell, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cfg, out, errOut := testConfig(t, hooks)
	s, err := newShell(cfg)
	if err != nil {
		t.Fatalf("newShell: %v", err)
	}
	t.Cleanup(func() { s.close() })
	return s, out, errOut
}

// lines splits text into lines for comparisons that ignore the final
// newline.
func lines(text string) []string {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}
