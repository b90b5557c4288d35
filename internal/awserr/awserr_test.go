package awserr

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"
)

type kind int

const (
	other kind = iota
	denied
	expired
)

var codes = map[string]kind{"AccessDenied": denied, "ExpiredToken": expired}

// TestClassify checks codes, wrapped API errors, the SSO token error and
// errors that carry no code.
func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want kind
	}{
		{"code", &smithy.GenericAPIError{Code: "AccessDenied"}, denied},
		{"wrapped code", fmt.Errorf("list: %w", &smithy.GenericAPIError{Code: "ExpiredToken", Message: "m"}), expired},
		{"unknown code", &smithy.GenericAPIError{Code: "SlowDown"}, other},
		{"sso token", fmt.Errorf("get credentials: %w", &ssocreds.InvalidTokenError{Err: errors.New("expired")}), expired},
		{"plain error", errors.New("dial tcp: connection refused"), other},
		{"nil", nil, other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.err, codes, expired, other); got != tt.want {
				t.Errorf("Classify(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{&smithy.GenericAPIError{Code: "NoSuchBucket", Message: "The bucket does not exist"}, "NoSuchBucket: The bucket does not exist"},
		{fmt.Errorf("op: %w", &smithy.GenericAPIError{Code: "AccessDenied"}), "AccessDenied"},
		{errors.New("timeout"), "timeout"},
	}
	for _, tt := range tests {
		if got := Describe(tt.err); got != tt.want {
			t.Errorf("Describe(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestWriteCause(t *testing.T) {
	tests := []struct {
		err  error
		hint string
		want string
	}{
		{&smithy.GenericAPIError{Code: "AccessDenied", Message: "no"}, "ask", "x: AccessDenied: no (hint: ask)"},
		{errors.New("boom"), "", "x: boom"},
		{nil, "ask", "x (hint: ask)"},
		{nil, "", "x"},
	}
	for _, tt := range tests {
		var b strings.Builder
		b.WriteString("x")
		WriteCause(&b, tt.err, tt.hint)
		if got := b.String(); got != tt.want {
			t.Errorf("WriteCause(%v, %q) = %q, want %q", tt.err, tt.hint, got, tt.want)
		}
	}
}

func TestCredentialHint(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{CredentialHint(BadCredentials, "", ", and --endpoint-url"), "check the access key and secret of the profile, and --endpoint-url"},
		{CredentialHint(BadCredentials, "dev", ""), "check the access key and secret of profile dev"},
		{CredentialHint(ExpiredToken, "", "x"), "refresh the credentials of the profile, e.g. `aws sso login`"},
		{CredentialHint(ExpiredToken, "sso", "x"), "refresh the credentials of profile sso, e.g. `aws sso login`"},
		{CredentialHint(NoCredentials, "dev", "x"), "configure credentials: `aws configure` or `aws sso login`, AWS_PROFILE or --profile, " +
			"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
		{CredentialHint(AccessDenied, "dev", "x"), ""},
		{CredentialHint(Other, "dev", "x"), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("hint = %q, want %q", tt.got, tt.want)
		}
	}
}

func TestKeepAsIs(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{nil, true},
		{context.Canceled, true},
		{fmt.Errorf("list: %w", context.DeadlineExceeded), true},
		{&smithy.GenericAPIError{Code: "AccessDenied"}, false},
		{errors.New("boom"), false},
	} {
		if got := KeepAsIs(tt.err); got != tt.want {
			t.Errorf("KeepAsIs(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
