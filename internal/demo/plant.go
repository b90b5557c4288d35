package demo

import (
	"fmt"
	"sort"
	"strconv"
)

// scenarioFile is a file that carries planted scenario records: the flow log,
// the day offset and the UTC hour, and what to plant.
type scenarioFile struct {
	fl, day, hour int
	plant         func(p *planter)
}

// scenarioFiles lists the files of the planted scenarios (see scenarios.go).
var scenarioFiles = []scenarioFile{
	{0, BruteForceDay, BruteForceHour, func(p *planter) { plantBruteForce(p); plantBeacon(p) }},
	{0, ExposureDay, ExposureHour, func(p *planter) { plantExposures(p); plantNACL(p) }},
	{0, OffHoursDay, 1, plantOffHours},
	{0, OffHoursDay, 2, plantOffHours},
	{0, OffHoursDay, 3, plantOffHours},
	{1, ConversationDay, ConversationHour, plantConversation},
	{1, HalfOpenDay, HalfOpenHour, func(p *planter) { plantHalfOpen(p); plantDNSExfil(p) }},
	{1, SweepDay, SweepHour, plantSweep},
	{2, PortScanDay, PortScanHour, plantPortScan},
	{2, NATDay, NATHour, func(p *planter) { plantNAT(p); plantMining(p) }},
	{3, GapDay, GapHour, plantGap},
	{3, UnusualDay, UnusualHour, plantUnusual},
	{3, LargeEgressDay, LargeEgressHour, func(p *planter) { plantLargeEgress(p); plantUnidirectional(p) }},
	{4, BPADay, BPAHour, plantBPAAndECS},
}

// planter collects the planted records of one file.
type planter struct {
	fl        *flowLog
	hour      int
	hourStart int64
	out       []rec
	err       error
}

// plantFile returns the planted records of s, sorted by start.
func plantFile(s scenarioFile, fl *flowLog, hourStart int64) ([]rec, error) {
	p := &planter{fl: fl, hour: s.hour, hourStart: hourStart}
	s.plant(p)
	if p.err != nil {
		return nil, p.err
	}
	sort.SliceStable(p.out, func(i, j int) bool { return p.out[i].start < p.out[j].start })
	return p.out, nil
}

// host returns the host with address ip; a missing host is a bug in the
// topology, reported as an error.
func (p *planter) host(ip string) *host {
	h := p.fl.byIP[ip]
	if h == nil && p.err == nil {
		p.err = fmt.Errorf("demo: scenario host %s missing from flow log %d", ip, p.fl.index)
	}
	return h
}

// at returns the unix time of minute:second within the hour.
func (p *planter) at(minute, second int) int64 {
	return p.hourStart + int64(minute*60+second)
}

func (p *planter) emit(c conn) {
	if p.err != nil {
		return
	}
	c.cAddr = addrOf(c.client, c.cAddr)
	c.sAddr = addrOf(c.server, c.sAddr)
	if c.action == actionNone {
		c.action = actionAccept
	}
	p.out = c.emit(p.out)
}

func addrOf(h *host, addr string) string {
	if addr == "" && h != nil {
		return h.ip
	}
	return addr
}

// bulkPackets is the packet count of n bytes in full-size segments.
func bulkPackets(n int64) int64 { return n/1448 + 1 }

func plantBruteForce(p *planter) {
	h := p.host(BruteForceTarget)
	for i := range BruteForceRejects {
		t := p.at(5, 0) + int64(8*i)
		n := int64(1 + i%2)
		p.emit(conn{server: h, cAddr: BruteForceSource, sport: int32(35000 + 13*i), dport: 22, proto: 6,
			start: t, end: t + int64(i%3), action: actionReject, noReply: true,
			pktsOut: n, bytesOut: 60 * n, cFlags: 2})
	}
	for k := range BruteForceAccepts {
		t := p.at(45+k, 0)
		p.emit(conn{server: h, cAddr: BruteForceSource, sport: int32(41000 + k), dport: 22, proto: 6,
			start: t, end: t + 20, pktsOut: int64(18 + k), bytesOut: int64(3400 + 100*k),
			pktsIn: int64(16 + k), bytesIn: int64(4100 + 50*k), cFlags: 3, sFlags: 19})
	}
}

func plantPortScan(p *planter) {
	h := p.host(PortScanTarget)
	for port := 1; port <= PortScanPorts; port++ {
		t := p.at(PortScanMinute, 0) + int64((port-1)/2)
		p.emit(conn{server: h, cAddr: PortScanSource, sport: 54321, dport: int32(port), proto: 6,
			start: t, end: t, action: actionReject, noReply: true, pktsOut: 1, bytesOut: 44, cFlags: 2})
	}
}

