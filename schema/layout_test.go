package schema

import (
	"errors"
	"strings"
	"testing"
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
