package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/golden"
	"github.com/flowduck/flowduck/internal/store"
)

func TestExportLayoutAndNames(t *testing.T) {
	s := loadedFixtures(t)
	tests := []struct {
		name       string
		opts       Options
		partitions []string
	}{
		{"daily", Options{}, []string{
			"aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=2026/month=03/day=01",
			"aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=01",
			"aws-account-id=444455556666/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2026/month=03/day=02",
			"aws-account-id=999988887777/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/day=__HIVE_DEFAULT_PARTITION__",
			"aws-account-id=__HIVE_DEFAULT_PARTITION__/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=2026/month=03/day=03",
		}},
		{"hourly", Options{Hourly: true}, []string{
			"aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=2026/month=03/day=01/hour=05",
			"aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=01/hour=00",
			"aws-account-id=444455556666/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2026/month=03/day=02/hour=23",
			"aws-account-id=999988887777/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/day=__HIVE_DEFAULT_PARTITION__/hour=__HIVE_DEFAULT_PARTITION__",
			"aws-account-id=__HIVE_DEFAULT_PARTITION__/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=2026/month=03/day=03/hour=01",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "export")
			sum := export(t, s.Conn, dir, tt.opts)
			if sum.Records != fixtureRecords || sum.Partitions != len(tt.partitions) || len(sum.Files) != len(tt.partitions) {
				t.Errorf("summary: %d records, %d partitions, %d files; want %d, %d, %d",
					sum.Records, sum.Partitions, len(sum.Files), fixtureRecords, len(tt.partitions), len(tt.partitions))
			}
			// The tree holds exactly the summary's files and the DDL.
			var onDisk []string
			var size int64
			err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				onDisk = append(onDisk, filepath.ToSlash(rel))
				if info, err := d.Info(); err == nil && rel != DDLFile {
					size += info.Size()
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(append(append([]string{}, sum.Files...), DDLFile), onDisk); diff != "" {
				t.Errorf("files on disk differ from the summary (-summary +disk):\n%s", diff)
			}
			if size != sum.Bytes {
				t.Errorf("summary says %d bytes, files hold %d", sum.Bytes, size)
			}
			var dirs []string
			for _, f := range sum.Files {
				dirs = append(dirs, strings.TrimPrefix(filepath.ToSlash(filepath.Dir(f)), DataDir+"/"))
				if !exportName.MatchString(filepath.Base(f)) {
					t.Errorf("%s: not an AWS-style name", f)
				}
			}
			if diff := cmp.Diff(tt.partitions, dirs); diff != "" {
				t.Errorf("partition directories (-want +got):\n%s", diff)
			}
			// Names are deterministic: the golden list pins them.
			golden.Check(t, filepath.Join("testdata", "files-"+tt.name+".txt"), strings.Join(sum.Files, "\n")+"\n")
		})
	}
}

func TestExportParquetSchema(t *testing.T) {
	s := loadedFixtures(t)
	dir := t.TempDir()
	sum := export(t, s.Conn, dir, Options{})
	// The v5 partition: every loaded column, AWS's types (VPC user guide,
	// "Parquet data type"), no partition column.
	var file string
	for _, f := range sum.Files {
		if strings.Contains(f, "aws-region=eu-west-1") {
			file = filepath.Join(dir, filepath.FromSlash(f))
		}
	}
	want := [][]string{
		{"version", "INT32", "INT_32"},
		{"account_id", "BYTE_ARRAY", "UTF8"},
		{"interface_id", "BYTE_ARRAY", "UTF8"},
		{"srcaddr", "BYTE_ARRAY", "UTF8"},
		{"dstaddr", "BYTE_ARRAY", "UTF8"},
		{"srcport", "INT32", "INT_32"},
		{"dstport", "INT32", "INT_32"},
		{"protocol", "INT32", "INT_32"},
		{"packets", "INT64", "INT_64"},
		{"bytes", "INT64", "INT_64"},
		{"start", "INT64", "INT_64"},
		{"end", "INT64", "INT_64"},
		{"action", "BYTE_ARRAY", "UTF8"},
		{"log_status", "BYTE_ARRAY", "UTF8"},
		{"vpc_id", "BYTE_ARRAY", "UTF8"},
		{"subnet_id", "BYTE_ARRAY", "UTF8"},
		{"instance_id", "BYTE_ARRAY", "UTF8"},
		{"tcp_flags", "INT32", "INT_32"},
		{"type", "BYTE_ARRAY", "UTF8"},
		{"pkt_srcaddr", "BYTE_ARRAY", "UTF8"},
		{"pkt_dstaddr", "BYTE_ARRAY", "UTF8"},
		{"region", "BYTE_ARRAY", "UTF8"},
		{"az_id", "BYTE_ARRAY", "UTF8"},
		{"sublocation_type", "BYTE_ARRAY", "UTF8"},
		{"sublocation_id", "BYTE_ARRAY", "UTF8"},
		{"pkt_src_aws_service", "BYTE_ARRAY", "UTF8"},
		{"pkt_dst_aws_service", "BYTE_ARRAY", "UTF8"},
		{"flow_direction", "BYTE_ARRAY", "UTF8"},
		{"traffic_path", "INT32", "INT_32"},
		{"future_field", "BYTE_ARRAY", "UTF8"},
	}
	got := text.Rows(t, s.Conn, `SELECT name, type, converted_type FROM parquet_schema(?) WHERE type IS NOT NULL ORDER BY column_id`, file)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parquet schema of %s (-want +got):\n%s", file, diff)
	}
	// Every column chunk of every file is snappy, AWS's codec.
	var paths []string
	for _, f := range sum.Files {
		paths = append(paths, filepath.Join(dir, filepath.FromSlash(f)))
	}
	codecs := text.Rows(t, s.Conn, `SELECT DISTINCT compression FROM parquet_metadata(?)`, paths)
	if diff := cmp.Diff([][]string{{"SNAPPY"}}, codecs); diff != "" {
		t.Errorf("compression (-want +got):\n%s", diff)
	}
}

