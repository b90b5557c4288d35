// Command flowduck loads AWS VPC Flow Logs into an embedded DuckDB database
// whose views carry Amazon Athena's table and column names, so the SQL users
// already run in Athena runs here unchanged.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/flowduck/flowduck/internal/iostreams"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], iostreams.System(), os.Getenv)
	stop()
	os.Exit(code)
}
