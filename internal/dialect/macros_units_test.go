package dialect_test

import "testing"

func TestUnitFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		{"format_bytes of a BIGINT", "format_bytes(2048::BIGINT)", "2.0 KiB"},
		{"format_bytes of a sum (HUGEINT)", "(SELECT format_bytes(sum(x)) FROM (VALUES (1000000::BIGINT), (2000000000)) t(x))", "1.8 GiB"},
		{"format_bytes of a HUGEINT", "format_bytes(1073741824::HUGEINT)", "1.0 GiB"},
		{"format_bytes of a UBIGINT", "format_bytes(1024::UBIGINT)", "1.0 KiB"},
		{"format_bytes of an INTEGER", "format_bytes(512::INTEGER)", "512 bytes"},
		{"format_bytes of an average (DOUBLE)", "(SELECT format_bytes(avg(x)) FROM (VALUES (1024), (2048)) t(x))", "1.5 KiB"},
		{"format_bytes NULL", "format_bytes(NULL)", "NULL"},
		{"formatReadableSize of a sum", "(SELECT formatReadableSize(sum(x)) FROM (VALUES (1024::BIGINT)) t(x))", "1.0 KiB"},
		{"formatReadableDecimalSize of a sum", "(SELECT formatReadableDecimalSize(sum(x)) FROM (VALUES (2000000000::BIGINT)) t(x))", "2.0 GB"},
		{"format_count small", "format_count(950)", "950"},
		{"format_count thousands", "format_count(1234::SMALLINT)", "1.2k"},
		{"format_count of a sum (HUGEINT)", "(SELECT format_count(sum(x)) FROM (VALUES (3400000::BIGINT)) t(x))", "3.4M"},
		{"format_count giga", "format_count(5600000000::UBIGINT)", "5.6G"},
		{"format_count negative", "format_count(-1500)", "-1.5k"},
		{"format_count NULL", "format_count(NULL)", "NULL"},
	})
}
