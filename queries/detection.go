package queries

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// A report is a detection when its header has a detection line:
//
//	-- detection: severity=high mitre=T1046
//	-- detection: severity=high mitre=- needs=ioc
//
// severity is one of Severities, mitre the MITRE ATT&CK technique id (T1046,
// T1048.003) or "-" for none, and needs an input the detection cannot run
// without (NeedsIOC: the indicators of `flowduck detect --ioc FILE`). A
// detection's result has the finding columns (FindingColumns), in any order
// and among others, so `flowduck run NAME` shows them and `flowduck detect`
// collects them.

// Severities are the severities of findings, lowest first.
var Severities = []string{"low", "medium", "high", "critical"}

// SeverityRank returns the position of s in Severities (0 for low), or -1
// for an unknown severity.
func SeverityRank(s string) int { return slices.Index(Severities, strings.ToLower(s)) }

// FindingColumns are the columns every detection's result has.
var FindingColumns = []string{"detection", "severity", "mitre", "subject", "evidence", "flows", "bytes", "first_seen", "last_seen"}

// NeedsIOC is the detection line's needs= value of a detection that reads
// the indicator table (see IOCTable).
const NeedsIOC = "ioc"

// IOCTable is the temporary table of indicators a needs=ioc detection
// reads: indicator (the text given), label, lo and hi (the network's first
// and last address as athena_ip_key keys them, UHUGEINT).
const IOCTable = "flowduck_ioc"

// Detection is the detection line of a report's header.
type Detection struct {
	// Severity is the detection's severity, one of Severities; "" when the
	// report is not a detection.
	Severity string
	// MITRE is the ATT&CK technique id, "" for none.
	MITRE string
	// Needs is an input the detection needs beyond the flow logs
	// (NeedsIOC), or "".
	Needs string
}

// mitrePattern is what an ATT&CK technique id looks like.
var mitrePattern = regexp.MustCompile(`^T[0-9]{4}(\.[0-9]{3})?$`)

// parseDetection reads "severity=high mitre=T1046 [needs=ioc]".
func parseDetection(value string) (Detection, error) {
	var d Detection
	seen := map[string]bool{}
	for _, kv := range strings.Fields(value) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || seen[k] {
			return d, fmt.Errorf("detection %q: want severity=LEVEL mitre=TECHNIQUE [needs=ioc]", value)
		}
		seen[k] = true
		switch k {
		case "severity":
			if SeverityRank(v) < 0 {
				return d, fmt.Errorf("detection severity %q: use %s", v, strings.Join(Severities, ", "))
			}
			d.Severity = strings.ToLower(v)
		case "mitre":
			if v != "-" && !mitrePattern.MatchString(v) {
				return d, fmt.Errorf("detection mitre %q: use an ATT&CK technique id such as T1046 or T1048.003, or - for none", v)
			}
			if v != "-" {
				d.MITRE = v
			}
		case "needs":
			if v != NeedsIOC {
				return d, fmt.Errorf("detection needs %q: only %s is known", v, NeedsIOC)
			}
			d.Needs = v
		default:
			return d, fmt.Errorf("detection %q: unknown key %q (severity, mitre, needs)", value, k)
		}
	}
	if !seen["severity"] || !seen["mitre"] {
		return d, fmt.Errorf("detection %q: want severity=LEVEL mitre=TECHNIQUE (mitre=- for none)", value)
	}
	return d, nil
}

// IsDetection reports whether the report is a detection.
func (r Report) IsDetection() bool { return r.Detection.Severity != "" }
