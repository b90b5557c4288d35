package loader

import (
	"strings"
	"testing"
)

// TestLoadRestoresSettings: a load changes DuckDB settings for its own
// statements only (loadSettings); the session's values, whichever they
// were, are the same afterwards (the REPL runs queries on the session it
// loads with).
func TestLoadRestoresSettings(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	line := "2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK\n"
	writeFile(t, dir, "a.log", strings.Repeat(line, 3))
	current := func() string {
		var vals []string
		for _, set := range loadSettings {
			vals = append(vals, one(t, s, "SELECT current_setting(?)::VARCHAR", set.name))
		}
		return strings.Join(vals, "|")
	}
	for _, was := range []string{"true|", "false|RLE"} {
		v := strings.Split(was, "|")
		for i, set := range loadSettings {
			if _, err := s.Conn.ExecContext(t.Context(), "SET "+set.name+" = '"+v[i]+"'"); err != nil {
				t.Fatal(err)
			}
		}
		mustLoad(t, s, Options{Sources: []string{dir}, Force: true})
		if got := current(); got != was {
			t.Errorf("settings after a load = %s, want the session's %s", got, was)
		}
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "3" {
		t.Errorf("records = %s, want 3 (the forced reload replaces the first load)", got)
	}
}
