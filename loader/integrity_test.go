package loader

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOrphanRowsAreRepairedNotDoubled reproduces what a kill -9 in the middle
// of DuckDB's commit can leave (rows of a file the manifest does not have):
// the next load removes them with a warning, loads the file once, and gives
// it an id no row ever had.
func TestOrphanRowsAreRepairedNotDoubled(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "default-format.log", dir, "a.log")
	mustLoad(t, s, Options{Sources: []string{filepath.Join(dir, "a.log")}})
	copySample(t, "v5-custom-order.log", dir, "b.log")
	// A half-replayed commit of the load of b.log: its rows under id 2, no
	// manifest entry.
	for _, stmt := range []string{
		"INSERT INTO flowduck_records SELECT * REPLACE (2 AS _file_id) FROM flowduck_records",
		"INSERT INTO flowduck_rejects VALUES (2, 'b.log', 3, 'expected 14 fields, found 1', 'x')",
	} {
		if _, err := s.Conn.ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Check(t.Context(), s.Conn)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || len(rep.Orphans) != 1 || rep.Orphans[0] != (Orphan{FileID: 2, Records: 7, Rejects: 1}) {
		t.Fatalf("check = %+v, want one orphan file id 2 with 7 records and 1 reject", rep)
	}

	var progress bytes.Buffer
	res := mustLoad(t, s, Options{Sources: []string{dir}, Progress: &progress})
	if res.Loaded != 1 || res.Records != 2 {
		t.Fatalf("load = %+v, want b.log's 2 records", res)
	}
	if !strings.Contains(progress.String(), "warning: repaired the database before loading: removed 7 records and 1 rejects of 1 file id(s) missing from the manifest") {
		t.Errorf("progress = %q, want the repair warning with its counts", progress.String())
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "9" {
		t.Errorf("records = %s, want 9 (7 + 2, nothing doubled)", got)
	}
	if got := one(t, s, "SELECT id FROM flowduck_files WHERE path LIKE '%b.log'"); got == "2" {
		t.Errorf("b.log got id 2, the id of the removed orphan rows")
	}
	mustCheck(t, s.Conn)
}

// TestCountMismatchIsRepaired: a manifest entry whose counts disagree with
// its rows is reported; Repair removes it and its rows, and the next load
// loads the file again, exactly once.
func TestCountMismatchIsRepaired(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "default-format.log", dir, "a.log")
	mustLoad(t, s, Options{Sources: []string{dir}})
	if _, err := s.Conn.ExecContext(t.Context(), "DELETE FROM flowduck_records WHERE srcport = (SELECT min(srcport) FROM flowduck_records)"); err != nil {
		t.Fatal(err)
	}
	rep, err := Check(t.Context(), s.Conn)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mismatches) != 1 || rep.Mismatches[0].ManifestRecords != 7 || rep.Mismatches[0].Records >= 7 {
		t.Fatalf("check = %+v, want one mismatch of 7 records in the manifest", rep)
	}
	if !strings.Contains(rep.String(), "the manifest says 7 records") {
		t.Errorf("report = %q", rep.String())
	}
	if err := Repair(t.Context(), s.Conn, rep); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s.Conn)
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 1 || res.Records != 7 {
		t.Fatalf("load after repair = %+v, want the file loaded again", res)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "7" {
		t.Errorf("records = %s, want 7", got)
	}
}

// TestFailedReloadKeepsOldRows: a loaded file replaced by a truncated copy
// fails to reload, and its previous rows and manifest entry stay.
func TestFailedReloadKeepsOldRows(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	path := copySample(t, "default-format.log", dir, "a.log.gz")
	mustLoad(t, s, Options{Sources: []string{dir}})
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, whole[:len(whole)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, future, future); err != nil {
		t.Fatal(err)
	}
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Failed != 1 || res.Err() == nil {
		t.Fatalf("reload of a truncated copy = %+v, want it failed", res)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "7" {
		t.Errorf("records after the failed reload = %s, want the old 7", got)
	}
	if got := one(t, s, "SELECT size FROM flowduck_files"); got != strconv.Itoa(len(whole)) {
		t.Errorf("manifest size = %s, want the old version's %d", got, len(whole))
	}
	mustCheck(t, s.Conn)
	// Restored, the file is the loaded version again: nothing to do.
	if err := os.WriteFile(path, whole, 0o644); err != nil {
		t.Fatal(err)
	}
	again := mustLoad(t, s, Options{Sources: []string{dir}, Force: true})
	if again.Loaded != 1 || again.Records != 7 {
		t.Fatalf("reload = %+v", again)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "7" {
		t.Errorf("records = %s, want 7", got)
	}
}
