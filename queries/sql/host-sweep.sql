-- name: host-sweep
-- description: One source trying one port on many hosts within a time window (horizontal scan)
-- param: min_hosts int 50 "distinct destination hosts that make a sweep"
-- param: window duration 10m "length of the time windows hosts are counted in"
-- detection: severity=medium mitre=T1046

WITH probes AS NOT MATERIALIZED (
    -- each record, placed in its window ($window is bound in seconds); read
    -- twice, not kept: DuckDB would otherwise hold every record of the scope
    -- in memory between the two reads (at 100 M records, past a 4 GB limit)
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        action,
        bytes,
        start,
        "end",
        start - start % $window AS window_start
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND protocol IN (6, 17)
),

candidates AS (
    -- a window with $min_hosts distinct hosts has at least $min_hosts records:
    -- counting records by a hash of (source, port, protocol, window) is cheap,
    -- and finds every such window (a collision only adds a candidate); the
    -- hash is cut to 2^24 buckets so that the count's table stays under a
    -- gigabyte however many windows there are (see port-scan)
    SELECT hash(srcaddr, dstport, protocol, window_start) % 16777216 AS h
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
        count_if(action = 'REJECT') AS rejected,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max("end") AS last_end
    FROM probes
    WHERE hash(srcaddr, dstport, protocol, window_start) % 16777216 IN (SELECT h FROM candidates)
    GROUP BY srcaddr, dstport, protocol, window_start
)

SELECT
    srcaddr,
    dstport,
    protocol,
    from_unixtime(window_start) AS window_start,
    hosts,
    attempts,
    rejected,
    -- the finding
    'host-sweep' AS detection,
    'medium' AS severity,
    'T1046' AS mitre,
    format('{} -> port {}/{}', srcaddr, dstport, CASE protocol WHEN 6 THEN 'tcp' WHEN 17 THEN 'udp' ELSE CAST(protocol AS VARCHAR) END) AS subject,
    format('{} tried port {} on {} hosts within {} s; {} of {} attempts rejected',
        srcaddr, dstport, hosts, $window, rejected, attempts) AS evidence,
    attempts AS flows,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen
FROM windows
WHERE hosts >= $min_hosts
ORDER BY window_start, srcaddr, dstport;
