package loader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/duck"
)

// childEnv makes the test binary act as a helper process (see TestMain):
// "load" loads $FLOWDUCK_CHILD_SRC into $FLOWDUCK_CHILD_DB, "hold" opens the
// database and waits to be killed.
const childEnv = "FLOWDUCK_LOADER_CHILD"

// runChild is the helper process's main.
func runChild() int {
	ctx := context.Background()
	s, err := duck.Open(ctx, duck.Options{Path: os.Getenv("FLOWDUCK_CHILD_DB")})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	switch os.Getenv(childEnv) {
	case "hold":
		fmt.Println("open")
		time.Sleep(time.Minute)
	case "load":
		fmt.Println("loading")
		if _, err := Load(ctx, s.Conn, Options{Sources: []string{os.Getenv("FLOWDUCK_CHILD_SRC")}}); err != nil {
			fmt.Println("error:", err)
			return 1
		}
		fmt.Println("done")
	}
	return 0
}

// startChild runs the test binary in child mode and waits for its first line.
func startChild(t *testing.T, mode, db, src string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "FLOWDUCK_CHILD_DB="+db, "FLOWDUCK_CHILD_SRC="+src)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("child %s printed nothing", mode)
	}
	if got := lines.Text(); strings.HasPrefix(got, "error") {
		t.Fatalf("child %s: %s", mode, got)
	}
	return cmd, lines
}

// TestKillDuringLoadLeavesDatabaseAsBefore kills a loading process with
// SIGKILL in the middle of a large load: the database opens afterwards with
// exactly what it held before.
func TestKillDuringLoadLeavesDatabaseAsBefore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "crash.duckdb")
	s := reopen(t, db)
	small := copySample(t, "default-format.log", dir, "small/a.log")
	mustLoad(t, s, Options{Sources: []string{small}})
	big := filepath.Join(dir, "big")
	if err := os.MkdirAll(big, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		stmt := fmt.Sprintf(`COPY (SELECT 2 AS version, '123456789010' AS "account-id", 'eni-' || (i %% 97) AS "interface-id",
			'10.0.' || (i %% 250) || '.1' AS srcaddr, '172.16.0.' || (i %% 200) AS dstaddr, i %% 65535 AS srcport, 443 AS dstport,
			6 AS protocol, i %% 100 AS packets, i %% 10000 AS bytes, 1772400000 + i %% 3600 AS start, 1772400060 + i %% 3600 AS "end",
			'ACCEPT' AS action, 'OK' AS "log-status" FROM range(%d, %d) t(i))
			TO '%s' (FORMAT csv, DELIMITER ' ', HEADER true, QUOTE '', COMPRESSION gzip)`, i*200000, (i+1)*200000, filepath.Join(big, fmt.Sprintf("f%d.log.gz", i)))
		if _, err := s.Conn.ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	before := one(t, s, "SELECT count(*) FROM vpc_flow_logs")
	s.Close()

	child, lines := startChild(t, "load", db, big)
	time.Sleep(700 * time.Millisecond)
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	for lines.Scan() {
		if lines.Text() == "done" {
			t.Fatal("the load finished before it was killed; the test needs more data")
		}
	}

	after := reopen(t, db)
	if got := one(t, after, "SELECT count(*) FROM vpc_flow_logs"); got != before {
		t.Errorf("after kill -9: %s records, want %s as before the load", got, before)
	}
	if got := one(t, after, "SELECT count(*) FROM flowduck_files"); got != "1" {
		t.Errorf("after kill -9: manifest has %s files, want 1", got)
	}
	// The interrupted load runs again from scratch.
	res := mustLoad(t, after, Options{Sources: []string{big}})
	if res.Loaded != 8 || res.Records != 1_600_000 {
		t.Errorf("reload after kill = %+v", res)
	}
}

// TestLockedDatabase: a second process opening a database in use gets a
// clear error naming the file, not a corrupt file.
func TestLockedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "locked.duckdb")
	startChild(t, "hold", db, "")
	_, err := duck.Open(context.Background(), duck.Options{Path: db})
	if !errors.Is(err, duck.ErrLocked) {
		t.Fatalf("open a locked database: %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), db) {
		t.Errorf("error %q does not name the file", err)
	}
}
