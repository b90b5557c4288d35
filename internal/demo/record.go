package demo

// Values of rec.action, rec.status and rec.dir.
const (
	actionNone uint8 = iota
	actionAccept
	actionReject
)

const (
	statusOK uint8 = iota
	statusNoData
	statusSkipData
)

const (
	dirNone uint8 = iota
	dirIngress
	dirEgress
)

var (
	actionNames    = [...]string{"-", "ACCEPT", "REJECT"}
	statusNames    = [...]string{"OK", "NODATA", "SKIPDATA"}
	directionNames = [...]string{"-", "ingress", "egress"}
)

// Traffic-path values of egress records.
const (
	pathSameVPC  = 1 // through another resource in the same VPC
	pathIGW      = 2 // through an internet gateway (non-Nitro resources such as NAT gateways)
	pathIGWNitro = 8 // through an internet gateway, Nitro instance
)

// rec is one flow-log record as seen by the ENI eni. Negative numbers and empty
// strings are written as "-".
type rec struct {
	eni              *host
	src, dst         string
	pktSrc, pktDst   string // empty: same as src/dst
	pktSrcSvc        string
	pktDstSvc        string
	rejectReason     string
	resourceID       string
	start, end       int64
	packets, bytes   int64
	srcPort, dstPort int32
	proto            int16
	tcpFlags         int16
	trafficPath      int8
	encryption       int8
	action           uint8
	status           uint8
	dir              uint8
	ipv6             bool
}

// statusRecord returns a NODATA or SKIPDATA record of h for one capture window.
func statusRecord(h *host, status uint8, start, end int64) rec {
	return rec{
		eni: h, start: start, end: end, status: status,
		packets: -1, bytes: -1, srcPort: -1, dstPort: -1, proto: -1, tcpFlags: -1,
		trafficPath: -1, encryption: -1,
	}
}

// conn is one connection (or one attempt) within a capture window. It expands
// to the records the ENIs on both ends log: the request on the client ENI
// (egress) and on the server ENI (ingress), and the reply on both, unless the
// attempt got no reply.
type conn struct {
	client, server    *host  // internal ends; nil for an external address
	cAddr, sAddr      string // addresses of the two ends
	cSvc, sSvc        string // AWS service of an external end, for pkt-*-aws-service
	sport, dport      int32
	proto             int16
	pktsOut, bytesOut int64 // client to server
	pktsIn, bytesIn   int64 // server to client
	start, end        int64
	cFlags, sFlags    int16
	action            uint8
	replyAction       uint8 // the reply's action when it differs (actionNone: action)
	noReply           bool
	ipv6              bool
	rejectReason      string
}

// tlsPorts are the ports whose traffic counts as application-layer encrypted
// for encryption-status.
func tlsPort(p int32) bool {
	return p == 443 || p == 8443 || p == 50051 || p == 5986
}

// emit appends the records of c to out.
func (c *conn) emit(out []rec) []rec {
	internal := c.client != nil && c.server != nil
	var enc int8
	switch {
	case tlsPort(c.dport) && internal:
		enc = 3
	case tlsPort(c.dport):
		enc = 2
	case internal:
		enc = 1
	}
	flags := func(f int16) int16 {
		if c.proto != 6 {
			return 0
		}
		return f
	}
	req := rec{
		src: c.cAddr, dst: c.sAddr, srcPort: c.sport, dstPort: c.dport, proto: c.proto,
		packets: c.pktsOut, bytes: c.bytesOut, start: c.start, end: c.end,
		action: c.action, status: statusOK, tcpFlags: flags(c.cFlags), ipv6: c.ipv6,
		pktSrcSvc: c.cSvc, pktDstSvc: c.sSvc, rejectReason: c.rejectReason,
		encryption: enc, trafficPath: -1,
	}
	rep := rec{
		src: c.sAddr, dst: c.cAddr, srcPort: c.dport, dstPort: c.sport, proto: c.proto,
		packets: c.pktsIn, bytes: c.bytesIn, start: c.start, end: c.end,
		action: c.action, status: statusOK, tcpFlags: flags(c.sFlags), ipv6: c.ipv6,
		pktSrcSvc: c.sSvc, pktDstSvc: c.cSvc,
		encryption: enc, trafficPath: -1,
	}
	if c.replyAction != actionNone {
		rep.action = c.replyAction
	}
	if c.client != nil {
		r := req
		r.eni, r.dir = c.client, dirEgress
		r.trafficPath = egressPath(c.server != nil)
		out = append(out, r)
		if !c.noReply {
			r := rep
			r.eni, r.dir = c.client, dirIngress
			out = append(out, r)
		}
	}
	if c.server != nil {
		r := req
		r.eni, r.dir = c.server, dirIngress
		out = append(out, r)
		if !c.noReply {
			r := rep
			r.eni, r.dir = c.server, dirEgress
			r.trafficPath = egressPath(c.client != nil)
			out = append(out, r)
		}
	}
	return out
}

func egressPath(toInternal bool) int8 {
	if toInternal {
		return pathSameVPC
	}
	return pathIGWNitro
}

// packetsFor returns a plausible packet count for a payload of n bytes: bulk
// transfers use full-size segments, small exchanges small packets (never fewer
// than 64 bytes a packet).
func packetsFor(r *rng, n int64) int64 {
	if n > 100_000 {
		return n/1448 + 1
	}
	p := n / int64(64+r.intn(900))
	if p < 1 {
		p = 1
	}
	return p
}
