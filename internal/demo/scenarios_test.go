package demo

import (
	"net/netip"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// scenarioData is a generated data set, read back and indexed.
type scenarioData struct {
	opts Options
	rows []row
}

// hourOf returns the scenario day offset and UTC hour of unix time t.
func (d scenarioData) hourOf(t int64) (day, hour int) {
	start := time.Date(d.opts.Start.Year(), d.opts.Start.Month(), d.opts.Start.Day(), 0, 0, 0, 0, time.UTC).Unix()
	return int((t - start) / 86400), int((t - start) % 86400 / 3600)
}

func (d scenarioData) where(f func(r row) bool) []row {
	var out []row
	for _, r := range d.rows {
		if f(r) {
			out = append(out, r)
		}
	}
	return out
}

func sum(rows []row, field string) int64 {
	var n int64
	for _, r := range rows {
		n += r.n(field)
	}
	return n
}

func distinct(rows []row, field string) int {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.s(field)] = true
	}
	return len(seen)
}

func isPublic(addr string) bool {
	a, err := netip.ParseAddr(addr)
	return err == nil && !a.IsPrivate()
}

func in(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// expectAt checks that rows are all in the given day and hour (or hours).
func (d scenarioData) expectAt(t *testing.T, what string, rows []row, day, firstHour, lastHour int) {
	t.Helper()
	for _, r := range rows {
		gd, gh := d.hourOf(r.n("start"))
		if gd != day || gh < firstHour || gh > lastHour {
			t.Errorf("%s: record at day %d hour %d, want day %d hours %d-%d", what, gd, gh, day, firstHour, lastHour)
			return
		}
	}
}

func expectEq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestScenarios checks every documented answer of scenarios.go on generated
// data, in the mixed formats with the default options (a tenth of the
// records with -short) and with only v2 files.
func TestScenarios(t *testing.T) {
	mixed := Options{}
	if testing.Short() {
		mixed.Records = DefaultRecords / 10
	}
	tests := []struct {
		name string
		opts Options
		full bool // all fields visible (mixed formats)
	}{
		{"mixed defaults", mixed, true},
		{"v2 minimum", Options{Records: ScenarioMinRecords, Files: ScenarioMinFiles, Days: ScenarioMinDays, Formats: FormatV2, Seed: 99}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, s := generate(t, tt.opts)
			if !s.Scenarios {
				t.Fatal("scenarios not planted")
			}
			opts, _ := tt.opts.withDefaults()
			d := scenarioData{opts: opts, rows: allRows(readDir(t, dir))}
			checkScenarios(t, d, tt.full)
		})
	}
}

