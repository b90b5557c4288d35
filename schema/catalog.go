package schema

import "strings"

// Catalog is every field of VPC Flow Logs and Transit Gateway flow logs, in
// the order AWS documents them: by version, and within version 2 in the order
// of the default format. Column, the types and Known are derived from each
// row; Legacy is the 2018-2021 Athena alias, which is the name without hyphens
// unless the row says otherwise.
var Catalog = catalog([]row{
	// Version 2: the default format, in its order.
	{2, "version", integer, "", "Flow-log version of the record: 2 for the default format, else the highest version among the fields of the custom format."},
	{2, "account-id", text, "account", "AWS account ID of the owner of the network interface whose traffic is recorded ('unknown' for some interfaces created by AWS services)."},
	{2, "interface-id", text, "interfaceid", "ID of the network interface whose traffic is recorded ('-' for traffic of a regional NAT gateway)."},
	{2, "srcaddr", text, "sourceaddress", "Source IP address: the sender for incoming traffic, the interface's private IPv4 or IPv6 address for outgoing traffic (see pkt-srcaddr)."},
	{2, "dstaddr", text, "destinationaddress", "Destination IP address: the receiver for outgoing traffic, the interface's private IPv4 or IPv6 address for incoming traffic (see pkt-dstaddr)."},
	{2, "srcport", integer, "sourceport", "Source port of the traffic."},
	{2, "dstport", integer, "destinationport", "Destination port of the traffic."},
	{2, "protocol", long, "", "IANA protocol number of the traffic: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6."},
	{2, "packets", long, "numpackets", "Number of packets transferred during the flow in the aggregation interval."},
	{2, "bytes", long, "numbytes", "Number of bytes transferred during the flow in the aggregation interval."},
	{2, "start", long, "starttime", "Time, in Unix seconds, when the first packet of the flow was received in the aggregation interval."},
	{2, "end", long, "endtime", "Time, in Unix seconds, when the last packet of the flow was received in the aggregation interval."},
	{2, "action", text, "", "ACCEPT if security groups and network ACLs permitted the traffic, REJECT if they did not."},
	{2, "log-status", text, "logstatus", "Logging status: OK, NODATA (no traffic in the aggregation interval) or SKIPDATA (records skipped in the interval)."},

	// Version 3.
	{3, "vpc-id", text, "vpcid", "ID of the VPC that contains the network interface."},
	{3, "subnet-id", text, "subnetid", "ID of the subnet that contains the network interface."},
	{3, "instance-id", text, "instanceid", "ID of the instance the network interface is attached to, if you own it ('-' for requester-managed interfaces)."},
	{3, "tcp-flags", integer, "tcpflags", "Bitmask OR of the TCP flags seen in the aggregation interval: FIN 1, SYN 2, RST 4, SYN-ACK 18 (19 = SYN-ACK and FIN)."},
	{3, "type", text, "", "Type of traffic: IPv4, IPv6 or EFA (Elastic Fabric Adapter)."},
	{3, "pkt-srcaddr", text, "pktsrcaddr", "Packet-level (original) source IP address; differs from srcaddr when an intermediate layer such as a NAT gateway forwards the traffic."},
	{3, "pkt-dstaddr", text, "pktdstaddr", "Packet-level (original) destination IP address; differs from dstaddr when an intermediate layer such as a NAT gateway forwards the traffic."},

	// Version 4.
	{4, "region", text, "", "Region that contains the network interface whose traffic is recorded."},
	{4, "az-id", text, "azid", "ID of the Availability Zone that contains the network interface (e.g. use1-az1)."},
	{4, "sublocation-type", text, "sublocationtype", "Type of sublocation of the network interface: wavelength, outpost or localzone ('-' if none)."},
	{4, "sublocation-id", text, "sublocationid", "ID of the Wavelength Zone, Outpost or Local Zone that contains the network interface ('-' if none)."},

	// Version 5.
	{5, "pkt-src-aws-service", text, "pktsrcawsservice", "AWS service whose IP range contains pkt-srcaddr, e.g. AMAZON, S3, EC2, ROUTE53, CLOUDFRONT, DYNAMODB."},
	{5, "pkt-dst-aws-service", text, "pktdstawsservice", "AWS service whose IP range contains pkt-dstaddr, e.g. AMAZON, S3, EC2, ROUTE53, CLOUDFRONT, DYNAMODB."},
	{5, "flow-direction", text, "flowdirection", "Direction of the flow relative to the network interface: ingress or egress."},
	{5, "traffic-path", integer, "trafficpath", "Path egress traffic takes: 1 same VPC, 2 internet gateway or gateway endpoint, 3 virtual private gateway, 4 intra-region peering, 5 inter-region peering, 6 local gateway, 7 gateway endpoint, 8 internet gateway."},

	// Version 6: Transit Gateway flow logs.
	{6, "resource-type", text, "", "Type of resource the flow log records: TransitGateway."},
	{6, "tgw-id", text, "", "ID of the transit gateway whose traffic is recorded."},
	{6, "tgw-attachment-id", text, "", "ID of the transit gateway attachment whose traffic is recorded."},
	{6, "tgw-src-vpc-account-id", text, "", "AWS account ID of the owner of the source VPC of the transit gateway traffic."},
	{6, "tgw-dst-vpc-account-id", text, "", "AWS account ID of the owner of the destination VPC of the transit gateway traffic."},
	{6, "tgw-src-vpc-id", text, "", "ID of the source VPC of the transit gateway traffic."},
	{6, "tgw-dst-vpc-id", text, "", "ID of the destination VPC of the transit gateway traffic."},
	{6, "tgw-src-subnet-id", text, "", "ID of the subnet of the source of the transit gateway traffic."},
	{6, "tgw-dst-subnet-id", text, "", "ID of the subnet of the destination of the transit gateway traffic."},
	{6, "tgw-src-eni", text, "", "ID of the source transit gateway attachment network interface of the flow."},
	{6, "tgw-dst-eni", text, "", "ID of the destination transit gateway attachment network interface of the flow."},
	{6, "tgw-src-az-id", text, "", "ID of the Availability Zone of the source transit gateway attachment network interface."},
	{6, "tgw-dst-az-id", text, "", "ID of the Availability Zone of the destination transit gateway attachment network interface."},
	{6, "tgw-pair-attachment-id", text, "", "ID of the attachment on the other side of the transit gateway: the egress attachment for ingress traffic, the ingress attachment for egress traffic."},
	{6, "packets-lost-no-route", long, "", "Packets the transit gateway dropped because no route matched."},
	{6, "packets-lost-blackhole", long, "", "Packets the transit gateway dropped because of a blackhole route."},
	{6, "packets-lost-mtu-exceeded", long, "", "Packets the transit gateway dropped because they exceeded the MTU."},
	{6, "packets-lost-ttl-expired", long, "", "Packets the transit gateway dropped because their time to live expired."},

	// Version 7: Amazon ECS.
	{7, "ecs-cluster-arn", text, "", "ARN of the ECS cluster of the task the traffic belongs to."},
	{7, "ecs-cluster-name", text, "", "Name of the ECS cluster of the task the traffic belongs to."},
	{7, "ecs-container-instance-arn", text, "", "ARN of the ECS container instance running the task (EC2 launch type)."},
	{7, "ecs-container-instance-id", text, "", "ID of the ECS container instance running the task (EC2 launch type)."},
	{7, "ecs-container-id", text, "", "Docker runtime ID of the (first) container of the task."},
	{7, "ecs-second-container-id", text, "", "Docker runtime ID of the second container of the task, if it has one."},
	{7, "ecs-service-name", text, "", "Name of the ECS service the task belongs to."},
	{7, "ecs-task-definition-arn", text, "", "ARN of the ECS task definition of the task."},
	{7, "ecs-task-arn", text, "", "ARN of the ECS task the traffic belongs to."},
	{7, "ecs-task-id", text, "", "ID of the ECS task the traffic belongs to."},

	// Versions 8 to 10.
	{8, "reject-reason", text, "", "Why the traffic was rejected, e.g. BPA (VPC Block Public Access); '-' when not rejected for such a reason."},
	{9, "resource-id", text, "", "ID of the resource whose traffic is recorded, e.g. a regional NAT gateway (whose records have interface-id '-')."},
	{10, "encryption-status", text, "", "Whether the traffic was encrypted in transit: 0 not encrypted, 1 encrypted by Nitro, 2 encrypted by the application, 3 both."},

	// Version 11.
	{11, "instance-tag", text, "", "Value of the first EC2 instance tag chosen in the flow log's TagFieldSpecifications (percent-encoded)."},
	{11, "instance-tag-2", text, "", "Value of the second EC2 instance tag chosen in the flow log's TagFieldSpecifications (percent-encoded)."},
	{11, "interface-tag", text, "", "Value of the first network interface tag chosen in the flow log's TagFieldSpecifications (percent-encoded)."},
	{11, "interface-tag-2", text, "", "Value of the second network interface tag chosen in the flow log's TagFieldSpecifications (percent-encoded)."},
	{11, "asg-tag", text, "", "Value of the first Auto Scaling group tag chosen in the flow log's TagFieldSpecifications (percent-encoded)."},
	{11, "asg-tag-2", text, "", "Value of the second Auto Scaling group tag chosen in the flow log's TagFieldSpecifications (percent-encoded)."},
	{11, "interface-type", text, "", "Type of the network interface that captured the flow, e.g. nat_gateway, network_load_balancer, regional_nat_gateway, transit_gateway, vpc_endpoint."},
	{11, "next-hop-interface-id", text, "", "ID of the next-hop network interface: the receiving interface for egress traffic, the sending interface for ingress traffic."},
	{11, "next-hop-subnet-id", text, "", "ID of the subnet of the next-hop network interface."},
	{11, "next-hop-az-id", text, "", "ID of the Availability Zone of the next-hop network interface."},
	{11, "next-hop-vpc-id", text, "", "ID of the VPC of the next-hop network interface."},
	{11, "next-hop-interface-type", text, "", "Type of the next-hop network interface, e.g. nat_gateway, regional_nat_gateway, vpc_endpoint."},
})

// kind is a field's value type; it decides both the Athena and DuckDB types.
type kind int

const (
	text    kind = iota // string / VARCHAR
	integer             // int / INTEGER
	long                // bigint / BIGINT
)

// row is one line of the catalog table.
type row struct {
	version int
	name    string
	kind    kind
	legacy  string // 2018-2021 Athena alias; "" means the name without hyphens
	doc     string
}

func catalog(rows []row) []Field {
	fields := make([]Field, len(rows))
	for i, r := range rows {
		athena, duck := AthenaString, DuckVarchar
		switch r.kind {
		case integer:
			athena, duck = AthenaInt, DuckInteger
		case long:
			athena, duck = AthenaBigint, DuckBigint
		}
		legacy := r.legacy
		if legacy == "" {
			legacy = strings.ReplaceAll(r.name, "-", "")
		}
		fields[i] = Field{
			Name:       r.name,
			Column:     strings.ReplaceAll(r.name, "-", "_"),
			AthenaType: athena,
			DuckType:   duck,
			Version:    r.version,
			Doc:        r.doc,
			Legacy:     legacy,
			Known:      true,
		}
	}
	return fields
}
