package insights

import (
	"bufio"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/filter"
)

// TestMessageIsTheLine checks that @message is every record's line as the
// file has it, in the file's own field order (default, v5 custom order and
// v10 files, and the record part of a CloudWatch export line).
func TestMessageIsTheLine(t *testing.T) {
	lines := map[string]int{}
	err := filepath.WalkDir(dataDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".gz") || strings.HasSuffix(path, ".log")) {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var r io.Reader = f
		if strings.HasSuffix(path, ".gz") {
			if r, err = gzip.NewReader(f); err != nil {
				return err
			}
		}
		sc := bufio.NewScanner(r)
		for first := true; sc.Scan(); first = false {
			line := sc.Text()
			if strings.HasSuffix(path, ".log") {
				_, line, _ = strings.Cut(line, " ") // the export's event time
			} else if first {
				continue // the header
			}
			lines[line]++
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	src, err := LoadSource(context.Background(), session.Conn, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Translate("fields @message | limit 1000000", src)
	if err != nil {
		t.Fatal(err)
	}
	got := queryRows(t, c.SQL, false)
	if len(got) == 0 || len(got) != sum(lines) {
		t.Fatalf("%d messages for %d lines", len(got), sum(lines))
	}
	for _, row := range got {
		if lines[row[0]] == 0 {
			t.Fatalf("@message %q is no line of the files (or more often than the files have it)", row[0])
		}
		lines[row[0]]--
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
