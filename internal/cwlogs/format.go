package cwlogs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"

	"github.com/flowduck/flowduck/internal/awserr"
)

// The EC2 API version DescribeFlowLogs is called with.
const ec2APIVersion = "2016-11-15"

// flowLog is one flow log as DescribeFlowLogs describes it.
type flowLog struct {
	ID       string `xml:"flowLogId"`
	LogGroup string `xml:"logGroupName"`
	Format   string `xml:"logFormat"`
}

// lookupFormat finds the flow log that writes to the group and returns its
// format string, with a note for stderr saying where the format comes from.
// Any failure (ec2:DescribeFlowLogs denied, no such flow log) leaves the
// default format ("") with a note saying how to pass --format.
//
// The call is one signed EC2 Query-protocol request made with the SDK's
// signer, credentials and HTTP client, instead of the EC2 service client,
// whose size would double flowduck's build time for one call.
func (c *conn) lookupFormat(ctx context.Context, src Source, opts Options) (format, note string) {
	howTo := fmt.Sprintf("pass --format '${version} ${account-id} …' as `aws ec2 describe-flow-logs --filter Name=log-group-name,Values=%s` shows it if the records have other fields", src.Group)
	logs, err := c.describeFlowLogs(ctx, src.Group, opts.Endpoint)
	if err != nil {
		if kindOf(err) == KindAccessDenied {
			return "", "ec2:DescribeFlowLogs is not allowed, so the records are read in the default format (v2); " + howTo
		}
		return "", fmt.Sprintf("could not look up the flow log's format (%s), so the records are read in the default format (v2); %s", awserr.Describe(err), howTo)
	}
	var ids []string
	for _, l := range logs {
		ids = append(ids, l.ID)
		if l.Format != logs[0].Format {
			return logs[0].Format, fmt.Sprintf("flow logs %s write to this group in different formats; reading %s's: %s (pass --format to choose)",
				strings.Join(ids, ", "), logs[0].ID, logs[0].Format)
		}
	}
	if len(logs) == 0 {
		return "", "no flow log writes to this group (ec2:DescribeFlowLogs), so the records are read in the default format (v2); " + howTo
	}
	return logs[0].Format, fmt.Sprintf("format of flow log %s (ec2:DescribeFlowLogs): %s", logs[0].ID, logs[0].Format)
}

// queryError is an EC2 Query-protocol error answer; it satisfies
// smithy.APIError so kindOf and awserr.Describe read it like the SDK's errors.
type queryError struct {
	Code    string `xml:"Errors>Error>Code"`
	Message string `xml:"Errors>Error>Message"`
	status  int
}

func (e *queryError) Error() string                 { return e.Code + ": " + e.Message }
func (e *queryError) ErrorCode() string             { return e.Code }
func (e *queryError) ErrorMessage() string          { return e.Message }
func (e *queryError) ErrorFault() smithy.ErrorFault { return smithy.FaultUnknown }

var _ smithy.APIError = (*queryError)(nil)

// describeFlowLogs calls ec2:DescribeFlowLogs filtered by log group name.
func (c *conn) describeFlowLogs(ctx context.Context, group, endpoint string) ([]flowLog, error) {
	endpoint = c.ec2Endpoint(ctx, endpoint)
	form := url.Values{
		"Action":           {"DescribeFlowLogs"},
		"Version":          {ec2APIVersion},
		"Filter.1.Name":    {"log-group-name"},
		"Filter.1.Value.1": {group},
	}
	body := form.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(endpoint, "/")+"/", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	creds, err := c.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "ec2", c.region, time.Now()); err != nil {
		return nil, err
	}
	client := c.cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		qe := &queryError{status: resp.StatusCode}
		if xml.Unmarshal(data, qe) != nil || qe.Code == "" {
			return nil, fmt.Errorf("ec2 DescribeFlowLogs: HTTP %d", resp.StatusCode)
		}
		return nil, qe
	}
	var out struct {
		FlowLogs []flowLog `xml:"flowLogSet>item"`
	}
	if err := xml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("ec2 DescribeFlowLogs answer: %w", err)
	}
	var logs []flowLog
	for _, l := range out.FlowLogs {
		if l.LogGroup == group {
			logs = append(logs, l)
		}
	}
	return logs, nil
}

// ec2Endpoint is the EC2 endpoint: one configured for EC2
// (AWS_ENDPOINT_URL_EC2, the config file's services section), else the
// one given (--endpoint-url), else the global one (AWS_ENDPOINT_URL), else
// AWS's for the region.
func (c *conn) ec2Endpoint(ctx context.Context, given string) string {
	type serviceEndpoint interface {
		GetServiceBaseEndpoint(ctx context.Context, sdkID string) (string, bool, error)
	}
	for _, s := range c.cfg.ConfigSources {
		if se, ok := s.(serviceEndpoint); ok {
			if ep, found, err := se.GetServiceBaseEndpoint(ctx, "EC2"); err == nil && found {
				return ep
			}
		}
	}
	if given != "" {
		return given
	}
	if c.cfg.BaseEndpoint != nil {
		return aws.ToString(c.cfg.BaseEndpoint)
	}
	suffix := "amazonaws.com"
	if strings.HasPrefix(c.region, "cn-") {
		suffix = "amazonaws.com.cn"
	}
	return fmt.Sprintf("https://ec2.%s.%s", c.region, suffix)
}