func TestExportCompression(t *testing.T) {
	s := loadedFixtures(t)
	tests := []struct {
		name, option, codec string
	}{
		{"gzip", "gzip", "GZIP"},
		{"zstd upper case", "ZSTD", "ZSTD"},
		{"uncompressed", "uncompressed", "UNCOMPRESSED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			sum := export(t, s.Conn, dir, Options{Compression: tt.option})
			got := text.Rows(t, s.Conn, `SELECT DISTINCT compression FROM parquet_metadata(?)`, filepath.Join(dir, filepath.FromSlash(sum.Files[0])))
			if diff := cmp.Diff([][]string{{tt.codec}}, got); diff != "" {
				t.Errorf("compression (-want +got):\n%s", diff)
			}
		})
	}
	_, err := Parquet(context.Background(), s.Conn, t.TempDir(), Options{Compression: "lzo"})
	if !errors.Is(err, ErrUnknownCompression) {
		t.Errorf("compression lzo: got %v, want ErrUnknownCompression", err)
	}
}

func TestExportRoundTrip(t *testing.T) {
	src := loadedFixtures(t)
	loaded, err := store.DataColumns(context.Background(), src.Conn)
	if err != nil {
		t.Fatal(err)
	}
	var data []string
	for _, f := range exportFields(loaded) {
		data = append(data, store.Ident(f.Column))
	}
	for _, hourly := range []bool{false, true} {
		name := map[bool]string{false: "daily", true: "hourly"}[hourly]
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			export(t, src.Conn, dir, Options{Hourly: hourly})
			back := dbtest.OpenPlain(t)
			res := load(t, back, filepath.Join(dir, DataDir))
			if res.Records != fixtureRecords {
				t.Fatalf("loaded back %d records, want %d", res.Records, fixtureRecords)
			}
			// The Athena view: every column, the date partition included.
			view := "SELECT * FROM vpc_flow_logs ORDER BY ALL"
			if diff := cmp.Diff(text.Rows(t, src.Conn, view), text.Rows(t, back.Conn, view)); diff != "" {
				t.Errorf("vpc_flow_logs after the round trip (-before +after):\n%s", diff)
			}
			// The provenance the partitions carry (the hour only when
			// the export has hour partitions; a daily export's hour comes
			// back from start). The loader reads the Hive default
			// partition as a literal value, so it is compared as NULL.
			prov := []string{"nullif(_account, '" + UnknownPartition + "')", "nullif(_region, '" + UnknownPartition + "')", "_date"}
			if hourly {
				prov = append(prov, "_hour")
			}
			all := "SELECT " + strings.Join(append(prov, data...), ", ") + " FROM " + store.RecordsTable + " ORDER BY ALL"
			if diff := cmp.Diff(text.Rows(t, src.Conn, all), text.Rows(t, back.Conn, all)); diff != "" {
				t.Errorf("records after the round trip (-before +after):\n%s", diff)
			}
		})
	}
}

func TestExportFilter(t *testing.T) {
	s := loadedFixtures(t)
	tests := []struct {
		name       string
		opts       Options
		records    int64
		partitions []string // regexps, one per partition directory, in order
	}{
		{"account", Options{Filter: newFilter(t, "", "", []string{"111122223333"}, nil)}, 6, []string{
			`aws-account-id=111122223333/.*/aws-region=__HIVE_DEFAULT_PARTITION__/`, `aws-account-id=111122223333/.*/aws-region=us-east-1/`}},
		{"region", Options{Filter: newFilter(t, "", "", nil, []string{"eu-west-1"})}, 3, []string{`aws-region=eu-west-1/`}},
		{"since and until on start", Options{Filter: newFilter(t, "2026-03-01T00:03", "2026-03-02T23:55", nil, nil)}, 5, []string{
			`aws-account-id=111122223333/.*/aws-region=__HIVE_DEFAULT_PARTITION__/year=2026/month=03/day=01`,
			`aws-account-id=111122223333/.*/aws-region=us-east-1/year=2026/month=03/day=01`,
			`aws-account-id=444455556666/.*/day=02`}},
		{"since after midnight keeps the partition of the day before", Options{Filter: newFilter(t, "2026-03-03", "", []string{"444455556666"}, nil), Hourly: true}, 1, []string{
			`aws-account-id=444455556666/.*/year=2026/month=03/day=02/hour=23`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := export(t, s.Conn, t.TempDir(), tt.opts)
			if sum.Records != tt.records {
				t.Errorf("exported %d records, want %d", sum.Records, tt.records)
			}
			if len(sum.Files) != len(tt.partitions) {
				t.Fatalf("files %v, want one per %v", sum.Files, tt.partitions)
			}
			for i, f := range sum.Files {
				if !regexp.MustCompile(tt.partitions[i]).MatchString(f) {
					t.Errorf("file %d: %s does not match %s", i, f, tt.partitions[i])
				}
			}
		})
	}
	t.Run("nothing matches", func(t *testing.T) {
		dir := t.TempDir()
		_, err := Parquet(context.Background(), s.Conn, dir, Options{Filter: newFilter(t, "", "", []string{"000000000000"}, nil)})
		if !errors.Is(err, ErrNoRecords) {
			t.Fatalf("got %v, want ErrNoRecords", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a failed export left %v in %s", entries, dir)
		}
	})
}
