package bucket

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// lister finds the objects of a load, listing as little as the filter allows.
type lister struct {
	c       *conn
	f       filter
	listed  []Listing
	objects []Object
}

// list returns the wanted objects below prefix in key order. Without
// narrowing it lists prefix recursively. With narrowing it walks the flow-log
// layout from prefix, or from the layout roots directly below prefix; only a
// prefix with no layout in or below it is listed recursively, keeping the
// keys whose layout position passes the filter.
func (l *lister) list(ctx context.Context, prefix string) ([]Object, error) {
	if err := l.run(ctx, prefix); err != nil {
		return nil, err
	}
	slices.SortFunc(l.objects, func(a, b Object) int { return strings.Compare(a.Key, b.Key) })
	l.objects = slices.CompactFunc(l.objects, func(a, b Object) bool { return a.Key == b.Key })
	return l.objects, nil
}

func (l *lister) run(ctx context.Context, prefix string) error {
	if !l.f.narrowed() {
		return l.listAll(ctx, prefix)
	}
	if p, ok := parsePrefix(prefix); ok {
		return l.walk(ctx, p)
	}
	dir := prefix
	if dir != "" && !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	children, err := l.listDelimited(ctx, dir)
	if err != nil {
		return err
	}
	found := false
	for _, ch := range children {
		if p, ok := parsePrefix(ch); ok && p.level <= levelService {
			found = true
			if err := l.walk(ctx, p); err != nil {
				return err
			}
		}
	}
	if found {
		return nil
	}
	return l.listAll(ctx, prefix)
}

// walk lists the wanted part of the layout below p.
func (l *lister) walk(ctx context.Context, p pos) error {
	if !l.f.keep(p) {
		return nil
	}
	switch p.level {
	case levelService:
		p.level = levelRegion
		return l.walk(ctx, p)
	case levelRegion:
		if len(l.f.regions) > 0 {
			for _, r := range l.f.regions {
				q := p
				q.region, q.level = r, levelYear
				if err := l.walk(ctx, q); err != nil {
					return err
				}
			}
			return nil
		}
		return l.descend(ctx, p)
	case levelYear, levelMonth, levelDay:
		if !l.f.dated() {
			return l.listAll(ctx, p.prefix())
		}
		if days, ok := l.f.days(p); ok {
			for _, d := range days {
				if err := l.listAll(ctx, d.prefix()); err != nil {
					return err
				}
			}
			return nil
		}
		return l.descend(ctx, p)
	case levelBelow:
		return l.listAll(ctx, p.prefix())
	default: // levelAccount
		return l.descend(ctx, p)
	}
}

// descend discovers the values of p's open level with a delimited listing
// and walks those the filter keeps.
func (l *lister) descend(ctx context.Context, p pos) error {
	children, err := l.listDelimited(ctx, p.prefix())
	if err != nil {
		return err
	}
	for _, ch := range children {
		seg := strings.TrimSuffix(strings.TrimPrefix(ch, p.prefix()), "/")
		q, ok := p.descend(seg)
		if !ok {
			continue
		}
		if err := l.walk(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// listDelimited returns the common prefixes directly below prefix.
func (l *lister) listDelimited(ctx context.Context, prefix string) ([]string, error) {
	l.listed = append(l.listed, Listing{Prefix: prefix, Delimited: true})
	var out []string
	pages := s3.NewListObjectsV2Paginator(l.c.client, &s3.ListObjectsV2Input{
		Bucket:    aws.String(l.c.bucket),
		Prefix:    aws.String(prefix),
		Delimiter: aws.String("/"),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, l.c.wrap("list", prefix, err)
		}
		for _, cp := range page.CommonPrefixes {
			out = append(out, aws.ToString(cp.Prefix))
		}
	}
	return out, nil
}

// listAll adds every wanted object below prefix. A prefix that does not end
// in a slash names a directory or an object: "logs" matches "logs" and
// "logs/...", not "logs-old/...".
func (l *lister) listAll(ctx context.Context, prefix string) error {
	l.listed = append(l.listed, Listing{Prefix: prefix})
	dir := prefix == "" || strings.HasSuffix(prefix, "/")
	pages := s3.NewListObjectsV2Paginator(l.c.client, &s3.ListObjectsV2Input{
		Bucket: aws.String(l.c.bucket),
		Prefix: aws.String(prefix),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return l.c.wrap("list", prefix, err)
		}
		for _, o := range page.Contents {
			key := aws.ToString(o.Key)
			if strings.HasSuffix(key, "/") || !l.f.keepKey(key) {
				continue // directory marker, or outside the filter
			}
			if !dir && key != prefix && !strings.HasPrefix(key, prefix+"/") {
				continue
			}
			l.objects = append(l.objects, Object{
				URI:          URI(l.c.bucket, key),
				Bucket:       l.c.bucket,
				Key:          key,
				ETag:         aws.ToString(o.ETag),
				Size:         aws.ToInt64(o.Size),
				LastModified: aws.ToTime(o.LastModified).In(time.UTC),
			})
		}
	}
	return nil
}
