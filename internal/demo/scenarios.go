package demo

// This file documents the planted scenarios: fixed traffic with known answers
// that Generate adds on top of the random background, so that saved reports
// can be tested against exact numbers.
//
// The scenarios are planted when Records >= ScenarioMinRecords, Files >=
// ScenarioMinFiles and Days >= ScenarioMinDays (all true for the defaults);
// Summary.Scenarios tells whether they were. They do not depend on Seed,
// Records or Files: the same records, byte for byte, land in a file of the
// same flow log, day and hour. Their times are given as a day offset from
// Options.Start plus a UTC hour; with the default Start, day 0 is 2026-03-02
// and day 1 is 2026-03-03.
//
// Every record of a connection between two hosts of the estate is logged twice,
// once by each ENI; a connection with one external end is logged once, by the
// internal ENI (request and reply: two records, or one when there is no reply).
// Counts below are counts of records in the files, as a query over the loaded
// table sees them.
//
// Which fields are visible depends on the file format: with Formats "mixed",
// flow logs 0 and 3 (account A us-east-1, account B eu-west-1) are v2, flow
// logs 1 and 2 (account A eu-west-1, account B us-east-1) are v5 and flow log 4
// (account B us-east-1, the ECS VPC) is v10. Scenarios that need tcp-flags,
// pkt-* or flow-direction fields are planted in v5/v10 flow logs; BPA and ECS
// need v10 and are only visible with Formats "mixed". With Formats "v2" every
// record is still there, without the extra fields.
//
// The background traffic keeps out of the scenarios' way, so the answers
// below are exact whatever Records is:
//   - it never uses 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24: every
//     address in those ranges belongs to a scenario;
//   - it never uses a reserved scenario host (ConversationA, ConversationB,
//     OffHoursSource, GapHost, NATGatewayPrivateIP, NATClient, ECSPaymentsTasks);
//   - it uses protocols 1, 6 and 17 only;
//   - it never ACCEPTs traffic from a public address to ports 22, 3389, 5985,
//     1433, 3306 or 5432 (internet noise to them is REJECTed, from a large pool
//     of addresses that each hit only a few public web and bastion hosts);
//   - every ACCEPTed TCP SYN it logs has a SYN-ACK (18) reply;
//   - none of its records has more than 1000 packets and fewer than 60 bytes a packet;
//   - its reject-reason is always "-", and its ECS services are web-frontend
//     and orders-worker;
//   - no background record carries more than 30 MB, and no background pair
//     of an internal source and an external destination adds up to 100 MB
//     (checked up to 10 million records).

// DatasetVersion changes whenever the records Generate writes for the same
// options change (a scenario planted or altered): caches of generated files
// are keyed by it.
const DatasetVersion = 3

// Thresholds for planting the scenarios.
const (
	// ScenarioMinRecords is the smallest Records that gets the scenarios.
	ScenarioMinRecords = 10_000
	// ScenarioMinFiles is the number of files the scenarios occupy.
	ScenarioMinFiles = 14
	// ScenarioMinDays is the number of days the scenarios span.
	ScenarioMinDays = 2
	// ScenarioRecords is the number of records the scenarios add, all together.
	ScenarioRecords = 3212
)

// Accounts and regions of the estate. Flow logs: 0 = A/us-east-1, 1 =
// A/eu-west-1, 2 = B/us-east-1, 3 = B/eu-west-1, 4 = B/us-east-1 (ECS VPC).
const (
	AccountA      = "111122223333"
	AccountB      = "444455556666"
	RegionUSEast1 = "us-east-1"
	RegionEUWest1 = "eu-west-1"
)

