package htmlpage

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/browsertest"
)

// drawn is what testdata/charts.js reads of one chart.
type drawn struct {
	Kind, Section string
	Width, Height float64
	Series        []struct {
		Name                       string
		Declared, Points, Tooltips int
		Length                     float64
		Visible                    bool
	}
	Bars []struct {
		Width          float64
		Label, Tooltip string
	}
	Edges []float64
	Nodes []struct{ Scope, Label string }
}

// chartsJS is the script that reads what a page drew.
func chartsJS(t *testing.T) string {
	t.Helper()
	js, err := os.ReadFile(filepath.Join("testdata", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// writeFile writes a page's HTML to a temporary file and returns its URL.
func writeFile(t *testing.T, html []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, html, 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + path
}

// TestPageInBrowser opens the sample page (every chart, hostile text
// everywhere) in headless Chromium and checks what it drew, that the
// hostile text stayed text, that legend keys toggle their lines, the print
// style, and that nothing was logged or requested.
func TestPageInBrowser(t *testing.T) {
	b := browsertest.Start(t)
	var buf bytes.Buffer
	if err := Write(&buf, samplePage()); err != nil {
		t.Fatal(err)
	}
	p, err := b.Open(writeFile(t, buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var charts []drawn
	if err := p.Eval(chartsJS(t), &charts); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range charts {
		kinds[c.Kind]++
		if c.Width < 300 || c.Height < 20 {
			t.Errorf("%s chart in %s drawn %vx%v: too small", c.Kind, c.Section, c.Width, c.Height)
		}
	}
	if kinds["time"] != 1 || kinds["bars"] != 1 || kinds["graph"] != 1 {
		t.Fatalf("charts drawn: %v, want one of each kind", kinds)
	}
	for _, c := range charts {
		switch c.Kind {
		case "time":
			if len(c.Series) != 2 {
				t.Errorf("time chart: %d series, want 2", len(c.Series))
			}
			for _, s := range c.Series {
				if s.Points != 4 || s.Declared != 4 || s.Tooltips != 4 || s.Length <= 0 || !s.Visible {
					t.Errorf("series %q: %+v, want 4 points with tooltips on a visible line", s.Name, s)
				}
			}
		case "bars":
			if len(c.Bars) != 2 || c.Bars[1].Label != hostile || c.Bars[0].Width <= c.Bars[1].Width {
				t.Errorf("bars: %+v, want two, the hostile label as text, the first longer", c.Bars)
			}
		case "graph":
			if len(c.Edges) != 3 || len(c.Nodes) != 3 {
				t.Errorf("graph: %d edges and %d nodes, want 3 and 3", len(c.Edges), len(c.Nodes))
			}
			for _, l := range c.Edges {
				if l <= 0 {
					t.Errorf("graph edge of length %v", l)
				}
			}
		}
	}
	var counts struct{ Scripts, Images int }
	if err := p.Eval(`({scripts: document.scripts.length, images: document.images.length})`, &counts); err != nil {
		t.Fatal(err)
	}
	if counts.Scripts != 1 || counts.Images != 0 {
		t.Errorf("%d scripts and %d images, want the page's one script and no image: hostile text became markup", counts.Scripts, counts.Images)
	}

	t.Run("legend toggles", func(t *testing.T) {
		visible := func() bool {
			var v bool
			if err := p.Eval(`getComputedStyle(document.querySelector('#traffic g.series[data-series="s1"]')).display !== "none"`, &v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		click := `document.querySelector('#traffic button[data-toggle="s1"]').click()`
		if err := p.Eval(click, nil); err != nil {
			t.Fatal(err)
		}
		if visible() {
			t.Error("the line is still shown after a click on its key")
		}
		if err := p.Eval(click, nil); err != nil {
			t.Fatal(err)
		}
		if !visible() {
			t.Error("the line is hidden after a second click on its key")
		}
	})

	t.Run("print", func(t *testing.T) {
		display := func() string {
			var d string
			if err := p.Eval(`getComputedStyle(document.querySelector("nav")).display`, &d); err != nil {
				t.Fatal(err)
			}
			return d
		}
		if d := display(); d == "none" {
			t.Fatalf("nav hidden on screen")
		}
		if err := p.Media("print"); err != nil {
			t.Fatal(err)
		}
		if d := display(); d != "none" {
			t.Errorf("nav display %q in print, want none", d)
		}
		if err := p.Media(""); err != nil {
			t.Fatal(err)
		}
	})

	if got := p.Problems(); len(got) > 0 {
		t.Errorf("console errors or warnings: %q", got)
	}
	if got := p.Requests(); len(got) > 0 {
		t.Errorf("network requests: %q", got)
	}
	if dir := os.Getenv("FLOWDUCK_ARTIFACTS"); dir != "" {
		if err := p.Screenshot(filepath.Join(dir, "htmlpage-sample.png"), 1100, 0); err != nil {
			t.Error(err)
		}
	}

	// An image from the network put into the page: the attempt is seen
	// (Chromium reports the request before its policy blocks it) and the
	// page's Content-Security-Policy refuses it, a problem the tests see
	// too. A page that tried to reach the network could not pass.
	t.Run("policy refuses requests", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Write(&buf, samplePage()); err != nil {
			t.Fatal(err)
		}
		html := strings.Replace(buf.String(), "<main>", `<main><img src="http://192.0.2.1/pixel.png">`, 1)
		p, err := b.Open(writeFile(t, []byte(html)))
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Requests(); len(got) != 1 || got[0] != "http://192.0.2.1/pixel.png" {
			t.Errorf("requests %q, want the image's attempt", got)
		}
		problems := strings.Join(p.Problems(), "\n")
		if !strings.Contains(problems, "Content Security Policy") {
			t.Errorf("problems %q: want the policy's refusal", problems)
		}
	})
}
