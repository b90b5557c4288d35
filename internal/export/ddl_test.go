package export

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/flowduck/flowduck/internal/golden"
)

func TestExportDDLGolden(t *testing.T) {
	s := loadedFixtures(t)
	tests := []struct {
		golden string
		opts   Options
	}{
		{"athena-daily.sql", Options{}},
		{"athena-hourly.sql", Options{Hourly: true, Location: "s3://my-bucket/flows/", Table: "flowlogs.vpc_flow_logs_parquet"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			dir := t.TempDir()
			sum := export(t, s.Conn, dir, tt.opts)
			if sum.DDL != filepath.Join(dir, DDLFile) {
				t.Errorf("DDL at %s, want %s", sum.DDL, filepath.Join(dir, DDLFile))
			}
			got, err := os.ReadFile(sum.DDL)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.golden), string(got))
		})
	}
}

func TestTableLocation(t *testing.T) {
	layout, err := exportLayout(false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"empty is the placeholder", "", "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/", nil},
		{"bucket", "s3://my-bucket", "s3://my-bucket/AWSLogs/", nil},
		{"prefix with slash", "s3://my-bucket/flows/", "s3://my-bucket/flows/AWSLogs/", nil},
		{"already AWSLogs", "s3://my-bucket/flows/AWSLogs", "s3://my-bucket/flows/AWSLogs/", nil},
		{"not s3", "https://my-bucket/flows", "", ErrBadLocation},
		{"no bucket", "s3://", "", ErrBadLocation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tableLocation(tt.in, layout)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("tableLocation(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}
