package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"port-scan", "host-sweep", "top-talkers", "top-ports"}
	cases := []struct {
		name, in string
		max      int
		want     string
	}{
		{"typo", "port-scn", 2, "port-scan"},
		{"prefix wins", "top-t", 2, "top-talkers"},
		{"too far", "conversation", 2, ""},
		{"empty", "", 2, ""},
		{"transposition costs two", "hsot-sweep", 2, "host-sweep"},
		{"limit is inclusive", "hxst-swxep", 2, "host-sweep"},
		{"limit excludes more", "hxst-swxxp", 2, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Closest(tc.in, names, tc.max); got != tc.want {
				t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"日本", "日本語", 1}, {"same", "same", 0},
	}
	for _, tc := range cases {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
