-- name: traffic-path-breakdown
-- description: Egress traffic by the path it took out of the VPC (same VPC, internet gateway, peering, endpoints...)
-- requires: traffic-path

WITH egress AS (
    SELECT traffic_path, packets, bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND traffic_path IS NOT NULL
),

paths AS (
    SELECT
        traffic_path,
        count(*) AS flows,
        sum(packets) AS packets,
        sum(bytes) AS bytes
    FROM egress
    GROUP BY traffic_path
)

SELECT
    traffic_path,
    CASE traffic_path
        WHEN 1 THEN 'same VPC'
        WHEN 2 THEN 'internet gateway or gateway endpoint'
        WHEN 3 THEN 'virtual private gateway'
        WHEN 4 THEN 'intra-region VPC peering'
        WHEN 5 THEN 'inter-region VPC peering'
        WHEN 6 THEN 'local gateway'
        WHEN 7 THEN 'gateway VPC endpoint'
        WHEN 8 THEN 'internet gateway'
        ELSE 'unknown'
    END AS path,
    flows,
    packets,
    bytes,
    round(100.0 * bytes / sum(bytes) OVER (), 2) AS percent_of_bytes
FROM paths
ORDER BY bytes DESC, traffic_path;
