package demo

import (
	"strconv"
	"strings"
)

// peer is an address outside the estate, with the AWS service it belongs to
// (as pkt-*-aws-service reports it) or "" when it is not an AWS address.
type peer struct {
	addr string
	svc  string
}

// pools are the external addresses background traffic talks to. None of them
// lies in the documentation ranges 192.0.2.0/24, 198.51.100.0/24 and
// 203.0.113.0/24, which belong to the planted scenarios.
type pools struct {
	clients   []string          // internet users of the web tier
	clients6  []string          // IPv6 internet users
	noise     []string          // internet scanners hitting closed ports
	services  map[string][]peer // outbound destinations, per region
	services6 []peer            // IPv6 outbound destinations
	ntp       []string
	resolvers []string
	monitors  []string // uptime checkers that ping the web tier
}

// First octets of address space used for each pool: ISP ranges for users,
// hosting ranges for scanners.
var (
	clientOctets = []int{24, 31, 37, 46, 62, 67, 71, 73, 77, 78, 79, 81, 82, 84, 86, 88, 90, 92, 94,
		95, 98, 108, 109, 112, 115, 118, 121, 124, 135, 147, 154, 171, 176, 178, 188, 190, 196,
		200, 201, 212, 213, 217}
	noiseOctets = []int{5, 27, 36, 39, 43, 45, 58, 59, 61, 80, 85, 89, 91, 93, 101, 103, 106, 111,
		113, 114, 116, 117, 119, 120, 122, 123, 125, 139, 141, 159, 162, 164, 167, 170, 175, 179,
		180, 181, 182, 183, 185, 186, 193, 194, 195, 202, 209, 210, 211, 218, 220, 221, 222, 223}
)

// serviceRange is a block of addresses of one provider or AWS service.
type serviceRange struct {
	prefix string // first two or three octets with a trailing dot
	svc    string
	weight int
}

var serviceRanges = map[string][]serviceRange{
	RegionUSEast1: {
		{"52.216.", "S3", 10}, {"52.217.", "S3", 6}, {"54.231.", "S3", 4},
		{"3.218.180.", "DYNAMODB", 5}, {"3.218.181.", "DYNAMODB", 3},
		{"54.86.", "EC2", 6}, {"3.90.", "EC2", 5}, {"18.208.", "EC2", 4},
		{"52.94.", "AMAZON", 5}, {"13.32.", "CLOUDFRONT", 5}, {"99.84.", "CLOUDFRONT", 4},
	},
	RegionEUWest1: {
		{"52.218.", "S3", 10}, {"3.5.64.", "S3", 5}, {"3.5.70.", "S3", 3},
		{"52.119.240.", "DYNAMODB", 5}, {"52.94.24.", "DYNAMODB", 3},
		{"54.72.", "EC2", 6}, {"34.240.", "EC2", 5}, {"52.208.", "EC2", 4},
		{"52.95.", "AMAZON", 5}, {"13.32.", "CLOUDFRONT", 5}, {"18.66.", "CLOUDFRONT", 4},
	},
}

// otherRanges are popular non-AWS destinations (SaaS, CDNs, package mirrors).
var otherRanges = []serviceRange{
	{"142.250.", "", 10}, {"172.217.", "", 6}, {"104.16.", "", 6}, {"104.18.", "", 5},
	{"140.82.112.", "", 4}, {"140.82.114.", "", 3}, {"151.101.", "", 6}, {"23.45.", "", 4},
	{"20.42.", "", 4}, {"40.126.", "", 3}, {"185.199.108.", "", 3}, {"34.120.", "", 4},
}

// newPools builds the pools deterministically from seed.
func newPools(seed int64) *pools {
	r := newRNG(uint64(seed), 0x706f6f6c73)
	p := &pools{
		services:  map[string][]peer{},
		resolvers: []string{"8.8.8.8", "1.1.1.1", "8.8.4.4", "1.0.0.1"},
	}
	p.clients = randomAddrs(r, clientOctets, 32768)
	p.noise = randomAddrs(r, noiseOctets, 16384)
	p.ntp = randomAddrs(r, clientOctets, 12)
	p.monitors = randomAddrs(r, clientOctets, 8)
	for _, region := range []string{RegionUSEast1, RegionEUWest1} {
		ranges := serviceRanges[region]
		var ps []peer
		all := append(append([]serviceRange(nil), ranges...), otherRanges...)
		for _, sr := range all {
			for range sr.weight * 6 {
				ps = append(ps, peer{addr: rangeAddr(r, sr.prefix), svc: sr.svc})
			}
		}
		p.services[region] = ps
	}
	for range 256 {
		p.clients6 = append(p.clients6, ipv6Addr(r, pick(r, []string{"2a02:c7f", "2a01:cb00", "2001:861", "2600:1700", "2601:647", "2804:14c"})))
	}
	for k := range 96 {
		switch k % 4 {
		case 0:
			p.services6 = append(p.services6, peer{addr: "2607:f8b0:4004:c1b::" + strconv.FormatInt(int64(r.between(0x10, 0xff)), 16)})
		case 1:
			p.services6 = append(p.services6, peer{addr: "2606:4700::6810:" + strconv.FormatInt(int64(r.between(0x100, 0xffff)), 16)})
		case 2:
			p.services6 = append(p.services6, peer{addr: ipv6Addr(r, "2600:1f18"), svc: "EC2"})
		default:
			p.services6 = append(p.services6, peer{addr: ipv6Addr(r, "2600:1fa0"), svc: "S3"})
		}
	}
	return p
}

// randomAddrs returns n distinct IPv4 addresses whose first octet is one of octets.
func randomAddrs(r *rng, octets []int, n int) []string {
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for len(out) < n {
		a := ipv4(pick(r, octets), r.intn(256), r.intn(256), r.between(1, 254))
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// rangeAddr completes prefix (two or three octets and a dot) with random octets.
func rangeAddr(r *rng, prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	if strings.Count(prefix, ".") == 2 {
		b.WriteString(strconv.Itoa(r.intn(256)))
		b.WriteByte('.')
	}
	b.WriteString(strconv.Itoa(r.between(1, 254)))
	return b.String()
}

// ipv6Addr completes a two-group prefix with six random groups.
func ipv6Addr(r *rng, prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for range 6 {
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(int64(r.intn(0x10000)), 16))
	}
	return b.String()
}

func ipv4(a, b, c, d int) string {
	return strconv.Itoa(a) + "." + strconv.Itoa(b) + "." + strconv.Itoa(c) + "." + strconv.Itoa(d)
}
