-- name: ipv4-vs-ipv6
-- description: Traffic split between IPv4 and IPv6, accepted and rejected

WITH families AS (
    SELECT
        CASE WHEN strpos(srcaddr, ':') > 0 THEN 'IPv6' ELSE 'IPv4' END AS family,
        action,
        packets,
        bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND srcaddr IS NOT NULL
),

totals AS (
    SELECT
        family,
        count(*) AS flows,
        count_if(action = 'ACCEPT') AS accepted,
        count_if(action = 'REJECT') AS rejected,
        sum(packets) AS packets,
        sum(bytes) AS bytes
    FROM families
    GROUP BY family
)

SELECT
    family,
    flows,
    accepted,
    rejected,
    packets,
    bytes,
    round(100.0 * flows / sum(flows) OVER (), 2) AS percent_of_flows,
    round(100.0 * bytes / sum(bytes) OVER (), 2) AS percent_of_bytes
FROM totals
ORDER BY family;
