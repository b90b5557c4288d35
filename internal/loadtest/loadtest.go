// Package loadtest opens a database already holding test data, for the
// TestMain of packages whose tests all read one loaded dataset (queries,
// insights). It is an ordinary package so that those tests can import it;
// only _test.go files do. The loader's own tests cannot use it (it imports
// the loader).
package loadtest

import (
	"context"
	"fmt"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/loader"
)

// Open opens a session on a new database at path, with the whole Athena
// dialect installed, and loads sources into it with the loader's defaults. It fails if the load fails or any file of it
// does; the caller closes the session.
func Open(ctx context.Context, path string, sources ...string) (*duck.Session, error) {
	s, err := duck.Open(ctx, duck.Options{Path: path})
	if err != nil {
		return nil, err
	}
	// The whole dialect at once, as internal/dbtest gives it, so a test may
	// call any macro directly.
	if err := dialect.Install(ctx, s.Conn); err != nil {
		s.Close()
		return nil, err
	}
	res, err := loader.Load(ctx, s.Conn, loader.Options{Sources: sources})
	if err == nil {
		err = res.Err()
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("load %v: %w", sources, err)
	}
	return s, nil
}
