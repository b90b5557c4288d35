package queries

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/filter"
)

// These tests check that each report finds the scenario planted in the demo
// data (internal/demo/scenarios.go) with the known numbers.

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func TestPortScanFindsScanner(t *testing.T) {
	r := runDemo(t, "port-scan", nil, filter.Filter{})
	if len(r.rows) != 1 {
		t.Fatalf("want the one planted scan, got %v", r.rows)
	}
	if got := r.get(t, 0, "srcaddr"); got != demo.PortScanSource {
		t.Errorf("scanner %s, want %s", got, demo.PortScanSource)
	}
	if got := r.get(t, 0, "dstaddr"); got != demo.PortScanTarget {
		t.Errorf("target %s, want %s", got, demo.PortScanTarget)
	}
	if got := atoi(t, r.get(t, 0, "ports")); got != demo.PortScanPorts {
		t.Errorf("ports %d, want %d", got, demo.PortScanPorts)
	}
	if got, want := r.get(t, 0, "window_start"), fmt.Sprintf("2026-03-02 %02d:%02d:00+00", demo.PortScanHour, demo.PortScanMinute); got != want {
		t.Errorf("window %s, want %s", got, want)
	}
	// A threshold above the scan's port count finds nothing.
	r = runDemo(t, "port-scan", map[string]string{"min_ports": strconv.Itoa(demo.PortScanPorts + 1)}, filter.Filter{})
	if len(r.rows) != 0 {
		t.Errorf("min_ports above the scan still finds %v", r.rows)
	}
}

func TestHostSweepFindsRDPSweeper(t *testing.T) {
	r := runDemo(t, "host-sweep", nil, filter.Filter{})
	if len(r.rows) != 1 {
		t.Fatalf("want the one planted sweep, got %v", r.rows)
	}
	if got := r.get(t, 0, "srcaddr"); got != demo.SweepSource {
		t.Errorf("sweeper %s, want %s", got, demo.SweepSource)
	}
	if got := atoi(t, r.get(t, 0, "dstport")); got != demo.SweepPort {
		t.Errorf("port %d, want %d", got, demo.SweepPort)
	}
	if got := atoi(t, r.get(t, 0, "hosts")); got != demo.SweepHosts {
		t.Errorf("hosts %d, want %d", got, demo.SweepHosts)
	}
}

func TestConversationBothDirectionsInOrder(t *testing.T) {
	r := runDemo(t, "conversation", map[string]string{"a": demo.ConversationA, "b": demo.ConversationB}, filter.Filter{})
	if len(r.rows) != demo.ConversationRecords {
		t.Fatalf("%d records, want %d", len(r.rows), demo.ConversationRecords)
	}
	starts := r.col(t, "start_time")
	if !slices.IsSorted(starts) {
		t.Errorf("records are not in time order")
	}
	var aToB, bToA int64
	for i := range r.rows {
		b := atoi(t, r.get(t, i, "bytes"))
		switch r.get(t, i, "direction") {
		case "a -> b":
			aToB += b
			if r.get(t, i, "srcaddr") != demo.ConversationA {
				t.Errorf("row %d: a -> b from %s", i, r.get(t, i, "srcaddr"))
			}
		case "b -> a":
			bToA += b
		}
	}
	if aToB != demo.ConversationBytesAToB || bToA != demo.ConversationBytesBToA {
		t.Errorf("bytes a->b %d, b->a %d; want %d, %d", aToB, bToA, demo.ConversationBytesAToB, demo.ConversationBytesBToA)
	}
	// Swapping the ends swaps the directions, not the records.
	swapped := runDemo(t, "conversation", map[string]string{"a": demo.ConversationB, "b": demo.ConversationA}, filter.Filter{})
	if len(swapped.rows) != len(r.rows) {
		t.Errorf("swapped ends: %d records, want %d", len(swapped.rows), len(r.rows))
	}
}

func TestAdminPortsExposedFindsExposedHosts(t *testing.T) {
	r := runDemo(t, "admin-ports-exposed", nil, filter.Filter{})
	checkExposures(t, r, demo.AdminExposures)
}

func TestDatabasePortsExposedFindsExposedHosts(t *testing.T) {
	r := runDemo(t, "database-ports-exposed", nil, filter.Filter{})
	checkExposures(t, r, demo.DatabaseExposures)
}

// checkExposures compares the rows with the planted exposures, in order.
func checkExposures(t *testing.T, r result, want []demo.Exposure) {
	t.Helper()
	var got []demo.Exposure
	for i := range r.rows {
		got = append(got, demo.Exposure{
			Source: r.get(t, i, "source"),
			Host:   r.get(t, i, "host"),
			Port:   int(atoi(t, r.get(t, i, "port"))),
			Flows:  int(atoi(t, r.get(t, i, "flows"))),
		})
	}
	if !slices.Equal(got, want) {
		t.Errorf("exposures\n got %v\nwant %v", got, want)
	}
}

