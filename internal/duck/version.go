package duck

import (
	"context"
	"fmt"
)

// Version returns the version of the DuckDB library flowduck is built with
// (SELECT version(), e.g. "v1.5.5"), asked of a throwaway in-memory database.
func Version(ctx context.Context) (string, error) {
	db, conn, err := openTarget{path: MemoryPath}.open(ctx)
	if err != nil {
		return "", fmt.Errorf("duckdb version: %w", err)
	}
	defer db.Close()
	defer conn.Close()
	var v string
	if err := conn.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", fmt.Errorf("duckdb version: %w", err)
	}
	return v, nil
}
