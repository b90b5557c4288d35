package browsertest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"time"
)

// loadTimeout bounds how long a page may take to load.
const loadTimeout = 60 * time.Second

// Page is one tab, with what it logged and requested since it was opened.
type Page struct {
	b       *Browser
	session string
	url     string
	loaded  chan struct{}

	mu       sync.Mutex
	console  []string // every console message: "type: text"
	problems []string // console errors and warnings, exceptions, log errors
	requests []string // the URL of every request the page made
}

// Open opens url (file:///… for a page on disk) in a new tab, waits for its
// load event and returns it. Every console message, exception, log entry
// and network request from then on is recorded.
func (b *Browser) Open(url string) (*Page, error) {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.conn.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.conn.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return nil, err
	}
	p := &Page{b: b, session: attached.SessionID, url: url, loaded: make(chan struct{}, 1)}
	b.mu.Lock()
	b.pages[p.session] = p
	b.mu.Unlock()
	for _, domain := range []string{"Page", "Runtime", "Log", "Network"} {
		if err := p.call(ctx, domain+".enable", nil, nil); err != nil {
			return nil, err
		}
	}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.call(ctx, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return nil, err
	}
	if nav.ErrorText != "" {
		return nil, fmt.Errorf("open %s: %s", url, nav.ErrorText)
	}
	select {
	case <-p.loaded:
	case <-ctx.Done():
		return nil, fmt.Errorf("open %s: no load event within %s", url, loadTimeout)
	}
	return p, nil
}

// call sends a command to the page's session.
func (p *Page) call(ctx context.Context, method string, params, out any) error {
	return p.b.conn.call(ctx, p.session, method, params, out)
}

// handle records one event of the page.
func (p *Page) handle(e event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e.Method {
	case "Page.loadEventFired":
		select {
		case p.loaded <- struct{}{}:
		default:
		}
	case "Runtime.consoleAPICalled":
		var ev struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		_ = json.Unmarshal(e.Params, &ev)
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, fmt.Sprint(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		msg := "console." + ev.Type + ": " + strings.Join(parts, " ")
		p.console = append(p.console, msg)
		switch ev.Type {
		case "error", "warning", "assert":
			p.problems = append(p.problems, msg)
		}
	case "Runtime.exceptionThrown":
		var ev struct {
			Details struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		_ = json.Unmarshal(e.Params, &ev)
		p.problems = append(p.problems, "exception: "+ev.Details.Text+" "+ev.Details.Exception.Description)
	case "Log.entryAdded":
		var ev struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		_ = json.Unmarshal(e.Params, &ev)
		if ev.Entry.Level == "error" || ev.Entry.Level == "warning" {
			p.problems = append(p.problems, fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case "Network.requestWillBeSent":
		var ev struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		_ = json.Unmarshal(e.Params, &ev)
		p.requests = append(p.requests, ev.Request.URL)
	}
}

// Problems returns the console errors and warnings, uncaught exceptions and
// error log entries (a request the page's policy refused, say) so far.
func (p *Page) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// Console returns every console message so far.
func (p *Page) Console() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...)
}

// Requests returns the URLs the page requested other than itself (and
// data: URLs, which are no network request).
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, u := range p.requests {
		if u != p.url && !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	return out
}

// Eval evaluates a JavaScript expression in the page (a promise is
// awaited) and decodes its JSON value into out (unless nil).
func (p *Page) Eval(expr string, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if err != nil {
		return err
	}
	if res.Exception != nil {
		return fmt.Errorf("evaluate %q: %s %s", expr, res.Exception.Text, res.Exception.Exception.Description)
	}
	if out == nil || len(res.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(res.Result.Value, out)
}

// Media emulates a CSS media type: "print", or "" for the screen.
func (p *Page) Media(media string) error {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	return p.call(ctx, "Emulation.setEmulatedMedia", map[string]any{"media": media}, nil)
}

// Screenshot writes a PNG of the page, width CSS pixels wide, to path: the
// whole page, or its first maxHeight pixels when maxHeight > 0.
func (p *Page) Screenshot(path string, width, maxHeight int) error {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	defer cancel()
	metrics := map[string]any{"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": false}
	if err := p.call(ctx, "Emulation.setDeviceMetricsOverride", metrics, nil); err != nil {
		return err
	}
	var height float64
	if err := p.Eval("document.documentElement.scrollHeight", &height); err != nil {
		return err
	}
	h := int(math.Ceil(height))
	if maxHeight > 0 {
		h = min(h, maxHeight)
	}
	metrics["height"] = h
	if err := p.call(ctx, "Emulation.setDeviceMetricsOverride", metrics, nil); err != nil {
		return err
	}
	var shot struct {
		Data string `json:"data"`
	}
	if err := p.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return nil
}
