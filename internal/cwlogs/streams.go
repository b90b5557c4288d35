package cwlogs

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
)

// maxSimilar bounds the log groups a "no such log group" hint names.
const maxSimilar = 10

// ingestionSlack is how long before its timestamp an event may at most be
// ingested (CloudWatch refuses events more than 2 hours in the future),
// with a day's margin for the eventual consistency of lastIngestionTime: a
// stream last ingested longer before a span's start holds no event of it.
const ingestionSlack = 26 * 60 * 60 * 1000

// logStream is one stream to read.
type logStream struct {
	name          string
	lastIngestion int64 // 0: unknown
}

// listStreams lists the group's streams whose names start with the source's
// prefix and, when ENIs are given, belong to one of them.
func (c *conn) listStreams(ctx context.Context, src Source, enis []string) ([]logStream, error) {
	prefix := src.Prefix
	if prefix == "" && len(enis) == 1 {
		prefix = enis[0]
	}
	in := &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(src.Group)}
	if prefix != "" {
		in.LogStreamNamePrefix = aws.String(prefix)
	}
	var out []logStream
	p := cloudwatchlogs.NewDescribeLogStreamsPaginator(c.client, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, c.groupError(ctx, "DescribeLogStreams", src, err)
		}
		for _, s := range page.LogStreams {
			name := aws.ToString(s.LogStreamName)
			if !strings.HasPrefix(name, src.Prefix) || !ofENIs(name, enis) {
				continue
			}
			out = append(out, logStream{name: name, lastIngestion: aws.ToInt64(s.LastIngestionTime)})
		}
	}
	return out, nil
}

// ofENIs reports whether a stream is named after one of the interfaces
// (eni-…-all), or whether no interfaces are asked for.
func ofENIs(stream string, enis []string) bool {
	if len(enis) == 0 {
		return true
	}
	for _, e := range enis {
		if stream == e || strings.HasPrefix(stream, e+"-") {
			return true
		}
	}
	return false
}

// groupError wraps an error about the whole group; for a group that does
// not exist it lists the groups whose names share its leading path.
func (c *conn) groupError(ctx context.Context, op string, src Source, err error) error {
	err = c.wrap(op, src, "", err)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindNoSuchGroup {
		return err
	}
	e.SimilarPrefix = similarPrefix(src.Group)
	e.Similar = c.groupsWithPrefix(ctx, e.SimilarPrefix)
	return e
}

// similarPrefix is the part of a group name up to its last '/', or its
// first three characters when it has none.
func similarPrefix(group string) string {
	if i := strings.LastIndex(strings.TrimSuffix(group, "/"), "/"); i > 0 {
		return group[:i+1]
	}
	return group[:min(3, len(group))]
}

// groupsWithPrefix returns up to maxSimilar group names starting with
// prefix; nothing when they cannot be listed (logs:DescribeLogGroups
// denied).
func (c *conn) groupsWithPrefix(ctx context.Context, prefix string) []string {
	in := &cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(maxSimilar)}
	if prefix != "" {
		in.LogGroupNamePrefix = aws.String(prefix)
	}
	out, err := c.client.DescribeLogGroups(ctx, in)
	if err != nil {
		return nil
	}
	var names []string
	for _, g := range out.LogGroups {
		names = append(names, aws.ToString(g.LogGroupName))
	}
	return names
}
