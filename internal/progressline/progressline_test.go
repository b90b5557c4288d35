package progressline

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func body(elapsed time.Duration) (string, int64) { return "x: 1/2 things", 0 }

// TestFinal checks the final line, with and without failures, on a
// terminal and elsewhere. The interval is long so only the final line is
// printed.
func TestFinal(t *testing.T) {
	tests := []struct {
		name   string
		tty    bool
		failed int64
		want   string
	}{
		{"plain", false, 0, `^x: 1/2 things in [0-9.]+[µnm]?s\n$`},
		{"failed", false, 3, `^x: 1/2 things, 3 failed in [0-9.]+[µnm]?s\n$`},
		{"tty", true, 0, "^\r\033\\[Kx: 1/2 things in [0-9.]+[µnm]?s\n$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			r := Start(&b, tt.tty, time.Hour, func(time.Duration) (string, int64) { return "x: 1/2 things", tt.failed })
			r.Finish()
			if !regexp.MustCompile(tt.want).MatchString(b.String()) {
				t.Errorf("output = %q, want match of %q", b.String(), tt.want)
			}
		})
	}
}

// TestPeriodic checks that lines come every interval before the final one.
func TestPeriodic(t *testing.T) {
	var b safeBuilder
	r := Start(&b, false, 5*time.Millisecond, body)
	time.Sleep(50 * time.Millisecond)
	r.Finish()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "x: 1/2 things" || !strings.HasPrefix(lines[len(lines)-1], "x: 1/2 things in ") {
		t.Errorf("lines = %q, want periodic lines then a final one", lines)
	}
}

// TestNilWriter checks that a nil writer prints nothing and Finish returns.
func TestNilWriter(t *testing.T) {
	called := false
	r := Start(nil, false, time.Millisecond, func(time.Duration) (string, int64) { called = true; return "", 0 })
	time.Sleep(5 * time.Millisecond)
	r.Finish()
	if called {
		t.Error("body called with a nil writer")
	}
}

// safeBuilder is a strings.Builder the ticker goroutine and the test may use
// at once.
type safeBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *safeBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTally checks the counts of finished and failed items.
func TestTally(t *testing.T) {
	var tl Tally
	tl.Done(true)
	tl.Done(false)
	tl.Done(true)
	if done, failed := tl.Counts(); done != 3 || failed != 1 {
		t.Errorf("Counts() = %d, %d, want 3, 1", done, failed)
	}
}
