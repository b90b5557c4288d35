package schema

import (
	"database/sql"
	"errors"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
)

func TestLookupLayout(t *testing.T) {
	tests := []struct {
		name       string
		input      string
		want       string
		partitions string
	}{
		{"current", "current", "current", "date"},
		{"hive", "hive", "hive", "aws-account-id aws-service aws-region year month day hour"},
		{"projection upper case", "PROJECTION", "projection", "accid region day"},
		{"legacy", "legacy", "legacy", "dt date"},
		{"bootstrap", "bootstrap", "bootstrap", "date_partition region_partition account_partition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := LookupLayout(tt.input)
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, p := range l.Partitions {
				parts = append(parts, p.Name)
			}
			if l.Name != tt.want || strings.Join(parts, " ") != tt.partitions {
				t.Errorf("LookupLayout(%q) = %s (%v), want %s (%s)", tt.input, l.Name, parts, tt.want, tt.partitions)
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		_, err := LookupLayout("athena")
		if !errors.Is(err, ErrUnknownLayout) {
			t.Fatalf("err = %v, want ErrUnknownLayout", err)
		}
		want := `unknown layout "athena" (valid: current, hive, projection, legacy, bootstrap)`
		if err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
	})
}

func TestLayoutRegistry(t *testing.T) {
	if Layouts[0].Name != "current" {
		t.Errorf("default layout = %q, want current", Layouts[0].Name)
	}
	seen := map[string]bool{}
	for _, l := range Layouts {
		if seen[l.Name] || l.Doc == "" || l.Location == "" || len(l.Partitions) == 0 {
			t.Errorf("layout %q: repeated, or missing doc, location or partitions", l.Name)
		}
		seen[l.Name] = true
		for _, p := range l.Partitions {
			if p.Doc == "" || (p.AthenaType != AthenaString && p.AthenaType != AthenaDate) {
				t.Errorf("layout %s partition %s: doc %q, type %q", l.Name, p.Name, p.Doc, p.AthenaType)
			}
			if (p.Project != NotProjected) != (l.Template != "") {
				t.Errorf("layout %s partition %s: projected without template or the reverse", l.Name, p.Name)
			}
			if p.Project != NotProjected && !strings.Contains(l.Template, "${"+p.Name+"}") {
				t.Errorf("layout %s: template %q lacks ${%s}", l.Name, l.Template, p.Name)
			}
		}
		// Every catalog field keeps a distinct column in every layout.
		cols := map[string]bool{}
		for _, f := range l.DataFields(Catalog) {
			c := l.ColumnName(f)
			if cols[c] {
				t.Errorf("layout %s: column %q twice", l.Name, c)
			}
			cols[c] = true
		}
	}
}

func TestLayoutColumns(t *testing.T) {
	tests := []struct {
		layout   string
		field    string
		column   string
		included bool
	}{
		{"current", "pkt-srcaddr", "pkt_srcaddr", true},
		{"current", "end", "end", true},
		{"current", "region", "region", true},
		{"current", "future-field", "future_field", true},
		{"current", "date", "date", false}, // an unknown field named like the partition
		{"hive", "region", "region", true},
		{"hive", "srcaddr", "srcaddr", true},
		{"hive", "day", "day", false},
		{"projection", "region", "region", false},
		{"projection", "account-id", "account_id", true},
		{"legacy", "srcaddr", "sourceaddress", true},
		{"legacy", "start", "starttime", true},
		{"legacy", "region", "region", true},
		{"legacy", "tgw-src-vpc-id", "tgwsrcvpcid", true},
		{"legacy", "future-field", "futurefield", true},
		{"bootstrap", "account-id", "account", true},
		{"bootstrap", "region", "region", true},
		{"bootstrap", "traffic-path", "trafficpath", true},
	}
	for _, tt := range tests {
		t.Run(tt.layout+"/"+tt.field, func(t *testing.T) {
			l, err := LookupLayout(tt.layout)
			if err != nil {
				t.Fatal(err)
			}
			f := FieldFor(tt.field)
			if got := l.ColumnName(f); got != tt.column {
				t.Errorf("ColumnName = %q, want %q", got, tt.column)
			}
			if got := l.Includes(f); got != tt.included {
				t.Errorf("Includes = %v, want %v", got, tt.included)
			}
		})
	}
}

// The partition expressions run in DuckDB over the provenance columns of the
// base table and give the values Athena users know, with the Athena type.
func TestPartitionExprs(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE base (_account VARCHAR, _region VARCHAR, _date DATE, _hour INTEGER);
		INSERT INTO base VALUES ('123456789012', 'eu-west-1', DATE '2024-03-07', 5), ('210987654321', 'us-east-1', DATE '2023-12-31', NULL)`); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string][2]string{ // layout -> partition -> values of the two rows
		"current": {"date": {"2024-03-07", "2023-12-31"}},
		"hive": {
			"aws-account-id": {"123456789012", "210987654321"}, "aws-service": {"vpcflowlogs", "vpcflowlogs"},
			"aws-region": {"eu-west-1", "us-east-1"}, "year": {"2024", "2023"}, "month": {"03", "12"},
			"day": {"07", "31"}, "hour": {"05", "NULL"},
		},
		"projection": {"accid": {"123456789012", "210987654321"}, "region": {"eu-west-1", "us-east-1"}, "day": {"2024/03/07", "2023/12/31"}},
		"legacy":     {"dt": {"2024-03-07", "2023-12-31"}, "date": {"2024-03-07", "2023-12-31"}},
		"bootstrap": {
			"date_partition": {"2024/03/07", "2023/12/31"}, "region_partition": {"eu-west-1", "us-east-1"},
			"account_partition": {"123456789012", "210987654321"},
		},
	}
	for _, l := range Layouts {
		for _, p := range l.Partitions {
			t.Run(l.Name+"/"+p.Name, func(t *testing.T) {
				rows, err := db.Query(`SELECT coalesce(CAST(v AS VARCHAR), 'NULL'), typeof(v) FROM (SELECT ` + p.Expr + ` AS v, _date AS d FROM base) ORDER BY d DESC`)
				if err != nil {
					t.Fatalf("%s: %v", p.Expr, err)
				}
				defer rows.Close()
				var got [2]string
				wantType := map[string]string{AthenaString: "VARCHAR", AthenaDate: "DATE"}[p.AthenaType]
				for i := 0; rows.Next(); i++ {
					var v, typ string
					if err := rows.Scan(&v, &typ); err != nil {
						t.Fatal(err)
					}
					if typ != wantType && v != "NULL" {
						t.Errorf("type of %s = %s, want %s", p.Expr, typ, wantType)
					}
					got[i] = v
				}
				if err := rows.Err(); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want[l.Name][p.Name], got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", p.Expr, diff)
				}
			})
		}
	}
}
