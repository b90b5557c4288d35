package bucket

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
)

var benchSize = flag.Int("bench.objsize", 1<<20, "size in bytes of each of the 48 objects of BenchmarkSync")

// BenchmarkSync downloads 48 objects of -bench.objsize bytes from the local
// server into an empty cache per iteration, with the default concurrency.
func BenchmarkSync(b *testing.B) {
	const n = 48
	data := map[string][]byte{}
	for i := range n {
		data[fmt.Sprintf("bench/%02d.log.gz", i)] = randomBytes(uint64(i), *benchSize)
	}
	bucket := newBucket(b, data)
	opts := testOptions(b)
	b.SetBytes(int64(n * *benchSize))
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		dir, err := os.MkdirTemp(opts.CacheDir, "run-")
		if err != nil {
			b.Fatal(err)
		}
		run := opts
		run.CacheDir = dir
		b.StartTimer()
		res, err := Sync(context.Background(), URI(bucket, "bench/"), run)
		if err != nil || len(res.Fetched) != n {
			b.Fatalf("fetched %d objects: %v", len(res.Fetched), err)
		}
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
}
