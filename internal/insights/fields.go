package insights

import (
	"sort"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Source is the relation a compiled query reads: the loaded flow logs in
// Athena's current layout (vpc_flow_logs' columns).
type Source struct {
	// Name is the relation the first stage reads, as SQL (an identifier).
	Name string
	// SQL, when set, defines Name as the statement's first CTE.
	SQL string
	// Columns maps each column of the relation (lowercase Athena name) to
	// its DuckDB type; fields without a column are absent (NULL).
	Columns map[string]string
	// EventTime says the relation has store.ColEventTime, the CloudWatch
	// Logs event time of records loaded from CloudWatch (NULL for others).
	EventTime bool
	// Fields says the relation has store.ColFileID, which finds the AWS
	// field names of the record's file in store.FilesTable, so @message is
	// rebuilt in the file's own order.
	Fields bool
}

// typ is the static type of a compiled expression.
type typ int

const (
	tyNull typ = iota // NULL: an absent field
	tyNum
	tyStr
	tyTime
	tyBool
)

// typeOf maps a DuckDB type name to a typ.
func typeOf(duckType string) typ {
	switch t := strings.ToUpper(duckType); {
	case strings.Contains(t, "INT"), strings.HasPrefix(t, "DOUBLE"), strings.HasPrefix(t, "FLOAT"),
		strings.HasPrefix(t, "DECIMAL"), strings.HasPrefix(t, "REAL"):
		return tyNum
	case strings.HasPrefix(t, "TIMESTAMP"), t == "DATE":
		return tyTime
	case t == "BOOLEAN":
		return tyBool
	}
	return tyStr
}

// fieldKey normalises a flow-log field name for lookup: lowercase, without
// '-' and '_', so that srcAddr, srcaddr and src_addr, or pkt-srcaddr,
// pkt_srcaddr and pktSrcAddr, are one name.
func fieldKey(name string) string {
	return keyReplacer.Replace(strings.ToLower(name))
}

var keyReplacer = strings.NewReplacer("-", "", "_", "")

// catalogKeys maps fieldKey of every catalog field's AWS name, Athena
// column and legacy name to the field.
var catalogKeys = func() map[string]schema.Field {
	m := map[string]schema.Field{}
	for _, f := range schema.Catalog {
		for _, n := range []string{f.Name, f.Column, f.Legacy} {
			if n == "" {
				continue
			}
			if _, ok := m[fieldKey(n)]; !ok {
				m[fieldKey(n)] = f
			}
		}
	}
	return m
}()

// CamelName is the name CloudWatch Logs Insights discovers for a flow-log
// field: its AWS name in camelCase (srcaddr is srcAddr, pkt-srcaddr is
// pktSrcAddr, account-id is accountId).
func CamelName(awsName string) string {
	parts := strings.Split(awsName, "-")
	for i, p := range parts {
		p = camelWords.Replace(p)
		if i > 0 && p != "" {
			p = strings.ToUpper(p[:1]) + p[1:]
		}
		parts[i] = p
	}
	return strings.Join(parts, "")
}

// camelWords are the run-together words of AWS field names.
var camelWords = strings.NewReplacer("srcaddr", "srcAddr", "dstaddr", "dstAddr", "srcport", "srcPort", "dstport", "dstPort")

// column resolves a flow-log field name to its column in the source and
// type; ok is false for a name that is no flow-log field.
func (s Source) column(name string) (sql string, t typ, ok bool) {
	k := fieldKey(name)
	if f, found := catalogKeys[k]; found {
		if dt, loaded := s.Columns[strings.ToLower(f.Column)]; loaded {
			return store.Ident(f.Column), typeOf(dt), true
		}
		return "CAST(NULL AS " + f.DuckType + ")", typeOf(f.DuckType), true
	}
	for col, dt := range s.Columns {
		if fieldKey(col) == k && !strings.HasPrefix(col, "_") {
			return store.Ident(col), typeOf(dt), true
		}
	}
	return "", tyNull, false
}

// timestamp is the SQL of @timestamp: the CloudWatch event time when the
// record has one, else its start.
func (s Source) timestamp() string {
	start, _, _ := s.column("start")
	if s.EventTime {
		return "coalesce(" + store.Ident(store.ColEventTime) + ", to_timestamp(" + start + "))"
	}
	return "to_timestamp(" + start + ")"
}

// message is the SQL of @message: the record's line rebuilt in its file's
// field order ('-' for NULL, as AWS writes it) when the source knows that
// order, else in AWS's order: the default-format fields, then the other
// loaded fields that are set.
func (s Source) message() string {
	var parts, cases []string
	for _, f := range schema.Catalog {
		_, loaded := s.Columns[strings.ToLower(f.Column)]
		value := "CAST(" + store.Ident(f.Column) + " AS VARCHAR)"
		switch {
		case f.Version == 2 && loaded:
			parts = append(parts, "coalesce("+value+", '-')")
		case f.Version == 2:
			parts = append(parts, "'-'")
		case loaded:
			parts = append(parts, value)
		}
		if loaded {
			cases = append(cases, "WHEN "+store.Literal(f.Name)+" THEN "+value)
		}
	}
	// Fields the catalog does not know, named in the file as in the column
	// with '-' for '_'.
	var unknown []string
	for col := range s.Columns {
		if _, known := catalogKeys[fieldKey(col)]; !known && !strings.HasPrefix(col, "_") {
			unknown = append(unknown, col)
		}
	}
	sort.Strings(unknown)
	for _, col := range unknown {
		value := "CAST(" + store.Ident(col) + " AS VARCHAR)"
		parts = append(parts, value)
		cases = append(cases, "WHEN "+store.Literal(strings.ReplaceAll(col, "_", "-"))+" THEN "+value)
	}
	aws := "concat_ws(' ', " + strings.Join(parts, ", ") + ")"
	if !s.Fields || len(cases) == 0 {
		return aws
	}
	fields := "(SELECT f.fields FROM main." + store.FilesTable + " AS f WHERE f.id = " + store.Ident(store.ColFileID) + ")"
	own := "array_to_string(list_transform(" + fields + ", lambda n: coalesce(CASE n " +
		strings.Join(cases, " ") + " END, '-')), ' ')"
	return "coalesce(" + own + ", " + aws + ")"
}

// pseudo resolves the @ fields CloudWatch adds to every event.
func (s Source) pseudo(name string) (string, typ, bool) {
	switch strings.ToLower(name) {
	case "@timestamp":
		return s.timestamp(), tyTime, true
	case "@message":
		return s.message(), tyStr, true
	case "@logstream":
		eni, _, _ := s.column("interface-id")
		return "(" + eni + " || '-all')", tyStr, true
	case "@log":
		return "CAST(NULL AS VARCHAR)", tyStr, true
	case "@ingestiontime":
		return "CAST(NULL AS TIMESTAMPTZ)", tyTime, true
	}
	return "", tyNull, false
}
