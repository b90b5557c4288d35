package awserr

import "testing"

// TestName checks the shared names, a service's own names after them, and
// values neither knows.
func TestName(t *testing.T) {
	own := []string{5: "no such bucket", 7: "wrong region"}
	tests := []struct {
		k    int
		own  []string
		want string
	}{
		{int(Other), own, "error"},
		{int(NoCredentials), own, "no AWS credentials found"},
		{int(BadCredentials), nil, "credentials rejected"},
		{int(ExpiredToken), own, "credentials expired"},
		{int(AccessDenied), own, "access denied"},
		{5, own, "no such bucket"},
		{6, own, "Kind(6)"}, // a gap in own
		{7, own, "wrong region"},
		{8, own, "Kind(8)"},
		{5, nil, "Kind(5)"},
		{-1, own, "Kind(-1)"},
	}
	for _, tt := range tests {
		if got := Name(tt.k, tt.own); got != tt.want {
			t.Errorf("Name(%d) = %q, want %q", tt.k, got, tt.want)
		}
	}
	if got := AccessDenied.String(); got != "access denied" {
		t.Errorf("AccessDenied.String() = %q", got)
	}
}
