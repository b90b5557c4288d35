package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// role is what a host does; background traffic is chosen by role.
type role uint8

const (
	roleLB      role = iota // load-balancer ENI (no instance)
	roleWeb                 // public web server
	roleBastion             // public bastion, SSHes into the fleet
	roleApp                 // private application server
	roleDB                  // database server
	roleDNS                 // Windows domain controller serving DNS
	roleWorker              // private batch / fleet worker
	roleVDI                 // public Windows desktop
	roleTask                // ECS task ENI (awsvpc)
	roleVPN                 // VPN appliance
	roleNAT                 // NAT gateway ENI
)

// host is one ENI and what is attached to it.
type host struct {
	fl       *flowLog
	name     string
	ip, ip6  string
	eni      string
	instance string // empty for ENIs without an instance (load balancers, NAT gateways)
	subnet   string
	az       string
	role     role
	dbPort   int32
	windows  bool
	public   bool // has a public address: the internet can reach it
	reserved bool // used by planted scenarios only, never by background traffic
	ecs      *ecsTask
}

// ecsTask holds the ecs-* field values of a task ENI.
type ecsTask struct {
	clusterARN, clusterName                   string
	containerInstanceARN, containerInstanceID string
	containerID, secondContainerID            string
	serviceName, taskDefinitionARN            string
	taskARN, taskID                           string
}

func (t *ecsTask) value(f field) string {
	switch f {
	case fECSClusterARN:
		return t.clusterARN
	case fECSClusterName:
		return t.clusterName
	case fECSContainerInstanceARN:
		return t.containerInstanceARN
	case fECSContainerInstanceID:
		return t.containerInstanceID
	case fECSContainerID:
		return t.containerID
	case fECSSecondContainerID:
		return t.secondContainerID
	case fECSServiceName:
		return t.serviceName
	case fECSTaskDefinitionARN:
		return t.taskDefinitionARN
	case fECSTaskARN:
		return t.taskARN
	case fECSTaskID:
		return t.taskID
	}
	return ""
}

// flowLog is one flow log: one VPC of one account in one region, delivering
// to its own fl- prefix.
type flowLog struct {
	index   int
	account string
	region  string
	id      string // fl-...
	vpc     string
	hosts   []*host
	byIP    map[string]*host

	// Background roles (reserved hosts excluded).
	entry    []*host // receive web traffic from the internet
	webs     []*host // public web servers
	lbs      []*host
	bastions []*host
	callers  []*host // initiate outbound and internal calls
	dbs      []*host
	dns      []*host
	noise    []*host // targets of internet background noise
	ipv6     []*host // hosts with an IPv6 address that call out over IPv6
	status   []*host // any non-reserved ENI, for NODATA/SKIPDATA
	admin    []*host // targets of internal SSH/RDP from bastions
}

// hexID returns n lowercase hex digits derived from key.
func hexID(key string, n int) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])[:n]
}

// awsID returns an id like "eni-0123456789abcdef0" (prefix, "0", 16 hex digits).
func awsID(prefix, key string) string {
	return prefix + "-0" + hexID(prefix+"/"+key, 16)
}

// vpcBuilder assembles one flowLog.
type vpcBuilder struct {
	fl      *flowLog
	ip6     string // IPv6 /56 prefix without the last group, e.g. "2600:1f18:61a:e1"
	subnets map[string][2]string
}

func newVPC(index int, account, region, flID, vpcID, ip6 string) *vpcBuilder {
	return &vpcBuilder{
		fl:      &flowLog{index: index, account: account, region: region, id: flID, vpc: vpcID, byIP: map[string]*host{}},
		ip6:     ip6,
		subnets: map[string][2]string{},
	}
}

func (b *vpcBuilder) subnet(name, az string) {
	b.subnets[name] = [2]string{awsID("subnet", b.fl.vpc+"/"+name), az}
}

// hostOpt adjusts a host as it is added.
type hostOpt func(*host)

func withENI(eni string) hostOpt     { return func(h *host) { h.eni = eni } }
func withInstance(id string) hostOpt { return func(h *host) { h.instance = id } }
func withDB(port int32) hostOpt      { return func(h *host) { h.dbPort = port } }
func withIPv6(suffix string) hostOpt { return func(h *host) { h.ip6 = suffix } }
func windows() hostOpt               { return func(h *host) { h.windows = true } }
func public() hostOpt                { return func(h *host) { h.public = true } }
func reserved() hostOpt              { return func(h *host) { h.reserved = true } }
func withECS(t *ecsTask) hostOpt     { return func(h *host) { h.ecs = t } }

