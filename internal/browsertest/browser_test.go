package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePage writes an HTML file into a temporary directory and returns its
// file:// URL.
func writePage(t *testing.T, html string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + path
}

// TestBrowser checks the harness itself on one browser: a quiet page shows
// nothing, and each kind of trouble a page can make is seen (a harness
// that saw nothing would let every page test pass).
func TestBrowser(t *testing.T) {
	b := Start(t)

	t.Run("quiet page", func(t *testing.T) {
		p, err := b.Open(writePage(t, `<!DOCTYPE html><title>ok</title><p id="x">hello</p><script>console.log("fine")</script>`))
		if err != nil {
			t.Fatal(err)
		}
		var text string
		if err := p.Eval(`document.getElementById("x").textContent`, &text); err != nil {
			t.Fatal(err)
		}
		if text != "hello" {
			t.Errorf("text = %q, want hello", text)
		}
		if got := p.Problems(); len(got) > 0 {
			t.Errorf("problems on a quiet page: %q", got)
		}
		if got := p.Requests(); len(got) > 0 {
			t.Errorf("requests from a quiet page: %q", got)
		}
		if got := p.Console(); len(got) != 1 || got[0] != "console.log: fine" {
			t.Errorf("console = %q, want the one log line", got)
		}
	})

	t.Run("noisy page", func(t *testing.T) {
		p, err := b.Open(writePage(t, `<!DOCTYPE html><title>bad</title>
<img src="http://192.0.2.1/pixel.png">
<script>console.error("broken chart"); setTimeout(function () { null.x }, 0);</script>`))
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Eval(`new Promise(function (ok) { setTimeout(ok, 50) })`, nil); err != nil {
			t.Fatal(err)
		}
		problems := strings.Join(p.Problems(), "\n")
		for _, want := range []string{"console.error: broken chart", "exception:"} {
			if !strings.Contains(problems, want) {
				t.Errorf("problems %q: want %q among them", problems, want)
			}
		}
		if got := p.Requests(); len(got) != 1 || got[0] != "http://192.0.2.1/pixel.png" {
			t.Errorf("requests = %q, want the image's", got)
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		p, err := b.Open(writePage(t, `<!DOCTYPE html><title>shot</title><div style="height:1500px;background:#c00">tall</div>`))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "shot.png")
		if err := p.Screenshot(path, 400, 0); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) < 100 || string(data[1:4]) != "PNG" {
			t.Fatalf("screenshot is not a PNG (%d bytes)", len(data))
		}
		// the PNG's height (IHDR, bytes 20-23) is the page's, not the window's
		if h := int(data[20])<<24 | int(data[21])<<16 | int(data[22])<<8 | int(data[23]); h < 1500 {
			t.Errorf("screenshot height %d, want the whole page (>= 1500)", h)
		}
	})
}
