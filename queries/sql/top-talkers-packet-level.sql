-- name: top-talkers-packet-level
-- description: Original source -> destination pairs (pkt_srcaddr, pkt_dstaddr) that move the most traffic, seen through NAT gateways and load balancers
-- param: by enum(bytes|packets|flows) bytes "what to rank by"
-- param: limit int 20 "rows to show"
-- requires: pkt-srcaddr, pkt-dstaddr

WITH pairs AS (
    SELECT
        pkt_srcaddr,
        pkt_dstaddr,
        count(*) AS flows,
        sum(packets) AS packets,
        sum(bytes) AS bytes,
        count(DISTINCT interface_id) AS interfaces
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND pkt_srcaddr IS NOT NULL
      AND pkt_dstaddr IS NOT NULL
    GROUP BY pkt_srcaddr, pkt_dstaddr
)

SELECT pkt_srcaddr, pkt_dstaddr, flows, packets, bytes, interfaces
FROM pairs
ORDER BY
    CASE $by
        WHEN 'packets' THEN packets
        WHEN 'flows' THEN flows
        ELSE bytes
    END DESC,
    pkt_srcaddr,
    pkt_dstaddr
LIMIT $limit;
