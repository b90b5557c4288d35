package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// schemaOptions configure `flowduck schema`.
type schemaOptions struct {
	g        *globalOptions
	ddl      bool
	layout   string
	table    string
	location string
	parquet  bool
	output   outputFlag
}

func newSchemaCmd(g *globalOptions) *cobra.Command {
	o := &schemaOptions{g: g}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Show the flow-log field catalog, or the Athena DDL of a table layout",
		Long: `Without flags, list every VPC Flow Logs field (versions 2 to 11, Transit Gateway
fields included): its AWS name, Athena column, types, version and legacy alias; then the
columns the view flows adds (times, protocol, flag and service names, scopes, direction).
With --athena-ddl, print the Athena CREATE EXTERNAL TABLE statement for a layout, with the
fields loaded in the database (or Athena's documented v2-v5 columns when nothing is loaded).`,
		Example: `  flowduck schema -o markdown
  flowduck schema --athena-ddl
  flowduck schema --athena-ddl --layout projection --table test_table_vpclogs`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.ddl {
				return runSchemaDDL(cmd.Context(), o)
			}
			if cmd.Flags().Changed("layout") || cmd.Flags().Changed("table") || cmd.Flags().Changed("location") || o.parquet {
				return usagef("--layout, --table, --location and --parquet go with --athena-ddl")
			}
			return runSchemaCatalog(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.ddl, "athena-ddl", false, "print the Athena CREATE EXTERNAL TABLE statement")
	f.StringVar(&o.layout, "layout", "current", "table layout: "+joinNames(schema.LayoutNames()))
	f.StringVar(&o.table, "table", "", "table name in the DDL (default "+schema.DefaultTable+")")
	f.StringVar(&o.location, "location", "", "S3 LOCATION in the DDL")
	f.BoolVar(&o.parquet, "parquet", false, "describe Parquet files instead of text")
	o.output.register(cmd)
	return cmd
}

// runSchemaCatalog prints the field catalog.
func runSchemaCatalog(ctx context.Context, o *schemaOptions) error {
	ropts, err := o.output.options(o.g)
	if err != nil {
		return err
	}
	return renderCatalog(ctx, o.g.streams.Out, ropts)
}

// renderCatalog writes the field catalog, then the columns the flows view
// decodes from the fields (no AWS field name, no Athena type).
func renderCatalog(ctx context.Context, w io.Writer, ropts render.Options) error {
	cols := []string{"field", "column", "athena_type", "duckdb_type", "version", "legacy_name", "description"}
	data := make([][]any, 0, len(schema.Catalog)+len(schema.DecodedColumns))
	for _, f := range schema.Catalog {
		data = append(data, []any{f.Name, f.Column, f.AthenaType, f.DuckType, int64(f.Version), f.Legacy, f.Doc})
	}
	for _, c := range schema.DecodedColumns {
		data = append(data, []any{nil, c.Column, nil, c.DuckType, int64(c.Version), nil, "(view " + schema.DecodedView + ") " + c.Doc})
	}
	_, err := render.Values(ctx, w, cols, data, ropts)
	return err
}

// runSchemaDDL prints the Athena DDL for the loaded fields.
func runSchemaDDL(ctx context.Context, o *schemaOptions) error {
	layout, err := schema.LookupLayout(o.layout)
	if err != nil {
		return &usageError{err: err}
	}
	fields, err := loadedFields(ctx, o.g)
	if err != nil {
		return err
	}
	ddl := schema.AthenaDDL(schema.DDLOptions{Table: o.table, Layout: layout, Fields: fields, Location: o.location, Parquet: o.parquet})
	_, err = fmt.Fprintln(o.g.streams.Out, ddl)
	return err
}

// loadedFields returns the fields the database's views present, or nil when
// there is no database file or nothing is loaded. It never creates a file.
func loadedFields(ctx context.Context, g *globalOptions) ([]schema.Field, error) {
	path := g.dbFile()
	if path == duck.MemoryPath {
		return nil, nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	s, err := duck.Open(ctx, duck.Options{Path: path, ReadOnly: true, Plain: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	ok, err := store.Exists(ctx, s.Conn)
	if err != nil || !ok {
		return nil, err
	}
	loaded, err := store.DataColumns(ctx, s.Conn)
	if err != nil {
		return nil, err
	}
	return store.ViewFields(loaded), nil
}
