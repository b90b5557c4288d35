-- name: top-rejected-sources
-- description: Sources with the most rejected traffic, with how many hosts and ports they tried
-- param: limit int 20 "rows to show"

WITH sources AS (
    SELECT
        srcaddr,
        count(*) AS rejects,
        count(DISTINCT dstaddr) AS hosts,
        count(DISTINCT dstport) AS ports,
        sum(packets) AS packets,
        min(start) AS first_start,
        max(start) AS last_start
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
    GROUP BY srcaddr
)

SELECT
    srcaddr,
    CASE WHEN is_private(srcaddr) THEN 'internal' ELSE 'external' END AS origin,
    rejects,
    hosts,
    ports,
    packets,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_start) AS last_seen
FROM sources
ORDER BY rejects DESC, srcaddr
LIMIT $limit;
