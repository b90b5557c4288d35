package demo

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/gzip"
)

// gzipLevel trades size for speed; output is deterministic at any level.
const gzipLevel = gzip.BestSpeed

// flushAt is the size of formatted lines buffered before compressing.
const flushAt = 256 << 10

// written is what writing one file produced.
type written struct {
	file            File
	account, region string
	first, last     int64 // earliest start and latest end; first > last when empty
}

// writeFile writes the file of p under dir.
func writeFile(ctx context.Context, dir string, p *filePlan, seed int64, pl *pools) (w written, err error) {
	path := filepath.Join(dir, filepath.FromSlash(p.path))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return w, fmt.Errorf("demo: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return w, fmt.Errorf("demo: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("demo: close %s: %w", path, cerr)
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	zw, err := gzip.NewWriterLevel(bw, gzipLevel)
	if err != nil {
		return w, fmt.Errorf("demo: gzip %s: %w", path, err)
	}
	w.account, w.region = p.fl.account, p.fl.region
	w.first, w.last = 1<<62, -1
	buf := make([]byte, 0, flushAt+64<<10)
	buf = append(buf, p.format.header...)
	buf = append(buf, '\n')

	g := newBackground(newRNG(uint64(seed), uint64(p.index)+1), p.fl, pl, p.hourStart)
	base, extra := p.background/60, p.background%60
	planted := p.planted
	for win := range 60 {
		if err := ctx.Err(); err != nil {
			return w, err
		}
		n := base
		if win < extra {
			n++
		}
		g.out = g.out[:0]
		g.fill(win, n)
		winEnd := p.hourStart + int64(win+1)*60
		for len(planted) > 0 && planted[0].start < winEnd {
			g.out = append(g.out, planted[0])
			planted = planted[1:]
		}
		for i := range g.out {
			r := &g.out[i]
			w.first, w.last = min(w.first, r.start), max(w.last, r.end)
			buf = appendRecord(buf, p.format, r)
			if len(buf) >= flushAt {
				if _, err := zw.Write(buf); err != nil {
					return w, fmt.Errorf("demo: write %s: %w", path, err)
				}
				buf = buf[:0]
			}
		}
	}
	if _, err := zw.Write(buf); err != nil {
		return w, fmt.Errorf("demo: write %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return w, fmt.Errorf("demo: write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return w, fmt.Errorf("demo: write %s: %w", path, err)
	}
	size, err := f.Seek(0, 1)
	if err != nil {
		return w, fmt.Errorf("demo: %w", err)
	}
	w.file = File{Path: path, Key: p.path, Format: p.format.name, Records: p.records(), Bytes: size}
	return w, nil
}
