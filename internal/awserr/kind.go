package awserr

import "fmt"

// Kind is a kind of failure every AWS service shares. A service's own Kind
// type starts with these five, in this order, and adds its own after them.
type Kind int

// The kinds every service shares.
const (
	Other          Kind = iota // anything else
	NoCredentials              // no credentials found by the chain
	BadCredentials             // access key unknown or signature mismatch
	ExpiredToken               // session or SSO token expired
	AccessDenied               // credentials valid but not allowed
)

var names = [...]string{
	Other:          "error",
	NoCredentials:  "no AWS credentials found",
	BadCredentials: "credentials rejected",
	ExpiredToken:   "credentials expired",
	AccessDenied:   "access denied",
}

// String returns a short description of the kind.
func (k Kind) String() string { return Name(int(k), nil) }

// Name returns a short description of kind k of a service: the shared name
// for the shared kinds, else own[k] (own is indexed by the service's kind
// values, so its first five entries are unused), else "Kind(k)".
func Name(k int, own []string) string {
	switch {
	case k >= 0 && k < len(names):
		return names[k]
	case k >= len(names) && k < len(own) && own[k] != "":
		return own[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}
