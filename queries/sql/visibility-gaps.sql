-- name: visibility-gaps
-- description: Interfaces and hours with NODATA (no traffic logged) or SKIPDATA (records lost) windows, with the interface's own traffic for contrast
-- param: limit int 50 "rows to show"

WITH gaps AS (
    SELECT
        interface_id,
        log_status,
        date_trunc('hour', from_unixtime(start)) AS hour_start,
        start,
        "end"
    FROM vpc_flow_logs
    WHERE log_status IN ('NODATA', 'SKIPDATA')
),

traffic AS (
    -- how many ordinary records each interface logged at all
    SELECT interface_id, count(*) AS ok_records
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
    GROUP BY interface_id
),

gap_hours AS (
    SELECT
        interface_id,
        log_status,
        hour_start,
        count(*) AS windows,
        min(start) AS first_start,
        max("end") AS last_end
    FROM gaps
    GROUP BY interface_id, log_status, hour_start
)

SELECT
    g.interface_id,
    g.log_status,
    g.hour_start,
    g.windows,
    from_unixtime(g.first_start) AS first_window,
    from_unixtime(g.last_end) AS last_window_end,
    coalesce(t.ok_records, 0) AS ok_records
FROM gap_hours g
LEFT JOIN traffic t ON t.interface_id = g.interface_id
ORDER BY g.windows DESC, g.interface_id, g.log_status, g.hour_start
LIMIT $limit;