func TestLargeEgressFindsTheBigUpload(t *testing.T) {
	r := runDemo(t, "large-egress", nil, filter.Filter{})
	if len(r.rows) != 2 {
		t.Fatalf("want the upload and the off-hours pair, got %v", r.rows)
	}
	if r.get(t, 0, "srcaddr") != demo.LargeEgressSource || r.get(t, 0, "dstaddr") != demo.LargeEgressDestination {
		t.Errorf("largest pair %s -> %s, want %s -> %s", r.get(t, 0, "srcaddr"), r.get(t, 0, "dstaddr"), demo.LargeEgressSource, demo.LargeEgressDestination)
	}
	if got := atoi(t, r.get(t, 0, "bytes")); got != demo.LargeEgressBytes {
		t.Errorf("bytes %d, want %d", got, demo.LargeEgressBytes)
	}
	if got := atoi(t, r.get(t, 0, "flows")); got != demo.LargeEgressRecords {
		t.Errorf("flows %d, want %d", got, demo.LargeEgressRecords)
	}
	if got := atoi(t, r.get(t, 1, "bytes")); got != demo.OffHoursBytesOut {
		t.Errorf("second pair bytes %d, want the off-hours %d", got, demo.OffHoursBytesOut)
	}
	// A threshold between the two keeps only the upload.
	r = runDemo(t, "large-egress", map[string]string{"min_bytes": "1GB"}, filter.Filter{})
	if len(r.rows) != 1 || r.get(t, 0, "srcaddr") != demo.LargeEgressSource {
		t.Errorf("min_bytes=1GB: %v", r.rows)
	}
}

func TestTCPHalfOpenFindsSYNOnlySources(t *testing.T) {
	r := runDemo(t, "tcp-half-open", nil, filter.Filter{})
	if got := r.col(t, "srcaddr"); !slices.Equal(got, demo.HalfOpenSources) {
		t.Errorf("sources %v, want %v", got, demo.HalfOpenSources)
	}
	for i := range r.rows {
		if r.get(t, i, "dstaddr") != demo.HalfOpenTarget || atoi(t, r.get(t, i, "syns")) != demo.HalfOpenPerSource {
			t.Errorf("row %v, want %d SYNs to %s", r.rows[i], demo.HalfOpenPerSource, demo.HalfOpenTarget)
		}
	}
}

func TestBPARejectsShowsBPA(t *testing.T) {
	r := runDemo(t, "bpa-rejects", nil, filter.Filter{})
	if got := r.col(t, "srcaddr"); !slices.Equal(got, demo.BPASources) {
		t.Errorf("sources %v, want %v", got, demo.BPASources)
	}
	var attempts int64
	for i := range r.rows {
		if r.get(t, i, "reject_reason") != "BPA" || r.get(t, i, "dstaddr") != demo.BPATarget {
			t.Errorf("row %v, want BPA to %s", r.rows[i], demo.BPATarget)
		}
		attempts += atoi(t, r.get(t, i, "attempts"))
	}
	if attempts != demo.BPARejects {
		t.Errorf("attempts %d, want %d", attempts, demo.BPARejects)
	}
}

func TestECSServicesListsTheServices(t *testing.T) {
	r := runDemo(t, "ecs-services", nil, filter.Filter{})
	want := []string{"orders-worker", demo.ECSPaymentsService, "web-frontend"}
	if got := r.col(t, "ecs_service_name"); !slices.Equal(got, want) {
		t.Errorf("services %v, want %v", got, want)
	}
	for i := range r.rows {
		if r.get(t, i, "ecs_cluster_name") != demo.ECSClusterName {
			t.Errorf("cluster %s, want %s", r.get(t, i, "ecs_cluster_name"), demo.ECSClusterName)
		}
		if r.get(t, i, "ecs_service_name") == demo.ECSPaymentsService {
			if got := atoi(t, r.get(t, i, "flows")); got != demo.ECSPaymentsRecords {
				t.Errorf("payments-api flows %d, want %d", got, demo.ECSPaymentsRecords)
			}
			if got := atoi(t, r.get(t, i, "tasks")); got != int64(len(demo.ECSPaymentsTasks)) {
				t.Errorf("payments-api tasks %d, want %d", got, len(demo.ECSPaymentsTasks))
			}
		}
	}
}

func TestVisibilityGapsFindsTheSilentENI(t *testing.T) {
	r := runDemo(t, "visibility-gaps", nil, filter.Filter{})
	want := map[string]int64{"NODATA": demo.GapNoData, "SKIPDATA": demo.GapSkipData}
	for i := 0; i < 2; i++ {
		if r.get(t, i, "interface_id") != demo.GapENI {
			t.Fatalf("row %d: %v, want %s first", i, r.rows[i], demo.GapENI)
		}
		status := r.get(t, i, "log_status")
		if got := atoi(t, r.get(t, i, "windows")); got != want[status] {
			t.Errorf("%s windows %d, want %d", status, got, want[status])
		}
		if got := r.get(t, i, "ok_records"); got != "0" {
			t.Errorf("gap ENI has %s ordinary records, want 0", got)
		}
	}
}

