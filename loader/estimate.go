package loader

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
)

// estimateRecords guesses how many records a text file holds, for the live
// progress line only: the lines per byte of its first bytes (head, already
// decompressed by sniff) times its uncompressed size, which a gzip file
// states in its trailer (ISIZE, the size modulo 2^32). 0 means unknown.
func estimateRecords(path string, size int64, gz bool, head []byte) int64 {
	lines := bytes.Count(head, []byte{'\n'})
	if lines == 0 || len(head) == 0 {
		return 0
	}
	text := size
	if gz {
		isize, ok := gzipISize(path, size)
		if !ok || isize < size || isize > size*maxGzipRatio {
			return 0 // not a plausible size: damaged (the tail is not a trailer), or over 4 GiB
		}
		text = isize
	}
	return int64(float64(text) * float64(lines) / float64(len(head)))
}

// maxGzipRatio bounds a plausible uncompressed size: flow-log text
// compresses about 6 to 30 times.
const maxGzipRatio = 64

// gzipISize reads the uncompressed size from the last 4 bytes of a gzip file.
func gzipISize(path string, size int64) (int64, bool) {
	if size < 18 {
		return 0, false
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var tail [4]byte
	if _, err := f.ReadAt(tail[:], size-4); err != nil && err != io.EOF {
		return 0, false
	}
	return int64(binary.LittleEndian.Uint32(tail[:])), true
}
