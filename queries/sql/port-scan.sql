-- name: port-scan
-- description: One source probing many destination ports on one host within a time window (vertical scan)
-- param: min_ports int 100 "distinct destination ports that make a scan"
-- param: window duration 10m "length of the time windows ports are counted in"
-- detection: severity=medium mitre=T1046

WITH probes AS NOT MATERIALIZED (
    -- each record, placed in its window ($window is bound in seconds); read
    -- twice, not kept: DuckDB would otherwise hold every record of the scope
    -- in memory between the two reads (at 100 M records, past a 4 GB limit)
    SELECT
        srcaddr,
        dstaddr,
        dstport,
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
    -- a window with $min_ports distinct ports has at least $min_ports records:
    -- counting records by a hash of (source, host, window) is cheap, and finds
    -- every such window (a collision only adds a candidate, checked below);
    -- the hash is cut to 2^24 buckets so that the count's table stays under
    -- a gigabyte however many windows there are (at 100 M records one per
    -- source, host and window outgrew a 4 GB memory limit and spilled)
    SELECT hash(srcaddr, dstaddr, window_start) % 16777216 AS h
    FROM probes
    GROUP BY h
    HAVING count(*) >= $min_ports
),

windows AS (
    SELECT
        srcaddr,
        dstaddr,
        window_start,
        count(DISTINCT dstport) AS ports,
        count(*) AS attempts,
        count_if(action = 'REJECT') AS rejected,
        min(dstport) AS lowest_port,
        max(dstport) AS highest_port,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max("end") AS last_end
    FROM probes
    WHERE hash(srcaddr, dstaddr, window_start) % 16777216 IN (SELECT h FROM candidates)
    GROUP BY srcaddr, dstaddr, window_start
)

SELECT
    srcaddr,
    dstaddr,
    from_unixtime(window_start) AS window_start,
    ports,
    attempts,
    rejected,
    lowest_port,
    highest_port,
    -- the finding
    'port-scan' AS detection,
    'medium' AS severity,
    'T1046' AS mitre,
    srcaddr || ' -> ' || dstaddr AS subject,
    format('{} probed {} ports ({}-{}) on {} within {} s; {} of {} attempts rejected',
        srcaddr, ports, lowest_port, highest_port, dstaddr, $window, rejected, attempts) AS evidence,
    attempts AS flows,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen
FROM windows
WHERE ports >= $min_ports
ORDER BY window_start, srcaddr, dstaddr;
