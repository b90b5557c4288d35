package schema

// DecodedView is the name of the view that presents every column of
// vpc_flow_logs (current layout) followed by the DecodedColumns.
const DecodedView = "flows"

// DecodedColumn is a column the flows view adds to the fields: a value
// computed from fields of the record.
type DecodedColumn struct {
	// Column is the column name in the flows view.
	Column string
	// DuckType is its DuckDB type.
	DuckType string
	// Version is the lowest flow-log version whose fields give it a value.
	Version int
	// Doc is a one-line description.
	Doc string
}

// DecodedColumns are the flows view's own columns, in its order. Package
// store writes their SQL; help and docs derive from this table.
var DecodedColumns = []DecodedColumn{
	{"start_time", "TIMESTAMP WITH TIME ZONE", 2, "start as a time, shown in the session's time zone (--tz)."},
	{"end_time", "TIMESTAMP WITH TIME ZONE", 2, "end as a time, shown in the session's time zone (--tz)."},
	{"duration_s", DuckBigint, 2, "end - start, in seconds."},
	{"protocol_name", DuckVarchar, 2, "IANA keyword of protocol, lower case (tcp, udp, icmp, ipv6-icmp, gre, esp, ...); the number as text when unassigned."},
	{"tcp_flags_names", DuckVarchar, 3, "Names of the tcp_flags bits set, lowest bit first, joined by | (FIN|SYN|RST|PSH|ACK|URG|ECE|CWR: 18 is SYN|ACK, 19 FIN|SYN|ACK); '' for 0, NULL when tcp_flags is NULL."},
	{"service", DuckVarchar, 2, "Well-known service (ssh, https, mysql, ...) of the lower of the two ports, for TCP, UDP and SCTP; NULL when unknown."},
	{"src_scope", DuckVarchar, 2, "Kind of srcaddr: private, cgnat, link-local, loopback, multicast, broadcast, unspecified, reserved or public (IPv4 and IPv6)."},
	{"dst_scope", DuckVarchar, 2, "Kind of dstaddr, as src_scope."},
	{"direction", DuckVarchar, 2, "flow_direction when recorded (v5), else ingress/egress inferred: pkt-dstaddr differs from dstaddr (ingress) or pkt-srcaddr from srcaddr (egress), else a private address talking to a public one; NULL when the record does not tell."},
}
