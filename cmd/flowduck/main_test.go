package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/flowduck/flowduck/internal/bucket/s3test"
	"github.com/flowduck/flowduck/internal/cwlogs/cwltest"
	"github.com/flowduck/flowduck/internal/iostreams"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"flowduck": func() {
			os.Exit(run(context.Background(), os.Args[1:], iostreams.System(), os.Getenv))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script against the
// flowduck binary, with a real S3-compatible server (versitygw) on loopback
// for the s3:// scripts and the CloudWatch Logs test server (cwltest) for
// the cwl:// ones. With -short the servers are not started and those
// scripts skip themselves ([short] skip).
func TestScripts(t *testing.T) {
	ctx := context.Background()
	var srv *s3test.Server
	var cwl *cwltest.Server
	if !testing.Short() {
		cwl = cwltest.Start()
		t.Cleanup(cwl.Close)
		var err error
		if srv, err = s3test.Start(ctx, s3test.Config{}); err != nil {
			t.Fatalf("start the S3 test server: %v", err)
		}
		t.Cleanup(func() { srv.Close() })
	}
	samples, err := filepath.Abs(filepath.Join("..", "..", "loader", "testdata", "samples"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: false,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLES", samples)
			if testing.Short() {
				// On a script's few records a second DuckDB thread only
				// costs CPU (~15% of this package's short run); the full
				// run keeps DuckDB's default, all cores.
				env.Setenv("FLOWDUCK_THREADS", "1")
			}
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("HOME", env.WorkDir)
			if srv == nil {
				return nil
			}
			for _, kv := range srv.Env() {
				k, v, _ := strings.Cut(kv, "=")
				env.Setenv(k, v)
			}
			env.Setenv("S3_ENDPOINT", srv.URL)
			// The cwl:// scripts switch to these with env.
			env.Setenv("CWL_ENDPOINT", cwl.URL)
			env.Setenv("CWL_ACCESS_KEY", cwltest.AccessKey)
			env.Setenv("CWL_SECRET_KEY", cwltest.SecretKey)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// s3put BUCKET KEY FILE uploads a file (creating the bucket).
			"s3put": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: s3put BUCKET KEY FILE")
				}
				if srv == nil {
					ts.Fatalf("s3put needs the S3 test server, not started with -short: add [short] skip")
				}
				_ = srv.CreateBucket(ctx, args[0])
				f, err := os.Open(ts.MkAbs(args[2]))
				ts.Check(err)
				defer f.Close()
				_, err = srv.Client().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(args[0]), Key: aws.String(args[1]), Body: f})
				ts.Check(err)
			},
			// cwlput GROUP STREAM FILE adds the events of FILE, one
			// "<RFC 3339 time> <message>" a line, to a log group.
			"cwlput": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: cwlput GROUP STREAM FILE")
				}
				if cwl == nil {
					ts.Fatalf("cwlput needs the CloudWatch Logs test server, not started with -short: add [short] skip")
				}
				var events []cwltest.Event
				for _, line := range strings.Split(strings.TrimSpace(ts.ReadFile(args[2])), "\n") {
					at, msg, _ := strings.Cut(line, " ")
					tm, err := time.Parse(time.RFC3339Nano, at)
					ts.Check(err)
					events = append(events, cwltest.Event{Stream: args[1], Time: tm.UnixMilli(), Message: msg})
				}
				cwl.AddEvents(args[0], events...)
			},
			// cwldeny GROUP refuses FilterLogEvents on a log group.
			"cwldeny": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 || cwl == nil {
					ts.Fatalf("usage: cwldeny GROUP (with the CloudWatch Logs test server)")
				}
				cwl.Deny(args[0], "FilterLogEvents")
			},
			// cpsample NAME DEST copies a sample flow-log file from loader/testdata.
			"cpsample": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: cpsample NAME DEST")
				}
				b, err := os.ReadFile(filepath.Join(samples, args[0]))
				ts.Check(err)
				dest := ts.MkAbs(args[1])
				ts.Check(os.MkdirAll(filepath.Dir(dest), 0o755))
				ts.Check(os.WriteFile(dest, b, 0o644))
			},
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}
