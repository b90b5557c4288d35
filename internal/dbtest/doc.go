// Package dbtest holds what the tests of flowduck share: a fresh database
// session, a query's rows as text, and golden files refreshed with
// `go test -update`. It is an ordinary package so that every package's tests
// can import it, but only _test.go files do; no program code may.
//
// It imports internal/duck (and so internal/dialect), so the tests of those
// two packages cannot use it without an import cycle.
package dbtest
