// Package htmlreport makes `flowduck html`: the investigation of the loaded
// flow logs in one self-contained HTML page (package htmlpage draws it).
// Every section is the result of SQL that runs here exactly as shown under
// the section, through the same path as the user's statements
// (dialect.Query), so an analyst can copy it into `flowduck sql` or the
// shell and get the same rows: what was loaded, the findings of the
// detections, traffic over time, top talkers, ports and rejected sources,
// and a graph of the top conversations.
package htmlreport
