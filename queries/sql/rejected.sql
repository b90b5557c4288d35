-- name: rejected
-- description: Overview of rejected traffic: which destinations and ports are refused most, from how many sources
-- param: limit int 20 "rows to show"

WITH rejects AS (
    SELECT srcaddr, dstaddr, dstport, protocol, packets, start
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
),

targets AS (
    SELECT
        dstaddr,
        dstport,
        protocol,
        count(*) AS rejects,
        count(DISTINCT srcaddr) AS sources,
        count_if(NOT is_private(srcaddr)) AS from_external,
        sum(packets) AS packets,
        min(start) AS first_start,
        max(start) AS last_start
    FROM rejects
    GROUP BY dstaddr, dstport, protocol
)

SELECT
    dstaddr,
    dstport,
    protocol,
    rejects,
    sources,
    from_external,
    packets,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_start) AS last_seen
FROM targets
ORDER BY rejects DESC, dstaddr, dstport, protocol
LIMIT $limit;