// SSH brute force: BruteForceSource tries SSH on BruteForceTarget (bastion of
// flow log 0, account A, us-east-1) on day 0 between 14:05 and 14:51 UTC. It
// makes BruteForceRejects REJECTed attempts (one record each, srcaddr =
// BruteForceSource, dstport 22, 1 or 2 packets, tcp-flags 2) from 14:05:00
// every 8 s, then BruteForceAccepts ACCEPTed logins from 14:45 every minute,
// each logged as a request (dstport 22) and a reply (srcport 22, dstaddr =
// BruteForceSource). Records with srcaddr = BruteForceSource:
// BruteForceRejects + BruteForceAccepts; with dstaddr = BruteForceSource:
// BruteForceAccepts.
const (
	BruteForceSource         = "198.51.100.23"
	BruteForceTarget         = "10.10.0.10"
	BruteForceTargetENI      = "eni-0c2117a77680d650c"
	BruteForceTargetInstance = "i-0335c0351720b0a74"
	BruteForceDay            = 0
	BruteForceHour           = 14
	BruteForceRejects        = 300
	BruteForceAccepts        = 6
)

// Vertical port scan: PortScanSource probes every port from 1 to PortScanPorts
// on PortScanTarget (web-1 of flow log 2, account B, us-east-1, v5 in "mixed")
// on day 0 within 09:20:00-09:29:59 UTC: one REJECTed record per port, TCP,
// 1 packet, 44 bytes, tcp-flags 2 (SYN), source port 54321.
const (
	PortScanSource    = "203.0.113.50"
	PortScanTarget    = "10.30.0.21"
	PortScanTargetENI = "eni-00781042f5745195f"
	PortScanDay       = 0
	PortScanHour      = 9
	PortScanMinute    = 20 // the scan runs from :20:00 to :29:59
	PortScanPorts     = 1200
)

// Horizontal sweep: SweepSource tries port 3389 on SweepHosts Windows desktops
// of flow log 1 (account A, eu-west-1, v5), 10.20.4.10 to 10.20.4.69, one
// REJECTed record each (2 packets, 104 bytes, tcp-flags 2), on day 1 from
// 11:02:00 UTC every 3 s.
const (
	SweepSource    = "203.0.113.77"
	SweepPort      = 3389
	SweepHosts     = 60
	SweepFirstHost = "10.20.4.10"
	SweepDay       = 1
	SweepHour      = 11
)

// Large egress: LargeEgressSource (flow log 3, account B, eu-west-1) uploads
// to LargeEgressDestination port 443 over LargeEgressConnections connections
// on day 1 from 16:10, 16:22 and 16:34 UTC, each lasting 10 one-minute
// windows: LargeEgressRecords ACCEPTed records from source to destination
// totalling LargeEgressBytes bytes, and as many replies (66-byte ACKs). It is
// the largest pair of an internal source and an external destination; the
// off-hours pair (OffHoursBytesOut) is the second, and no other reaches 100 MB.
const (
	LargeEgressSource      = "10.40.10.15"
	LargeEgressDestination = "203.0.113.200"
	LargeEgressDay         = 1
	LargeEgressHour        = 16
	LargeEgressConnections = 3
	LargeEgressRecords     = 30
	LargeEgressBytes       = 3_840_000_000
)

// NAT gateway: NATClient (an ETL instance of flow log 2, account B, us-east-1,
// v5 in "mixed") reaches the internet through the NAT gateway ENI
// NATGatewayENI (private address NATGatewayPrivateIP) on day 0, hour 10 UTC.
// Each connection is logged as in AWS's NAT gateway example, six records:
// on the NAT gateway ENI (instance-id "-") client->NAT (pkt-dstaddr = the real
// destination), NAT->destination, destination->NAT, NAT->client (pkt-srcaddr =
// the real destination); on NATClientENI client->destination and back.
// Destinations: NATS3Destinations (pkt-dst-aws-service S3) over
// NATS3Connections connections, NATDynamoDBDestination (DYNAMODB) over
// NATDynamoDBConnections, NATOtherDestination (no AWS service) over
// NATOtherConnections, all port 443. The *BytesOut constants are the bytes of
// one record in the client->destination direction summed over the
// connections (each such record of a connection carries the same bytes), the
// *BytesIn constants the same for the reply direction. So the NAT gateway ENI
// carries 2*(NATS3BytesOut+NATS3BytesIn) bytes in records with S3 as
// pkt-src-aws-service or pkt-dst-aws-service.
const (
	NATGatewayENI          = "eni-024aa65cabe7ddf52"
	NATGatewayID           = "nat-02720125554cb035f"
	NATGatewayPrivateIP    = "10.30.0.220"
	NATClient              = "10.30.10.5"
	NATClientENI           = "eni-0d69fd194c5b51d2d"
	NATDay                 = 0
	NATHour                = 10
	NATRecordsPerConn      = 6
	NATS3Connections       = 20
	NATS3BytesOut          = 49_500_000
	NATS3BytesIn           = 2_590_000
	NATDynamoDBDestination = "3.218.180.10"
	NATDynamoDBConnections = 10
	NATDynamoDBBytesOut    = 445_000
	NATDynamoDBBytesIn     = 6_450_000
	NATOtherDestination    = "203.0.113.5"
	NATOtherConnections    = 10
	NATOtherBytesOut       = 172_500
	NATOtherBytesIn        = 3_225_000
)

