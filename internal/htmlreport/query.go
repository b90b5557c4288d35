package htmlreport

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/flowduck/flowduck/internal/dialect"
)

// query runs stmt on conn the way the shell runs a user's statement
// (dialect.Query) and calls scan for each row. what names the section in
// errors.
func query(ctx context.Context, conn *sql.Conn, what, stmt string, scan func(*sql.Rows) error) error {
	rows, err := dialect.Query(ctx, conn, stmt)
	if err != nil {
		return fmt.Errorf("html report, %s: %w", what, err)
	}
	if rows == nil {
		return fmt.Errorf("html report, %s: the statement returned no result", what)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("html report, %s: read row: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("html report, %s: %w", what, err)
	}
	return nil
}
