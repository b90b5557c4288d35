// Package awserr holds what the S3 and CloudWatch Logs clients share about
// AWS SDK errors: classifying them by API error code, describing their
// cause, the hints about credentials, and the " (hint: …)" suffix. Each
// service keeps its own kinds, codes and service-specific wording.
package awserr

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"
)

// noCredentialsHint is the hint for when the credential chain found nothing.
const noCredentialsHint = "configure credentials: `aws configure` or `aws sso login`, AWS_PROFILE or --profile, " +
	"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"

// Classify returns the kind codes maps the API error code of err to, expired
// for an expired SSO token, and other for anything else.
func Classify[K any](err error, codes map[string]K, expired, other K) K {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		var tok *ssocreds.InvalidTokenError
		if errors.As(err, &tok) {
			return expired
		}
		return other
	}
	if k, ok := codes[ae.ErrorCode()]; ok {
		return k
	}
	return other
}

// KeepAsIs reports whether err should pass unwrapped: nil, or the context's
// cancellation or deadline, which callers test for with errors.Is.
func KeepAsIs(err error) bool {
	return err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Describe returns the API error's code and message, or the error itself,
// or "" for nil.
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		if msg := ae.ErrorMessage(); msg != "" {
			return ae.ErrorCode() + ": " + msg
		}
		return ae.ErrorCode()
	}
	return err.Error()
}

// WriteCause appends ": cause" (when err describes as something) and
// " (hint: hint)" (when hint is not empty) to b.
func WriteCause(b *strings.Builder, err error, hint string) {
	if cause := Describe(err); cause != "" {
		b.WriteString(": ")
		b.WriteString(cause)
	}
	if hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(hint)
		b.WriteString(")")
	}
}

// CredentialHint returns the hint for the credential kinds (NoCredentials,
// BadCredentials, ExpiredToken) of profile ("" for the default chain), or ""
// for other kinds. badAlso follows the BadCredentials hint with what else to
// check (e.g. ", and --endpoint-url").
func CredentialHint(k Kind, profile, badAlso string) string {
	switch k {
	case NoCredentials:
		return noCredentialsHint
	case BadCredentials:
		return "check the access key and secret of " + profileName(profile) + badAlso
	case ExpiredToken:
		return "refresh the credentials of " + profileName(profile) + ", e.g. `aws sso login`"
	}
	return ""
}

func profileName(profile string) string {
	if profile == "" {
		return "the profile"
	}
	return "profile " + profile
}
