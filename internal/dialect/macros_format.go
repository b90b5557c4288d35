package dialect

// formatMacros translate Presto's two date-format languages into DuckDB
// strftime/strptime format strings. They run at bind time on the literal
// format of date_format, format_datetime (macros) and date_parse,
// parse_datetime (rewritten by Rewrite), so a constant format stays constant.
var formatMacros = []macro{
	// athena_mysql_format translates MySQL-style specifiers (date_format,
	// date_parse): %i is minutes, %s seconds, %M the month name, %W the
	// weekday name, %v/%x the ISO week and week-year. Text outside specifiers
	// is kept, with % doubled; an unknown specifier %X prints X, as in MySQL.
	{"athena_mysql_format", `(f) AS array_to_string(list_transform(
  regexp_extract_all(f, '%.|%$|[^%]+'),
  lambda t: CASE t
    WHEN '%a' THEN '%a' WHEN '%b' THEN '%b' WHEN '%c' THEN '%-m' WHEN '%d' THEN '%d'
    WHEN '%e' THEN '%-d' WHEN '%f' THEN '%f' WHEN '%H' THEN '%H' WHEN '%h' THEN '%I'
    WHEN '%I' THEN '%I' WHEN '%i' THEN '%M' WHEN '%j' THEN '%j' WHEN '%k' THEN '%-H'
    WHEN '%l' THEN '%-I' WHEN '%M' THEN '%B' WHEN '%m' THEN '%m' WHEN '%p' THEN '%p'
    WHEN '%r' THEN '%I:%M:%S %p' WHEN '%S' THEN '%S' WHEN '%s' THEN '%S'
    WHEN '%T' THEN '%H:%M:%S' WHEN '%U' THEN '%U' WHEN '%u' THEN '%W' WHEN '%v' THEN '%V'
    WHEN '%W' THEN '%A' WHEN '%w' THEN '%w' WHEN '%x' THEN '%G' WHEN '%Y' THEN '%Y'
    WHEN '%y' THEN '%y' WHEN '%%' THEN '%%' WHEN '%' THEN '%%'
    ELSE replace(CASE WHEN starts_with(t, '%') THEN substr(t, 2) ELSE t END, '%', '%%')
  END), '')`},
	// athena_joda_format translates Joda-Time patterns (format_datetime,
	// parse_datetime): runs of one letter (yyyy, MM, dd, HH, mm, ss, SSS, EEE,
	// MMM, a, Z, ...), 'quoted text' and '' for a quote. Letters without a
	// strftime equivalent are kept as literal text.
	{"athena_joda_format", `(f) AS array_to_string(list_transform(
  regexp_extract_all(f, '''([^'']|'''')*''|y+|Y+|x+|M+|d+|D+|H+|h+|k+|K+|m+|s+|S+|E+|e+|a+|Z+|z+|w+|G+|[^'']'),
  lambda t: CASE
    WHEN t = '''''' THEN ''''
    WHEN starts_with(t, '''') THEN replace(replace(substr(t, 2, length(t) - 2), '''''', ''''), '%', '%%')
    WHEN t[1] IN ('y', 'Y') THEN CASE WHEN length(t) = 2 THEN '%y' ELSE '%Y' END
    WHEN t[1] = 'x' THEN '%G'
    WHEN t[1] = 'M' THEN CASE length(t) WHEN 1 THEN '%-m' WHEN 2 THEN '%m' WHEN 3 THEN '%b' ELSE '%B' END
    WHEN t[1] = 'd' THEN CASE WHEN length(t) = 1 THEN '%-d' ELSE '%d' END
    WHEN t[1] = 'D' THEN CASE WHEN length(t) = 1 THEN '%-j' ELSE '%j' END
    WHEN t[1] IN ('H', 'k') THEN CASE WHEN length(t) = 1 THEN '%-H' ELSE '%H' END
    WHEN t[1] IN ('h', 'K') THEN CASE WHEN length(t) = 1 THEN '%-I' ELSE '%I' END
    WHEN t[1] = 'm' THEN CASE WHEN length(t) = 1 THEN '%-M' ELSE '%M' END
    WHEN t[1] = 's' THEN CASE WHEN length(t) = 1 THEN '%-S' ELSE '%S' END
    WHEN t[1] = 'S' THEN CASE WHEN length(t) <= 3 THEN '%g' WHEN length(t) <= 6 THEN '%f' ELSE '%n' END
    WHEN t[1] = 'E' THEN CASE WHEN length(t) <= 3 THEN '%a' ELSE '%A' END
    WHEN t[1] = 'e' THEN '%u'
    WHEN t[1] = 'a' THEN '%p'
    WHEN t[1] = 'Z' THEN CASE WHEN length(t) <= 2 THEN '%z' ELSE '%Z' END
    WHEN t[1] = 'z' THEN '%Z'
    WHEN t[1] = 'w' THEN '%V'
    WHEN t[1] = 'G' THEN 'AD'
    ELSE replace(t, '%', '%%')
  END), '')`},
}
