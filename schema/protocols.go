package schema

// Protocols are the IANA keywords of the assigned IP protocol numbers, lower
// case, indexed by number (0-145); the two keywords with spaces are written
// with hyphens or shortened (135 mobility-header, 124 isis). A number with no
// keyword (61, 63, 68, 99, 114, 146-255) has "" here and is shown as the
// number itself. The flows view
// decodes protocol with this table (column protocol_name).
var Protocols = [...]string{
	0: "hopopt", 1: "icmp", 2: "igmp", 3: "ggp", 4: "ipv4", 5: "st", 6: "tcp", 7: "cbt",
	8: "egp", 9: "igp", 10: "bbn-rcc-mon", 11: "nvp-ii", 12: "pup", 13: "argus", 14: "emcon",
	15: "xnet", 16: "chaos", 17: "udp", 18: "mux", 19: "dcn-meas", 20: "hmp", 21: "prm",
	22: "xns-idp", 23: "trunk-1", 24: "trunk-2", 25: "leaf-1", 26: "leaf-2", 27: "rdp",
	28: "irtp", 29: "iso-tp4", 30: "netblt", 31: "mfe-nsp", 32: "merit-inp", 33: "dccp",
	34: "3pc", 35: "idpr", 36: "xtp", 37: "ddp", 38: "idpr-cmtp", 39: "tp++", 40: "il",
	41: "ipv6", 42: "sdrp", 43: "ipv6-route", 44: "ipv6-frag", 45: "idrp", 46: "rsvp",
	47: "gre", 48: "dsr", 49: "bna", 50: "esp", 51: "ah", 52: "i-nlsp", 53: "swipe",
	54: "narp", 55: "min-ipv4", 56: "tlsp", 57: "skip", 58: "ipv6-icmp", 59: "ipv6-nonxt",
	60: "ipv6-opts", 62: "cftp", 64: "sat-expak", 65: "kryptolan", 66: "rvd", 67: "ippc",
	69: "sat-mon", 70: "visa", 71: "ipcv", 72: "cpnx", 73: "cphb", 74: "wsn", 75: "pvp",
	76: "br-sat-mon", 77: "sun-nd", 78: "wb-mon", 79: "wb-expak", 80: "iso-ip", 81: "vmtp",
	82: "secure-vmtp", 83: "vines", 84: "iptm", 85: "nsfnet-igp", 86: "dgp", 87: "tcf",
	88: "eigrp", 89: "ospfigp", 90: "sprite-rpc", 91: "larp", 92: "mtp", 93: "ax.25",
	94: "ipip", 95: "micp", 96: "scc-sp", 97: "etherip", 98: "encap", 100: "gmtp",
	101: "ifmp", 102: "pnni", 103: "pim", 104: "aris", 105: "scps", 106: "qnx", 107: "a/n",
	108: "ipcomp", 109: "snp", 110: "compaq-peer", 111: "ipx-in-ip", 112: "vrrp", 113: "pgm",
	115: "l2tp", 116: "ddx", 117: "iatp", 118: "stp", 119: "srp", 120: "uti", 121: "smp",
	122: "sm", 123: "ptp", 124: "isis", 125: "fire", 126: "crtp", 127: "crudp",
	128: "sscopmce", 129: "iplt", 130: "sps", 131: "pipe", 132: "sctp", 133: "fc",
	134: "rsvp-e2e-ignore", 135: "mobility-header", 136: "udplite", 137: "mpls-in-ip",
	138: "manet", 139: "hip", 140: "shim6", 141: "wesp", 142: "rohc", 143: "ethernet",
	144: "aggfrag", 145: "nsh",
}

// TCPFlag is one bit of the tcp-flags field.
type TCPFlag struct {
	Bit  int
	Name string
}

// TCPFlags are the TCP header flag bits in the order the flows view names
// them (column tcp_flags_names): lowest bit first, so 18 is "SYN|ACK" and 19
// "FIN|SYN|ACK". AWS records FIN, SYN, RST and SYN-ACK; the other bits are
// named for completeness.
var TCPFlags = []TCPFlag{
	{1, "FIN"}, {2, "SYN"}, {4, "RST"}, {8, "PSH"}, {16, "ACK"}, {32, "URG"}, {64, "ECE"}, {128, "CWR"},
}

// Service is the well-known service behind a port.
type Service struct {
	Port int
	Name string
}

// Services are the well-known services the flows view names (column
// service), by the flow's service port: the lower of its two ports, since a
// client's ephemeral port is higher than the port of the service it talks
// to. Names follow common practice (rdp, postgresql) where IANA's
// (ms-wbt-server, postgres) are less known; ports in increasing order.
var Services = []Service{
	{20, "ftp-data"}, {21, "ftp"}, {22, "ssh"}, {23, "telnet"}, {25, "smtp"}, {53, "dns"},
	{67, "dhcp"}, {68, "dhcp"}, {69, "tftp"}, {80, "http"}, {88, "kerberos"}, {110, "pop3"},
	{111, "rpcbind"}, {123, "ntp"}, {135, "msrpc"}, {137, "netbios-ns"}, {138, "netbios-dgm"},
	{139, "netbios-ssn"}, {143, "imap"}, {161, "snmp"}, {162, "snmptrap"}, {179, "bgp"},
	{389, "ldap"}, {443, "https"}, {445, "smb"}, {464, "kpasswd"}, {465, "smtps"},
	{500, "isakmp"}, {514, "syslog"}, {587, "submission"}, {636, "ldaps"}, {853, "dns-over-tls"},
	{873, "rsync"}, {993, "imaps"}, {995, "pop3s"}, {1194, "openvpn"}, {1433, "sqlserver"},
	{1521, "oracle"}, {1723, "pptp"}, {1883, "mqtt"}, {2049, "nfs"}, {2375, "docker"},
	{2376, "docker-tls"}, {2379, "etcd"}, {3128, "squid"}, {3268, "ldap-gc"}, {3306, "mysql"},
	{3389, "rdp"}, {4500, "ipsec-nat-t"}, {5060, "sip"}, {5432, "postgresql"},
	{5439, "redshift"}, {5671, "amqps"}, {5672, "amqp"}, {5900, "vnc"}, {5985, "winrm-http"},
	{5986, "winrm-https"}, {6379, "redis"}, {6443, "kubernetes-api"}, {8080, "http-alt"},
	{8443, "https-alt"}, {9092, "kafka"}, {9200, "elasticsearch"}, {10250, "kubelet"},
	{11211, "memcached"}, {27017, "mongodb"},
}

// ServiceProtocols are the protocols whose ports name a service: TCP, UDP
// and SCTP. Other protocols (ICMP, ESP, ...) have no service.
var ServiceProtocols = []int{6, 17, 132}