func (b *vpcBuilder) add(name, ip, subnet string, r role, opts ...hostOpt) *host {
	sn := b.subnets[subnet]
	key := b.fl.vpc + "/" + name
	h := &host{
		fl: b.fl, name: name, ip: ip, role: r, subnet: sn[0], az: sn[1],
		eni: awsID("eni", key), instance: awsID("i", key),
	}
	if r == roleLB || r == roleNAT || r == roleTask {
		h.instance = ""
	}
	for _, o := range opts {
		o(h)
	}
	if h.ip6 != "" {
		h.ip6 = b.ip6 + h.ip6
	}
	b.fl.hosts = append(b.fl.hosts, h)
	b.fl.byIP[ip] = h
	if h.ip6 != "" {
		b.fl.byIP[h.ip6] = h
	}
	return h
}

// fleet adds n hosts named prefix-k at consecutive addresses base+k.
func (b *vpcBuilder) fleet(prefix, net3 string, first, n int, subnet string, r role, opts ...hostOpt) {
	for k := range n {
		b.add(prefix+"-"+strconv.Itoa(k+1), net3+strconv.Itoa(first+k), subnet, r, opts...)
	}
}

// finish fills the background role lists.
func (b *vpcBuilder) finish() *flowLog {
	fl := b.fl
	for _, h := range fl.hosts {
		if h.reserved {
			continue
		}
		fl.status = append(fl.status, h)
		switch h.role {
		case roleLB:
			fl.lbs = append(fl.lbs, h)
			fl.entry = append(fl.entry, h)
		case roleWeb:
			fl.webs = append(fl.webs, h)
			fl.entry = append(fl.entry, h)
			fl.callers = append(fl.callers, h)
		case roleBastion:
			fl.bastions = append(fl.bastions, h)
		case roleApp, roleWorker, roleTask, roleVDI, roleVPN:
			fl.callers = append(fl.callers, h)
		case roleDB:
			fl.dbs = append(fl.dbs, h)
		case roleDNS:
			fl.dns = append(fl.dns, h)
		}
		if h.public && (h.role == roleWeb || h.role == roleBastion) {
			fl.noise = append(fl.noise, h)
		}
		if h.ip6 != "" && h.role != roleLB {
			fl.ipv6 = append(fl.ipv6, h)
		}
		switch h.role {
		case roleApp, roleWorker, roleDB, roleDNS, roleVDI:
			fl.admin = append(fl.admin, h)
		}
	}
	return fl
}

// ecsFor describes a task of service in cluster of fl's account and region.
// ec2 tasks run on a container instance; others on Fargate.
func ecsFor(account, region, cluster, service string, revision, k int, ec2, sidecar bool) *ecsTask {
	key := cluster + "/" + service + "/" + strconv.Itoa(k)
	arn := "arn:aws:ecs:" + region + ":" + account + ":"
	t := &ecsTask{
		clusterARN:        arn + "cluster/" + cluster,
		clusterName:       cluster,
		serviceName:       service,
		taskDefinitionARN: arn + "task-definition/" + service + ":" + strconv.Itoa(revision),
		taskID:            hexID("task/"+key, 32),
	}
	t.taskARN = arn + "task/" + cluster + "/" + t.taskID
	if ec2 {
		t.containerInstanceID = hexID("ci/"+key, 32)
		t.containerInstanceARN = arn + "container-instance/" + cluster + "/" + t.containerInstanceID
		t.containerID = hexID("c1/"+key, 64)
		if sidecar {
			t.secondContainerID = hexID("c2/"+key, 64)
		}
	} else {
		t.containerID = t.taskID + "-" + strconv.FormatUint(uint64(hashString("c1/"+key)%4_000_000_000), 10)
		if sidecar {
			t.secondContainerID = t.taskID + "-" + strconv.FormatUint(uint64(hashString("c2/"+key)%4_000_000_000), 10)
		}
	}
	return t
}

// hashString is 64-bit FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// topology returns the five flow logs of the demo estate. It does not depend
// on Options: scenario hosts have fixed addresses and ids.
func topology() []*flowLog {
	return []*flowLog{vpc0(), vpc1(), vpc2(), vpc3(), vpc4()}
}

