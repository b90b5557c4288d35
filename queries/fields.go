package queries

import (
	"context"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// MissingFieldsError says that a report (or a filter) needs flow-log fields
// that none of the loaded files has, and which flow-log version brings them.
type MissingFieldsError struct {
	// What needs the fields: "report tcp-half-open" or "filter vpc".
	What   string
	Fields []schema.Field
}

// Error implements error.
func (e *MissingFieldsError) Error() string {
	var names, formats []string
	for _, f := range e.Fields {
		names = append(names, fmt.Sprintf("%s (flow-log version %d)", f.Name, f.Version))
		formats = append(formats, "${"+f.Name+"}")
	}
	noun := "field"
	if len(e.Fields) > 1 {
		noun = "fields"
	}
	return fmt.Sprintf("%s needs %s %s, which none of the loaded flow logs has; "+
		"it comes with flow logs whose custom format includes %s",
		e.What, noun, strings.Join(names, ", "), strings.Join(formats, " "))
}

// loadedFields returns the AWS names of the fields any loaded file has,
// from the manifest.
func loadedFields(ctx context.Context, q store.Querier) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT unnest(fields) FROM "+store.FilesTable)
	if err != nil {
		return nil, fmt.Errorf("read loaded fields: %w", err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("read loaded fields: %w", err)
		}
		have[schema.FieldFor(name).Name] = true
	}
	return have, rows.Err()
}

// missing returns the fields of need that have lacks, or nil.
func missing(what string, need []schema.Field, have map[string]bool) error {
	var lack []schema.Field
	for _, f := range need {
		if !have[f.Name] {
			lack = append(lack, f)
		}
	}
	if len(lack) == 0 {
		return nil
	}
	return &MissingFieldsError{What: what, Fields: lack}
}
