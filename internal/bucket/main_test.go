package bucket

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/flowduck/flowduck/internal/bucket/s3test"
)

// testRegion is the test server's region: not us-east-1, so that region
// detection and wrong-region errors are exercised.
const testRegion = "eu-west-3"

// srv is the real S3 server the Sync tests talk to; nil with -short, which
// skips them.
var srv *s3test.Server

// awsConfig is the shared config file of the tests' profiles.
const awsConfig = `[profile flowduck-test]
region = eu-west-3
[profile flowduck-bad]
region = eu-west-3
[profile flowduck-unknown]
region = eu-west-3
[profile flowduck-noregion]
[profile flowduck-otherregion]
region = us-west-2
`

// awsCredentials are the credentials of the tests' profiles.
var awsCredentials = fmt.Sprintf(`[flowduck-test]
aws_access_key_id = %[1]s
aws_secret_access_key = %[2]s
[flowduck-bad]
aws_access_key_id = %[1]s
aws_secret_access_key = not-the-secret
[flowduck-unknown]
aws_access_key_id = nobody
aws_secret_access_key = %[2]s
[flowduck-noregion]
aws_access_key_id = %[1]s
aws_secret_access_key = %[2]s
[flowduck-otherregion]
aws_access_key_id = %[1]s
aws_secret_access_key = %[2]s
`, s3test.AccessKey, s3test.SecretKey)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(runTests(m))
}

// runTests isolates the AWS environment, starts the server (building it on
// first use; a failure to build fails the tests) unless -short, and runs
// them.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "flowduck-bucket-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	for _, v := range os.Environ() {
		if name, _, _ := strings.Cut(v, "="); strings.HasPrefix(name, "AWS_") {
			os.Unsetenv(name)
		}
	}
	files := map[string]string{"config": awsConfig, "credentials": awsCredentials}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	os.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true") // never reach for an instance metadata service

	if testing.Short() {
		return m.Run()
	}
	srv, err = s3test.Start(context.Background(), s3test.Config{Region: testRegion})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bucket tests need the versitygw test server:", err)
		return 1
	}
	defer srv.Close()
	return m.Run()
}

// needServer skips a test that talks to the S3 server when it does not run
// (-short).
func needServer(t testing.TB) {
	t.Helper()
	if srv == nil {
		t.Skip("needs the versitygw S3 test server, not started with -short")
	}
}

// testOptions returns options for the test server with a fresh cache.
func testOptions(t testing.TB) Options {
	needServer(t)
	return Options{Endpoint: srv.URL, Profile: "flowduck-test", CacheDir: t.TempDir()}
}

// newBucket creates a bucket named after the test and fills it with objects.
func newBucket(t testing.TB, objects map[string][]byte) string {
	t.Helper()
	needServer(t)
	name := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(t.Name()), "-"), "-")
	if len(name) > 63 {
		name = name[len(name)-63:]
	}
	if err := srv.CreateBucket(context.Background(), name); err != nil {
		t.Fatal(err)
	}
	put(t, name, objects)
	return name
}

// put uploads objects with a few parallel requests.
func put(t testing.TB, bucket string, objects map[string][]byte) {
	t.Helper()
	client := srv.Client()
	keys := make(chan string)
	errs := make(chan error, len(objects))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for k := range keys {
				_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
					Bucket: aws.String(bucket), Key: aws.String(k), Body: bytes.NewReader(objects[k]),
				})
				if err != nil {
					errs <- fmt.Errorf("put %s: %w", k, err)
				}
			}
		})
	}
	for k := range objects {
		keys <- k
	}
	close(keys)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// keys returns the keys of objects.
func keys(objs []Object) []string {
	out := []string{}
	for _, o := range objs {
		out = append(out, o.Key)
	}
	return out
}
