package bucket

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

// TestSyncErrors checks the failures a user meets first, against the server.
func TestSyncErrors(t *testing.T) {
	bucket := newBucket(t, map[string][]byte{"AWSLogs/k.log": []byte("x")})
	tests := []struct {
		name    string
		uri     string
		opts    func(*Options)
		kind    Kind
		message []string // substrings of the error message
	}{
		{
			name:    "wrong secret",
			opts:    func(o *Options) { o.Profile = "flowduck-bad" },
			kind:    KindBadCredentials,
			message: []string{"credentials rejected", "SignatureDoesNotMatch", "profile flowduck-bad"},
		},
		{
			name:    "unknown access key",
			opts:    func(o *Options) { o.Profile = "flowduck-unknown" },
			kind:    KindBadCredentials,
			message: []string{"credentials rejected", "No user exists with the provided access key ID"},
		},
		{
			name:    "missing bucket",
			uri:     "s3://no-such-bucket/AWSLogs/",
			kind:    KindNoSuchBucket,
			message: []string{"list s3://no-such-bucket/AWSLogs/: no such bucket no-such-bucket", "hint: check the bucket name"},
		},
		{
			name:    "wrong region given",
			opts:    func(o *Options) { o.Region = "us-east-1" },
			kind:    KindWrongRegion,
			message: []string{"is in region eu-west-3, not us-east-1", "use bucket region eu-west-3"},
		},
		{
			name:    "no credentials",
			opts:    func(o *Options) { o.Profile = "" },
			kind:    KindNoCredentials,
			message: []string{"credentials s3://", "no AWS credentials found", "hint: configure credentials"},
		},
		{
			name:    "missing profile",
			opts:    func(o *Options) { o.Profile = "flowduck-nosuchprofile" },
			kind:    KindNoCredentials,
			message: []string{"flowduck-nosuchprofile"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions(t)
			if tt.opts != nil {
				tt.opts(&opts)
			}
			uri := tt.uri
			if uri == "" {
				uri = URI(bucket, "AWSLogs/")
			}
			_, err := Sync(context.Background(), uri, opts)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Kind != tt.kind {
				t.Errorf("kind = %v, want %v (%v)", e.Kind, tt.kind, err)
			}
			for _, m := range tt.message {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not contain %q", err, m)
				}
			}
		})
	}
}

// TestSyncRegionAndEndpoint checks that the bucket's region is found when
// the config has none or the wrong one, and that an endpoint from the
// environment is used with path-style addressing.
func TestSyncRegionAndEndpoint(t *testing.T) {
	bucket := newBucket(t, map[string][]byte{"k.log": []byte("x")})
	tests := []struct {
		name string
		opts func(*Options)
		env  map[string]string
	}{
		{name: "region from config", opts: func(o *Options) {}},
		{name: "no region anywhere", opts: func(o *Options) { o.Profile = "flowduck-noregion" }},
		{name: "config names another region", opts: func(o *Options) { o.Profile = "flowduck-otherregion" }},
		{name: "region from AWS_REGION", opts: func(o *Options) { o.Profile = "flowduck-noregion" },
			env: map[string]string{"AWS_REGION": "ap-south-1"}},
		{name: "endpoint from AWS_ENDPOINT_URL_S3", opts: func(o *Options) { o.Endpoint = "" },
			env: map[string]string{"AWS_ENDPOINT_URL_S3": srv.URL}},
		{name: "endpoint from AWS_ENDPOINT_URL", opts: func(o *Options) { o.Endpoint = "" },
			env: map[string]string{"AWS_ENDPOINT_URL": srv.URL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			opts := testOptions(t)
			tt.opts(&opts)
			res, err := Sync(context.Background(), URI(bucket, ""), opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Region != testRegion || len(res.Fetched) != 1 {
				t.Errorf("region %q, fetched %v; want %s and k.log", res.Region, keys(res.Fetched), testRegion)
			}
		})
	}
}

// TestKindOf checks the classification of S3 error codes, including those
// the test server cannot produce.
func TestKindOf(t *testing.T) {
	tests := []struct {
		code string
		want Kind
	}{
		{"AccessDenied", KindAccessDenied},
		{"AllAccessDisabled", KindAccessDenied},
		{"NoSuchBucket", KindNoSuchBucket},
		{"NoSuchKey", KindNoSuchKey},
		{"InvalidAccessKeyId", KindBadCredentials},
		{"SignatureDoesNotMatch", KindBadCredentials},
		{"XAdminUserNotFound", KindBadCredentials},
		{"ExpiredToken", KindExpiredToken},
		{"TokenRefreshRequired", KindExpiredToken},
		{"PermanentRedirect", KindOther}, // no region named: nothing to suggest
		{"SlowDown", KindOther},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			err := &smithy.OperationError{ServiceID: "S3", OperationName: "ListObjectsV2",
				Err: &smithy.GenericAPIError{Code: tt.code, Message: "m"}}
			if got, _ := kindOf(err); got != tt.want {
				t.Errorf("kindOf(%s) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	err := &Error{Kind: KindAccessDenied, Op: "list", Bucket: "logs", Key: "AWSLogs/1/",
		Err: &smithy.GenericAPIError{Code: "AccessDenied", Message: "Access Denied"}}
	want := `list s3://logs/AWSLogs/1/: access denied to bucket logs, prefix "AWSLogs/1/": AccessDenied: Access Denied ` +
		`(hint: the credentials need s3:ListBucket on arn:aws:s3:::logs for this prefix and s3:GetObject on its keys)`
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}
