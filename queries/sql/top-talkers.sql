-- name: top-talkers
-- description: Addresses (or address pairs) that move the most traffic
-- param: by enum(bytes|packets|flows) bytes "what to rank by"
-- param: group enum(src|dst|pair) src "rank sources, destinations or source -> destination pairs"
-- param: limit int 20 "rows to show"

WITH flows AS (
    -- every record that carries traffic, with the address (or pair) it counts for
    SELECT
        CASE $group
            WHEN 'dst' THEN dstaddr
            WHEN 'pair' THEN srcaddr || ' -> ' || dstaddr
            ELSE srcaddr
        END AS talker,
        packets,
        bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND srcaddr IS NOT NULL
),

totals AS (
    SELECT
        talker,
        count(*) AS flows,
        sum(packets) AS packets,
        sum(bytes) AS bytes
    FROM flows
    GROUP BY talker
)

SELECT talker, flows, packets, bytes
FROM totals
ORDER BY
    CASE $by
        WHEN 'packets' THEN packets
        WHEN 'flows' THEN flows
        ELSE bytes
    END DESC,
    talker
LIMIT $limit;
