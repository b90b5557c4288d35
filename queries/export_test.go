package queries

import "github.com/flowduck/flowduck/internal/duck"

// DemoSession is the session on the tests' demo database (see TestMain), for
// the tests in package queries_test.
func DemoSession() *duck.Session { return demoSession }
