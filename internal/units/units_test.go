package units

import "testing"

func TestBytes(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {1023, "1023 B"}, {1024, "1.0 KiB"}, {1536, "1.5 KiB"},
		{199_334_707, "190.1 MiB"}, {1 << 40, "1.0 TiB"}, {1 << 62, "4.0 EiB"},
	}
	for _, tc := range cases {
		if got := Bytes(tc.n); got != tc.want {
			t.Errorf("Bytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestCount(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1.0k"}, {636_900, "636.9k"}, {10_000_000, "10.0M"},
		{5_600_000_000, "5.6G"}, {7_800_000_000_000, "7.8T"}, {-1500, "-1.5k"},
	}
	for _, tc := range cases {
		if got := Count(tc.n); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
