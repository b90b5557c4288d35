package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
)

// cancelingWriter cancels its context on the first write, as a user
// pressing Ctrl-C just after output began.
type cancelingWriter struct {
	bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelingWriter) Write(p []byte) (int, error) {
	w.cancel()
	return w.Buffer.Write(p)
}

// TestStreamingCancel renders five million rows in each streaming format into
// a writer that cancels on its first write. A format that buffered the result
// would read every row before writing anything; a streaming one writes while
// reading, sees the cancellation and stops early.
func TestStreamingCancel(t *testing.T) {
	const total = 5_000_000
	db := dbtest.OpenPlain(t).Conn
	for _, f := range Formats {
		if !f.Streams {
			continue
		}
		t.Run(string(f.Name), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rows, err := db.QueryContext(ctx, fmt.Sprintf("SELECT * FROM range(%d)", total))
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			w := &cancelingWriter{cancel: cancel}
			n, err := Rows(ctx, w, rows, Options{Format: f.Name})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Rows = %d, %v; want context.Canceled", n, err)
			}
			if n == 0 || n > total/100 {
				t.Errorf("wrote %d rows before stopping, want some but far fewer than %d", n, total)
			}
			lines := int64(strings.Count(w.String(), "\n"))
			if f.Name == CSV || f.Name == TSV {
				lines-- // header
			}
			if f.Name == JSON {
				lines = int64(strings.Count(w.String(), "{"))
			}
			if lines != n {
				t.Errorf("output holds %d rows, Rows reported %d", lines, n)
			}
		})
	}
}

// TestCancelBuffered checks that the buffering formats also stop between
// rows once the context is done, and write nothing.
func TestCancelBuffered(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	for _, f := range Formats {
		if f.Streams {
			continue
		}
		t.Run(string(f.Name), func(t *testing.T) {
			rows, err := db.QueryContext(context.Background(), "SELECT range AS i, range AS n FROM range(1000)")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var out bytes.Buffer
			n, err := Rows(ctx, &out, rows, Options{Format: f.Name})
			if !errors.Is(err, context.Canceled) || n != 0 || out.Len() != 0 {
				t.Errorf("Rows on a cancelled context = %d, %v, %q; want 0, context.Canceled, nothing", n, err, out.String())
			}
		})
	}
}

// TestGridKeepsHeadAndTail feeds many rows through the head/tail buffer and
// checks which rows it keeps, in order, and that it never holds more than
// the limit.
func TestGridKeepsHeadAndTail(t *testing.T) {
	tests := []struct {
		name          string
		maxRows, rows int
		head, tail    []string
		omitted       int64
	}{
		{name: "no limit", maxRows: 0, rows: 4, head: []string{"1", "2", "3", "4"}},
		{name: "fewer rows than the limit", maxRows: 5, rows: 4, head: []string{"1", "2", "3"}, tail: []string{"4"}},
		{name: "exactly the limit", maxRows: 5, rows: 5, head: []string{"1", "2", "3"}, tail: []string{"4", "5"}},
		{name: "one over", maxRows: 5, rows: 6, head: []string{"1", "2", "3"}, tail: []string{"5", "6"}, omitted: 1},
		{name: "many, odd limit", maxRows: 5, rows: 100_000, head: []string{"1", "2", "3"}, tail: []string{"99999", "100000"}, omitted: 99_995},
		{name: "many, even limit", maxRows: 4, rows: 1001, head: []string{"1", "2"}, tail: []string{"1000", "1001"}, omitted: 997},
		{name: "limit one", maxRows: 1, rows: 50, head: []string{"1"}, omitted: 49},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGrid(tc.maxRows)
			var spare []string
			for i := 1; i <= tc.rows; i++ {
				cells := spare
				if cells == nil {
					cells = make([]string, 1)
				}
				cells[0] = fmt.Sprint(i)
				spare = g.add(cells)
				if tc.maxRows > 0 && len(g.head)+len(g.tail) > tc.maxRows {
					t.Fatalf("after %d rows the grid holds %d, more than %d", i, len(g.head)+len(g.tail), tc.maxRows)
				}
			}
			head, tail, omitted := g.rows()
			if got := firstCells(head); !slices.Equal(got, tc.head) {
				t.Errorf("head = %v, want %v", got, tc.head)
			}
			if got := firstCells(tail); !slices.Equal(got, tc.tail) {
				t.Errorf("tail = %v, want %v", got, tc.tail)
			}
			if omitted != tc.omitted || g.total != int64(tc.rows) {
				t.Errorf("omitted %d of %d, want %d of %d", omitted, g.total, tc.omitted, tc.rows)
			}
		})
	}
}

func firstCells(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[0])
	}
	return out
}
