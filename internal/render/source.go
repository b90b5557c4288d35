package render

import (
	"context"
	"database/sql"
	"fmt"
	"io"
)

// column is one result column: its name and type, and the DuckDB type
// name the database reported ("" for in-memory data).
type column struct {
	name     string
	typ      *colType
	typeName string
}

// source is where a format reads rows from. next returns the values of the
// next row, or io.EOF after the last one; the slice may be reused by the
// following call. It returns ctx's error once ctx is done.
type source interface {
	columns() []column
	next(ctx context.Context) ([]any, error)
}

var (
	_ source = (*sqlSource)(nil)
	_ source = (*valuesSource)(nil)
)

// sqlSource reads a *sql.Rows, scanning every column into an any.
type sqlSource struct {
	rows *sql.Rows
	cols []column
	vals []any
	ptrs []any
}

// newSQLSource reads the column names and DuckDB types of rows.
func newSQLSource(rows *sql.Rows) (*sqlSource, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("read result columns: %w", err)
	}
	s := &sqlSource{
		rows: rows,
		cols: make([]column, len(types)),
		vals: make([]any, len(types)),
		ptrs: make([]any, len(types)),
	}
	for i, ct := range types {
		s.cols[i] = column{name: ct.Name(), typ: parseType(ct.DatabaseTypeName()), typeName: ct.DatabaseTypeName()}
		s.ptrs[i] = &s.vals[i]
	}
	return s, nil
}

func (s *sqlSource) columns() []column { return s.cols }

func (s *sqlSource) next(ctx context.Context) ([]any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !s.rows.Next() {
		if err := s.rows.Err(); err != nil {
			return nil, fmt.Errorf("read result: %w", err)
		}
		if err := ctx.Err(); err != nil { // database/sql ends rows on cancel
			return nil, err
		}
		return nil, io.EOF
	}
	if err := s.rows.Scan(s.ptrs...); err != nil {
		return nil, fmt.Errorf("scan result row: %w", err)
	}
	return s.vals, nil
}

// valuesSource reads in-memory rows. Column types are guessed from the first
// non-nil value of each column.
type valuesSource struct {
	cols []column
	data [][]any
	pos  int
}

// newValuesSource checks that every row has one value per column.
func newValuesSource(names []string, data [][]any) (*valuesSource, error) {
	cols := make([]column, len(names))
	for i, name := range names {
		cols[i] = column{name: name, typ: anyType}
	}
	for r, row := range data {
		if len(row) != len(names) {
			return nil, fmt.Errorf("values row %d: %d values for %d columns", r+1, len(row), len(names))
		}
		for i, v := range row {
			if cols[i].typ == anyType && v != nil {
				cols[i].typ = typeOfValue(v)
			}
		}
	}
	return &valuesSource{cols: cols, data: data}, nil
}

func (s *valuesSource) columns() []column { return s.cols }

func (s *valuesSource) next(ctx context.Context) ([]any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.pos >= len(s.data) {
		return nil, io.EOF
	}
	s.pos++
	return s.data[s.pos-1], nil
}
