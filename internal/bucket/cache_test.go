package bucket

import (
	"path/filepath"
	"testing"
)

func TestCachePath(t *testing.T) {
	c := cache{dir: "/cache"}
	tests := []struct {
		key  string
		want string // "" means refused
	}{
		{"AWSLogs/1/vpcflowlogs/r/2026/01/05/f.log.gz", "/cache/b/AWSLogs/1/vpcflowlogs/r/2026/01/05/f.log.gz"},
		{"f.log", "/cache/b/f.log"},
		{"../../etc/passwd", ""},
		{"a/../../x", ""},
		{"/abs", ""},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, err := c.path("b", tt.key)
			if tt.want == "" {
				if err == nil {
					t.Errorf("path(%q) = %q, want an error", tt.key, got)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("path(%q) = %q, %v; want %q", tt.key, got, err, tt.want)
			}
		})
	}
}