// NATS3Destinations are the S3 addresses of the NAT scenario; connections
// alternate between them, starting with the first.
var NATS3Destinations = []string{"52.216.8.21", "52.217.4.100"}

// Exposure is one planted (source, host, port) exposure: Flows ACCEPTed
// connections from the public address Source to Host:Port, each logged as a
// request and a reply record (2*Flows records).
type Exposure struct {
	Source string
	Host   string
	Port   int
	Flows  int
}

// AdminExposures are all ACCEPTed connections from public addresses to admin
// ports (22, 3389, 5985) in the whole data set: the brute-force logins (day 0,
// hour 14) and the exposure scenario, on flow log 0 (account A, us-east-1) on
// day 0 from 15:05 UTC, one connection every 2 minutes in list order.
var AdminExposures = []Exposure{
	{Source: BruteForceSource, Host: BruteForceTarget, Port: 22, Flows: BruteForceAccepts},
	{Source: "192.0.2.10", Host: "10.10.1.30", Port: 3389, Flows: 4},
	{Source: "192.0.2.11", Host: "10.10.1.30", Port: 3389, Flows: 2},
	{Source: "192.0.2.12", Host: "10.10.0.40", Port: 22, Flows: 3},
	{Source: "192.0.2.12", Host: "10.10.0.40", Port: 5985, Flows: 2},
}

// DatabaseExposures are all ACCEPTed connections from public addresses to
// database ports (1433, 3306, 5432) in the whole data set, planted after the
// admin exposures in the same hour.
var DatabaseExposures = []Exposure{
	{Source: DatabaseExposureSource, Host: "10.10.20.10", Port: 5432, Flows: 8},
	{Source: DatabaseExposureSource, Host: "10.10.20.11", Port: 3306, Flows: 4},
	{Source: DatabaseExposureSource, Host: "10.10.20.12", Port: 1433, Flows: 2},
}

// Exposure scenario placement.
const (
	DatabaseExposureSource = "192.0.2.44"
	ExposureDay            = 0
	ExposureHour           = 15
)

// TCP half-open: each of HalfOpenSources sends HalfOpenPerSource ACCEPTed
// SYNs (tcp-flags 2, 1 packet, 60 bytes, dstport 443) to HalfOpenTarget
// (web-1 of flow log 1, account A, eu-west-1, v5) on day 1 from 08:10 UTC,
// one every 6 s, and none gets a reply (no record back to the source at all,
// so no SYN-ACK 18).
const (
	HalfOpenTarget    = "10.20.0.15"
	HalfOpenPerSource = 40
	HalfOpenDay       = 1
	HalfOpenHour      = 8
)

// HalfOpenSources are the sources of the half-open SYNs.
var HalfOpenSources = []string{"198.51.100.101", "198.51.100.102", "198.51.100.103", "198.51.100.104", "198.51.100.105"}

