package remote

import (
	"io"
	"time"
)

// Chunk is what one pull read of one log stream, written to a local file.
type Chunk struct {
	// Key names the chunk in the manifest:
	// cwl://GROUP//STREAM@FIRST..LAST (the times of its first and last
	// events, UTC).
	Key    string
	Region string
	Group  string
	Stream string
	// Path is the local file of the events ("<time> <message>" lines).
	Path   string
	Events int64
	Bytes  int64 // message bytes
	// Format is the flow log's format string ("" for the default format).
	Format string
	// Mark is how far the stream is read once this chunk is loaded.
	Mark Mark
	// Replace, for a forced pull, is the range (milliseconds, inclusive)
	// whose earlier records of the stream this chunk replaces.
	Replace *[2]int64
}

// Mark is how far a log stream has been read by earlier pulls: every event
// with First <= time < Last, and the events at Last whose ids are IDs
// (events keep arriving with a timestamp already read, so the time alone
// cannot say which were). Times are milliseconds since the epoch, as
// CloudWatch gives them.
type Mark struct {
	First int64
	Last  int64
	IDs   []string
}

// EventQuery is what one load asks of a cwl:// source; where to reach it
// (endpoint, profile, concurrency) is the reader's own configuration.
type EventQuery struct {
	// Region is the log group's region; empty uses the configured one.
	Region string
	// Since and Until bound the events' time; zero Since continues each
	// stream from its mark, zero Until is now.
	Since, Until time.Time
	// ENIs narrow the streams to those of these network interfaces.
	ENIs []string
	// Format is the flow log's format string when the caller knows it;
	// empty looks it up.
	Format string
	// Force re-reads [Since, Until] whatever the marks say.
	Force bool
	// Dir is where the event files are written, the pull's own.
	Dir string
	// Marks returns how far a stream was read by earlier pulls.
	Marks func(region, group, stream string) (Mark, bool)
	// Claim is asked before a stream is read; false leaves it out.
	Claim func(region, group, stream string) bool
	// Progress receives notes and progress lines when non-nil.
	Progress io.Writer
}

// EventResult is what a pull of a cwl:// source could not read: the
// streams that failed (the others were read).
type EventResult struct {
	Failed []Failure
}