func TestNATEgressByService(t *testing.T) {
	r := runDemo(t, "nat-egress-by-service", nil, filter.Filter{})
	want := map[string][3]int64{
		"S3":       {demo.NATS3Connections, demo.NATS3BytesOut, demo.NATS3BytesIn},
		"DYNAMODB": {demo.NATDynamoDBConnections, demo.NATDynamoDBBytesOut, demo.NATDynamoDBBytesIn},
		"-":        {demo.NATOtherConnections, demo.NATOtherBytesOut, demo.NATOtherBytesIn},
	}
	if len(r.rows) != len(want) {
		t.Fatalf("rows %v, want one per service", r.rows)
	}
	for i := range r.rows {
		svc := r.get(t, i, "aws_service")
		got := [3]int64{atoi(t, r.get(t, i, "flows")), atoi(t, r.get(t, i, "bytes_out")), atoi(t, r.get(t, i, "bytes_in"))}
		if got != want[svc] || r.get(t, i, "nat_interface") != demo.NATGatewayENI {
			t.Errorf("%s: flows, out, in %v on %s; want %v on %s", svc, got, r.get(t, i, "nat_interface"), want[svc], demo.NATGatewayENI)
		}
	}
	if r.get(t, 0, "gateway_endpoint_candidate") != "S3 gateway endpoint" {
		t.Errorf("S3 is not flagged as a gateway endpoint candidate: %v", r.rows[0])
	}
}

func TestUnusualProtocolsAndFlood(t *testing.T) {
	r := runDemo(t, "unusual-protocols", nil, filter.Filter{})
	var gre, esp int64
	for i := range r.rows {
		switch r.get(t, i, "protocol_name") {
		case "GRE":
			gre += atoi(t, r.get(t, i, "flows"))
		case "ESP":
			esp += atoi(t, r.get(t, i, "flows"))
		default:
			t.Errorf("unexpected protocol %v", r.rows[i])
		}
	}
	if gre != demo.GRERecords || esp != demo.ESPRecords {
		t.Errorf("GRE %d, ESP %d records; want %d, %d", gre, esp, demo.GRERecords, demo.ESPRecords)
	}

	f := runDemo(t, "high-packets-low-bytes", nil, filter.Filter{})
	if len(f.rows) != 1 || f.get(t, 0, "srcaddr") != demo.FloodSource || f.get(t, 0, "dstaddr") != demo.FloodTarget {
		t.Fatalf("flood rows %v, want %s -> %s", f.rows, demo.FloodSource, demo.FloodTarget)
	}
	if atoi(t, f.get(t, 0, "packets")) != demo.FloodPackets || atoi(t, f.get(t, 0, "bytes")) != demo.FloodBytes {
		t.Errorf("flood %v, want %d packets, %d bytes", f.rows[0], demo.FloodPackets, demo.FloodBytes)
	}
}

func TestOffHoursAndRejectedSources(t *testing.T) {
	r := runDemo(t, "off-hours", nil, filter.Filter{})
	if r.get(t, 0, "srcaddr") != demo.OffHoursSource || r.get(t, 0, "dstaddr") != demo.OffHoursDestination {
		t.Errorf("top off-hours pair %v, want %s -> %s", r.rows[0], demo.OffHoursSource, demo.OffHoursDestination)
	}
	if got := atoi(t, r.get(t, 0, "flows")); got != demo.OffHoursConnections {
		t.Errorf("off-hours connections %d, want %d", got, demo.OffHoursConnections)
	}

	s := runDemo(t, "top-rejected-sources", map[string]string{"limit": "3"}, filter.Filter{})
	want := []string{demo.PortScanSource, demo.BruteForceSource, demo.SweepSource}
	if got := s.col(t, "srcaddr"); !slices.Equal(got, want) {
		t.Errorf("top rejected sources %v, want %v", got, want)
	}
	if got := atoi(t, s.get(t, 1, "rejects")); got != demo.BruteForceRejects {
		t.Errorf("brute-force rejects %d, want %d", got, demo.BruteForceRejects)
	}
}

func TestIPActivityOfOneAddress(t *testing.T) {
	r := runDemo(t, "ip-activity", map[string]string{"ip": demo.BruteForceSource}, filter.Filter{})
	var rejected, out, in int64
	for i := range r.rows {
		if r.get(t, i, "address") != demo.BruteForceSource || r.get(t, i, "peer") != demo.BruteForceTarget {
			t.Errorf("row %v: want %s with %s", r.rows[i], demo.BruteForceSource, demo.BruteForceTarget)
		}
		n := atoi(t, r.get(t, i, "flows"))
		if r.get(t, i, "action") == "REJECT" {
			rejected += n
		}
		if r.get(t, i, "direction") == "out" {
			out += n
		} else {
			in += n
		}
	}
	if rejected != demo.BruteForceRejects || out != demo.BruteForceRejects+demo.BruteForceAccepts || in != demo.BruteForceAccepts {
		t.Errorf("rejected %d, out %d, in %d; want %d, %d, %d", rejected, out, in,
			demo.BruteForceRejects, demo.BruteForceRejects+demo.BruteForceAccepts, demo.BruteForceAccepts)
	}
}
