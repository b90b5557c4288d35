package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/store"
)

// tree lists the files under dir, slash-separated, sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestExportIntoNonEmptyDirectory(t *testing.T) {
	s := loadedFixtures(t)
	ctx := context.Background()

	t.Run("refused without Overwrite", func(t *testing.T) {
		dir := t.TempDir()
		export(t, s.Conn, dir, Options{})
		before := tree(t, dir)
		_, err := Parquet(ctx, s.Conn, dir, Options{Hourly: true})
		if !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("second export: got %v, want ErrNotEmpty", err)
		}
		if diff := cmp.Diff(before, tree(t, dir)); diff != "" {
			t.Errorf("the refused export changed the directory (-before +after):\n%s", diff)
		}
	})

	t.Run("any file makes a directory non-empty", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Parquet(ctx, s.Conn, dir, Options{}); !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("got %v, want ErrNotEmpty", err)
		}
	})

	t.Run("Overwrite replaces the earlier export and keeps other files", func(t *testing.T) {
		dir := t.TempDir()
		export(t, s.Conn, dir, Options{Hourly: true})
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		sum := export(t, s.Conn, dir, Options{Overwrite: true, Filter: newFilter(t, "", "", nil, []string{"eu-west-1"})})
		want := append(append([]string{}, sum.Files...), DDLFile, "notes.txt")
		if diff := cmp.Diff(want, tree(t, dir)); diff != "" {
			t.Errorf("directory after the overwrite (-want +got):\n%s", diff)
		}
		if entries, err := os.ReadDir(filepath.Join(dir, DataDir)); err != nil || len(entries) != 1 {
			t.Errorf("AWSLogs/ should hold only the new account: %v %v", entries, err)
		}
	})

	t.Run("Overwrite refuses files flowduck did not write", func(t *testing.T) {
		dir := t.TempDir()
		export(t, s.Conn, dir, Options{})
		foreign := filepath.Join(dir, DataDir, "aws-account-id=111122223333", "aws-service=vpcflowlogs", "aws-region=us-east-1",
			"year=2026", "month=03", "day=01", "111122223333_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20260301T0005Z_0a1b2c3d.log.parquet")
		if err := os.WriteFile(foreign, []byte("PAR1"), 0o644); err != nil {
			t.Fatal(err)
		}
		before := tree(t, dir)
		_, err := Parquet(ctx, s.Conn, dir, Options{Overwrite: true})
		if !errors.Is(err, ErrForeignFiles) {
			t.Fatalf("got %v, want ErrForeignFiles", err)
		}
		if diff := cmp.Diff(before, tree(t, dir)); diff != "" {
			t.Errorf("the refused export changed the directory (-before +after):\n%s", diff)
		}
	})

	t.Run("a failed export leaves the earlier one in place", func(t *testing.T) {
		dir := t.TempDir()
		export(t, s.Conn, dir, Options{})
		before := tree(t, dir)
		_, err := Parquet(ctx, s.Conn, dir, Options{Overwrite: true, Filter: newFilter(t, "", "", []string{"000000000000"}, nil)})
		if !errors.Is(err, ErrNoRecords) {
			t.Fatalf("got %v, want ErrNoRecords", err)
		}
		if diff := cmp.Diff(before, tree(t, dir)); diff != "" {
			t.Errorf("the failed export changed the directory (-before +after):\n%s", diff)
		}
	})
}

func TestExportNothingLoaded(t *testing.T) {
	s := dbtest.OpenPlain(t)
	dir := filepath.Join(t.TempDir(), "out")
	_, err := Parquet(context.Background(), s.Conn, dir, Options{})
	if !errors.Is(err, store.ErrNothingLoaded) {
		t.Fatalf("got %v, want store.ErrNothingLoaded", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("export created %s although nothing was loaded", dir)
	}
}
