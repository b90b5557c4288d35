-- name: logging-gaps
-- description: Interfaces with many SKIPDATA windows in one hour (flow-log records lost), with their NODATA windows for context
-- param: min_skipped int 5 "SKIPDATA windows of one interface in one hour that count"
-- detection: severity=low mitre=T1562.008

WITH gaps AS (
    SELECT
        interface_id,
        date_trunc('hour', from_unixtime(start)) AS hour_start,
        count_if(log_status = 'SKIPDATA') AS skipped,
        count_if(log_status = 'NODATA') AS idle,
        min(start) AS first_start,
        max("end") AS last_end
    FROM vpc_flow_logs
    WHERE log_status IN ('NODATA', 'SKIPDATA')
    GROUP BY interface_id, hour_start
)

SELECT
    interface_id,
    hour_start,
    skipped,
    idle,
    'logging-gaps' AS detection,
    'low' AS severity,
    'T1562.008' AS mitre,
    interface_id AS subject,
    format('{} SKIPDATA window(s) (records lost) and {} NODATA window(s) on {} in the hour from {}',
        skipped, idle, interface_id, strftime(hour_start AT TIME ZONE 'UTC', '%Y-%m-%d %H:00 UTC')) AS evidence,
    skipped + idle AS flows,
    CAST(0 AS BIGINT) AS bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen
FROM gaps
WHERE skipped >= $min_skipped
ORDER BY first_start, interface_id;