// vpc0: account A, us-east-1, a classic three-tier estate.
func vpc0() *flowLog {
	b := newVPC(0, AccountA, RegionUSEast1, "fl-0a41c6e2b7d9f3018", "vpc-0f3e9c2b8a7d61450", "2600:1f18:61a:e1")
	b.subnet("public-a", "use1-az1")
	b.subnet("public-b", "use1-az2")
	b.subnet("app-a", "use1-az1")
	b.subnet("app-b", "use1-az2")
	b.subnet("data-a", "use1-az1")
	b.subnet("fleet", "use1-az4")
	b.add("alb-a", "10.10.0.100", "public-a", roleLB, public(), withIPv6("00::64"))
	b.add("alb-b", "10.10.1.100", "public-b", roleLB, public(), withIPv6("01::64"))
	b.add("bastion", BruteForceTarget, "public-a", roleBastion, public(),
		withENI(BruteForceTargetENI), withInstance(BruteForceTargetInstance))
	b.add("web-1", "10.10.0.21", "public-a", roleWeb, public(), withIPv6("00:8d6e:3477:df66:f105"))
	b.add("web-2", "10.10.1.22", "public-b", roleWeb, public(), withIPv6("01:3304:8879:34cf:4071"))
	b.add("jump-win", "10.10.1.30", "public-b", roleVDI, public(), windows())
	b.add("mgmt", "10.10.0.40", "public-a", roleApp, public(), windows())
	b.add("app-1", "10.10.10.11", "app-a", roleApp)
	b.add("app-2", "10.10.10.12", "app-a", roleApp)
	b.add("app-3", "10.10.11.13", "app-b", roleApp)
	b.add("app-4", "10.10.11.14", "app-b", roleApp)
	b.add("reporting", OffHoursSource, "app-b", roleWorker, reserved())
	b.add("pg-1", "10.10.20.10", "data-a", roleDB, withDB(5432), public())
	b.add("mysql-1", "10.10.20.11", "data-a", roleDB, withDB(3306), public())
	b.add("mssql-1", "10.10.20.12", "data-a", roleDB, withDB(1433), public(), windows())
	b.add("dc-1", "10.10.10.53", "app-a", roleDNS, windows())
	b.fleet("worker", "10.10.32.", 10, 16, "fleet", roleWorker)
	return b.finish()
}

// vpc1: account A, eu-west-1, with a public Windows desktop fleet.
func vpc1() *flowLog {
	b := newVPC(1, AccountA, RegionEUWest1, "fl-07d2b9e4a1c8f5326", "vpc-03b7e1d9c4a2f8605", "")
	b.subnet("public-a", "euw1-az1")
	b.subnet("public-b", "euw1-az2")
	b.subnet("desktops", "euw1-az3")
	b.subnet("app-a", "euw1-az1")
	b.subnet("data-a", "euw1-az2")
	b.add("alb-a", "10.20.0.100", "public-a", roleLB, public())
	b.add("alb-b", "10.20.1.100", "public-b", roleLB, public())
	b.add("web-1", HalfOpenTarget, "public-a", roleWeb, public())
	b.add("web-2", "10.20.1.16", "public-b", roleWeb, public())
	b.add("bastion", "10.20.0.10", "public-a", roleBastion, public())
	b.fleet("desktop", "10.20.4.", 10, SweepHosts, "desktops", roleVDI, public(), windows())
	b.add("orders", ConversationA, "app-a", roleApp, reserved(), withENI(ConversationAENI))
	b.add("app-1", "10.20.10.11", "app-a", roleApp)
	b.add("app-2", "10.20.10.12", "app-a", roleApp)
	b.add("app-3", "10.20.10.13", "app-a", roleApp)
	b.add("app-4", "10.20.10.14", "app-a", roleApp)
	b.add("orders-db", ConversationB, "data-a", roleDB, withDB(5432), reserved(), withENI(ConversationBENI))
	b.add("pg-1", "10.20.20.11", "data-a", roleDB, withDB(5432))
	b.add("dc-1", "10.20.10.53", "app-a", roleDNS, windows())
	return b.finish()
}

// vpc2: account B, us-east-1, with a NAT gateway.
func vpc2() *flowLog {
	b := newVPC(2, AccountB, RegionUSEast1, "fl-0c5e8a3f7b2d91647", "vpc-0e6a4c1f9b3d72581", "2600:1f18:2c4:9b")
	b.subnet("public-a", "use1-az2")
	b.subnet("public-b", "use1-az3")
	b.subnet("private-a", "use1-az2")
	b.subnet("data-a", "use1-az3")
	b.subnet("fleet", "use1-az6")
	b.add("nlb-a", "10.30.0.100", "public-a", roleLB, public(), withIPv6("00::64"))
	b.add("nlb-b", "10.30.1.100", "public-b", roleLB, public(), withIPv6("01::64"))
	b.add("web-1", PortScanTarget, "public-a", roleWeb, public(), withENI(PortScanTargetENI), withIPv6("00:5a1:93ff:fe12:7c01"))
	b.add("web-2", "10.30.1.22", "public-b", roleWeb, public(), withIPv6("01:4e2:11ff:fe8a:2b02"))
	b.add("bastion", "10.30.0.10", "public-a", roleBastion, public())
	b.add("nat-gw", NATGatewayPrivateIP, "public-a", roleNAT, reserved(), withENI(NATGatewayENI))
	b.add("etl-1", NATClient, "private-a", roleWorker, reserved(), withENI(NATClientENI))
	b.add("app-1", "10.30.10.11", "private-a", roleApp)
	b.add("app-2", "10.30.10.12", "private-a", roleApp)
	b.add("app-3", "10.30.10.13", "private-a", roleApp)
	b.add("app-4", "10.30.10.14", "private-a", roleApp)
	b.add("pg-1", "10.30.20.10", "data-a", roleDB, withDB(5432))
	b.add("mysql-1", "10.30.20.11", "data-a", roleDB, withDB(3306))
	b.fleet("worker", "10.30.32.", 10, 24, "fleet", roleWorker)
	return b.finish()
}

