package remote

// Failure is one object or log stream that could not be read; the others
// of its source were.
type Failure struct {
	URI string
	Err error
}
