package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrNothingLoaded means no load has run on the database yet, so it holds
// neither flow logs nor flowduck's tables. Every command that needs loaded
// data reports it; test with errors.Is.
var ErrNothingLoaded = errors.New("nothing is loaded yet: run 'flowduck load SOURCE' first")

// RequireLoaded returns ErrNothingLoaded when no load has run on the
// database yet.
func RequireLoaded(ctx context.Context, q Querier) error {
	ok, err := Exists(ctx, q)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNothingLoaded
	}
	return nil
}

// NothingLoadedIn returns ErrNothingLoaded naming the database file, for
// messages that say which database is empty.
func NothingLoadedIn(path string) error {
	return &nothingLoadedError{path: path}
}

// nothingLoadedError is ErrNothingLoaded with the database path.
type nothingLoadedError struct{ path string }

func (e *nothingLoadedError) Error() string {
	return fmt.Sprintf("nothing is loaded in %s yet: run 'flowduck load SOURCE' first", e.path)
}

// Is makes errors.Is(err, ErrNothingLoaded) true.
func (e *nothingLoadedError) Is(target error) bool { return target == ErrNothingLoaded }
