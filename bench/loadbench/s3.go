package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/flowduck/flowduck/internal/bucket"
	"github.com/flowduck/flowduck/internal/bucket/s3test"
)

// runS3 measures loading the same files from a real S3-compatible server
// (versitygw on loopback): the download alone, the load from local disk, and
// `flowduck load s3://...` with an empty cache, where download and load
// overlap.
func runS3(ctx context.Context, dir, data, bin string, runs int) error {
	srv, err := s3test.Start(ctx, s3test.Config{})
	if err != nil {
		return fmt.Errorf("start versitygw: %w", err)
	}
	defer srv.Close()
	if err := srv.CreateBucket(ctx, "bench"); err != nil {
		return err
	}
	var objects int
	err = filepath.Walk(data, func(path string, info os.FileInfo, err error) error {
		if err != nil || !info.Mode().IsRegular() || filepath.Ext(path) != ".gz" {
			return err
		}
		key, _ := filepath.Rel(data, path)
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		objects++
		_, err = srv.Client().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bench"), Key: aws.String(filepath.ToSlash(key)), Body: f})
		return err
	})
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	env := append(os.Environ(), srv.Env()...)
	for _, kv := range srv.Env() {
		k, v, _ := cut(kv)
		os.Setenv(k, v)
	}
	var dl, local, remote []sample
	for i := range runs {
		cache := filepath.Join(dir, fmt.Sprintf("s3cache%d", i))
		os.RemoveAll(cache)
		began := time.Now()
		if _, err := bucket.Sync(ctx, "s3://bench/AWSLogs/", bucket.Options{Endpoint: srv.URL, CacheDir: cache}); err != nil {
			return fmt.Errorf("download: %w", err)
		}
		dl = append(dl, sample{wall: time.Since(began)})
		os.RemoveAll(cache)

		db := filepath.Join(dir, fmt.Sprintf("s3run%d.duckdb", i))
		os.Remove(db)
		s, err := measureEnv(env, bin, "--db", db, "load", data)
		if err != nil {
			return fmt.Errorf("local load: %w", err)
		}
		local = append(local, s)
		os.Remove(db)
		s, err = measureEnv(env, bin, "--db", db, "load", "s3://bench/AWSLogs/", "--endpoint-url", srv.URL, "--cache-dir", cache)
		if err != nil {
			return fmt.Errorf("s3 load: %w", err)
		}
		remote = append(remote, s)
		os.RemoveAll(cache)
		fmt.Printf("s3 run %d: download %s  local load %s  s3 load %s\n", i+1, dl[i].wall.Round(time.Millisecond), local[i].wall.Round(time.Millisecond), remote[i].wall.Round(time.Millisecond))
	}
	d, l, r := median(dl), median(local), median(remote)
	fmt.Printf("\n%d objects from versitygw on loopback, median of %d runs\n", objects, runs)
	fmt.Printf("%-36s %10s\n", "download only (8 concurrent)", d.wall.Round(time.Millisecond))
	fmt.Printf("%-36s %10s\n", "flowduck load DIR (local disk)", l.wall.Round(time.Millisecond))
	fmt.Printf("%-36s %10s   %.2fx of download + local load (target <= 1.00x)\n", "flowduck load s3:// (empty cache)", r.wall.Round(time.Millisecond),
		r.wall.Seconds()/(d.wall.Seconds()+l.wall.Seconds()))
	return nil
}

func cut(kv string) (string, string, bool) {
	for i := range kv {
		if kv[i] == '=' {
			return kv[:i], kv[i+1:], true
		}
	}
	return kv, "", false
}
