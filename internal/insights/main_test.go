package insights

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/loadtest"
)

// session is one session on a database holding a small demo data set (the
// three formats, planted scenarios) plus a CloudWatch Logs export, loaded
// once for the test binary.
var session *duck.Session

// dataDir holds the loaded files: the demo's under data/, the export under cwl/.
var dataDir string

// cwlExport is a CloudWatch Logs export: each record follows its event
// time, which @timestamp must show instead of start.
const cwlExport = `2026-03-05T10:00:07.000Z 2 123456789012 eni-0cw00000000000001 10.9.0.5 10.9.0.6 443 50000 6 10 8400 1772704800 1772704805 ACCEPT OK
2026-03-05T10:01:09.000Z 2 123456789012 eni-0cw00000000000001 10.9.0.6 10.9.0.5 50000 443 6 12 900 1772704860 1772704865 ACCEPT OK
`

func TestMain(m *testing.M) {
	code, err := runTests(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "insights tests:", err)
		code = 1
	}
	os.Exit(code)
}

func runTests(m *testing.M) (int, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "flowduck-insights-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(dir)
	dataDir = dir
	data := filepath.Join(dir, "data")
	if _, err := demo.Generate(ctx, data, demo.Options{Records: 20_000}); err != nil {
		return 1, err
	}
	cwl := filepath.Join(dir, "cwl", "export.log")
	if err := os.MkdirAll(filepath.Dir(cwl), 0o755); err != nil {
		return 1, err
	}
	if err := os.WriteFile(cwl, []byte(cwlExport), 0o644); err != nil {
		return 1, err
	}
	s, err := loadtest.Open(ctx, filepath.Join(dir, "insights.duckdb"), data, cwl)
	if err != nil {
		return 1, err
	}
	defer s.Close()
	session = s
	return m.Run(), nil
}