func checkScenarios(t *testing.T, d scenarioData, full bool) {
	t.Run("brute force", func(t *testing.T) {
		from := d.where(func(r row) bool { return r.s("srcaddr") == BruteForceSource })
		to := d.where(func(r row) bool { return r.s("dstaddr") == BruteForceSource })
		rej := d.where(func(r row) bool { return r.s("srcaddr") == BruteForceSource && r.s("action") == "REJECT" })
		expectEq(t, "records from source", len(from), BruteForceRejects+BruteForceAccepts)
		expectEq(t, "REJECTs", len(rej), BruteForceRejects)
		expectEq(t, "replies", len(to), BruteForceAccepts)
		for _, r := range append(from, to...) {
			if r.s("interface-id") != BruteForceTargetENI || r.s("account-id") != AccountA ||
				(r.n("dstport") != 22 && r.n("srcport") != 22) {
				t.Fatalf("unexpected record %v", r.v)
			}
		}
		d.expectAt(t, "brute force", from, BruteForceDay, BruteForceHour, BruteForceHour)
	})
	t.Run("port scan", func(t *testing.T) {
		rows := d.where(func(r row) bool { return r.s("srcaddr") == PortScanSource })
		expectEq(t, "records", len(rows), PortScanPorts)
		expectEq(t, "distinct ports", distinct(rows, "dstport"), PortScanPorts)
		expectEq(t, "distinct targets", distinct(rows, "dstaddr"), 1)
		var lo, hi int64 = 1 << 62, 0
		for _, r := range rows {
			lo, hi = min(lo, r.n("start")), max(hi, r.n("end"))
			if r.s("action") != "REJECT" || r.s("dstaddr") != PortScanTarget || r.s("interface-id") != PortScanTargetENI {
				t.Fatalf("unexpected record %v", r.v)
			}
			if full && r.s("tcp-flags") != "2" {
				t.Fatalf("tcp-flags %q, want 2", r.s("tcp-flags"))
			}
		}
		if hi-lo >= 600 {
			t.Errorf("scan spans %d s, want under 10 minutes", hi-lo)
		}
		_, h := d.hourOf(lo)
		expectEq(t, "first minute", lo%3600/60, int64(PortScanMinute))
		expectEq(t, "hour", h, PortScanHour)
		d.expectAt(t, "port scan", rows, PortScanDay, PortScanHour, PortScanHour)
	})
	t.Run("sweep", func(t *testing.T) {
		rows := d.where(func(r row) bool { return r.s("srcaddr") == SweepSource })
		expectEq(t, "records", len(rows), SweepHosts)
		expectEq(t, "distinct hosts", distinct(rows, "dstaddr"), SweepHosts)
		expectEq(t, "distinct ports", distinct(rows, "dstport"), 1)
		expectEq(t, "port", rows[0].n("dstport"), int64(SweepPort))
		expectEq(t, "first host", rows[0].s("dstaddr"), SweepFirstHost)
		d.expectAt(t, "sweep", rows, SweepDay, SweepHour, SweepHour)
	})
	t.Run("large egress", func(t *testing.T) {
		out := d.where(func(r row) bool {
			return r.s("srcaddr") == LargeEgressSource && r.s("dstaddr") == LargeEgressDestination
		})
		expectEq(t, "records", len(out), LargeEgressRecords)
		expectEq(t, "bytes", sum(out, "bytes"), int64(LargeEgressBytes))
		expectEq(t, "connections", distinct(out, "srcport"), LargeEgressConnections)
		d.expectAt(t, "large egress", out, LargeEgressDay, LargeEgressHour, LargeEgressHour)
		// It is the largest (internal, external) pair, the off-hours pair the
		// second, and no other moves 100 MB.
		pairs := map[[2]string]int64{}
		for _, r := range d.rows {
			if r.s("log-status") == "OK" && !isPublic(r.s("srcaddr")) && isPublic(r.s("dstaddr")) {
				pairs[[2]string{r.s("srcaddr"), r.s("dstaddr")}] += r.n("bytes")
			}
		}
		expectEq(t, "off-hours pair bytes", pairs[[2]string{OffHoursSource, OffHoursDestination}], int64(OffHoursBytesOut))
		delete(pairs, [2]string{LargeEgressSource, LargeEgressDestination})
		delete(pairs, [2]string{OffHoursSource, OffHoursDestination})
		for p, n := range pairs {
			if n >= 100_000_000 {
				t.Errorf("pair %v moved %d bytes, want < 100 MB", p, n)
			}
		}
	})
	t.Run("NAT gateway", func(t *testing.T) {
		nat := d.where(func(r row) bool { return r.s("interface-id") == NATGatewayENI })
		client := d.where(func(r row) bool { return r.s("interface-id") == NATClientENI })
		conns := NATS3Connections + NATDynamoDBConnections + NATOtherConnections
		expectEq(t, "NAT ENI records", len(nat), 4*conns)
		expectEq(t, "client ENI records", len(client), 2*conns)
		expectEq(t, "records per connection", (len(nat)+len(client))/conns, NATRecordsPerConn)
		d.expectAt(t, "NAT", append(nat, client...), NATDay, NATHour, NATHour)
		for _, c := range []struct {
			name    string
			dsts    []string
			svc     string
			conns   int
			out, in int64
		}{
			{"S3", NATS3Destinations, "S3", NATS3Connections, NATS3BytesOut, NATS3BytesIn},
			{"DynamoDB", []string{NATDynamoDBDestination}, "DYNAMODB", NATDynamoDBConnections, NATDynamoDBBytesOut, NATDynamoDBBytesIn},
			{"other", []string{NATOtherDestination}, "-", NATOtherConnections, NATOtherBytesOut, NATOtherBytesIn},
		} {
			out := d.where(func(r row) bool { return r.s("srcaddr") == NATClient && in(r.s("dstaddr"), c.dsts...) })
			back := d.where(func(r row) bool { return in(r.s("srcaddr"), c.dsts...) && r.s("dstaddr") == NATClient })
			expectEq(t, c.name+" connections", len(out), c.conns)
			expectEq(t, c.name+" bytes out", sum(out, "bytes"), c.out)
			expectEq(t, c.name+" bytes in", sum(back, "bytes"), c.in)
			if !full {
				continue
			}
			// On the NAT ENI the real destination is in pkt-dstaddr / pkt-srcaddr.
			viaNAT := d.where(func(r row) bool {
				return r.s("interface-id") == NATGatewayENI && (in(r.s("pkt-dstaddr"), c.dsts...) || in(r.s("pkt-srcaddr"), c.dsts...))
			})
			expectEq(t, c.name+" NAT ENI records", len(viaNAT), 4*c.conns)
			expectEq(t, c.name+" NAT ENI bytes", sum(viaNAT, "bytes"), 2*(c.out+c.in))
			for _, r := range viaNAT {
				svc := r.s("pkt-dst-aws-service")
				if in(r.s("pkt-srcaddr"), c.dsts...) {
					svc = r.s("pkt-src-aws-service")
				}
				if svc != c.svc || r.s("instance-id") != "-" {
					t.Fatalf("%s: record %v: service %s, want %s and no instance", c.name, r.v, svc, c.svc)
				}
			}
			hidden := d.where(func(r row) bool {
				return r.s("interface-id") == NATGatewayENI && r.s("srcaddr") == NATClient && in(r.s("pkt-dstaddr"), c.dsts...)
			})
			expectEq(t, c.name+" client->NAT records whose pkt-dstaddr is the destination", len(hidden), c.conns)
		}
	})
	t.Run("exposures", func(t *testing.T) {
		admin, db := map[Exposure]int{}, map[Exposure]int{}
		for _, r := range d.rows {
			if r.s("action") != "ACCEPT" || !isPublic(r.s("srcaddr")) {
				continue
			}
			port := int(r.n("dstport"))
			e := Exposure{Source: r.s("srcaddr"), Host: r.s("dstaddr"), Port: port}
			switch port {
			case 22, 3389, 5985:
				admin[e]++
			case 1433, 3306, 5432:
				db[e]++
			}
		}
		want := func(list []Exposure) map[Exposure]int {
			m := map[Exposure]int{}
			for _, e := range list {
				m[Exposure{Source: e.Source, Host: e.Host, Port: e.Port}] += e.Flows
			}
			return m
		}
		if diff := cmp.Diff(want(AdminExposures), admin); diff != "" {
			t.Errorf("accepted admin connections from public addresses (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want(DatabaseExposures), db); diff != "" {
			t.Errorf("accepted database connections from public addresses (-want +got):\n%s", diff)
		}
		rows := d.where(func(r row) bool {
			return in(r.s("srcaddr"), "192.0.2.10", "192.0.2.11", "192.0.2.12", DatabaseExposureSource)
		})
		d.expectAt(t, "exposures", rows, ExposureDay, ExposureHour, ExposureHour)
	})
	t.Run("half-open", func(t *testing.T) {
		for _, src := range HalfOpenSources {
			syn := d.where(func(r row) bool { return r.s("srcaddr") == src })
			back := d.where(func(r row) bool { return r.s("dstaddr") == src })
			expectEq(t, src+" SYNs", len(syn), HalfOpenPerSource)
			expectEq(t, src+" replies", len(back), 0)
			for _, r := range syn {
				if r.s("action") != "ACCEPT" || r.s("dstaddr") != HalfOpenTarget || r.n("dstport") != 443 || (full && r.s("tcp-flags") != "2") {
					t.Fatalf("unexpected record %v", r.v)
				}
			}
			d.expectAt(t, "half-open", syn, HalfOpenDay, HalfOpenHour, HalfOpenHour)
		}
		if !full {
			return
		}
		// Everywhere else an accepted SYN gets a SYN-ACK on the same ENI.
		synAck := map[string]bool{}
		for _, r := range d.rows {
			if r.s("tcp-flags") != "" && r.n("tcp-flags")&18 == 18 {
				synAck[r.s("interface-id")+" "+r.s("dstaddr")+" "+r.s("dstport")+" "+r.s("srcaddr")+" "+r.s("srcport")] = true
			}
		}
		halfOpen := map[string]int{}
		for _, r := range d.rows {
			if r.s("action") == "ACCEPT" && r.s("tcp-flags") != "" && r.n("tcp-flags") == 2 &&
				!synAck[r.s("interface-id")+" "+r.s("srcaddr")+" "+r.s("srcport")+" "+r.s("dstaddr")+" "+r.s("dstport")] {
				halfOpen[r.s("srcaddr")]++
			}
		}
		want := map[string]int{}
		for _, s := range HalfOpenSources {
			want[s] = HalfOpenPerSource
		}
		if diff := cmp.Diff(want, halfOpen); diff != "" {
			t.Errorf("accepted SYNs without SYN-ACK by source (-want +got):\n%s", diff)
		}
	})
	t.Run("unusual protocols and flood", func(t *testing.T) {
		odd := d.where(func(r row) bool { p := r.n("protocol"); return p >= 0 && p != 1 && p != 6 && p != 17 })
		byProto := map[int64]int{}
		for _, r := range odd {
			byProto[r.n("protocol")]++
			peer := r.s("srcaddr")
			if peer == VPNHost {
				peer = r.s("dstaddr")
			}
			if !in(peer, GREPeer, ESPPeer) {
				t.Errorf("unexpected record %v", r.v)
			}
		}
		if diff := cmp.Diff(map[int64]int{47: GRERecords, 50: ESPRecords}, byProto); diff != "" {
			t.Errorf("records by unusual protocol (-want +got):\n%s", diff)
		}
		d.expectAt(t, "unusual protocols", odd, UnusualDay, UnusualHour, UnusualHour)
		flood := d.where(func(r row) bool { return r.n("packets") > 1000 && r.n("bytes") < 60*r.n("packets") })
		expectEq(t, "flood records", len(flood), FloodRecords)
		expectEq(t, "flood packets", sum(flood, "packets"), int64(FloodPackets))
		expectEq(t, "flood bytes", sum(flood, "bytes"), int64(FloodBytes))
		for _, r := range flood {
			if r.s("srcaddr") != FloodSource || r.s("dstaddr") != FloodTarget {
				t.Errorf("unexpected flood record %v", r.v)
			}
		}
		d.expectAt(t, "flood", flood, UnusualDay, UnusualHour, UnusualHour)
	})
	t.Run("off-hours", func(t *testing.T) {
		all := d.where(func(r row) bool { return r.s("srcaddr") == OffHoursSource || r.s("dstaddr") == OffHoursSource })
		out := d.where(func(r row) bool { return r.s("srcaddr") == OffHoursSource && r.s("dstaddr") == OffHoursDestination })
		back := d.where(func(r row) bool { return r.s("srcaddr") == OffHoursDestination && r.s("dstaddr") == OffHoursSource })
		expectEq(t, "all records of the host", len(all), 2*OffHoursConnections)
		expectEq(t, "connections", len(out), OffHoursConnections)
		expectEq(t, "bytes out", sum(out, "bytes"), int64(OffHoursBytesOut))
		expectEq(t, "bytes in", sum(back, "bytes"), int64(OffHoursBytesIn))
		d.expectAt(t, "off-hours", all, OffHoursDay, OffHoursFirstHour, OffHoursLastHour)
	})
	t.Run("BPA and ECS", func(t *testing.T) {
		if !full {
			return
		}
		bpa := d.where(func(r row) bool { return r.s("reject-reason") == "BPA" })
		expectEq(t, "BPA rejects", len(bpa), BPARejects)
		for _, r := range bpa {
			if r.s("dstaddr") != BPATarget || !in(r.s("srcaddr"), BPASources...) || r.s("action") != "REJECT" {
				t.Errorf("unexpected BPA record %v", r.v)
			}
		}
		d.expectAt(t, "BPA", bpa, BPADay, BPAHour, BPAHour)
		ecs := d.where(func(r row) bool { return r.s("ecs-service-name") == ECSPaymentsService })
		expectEq(t, "payments-api records", len(ecs), ECSPaymentsRecords)
		for _, r := range ecs {
			if r.s("ecs-cluster-name") != ECSClusterName || !in(r.s("srcaddr"), ECSPaymentsTasks...) && !in(r.s("dstaddr"), ECSPaymentsTasks...) {
				t.Errorf("unexpected ECS record %v", r.v)
			}
		}
		d.expectAt(t, "ECS", ecs, BPADay, BPAHour, BPAHour)
		dbSide := d.where(func(r row) bool {
			return r.s("ecs-service-name") == "-" && (in(r.s("srcaddr"), ECSPaymentsTasks...) || in(r.s("dstaddr"), ECSPaymentsTasks...))
		})
		expectEq(t, "database ENI records", len(dbSide), 2*ECSPaymentsDBConnections)
		ext := d.where(func(r row) bool {
			return in(r.s("srcaddr"), ECSPaymentsTasks...) && r.s("dstaddr") == ECSPaymentsExternal
		})
		expectEq(t, "external connections", len(ext), ECSPaymentsExternalConnections)
		services := map[string]bool{}
		for _, r := range d.rows {
			if v, ok := r.get("ecs-service-name"); ok && v != "-" {
				services[v] = true
			}
		}
		if diff := cmp.Diff(map[string]bool{"web-frontend": true, "orders-worker": true, ECSPaymentsService: true}, services); diff != "" {
			t.Errorf("ECS services (-want +got):\n%s", diff)
		}
	})
	t.Run("visibility gap", func(t *testing.T) {
		rows := d.where(func(r row) bool { return r.s("interface-id") == GapENI })
		status := map[string]int{}
		for _, r := range rows {
			status[r.s("log-status")]++
		}
		if diff := cmp.Diff(map[string]int{"NODATA": GapNoData, "SKIPDATA": GapSkipData}, status); diff != "" {
			t.Errorf("log-status of the gap ENI (-want +got):\n%s", diff)
		}
		d.expectAt(t, "gap", rows, GapDay, GapHour, GapHour)
		starts := make([]int, 0, len(rows))
		for _, r := range rows {
			starts = append(starts, int(r.n("start")%3600/60))
		}
		sort.Ints(starts)
		var want []int
		for m := 5; m < 25; m++ {
			want = append(want, m)
		}
		for m := 30; m < 40; m++ {
			want = append(want, m)
		}
		if diff := cmp.Diff(want, starts); diff != "" {
			t.Errorf("gap windows (minutes) (-want +got):\n%s", diff)
		}
	})
	t.Run("conversation", func(t *testing.T) {
		all := d.where(func(r row) bool {
			return in(r.s("srcaddr"), ConversationA, ConversationB) || in(r.s("dstaddr"), ConversationA, ConversationB)
		})
		ab := d.where(func(r row) bool { return r.s("srcaddr") == ConversationA && r.s("dstaddr") == ConversationB })
		ba := d.where(func(r row) bool { return r.s("srcaddr") == ConversationB && r.s("dstaddr") == ConversationA })
		expectEq(t, "records of A and B", len(all), ConversationRecords)
		expectEq(t, "A to B records", len(ab), ConversationRecords/2)
		expectEq(t, "B to A records", len(ba), ConversationRecords/2)
		expectEq(t, "A to B bytes", sum(ab, "bytes"), int64(ConversationBytesAToB))
		expectEq(t, "B to A bytes", sum(ba, "bytes"), int64(ConversationBytesBToA))
		expectEq(t, "connections", distinct(ab, "srcport"), ConversationConnections)
		expectEq(t, "A to B port", ab[0].n("dstport"), int64(ConversationPort))
		enis := map[string]int{}
		for _, r := range all {
			enis[r.s("interface-id")]++
		}
		if diff := cmp.Diff(map[string]int{ConversationAENI: ConversationRecords / 2, ConversationBENI: ConversationRecords / 2}, enis); diff != "" {
			t.Errorf("records by ENI (-want +got):\n%s", diff)
		}
		d.expectAt(t, "conversation", all, ConversationDay, ConversationHour, ConversationHour)
	})
	t.Run("nacl-dropped replies", func(t *testing.T) {
		all := d.where(func(r row) bool { return in(NACLServer, r.s("srcaddr"), r.s("dstaddr")) })
		queries := d.where(func(r row) bool {
			return r.s("srcaddr") == NACLClient && r.s("dstaddr") == NACLServer && r.n("dstport") == NACLPort && r.s("action") == "ACCEPT"
		})
		replies := d.where(func(r row) bool {
			return r.s("srcaddr") == NACLServer && r.s("dstaddr") == NACLClient && r.n("srcport") == NACLPort && r.s("action") == "REJECT"
		})
		expectEq(t, "records", len(all), 2*NACLQueries)
		expectEq(t, "accepted queries", len(queries), NACLQueries)
		expectEq(t, "rejected replies", len(replies), NACLQueries)
		for _, r := range all {
			expectEq(t, "interface", r.s("interface-id"), NACLClientENI)
		}
		d.expectAt(t, "nacl", all, NACLDay, NACLHour, NACLHour)
	})
	t.Run("detection incidents", func(t *testing.T) {
		for _, tt := range []struct {
			name      string
			peer      string
			out, back int
			day, hour int
		}{
			{"beacon", BeaconDestination, BeaconConnections, BeaconConnections, BeaconDay, BeaconHour},
			{"dns exfiltration", DNSExfilResolver, DNSExfilQueries, DNSExfilQueries, DNSExfilDay, DNSExfilHour},
			{"mining", MiningPool, MiningMinutes, MiningMinutes, MiningDay, MiningHour},
			{"unidirectional egress", UniDestination, UniRecords, 0, UniDay, UniHour},
		} {
			all := d.where(func(r row) bool { return in(tt.peer, r.s("srcaddr"), r.s("dstaddr")) })
			out := d.where(func(r row) bool { return r.s("dstaddr") == tt.peer && r.s("action") == "ACCEPT" })
			expectEq(t, tt.name+" records out", len(out), tt.out)
			expectEq(t, tt.name+" records back", len(all)-len(out), tt.back)
			d.expectAt(t, tt.name, all, tt.day, tt.hour, tt.hour)
		}
	})
	t.Run("documentation ranges belong to scenarios", func(t *testing.T) {
		known := map[string]bool{BruteForceSource: true, PortScanSource: true, SweepSource: true,
			LargeEgressDestination: true, NATOtherDestination: true, DatabaseExposureSource: true,
			GREPeer: true, ESPPeer: true, FloodSource: true, OffHoursDestination: true, ECSPaymentsExternal: true, NACLServer: true,
			BeaconDestination: true, DNSExfilResolver: true, MiningPool: true, UniDestination: true}
		for _, e := range AdminExposures {
			known[e.Source] = true
		}
		for _, l := range [][]string{HalfOpenSources, BPASources} {
			for _, a := range l {
				known[a] = true
			}
		}
		for _, r := range d.rows {
			for _, a := range []string{r.s("srcaddr"), r.s("dstaddr")} {
				if (strings.HasPrefix(a, "192.0.2.") || strings.HasPrefix(a, "198.51.100.") || strings.HasPrefix(a, "203.0.113.")) && !known[a] {
					t.Fatalf("address %s is in a documentation range but no scenario's: %v", a, r.v)
				}
			}
		}
	})
}
