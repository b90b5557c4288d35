package loader

import (
	"strings"
)

// Records whose log status is not OK (NODATA, SKIPDATA) have '-', NULL, for
// their addresses, ports and action. DuckDB hands a column's values to
// functions and hash tables as a dictionary vector, evaluated or hashed once
// per distinct value instead of once per row, only when the vector of
// 2,048 rows holds no NULL; one NODATA record in it flattens it. A busy
// VPC's NODATA records are few but spread over the whole day, so nearly
// every vector has one, and a filter or a GROUP BY on an address costs two
// to three times what it does on the same records without them.
//
// So a text group's read_csv reads the log status as an ENUM of the one
// value 'OK' (okStatusType): it rejects the other lines, and the load adds
// them after the rest, through the SQL split of rejected lines
// (splitLines). They then sit together at the end of the load, in vectors
// of their own. The detour costs about 20 µs a line (DuckDB's reject
// handling and the split), against about 4 µs of CPU for a record read
// straight, so a group takes it only when the files' first lines show few
// such records (routeStatus). A Parquet group needs no detour: a second
// INSERT reads its other statuses (parquetInserts), at no measurable cost.

// statusColumn is the log-status field.
const statusColumn = "log_status"

// okStatusType is the read_csv type of statusColumn when the group routes
// its other statuses through the split.
const okStatusType = "'ENUM(''OK'')'"

// maxRoutedShare is the largest share of not-OK records, in the files'
// first lines, for which a group routes them: the load then costs at most
// about 5% more CPU.
const maxRoutedShare = 0.01

// statusSample counts, among the records of a text file's head (whole
// lines only, not the header), those whose log-status field is not OK.
// offset is the number of tokens before the first field (1 for a
// CloudWatch export's time). It counts nothing when the fields have no log
// status.
func statusSample(head []byte, complete bool, s Sniffed, offset int) (records, notOK int) {
	at := fieldIndex(s.Fields, statusColumn)
	if at < 0 {
		return 0, 0
	}
	at += offset
	text := string(head)
	if !complete {
		if i := strings.LastIndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		tok := strings.Fields(line)
		if len(tok) != len(s.Fields)+offset || strings.Join(tok[offset:], " ") == s.Header {
			continue // blank, header or malformed: the load judges it
		}
		records++
		if tok[at] != "OK" {
			notOK++
		}
	}
	return records, notOK
}

// routeStatus reports whether a text group reads its log status as
// okStatusType: when its fields have one and the sampled share of not-OK
// records is at most maxRoutedShare.
func routeStatus(g *group, jobs []*job) bool {
	if fieldIndex(g.fields, statusColumn) < 0 {
		return false
	}
	var records, notOK int
	for _, j := range jobs {
		records += j.sniff.sampled
		notOK += j.sniff.notOK
	}
	return records > 0 && float64(notOK) <= maxRoutedShare*float64(records)
}

// csvType is the read_csv type of a text group's field: text, checked in
// SQL for the integers (see valuesOK), and okStatusType for the log status
// when route is set.
func csvType(column string, route bool) string {
	if route && column == statusColumn {
		return okStatusType
	}
	return "'VARCHAR'"
}
