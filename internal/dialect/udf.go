package dialect

import (
	"database/sql"
	"fmt"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// goFuncs are the dialect's Go scalar functions, by name: flowduck_ip_key
// (udf_ipkey.go) and flowduck_is_private (udf_private.go). Only statements
// Rewrite produced and the temporary is_private macro name them, and they
// are registered on a session, never stored in a database: plain DuckDB
// opens the file as before.
var goFuncs = map[string]duckdb.ScalarFunc{
	IPKeyFunc:   ipKeyUDF{},
	PrivateFunc: privateUDF{},
}

// goFuncConn is one Go function on one connection.
type goFuncConn struct {
	conn *sql.Conn
	name string
}

// goFuncConns holds the Go functions registered on each connection.
var goFuncConns sync.Map // goFuncConn → struct{}

// registerGoFunc registers the Go function name on conn, once per
// connection.
func registerGoFunc(conn *sql.Conn, name string) error {
	key := goFuncConn{conn, name}
	if _, done := goFuncConns.Load(key); done {
		return nil
	}
	if err := duckdb.RegisterScalarUDF(conn, name, goFuncs[name]); err != nil {
		return fmt.Errorf("register %s: %w", name, err)
	}
	goFuncConns.Store(key, struct{}{})
	return nil
}

// registerGoFuncs registers every Go function conn lacks, and reports
// whether it lacked any.
func registerGoFuncs(conn *sql.Conn) (added bool, err error) {
	for name := range goFuncs {
		if _, done := goFuncConns.Load(goFuncConn{conn, name}); done {
			continue
		}
		if err := registerGoFunc(conn, name); err != nil {
			return added, err
		}
		added = true
	}
	return added, nil
}

// forgetGoFuncs drops what the dialect knows of conn's Go functions.
func forgetGoFuncs(conn *sql.Conn) {
	for name := range goFuncs {
		goFuncConns.Delete(goFuncConn{conn, name})
	}
}
