package dialect

// unitMacros format byte counts and counts for people. DuckDB's own
// format_bytes, formatReadableSize and formatReadableDecimalSize take only a
// BIGINT, so format_bytes(sum(bytes)) fails: the sum of a BIGINT column is a
// HUGEINT. These macros take the place of the built-ins on the session (as
// regexp_extract does) and accept any number: every integer type, DECIMAL
// and DOUBLE, cast to BIGINT (a value beyond 8 EiB is an error). format_count
// is flowduck's own: 950, 1.2k, 3.4M, 5.6G, 7.8T.
var unitMacros = []macro{
	{"format_bytes", `(x) AS system.main.format_bytes(CAST(x AS BIGINT))`},
	{"formatReadableSize", `(x) AS system.main.formatReadableSize(CAST(x AS BIGINT))`},
	{"formatReadableDecimalSize", `(x) AS system.main.formatReadableDecimalSize(CAST(x AS BIGINT))`},
	{"format_count", `(x) AS list_transform([CAST(x AS DOUBLE)], lambda n: CASE
    WHEN abs(n) >= 1e12 THEN printf('%.1fT', n / 1e12)
    WHEN abs(n) >= 1e9 THEN printf('%.1fG', n / 1e9)
    WHEN abs(n) >= 1e6 THEN printf('%.1fM', n / 1e6)
    WHEN abs(n) >= 1e3 THEN printf('%.1fk', n / 1e3)
    ELSE CAST(x AS VARCHAR) END)[1]`},
}
