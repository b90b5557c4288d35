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

candidates AS (
    -- a window with $min_hosts distinct hosts has at least $min_hosts records:
    -- counting records by a hash of (source, port, protocol, window) is cheap,
    -- and finds every such window (a collision only adds a candidate)
    SELECT hash(srcaddr, dstport, protocol, window_start) AS h
    FROM probes
    GROUP BY h
    HAVING count(*) >= $min_hosts
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
    WHERE hash(srcaddr, dstport, protocol, window_start) IN (SELECT h FROM candidates)
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
