package filter

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

var now = time.Date(2026, 3, 5, 12, 30, 15, 500, time.UTC)

func TestParseTime(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr bool
	}{
		{"date", "2026-03-02", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), false},
		{"date with slashes", "2026/03/02", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), false},
		{"date and hour", "2026-03-02T10", time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), false},
		{"date and minute", "2026-03-02T10:00", time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), false},
		{"date and minute with space", "2026-03-02 10:05", time.Date(2026, 3, 2, 10, 5, 0, 0, time.UTC), false},
		{"date and second", "2026-03-02T10:05:07", time.Date(2026, 3, 2, 10, 5, 7, 0, time.UTC), false},
		{"date and second with space", "2026-03-02 10:05:07", time.Date(2026, 3, 2, 10, 5, 7, 0, time.UTC), false},
		{"RFC 3339 UTC", "2026-03-02T10:00:00Z", time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), false},
		{"RFC 3339 with offset", "2026-03-02T10:00:00+02:00", time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), false},
		{"RFC 3339 with fraction", "2026-03-02T10:00:00.25Z", time.Date(2026, 3, 2, 10, 0, 0, 250_000_000, time.UTC), false},
		{"unix seconds", "1772445600", time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), false},
		{"surrounding spaces", " 2026-03-02 ", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), false},
		{"minutes ago", "90m", now.Add(-90 * time.Minute).Truncate(time.Second), false},
		{"hours ago", "24h", now.Add(-24 * time.Hour).Truncate(time.Second), false},
		{"days ago", "7d", now.Add(-7 * 24 * time.Hour).Truncate(time.Second), false},
		{"weeks ago", "2w", now.Add(-14 * 24 * time.Hour).Truncate(time.Second), false},
		{"with ago", "7d ago", now.Add(-7 * 24 * time.Hour).Truncate(time.Second), false},
		{"mixed units", "1d12h", now.Add(-36 * time.Hour).Truncate(time.Second), false},
		{"zero duration", "0h", time.Time{}, true},
		{"negative duration", "-2h", time.Time{}, true},
		{"word", "yesterday", time.Time{}, true},
		{"bad date", "2026-13-02", time.Time{}, true},
		{"padded unix", "01772445600", time.Time{}, true},
		{"empty", "", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTime(tt.in, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseTime(%q) err = %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("ParseTime(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTimeError(t *testing.T) {
	_, err := ParseTime("yesterday", now)
	want := `"yesterday" is not a time; use 2026-03-02, 2026-03-02T10:00, RFC 3339, or 24h, 7d for that long ago`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// pair is one named value, as a flag or a shell argument gives it.
type pair struct{ name, value string }

func TestSet(t *testing.T) {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		pairs []pair
		want  Filter
	}{
		{"nothing", nil, Filter{}},
		{"since and until", []pair{{"since", "2026-03-02"}, {"until", "24h"}}, Filter{Since: day, Until: now.Add(-24 * time.Hour).Truncate(time.Second)}},
		{"later time wins", []pair{{"since", "2026-03-01"}, {"since", "2026-03-02"}}, Filter{Since: day}},
		{"empty time is open", []pair{{"since", "2026-03-02"}, {"since", ""}}, Filter{}},
		{"commas split", []pair{{"eni", "eni-a,eni-b"}}, Filter{ENIs: []string{"eni-a", "eni-b"}}},
		{"items are trimmed, empty ones dropped", []pair{{"vpc", " vpc-a , ,vpc-b,"}}, Filter{VPCs: []string{"vpc-a", "vpc-b"}}},
		{"repeats add up", []pair{{"account", "1"}, {"account", "2,3"}}, Filter{Accounts: []string{"1", "2", "3"}}},
		{"subnet and region", []pair{{"subnet", "subnet-1"}, {"region", "eu-west-1"}}, Filter{Subnets: []string{"subnet-1"}, Regions: []string{"eu-west-1"}}},
		{"empty list", []pair{{"region", " , "}}, Filter{}},
		{"action lower case", []pair{{"action", "accept"}}, Filter{Action: "ACCEPT"}},
		{"action upper case", []pair{{"action", "REJECT"}}, Filter{Action: "REJECT"}},
		{"action mixed case and spaces", []pair{{"action", " Reject "}}, Filter{Action: "REJECT"}},
		{"empty action is any", []pair{{"action", "reject"}, {"action", ""}}, Filter{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Filter
			for _, p := range tt.pairs {
				if err := got.Set(p.name, p.value, now); err != nil {
					t.Fatal(err)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		name, value string
		want        string
	}{
		{"since", "yesterday", `since: "yesterday" is not a time; use 2026-03-02, 2026-03-02T10:00, RFC 3339, or 24h, 7d for that long ago`},
		{"until", "soon", `until: "soon" is not a time; use 2026-03-02, 2026-03-02T10:00, RFC 3339, or 24h, 7d for that long ago`},
		{"action", "drop", `action: "drop" is not an action; use ACCEPT or REJECT`},
		{"port", "22", `port: no such filter; use one of since, until, eni, vpc, subnet, account, region, action`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Filter
			err := f.Set(tt.name, tt.value, now)
			var fe *Error
			if !errors.As(err, &fe) || fe.Name != tt.name || fe.Value != tt.value {
				t.Fatalf("err = %#v, want an *Error for %s=%s", err, tt.name, tt.value)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestIsName(t *testing.T) {
	for _, name := range Names {
		if !IsName(name) {
			t.Errorf("IsName(%q) = false", name)
		}
	}
	if IsName("port") || IsName("--since") {
		t.Error("IsName accepts a name that is not a filter")
	}
}

func TestValidate(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		f       Filter
		wantErr string
	}{
		{"empty", Filter{}, ""},
		{"range", Filter{Since: t0, Until: t0.Add(time.Hour)}, ""},
		{"open end", Filter{Since: t0}, ""},
		{"action", Filter{Action: "REJECT"}, ""},
		{"reversed", Filter{Since: t0.Add(time.Hour), Until: t0}, "since: 2026-03-02T01:00:00Z is not before until 2026-03-02T00:00:00Z"},
		{"empty range", Filter{Since: t0, Until: t0}, "since: 2026-03-02T00:00:00Z is not before until 2026-03-02T00:00:00Z"},
		{"bad action", Filter{Action: "DROP"}, `action: "DROP" is not an action; use ACCEPT or REJECT`},
		{"action not normalised", Filter{Action: "accept"}, `action: "accept" is not an action; use ACCEPT or REJECT`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Validate()
			got := ""
			if err != nil {
				got = err.Error()
				var fe *Error
				if !errors.As(err, &fe) {
					t.Errorf("err is %T, want *Error", err)
				}
			}
			if got != tt.wantErr {
				t.Errorf("err = %q, want %q", got, tt.wantErr)
			}
		})
	}
}

func TestIsZero(t *testing.T) {
	if !(Filter{}).IsZero() {
		t.Error("the zero filter is not zero")
	}
	for _, name := range Names {
		var f Filter
		if err := f.Set(name, "2026-03-02", now); err != nil && name != Action {
			t.Fatal(err)
		}
		if name == Action {
			f.Action = "ACCEPT"
		}
		if f.IsZero() {
			t.Errorf("a filter with %s set is zero", name)
		}
	}
}
