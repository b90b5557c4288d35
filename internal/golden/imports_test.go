package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testOnly are the packages of test support: dbtest, golden (its -update
// flag), loadtest and cwltest (the CloudWatch Logs test server).
var testOnly = map[string]bool{
	"github.com/flowduck/flowduck/internal/cwlogs/cwltest": true,
	"github.com/flowduck/flowduck/internal/dbtest":         true,
	"github.com/flowduck/flowduck/internal/golden":         true,
	"github.com/flowduck/flowduck/internal/loadtest":       true,
}

// TestOnlyTestsImportIt: no program file of the module imports a package of
// test support, so their flags and helpers never reach the flowduck binary.
func TestOnlyTestsImportIt(t *testing.T) {
	root := filepath.Join("..", "..")
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".") || name == "tools") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if testOnly[p] && !testOnly[importPath(root, path)] {
				t.Errorf("%s imports %s; only _test.go files may", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Errorf("read %d program files under %s, want the whole module", files, root)
	}
}

// importPath is the import path of the package of the file at path.
func importPath(root, path string) string {
	rel, err := filepath.Rel(root, filepath.Dir(path))
	if err != nil {
		return ""
	}
	return "github.com/flowduck/flowduck/" + filepath.ToSlash(rel)
}
