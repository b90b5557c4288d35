-- name: top-enis
-- description: Network interfaces that carry the most traffic, with their accepted and rejected flows
-- param: by enum(bytes|packets|flows) bytes "what to rank by"
-- param: limit int 20 "rows to show"

WITH interfaces AS (
    SELECT
        interface_id,
        max(account_id) AS account_id,
        max(vpc_id) AS vpc_id,
        max(instance_id) AS instance_id,
        count(*) AS flows,
        count_if(action = 'ACCEPT') AS accepted,
        count_if(action = 'REJECT') AS rejected,
        sum(packets) AS packets,
        sum(bytes) AS bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
    GROUP BY interface_id
)

SELECT interface_id, account_id, vpc_id, instance_id, flows, accepted, rejected, packets, bytes
FROM interfaces
ORDER BY
    CASE $by
        WHEN 'packets' THEN packets
        WHEN 'flows' THEN flows
        ELSE bytes
    END DESC,
    interface_id
LIMIT $limit;
