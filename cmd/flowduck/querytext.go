package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/flowduck/flowduck/internal/iostreams"
)

// queryText returns the text a command runs: the argument, else the file
// (-f FILE; "-" is standard input), else standard input when it is not a
// terminal; both an argument and a file is a usage error. empty names what standard input lacked when it held nothing
// ("no SQL statement", "no query").
func queryText(streams *iostreams.IOStreams, query, file, empty string) (string, error) {
	switch {
	case query != "" && file != "":
		return "", usagef("give a query or -f FILE, not both")
	case query != "":
		return query, nil
	case file != "" && file != "-":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", file, err)
		}
		return string(b), nil
	}
	if streams.InTTY && file != "-" {
		return "", usagef("no query: give one as an argument, with -f FILE, or on standard input")
	}
	b, err := io.ReadAll(streams.In)
	if err != nil {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	if strings.TrimSpace(string(b)) == "" {
		return "", usagef("%s on standard input", empty)
	}
	return string(b), nil
}
