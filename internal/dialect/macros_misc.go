package dialect

// miscMacros are Presto's aggregate, array, map, string and regular
// expression functions that DuckDB lacks or spells differently.
var miscMacros = []macro{
	// approx_distinct is answered exactly: an exact count is within any
	// error bound Presto accepts as the second argument.
	{"approx_distinct", `(x) AS count(DISTINCT x), (x, e) AS count(DISTINCT x)`},
	// approx_percentile(x, p) and approx_percentile(x, ARRAY[p1, p2]) return
	// a value of x, answered exactly by quantile_disc.
	{"approx_percentile", `(x, p) AS quantile_disc(x, p)`},
	{"regexp_like", `(s, p) AS regexp_matches(s, p)`},
	// regexp_extract returns NULL when nothing matches, as in Presto (DuckDB
	// returns an empty string).
	{"regexp_extract", `(s, p) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p) END,
  (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p, g) END`},
	// split_part returns NULL past the last field, as in Presto.
	{"split_part", `(s, d, i) AS string_split(s, d)[i]`},
	// cardinality counts the elements of an array or the entries of a map.
	{"cardinality", `(x) AS CAST(CASE WHEN json_type(to_json(x)) = 'ARRAY'
    THEN json_array_length(to_json(x)) ELSE len(json_keys(to_json(x))) END AS BIGINT)`},
	// element_at(array, i) is 1-based (negative counts from the end);
	// element_at(map, key) is the value or NULL.
	{"element_at", `(x, k) AS x[k]`},
	{"array_join", `(a, sep) AS array_to_string(a, sep),
  (a, sep, nullrep) AS array_to_string(list_transform(a, lambda v: coalesce(CAST(v AS VARCHAR), nullrep)), sep)`},
	{"every", `(x) AS bool_and(x)`},
	{"json_extract_scalar", `(j, p) AS json_extract_string(j, p)`},
}
