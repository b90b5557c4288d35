package dialect

// The external tests (package dialect_test, which can use internal/dbtest)
// reach these unexported names through the variables below.
var (
	DialectMacros  = dialectMacros
	HasTriggerWord = hasTriggerWord
	IPv6RE         = ipv6RE
)
