package main

import (
	"errors"
	"testing"
	"time"
)

// TestFilterFlags: --since/--until take absolute UTC times or times relative
// to now, and an empty range is a usage error.
func TestFilterFlags(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name         string
		since, until string
		wantSince    time.Time
		wantUntil    time.Time
		usage        bool
	}{
		{name: "absolute dates", since: "2026-03-02", until: "2026-03-03T06:30", wantSince: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), wantUntil: time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)},
		{name: "relative", since: "7d", until: "2h", wantSince: now.AddDate(0, 0, -7), wantUntil: now.Add(-2 * time.Hour)},
		{name: "RFC 3339 with offset", since: "2026-03-02T10:00:00+02:00", wantSince: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)},
		{name: "not a time", since: "yesterday", usage: true},
		{name: "empty range", since: "2026-03-03", until: "2026-03-02", usage: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := filterFlags{since: tc.since, until: tc.until}
			got, err := f.parse(now)
			var usage *usageError
			if tc.usage {
				if !errors.As(err, &usage) {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Since.Equal(tc.wantSince) || !got.Until.Equal(tc.wantUntil) {
				t.Errorf("since %s until %s, want %s and %s", got.Since, got.Until, tc.wantSince, tc.wantUntil)
			}
		})
	}
}
