-- name: beaconing
-- description: An internal host connecting to the same external address and port at regular intervals, with little data each time (command-and-control callbacks)
-- param: min_connections int 20 "connections to one address and port that make a series"
-- param: max_jitter int 10 "largest spread of the gaps between connections (standard deviation), in percent of their mean"
-- param: max_bytes size 1MB "largest average bytes per connection (beacons are small)"
-- detection: severity=high mitre=T1071

-- A connection is one source port: its records (one per capture window
-- while it lasts) start at its first record's start.
WITH connections AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        srcport,
        min(start) AS started,
        max("end") AS ended,
        count(*) AS records,
        sum(bytes) AS bytes
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND log_status = 'OK'
      AND protocol IN (6, 17)
      AND is_private(srcaddr)
      AND NOT is_private(dstaddr)
    GROUP BY srcaddr, dstaddr, dstport, protocol, srcport
),

gaps AS (
    SELECT
        *,
        started - lag(started) OVER (PARTITION BY srcaddr, dstaddr, dstport, protocol ORDER BY started) AS gap
    FROM connections
),

series AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        count(*) AS connections,
        sum(records) AS flows,
        sum(bytes) AS bytes,
        avg(gap) AS mean_gap,
        stddev_pop(gap) AS gap_spread,
        min(started) AS first_start,
        max(ended) AS last_end
    FROM gaps
    GROUP BY srcaddr, dstaddr, dstport, protocol
)

SELECT
    srcaddr,
    dstaddr,
    dstport,
    protocol,
    connections,
    round(mean_gap, 1) AS mean_gap_s,
    round(gap_spread, 1) AS gap_spread_s,
    'beaconing' AS detection,
    'high' AS severity,
    'T1071' AS mitre,
    format('{} -> {}:{}', srcaddr, dstaddr, dstport) AS subject,
    format('{} connections from {} to {} port {} every {} s (spread {} s), {} each on average',
        connections, srcaddr, dstaddr, dstport, CAST(round(mean_gap) AS BIGINT), round(gap_spread, 1),
        format_bytes(bytes // connections)) AS evidence,
    flows,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen
FROM series
WHERE connections >= $min_connections
  AND mean_gap > 0
  AND gap_spread * 100 <= mean_gap * $max_jitter
  AND bytes <= $max_bytes * connections
ORDER BY first_start, srcaddr, dstaddr, dstport;
