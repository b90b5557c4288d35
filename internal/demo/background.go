package demo

// background generates the ordinary traffic of one file: web requests, calls
// between tiers, outbound API calls, DNS, NTP, admin sessions, pings, internet
// noise, IPv6, and a few NODATA/SKIPDATA records.
//
// Guarantees the planted scenarios rely on (see scenarios.go):
//   - no address in 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24;
//   - reserved hosts never appear;
//   - protocols are 1, 6 and 17 only;
//   - nothing from a public address to ports 22, 3389, 5985, 1433, 3306 or
//     5432 is ACCEPTed (internet noise to those ports is REJECTed);
//   - an ACCEPTed TCP SYN always gets a SYN-ACK in the same window;
//   - no record has more than 1000 packets and fewer than 60 bytes a packet;
//   - reject-reason is always "-"; ECS services are web-frontend and orders-worker.
type background struct {
	r         *rng
	fl        *flowLog
	pools     *pools
	services  []peer
	hourStart int64
	out       []rec
	c         conn
}

func newBackground(r *rng, fl *flowLog, p *pools, hourStart int64) *background {
	return &background{r: r, fl: fl, pools: p, services: p.services[fl.region], hourStart: hourStart}
}

// kind is one sort of background exchange.
type kind struct {
	weight int
	max    int // most records one exchange of this kind appends
	gen    func(g *background, start, end int64) bool
}

var kinds = []kind{
	{28, 2, (*background).webIn},
	{10, 4, (*background).lbToApp},
	{10, 4, (*background).appToDB},
	{20, 2, (*background).outbound},
	{6, 4, (*background).dns},
	{2, 2, (*background).ntp},
	{2, 4, (*background).adminSession},
	{2, 2, (*background).ping},
	{6, 1, (*background).noise},
	{1, 1, (*background).egressReject},
	{2, 2, (*background).outbound6},
	{8, 4, (*background).rpc},
	{1, 1, (*background).statusGap},
}

var kindTotal = func() int {
	t := 0
	for _, k := range kinds {
		t += k.weight
	}
	return t
}()

// fill appends exactly n records of capture window w (0..59) to g.out.
func (g *background) fill(w, n int) {
	ws := g.hourStart + int64(w)*60
	for n > 0 {
		start := ws + int64(g.r.intn(45))
		end := start + int64(g.r.intn(int(ws+60-start)))
		before := len(g.out)
		k := g.choose()
		if k.max > n || !k.gen(g, start, end) {
			g.noise(start, end)
		}
		n -= len(g.out) - before
	}
}

func (g *background) choose() *kind {
	x := g.r.intn(kindTotal)
	for i := range kinds {
		if x < kinds[i].weight {
			return &kinds[i]
		}
		x -= kinds[i].weight
	}
	return &kinds[len(kinds)-1]
}

func (g *background) ephemeral() int32 { return int32(g.r.between(32768, 60999)) }

// tcp fills g.c for an accepted TCP exchange and emits it.
func (g *background) tcp(client, server *host, cAddr, sAddr, cSvc, sSvc string, dport int32, reqLo, reqHi, respLo, respHi float64, start, end int64, v6 bool) {
	c := &g.c
	*c = conn{client: client, server: server, cAddr: cAddr, sAddr: sAddr, cSvc: cSvc, sSvc: sSvc,
		sport: g.ephemeral(), dport: dport, proto: 6, start: start, end: end, action: actionAccept, ipv6: v6}
	c.bytesOut = g.r.logUniform(reqLo, reqHi)
	c.bytesIn = g.r.logUniform(respLo, respHi)
	if g.r.intn(100) == 0 {
		c.bytesIn = g.r.logUniform(respHi, 30_000_000)
	}
	c.pktsOut = packetsFor(g.r, c.bytesOut)
	c.pktsIn = packetsFor(g.r, c.bytesIn)
	switch x := g.r.intn(10); {
	case x < 6:
		c.cFlags, c.sFlags = 3, 19
	case x < 8:
		c.cFlags, c.sFlags = 2, 18
	case x < 9:
		c.cFlags, c.sFlags = 0, 0
	default:
		c.cFlags, c.sFlags = 1, 1
	}
	g.out = c.emit(g.out)
}

