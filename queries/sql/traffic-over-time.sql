-- name: traffic-over-time
-- description: Flows, packets and bytes per minute, hour or day, accepted and rejected side by side
-- param: bucket enum(minute|hour|day) hour "length of each time bucket"

WITH bucketed AS (
    SELECT
        date_trunc($bucket, from_unixtime(start)) AS bucket_start,
        action,
        packets,
        bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
)

SELECT
    bucket_start,
    count(*) AS flows,
    count_if(action = 'ACCEPT') AS accepted,
    count_if(action = 'REJECT') AS rejected,
    sum(packets) AS packets,
    sum(bytes) AS bytes,
    sum(CASE WHEN action = 'REJECT' THEN bytes ELSE 0 END) AS rejected_bytes
FROM bucketed
GROUP BY bucket_start
ORDER BY bucket_start;
