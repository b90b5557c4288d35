package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/flowduck/flowduck/internal/remote"
)

// pageLimit is the most events FilterLogEvents returns a call.
const pageLimit = 10_000

// Chunk is what one pull read of one log stream, written to a local file
// (the loader's view of it, shared through package remote).
type Chunk = remote.Chunk

// StreamFailure is a stream that could not be read; the others are.
type StreamFailure = remote.Failure

// Result summarises a pull.
type Result struct {
	Region string
	// Format is the flow log's format string ("" for the default format).
	Format  string
	Streams int // streams listed
	Read    int // streams with new events
	Failed  []StreamFailure
	Events  int64
	Bytes   int64
}

// Pull reads the events of a cwl:// source in the window the options give,
// calling deliver with each stream's chunk as soon as the stream is read
// (from several goroutines, one call at a time). A stream that fails is
// reported in the result and the others are read; a failure of the whole
// source (credentials, no such group, access denied to it) is the error.
func Pull(ctx context.Context, uri string, opts Options, deliver func(Chunk)) (Result, error) {
	opts = opts.withDefaults()
	src, err := Parse(uri)
	if err != nil {
		return Result{}, err
	}
	if opts.Dir == "" {
		return Result{}, fmt.Errorf("%s: no directory for the event files", uri)
	}
	c, err := dial(ctx, src, opts)
	if err != nil {
		return Result{}, err
	}
	res := Result{Region: c.region, Format: opts.Format}
	if opts.Format == "" {
		format, note := c.lookupFormat(ctx, src, opts)
		res.Format = format
		notef(opts, "%s: %s\n", src, note)
	}
	until := opts.Now()
	if !opts.Until.IsZero() {
		until = opts.Until
	}
	since := until.Add(-DefaultWindow)
	sinceGiven := !opts.Since.IsZero()
	if sinceGiven {
		since = opts.Since
	}
	notef(opts, "%s: %s\n", src, windowNote(since, until, sinceGiven, !opts.Until.IsZero(), opts.Force))
	streams, err := c.listStreams(ctx, src, opts.ENIs)
	if err != nil {
		return res, err
	}
	res.Streams = len(streams)
	prog := startProgress(opts.Progress, opts.ProgressTTY, opts.ProgressInterval, src.String(), len(streams))
	defer prog.finish()

	// A denial of FilterLogEvents holds for the whole group: it stops the
	// pull and is its error.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var denied error
	var mu sync.Mutex
	queue := make(chan int)
	var wg sync.WaitGroup
	for range min(opts.Concurrency, max(1, len(streams))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queue {
				st := streams[i]
				if opts.Claim != nil && !opts.Claim(c.region, src.Group, st.name) {
					prog.streamDone(true)
					continue
				}
				var m Mark
				known := false
				if opts.Marks != nil {
					m, known = opts.Marks(c.region, src.Group, st.name)
				}
				w := plan(m, known, ms(since), ms(until), sinceGiven, opts.Force)
				ch, err := c.readStream(ctx, src, st, w, m, known, filepath.Join(opts.Dir, fmt.Sprintf("stream-%d.log", i)), prog)
				prog.streamDone(err == nil)
				mu.Lock()
				var e *Error
				switch {
				case errors.As(err, &e) && e.Kind == KindAccessDenied:
					if denied == nil {
						denied = err
					}
					cancel()
				case err != nil && ctx.Err() == nil:
					res.Failed = append(res.Failed, StreamFailure{URI: StreamURI(src.Group, st.name), Err: err})
				case err == nil && ch.Events > 0:
					ch.Format = res.Format
					res.Read++
					res.Events += ch.Events
					res.Bytes += ch.Bytes
					deliver(ch)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range streams {
		select {
		case queue <- i:
		case <-ctx.Done():
		}
	}
	close(queue)
	wg.Wait()
	if denied != nil {
		return res, denied
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// readStream reads the spans of one stream into a file. A chunk without
// events has no file.
func (c *conn) readStream(ctx context.Context, src Source, st logStream, w window, m Mark, known bool, path string, prog *progress) (Chunk, error) {
	ch := Chunk{Region: c.region, Group: src.Group, Stream: st.name, Path: path}
	if len(w.spans) == 0 || (st.lastIngestion > 0 && st.lastIngestion < w.spans[0].From-ingestionSlack) {
		return ch, nil
	}
	f, err := createEventFile(path)
	if err != nil {
		return ch, err
	}
	first, last := int64(-1), int64(-1)
	var ids []string
	for _, s := range w.spans {
		keep := func(ev types.FilteredLogEvent) bool {
			t := aws.ToInt64(ev.Timestamp)
			if t == s.From && s.skip[aws.ToString(ev.EventId)] {
				return false
			}
			if first < 0 || t < first {
				first = t
			}
			switch {
			case t > last:
				last, ids = t, append(ids[:0], aws.ToString(ev.EventId))
			case t == last:
				ids = append(ids, aws.ToString(ev.EventId))
			}
			return true
		}
		in := &cloudwatchlogs.FilterLogEventsInput{
			LogGroupName:   aws.String(src.Group),
			LogStreamNames: []string{st.name},
			StartTime:      aws.Int64(s.From),
			EndTime:        aws.Int64(s.To),
			Limit:          aws.Int32(pageLimit),
		}
		p := cloudwatchlogs.NewFilterLogEventsPaginator(c.client, in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				_ = f.close()
				_ = os.Remove(path)
				return ch, c.streamError(src, st.name, err)
			}
			n, b := f.page(page.Events, keep)
			ch.Events += n
			ch.Bytes += b
			prog.read(n, b)
		}
	}
	if err := f.close(); err != nil {
		return ch, err
	}
	if ch.Events == 0 {
		_ = os.Remove(path)
		return ch, nil
	}
	ch.Key = fmt.Sprintf("%s@%s..%s", StreamURI(src.Group, st.name), isoMS(first), isoMS(last))
	ch.Mark = advance(m, known, w, ch.Events, last, ids)
	if w.replace != nil {
		ch.Replace = &[2]int64{w.replace.From, w.replace.To}
	}
	return ch, nil
}

// streamError wraps an error reading one stream; an access denial names the
// action.
func (c *conn) streamError(src Source, stream string, err error) error {
	err = c.wrap("FilterLogEvents", src, stream, err)
	var e *Error
	if errors.As(err, &e) && e.Kind == KindAccessDenied {
		e.Stream = ""
	}
	return err
}

// isoLayout is RFC 3339 UTC with milliseconds, as CloudWatch exports write
// event times.
const isoLayout = "2006-01-02T15:04:05.000Z"

// isoMS is a CloudWatch time in isoLayout.
func isoMS(t int64) string { return time.UnixMilli(t).UTC().Format(isoLayout) }

// windowNote says which events a pull reads.
func windowNote(since, until time.Time, sinceGiven, untilGiven, force bool) string {
	from := since.UTC().Format(time.RFC3339)
	switch {
	case !sinceGiven && untilGiven:
		from += " (24 hours before --until; --since to change)"
	case !sinceGiven:
		from += " (the last 24 hours; --since to change)"
	}
	to := "now"
	if untilGiven {
		to = until.UTC().Format(time.RFC3339)
	}
	switch {
	case force:
		return fmt.Sprintf("re-reading events from %s to %s (--force)", from, to)
	case sinceGiven:
		return fmt.Sprintf("events from %s to %s; streams read before continue from where they stopped", from, to)
	}
	return fmt.Sprintf("events up to %s, from where each stream stopped, or for streams not read before from %s", to, from)
}

// notef writes a note to the progress writer, if any.
func notef(opts Options, format string, args ...any) {
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, format, args...)
	}
}
