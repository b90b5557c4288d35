package s3test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Fixed root credentials of every test server.
const (
	AccessKey = "flowduck-test-access"
	SecretKey = "flowduck-test-secret"
)

// Config describes the server to start.
type Config struct {
	// Region is the gateway's region; requests signed for another region are
	// refused with AuthorizationHeaderMalformed, as S3 does. Default us-east-1.
	Region string
	// Dir is the directory the server keeps its buckets and metadata in;
	// default a new temporary directory removed by Close.
	Dir string
}

// Server is a running versitygw.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:PORT.
	URL string
	// Region is the gateway's region.
	Region string
	// DataDir holds one directory per bucket, one file per object.
	DataDir string

	cmd     *exec.Cmd
	done    chan struct{}
	waitErr error
	tempDir string
	logPath string
}

// Start builds versitygw if needed and starts it on a free loopback port with
// a posix backend. Object metadata (ETags) is kept in a sidecar directory, so
// the data directory's filesystem need not support extended attributes. Start
// returns once the server answers HTTP.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	bin, err := Binary(ctx)
	if err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	s := &Server{Region: cfg.Region}
	root := cfg.Dir
	if root == "" {
		root, err = os.MkdirTemp("", "flowduck-s3test-")
		if err != nil {
			return nil, fmt.Errorf("s3test: %w", err)
		}
		s.tempDir = root
	}
	s.DataDir = filepath.Join(root, "data")
	meta := filepath.Join(root, "meta")
	for _, d := range []string{s.DataDir, meta} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			s.cleanup()
			return nil, fmt.Errorf("s3test: %w", err)
		}
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		if lastErr = s.launch(ctx, bin, meta); lastErr == nil {
			return s, nil
		}
	}
	s.cleanup()
	return nil, lastErr
}

// launch starts the process on a fresh free port and waits for it to answer.
func (s *Server) launch(ctx context.Context, bin, meta string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	s.logPath = filepath.Join(filepath.Dir(s.DataDir), "versitygw.log")
	logf, err := os.Create(s.logPath)
	if err != nil {
		return fmt.Errorf("s3test: %w", err)
	}
	defer logf.Close()
	cmd := exec.Command(bin,
		"--access", AccessKey, "--secret", SecretKey,
		"--region", s.Region, "--port", addr,
		"posix", "--sidecar", meta, s.DataDir)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("s3test: start %s: %w", bin, err)
	}
	s.cmd, s.done, s.URL = cmd, make(chan struct{}), "http://"+addr
	go func() { s.waitErr = cmd.Wait(); close(s.done) }()
	if err := s.waitReady(ctx, 15*time.Second); err != nil {
		s.stop()
		log, _ := os.ReadFile(s.logPath)
		return fmt.Errorf("s3test: versitygw on %s: %w\n%s", addr, err, log)
	}
	return nil
}

// waitReady polls the server until it answers any HTTP response.
func (s *Server) waitReady(ctx context.Context, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/", nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-s.done:
			return fmt.Errorf("exited: %v", s.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("not answering: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Client returns an S3 client for the server with its root credentials.
func (s *Server) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       s.Region,
		BaseEndpoint: aws.String(s.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
	})
}

// CreateBucket creates a bucket.
func (s *Server) CreateBucket(ctx context.Context, name string) error {
	if _, err := s.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		return fmt.Errorf("s3test: create bucket %s: %w", name, err)
	}
	return nil
}

// Env returns the environment variables that point an AWS SDK or CLI at the
// server with its root credentials, for subprocesses such as testscript runs.
func (s *Server) Env() []string {
	return []string{
		"AWS_ENDPOINT_URL_S3=" + s.URL,
		"AWS_ACCESS_KEY_ID=" + AccessKey,
		"AWS_SECRET_ACCESS_KEY=" + SecretKey,
		"AWS_REGION=" + s.Region,
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// Close stops the server and removes its temporary directory.
func (s *Server) Close() error {
	err := s.stop()
	s.cleanup()
	return err
}

// stop kills the process and waits for it to exit.
func (s *Server) stop() error {
	if s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	select {
	case <-s.done:
		return nil
	default:
	}
	if err := s.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("s3test: stop: %w", err)
	}
	<-s.done
	return nil
}

func (s *Server) cleanup() {
	if s.tempDir != "" {
		os.RemoveAll(s.tempDir)
	}
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("s3test: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
