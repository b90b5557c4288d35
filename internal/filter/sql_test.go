package filter

import (
	"reflect"
	"testing"
	"time"
)

var (
	march2 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	march3 = time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
)

func TestWhere(t *testing.T) {
	tests := []struct {
		name string
		f    Filter
		want string
	}{
		{"nothing", Filter{}, ""},
		{"since", Filter{Since: march2}, "s >= 1772409600"},
		{"until", Filter{Until: march3}, "s < 1772519400"},
		{"accounts", Filter{Accounts: []string{"111122223333", "444455556666"}}, "a IN ('111122223333', '444455556666')"},
		{"region quoted", Filter{Regions: []string{"eu-west-1", "it's"}}, "r IN ('eu-west-1', 'it''s')"},
		{"all", Filter{Since: march2, Until: march3, Accounts: []string{"1"}, Regions: []string{"us-east-1"}},
			"s >= 1772409600 AND s < 1772519400 AND a IN ('1') AND r IN ('us-east-1')"},
		{"report-only filters are not load filters", Filter{ENIs: []string{"eni-1"}, Action: "REJECT"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Where("s", "a", "r"); got != tt.want {
				t.Errorf("Where = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPartitionWhere(t *testing.T) {
	const first = "(CAST(d AS TIMESTAMP) + to_hours(coalesce(h, 0)))"
	const span = "(CASE WHEN h IS NULL THEN INTERVAL 1 DAY ELSE INTERVAL 1 HOUR END)"
	tests := []struct {
		name string
		f    Filter
		want string
	}{
		{"nothing", Filter{}, ""},
		{"since", Filter{Since: march3}, first + " + " + span + " > TIMESTAMP '2026-03-03 06:30:00'"},
		{"until", Filter{Until: march2}, first + " < TIMESTAMP '2026-03-02 00:00:00'"},
		{"until and account", Filter{Until: march2, Accounts: []string{"1"}}, first + " < TIMESTAMP '2026-03-02 00:00:00' AND a IN ('1')"},
		{"region only", Filter{Regions: []string{"us-east-1"}}, "r IN ('us-east-1')"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.PartitionWhere("d", "h", "a", "r"); got != tt.want {
				t.Errorf("PartitionWhere = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	f := Filter{
		Since: march2, Until: march3,
		ENIs: []string{"eni-1", "eni-2"}, VPCs: []string{"vpc-1"}, Subnets: []string{"subnet-1"},
		Accounts: []string{"1"}, Regions: []string{"us-east-1"}, Action: "REJECT",
	}
	type term struct{ name, field, cond string }
	want := []term{
		{"since", "start", `"start" >= (SELECT CAST(value AS BIGINT) FROM (Q))`},
		{"until", "start", `"start" < (SELECT CAST(value AS BIGINT) FROM (Q))`},
		{"eni", "interface-id", "interface_id IN (Q)"},
		{"vpc", "vpc-id", "vpc_id IN (Q)"},
		{"subnet", "subnet-id", "subnet_id IN (Q)"},
		{"account", "", "_account IN (Q)"},
		{"region", "", "_region IN (Q)"},
		{"action", "action", `"action" IN (Q)`},
	}
	wantValues := [][]string{{"1772409600"}, {"1772519400"}, {"eni-1", "eni-2"}, {"vpc-1"}, {"subnet-1"}, {"1"}, {"us-east-1"}, {"REJECT"}}
	got := f.Terms()
	if len(got) != len(want) {
		t.Fatalf("%d terms, want %d: %+v", len(got), len(want), got)
	}
	for i, g := range got {
		if (term{g.Name, g.Field, g.Cond("Q")}) != want[i] {
			t.Errorf("term %d = %s %q %q, want %+v", i, g.Name, g.Field, g.Cond("Q"), want[i])
		}
		if !reflect.DeepEqual(g.Values, wantValues[i]) {
			t.Errorf("term %s values %q, want %q", g.Name, g.Values, wantValues[i])
		}
		if g.Name != Names[i] {
			t.Errorf("term %d is %s, want the order of Names (%s)", i, g.Name, Names[i])
		}
	}
	if terms := (Filter{Action: "ACCEPT"}).Terms(); len(terms) != 1 || terms[0].Name != Action {
		t.Errorf("terms of an action filter: %+v", terms)
	}
	if terms := (Filter{}).Terms(); len(terms) != 0 {
		t.Errorf("terms of the zero filter: %+v", terms)
	}
}
