package dialect

// ipMacros implement Presto's IPADDRESS without DuckDB's inet extension.
// An address is keyed by a UHUGEINT holding its 128-bit IPv6 form, IPv4
// addresses mapped into ::ffff:0:0/96 as Presto stores them, so keys order
// and compare like Presto's addresses. Rewrite turns CAST(x AS IPADDRESS)
// into athena_ipaddress(x) (the canonical text), comparisons and ORDER BY on
// addresses into athena_ip_key(...), and contains(cidr, ip) into
// athena_cidr_contains; with a constant network or address it folds them
// into predicates on the text instead (rewrite_fold.go). Text Athena does
// not read as an address ('-' in NODATA records, leading zeros, spaces) is
// NULL rather than an error.
//
// Macro parameters are substituted wherever they appear, so each macro
// binds a parameter used more than once to a lambda variable first
// (list_transform([x], lambda v: ...)[1]); without that, nested macros
// multiply their arguments and binding slows down sharply.
var ipMacros = []macro{
	// athena_ipv4_num is the 32-bit number of a dotted quad written as
	// Athena (and Go's net/netip) accept it: four decimal octets of at most
	// 255 without leading zeros or spaces; NULL for any other text. The
	// regular expression checks the text first, so the octets it then
	// casts are plain digits.
	{"athena_ipv4_num", `(a) AS CASE WHEN regexp_full_match(a, '` + octetRE + `(?:\.` + octetRE + `){3}')
  THEN (CAST(split_part(a, '.', 1) AS UBIGINT) << 24) + (CAST(split_part(a, '.', 2) AS UBIGINT) << 16)
    + (CAST(split_part(a, '.', 3) AS UBIGINT) << 8) + CAST(split_part(a, '.', 4) AS UBIGINT) END`},
	// athena_ipv4_key keys a dotted quad (mapped into ::ffff:0:0/96), or NULL.
	{"athena_ipv4_key", `(a) AS CAST(281470681743360 + athena_ipv4_num(a) AS UHUGEINT)`},
	// athena_ipv6_groups expands '::' in a lowercase IPv6 address into the
	// eight hex groups, or NULL when the shape is wrong.
	{"athena_ipv6_groups", `(h) AS list_transform([string_split(h, '::')], lambda parts: list_transform(
  [[CASE WHEN parts[1] = '' THEN []::VARCHAR[] ELSE string_split(parts[1], ':') END,
    CASE WHEN len(parts) < 2 OR parts[2] = '' THEN []::VARCHAR[] ELSE string_split(parts[2], ':') END]],
  lambda ht: CASE
    WHEN len(parts) = 1 AND len(ht[1]) = 8 THEN ht[1]
    WHEN len(parts) = 2 AND len(ht[1]) + len(ht[2]) <= 7
      THEN ht[1] || list_transform(range(8 - len(ht[1]) - len(ht[2])), lambda i: '0') || ht[2]
  END)[1])[1]`},
	// athena_ipv6_key keys an IPv6 address (a trailing dotted quad allowed),
	// or NULL.
	{"athena_ipv6_key", `(s) AS list_transform([s], lambda a: list_transform([athena_ipv6_groups(CASE WHEN contains(a, '.')
    THEN list_transform([regexp_extract(a, ':([0-9.]+)$', 1)], lambda q: lower(left(a, length(a) - length(q)))
      || list_transform([CAST(athena_ipv4_key(q) - 281470681743360 AS BIGINT)],
           lambda k: printf('%x:%x', k >> 16, k & 65535))[1])[1]
    ELSE lower(a) END)],
  lambda g: CASE WHEN len(g) = 8 AND list_bool_and(list_transform(g, lambda x: regexp_full_match(x, '[0-9a-f]{1,4}')))
    THEN list_transform([array_to_string(list_transform(g, lambda x: lpad(x, 4, '0')), '')],
      lambda hex: (CAST(CAST('0x' || left(hex, 16) AS UBIGINT) AS UHUGEINT) << CAST(64 AS UHUGEINT))
        | CAST(CAST('0x' || right(hex, 16) AS UBIGINT) AS UHUGEINT))[1]
  END)[1])[1]`},
	// athena_ip_key_text keys address text: the value compared and ordered.
	// Its argument appears several times in the expansion, so the rewrite
	// calls it only on a column or a constant; athena_ip_key takes any
	// expression.
	{"athena_ip_key_text", `(a) AS CASE WHEN contains(a, ':') THEN athena_ipv6_key(a) ELSE athena_ipv4_key(a) END`},
	// athena_ip_key keys any address expression (text or not) once.
	{"athena_ip_key", `(s) AS list_transform([CAST(s AS VARCHAR)], lambda a: athena_ip_key_text(a))[1]`},
	// athena_ipv6_compress writes eight hex groups as RFC 5952 text: the
	// first longest run of two or more zero groups becomes '::'.
	{"athena_ipv6_compress", `(g) AS list_transform([':' || array_to_string(g, ':') || ':'], lambda p: list_transform(
  [list_filter([8, 7, 6, 5, 4, 3, 2], lambda n: contains(p, ':' || repeat('0:', n)))[1]],
  lambda n: list_transform(
    [CASE WHEN n IS NULL THEN p
      ELSE left(p, strpos(p, ':' || repeat('0:', n)) - 1) || '::' || substr(p, strpos(p, ':' || repeat('0:', n)) + 2 * n + 1) END],
    lambda r: list_transform([CASE WHEN starts_with(r, '::') THEN r ELSE substr(r, 2) END],
      lambda r2: CASE WHEN ends_with(r2, '::') THEN r2 ELSE left(r2, length(r2) - 1) END)[1])[1])[1])[1]`},
	// athena_ip_text writes a key as Presto prints an IPADDRESS: dotted quad
	// for IPv4 (and IPv4-mapped IPv6), RFC 5952 text otherwise.
	{"athena_ip_text", `(k) AS list_transform([k], lambda v: CASE WHEN v >> CAST(32 AS UHUGEINT) = 65535
  THEN CAST(CAST(v >> CAST(24 AS UHUGEINT) AS BIGINT) & 255 AS VARCHAR) || '.'
    || CAST(CAST(v >> CAST(16 AS UHUGEINT) AS BIGINT) & 255 AS VARCHAR) || '.'
    || CAST(CAST(v >> CAST(8 AS UHUGEINT) AS BIGINT) & 255 AS VARCHAR) || '.'
    || CAST(CAST(v & CAST(255 AS UHUGEINT) AS BIGINT) AS VARCHAR)
  ELSE athena_ipv6_compress(list_transform(range(7, -1, -1),
    lambda i: printf('%x', CAST((v >> CAST(16 * i AS UHUGEINT)) & CAST(65535 AS UHUGEINT) AS BIGINT))))
  END)[1]`},
	// athena_ipaddress is CAST(s AS IPADDRESS): the canonical address text.
	{"athena_ipaddress", `(s) AS athena_ip_text(athena_ip_key(s))`},
	// athena_cidr_network parses a CIDR into [network key, prefix length in
	// the 128-bit space]; for a literal CIDR it is folded once at bind time.
	{"athena_cidr_network", `(cidr) AS list_transform([CAST(cidr AS VARCHAR)], lambda cv: list_transform([string_split(cv, '/')], lambda c: list_transform(
  [[athena_ip_key(c[1]), CAST(TRY_CAST(c[2] AS INTEGER) + CASE WHEN contains(c[1], ':') THEN 0 ELSE 96 END AS UHUGEINT)]],
  lambda nl: CASE
    WHEN cv IS NULL THEN NULL
    WHEN len(c) <> 2 OR nl[1] IS NULL OR nl[2] IS NULL OR nl[2] > 128 OR (NOT contains(c[1], ':') AND nl[2] < 96)
      THEN error('contains: invalid CIDR ''' || cv || '''')
    ELSE nl
  END)[1])[1])[1]`},
	// athena_cidr_contains is Presto's contains(cidr, address) for IPv4 and
	// IPv6: the address's first prefix-length bits equal the network's.
	{"athena_cidr_contains", `(cidr, ip) AS list_transform([[athena_cidr_network(cidr), [athena_ip_key(ip)]]], lambda a: CASE
    WHEN a[1][2] = 0 THEN a[2][1] IS NOT NULL
    ELSE (a[2][1] >> (128 - a[1][2])) = (a[1][1] >> (128 - a[1][2]))
  END)[1]`},
}

// octetRE matches one decimal octet as Athena writes it: 0 to 255, no
// leading zeros.
const octetRE = `(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`
