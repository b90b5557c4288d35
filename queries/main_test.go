package queries

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/loadtest"
)

// demoSession is one session on a database holding the default demo data
// set (shortRecords records with -short), loaded once for the whole test
// binary. Tests run one at a time on its pinned connection; Run drops its
// temporary objects itself.
var demoSession *duck.Session

// shortRecords is the demo data set's size with -short: a tenth of the
// default, with every scenario planted all the same. The golden outputs are
// made on the default data set, so TestGolden needs the full run.
const shortRecords = 20_000

func TestMain(m *testing.M) {
	flag.Parse()
	code, err := runTests(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "queries tests:", err)
		code = 1
	}
	os.Exit(code)
}

func runTests(m *testing.M) (int, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "flowduck-queries-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(dir)
	data := filepath.Join(dir, "data")
	opts := demo.Options{}
	if testing.Short() {
		opts.Records = shortRecords
	}
	sum, err := demo.Generate(ctx, data, opts)
	if err != nil {
		return 1, err
	}
	if !sum.Scenarios {
		return 1, fmt.Errorf("demo data has no planted scenarios")
	}
	s, err := loadtest.Open(ctx, filepath.Join(dir, "demo.duckdb"), data)
	if err != nil {
		return 1, err
	}
	defer s.Close()
	demoSession = s
	return m.Run(), nil
}
