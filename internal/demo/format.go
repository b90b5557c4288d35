package demo

import (
	"fmt"
	"strconv"
	"strings"
)

// field identifies one AWS flow-log field.
type field uint8

const (
	fVersion field = iota
	fAccount
	fInterface
	fSrcAddr
	fDstAddr
	fSrcPort
	fDstPort
	fProtocol
	fPackets
	fBytes
	fStart
	fEnd
	fAction
	fLogStatus
	fVPC
	fSubnet
	fInstance
	fTCPFlags
	fType
	fPktSrcAddr
	fPktDstAddr
	fRegion
	fAZ
	fSublocationType
	fSublocationID
	fPktSrcService
	fPktDstService
	fFlowDirection
	fTrafficPath
	fECSClusterARN
	fECSClusterName
	fECSContainerInstanceARN
	fECSContainerInstanceID
	fECSContainerID
	fECSSecondContainerID
	fECSServiceName
	fECSTaskDefinitionARN
	fECSTaskARN
	fECSTaskID
	fRejectReason
	fResourceID
	fEncryptionStatus
	numFields
)

// fieldNames are the AWS names of the fields, as written in file headers.
var fieldNames = [numFields]string{
	"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
	"protocol", "packets", "bytes", "start", "end", "action", "log-status",
	"vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
	"region", "az-id", "sublocation-type", "sublocation-id",
	"pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path",
	"ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
	"ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn",
	"ecs-task-arn", "ecs-task-id",
	"reject-reason", "resource-id", "encryption-status",
}

// Format names, as used in Options.Formats (except "mixed") and File.Format.
const (
	FormatV2  = "v2"  // the default format: the 14 version-2 fields in AWS order
	FormatV5  = "v5"  // a custom format with every field up to version 5, in a custom order
	FormatV10 = "v10" // a custom format with all 42 fields up to version 10, in AWS order
)

// FormatMixed is the Options.Formats value that mixes v2, v5 and a few v10 files.
const FormatMixed = "mixed"

// format is one flow-log record layout.
type format struct {
	name    string
	version int
	fields  []field
	header  string
}

func newFormat(name string, version int, fields []field) *format {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = fieldNames[f]
	}
	return &format{name: name, version: version, fields: fields, header: strings.Join(names, " ")}
}

var (
	formatV2 = newFormat(FormatV2, 2, []field{
		fVersion, fAccount, fInterface, fSrcAddr, fDstAddr, fSrcPort, fDstPort, fProtocol,
		fPackets, fBytes, fStart, fEnd, fAction, fLogStatus,
	})
	// formatV5 follows the order of AWS's published custom-format example.
	formatV5 = newFormat(FormatV5, 5, []field{
		fVersion, fSrcAddr, fDstAddr, fSrcPort, fDstPort, fProtocol, fStart, fEnd, fType,
		fPackets, fBytes, fAccount, fVPC, fSubnet, fInstance, fInterface, fRegion, fAZ,
		fSublocationType, fSublocationID, fAction, fTCPFlags, fPktSrcAddr, fPktDstAddr,
		fPktSrcService, fPktDstService, fTrafficPath, fFlowDirection, fLogStatus,
	})
	formatV10 = newFormat(FormatV10, 10, allFields())
)

func allFields() []field {
	fs := make([]field, numFields)
	for i := range fs {
		fs[i] = field(i)
	}
	return fs
}

var formats = map[string]*format{FormatV2: formatV2, FormatV5: formatV5, FormatV10: formatV10}

// Header returns the header line (space-separated AWS field names, without the
// newline) that files of the named format start with.
func Header(format string) (string, error) {
	f, ok := formats[format]
	if !ok {
		return "", fmt.Errorf("demo: unknown format %q (want %s, %s or %s)", format, FormatV2, FormatV5, FormatV10)
	}
	return f.header, nil
}

// appendRecord appends r as one line of format f.
func appendRecord(b []byte, f *format, r *rec) []byte {
	h := r.eni
	for i, fld := range f.fields {
		if i > 0 {
			b = append(b, ' ')
		}
		switch fld {
		case fVersion:
			b = strconv.AppendInt(b, int64(f.version), 10)
		case fAccount:
			b = append(b, h.fl.account...)
		case fInterface:
			b = append(b, h.eni...)
		case fSrcAddr:
			b = appendStr(b, r.src)
		case fDstAddr:
			b = appendStr(b, r.dst)
		case fSrcPort:
			b = appendInt(b, int64(r.srcPort))
		case fDstPort:
			b = appendInt(b, int64(r.dstPort))
		case fProtocol:
			b = appendInt(b, int64(r.proto))
		case fPackets:
			b = appendInt(b, r.packets)
		case fBytes:
			b = appendInt(b, r.bytes)
		case fStart:
			b = strconv.AppendInt(b, r.start, 10)
		case fEnd:
			b = strconv.AppendInt(b, r.end, 10)
		case fAction:
			b = append(b, actionNames[r.action]...)
		case fLogStatus:
			b = append(b, statusNames[r.status]...)
		case fVPC:
			b = append(b, h.fl.vpc...)
		case fSubnet:
			b = append(b, h.subnet...)
		case fInstance:
			b = appendStr(b, h.instance)
		case fTCPFlags:
			b = appendInt(b, int64(r.tcpFlags))
		case fType:
			switch {
			case r.status != statusOK:
				b = append(b, '-')
			case r.ipv6:
				b = append(b, "IPv6"...)
			default:
				b = append(b, "IPv4"...)
			}
		case fPktSrcAddr:
			if r.pktSrc != "" {
				b = append(b, r.pktSrc...)
			} else {
				b = appendStr(b, r.src)
			}
		case fPktDstAddr:
			if r.pktDst != "" {
				b = append(b, r.pktDst...)
			} else {
				b = appendStr(b, r.dst)
			}
		case fRegion:
			b = append(b, h.fl.region...)
		case fAZ:
			b = append(b, h.az...)
		case fSublocationType, fSublocationID:
			b = append(b, '-')
		case fPktSrcService:
			b = appendStr(b, r.pktSrcSvc)
		case fPktDstService:
			b = appendStr(b, r.pktDstSvc)
		case fFlowDirection:
			b = append(b, directionNames[r.dir]...)
		case fTrafficPath:
			b = appendInt(b, int64(r.trafficPath))
		case fECSClusterARN, fECSClusterName, fECSContainerInstanceARN, fECSContainerInstanceID,
			fECSContainerID, fECSSecondContainerID, fECSServiceName, fECSTaskDefinitionARN,
			fECSTaskARN, fECSTaskID:
			if h.ecs == nil {
				b = append(b, '-')
			} else {
				b = appendStr(b, h.ecs.value(fld))
			}
		case fRejectReason:
			b = appendStr(b, r.rejectReason)
		case fResourceID:
			b = appendStr(b, r.resourceID)
		case fEncryptionStatus:
			b = appendInt(b, int64(r.encryption))
		}
	}
	return append(b, '\n')
}

func appendStr(b []byte, s string) []byte {
	if s == "" {
		return append(b, '-')
	}
	return append(b, s...)
}

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		return append(b, '-')
	}
	return strconv.AppendInt(b, v, 10)
}
