package dialect

// timeMacros are Presto's date and time functions. Presto's timestamp with
// time zone maps to DuckDB's TIMESTAMPTZ (an instant shown in the session
// time zone, --tz); timestamp maps to TIMESTAMP and date to DATE.
var timeMacros = []macro{
	// athena_interval turns a Presto unit name and a count into an INTERVAL.
	{"athena_interval", `(u, n) AS CASE lower(u)
    WHEN 'millisecond' THEN to_milliseconds(CAST(n AS BIGINT))
    WHEN 'second' THEN to_seconds(CAST(n AS BIGINT))
    WHEN 'minute' THEN to_minutes(CAST(n AS BIGINT))
    WHEN 'hour' THEN to_hours(CAST(n AS BIGINT))
    WHEN 'day' THEN to_days(CAST(n AS INTEGER))
    WHEN 'week' THEN to_weeks(CAST(n AS INTEGER))
    WHEN 'month' THEN to_months(CAST(n AS INTEGER))
    WHEN 'quarter' THEN to_months(CAST(n AS INTEGER) * 3)
    WHEN 'year' THEN to_years(CAST(n AS INTEGER))
    ELSE CASE WHEN u IS NOT NULL THEN error('unknown date unit ''' || u || '''; use millisecond, second, minute, hour, day, week, month, quarter or year') END
  END`},
	// athena_tz_suffix is the ISO 8601 offset of x in the session time zone:
	// Z for UTC, else +HH:MM.
	{"athena_tz_suffix", `(x) AS CASE WHEN date_part('timezone', x) = 0 THEN 'Z'
  ELSE CASE WHEN date_part('timezone', x) < 0 THEN '-' ELSE '+' END
    || lpad(CAST(abs(date_part('timezone', x)) // 3600 AS VARCHAR), 2, '0') || ':'
    || lpad(CAST(abs(date_part('timezone', x)) % 3600 // 60 AS VARCHAR), 2, '0')
  END`},
	// from_unixtime(seconds [, zone | hours, minutes]) is the instant; the
	// zone arguments only change how Presto displays it, flowduck shows every
	// instant in the session zone.
	{"from_unixtime", `(x) AS to_timestamp(x), (x, zone) AS to_timestamp(x), (x, hours, minutes) AS to_timestamp(x)`},
	{"to_unixtime", `(x) AS epoch(CAST(x AS TIMESTAMPTZ))`},
	{"to_iso8601", `(x DATE) AS strftime(x, '%Y-%m-%d'),
  (x TIMESTAMP) AS strftime(x, '%Y-%m-%dT%H:%M:%S.%g'),
  (x TIMESTAMPTZ) AS strftime(x, '%Y-%m-%dT%H:%M:%S.%g') || athena_tz_suffix(x),
  (x) AS strftime(CAST(x AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%g')`},
	{"from_iso8601_timestamp", `(s) AS CAST(s AS TIMESTAMPTZ)`},
	{"from_iso8601_date", `(s) AS CAST(s AS DATE)`},
	{"day_of_week", `(x) AS isodow(CAST(x AS DATE))`},
	{"dow", `(x) AS isodow(CAST(x AS DATE))`},
	{"day_of_year", `(x) AS dayofyear(CAST(x AS DATE))`},
	{"doy", `(x) AS dayofyear(CAST(x AS DATE))`},
	{"day_of_month", `(x) AS dayofmonth(CAST(x AS DATE))`},
	{"week_of_year", `(x) AS week(CAST(x AS DATE))`},
	{"year_of_week", `(x) AS isoyear(CAST(x AS DATE))`},
	{"yow", `(x) AS isoyear(CAST(x AS DATE))`},
	// millisecond is the millisecond of the second (0-999) as in Presto;
	// DuckDB's own counts the seconds too.
	{"millisecond", `(x) AS CAST(date_part('millisecond', x) % 1000 AS BIGINT)`},
	{"date_format", `(x, f) AS strftime(x, athena_mysql_format(f))`},
	{"format_datetime", `(x, f) AS strftime(x, athena_joda_format(f))`},
	// date_parse and parse_datetime with a literal format are rewritten to
	// strptime by Rewrite (DuckDB needs strptime's format at bind time, which
	// a macro parameter is not); these bodies only explain the other cases.
	{"date_parse", `(s, f) AS error('date_parse: the format must be a string literal, e.g. date_parse(s, ''%Y-%m-%d'')')`},
	{"parse_datetime", `(s, f) AS error('parse_datetime: the format must be a string literal, e.g. parse_datetime(s, ''yyyy-MM-dd'')')`},
	// date_add(unit, n, x) is Presto's; date_add(date, interval) is DuckDB's
	// and keeps working. A DATE stays a DATE.
	{"date_add", `(u, n, x DATE) AS CASE WHEN lower(u) IN ('millisecond', 'second', 'minute', 'hour')
      THEN error('date_add: ''' || u || ''' is not a valid unit for a DATE')
      ELSE CAST(x + athena_interval(u, n) AS DATE) END,
  (u, n, x TIMESTAMP) AS x + athena_interval(u, n),
  (u, n, x TIMESTAMPTZ) AS x + athena_interval(u, n),
  (u, n, x) AS x + athena_interval(u, n),
  (d, i) AS d + i`},
	// date_diff counts whole units elapsed, as Presto does (DuckDB's own
	// date_diff counts boundaries crossed; its date_sub is Presto's date_diff).
	{"date_diff", `(u, a, b) AS date_sub(lower(u), a, b)`},
	// date_trunc of a DATE is a DATE in Presto; DuckDB's returns a TIMESTAMP.
	{"date_trunc", `(u, x DATE) AS CAST(system.main.date_trunc(u, x) AS DATE),
  (u, x) AS system.main.date_trunc(u, x)`},
	{"current_timezone", `() AS current_setting('TimeZone')`},
}
