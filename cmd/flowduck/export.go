package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/export"
	"github.com/flowduck/flowduck/internal/units"
)

// exportOptions configure `flowduck export`.
type exportOptions struct {
	g      *globalOptions
	dir    string
	opts   export.Options
	filter filterFlags
}

func newExportCmd(g *globalOptions) *cobra.Command {
	o := &exportOptions{g: g}
	cmd := &cobra.Command{
		Use:   "export --parquet DIR",
		Short: "Write the loaded records as Athena-ready Parquet, with the DDL to query them",
		Long: `Write the loaded records to DIR the way VPC Flow Logs delivers Parquet to S3 with
Hive-compatible prefixes: DIR/AWSLogs/aws-account-id=…/aws-service=vpcflowlogs/
aws-region=…/year=YYYY/month=MM/day=DD/[hour=HH/] holding files named like AWS's
({account}_vpcflowlogs_{region}_fl-flowduck_{yyyymmdd}T{hhmm}Z_{hash}.log.parquet), with
AWS's Parquet column types and the loaded fields in catalog order.

DIR/athena.sql holds the CREATE EXTERNAL TABLE and MSCK REPAIR TABLE for Amazon Athena:
upload DIR/AWSLogs/ to S3 (--location says where, for the DDL's LOCATION) and run it.
A record whose account, region or day is unknown goes to the partition
__HIVE_DEFAULT_PARTITION__, which Athena reads as NULL. 'flowduck load DIR/AWSLogs'
reads an export back with identical values.

DIR must be empty or new; --overwrite replaces an earlier export (only the files an
export writes are removed).`,
		Example: `  flowduck export --parquet ./athena-export
  flowduck export --parquet ./march --since 2026-03-01 --until 2026-04-01 --hourly
  flowduck export --parquet ./out --account 111122223333 --location s3://my-bucket/flowduck --overwrite`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.dir == "" {
				return usagef("export needs --parquet DIR (the directory to write)")
			}
			f, err := o.filter.parse(time.Now())
			if err != nil {
				return err
			}
			o.opts.Filter = f
			return runExport(cmd.Context(), g, o.dir, o.opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.dir, "parquet", "", "directory to write the Parquet files and athena.sql to (empty or new)")
	f.BoolVar(&o.opts.Overwrite, "overwrite", false, "replace an earlier export in DIR (other files are kept)")
	f.BoolVar(&o.opts.Hourly, "hourly", false, "add hour=HH partitions, like AWS's per-hour partitions")
	f.StringVar(&o.opts.Location, "location", "", "S3 URI DIR is uploaded to, for the DDL's LOCATION (default a placeholder to replace)")
	f.StringVar(&o.opts.Table, "table", "", "Athena table name of the DDL, optionally database.table (default vpc_flow_logs)")
	f.StringVar(&o.opts.Compression, "compression", "", "Parquet compression: "+joinNames(export.Compressions)+" (default snappy, like AWS)")
	_ = cmd.RegisterFlagCompletionFunc("compression", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return export.Compressions, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.MarkFlagDirname("parquet")
	o.filter.register(cmd, "export only records", loadFilters...)
	return cmd
}

// runExport writes the export and prints the summary on stderr.
func runExport(ctx context.Context, g *globalOptions, dir string, opts export.Options) error {
	s, err := g.openReader(ctx, true)
	if err != nil {
		return err
	}
	defer s.Close()
	sum, err := export.Parquet(ctx, s.Conn, dir, opts)
	switch {
	case errors.Is(err, export.ErrUnknownCompression), errors.Is(err, export.ErrBadLocation):
		return &usageError{err: err}
	case errors.Is(err, export.ErrNotEmpty):
		return fmt.Errorf("%w; pass --overwrite to replace an earlier export, or choose another directory", err)
	case err != nil:
		return err
	}
	printExportSummary(g, sum, opts.Location == "")
	return nil
}

// printExportSummary writes what was exported, where the DDL is and what to
// do next; placeholder says the DDL's LOCATION still needs the user's bucket.
func printExportSummary(g *globalOptions, sum export.Summary, placeholder bool) {
	data := filepath.Join(sum.Dir, export.DataDir)
	fmt.Fprintf(g.streams.ErrOut, "exported %s records to %d file(s) in %d partition(s) (%s) in %s: %s\n",
		groupDigits(sum.Records), len(sum.Files), sum.Partitions, units.Bytes(sum.Bytes), sum.Elapsed.Round(10_000_000), data)
	fmt.Fprintf(g.streams.ErrOut, "Athena DDL: %s\n", sum.DDL)
	upload := fmt.Sprintf("aws s3 sync %s %s", shellQuote(data+string(filepath.Separator)), sum.Location)
	if placeholder {
		fmt.Fprintf(g.streams.ErrOut, "next: %s with your bucket and prefix (replace the LOCATION in athena.sql too, or export again with --location), then run athena.sql in Athena\n", upload)
		return
	}
	fmt.Fprintf(g.streams.ErrOut, "next: %s, then run athena.sql in Athena\n", upload)
}

// shellQuote quotes a path for a copy-pasted shell command when it needs it.
func shellQuote(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-=+:@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
