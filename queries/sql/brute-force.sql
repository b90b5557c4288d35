-- name: brute-force
-- description: One source rejected many times on one host and TCP port (password guessing, credential stuffing); critical when the same source was accepted there afterwards
-- param: min_rejects int 100 "rejected attempts from one source on one host and port that count"
-- detection: severity=high mitre=T1110

WITH attempts AS (
    SELECT srcaddr, dstaddr, dstport, bytes, start, "end"
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
      AND log_status = 'OK'
      AND protocol = 6
),

rejected AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        count(*) AS rejects,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max("end") AS last_end
    FROM attempts
    GROUP BY srcaddr, dstaddr, dstport
    HAVING count(*) >= $min_rejects
),

accepted AS (
    -- the same source accepted on the same host and port after its first rejection
    SELECT
        r.srcaddr,
        r.dstaddr,
        r.dstport,
        count(*) AS accepts,
        sum(f.bytes) AS bytes,
        max(f."end") AS last_end
    FROM rejected r
    JOIN vpc_flow_logs f
      ON f.srcaddr = r.srcaddr
     AND f.dstaddr = r.dstaddr
     AND f.dstport = r.dstport
    WHERE f.action = 'ACCEPT'
      AND f.protocol = 6
      AND f.start >= r.first_start
    GROUP BY r.srcaddr, r.dstaddr, r.dstport
)

SELECT
    r.srcaddr,
    r.dstaddr,
    r.dstport,
    r.rejects,
    coalesce(a.accepts, 0) AS accepts,
    'brute-force' AS detection,
    CASE WHEN a.accepts > 0 THEN 'critical' ELSE 'high' END AS severity,
    'T1110' AS mitre,
    format('{} -> {}:{}', r.srcaddr, r.dstaddr, r.dstport) AS subject,
    format('{} attempts from {} on {} port {} rejected', r.rejects, r.srcaddr, r.dstaddr, r.dstport)
        || CASE WHEN a.accepts > 0 THEN format(', then {} accepted: a login may have succeeded', a.accepts) ELSE '' END AS evidence,
    r.rejects + coalesce(a.accepts, 0) AS flows,
    r.bytes + coalesce(a.bytes, 0) AS bytes,
    from_unixtime(r.first_start) AS first_seen,
    from_unixtime(greatest(r.last_end, coalesce(a.last_end, r.last_end))) AS last_seen
FROM rejected r
LEFT JOIN accepted a
  ON a.srcaddr = r.srcaddr
 AND a.dstaddr = r.dstaddr
 AND a.dstport = r.dstport
ORDER BY r.first_start, r.srcaddr, r.dstaddr, r.dstport;