// Unusual protocols and a packet flood on flow log 3 (account B, eu-west-1)
// on day 1, hour 13 UTC. VPNHost exchanges GRE (protocol 47) with GREPeer in
// windows 13:00-13:02 and ESP (protocol 50) with ESPPeer in windows
// 13:10-13:12: per protocol one record each way per window (GRERecords,
// ESPRecords), ports 0. These are the only records whose protocol is not 1, 6
// or 17. FloodSource floods FloodTarget with UDP to port 53 in FloodRecords
// REJECTed one-minute records from 13:30 UTC, FloodPackets packets and
// FloodBytes bytes in total, 40 bytes a packet; they are the only records with
// more than 1000 packets and fewer than 60 bytes a packet.
const (
	VPNHost      = "10.40.0.30"
	GREPeer      = "192.0.2.100"
	ESPPeer      = "192.0.2.101"
	GRERecords   = 6
	ESPRecords   = 6
	FloodSource  = "198.51.100.66"
	FloodTarget  = "10.40.0.20"
	FloodRecords = 10
	FloodPackets = 13_350_000
	FloodBytes   = 534_000_000
	UnusualDay   = 1
	UnusualHour  = 13
)

// Off-hours: OffHoursSource (a host of flow log 0, account A, us-east-1, that
// sends nothing else) connects to OffHoursDestination port 8443 every 5
// minutes from 01:02 to 03:57 UTC on day 1: OffHoursConnections connections,
// each a request record (OffHoursBytesOut in total) and a reply record
// (OffHoursBytesIn in total).
const (
	OffHoursSource      = "10.10.11.50"
	OffHoursDestination = "203.0.113.99"
	OffHoursDay         = 1
	OffHoursFirstHour   = 1
	OffHoursLastHour    = 3
	OffHoursConnections = 36
	OffHoursBytesOut    = 963_000_000
	OffHoursBytesIn     = 1_503_000
)

// VPC Block Public Access and ECS, on flow log 4 (account B, us-east-1, the
// ECS VPC, v10 in "mixed") on day 0, hour 12 UTC. BPASources each make 5
// attempts on BPATarget (ports 443 and 80 alternately, from 12:05 every 20 s),
// REJECTed with reject-reason BPA: BPARejects records, the only BPA records.
// The ECS service ECSPaymentsService of cluster ECSClusterName runs one task
// on each of ECSPaymentsTasks; each task makes 10 connections to
// ECSPaymentsDB port 5432 and 5 to ECSPaymentsExternal port 443:
// ECSPaymentsRecords records carry ecs-service-name = ECSPaymentsService
// (those of the task ENIs), and the database ENI logs another
// 2*ECSPaymentsDBConnections records of those connections without ECS fields.
const (
	BPATarget                      = "10.50.0.25"
	BPARejects                     = 40
	ECSClusterName                 = "prod-ecs"
	ECSPaymentsService             = "payments-api"
	ECSPaymentsDB                  = "10.50.20.10"
	ECSPaymentsExternal            = "203.0.113.150"
	ECSPaymentsDBConnections       = 30
	ECSPaymentsExternalConnections = 15
	ECSPaymentsRecords             = 90
	BPADay                         = 0
	BPAHour                        = 12
)

// BPASources are the sources of the BPA-rejected attempts.
var BPASources = []string{"198.51.100.200", "198.51.100.201", "198.51.100.202", "198.51.100.203",
	"198.51.100.204", "198.51.100.205", "198.51.100.206", "198.51.100.207"}

// ECSPaymentsTasks are the addresses of the payments-api task ENIs.
var ECSPaymentsTasks = []string{"10.50.10.101", "10.50.10.102", "10.50.10.103"}

// Visibility gap: GapENI (standby host GapHost of flow log 3, account B,
// eu-west-1, otherwise silent) logs GapNoData NODATA records for the windows
// 06:05-06:24 and GapSkipData SKIPDATA records for 06:30-06:39 UTC on day 0,
// and no other records at all. Background NODATA/SKIPDATA records never use it.
const (
	GapENI      = "eni-0b6b53d33541e7682"
	GapHost     = "10.40.11.20"
	GapNoData   = 20
	GapSkipData = 10
	GapDay      = 0
	GapHour     = 6
)