// udp emits an accepted UDP exchange.
func (g *background) udp(client, server *host, cAddr, sAddr, sSvc string, sport, dport int32, req, resp int64, start, end int64) {
	c := &g.c
	*c = conn{client: client, server: server, cAddr: cAddr, sAddr: sAddr, sSvc: sSvc,
		sport: sport, dport: dport, proto: 17, start: start, end: end, action: actionAccept,
		bytesOut: req, bytesIn: resp, pktsOut: 1 + req/512, pktsIn: 1 + resp/512}
	g.out = c.emit(g.out)
}

func (g *background) webIn(start, end int64) bool {
	if len(g.fl.entry) == 0 {
		return false
	}
	h := pick(g.r, g.fl.entry)
	port := int32(443)
	if g.r.intn(10) == 0 {
		port = 80
	}
	if h.ip6 != "" && g.r.intn(6) == 0 {
		g.tcp(nil, h, pick(g.r, g.pools.clients6), h.ip6, "", "", port, 300, 8000, 500, 2_000_000, start, end, true)
		return true
	}
	g.tcp(nil, h, pick(g.r, g.pools.clients), h.ip, "", "", port, 300, 8000, 500, 2_000_000, start, end, false)
	return true
}

func (g *background) lbToApp(start, end int64) bool {
	if len(g.fl.lbs) == 0 || len(g.fl.callers) == 0 {
		return g.rpc(start, end)
	}
	lb, app := pick(g.r, g.fl.lbs), pick(g.r, g.fl.callers)
	g.tcp(lb, app, lb.ip, app.ip, "", "", 8080, 300, 8000, 500, 500_000, start, end, false)
	return true
}

func (g *background) appToDB(start, end int64) bool {
	if len(g.fl.dbs) == 0 || len(g.fl.callers) == 0 {
		return false
	}
	app, db := pick(g.r, g.fl.callers), pick(g.r, g.fl.dbs)
	g.tcp(app, db, app.ip, db.ip, "", "", db.dbPort, 100, 20_000, 100, 1_000_000, start, end, false)
	return true
}

func (g *background) outbound(start, end int64) bool {
	if len(g.fl.callers) == 0 {
		return false
	}
	h, p := pick(g.r, g.fl.callers), pick(g.r, g.services)
	port := int32(443)
	if g.r.intn(12) == 0 {
		port = 80
	}
	g.tcp(h, nil, h.ip, p.addr, "", p.svc, port, 200, 200_000, 300, 3_000_000, start, end, false)
	return true
}

func (g *background) outbound6(start, end int64) bool {
	if len(g.fl.ipv6) == 0 {
		return g.outbound(start, end)
	}
	h, p := pick(g.r, g.fl.ipv6), pick(g.r, g.pools.services6)
	g.tcp(h, nil, h.ip6, p.addr, "", p.svc, 443, 200, 50_000, 300, 1_000_000, start, end, true)
	return true
}

func (g *background) dns(start, end int64) bool {
	h := pick(g.r, g.fl.status)
	if h.role == roleLB || h.role == roleDNS {
		h = pick(g.r, g.fl.callers)
	}
	req, resp := int64(g.r.between(60, 90)), int64(g.r.between(90, 480))
	if len(g.fl.dns) > 0 {
		d := pick(g.r, g.fl.dns)
		g.udp(h, d, h.ip, d.ip, "", g.ephemeral(), 53, req, resp, start, end)
		return true
	}
	g.udp(h, nil, h.ip, pick(g.r, g.pools.resolvers), "", g.ephemeral(), 53, req, resp, start, end)
	return true
}