// vpc3: account B, eu-west-1, with a VPN appliance and a standby host.
func vpc3() *flowLog {
	b := newVPC(3, AccountB, RegionEUWest1, "fl-0e1f7b4c9a3d26857", "vpc-0a9d3f6b2e8c14762", "")
	b.subnet("public-a", "euw1-az1")
	b.subnet("public-b", "euw1-az3")
	b.subnet("app-a", "euw1-az1")
	b.subnet("app-b", "euw1-az3")
	b.subnet("data-a", "euw1-az1")
	b.add("web-1", FloodTarget, "public-a", roleWeb, public())
	b.add("web-2", "10.40.1.21", "public-b", roleWeb, public())
	b.add("bastion", "10.40.0.10", "public-a", roleBastion, public())
	b.add("vpn-1", VPNHost, "public-a", roleVPN, public())
	b.add("app-1", "10.40.10.11", "app-a", roleApp)
	b.add("app-2", "10.40.10.12", "app-a", roleApp)
	b.add("app-3", "10.40.10.13", "app-a", roleApp)
	b.add("app-4", "10.40.10.14", "app-a", roleApp)
	b.add("export-1", LargeEgressSource, "app-a", roleApp)
	b.add("standby-1", GapHost, "app-b", roleApp, reserved(), withENI(GapENI))
	b.add("mysql-1", "10.40.20.10", "data-a", roleDB, withDB(3306))
	b.add("dc-1", "10.40.10.53", "app-a", roleDNS, windows())
	b.fleet("worker", "10.40.32.", 10, 12, "app-b", roleWorker)
	return b.finish()
}

// vpc4: account B, us-east-1, an ECS cluster in its own VPC (logged in v10).
func vpc4() *flowLog {
	b := newVPC(4, AccountB, RegionUSEast1, "fl-03a8d5f1c7e9b2460", "vpc-0b2f8e5a3c9d17604", "2600:1f18:7d3:42")
	b.subnet("public-a", "use1-az1")
	b.subnet("public-b", "use1-az2")
	b.subnet("tasks-a", "use1-az1")
	b.subnet("tasks-b", "use1-az2")
	b.subnet("data-a", "use1-az1")
	b.add("alb-a", "10.50.0.100", "public-a", roleLB, public(), withIPv6("00::64"))
	b.add("alb-b", "10.50.1.100", "public-b", roleLB, public(), withIPv6("01::64"))
	b.add("edge-1", BPATarget, "public-a", roleWeb, public(), withIPv6("00:77c:20ff:fe31:9a10"))
	b.add("bastion", "10.50.0.10", "public-a", roleBastion, public())
	for k := range 8 {
		t := ecsFor(AccountB, RegionUSEast1, ECSClusterName, "web-frontend", 31, k, false, true)
		b.add("web-frontend-"+strconv.Itoa(k+1), "10.50.10."+strconv.Itoa(21+k), "tasks-a", roleTask, withECS(t))
	}
	for k := range 4 {
		t := ecsFor(AccountB, RegionUSEast1, ECSClusterName, "orders-worker", 7, k, true, false)
		b.add("orders-worker-"+strconv.Itoa(k+1), "10.50.11."+strconv.Itoa(31+k), "tasks-b", roleTask, withECS(t))
	}
	for k, ip := range ECSPaymentsTasks {
		t := ecsFor(AccountB, RegionUSEast1, ECSClusterName, ECSPaymentsService, 14, k, false, false)
		b.add("payments-api-"+strconv.Itoa(k+1), ip, "tasks-a", roleTask, withECS(t), reserved())
	}
	b.add("pg-1", ECSPaymentsDB, "data-a", roleDB, withDB(5432))
	return b.finish()
}
