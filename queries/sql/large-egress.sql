-- name: large-egress
-- description: Internal sources that sent more than a threshold of bytes to one external destination
-- param: min_bytes size 100MB "bytes from one source to one destination that count as large (100MB, 1GB, ...)"
-- detection: severity=high mitre=T1048

WITH egress AS (
    SELECT srcaddr, dstaddr, dstport, bytes, start, "end"
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND is_private(srcaddr)
      AND NOT is_private(dstaddr)
),

pairs AS (
    SELECT
        srcaddr,
        dstaddr,
        count(*) AS flows,
        count(DISTINCT dstport) AS ports,
        sum(bytes) AS bytes,
        max(bytes) AS largest_flow_bytes,
        min(start) AS first_start,
        max("end") AS last_end
    FROM egress
    GROUP BY srcaddr, dstaddr
)

SELECT
    srcaddr,
    dstaddr,
    flows,
    ports,
    bytes,
    largest_flow_bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen,
    -- the finding
    'large-egress' AS detection,
    'high' AS severity,
    'T1048' AS mitre,
    srcaddr || ' -> ' || dstaddr AS subject,
    format('{} sent {} to the external address {} in {} records on {} port(s); largest record {}',
        srcaddr, format_bytes(bytes), dstaddr, flows, ports, format_bytes(largest_flow_bytes)) AS evidence
FROM pairs
WHERE bytes >= $min_bytes
ORDER BY bytes DESC, srcaddr, dstaddr;
