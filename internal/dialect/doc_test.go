package dialect

import (
	"os"
	"strings"
	"testing"
)

// TestDialectDocCoversMacros keeps DIALECT.md in step with the macro
// registry: every Athena function flowduck defines is in the table.
func TestDialectDocCoversMacros(t *testing.T) {
	doc, err := os.ReadFile("DIALECT.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range dialectMacros() {
		if strings.HasPrefix(m.name, "athena_") {
			continue
		}
		if !strings.Contains(string(doc), m.name) {
			t.Errorf("DIALECT.md does not mention %s", m.name)
		}
	}
	for word := range triggerWords {
		if !strings.Contains(string(doc), word) {
			t.Errorf("DIALECT.md does not mention the rewrite trigger %s", word)
		}
	}
}
