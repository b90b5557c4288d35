-- name: top-subnets
-- description: Subnets that carry the most traffic, with their interfaces and rejected flows
-- param: by enum(bytes|packets|flows) bytes "what to rank by"
-- param: limit int 20 "rows to show"
-- requires: subnet-id

WITH subnets AS (
    SELECT
        subnet_id,
        max(vpc_id) AS vpc_id,
        count(DISTINCT interface_id) AS interfaces,
        count(*) AS flows,
        count_if(action = 'REJECT') AS rejected,
        sum(packets) AS packets,
        sum(bytes) AS bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND subnet_id IS NOT NULL
    GROUP BY subnet_id
)

SELECT subnet_id, vpc_id, interfaces, flows, rejected, packets, bytes
FROM subnets
ORDER BY
    CASE $by
        WHEN 'packets' THEN packets
        WHEN 'flows' THEN flows
        ELSE bytes
    END DESC,
    subnet_id
LIMIT $limit;
