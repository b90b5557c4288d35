package repl

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"sync"
)

// errInterrupted is the cause of a statement cancelled by Ctrl-C.
var errInterrupted = errors.New("interrupted")

// interrupter turns SIGINT into the cancellation of the statement that is
// running, if any. While liner waits at the prompt the terminal does not
// raise SIGINT (Ctrl-C arrives as a key), so a signal means "stop this
// statement"; one arriving between statements is ignored rather than
// killing the shell.
type interrupter struct {
	signals chan os.Signal
	done    chan struct{}

	mu sync.Mutex
	// cancels are the contexts being watched, outermost first (a .read
	// file's statements run inside the .read command).
	cancels []context.CancelCauseFunc
}

// newInterrupter starts catching SIGINT until stop.
func newInterrupter() *interrupter {
	i := &interrupter{signals: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(i.signals, os.Interrupt)
	go i.watch()
	return i
}

func (i *interrupter) watch() {
	for {
		select {
		case <-i.done:
			return
		case <-i.signals:
			i.mu.Lock()
			for _, cancel := range i.cancels {
				cancel(errInterrupted)
			}
			i.mu.Unlock()
		}
	}
}

// wrap returns a context that the next SIGINT cancels, with cause
// errInterrupted, and the function that ends its watch.
func (i *interrupter) wrap(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	i.mu.Lock()
	i.cancels = append(i.cancels, cancel)
	n := len(i.cancels)
	i.mu.Unlock()
	return ctx, func() {
		i.mu.Lock()
		i.cancels = i.cancels[:n-1]
		i.mu.Unlock()
		cancel(nil)
	}
}

// stop stops catching SIGINT.
func (i *interrupter) stop() {
	signal.Stop(i.signals)
	close(i.done)
}
