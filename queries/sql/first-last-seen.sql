-- name: first-last-seen
-- description: When each address was first and last seen, newest first, with its flows and peers
-- param: limit int 50 "rows to show"

WITH pairs AS (
    -- the records of each sender -> receiver pair, counted once: far fewer
    -- rows than records for the two sightings below to go through
    SELECT
        srcaddr,
        dstaddr,
        min(start) AS first_start,
        max("end") AS last_end,
        count(*) AS flows
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
    GROUP BY srcaddr, dstaddr
),

sightings AS (
    -- every address of every pair, as the sender and as the receiver
    SELECT srcaddr AS address, dstaddr AS peer, first_start, last_end, flows
    FROM pairs
    UNION ALL
    SELECT dstaddr AS address, srcaddr AS peer, first_start, last_end, flows
    FROM pairs
),

addresses AS (
    SELECT
        address,
        min(first_start) AS first_start,
        max(last_end) AS last_end,
        CAST(sum(flows) AS BIGINT) AS flows,
        count(DISTINCT peer) AS peers
    FROM sightings
    WHERE address IS NOT NULL
    GROUP BY address
)

SELECT
    address,
    CASE WHEN is_private(address) THEN 'internal' ELSE 'external' END AS origin,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen,
    flows,
    peers
FROM addresses
ORDER BY first_start DESC, address
LIMIT $limit;
