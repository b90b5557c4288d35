-- name: large-egress
-- description: Internal sources that sent more than a threshold of bytes to one external destination
-- param: min_bytes size 100MB "bytes from one source to one destination that count as large (100MB, 1GB, ...)"

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
    from_unixtime(last_end) AS last_seen
FROM pairs
WHERE bytes >= $min_bytes
ORDER BY bytes DESC, srcaddr, dstaddr;
