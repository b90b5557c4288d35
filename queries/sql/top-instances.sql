-- name: top-instances
-- description: EC2 instances that carry the most traffic, over all their interfaces
-- param: by enum(bytes|packets|flows) bytes "what to rank by"
-- param: limit int 20 "rows to show"
-- requires: instance-id

WITH instances AS (
    SELECT
        instance_id,
        max(vpc_id) AS vpc_id,
        count(DISTINCT interface_id) AS interfaces,
        count(*) AS flows,
        count_if(action = 'REJECT') AS rejected,
        sum(packets) AS packets,
        sum(bytes) AS bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND instance_id IS NOT NULL
    GROUP BY instance_id
)

SELECT instance_id, vpc_id, interfaces, flows, rejected, packets, bytes
FROM instances
ORDER BY
    CASE $by
        WHEN 'packets' THEN packets
        WHEN 'flows' THEN flows
        ELSE bytes
    END DESC,
    instance_id
LIMIT $limit;
