package schema

import (
	"fmt"
	"strings"
	"time"
)

// DefaultTable is the table name of the Athena DDL when none is given.
const DefaultTable = "vpc_flow_logs"

// projectionStart is the first day projected when DDLOptions.Since is zero:
// the day VPC Flow Logs launched.
var projectionStart = time.Date(2015, time.June, 10, 0, 0, 0, 0, time.UTC)

// shadowedPrefix renames, in text tables, a data column that a partition of
// the layout shadows (region in the projection layout): delimited text is read
// by position, so the column keeps its place under another name.
const shadowedPrefix = "record_"

// DDLOptions configure AthenaDDL.
type DDLOptions struct {
	// Table is the table name, optionally "database.table"; empty means
	// DefaultTable.
	Table string
	// Layout gives the column names and partitions; the zero Layout means
	// the current layout.
	Layout Layout
	// Fields are the data columns in file order; empty means
	// AthenaTableFields, the fields of Athena's documented table (v2 to v5).
	Fields []Field
	// Location is the S3 prefix of the data; empty means Layout.Location.
	Location string
	// Parquet describes Parquet files instead of space-delimited text.
	Parquet bool
	// Accounts and Regions are the values of projected account and region
	// partitions; when empty the partition is "injected" (queries must then
	// name it in WHERE).
	Accounts, Regions []string
	// Since is the first day of a projected day partition; zero means
	// 2015-06-10.
	Since time.Time
}

// AthenaDDL returns the CREATE EXTERNAL TABLE statement that defines the
// table in Amazon Athena: the layout's data columns with Athena types (in text
// tables a column a partition shadows is kept in place as record_NAME; Parquet
// tables omit it), its partitions, the row format (space-delimited text with a header line, or
// Parquet), the location and, for layouts with a Template, the partition
// projection properties. Every identifier is quoted with backticks.
func AthenaDDL(opts DDLOptions) string {
	layout := opts.Layout
	if layout.Name == "" {
		layout = Layouts[0]
	}
	fields := opts.Fields
	if len(fields) == 0 {
		fields = AthenaTableFields()
	}
	table := opts.Table
	if table == "" {
		table = DefaultTable
	}
	location := opts.Location
	if location == "" {
		location = layout.Location
	}

	var b strings.Builder
	fmt.Fprintf(&b, "CREATE EXTERNAL TABLE IF NOT EXISTS %s (\n", QuoteTable(table))
	var cols []string
	for _, f := range fields {
		name := layout.ColumnName(f)
		if !layout.Includes(f) {
			if opts.Parquet {
				continue // Parquet columns are matched by name
			}
			// Text columns are matched by position: keep the place.
			name = shadowedPrefix + name
		}
		cols = append(cols, "  "+backtick(name)+" "+f.AthenaType)
	}
	b.WriteString(strings.Join(cols, ",\n"))
	b.WriteString("\n)\n")
	if len(layout.Partitions) > 0 {
		parts := make([]string, len(layout.Partitions))
		for i, p := range layout.Partitions {
			parts[i] = backtick(p.Name) + " " + p.AthenaType
		}
		fmt.Fprintf(&b, "PARTITIONED BY (%s)\n", strings.Join(parts, ", "))
	}
	var props [][2]string
	if opts.Parquet {
		b.WriteString("STORED AS PARQUET\n")
		props = append(props, [2]string{"EXTERNAL", "true"}, [2]string{"parquet.compression", "SNAPPY"})
	} else {
		b.WriteString("ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '\n")
		props = append(props, [2]string{"skip.header.line.count", "1"})
	}
	fmt.Fprintf(&b, "LOCATION '%s'\n", strings.ReplaceAll(location, "'", `\'`))
	props = append(props, projectionProps(layout, opts, location)...)
	writeProps(&b, props)
	return b.String()
}

// projectionProps returns the partition projection table properties of
// layouts that have a Template.
func projectionProps(layout Layout, opts DDLOptions, location string) [][2]string {
	if layout.Template == "" {
		return nil
	}
	since := opts.Since
	if since.IsZero() {
		since = projectionStart
	}
	props := [][2]string{{"projection.enabled", "true"}}
	for _, p := range layout.Partitions {
		key := "projection." + p.Name + "."
		switch p.Project {
		case ProjectAccount:
			props = append(props, enumOrInjected(key, opts.Accounts)...)
		case ProjectRegion:
			props = append(props, enumOrInjected(key, opts.Regions)...)
		case ProjectDay:
			props = append(props,
				[2]string{key + "type", "date"},
				[2]string{key + "range", since.UTC().Format("2006/01/02") + ",NOW"},
				[2]string{key + "format", "yyyy/MM/dd"},
				[2]string{key + "interval", "1"},
				[2]string{key + "interval.unit", "DAYS"},
			)
		}
	}
	if !strings.HasSuffix(location, "/") {
		location += "/"
	}
	return append(props, [2]string{"storage.location.template", location + layout.Template})
}

func enumOrInjected(key string, values []string) [][2]string {
	if len(values) == 0 {
		return [][2]string{{key + "type", "injected"}}
	}
	return [][2]string{{key + "type", "enum"}, {key + "values", strings.Join(values, ",")}}
}

// writeProps writes TBLPROPERTIES: on one line when there are at most two
// properties, one per line otherwise.
func writeProps(b *strings.Builder, props [][2]string) {
	kv := make([]string, len(props))
	for i, p := range props {
		kv[i] = dquote(p[0]) + "=" + dquote(p[1])
	}
	if len(kv) <= 2 {
		fmt.Fprintf(b, "TBLPROPERTIES (%s)\n", strings.Join(kv, ", "))
		return
	}
	fmt.Fprintf(b, "TBLPROPERTIES (\n  %s\n)\n", strings.Join(kv, ",\n  "))
}

// backtick quotes an Athena (Hive) identifier.
func backtick(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// QuoteTable quotes each part of an Athena "table" or "database.table"
// name with backticks.
func QuoteTable(table string) string {
	parts := strings.Split(table, ".")
	for i, p := range parts {
		parts[i] = backtick(p)
	}
	return strings.Join(parts, ".")
}

// dquote quotes a table property key or value.
func dquote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
