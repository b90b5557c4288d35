-- name: bpa-rejects
-- description: Traffic rejected for a stated reason such as VPC Block Public Access (BPA), by source and target
-- requires: reject-reason

WITH reasoned AS (
    SELECT reject_reason, srcaddr, dstaddr, dstport, interface_id, start
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
      AND reject_reason IS NOT NULL
      AND reject_reason <> '-'
)

SELECT
    reject_reason,
    srcaddr,
    dstaddr,
    array_join(array_sort(array_agg(DISTINCT dstport)), ', ') AS ports,
    count(*) AS attempts,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max(start)) AS last_seen,
    max(interface_id) AS interface_id
FROM reasoned
GROUP BY reject_reason, srcaddr, dstaddr
ORDER BY reject_reason, min(start), srcaddr, dstaddr;
