package bucket

import (
	"fmt"
	"strconv"
	"strings"
)

// VPC Flow Logs deliver to S3 under one of two key layouts, each below an
// optional user prefix:
//
//	[prefix/]AWSLogs/{account}/vpcflowlogs/{region}/{yyyy}/{mm}/{dd}/[{HH}/]file
//	[prefix/]AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/year={yyyy}/month={mm}/day={dd}/[hour={HH}/]file
//
// A pos is a key prefix located in that layout: the levels above level are
// fixed, the others open.

// level is one path segment of the layout.
type level int

const (
	levelAccount level = iota
	levelService
	levelRegion
	levelYear
	levelMonth
	levelDay
	levelBelow // inside a day: hour directories and files
)

const (
	logsDir     = "AWSLogs"
	serviceName = "vpcflowlogs"
)

// pos is a key prefix located in the flow-log layout.
type pos struct {
	root  string // the key prefix up to the account level: "", "AWSLogs/", "p/AWSLogs/"...
	hive  bool   // Hive-style key=value segments; known once the account is fixed
	level level  // the first open level

	account, region  string
	year, month, day int

	// rest is what the user's prefix holds below the day level, verbatim
	// (an hour directory, a file name or part of one).
	rest string
}

// parsePrefix locates a key prefix in the layout. A last segment without a
// trailing slash counts as a whole segment above the day level (".../2026"
// means the year 2026) and as raw text below it. ok is false when the prefix
// is not in the layout.
func parsePrefix(prefix string) (p pos, ok bool) {
	segs := strings.Split(prefix, "/")
	start := -1
	for i, s := range segs {
		if s == logsDir {
			p.root, start = strings.Join(segs[:i+1], "/")+"/", i+1
			break
		}
		if strings.HasPrefix(s, "aws-account-id=") {
			p.root, start = strings.Join(segs[:i], "/"), i
			if p.root != "" {
				p.root += "/"
			}
			break
		}
	}
	if start < 0 {
		return pos{}, false
	}
	for i := start; i < len(segs); i++ {
		if p.level == levelBelow {
			p.rest = strings.Join(segs[i:], "/")
			return p, true
		}
		if segs[i] == "" && i == len(segs)-1 {
			break // trailing slash
		}
		if p, ok = p.descend(segs[i]); !ok {
			return pos{}, false
		}
	}
	return p, true
}

// parseKey locates an object key's directory in the layout.
func parseKey(key string) (pos, bool) {
	return parsePrefix(key[:strings.LastIndex(key, "/")+1])
}

// descend fixes the open level to the segment seg (without its slash).
func (p pos) descend(seg string) (pos, bool) {
	val := func(name string) (string, bool) {
		if p.hive {
			v, ok := strings.CutPrefix(seg, name+"=")
			return v, ok && v != ""
		}
		return seg, seg != "" && !strings.Contains(seg, "=")
	}
	var ok bool
	switch p.level {
	case levelAccount:
		if v, hive := strings.CutPrefix(seg, "aws-account-id="); hive {
			p.hive, p.account, ok = true, v, v != ""
		} else {
			p.account, ok = val("")
		}
	case levelService:
		v, vok := val("aws-service")
		ok = vok && v == serviceName
	case levelRegion:
		p.region, ok = val("aws-region")
	case levelYear:
		p.year, ok = number(val("year"))(4, 1, 9999)
	case levelMonth:
		p.month, ok = number(val("month"))(2, 1, 12)
	case levelDay:
		p.day, ok = number(val("day"))(2, 1, 31)
	default:
		return p, false
	}
	if !ok {
		return p, false
	}
	p.level++
	return p, true
}

// number parses a fixed-width decimal segment value within [lo, hi].
func number(s string, ok bool) func(width, lo, hi int) (int, bool) {
	return func(width, lo, hi int) (int, bool) {
		if !ok || len(s) != width {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return 0, false
		}
		return n, true
	}
}

// segment returns the path segment of level l with value v, slash included.
func (p pos) segment(l level, v string) string {
	if !p.hive {
		return v + "/"
	}
	names := [...]string{"aws-account-id", "aws-service", "aws-region", "year", "month", "day"}
	return names[l] + "=" + v + "/"
}

// prefix returns the key prefix of p.
func (p pos) prefix() string {
	var b strings.Builder
	b.WriteString(p.root)
	vals := []string{p.account, serviceName, p.region,
		fmt.Sprintf("%04d", p.year), fmt.Sprintf("%02d", p.month), fmt.Sprintf("%02d", p.day)}
	for l := levelAccount; l < p.level && l < levelBelow; l++ {
		b.WriteString(p.segment(l, vals[l]))
	}
	b.WriteString(p.rest)
	return b.String()
}

// with returns p with the open levels fixed through the given day.
func (p pos) withDay(year, month, day int) pos {
	p.year, p.month, p.day, p.level = year, month, day, levelBelow
	return p
}
