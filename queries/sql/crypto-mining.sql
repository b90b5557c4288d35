-- name: crypto-mining
-- description: Accepted outbound TCP connections from internal hosts to the usual ports of cryptocurrency mining pools (stratum)
-- param: min_flows int 1 "records to one pool address and port that count"
-- detection: severity=high mitre=T1496

-- The ports mining pools listen on for the stratum protocol are the list
-- below. Ports shared with common services (80, 443, 8080, 8888, 9999) are
-- left out; a miner on those is not told apart from web traffic by port.
-- The pool port must be the connection's service port, the lower of the two:
-- 45560 and 45700 are also ephemeral ports of ordinary replies.
WITH mining AS (
    -- accepted TCP records from an internal host to a pool port of an
    -- external one; list_contains and not IN: DuckDB makes a long IN list a
    -- join above the scan, which then reads every column of every record
    -- (10 M records: 1.1 s of CPU against 0.55 s)
    SELECT f.srcaddr, f.dstaddr, f.dstport, f.bytes, f.start, f."end"
    FROM vpc_flow_logs f
    WHERE list_contains([3333, 3334, 3335, 3336, 3357, 4444, 5555, 5556, 5588, 5730, 6099, 6666, 7777, 7778, 14433, 14444, 45560, 45700], f.dstport)
      AND f.action = 'ACCEPT'
      AND f.log_status = 'OK'
      AND f.protocol = 6
      AND f.srcport > f.dstport
      AND is_private(f.srcaddr)
      AND NOT is_private(f.dstaddr)
)

SELECT
    srcaddr,
    dstaddr,
    dstport,
    'crypto-mining' AS detection,
    'high' AS severity,
    'T1496' AS mitre,
    format('{} -> {}:{}', srcaddr, dstaddr, dstport) AS subject,
    format('{} record(s) from {} to {} port {} (a mining-pool port) accepted, {} sent, over {} min',
        count(*), srcaddr, dstaddr, dstport, format_bytes(sum(bytes)), (max("end") - min(start) + 59) // 60) AS evidence,
    count(*) AS flows,
    sum(bytes) AS bytes,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max("end")) AS last_seen
FROM mining
GROUP BY srcaddr, dstaddr, dstport
HAVING count(*) >= $min_flows
ORDER BY min(start), srcaddr, dstaddr, dstport;
