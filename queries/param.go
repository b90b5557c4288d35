package queries

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// Type is a parameter type: how a value is validated and bound.
type Type string

// The parameter types. Values are bound as prepared-statement values:
// int and size as BIGINT, duration as BIGINT seconds, ip, cidr, string and
// enum as VARCHAR (ip and cidr in canonical form).
const (
	Int      Type = "int"      // a non-negative integer: 100
	Size     Type = "size"     // a byte count: 100MB, 1.5GB, 500000 (bound as bytes)
	Duration Type = "duration" // 90s, 10m, 1h, 7d (bound as seconds)
	IP       Type = "ip"       // an IPv4 or IPv6 address
	CIDR     Type = "cidr"     // an address or a network: 10.0.0.0/8, 2001:db8::/32, 10.1.2.3
	String   Type = "string"   // any text
	Enum     Type = "enum"     // one of the choices declared as enum(a|b|c)
)

// Types lists the parameter types with what they accept, for help text.
var Types = []struct {
	Type    Type
	Accepts string
}{
	{Int, "a non-negative integer: 100"},
	{Size, "a byte count: 500000, 100MB, 1.5GB, 2TB (powers of 1000; KiB, MiB, GiB for 1024)"},
	{Duration, "a positive duration: 90s, 10m, 1h, 7d, 2w"},
	{IP, "an IPv4 or IPv6 address: 10.0.0.5, 2001:db8::1"},
	{CIDR, "an address or network: 10.0.0.0/8, 2001:db8::/32, 10.0.0.5"},
	{String, "any text"},
	{Enum, "one of the listed choices"},
}

// Param is one declared parameter of a report.
type Param struct {
	// Name is what --param NAME=VALUE sets and $NAME reads in the SQL.
	Name string
	// Type is how the value is validated and bound.
	Type Type
	// Choices are the values an Enum accepts.
	Choices []string
	// Default is the value used when none is given; "" when Required.
	Default string
	// Required is true when the report cannot run without a value.
	Required bool
	// Doc is a short description.
	Doc string
}

// TypeName is the type as the header writes it: "int", "enum(a|b)".
func (p Param) TypeName() string {
	if p.Type == Enum {
		return "enum(" + strings.Join(p.Choices, "|") + ")"
	}
	return string(p.Type)
}

// Parse validates value and returns what is bound for it.
func (p Param) Parse(value string) (any, error) {
	v := strings.TrimSpace(value)
	switch p.Type {
	case Int:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, p.invalid(value, "not a non-negative integer; use e.g. 100")
		}
		return n, nil
	case Size:
		n, err := parseSize(v)
		if err != nil {
			return nil, p.invalid(value, "not a byte count; use 500000, 100MB, 1.5GB")
		}
		return n, nil
	case Duration:
		d, err := units.ParseDuration(v)
		if err != nil || d < time.Second {
			return nil, p.invalid(value, "not a duration; use 10m, 1h, 7d")
		}
		return int64(d / time.Second), nil
	case IP:
		a, err := netip.ParseAddr(v)
		if err != nil || a.Zone() != "" {
			return nil, p.invalid(value, "not an IP address; use 10.0.0.5 or 2001:db8::1")
		}
		return a.Unmap().String(), nil
	case CIDR:
		pfx, err := parseCIDR(v)
		if err != nil {
			return nil, p.invalid(value, "not an address or CIDR; use 10.0.0.5, 10.0.0.0/8 or 2001:db8::/32")
		}
		return pfx.String(), nil
	case Enum:
		for _, c := range p.Choices {
			if strings.EqualFold(v, c) {
				return c, nil
			}
		}
		return nil, p.invalid(value, "not one of "+strings.Join(p.Choices, ", "))
	case String:
		return value, nil
	}
	return nil, p.invalid(value, fmt.Sprintf("unknown parameter type %q", p.Type))
}

// ParamError is an invalid, unknown or missing --param.
type ParamError struct {
	Report string // the report's name
	Name   string // the parameter
	Value  string // the value given ("" when missing)
	Reason string // what is wrong and what to write instead
	// Missing is true when a required parameter was not given.
	Missing bool
}

// Error implements error: "--param window=abc: not a duration; use 10m, 1h, 7d".
func (e *ParamError) Error() string {
	if e.Missing {
		return fmt.Sprintf("report %s needs --param %s=VALUE: %s", e.Report, e.Name, e.Reason)
	}
	return fmt.Sprintf("--param %s=%s: %s", e.Name, e.Value, e.Reason)
}

func (p Param) invalid(value, reason string) error {
	return &ParamError{Name: p.Name, Value: value, Reason: reason}
}

// sizeUnits are the suffixes parseSize accepts, longest first.
var sizeUnits = []struct {
	suffix string
	n      float64
}{
	{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"TIB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"B", 1},
}

// parseSize reads a byte count with an optional unit.
func parseSize(s string) (int64, error) {
	upper := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	mult := 1.0
	for _, u := range sizeUnits {
		if strings.HasSuffix(upper, u.suffix) {
			upper, mult = strings.TrimSuffix(upper, u.suffix), u.n
			break
		}
	}
	n, err := strconv.ParseFloat(upper, 64)
	if err != nil || n < 0 || n*mult > 9e18 {
		return 0, fmt.Errorf("size %q: not a byte count", s)
	}
	return int64(n * mult), nil
}

// parseCIDR reads a network, or an address as a one-address network.
func parseCIDR(s string) (netip.Prefix, error) {
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, fmt.Errorf("cidr %q: not an address", s)
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return p.Masked(), nil
}