func (g *background) ntp(start, end int64) bool {
	h := pick(g.r, g.fl.callers)
	g.udp(h, nil, h.ip, pick(g.r, g.pools.ntp), "", g.ephemeral(), 123, 76, 76, start, end)
	return true
}

func (g *background) adminSession(start, end int64) bool {
	if len(g.fl.bastions) == 0 || len(g.fl.admin) == 0 {
		return g.rpc(start, end)
	}
	b, t := pick(g.r, g.fl.bastions), pick(g.r, g.fl.admin)
	port := int32(22)
	if t.windows {
		port = 3389
		if g.r.intn(3) == 0 {
			port = 5985
		}
	}
	g.tcp(b, t, b.ip, t.ip, "", "", port, 2_000, 200_000, 5_000, 2_000_000, start, end, false)
	return true
}

func (g *background) ping(start, end int64) bool {
	if len(g.fl.webs) == 0 {
		return false
	}
	h := pick(g.r, g.fl.webs)
	n := int64(g.r.between(1, 5))
	c := &g.c
	*c = conn{server: h, cAddr: pick(g.r, g.pools.monitors), sAddr: h.ip, proto: 1, start: start, end: end,
		action: actionAccept, pktsOut: n, bytesOut: 84 * n, pktsIn: n, bytesIn: 84 * n}
	g.out = c.emit(g.out)
	return true
}

// noisePorts are what internet scanners probe; the protocol is UDP for the
// last four.
var noisePorts = []int32{22, 23, 25, 135, 139, 445, 1433, 2323, 3306, 3389, 5432, 5555, 5900,
	6379, 7547, 8080, 8443, 8888, 9200, 27017, 161, 1900, 5060, 11211}

func (g *background) noise(start, end int64) bool {
	if len(g.fl.noise) == 0 {
		h := pick(g.r, g.fl.status)
		g.out = append(g.out, statusRecord(h, statusNoData, start, end))
		return true
	}
	h := pick(g.r, g.fl.noise)
	i := g.r.intn(len(noisePorts))
	proto, flags := int16(6), int16(2)
	if i >= len(noisePorts)-4 {
		proto, flags = 17, 0
	}
	n := int64(g.r.between(1, 2))
	c := &g.c
	*c = conn{server: h, cAddr: pick(g.r, g.pools.noise), sAddr: h.ip, sport: g.ephemeral(), dport: noisePorts[i],
		proto: proto, start: start, end: end, action: actionReject, noReply: true,
		pktsOut: n, bytesOut: n * int64(g.r.between(40, 60)), cFlags: flags}
	g.out = c.emit(g.out)
	return true
}

func (g *background) egressReject(start, end int64) bool {
	h, p := pick(g.r, g.fl.callers), pick(g.r, g.services)
	c := &g.c
	*c = conn{client: h, cAddr: h.ip, sAddr: p.addr, sSvc: p.svc, sport: g.ephemeral(), dport: 25, proto: 6,
		start: start, end: end, action: actionReject, noReply: true, pktsOut: 1, bytesOut: 60, cFlags: 2}
	g.out = c.emit(g.out)
	return true
}

// rpcPorts are internal service ports.
var rpcPorts = []int32{8443, 9090, 6379, 8500, 50051, 11211, 9200}

func (g *background) rpc(start, end int64) bool {
	if len(g.fl.callers) < 2 {
		return false
	}
	a, b := pick(g.r, g.fl.callers), pick(g.r, g.fl.callers)
	if a == b {
		return false
	}
	g.tcp(a, b, a.ip, b.ip, "", "", pick(g.r, rpcPorts), 100, 20_000, 100, 500_000, start, end, false)
	return true
}

func (g *background) statusGap(start, end int64) bool {
	h := pick(g.r, g.fl.status)
	st := statusNoData
	if g.r.intn(6) == 0 {
		st = statusSkipData
	}
	ws := start - (start-g.hourStart)%60
	g.out = append(g.out, statusRecord(h, st, ws, ws+int64(g.r.between(50, 59))))
	return true
}
