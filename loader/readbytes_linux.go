package loader

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// processReadBytes is the number of bytes the process has read through
// read(2) and pread(2) so far (/proc/self/io rchar), or -1 if unknown. While
// a load runs, it moves with DuckDB's scan of the input files.
func processReadBytes() int64 {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "rchar:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}
