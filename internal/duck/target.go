package duck

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// openTarget is how one database is opened: its file as a plain path, the
// access mode and whether DuckDB may fetch extensions.
type openTarget struct {
	path       string
	readOnly   bool
	extensions bool
}

// config returns the DuckDB options the database opens with. Without
// extensions, DuckDB neither downloads nor loads an extension on its own
// (the bundled ones are statically linked and always loaded), so a path
// such as md:x or an SQLite file cannot make it reach the internet.
func (t openTarget) config() url.Values {
	v := url.Values{}
	if t.readOnly {
		v.Set("access_mode", "READ_ONLY")
	}
	if !t.extensions {
		v.Set("autoinstall_known_extensions", "false")
		v.Set("autoload_known_extensions", "false")
		v.Set("allow_community_extensions", "false")
	}
	return v
}

// filePath returns the path as DuckDB must see it to read it as a file: a
// relative path with a ':' (md:x, s3:x) gets a "./" so that DuckDB does not
// take its prefix for a protocol.
func (t openTarget) filePath() string {
	if !filepath.IsAbs(t.path) && strings.Contains(t.path, ":") {
		return "." + string(filepath.Separator) + t.path
	}
	return t.path
}

// open opens the database and pins one connection. The driver reads DuckDB
// options from the text after a '?' in its DSN, so a file whose name holds
// '?', '#' or '%' is attached by name to an in-memory database instead (and
// made the default with USE); every other file is the DSN's path.
func (t openTarget) open(ctx context.Context) (*sql.DB, *sql.Conn, error) {
	options := "?" + t.config().Encode()
	if t.path == MemoryPath {
		return connect(ctx, options, nil)
	}
	path := t.filePath()
	if !strings.ContainsAny(path, "?#%") {
		return connect(ctx, path+options, nil)
	}
	memory := openTarget{extensions: t.extensions}
	attach := fmt.Sprintf("ATTACH '%s' AS %s", escapeLiteral(path), quoteIdent(attachName(path)))
	if t.readOnly {
		attach += " (READ_ONLY)"
	}
	return connect(ctx, "?"+memory.config().Encode(), []string{attach, "USE " + quoteIdent(attachName(path))})
}

// connect opens dsn, pins a connection and runs the setup statements on it.
func connect(ctx context.Context, dsn string, setup []string) (*sql.DB, *sql.Conn, error) {
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, nil, err
	}
	db := sql.OpenDB(connector)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	for _, stmt := range setup {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			conn.Close()
			db.Close()
			return nil, nil, err
		}
	}
	return db, conn, nil
}

// attachName is the catalog name of an attached database file: its name up
// to the first dot, as DuckDB names a database it opens, kept clear of
// DuckDB's own catalogs.
func attachName(path string) string {
	name, _, _ := strings.Cut(filepath.Base(path), ".")
	switch strings.ToLower(name) {
	case "", "memory", "temp", "system", "main":
		name += "_db"
	}
	return name
}

// quoteIdent quotes a SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// duckMagic is the marker a DuckDB database file carries at byte 8;
// sqliteMagic starts every SQLite database file.
var (
	duckMagic   = []byte("DUCK")
	sqliteMagic = []byte("SQLite format 3\x00")
)

// checkFile reports whether the database file exists, and fails for a
// non-empty file that is not a DuckDB database (DuckDB would otherwise try
// to open an SQLite file with its sqlite extension).
func checkFile(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return true, fmt.Errorf("open %s: %w", path, err)
		}
		return true, nil // DuckDB reports it, e.g. for a directory
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 {
		return true, nil // an empty file becomes a new database
	}
	switch {
	case bytes.HasPrefix(head[:n], sqliteMagic):
		return true, fmt.Errorf("open %s: %w (it is an SQLite database); pass --db with a new or existing .duckdb file", path, ErrNotDatabase)
	case err != nil || !bytes.Equal(head[8:12], duckMagic):
		return true, fmt.Errorf("open %s: %w; pass --db with a new or existing .duckdb file", path, ErrNotDatabase)
	}
	return true, nil
}