// Conversation: ConversationA (orders service) talks to ConversationB (its
// PostgreSQL database) in flow log 1 (account A, eu-west-1, v5) on day 0,
// from 16:05 UTC, one connection a minute; neither host talks to anything
// else. Both ENIs log every connection, so there are ConversationRecords
// records: half from A to B (port 5432) totalling ConversationBytesAToB, half
// from B to A totalling ConversationBytesBToA, each sum counting both ENIs'
// copies (one ENI alone sees half of it).
const (
	ConversationA           = "10.20.10.10"
	ConversationB           = "10.20.20.10"
	ConversationAENI        = "eni-043bc801f7c08f0b0"
	ConversationBENI        = "eni-097537aaab24516f5"
	ConversationPort        = 5432
	ConversationConnections = 30
	ConversationRecords     = 120
	ConversationBytesAToB   = 654_000
	ConversationBytesBToA   = 13_350_000
	ConversationDay         = 0
	ConversationHour        = 16
)

// NACL-dropped replies: NACLClient (mgmt host of flow log 0, account A,
// us-east-1, v2) queries NTP on NACLServer NACLQueries times on day 0 at
// 15:00, 15:10 and 15:20 UTC, in the exposures' file (port 123 from 50123,
// 50124, ...); each query is
// ACCEPTed and its reply REJECTed (a network ACL without the ephemeral
// ports inbound): NACLQueries records each way, on NACLClientENI.
const (
	NACLClient    = "10.10.0.40"
	NACLClientENI = "eni-09934aa9f04b21433"
	NACLServer    = "203.0.113.123"
	NACLPort      = 123
	NACLQueries   = 3
	NACLDay       = ExposureDay
	NACLHour      = ExposureHour
)

// Beacon: BeaconSource (app-2 of flow log 0, account A, us-east-1, v2)
// connects to BeaconDestination port BeaconPort once a minute, 0-4 s late,
// from 14:05 UTC on day 0, in the brute force's file: BeaconConnections
// short connections (a new source port each, about 1 KB each way), each a
// request and a reply record. No other host talks to BeaconDestination.
const (
	BeaconSource      = "10.10.10.12"
	BeaconDestination = "203.0.113.66"
	BeaconPort        = 443
	BeaconConnections = 50
	BeaconDay         = BruteForceDay
	BeaconHour        = BruteForceHour
)

// DNS exfiltration: DNSExfilSource (app-3 of flow log 1, account A,
// eu-west-1, v5) sends DNSExfilQueries queries of 220-260 bytes (one packet
// each, a new source port each) to DNSExfilResolver port 53, a resolver
// outside the VPC, at irregular 6-18 s intervals from 08:05 UTC on day 1, in
// the half-open file; each gets a 130-byte answer. Background DNS queries
// are 60-90 bytes.
const (
	DNSExfilSource   = "10.20.10.13"
	DNSExfilResolver = "192.0.2.53"
	DNSExfilQueries  = 240
	DNSExfilDay      = HalfOpenDay
	DNSExfilHour     = HalfOpenHour
)

// Crypto mining: MiningSource (a worker of flow log 2, account B,
// us-east-1, v5) holds one stratum connection to MiningPool port MiningPort
// for MiningMinutes one-minute windows from 10:20 UTC on day 0, in the NAT
// file: a request and a reply record each minute. The background never
// connects out to a mining-pool port.
const (
	MiningSource  = "10.30.32.15"
	MiningPool    = "203.0.113.33"
	MiningPort    = 3333
	MiningMinutes = 20
	MiningDay     = NATDay
	MiningHour    = NATHour
)

// Unidirectional egress: UniSource (app-2 of flow log 3, account B,
// eu-west-1, v2) sends UDP from port 40125 to UniDestination port UniPort
// in UniRecords ACCEPTed one-minute records from 16:05 UTC on day 1, in the
// large egress's file, and nothing ever comes back from UniDestination.
const (
	UniSource      = "10.40.10.12"
	UniDestination = "192.0.2.88"
	UniPort        = 8125
	UniRecords     = 30
	UniDay         = LargeEgressDay
	UniHour        = LargeEgressHour
)
