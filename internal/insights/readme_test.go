package insights

import (
	"os"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/schema"
)

// TestREADMEFieldTable checks that the README's Logs Insights field table
// has a row for every catalog field: the name CloudWatch discovers, the
// Athena column and the AWS name.
func TestREADMEFieldTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range schema.Catalog {
		if row := fieldRow(f); !strings.Contains(string(readme), row) {
			t.Errorf("README lacks the row\n%s", row)
		}
	}
}

func fieldRow(f schema.Field) string {
	return "| `" + CamelName(f.Name) + "` | `" + f.Column + "` | `" + f.Name + "` |"
}

// TestREADMENamesFunctions checks that the README names every function the
// translator knows and every construct it refuses.
func TestREADMENamesFunctions(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(strings.ToLower(string(readme)), "## logs insights queries")
	section, _, _ = strings.Cut(section, "\n## ")
	for _, name := range FunctionNames() {
		if !strings.Contains(section, "`"+name) {
			t.Errorf("the README's Logs Insights section does not name function %s", name)
		}
	}
	for name := range unsupported {
		if !strings.Contains(section, "`"+name+"`") {
			t.Errorf("the README's Logs Insights section does not name unsupported %s", name)
		}
	}
}
