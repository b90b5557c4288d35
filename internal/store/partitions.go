package store

import "fmt"

// partitionExprs computes the partition columns of every table layout in
// DuckDB SQL from the provenance columns of RecordsTable: layout name, then
// partition name (schema.Layouts declares the names, types and docs).
var partitionExprs = map[string]map[string]string{
	"current": {
		"date": ColDate,
	},
	"hive": {
		"aws-account-id": ColAccount,
		"aws-service":    "'vpcflowlogs'",
		"aws-region":     ColRegion,
		"year":           day("%Y"),
		"month":          day("%m"),
		"day":            day("%d"),
		"hour":           "lpad(CAST(" + ColHour + " AS VARCHAR), 2, '0')",
	},
	"projection": {
		"accid":  ColAccount,
		"region": ColRegion,
		"day":    day("%Y/%m/%d"),
	},
	"legacy": {
		"dt":   day("%Y-%m-%d"),
		"date": ColDate,
	},
	"bootstrap": {
		"date_partition":    day("%Y/%m/%d"),
		"region_partition":  ColRegion,
		"account_partition": ColAccount,
	},
}

// day formats the record's day (ColDate) with a strftime pattern.
func day(pattern string) string {
	return "strftime(" + ColDate + ", '" + pattern + "')"
}

// PartitionExpr returns the DuckDB expression that computes the partition
// column named partition of the layout named layout from the provenance
// columns of RecordsTable.
func PartitionExpr(layout, partition string) (string, error) {
	expr, ok := partitionExprs[layout][partition]
	if !ok {
		return "", fmt.Errorf("layout %s: no expression for partition %s", layout, partition)
	}
	return expr, nil
}
