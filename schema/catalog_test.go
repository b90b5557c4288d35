package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCatalogNamesAreUnique(t *testing.T) {
	for _, attr := range []struct {
		name string
		get  func(Field) string
	}{
		{"Name", func(f Field) string { return f.Name }},
		{"Column", func(f Field) string { return f.Column }},
		{"Legacy", func(f Field) string { return f.Legacy }},
	} {
		seen := map[string]bool{}
		for _, f := range Catalog {
			v := attr.get(f)
			if seen[v] {
				t.Errorf("%s %q appears twice", attr.name, v)
			}
			seen[v] = true
		}
	}
}

// Every spelling Lookup accepts must name exactly one field.
func TestCatalogLookupKeysAreUnambiguous(t *testing.T) {
	owner := map[string]string{}
	for _, f := range Catalog {
		for _, k := range []string{f.Name, f.Column, f.Legacy} {
			if prev, ok := owner[k]; ok && prev != f.Name {
				t.Errorf("%q names both %q and %q", k, prev, f.Name)
			}
			owner[k] = f.Name
		}
	}
}

func TestCatalogFieldShape(t *testing.T) {
	for _, f := range Catalog {
		t.Run(f.Name, func(t *testing.T) {
			if !plausibleHeaderName(f.Name) {
				t.Errorf("name %q would not be accepted in a header line", f.Name)
			}
			if f.Name != strings.ToLower(f.Name) {
				t.Errorf("name %q is not lower case", f.Name)
			}
			if want := strings.ReplaceAll(f.Name, "-", "_"); f.Column != want {
				t.Errorf("Column = %q, want %q", f.Column, want)
			}
			if !f.Known {
				t.Error("Known = false")
			}
			if f.Version < 2 || f.Version > 11 {
				t.Errorf("Version = %d, want 2..11", f.Version)
			}
			if f.Doc == "" || strings.ContainsAny(f.Doc, "\n\r") || !strings.HasSuffix(f.Doc, ".") {
				t.Errorf("Doc %q is not one sentence on one line", f.Doc)
			}
			pair := f.AthenaType + "/" + f.DuckType
			if pair != "int/INTEGER" && pair != "bigint/BIGINT" && pair != "string/VARCHAR" {
				t.Errorf("types %s do not match", pair)
			}
		})
	}
}

func TestCatalogVersions(t *testing.T) {
	byVersion := map[int][]string{}
	last := 0
	for _, f := range Catalog {
		if f.Version < last {
			t.Errorf("%s (v%d) comes after a v%d field: the catalog is not in documented order", f.Name, f.Version, last)
		}
		last = f.Version
		byVersion[f.Version] = append(byVersion[f.Version], f.Name)
	}
	want := map[int][]string{
		2: {"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
			"protocol", "packets", "bytes", "start", "end", "action", "log-status"},
		3: {"vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr"},
		4: {"region", "az-id", "sublocation-type", "sublocation-id"},
		5: {"pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path"},
		6: {"resource-type", "tgw-id", "tgw-attachment-id", "tgw-src-vpc-account-id", "tgw-dst-vpc-account-id",
			"tgw-src-vpc-id", "tgw-dst-vpc-id", "tgw-src-subnet-id", "tgw-dst-subnet-id", "tgw-src-eni",
			"tgw-dst-eni", "tgw-src-az-id", "tgw-dst-az-id", "tgw-pair-attachment-id", "packets-lost-no-route",
			"packets-lost-blackhole", "packets-lost-mtu-exceeded", "packets-lost-ttl-expired"},
		7: {"ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
			"ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn",
			"ecs-task-arn", "ecs-task-id"},
		8:  {"reject-reason"},
		9:  {"resource-id"},
		10: {"encryption-status"},
		11: {"instance-tag", "instance-tag-2", "interface-tag", "interface-tag-2", "asg-tag", "asg-tag-2",
			"interface-type", "next-hop-interface-id", "next-hop-subnet-id", "next-hop-az-id", "next-hop-vpc-id",
			"next-hop-interface-type"},
	}
	if diff := cmp.Diff(want, byVersion); diff != "" {
		t.Errorf("fields by version (-want +got):\n%s", diff)
	}
}

func TestCatalogTypes(t *testing.T) {
	want := map[string]string{
		"version": "int", "srcport": "int", "dstport": "int", "tcp-flags": "int", "traffic-path": "int",
		"protocol": "bigint", "packets": "bigint", "bytes": "bigint", "start": "bigint", "end": "bigint",
		"packets-lost-no-route": "bigint", "packets-lost-blackhole": "bigint",
		"packets-lost-mtu-exceeded": "bigint", "packets-lost-ttl-expired": "bigint",
	}
	for _, f := range Catalog {
		athena, ok := want[f.Name]
		if !ok {
			athena = "string"
		}
		if f.AthenaType != athena {
			t.Errorf("%s: AthenaType = %q, want %q", f.Name, f.AthenaType, athena)
		}
	}
}

func TestCatalogLegacyAliases(t *testing.T) {
	listed := map[string]string{
		"account-id": "account", "interface-id": "interfaceid", "srcaddr": "sourceaddress",
		"dstaddr": "destinationaddress", "srcport": "sourceport", "dstport": "destinationport",
		"packets": "numpackets", "bytes": "numbytes", "start": "starttime", "end": "endtime",
		"log-status": "logstatus", "vpc-id": "vpcid", "subnet-id": "subnetid", "instance-id": "instanceid",
		"tcp-flags": "tcpflags", "pkt-srcaddr": "pktsrcaddr", "pkt-dstaddr": "pktdstaddr", "az-id": "azid",
		"sublocation-type": "sublocationtype", "sublocation-id": "sublocationid",
		"pkt-src-aws-service": "pktsrcawsservice", "pkt-dst-aws-service": "pktdstawsservice",
		"flow-direction": "flowdirection", "traffic-path": "trafficpath",
		"version": "version", "protocol": "protocol", "action": "action", "type": "type", "region": "region",
		// Not in the 2018-2021 documents: squashed the same way.
		"tgw-src-vpc-account-id": "tgwsrcvpcaccountid", "packets-lost-no-route": "packetslostnoroute",
		"ecs-task-arn": "ecstaskarn", "instance-tag-2": "instancetag2", "next-hop-az-id": "nexthopazid",
	}
	for name, legacy := range listed {
		f, ok := Lookup(name)
		if !ok {
			t.Errorf("Lookup(%q) failed", name)
			continue
		}
		if f.Legacy != legacy {
			t.Errorf("%s: Legacy = %q, want %q", name, f.Legacy, legacy)
		}
	}
	for _, f := range Catalog {
		if _, ok := listed[f.Name]; !ok && f.Legacy != strings.ReplaceAll(f.Name, "-", "") {
			t.Errorf("%s: Legacy = %q, want the name without hyphens", f.Name, f.Legacy)
		}
	}
}
