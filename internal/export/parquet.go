package export

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Parquet writes every loaded record that opts.Filter keeps under dir as
// AWS's Hive-compatible Parquet delivery, plus dir/athena.sql, and returns
// what it wrote.
//
// The files land in dir/AWSLogs/aws-account-id=…/aws-service=vpcflowlogs/
// aws-region=…/year=YYYY/month=MM/day=DD/[hour=HH/] (the account, region, day
// and hour the loader recorded for each record), hold the loaded data columns
// in catalog order with AWS's Parquet types and no partition columns, and are
// named like AWS's deliveries. A partition value that is unknown is written
// as __HIVE_DEFAULT_PARTITION__ (UnknownPartition), which Athena reads as
// NULL.
//
// The export is written to a hidden staging directory inside dir and moved
// into place only when complete: a failure while writing (a DuckDB error, no
// matching record, a cancelled context) leaves dir as it was, an earlier
// export included.
func Parquet(ctx context.Context, conn *sql.Conn, dir string, opts Options) (Summary, error) {
	began := time.Now()
	compression, err := codec(opts.Compression)
	if err != nil {
		return Summary{}, err
	}
	layout, err := exportLayout(opts.Hourly)
	if err != nil {
		return Summary{}, err
	}
	location, err := tableLocation(opts.Location, layout)
	if err != nil {
		return Summary{}, err
	}
	if err := store.RequireLoaded(ctx, conn); err != nil {
		return Summary{}, fmt.Errorf("export: %w", err)
	}
	loaded, err := store.DataColumns(ctx, conn)
	if err != nil {
		return Summary{}, err
	}
	fields := exportFields(loaded)
	if len(fields) == 0 {
		return Summary{}, fmt.Errorf("export: %w", store.ErrNothingLoaded)
	}
	if err := checkNames(fields, layout); err != nil {
		return Summary{}, fmt.Errorf("export: %w", err)
	}

	t, err := prepareDir(dir, opts.Overwrite)
	if err != nil {
		return Summary{}, err
	}
	staging, err := os.MkdirTemp(dir, stagingPrefix)
	if err != nil {
		t.discard()
		return Summary{}, fmt.Errorf("export %s: %w", dir, unwrapPath(err))
	}
	sum, err := write(ctx, conn, t, staging, writeSpec{
		fields:      fields,
		layout:      layout,
		where:       filterSQL(opts.Filter, hasField(fields, "start")),
		compression: compression,
		ddl:         athenaSQL(opts.Table, layout, fields, location, opts.Hourly),
	})
	if rmErr := os.RemoveAll(staging); rmErr != nil && err == nil {
		err = fmt.Errorf("export %s: remove staging directory: %w", dir, unwrapPath(rmErr))
	}
	if err != nil {
		t.discard()
		return Summary{}, err
	}
	sum.Location = location
	sum.Elapsed = time.Since(began)
	return sum, nil
}

// writeSpec is what write needs besides the directories.
type writeSpec struct {
	fields      []schema.Field
	layout      schema.Layout
	where       string
	compression string
	ddl         string
}

// write runs the COPY into staging/AWSLogs, names the files, writes the DDL,
// then replaces the earlier export (if any) and moves the new one into place.
func write(ctx context.Context, conn *sql.Conn, t *target, staging string, spec writeSpec) (Summary, error) {
	sum := Summary{Dir: t.dir, DDL: filepath.Join(t.dir, DDLFile)}
	stagedData := filepath.Join(staging, DataDir)
	stmt, err := copySQL(spec.fields, spec.layout, spec.where, stagedData, spec.compression)
	if err != nil {
		return Summary{}, fmt.Errorf("export %s: %w", t.dir, err)
	}
	res, err := conn.ExecContext(ctx, stmt)
	if err != nil {
		return Summary{}, fmt.Errorf("export %s: write parquet: %w", t.dir, err)
	}
	if sum.Records, err = res.RowsAffected(); err != nil {
		return Summary{}, fmt.Errorf("export %s: write parquet: %w", t.dir, err)
	}
	if sum.Records == 0 {
		return Summary{}, fmt.Errorf("export %s: %w (the filter keeps none of the loaded records)", t.dir, ErrNoRecords)
	}
	staged, err := stagedFiles(stagedData)
	if err != nil {
		return Summary{}, err
	}
	stagedDDL := filepath.Join(staging, DDLFile)
	if err := os.WriteFile(stagedDDL, []byte(spec.ddl), 0o644); err != nil {
		return Summary{}, fmt.Errorf("export %s: write %s: %w", t.dir, DDLFile, unwrapPath(err))
	}

	// Name every file: the n-th file of a partition directory gets the n-th name.
	moves := make(map[string]string, len(staged))
	perDir := map[string]int{}
	for _, rel := range staged {
		dir := path.Dir(rel)
		final := path.Join(DataDir, dir, fileName(dir, perDir[dir]))
		perDir[dir]++
		moves[rel] = final
		sum.Files = append(sum.Files, final)
	}
	sum.Partitions = len(perDir)
	sort.Strings(sum.Files)

	if err := t.removeOld(); err != nil {
		return Summary{}, err
	}
	for _, rel := range staged {
		to := filepath.Join(t.dir, filepath.FromSlash(moves[rel]))
		if err := moveInto(filepath.Join(stagedData, filepath.FromSlash(rel)), to); err != nil {
			return Summary{}, fmt.Errorf("export %s: %w", t.dir, err)
		}
		info, err := os.Stat(to)
		if err != nil {
			return Summary{}, fmt.Errorf("export %s: %w", t.dir, err)
		}
		sum.Bytes += info.Size()
	}
	if err := os.Rename(stagedDDL, sum.DDL); err != nil {
		return Summary{}, fmt.Errorf("export %s: %w", t.dir, err)
	}
	return sum, nil
}
