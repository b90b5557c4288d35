package bucket

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"
)

// randomBytes returns n reproducible pseudo-random bytes.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// checkCopies asserts that each object's local copy holds the object's data.
func checkCopies(t *testing.T, objs []Object, data map[string][]byte) {
	t.Helper()
	for _, o := range objs {
		got, err := os.ReadFile(o.LocalPath)
		if err != nil {
			t.Errorf("%s: %v", o.Key, err)
			continue
		}
		if !bytes.Equal(got, data[o.Key]) {
			t.Errorf("%s: local copy has %d bytes that differ from the object's %d", o.Key, len(got), len(data[o.Key]))
		}
	}
}

// partials returns the partial files left in the cache.
func partials(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".partial") {
			out = append(out, path)
		}
		return err
	})
	return out
}

func TestSyncDownloadsAndCaches(t *testing.T) {
	data := map[string][]byte{}
	for i := range 6 {
		data[fmt.Sprintf("logs/f%d.log.gz", i)] = randomBytes(uint64(i), 1000+i*70_000)
	}
	data["logs/empty.log"] = nil
	bucket := newBucket(t, data)
	opts := testOptions(t)
	opts.Concurrency = 3
	var progress bytes.Buffer
	opts.Progress = &progress
	ctx := context.Background()

	first, err := Sync(ctx, URI(bucket, "logs/"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Fetched) != len(data) || len(first.Cached) != 0 {
		t.Fatalf("first run fetched %v, cached %v; want all fetched", keys(first.Fetched), keys(first.Cached))
	}
	checkCopies(t, first.Fetched, data)
	for _, o := range first.Fetched {
		if want := filepath.Join(opts.CacheDir, bucket, filepath.FromSlash(o.Key)); o.LocalPath != want {
			t.Errorf("%s: local path %s, want %s", o.Key, o.LocalPath, want)
		}
		if o.Transferred != o.Size || o.Size != int64(len(data[o.Key])) || o.ETag == "" || o.URI != URI(bucket, o.Key) {
			t.Errorf("%s: %+v", o.Key, o)
		}
	}
	if !strings.Contains(progress.String(), "s3: 7/7 objects") {
		t.Errorf("progress = %q, want a final line with 7/7 objects", progress.String())
	}

	second, err := Sync(ctx, URI(bucket, "logs/"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Fetched) != 0 || !slices.Equal(keys(second.Cached), keys(first.Fetched)) {
		t.Fatalf("second run fetched %v, cached %v; want all cached", keys(second.Fetched), keys(second.Cached))
	}
	checkCopies(t, second.Cached, data)

	// An object rewritten with the same size gets a new ETag and is fetched again.
	data["logs/f1.log.gz"] = randomBytes(99, len(data["logs/f1.log.gz"]))
	put(t, bucket, map[string][]byte{"logs/f1.log.gz": data["logs/f1.log.gz"]})
	third, err := Sync(ctx, URI(bucket, "logs/"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"logs/f1.log.gz"}, keys(third.Fetched)); diff != "" {
		t.Errorf("third run fetched (-want +got):\n%s", diff)
	}
	checkCopies(t, third.Ready(), data)
	if p := partials(t, opts.CacheDir); len(p) > 0 {
		t.Errorf("partial files left: %v", p)
	}
}

func TestSyncSkipsKnownObjects(t *testing.T) {
	data := map[string][]byte{"a.log": []byte("aaa"), "b.log": []byte("bbbb"), "c.log": []byte("cc")}
	bucket := newBucket(t, data)
	client := srv.Client()
	opts := testOptions(t)
	var mu sync.Mutex
	asked := map[string]string{}
	opts.Known = func(uri, etag string) bool {
		mu.Lock()
		defer mu.Unlock()
		asked[uri] = etag
		return !strings.HasSuffix(uri, "/c.log")
	}
	res, err := Sync(context.Background(), URI(bucket, ""), opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.log", "b.log"}, keys(res.Skipped)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"c.log"}, keys(res.Fetched)); diff != "" {
		t.Errorf("fetched (-want +got):\n%s", diff)
	}
	for key := range data {
		head, err := client.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		if got := asked[URI(bucket, key)]; got != aws.ToString(head.ETag) {
			t.Errorf("Known got ETag %q for %s, want %q", got, key, aws.ToString(head.ETag))
		}
	}
	for _, key := range []string{"a.log", "b.log"} {
		if _, err := os.Stat(filepath.Join(opts.CacheDir, bucket, key)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was downloaded although known: %v", key, err)
		}
	}
}

func TestSyncPaginates(t *testing.T) {
	const n = 1100 // more than the 1000 keys of one page
	data := map[string][]byte{}
	for i := range n {
		data[fmt.Sprintf("many/%05d.log", i)] = []byte{byte(i)}
	}
	bucket := newBucket(t, data)
	opts := testOptions(t)
	opts.Known = func(string, string) bool { return true }
	res, err := Sync(context.Background(), URI(bucket, "many/"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != n {
		t.Errorf("listed %d objects, want %d", len(res.Skipped), n)
	}
	if got := res.Skipped[n-1].Key; got != fmt.Sprintf("many/%05d.log", n-1) {
		t.Errorf("last key %s", got)
	}
}

func TestSyncResumes(t *testing.T) {
	const size = 32 << 20
	data := map[string][]byte{"big.log.gz": randomBytes(7, size)}
	bucket := newBucket(t, data)
	ctx := context.Background()

	t.Run("partial file left by a killed run", func(t *testing.T) {
		opts := testOptions(t)
		res, err := Sync(ctx, URI(bucket, ""), Options{Endpoint: opts.Endpoint, Profile: opts.Profile, CacheDir: opts.CacheDir,
			Known: func(string, string) bool { return true }})
		if err != nil || len(res.Skipped) != 1 {
			t.Fatalf("listing: %v %v", res, err)
		}
		o := res.Skipped[0]
		path := filepath.Join(opts.CacheDir, bucket, o.Key)
		const have = 3<<20 + 17
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(partialPath(path, o.ETag), data[o.Key][:have], 0o644); err != nil {
			t.Fatal(err)
		}
		res, err = Sync(ctx, URI(bucket, ""), opts)
		if err != nil || len(res.Fetched) != 1 {
			t.Fatalf("resume: %+v %v", res, err)
		}
		if got := res.Fetched[0].Transferred; got != size-have {
			t.Errorf("transferred %d bytes, want %d", got, size-have)
		}
		checkCopies(t, res.Fetched, data)
		if p := partials(t, opts.CacheDir); len(p) > 0 {
			t.Errorf("partial files left: %v", p)
		}
	})

	t.Run("download cancelled midway", func(t *testing.T) {
		opts := testOptions(t)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		opts.onWrite = func(_ Object, written int64) {
			if written >= 4<<20 {
				cancel()
			}
		}
		res, err := Sync(cctx, URI(bucket, ""), opts)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if len(res.Fetched)+len(res.Failed) != 0 {
			t.Errorf("cancelled run fetched %v, failed %v", keys(res.Fetched), res.Failed)
		}
		path := filepath.Join(opts.CacheDir, bucket, "big.log.gz")
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("a cancelled download is visible as complete: %v", err)
		}
		p := partials(t, opts.CacheDir)
		if len(p) != 1 {
			t.Fatalf("partial files %v, want one", p)
		}
		st, err := os.Stat(p[0])
		if err != nil {
			t.Fatal(err)
		}
		have := st.Size()
		if have < 4<<20 || have >= size {
			t.Fatalf("partial file has %d bytes, want at least 4 MiB and less than %d", have, size)
		}

		opts.onWrite = nil
		res, err = Sync(ctx, URI(bucket, ""), opts)
		if err != nil || len(res.Fetched) != 1 {
			t.Fatalf("rerun: %+v %v", res, err)
		}
		if got := res.Fetched[0].Transferred; got != size-have {
			t.Errorf("rerun transferred %d bytes, want the missing %d", got, size-have)
		}
		checkCopies(t, res.Fetched, data)
		if p := partials(t, opts.CacheDir); len(p) > 0 {
			t.Errorf("partial files left: %v", p)
		}
	})
}

func TestSyncFailingObjectDoesNotStopOthers(t *testing.T) {
	data := map[string][]byte{}
	for i := range 6 {
		data[fmt.Sprintf("d/%d.log", i)] = randomBytes(uint64(i), 10_000)
	}
	bucket := newBucket(t, data)
	client := srv.Client()
	opts := testOptions(t)
	opts.Concurrency = 2
	// d/2.log vanishes between listing and download (lifecycle expiry).
	opts.Known = func(uri, _ string) bool {
		if uri == URI(bucket, "d/2.log") {
			if _, err := client.DeleteObject(context.Background(), &s3.DeleteObjectInput{
				Bucket: aws.String(bucket), Key: aws.String("d/2.log")}); err != nil {
				t.Error(err)
			}
		}
		return false
	}
	// d/4.log cannot be stored: a directory is in the way.
	if err := os.MkdirAll(filepath.Join(opts.CacheDir, bucket, "d", "4.log", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	var ready []string
	res, err := Stream(context.Background(), URI(bucket, "d/"), opts, func(o Object) { ready = append(ready, o.Key) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"d/0.log", "d/1.log", "d/3.log", "d/5.log"}
	if diff := cmp.Diff(want, keys(res.Fetched)); diff != "" {
		t.Errorf("fetched (-want +got):\n%s", diff)
	}
	checkCopies(t, res.Fetched, data)
	slices.Sort(ready)
	if diff := cmp.Diff(want, ready); diff != "" {
		t.Errorf("ready (-want +got):\n%s", diff)
	}
	if len(res.Failed) != 2 {
		t.Fatalf("failed = %v, want d/2.log and d/4.log", res.Failed)
	}
	var e *Error
	if f := res.Failed[0]; f.Object.Key != "d/2.log" || !errors.As(f.Err, &e) || e.Kind != KindNoSuchKey {
		t.Errorf("failed[0] = %v, want d/2.log with KindNoSuchKey", f)
	}
	if f := res.Failed[1]; f.Object.Key != "d/4.log" || f.Err == nil {
		t.Errorf("failed[1] = %v, want d/4.log", f)
	}
}

func TestStreamReadyAsObjectsComplete(t *testing.T) {
	data := map[string][]byte{}
	for i := range 12 {
		data[fmt.Sprintf("s/%02d.log", i)] = randomBytes(uint64(i), 50_000)
	}
	bucket := newBucket(t, data)
	opts := testOptions(t)
	opts.Concurrency = 4
	// Warm the cache for half of the objects: those come back as cached.
	warm := opts
	warm.Known = func(uri, _ string) bool { return uri > URI(bucket, "s/05.log") }
	if _, err := Sync(context.Background(), URI(bucket, "s/"), warm); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	res, err := Stream(context.Background(), URI(bucket, "s/"), opts, func(o Object) {
		seen[o.Key]++
		got, err := os.ReadFile(o.LocalPath)
		if err != nil || !bytes.Equal(got, data[o.Key]) {
			t.Errorf("ready(%s): local copy incomplete: %v", o.Key, err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cached) != 6 || len(res.Fetched) != 6 {
		t.Errorf("cached %v, fetched %v; want 6 each", keys(res.Cached), keys(res.Fetched))
	}
	for key := range data {
		if seen[key] != 1 {
			t.Errorf("ready called %d times for %s, want once", seen[key], key)
		}
	}
}
