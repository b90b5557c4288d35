// Package dbtest holds what the tests of flowduck share: a fresh database
// session and a query's rows as text (golden files are internal/golden's,
// which needs no database). It is an ordinary package so that every package's tests
// can import it, but only _test.go files do; no program code may.
//
// It imports internal/duck (and so internal/dialect): the tests of those two
// packages use it from an external test package (package dialect_test), as
// an internal one would make an import cycle.
package dbtest
