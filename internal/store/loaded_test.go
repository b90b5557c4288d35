package store

import (
	"context"
	"errors"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
)

// TestRequireLoaded: an empty database says nothing is loaded, with the one
// sentinel; once the model exists it does not, and the listings run.
func TestRequireLoaded(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.OpenPlain(t).Conn
	if err := RequireLoaded(ctx, conn); !errors.Is(err, ErrNothingLoaded) {
		t.Fatalf("RequireLoaded on an empty database = %v, want ErrNothingLoaded", err)
	}
	if err := Ensure(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if err := RequireLoaded(ctx, conn); err != nil {
		t.Errorf("RequireLoaded after Ensure = %v, want nil", err)
	}
	for _, q := range []string{FilesQuery, RejectsQuery} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// TestNothingLoadedIn names the database and is ErrNothingLoaded.
func TestNothingLoadedIn(t *testing.T) {
	err := NothingLoadedIn("empty.duckdb")
	if want := "nothing is loaded in empty.duckdb yet: run 'flowduck load SOURCE' first"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if !errors.Is(err, ErrNothingLoaded) {
		t.Error("NothingLoadedIn is not ErrNothingLoaded")
	}
}
