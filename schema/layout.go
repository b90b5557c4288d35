package schema

import (
	"errors"
	"fmt"
	"strings"
)

// Naming says which names a layout gives the data columns.
type Naming int

const (
	// AthenaNames uses Field.Column: "pkt_srcaddr".
	AthenaNames Naming = iota
	// LegacyNames uses Field.Legacy, the 2018-2021 aliases: "pktsrcaddr".
	LegacyNames
)

// Projection says how Athena partition projection computes a partition's
// values; the zero value means the partition is not projected.
type Projection int

const (
	// NotProjected partitions are added with ALTER TABLE or MSCK REPAIR TABLE.
	NotProjected Projection = iota
	// ProjectAccount is an enum of account IDs, or injected when none is given.
	ProjectAccount
	// ProjectRegion is an enum of regions, or injected when none is given.
	ProjectRegion
	// ProjectDay is a date in the yyyy/MM/dd form of the S3 keys.
	ProjectDay
)

// Partition is one partition column of a table layout. The DuckDB expression
// that computes its value from the loaded records belongs to the database
// model (store.PartitionExpr).
type Partition struct {
	// Name is the partition column: "aws-account-id".
	Name string
	// AthenaType is "string" or "date".
	AthenaType string
	// Doc is a one-line description.
	Doc string
	// Project is how the Athena DDL projects the partition, if it does.
	Project Projection
}

// Layout is one way Athena users have defined their VPC flow logs table: the
// names of the data columns and the partition columns.
type Layout struct {
	// Name identifies the layout: "current", "hive", ...
	Name string
	// Doc is a one-line description.
	Doc string
	// Partitions are the partition columns, in DDL order.
	Partitions []Partition
	// Naming selects the data column names.
	Naming Naming
	// Location is the default LOCATION of the layout's Athena DDL.
	Location string
	// Template, when set, is the S3 path of one partition under Location with
	// ${partition} placeholders; the Athena DDL then uses partition projection.
	Template string
}

// Default LOCATIONs of the Athena DDL: the per-account, per-region prefix AWS
// documents for the current table, and the AWSLogs root that tables
// partitioned by account and region start from.
const (
	documentedLocation = "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{account_id}/vpcflowlogs/{region}/"
	awsLogsLocation    = "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/"
)

// Layouts is the registry of table layouts; the first is the default.
var Layouts = []Layout{
	{
		Name:     "current",
		Doc:      "The table of the Athena user guide: underscore names, partitioned by `date` (DATE).",
		Location: documentedLocation,
		Partitions: []Partition{
			{Name: "date", AthenaType: AthenaDate, Doc: "Day of the records (UTC)."},
		},
	},
	{
		Name:     "hive",
		Doc:      "Hive-compatible S3 prefixes (a delivery option, usual with Parquet): partitions aws-account-id, aws-service, aws-region, year, month, day, hour as strings.",
		Location: awsLogsLocation,
		Partitions: []Partition{
			{Name: "aws-account-id", AthenaType: AthenaString, Doc: "Account ID of the file (S3 key, else the record's account-id)."},
			{Name: "aws-service", AthenaType: AthenaString, Doc: "Always vpcflowlogs."},
			{Name: "aws-region", AthenaType: AthenaString, Doc: "Region of the file (S3 key, else the record's region)."},
			{Name: "year", AthenaType: AthenaString, Doc: "Year, 'yyyy'."},
			{Name: "month", AthenaType: AthenaString, Doc: "Month, 'MM'."},
			{Name: "day", AthenaType: AthenaString, Doc: "Day of the month, 'dd'."},
			{Name: "hour", AthenaType: AthenaString, Doc: "Hour, 'HH' (NULL when the key has no hour)."},
		},
	},
	{
		Name:     "projection",
		Doc:      "The Athena user guide's partition-projection table: partitions accid, region, day ('yyyy/MM/dd'); region is not a data column.",
		Location: awsLogsLocation,
		Template: "${accid}/vpcflowlogs/${region}/${day}",
		Partitions: []Partition{
			{Name: "accid", AthenaType: AthenaString, Doc: "Account ID of the file (S3 key, else the record's account-id).", Project: ProjectAccount},
			{Name: "region", AthenaType: AthenaString, Doc: "Region of the file (S3 key, else the record's region).", Project: ProjectRegion},
			{Name: "day", AthenaType: AthenaString, Doc: "Day, 'yyyy/MM/dd'.", Project: ProjectDay},
		},
	},
	{
		Name:     "legacy",
		Doc:      "The 2018-2021 Athena documentation: squashed names (sourceaddress, numbytes, starttime...), partitions dt ('yyyy-MM-dd') and date.",
		Naming:   LegacyNames,
		Location: documentedLocation,
		Partitions: []Partition{
			{Name: "dt", AthenaType: AthenaString, Doc: "Day, 'yyyy-MM-dd'."},
			{Name: "date", AthenaType: AthenaDate, Doc: "Day of the records (UTC)."},
		},
	},
	{
		Name:     "bootstrap",
		Doc:      "aws-security-analytics-bootstrap: legacy names, partitions date_partition ('yyyy/MM/dd'), region_partition, account_partition.",
		Naming:   LegacyNames,
		Location: awsLogsLocation,
		Template: "${account_partition}/vpcflowlogs/${region_partition}/${date_partition}",
		Partitions: []Partition{
			{Name: "date_partition", AthenaType: AthenaString, Doc: "Day, 'yyyy/MM/dd'.", Project: ProjectDay},
			{Name: "region_partition", AthenaType: AthenaString, Doc: "Region of the file (S3 key, else the record's region).", Project: ProjectRegion},
			{Name: "account_partition", AthenaType: AthenaString, Doc: "Account ID of the file (S3 key, else the record's account-id).", Project: ProjectAccount},
		},
	},
}

// ErrUnknownLayout is wrapped by LookupLayout's error.
var ErrUnknownLayout = errors.New("unknown layout")

// LookupLayout returns the layout called name (case-insensitive).
func LookupLayout(name string) (Layout, error) {
	for _, l := range Layouts {
		if strings.EqualFold(l.Name, name) {
			return l, nil
		}
	}
	return Layout{}, fmt.Errorf("%w %q (valid: %s)", ErrUnknownLayout, name, strings.Join(LayoutNames(), ", "))
}

// LayoutNames returns the names of Layouts, in registry order.
func LayoutNames() []string {
	names := make([]string, len(Layouts))
	for i, l := range Layouts {
		names[i] = l.Name
	}
	return names
}

// ColumnName returns the name of f's data column in the layout.
func (l Layout) ColumnName(f Field) string {
	if l.Naming == LegacyNames {
		return f.Legacy
	}
	return f.Column
}

// Includes reports whether f is a data column of the layout: it is not when a
// partition has its name (region in the projection layout).
func (l Layout) Includes(f Field) bool {
	name := l.ColumnName(f)
	for _, p := range l.Partitions {
		if strings.EqualFold(p.Name, name) {
			return false
		}
	}
	return true
}

// DataFields returns the fields that are data columns of the layout, in order.
func (l Layout) DataFields(fields []Field) []Field {
	var out []Field
	for _, f := range fields {
		if l.Includes(f) {
			out = append(out, f)
		}
	}
	return out
}
