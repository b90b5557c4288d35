package loader

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
)

// nullMark is how bulkInsert writes a NULL value.
const nullMark = `\N`

// column is one column of rows handed to bulkInsert: its name and DuckDB type.
type column struct {
	name, typ string
}

// bulkInsert inserts many rows of Go values with one statement: it writes
// them to a temporary CSV file and runs INSERT INTO table (cols) SELECT <selects>
// FROM read_csv(file), where the select expressions read the columns by
// name. DuckDB parses a CSV of thousands of rows in milliseconds, where a
// VALUES list of the same rows takes seconds to parse and bind. A nil value
// is NULL.
func bulkInsert(ctx context.Context, tx *sql.Tx, table string, cols []column, selects string, rows [][]*string) error {
	if len(rows) == 0 {
		return nil
	}
	f, err := os.CreateTemp("", "flowduck-stage-*.csv")
	if err != nil {
		return fmt.Errorf("stage rows for %s: %w", table, err)
	}
	defer os.Remove(f.Name())
	w := csv.NewWriter(f)
	record := make([]string, len(cols))
	for _, row := range rows {
		for i, v := range row {
			record[i] = nullMark
			if v != nil {
				record[i] = *v
			}
		}
		if err := w.Write(record); err != nil {
			f.Close()
			return fmt.Errorf("stage rows for %s: %w", table, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("stage rows for %s: %w", table, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("stage rows for %s: %w", table, err)
	}
	types := make([]string, len(cols))
	for i, c := range cols {
		types[i] = fmt.Sprintf("%s: %s", store.Literal(c.name), store.Literal(c.typ))
	}
	// The table's columns are named: a database upgraded in place may have
	// them in another order than a new one.
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = store.Ident(c.name)
	}
	stmt := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM read_csv(%s, header = false, auto_detect = false, quote = '\"', escape = '\"', nullstr = %s, columns = {%s})",
		table, strings.Join(names, ", "), selects, store.Literal(f.Name()), store.Literal(nullMark), strings.Join(types, ", "))
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	return nil
}

// text returns a pointer to s (for bulkInsert rows), nil for "".
func text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