func plantSweep(p *planter) {
	for k := range SweepHosts {
		h := p.host("10.20.4." + strconv.Itoa(10+k))
		t := p.at(2, 3*k)
		p.emit(conn{server: h, cAddr: SweepSource, sport: int32(50000 + k), dport: SweepPort, proto: 6,
			start: t, end: t + 1, action: actionReject, noReply: true, pktsOut: 2, bytesOut: 104, cFlags: 2})
	}
}

func plantLargeEgress(p *planter) {
	h := p.host(LargeEgressSource)
	for f := range LargeEgressConnections {
		for m := range 10 {
			t := p.at(10+12*f+m, 0)
			out := int64(100_000_000 + 4_000_000*m + 10_000_000*f)
			pk := bulkPackets(out)
			c := conn{client: h, sAddr: LargeEgressDestination, sport: int32(45000 + 12*f), dport: 443, proto: 6,
				start: t, end: t + 59, pktsOut: pk, bytesOut: out, pktsIn: pk / 2, bytesIn: 66 * (pk / 2)}
			switch m {
			case 0:
				c.cFlags, c.sFlags = 2, 18
			case 9:
				c.cFlags, c.sFlags = 1, 1
			}
			p.emit(c)
		}
	}
}

// natConn is one connection of the NAT scenario.
type natConn struct {
	dst, svc string
	out, in  int64
	start    int64
}

func plantNAT(p *planter) {
	nat, client := p.host(NATGatewayPrivateIP), p.host(NATClient)
	if p.err != nil {
		return
	}
	var conns []natConn
	for k := range NATS3Connections {
		conns = append(conns, natConn{NATS3Destinations[k%len(NATS3Destinations)], "S3",
			int64(2_000_000 + 50_000*k), int64(120_000 + 1_000*k), p.at(5, 0) + int64(90*k)})
	}
	for k := range NATDynamoDBConnections {
		conns = append(conns, natConn{NATDynamoDBDestination, "DYNAMODB",
			int64(40_000 + 1_000*k), int64(600_000 + 10_000*k), p.at(35+k, 0)})
	}
	for k := range NATOtherConnections {
		conns = append(conns, natConn{NATOtherDestination, "",
			int64(15_000 + 500*k), int64(300_000 + 5_000*k), p.at(46+k, 0)})
	}
	for i, c := range conns {
		cport, nport := int32(40100+i), int32(20000+7*i)
		end := c.start + 5 + int64(i%20)
		base := rec{start: c.start, end: end, proto: 6, action: actionAccept, status: statusOK,
			encryption: 2, trafficPath: -1}
		outRec := base
		outRec.packets, outRec.bytes, outRec.tcpFlags = bulkPackets(c.out), c.out, 3
		inRec := base
		inRec.packets, inRec.bytes, inRec.tcpFlags = bulkPackets(c.in), c.in, 19

		r := outRec // client -> NAT, on the NAT ENI
		r.eni, r.dir, r.resourceID = nat, dirIngress, NATGatewayID
		r.src, r.dst, r.pktSrc, r.pktDst, r.srcPort, r.dstPort = client.ip, nat.ip, client.ip, c.dst, cport, 443
		r.pktDstSvc = c.svc
		p.out = append(p.out, r)
		r = outRec // NAT -> destination
		r.eni, r.dir, r.resourceID, r.trafficPath = nat, dirEgress, NATGatewayID, pathIGW
		r.src, r.dst, r.srcPort, r.dstPort = nat.ip, c.dst, nport, 443
		r.pktDstSvc = c.svc
		p.out = append(p.out, r)
		r = inRec // destination -> NAT
		r.eni, r.dir, r.resourceID = nat, dirIngress, NATGatewayID
		r.src, r.dst, r.srcPort, r.dstPort = c.dst, nat.ip, 443, nport
		r.pktSrcSvc = c.svc
		p.out = append(p.out, r)
		r = inRec // NAT -> client
		r.eni, r.dir, r.resourceID, r.trafficPath = nat, dirEgress, NATGatewayID, pathSameVPC
		r.src, r.dst, r.pktSrc, r.pktDst, r.srcPort, r.dstPort = nat.ip, client.ip, c.dst, client.ip, 443, cport
		r.pktSrcSvc = c.svc
		p.out = append(p.out, r)
		r = outRec // client -> destination, on the client ENI
		r.eni, r.dir, r.trafficPath = client, dirEgress, pathSameVPC
		r.src, r.dst, r.srcPort, r.dstPort = client.ip, c.dst, cport, 443
		r.pktDstSvc = c.svc
		p.out = append(p.out, r)
		r = inRec // destination -> client
		r.eni, r.dir = client, dirIngress
		r.src, r.dst, r.srcPort, r.dstPort = c.dst, client.ip, 443, cport
		r.pktSrcSvc = c.svc
		p.out = append(p.out, r)
	}
}

