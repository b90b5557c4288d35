-- name: rejected-tcp
-- description: Rejected TCP connection attempts by source, destination and port
-- param: limit int 20 "rows to show"

WITH attempts AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        count(*) AS attempts,
        sum(packets) AS packets,
        min(start) AS first_start,
        max(start) AS last_start
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
      AND protocol = 6
    GROUP BY srcaddr, dstaddr, dstport
)

SELECT
    srcaddr,
    dstaddr,
    dstport,
    attempts,
    packets,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_start) AS last_seen
FROM attempts
ORDER BY attempts DESC, srcaddr, dstaddr, dstport
LIMIT $limit;
