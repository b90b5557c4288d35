-- name: host-sweep
-- description: One source trying one port on many hosts within a time window (horizontal scan)
-- param: min_hosts int 50 "distinct destination hosts that make a sweep"
-- param: window duration 10m "length of the time windows hosts are counted in"

WITH probes AS (
    -- each record, placed in its window ($window is bound in seconds)
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        action,
        start - start % $window AS window_start
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND protocol IN (6, 17)
),

windows AS (
    SELECT
        srcaddr,
        dstport,
        protocol,
        window_start,
        count(DISTINCT dstaddr) AS hosts,
        count(*) AS attempts,
        count_if(action = 'REJECT') AS rejected
    FROM probes
    GROUP BY srcaddr, dstport, protocol, window_start
)

SELECT
    srcaddr,
    dstport,
    protocol,
    from_unixtime(window_start) AS window_start,
    hosts,
    attempts,
    rejected
FROM windows
WHERE hosts >= $min_hosts
ORDER BY window_start, srcaddr, dstport;