func plantExposures(p *planter) {
	n := 0
	for _, list := range [][]Exposure{AdminExposures, DatabaseExposures} {
		for _, e := range list {
			if e.Source == BruteForceSource {
				continue // planted by plantBruteForce
			}
			h := p.host(e.Host)
			for range e.Flows {
				t := p.at(5+2*n, 0)
				p.emit(conn{server: h, cAddr: e.Source, sport: int32(50100 + n), dport: int32(e.Port), proto: 6,
					start: t, end: t + 30, pktsOut: int64(12 + n%5), bytesOut: int64(4000 + 300*n),
					pktsIn: int64(10 + n%7), bytesIn: int64(9000 + 500*n), cFlags: 3, sFlags: 19})
				n++
			}
		}
	}
}

func plantHalfOpen(p *planter) {
	h := p.host(HalfOpenTarget)
	for s, src := range HalfOpenSources {
		for j := range HalfOpenPerSource {
			t := p.at(10, 0) + int64(6*(s*HalfOpenPerSource+j))
			p.emit(conn{server: h, cAddr: src, sport: int32(30000 + 1000*s + j), dport: 443, proto: 6,
				start: t, end: t, noReply: true, pktsOut: 1, bytesOut: 60, cFlags: 2})
		}
	}
}

func plantUnusual(p *planter) {
	vpn := p.host(VPNHost)
	for m := range 3 {
		out, in := int64(400+10*m), int64(380+10*m)
		t := p.at(m, 1)
		p.emit(conn{client: vpn, sAddr: GREPeer, proto: 47, start: t, end: t + 57,
			pktsOut: out, bytesOut: 800 * out, pktsIn: in, bytesIn: 760 * in})
		t = p.at(10+m, 1)
		p.emit(conn{client: vpn, sAddr: ESPPeer, proto: 50, start: t, end: t + 57,
			pktsOut: out, bytesOut: 900 * out, pktsIn: in, bytesIn: 880 * in})
	}
	h := p.host(FloodTarget)
	for m := range FloodRecords {
		t := p.at(30+m, 0)
		pk := int64(1_200_000 + 30_000*m)
		p.emit(conn{server: h, cAddr: FloodSource, sport: 4444, dport: 53, proto: 17, start: t, end: t + 59,
			action: actionReject, noReply: true, pktsOut: pk, bytesOut: 40 * pk})
	}
}

func plantOffHours(p *planter) {
	h := p.host(OffHoursSource)
	for k := range 12 {
		idx := (p.hour-OffHoursFirstHour)*12 + k
		t := p.at(2+5*k, 0)
		out, in := int64(25_000_000+100_000*idx), int64(40_000+100*idx)
		p.emit(conn{client: h, sAddr: OffHoursDestination, sport: int32(50000 + idx), dport: 8443, proto: 6,
			start: t, end: t + 50, pktsOut: bulkPackets(out), bytesOut: out, pktsIn: bulkPackets(in), bytesIn: in,
			cFlags: 3, sFlags: 19})
	}
}

