-- name: tcp-half-open
-- description: TCP connections that were opened (SYN) but never answered (no SYN-ACK back), by source and target
-- param: min_syns int 10 "unanswered SYNs from one source to one target port that count"
-- requires: tcp-flags
-- detection: severity=low mitre=T1499

-- tcp_flags is the OR of the flags seen in the window: SYN is 2, ACK 16, so
-- a SYN-ACK has both bits; AWS logs SYN-only openings as 2.
WITH syns AS (
    SELECT srcaddr, dstaddr, dstport, srcport, bytes, start
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND protocol = 6
      AND tcp_flags = 2
),

syn_acks AS (
    SELECT DISTINCT srcaddr, dstaddr, srcport, dstport
    FROM vpc_flow_logs
    WHERE protocol = 6
      AND tcp_flags % 4 >= 2
      AND tcp_flags % 32 >= 16
),

unanswered AS (
    SELECT s.srcaddr, s.dstaddr, s.dstport, s.bytes, s.start
    FROM syns s
    LEFT JOIN syn_acks a
        ON a.srcaddr = s.dstaddr
       AND a.dstaddr = s.srcaddr
       AND a.srcport = s.dstport
       AND a.dstport = s.srcport
    WHERE a.srcaddr IS NULL
)

SELECT
    srcaddr,
    dstaddr,
    dstport,
    count(*) AS syns,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max(start)) AS last_seen,
    -- the finding
    'tcp-half-open' AS detection,
    'low' AS severity,
    'T1499' AS mitre,
    format('{} -> {}:{}', srcaddr, dstaddr, dstport) AS subject,
    format('{} SYNs from {} to {} port {} accepted and never answered with a SYN-ACK', count(*), srcaddr, dstaddr, dstport) AS evidence,
    count(*) AS flows,
    sum(bytes) AS bytes
FROM unanswered
GROUP BY srcaddr, dstaddr, dstport
HAVING count(*) >= $min_syns
ORDER BY syns DESC, srcaddr, dstaddr, dstport;
