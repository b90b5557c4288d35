package store

import (
	"context"
	"database/sql"
)

// Querier is what the store needs from a connection or a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var (
	_ Querier = (*sql.Conn)(nil)
	_ Querier = (*sql.Tx)(nil)
)