func plantBPAAndECS(p *planter) {
	h := p.host(BPATarget)
	for s, src := range BPASources {
		for j := range 5 {
			t := p.at(5, 0) + int64(20*(s*5+j))
			port := int32(443)
			if j%2 == 1 {
				port = 80
			}
			p.emit(conn{server: h, cAddr: src, sport: int32(40000 + 10*s + j), dport: port, proto: 6,
				start: t, end: t, action: actionReject, noReply: true, pktsOut: 1, bytesOut: 60, cFlags: 2,
				rejectReason: "BPA"})
		}
	}
	db := p.host(ECSPaymentsDB)
	perTask := (ECSPaymentsDBConnections + ECSPaymentsExternalConnections) / len(ECSPaymentsTasks)
	dbPerTask := ECSPaymentsDBConnections / len(ECSPaymentsTasks)
	for ti, ip := range ECSPaymentsTasks {
		task := p.host(ip)
		for k := range perTask {
			t := p.at(20, 0) + int64((ti*perTask+k)*30)
			if k < dbPerTask {
				p.emit(conn{client: task, server: db, sport: int32(41000 + 100*ti + k), dport: 5432, proto: 6,
					start: t, end: t + 10, pktsOut: int64(6 + k), bytesOut: int64(2000 + 100*k),
					pktsIn: int64(25 + k), bytesIn: int64(30_000 + 1000*k), cFlags: 3, sFlags: 19})
				continue
			}
			p.emit(conn{client: task, sAddr: ECSPaymentsExternal, sport: int32(42000 + 100*ti + k), dport: 443, proto: 6,
				start: t, end: t + 10, pktsOut: int64(8 + k), bytesOut: int64(5000 + 200*k),
				pktsIn: int64(12 + k), bytesIn: int64(12_000 + 300*k), cFlags: 3, sFlags: 19})
		}
	}
}

func plantGap(p *planter) {
	h := p.host(GapHost)
	if p.err != nil {
		return
	}
	for m := 5; m < 5+GapNoData; m++ {
		p.out = append(p.out, statusRecord(h, statusNoData, p.at(m, 0), p.at(m, 58)))
	}
	for m := 30; m < 30+GapSkipData; m++ {
		p.out = append(p.out, statusRecord(h, statusSkipData, p.at(m, 0), p.at(m, 58)))
	}
}

func plantConversation(p *planter) {
	a, b := p.host(ConversationA), p.host(ConversationB)
	for k := range ConversationConnections {
		t := p.at(5+k, 0)
		p.emit(conn{client: a, server: b, sport: int32(47000 + 3*k), dport: ConversationPort, proto: 6,
			start: t, end: t + 40, pktsOut: int64(20 + k), bytesOut: int64(8000 + 200*k),
			pktsIn: int64(110 + 4*k), bytesIn: int64(150_000 + 5000*k), cFlags: 3, sFlags: 19})
	}
}

func plantNACL(p *planter) {
	h := p.host(NACLClient)
	for k := range NACLQueries {
		t := p.at(10*k, 0)
		p.emit(conn{client: h, sAddr: NACLServer, sport: int32(50123 + k), dport: NACLPort, proto: 17,
			start: t, end: t + 1, replyAction: actionReject, pktsOut: 1, bytesOut: 76, pktsIn: 1, bytesIn: 76})
	}
}

func plantBeacon(p *planter) {
	h := p.host(BeaconSource)
	for k := range BeaconConnections {
		t := p.at(5+k, (k*7)%5)
		p.emit(conn{client: h, sAddr: BeaconDestination, sport: int32(52000 + 17*k), dport: BeaconPort, proto: 6,
			start: t, end: t + 2, pktsOut: 6, bytesOut: int64(900 + 10*(k%7)), pktsIn: 5, bytesIn: int64(1300 + 20*(k%5)),
			cFlags: 3, sFlags: 19})
	}
}

func plantDNSExfil(p *planter) {
	h := p.host(DNSExfilSource)
	t := p.at(5, 0)
	for k := range DNSExfilQueries {
		p.emit(conn{client: h, sAddr: DNSExfilResolver, sport: int32(33000 + 29*k), dport: 53, proto: 17,
			start: t, end: t + 1, pktsOut: 1, bytesOut: int64(220 + 10*(k%5)), pktsIn: 1, bytesIn: 130})
		t += int64(6 + (k*7)%13)
	}
}

func plantMining(p *planter) {
	h := p.host(MiningSource)
	for m := range MiningMinutes {
		t := p.at(20+m, 0)
		c := conn{client: h, sAddr: MiningPool, sport: 49999, dport: MiningPort, proto: 6,
			start: t, end: t + 59, pktsOut: 30, bytesOut: int64(4000 + 50*m), pktsIn: 30, bytesIn: int64(6000 + 80*m)}
		if m == 0 {
			c.cFlags, c.sFlags = 2, 18
		}
		p.emit(c)
	}
}

func plantUnidirectional(p *planter) {
	h := p.host(UniSource)
	for m := range UniRecords {
		t := p.at(5+m, 0)
		p.emit(conn{client: h, sAddr: UniDestination, sport: 40125, dport: UniPort, proto: 17,
			start: t, end: t + 58, noReply: true, pktsOut: 40, bytesOut: int64(48_000 + 100*m)})
	}
}
