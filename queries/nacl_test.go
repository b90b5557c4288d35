package queries

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/filter"
)

// naclCleanLog is traffic with no dropped reply: a conversation accepted
// both ways, an SSH attempt rejected with no reply, a reject of the reverse
// flow on another interface, and one an hour after the request.
const naclCleanLog = `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 198.51.100.20 50100 443 6 10 5000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 198.51.100.20 10.0.1.5 443 50100 6 12 90000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 203.0.113.9 10.0.1.5 40000 22 6 2 120 1772445600 1772445660 REJECT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 192.0.2.10 50200 53 17 1 70 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0bbbbbbbbbbbbbbb2 192.0.2.10 10.0.1.5 53 50200 17 1 120 1772445600 1772445660 REJECT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 192.0.2.11 50300 53 17 1 70 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 192.0.2.11 10.0.1.5 53 50300 17 1 120 1772449200 1772449260 REJECT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 - - - - - - - 1772451000 1772451060 - NODATA
`

// naclPlantedLog adds two dropped replies to the clean traffic: an outbound
// NTP query whose reply an inbound rule drops (v2: no flow-direction), and
// an inbound HTTPS request whose reply an outbound rule drops (twice).
const naclPlantedLog = naclCleanLog +
	`2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 162.159.200.123 49152 123 17 1 76 1772445700 1772445760 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 162.159.200.123 10.0.1.5 123 49152 17 1 76 1772445710 1772445770 REJECT OK
2 123456789012 eni-0ccccccccccccccc3 198.51.100.7 10.0.2.8 51000 443 6 3 180 1772446000 1772446060 ACCEPT OK
2 123456789012 eni-0ccccccccccccccc3 10.0.2.8 198.51.100.7 443 51000 6 2 120 1772446000 1772446060 REJECT OK
2 123456789012 eni-0ccccccccccccccc3 198.51.100.7 10.0.2.8 51000 443 6 3 180 1772446060 1772446120 ACCEPT OK
2 123456789012 eni-0ccccccccccccccc3 10.0.2.8 198.51.100.7 443 51000 6 2 120 1772446060 1772446120 REJECT OK
`

// TestNACLAsymmetricFindsDroppedReplies: each planted pair is found once,
// with the rejected direction, and the clean traffic stays quiet.
func TestNACLAsymmetricFindsDroppedReplies(t *testing.T) {
	s := openLog(t, naclPlantedLog, 14)
	out, err := runCSV(t, s.Conn, mustReport(t, "nacl-asymmetric"), nil, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	const verdict = "network ACL (the reply was dropped; security groups are stateful)"
	const finding = "nacl-asymmetric,low,,"
	const evidence = " rejected: a network ACL dropped the reply (security groups are stateful)"
	want := "interface_id,client,server,port,protocol,rejected_direction,request_windows,rejected_reply_windows,first_seen,last_seen,verdict," +
		"detection,severity,mitre,subject,evidence,flows,bytes\n" +
		"eni-0aaaaaaaaaaaaaaa1,10.0.1.5,162.159.200.123,123,17,ingress,1,1,2026-03-02 10:01:40+00,2026-03-02 10:01:50+00," + verdict + "," +
		finding + "10.0.1.5 -> 162.159.200.123:123 on eni-0aaaaaaaaaaaaaaa1," +
		`"1 request window(s) from 10.0.1.5 to 162.159.200.123 port 123 accepted, 1 reply window(s)` + evidence + `",2,152` + "\n" +
		"eni-0ccccccccccccccc3,198.51.100.7,10.0.2.8,443,6,egress,2,2,2026-03-02 10:06:40+00,2026-03-02 10:07:40+00," + verdict + "," +
		finding + "198.51.100.7 -> 10.0.2.8:443 on eni-0ccccccccccccccc3," +
		`"2 request window(s) from 198.51.100.7 to 10.0.2.8 port 443 accepted, 2 reply window(s)` + evidence + `",4,600` + "\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("nacl-asymmetric (-want +got):\n%s", diff)
	}
}

// TestNACLAsymmetricQuietOnCleanData: no pair in traffic without a dropped
// reply.
func TestNACLAsymmetricQuietOnCleanData(t *testing.T) {
	s := openLog(t, naclCleanLog, 8)
	out, err := runCSV(t, s.Conn, mustReport(t, "nacl-asymmetric"), nil, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if rows := parseCSV(t, out).rows; len(rows) != 0 {
		t.Errorf("clean traffic: %v, want no rows", rows)
	}
}
