package detect

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/loadtest"
)

// testDir holds the generated data sets and databases of the test binary.
var testDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "flowduck-detect-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "detect tests:", err)
		os.Exit(1)
	}
	testDir = dir
	code := m.Run()
	for _, s := range sessions {
		if s.s != nil {
			s.s.Close()
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// dataset is a demo data set loaded once, on first use.
type dataset struct {
	once sync.Once
	opts demo.Options
	s    *duck.Session
	err  error
}

// The data sets of the tests: the default demo data with its planted
// incidents, and the same estate's background traffic alone.
var (
	planted = &dataset{opts: demo.Options{}}
	clean   = &dataset{opts: demo.Options{NoScenarios: true}}

	sessions = []*dataset{planted, clean}
)

// session returns the data set's session, generating and loading it on
// first use. Loading 200,000 records takes seconds: callers skip in -short.
func (d *dataset) session(t *testing.T) *duck.Session {
	t.Helper()
	d.once.Do(func() {
		ctx := context.Background()
		name := fmt.Sprintf("demo-%t", d.opts.NoScenarios)
		data := filepath.Join(testDir, name)
		sum, err := demo.Generate(ctx, data, d.opts)
		if err != nil {
			d.err = err
			return
		}
		if sum.Scenarios == d.opts.NoScenarios {
			d.err = fmt.Errorf("%s: scenarios planted = %t", name, sum.Scenarios)
			return
		}
		d.s, d.err = loadtest.Open(ctx, filepath.Join(testDir, name+".duckdb"), data)
	})
	if d.err != nil {
		t.Fatal(d.err)
	}
	return d.s
}
