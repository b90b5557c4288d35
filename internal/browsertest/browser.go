package browsertest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// InstallHint says how to get the browser the tests need.
const InstallHint = "the HTML tests need Chromium: install it with 'apt-get install -y chromium' (Debian/Ubuntu), " +
	"or set FLOWDUCK_CHROMIUM to a Chromium or Chrome binary; 'go test -short' skips these tests"

// startTimeout bounds how long Chromium may take to start.
const startTimeout = 60 * time.Second

// Browser is one headless Chromium process and its DevTools connection.
type Browser struct {
	cmd  *exec.Cmd
	conn *cdp
	dir  string
	// pages get the events of their session.
	mu    sync.Mutex
	pages map[string]*Page
}

// Find returns the Chromium binary: $FLOWDUCK_CHROMIUM, else chromium,
// chromium-browser, google-chrome or chrome on PATH.
func Find() (string, error) {
	if p := os.Getenv("FLOWDUCK_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("FLOWDUCK_CHROMIUM=%s: %w; %s", p, err, InstallHint)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH; " + InstallHint)
}

// Start starts a headless Chromium for the test and stops it when the test
// ends. It skips the test under -short. In a full run a missing browser is
// installed (Debian's chromium, with apt-get as root or through sudo -n)
// unless FLOWDUCK_CHROMIUM names one; when that fails the test fails (never
// skips) saying how to install it.
func Start(t testing.TB) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	bin, err := Find()
	if err != nil && os.Getenv("FLOWDUCK_CHROMIUM") == "" {
		// A fresh machine: install the browser once, as .ci/run would.
		if ierr := installChromium(); ierr != nil {
			t.Fatalf("%v (installing it failed: %v)", err, ierr)
		}
		bin, err = Find()
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := start(bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// listening is Chromium's line naming its DevTools endpoint.
var listening = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// start launches bin with a fresh profile in dir, with everything that
// could reach the network on its own turned off, and connects to it.
func start(bin, dir string) (*Browser, error) {
	cmd := exec.Command(bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
		"--hide-scrollbars", "--user-data-dir="+dir, "--remote-debugging-port=0", "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the wrapper script and its children: one group
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w; %s", bin, err, InstallHint)
	}
	b := &Browser{cmd: cmd, dir: dir, pages: map[string]*Page{}}
	found := make(chan string, 1)
	var output strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if !sent {
				output.WriteString(line + "\n")
				if m := listening.FindStringSubmatch(line); m != nil {
					found <- m[1]
					sent = true
				}
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		if !sent {
			close(found)
		}
	}()
	var url string
	select {
	case u, ok := <-found:
		if !ok {
			b.kill()
			return nil, fmt.Errorf("chromium exited before it listened:\n%s", output.String())
		}
		url = u
	case <-time.After(startTimeout):
		b.kill()
		return nil, fmt.Errorf("chromium did not start within %s", startTimeout)
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	conn, err := dialCDP(ctx, url, b.dispatch)
	if err != nil {
		b.kill()
		return nil, err
	}
	b.conn = conn
	return b, nil
}

// dispatch hands an event to the page of its session.
func (b *Browser) dispatch(e event) {
	if p := b.page(e.SessionID); p != nil {
		p.handle(e)
	}
}

// page returns the page of a session, or nil.
func (b *Browser) page(session string) *Page {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pages[session]
}

// Close stops the browser.
func (b *Browser) Close() {
	if b.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = b.conn.call(ctx, "", "Browser.close", nil, nil)
		cancel()
		b.conn.close()
	}
	b.kill()
}

// kill ends the browser's process group and waits for it.
func (b *Browser) kill() {
	if b.cmd.Process == nil {
		return
	}
	done := make(chan struct{})
	go func() { _ = b.cmd.Wait(); close(done) }()
	select {
	case <-done:
		return
	case <-time.After(3 * time.Second):
	}
	_ = syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
	<-done
}
