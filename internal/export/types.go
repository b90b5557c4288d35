package export

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// parquetOverrides are the fields AWS's Parquet deliveries store in a
// narrower type than Athena's column type (the VPC user guide's "Parquet data
// type" of each field): protocol is INT_32 in the files although Athena's
// table declares it bigint, which Athena reads by widening. Every other field
// is written in its catalog DuckDB type: INTEGER as INT_32, BIGINT as INT_64,
// VARCHAR as STRING.
var parquetOverrides = map[string]string{
	"protocol": schema.DuckInteger,
}

// parquetType is the DuckDB type a field's column is written with.
func parquetType(f schema.Field) string {
	if t, ok := parquetOverrides[f.Column]; ok {
		return t
	}
	if f.DuckType == "" {
		return schema.DuckVarchar
	}
	return f.DuckType
}

// Compressions are the Parquet codecs an export can write, all readable by
// Athena; the first is the default (AWS writes snappy).
var Compressions = []string{"snappy", "gzip", "zstd", "uncompressed"}

// codec validates a compression name and returns it lower-cased.
func codec(name string) (string, error) {
	if name == "" {
		return Compressions[0], nil
	}
	lower := strings.ToLower(name)
	for _, c := range Compressions {
		if c == lower {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w %q (valid: %s)", ErrUnknownCompression, name, strings.Join(Compressions, ", "))
}
