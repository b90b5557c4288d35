-- name: unidirectional-egress
-- description: Internal sources whose accepted traffic to an external peer was never answered: no record from the peer back to them at all
-- param: min_flows int 10 "records to one peer and port with nothing back that count"
-- detection: severity=medium mitre=T1048

WITH egress AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        count(*) AS flows,
        sum(packets) AS packets,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max("end") AS last_end
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND log_status = 'OK'
      AND is_private(srcaddr)
      AND NOT is_private(dstaddr)
    GROUP BY srcaddr, dstaddr, dstport, protocol
    HAVING count(*) >= $min_flows
),

answered AS (
    -- pairs with any record back, accepted or rejected
    SELECT DISTINCT f.srcaddr AS peer, f.dstaddr AS source
    FROM vpc_flow_logs f
    JOIN egress e ON f.srcaddr = e.dstaddr AND f.dstaddr = e.srcaddr
    WHERE f.log_status = 'OK'
)

SELECT
    e.srcaddr,
    e.dstaddr,
    e.dstport,
    e.protocol,
    e.packets,
    'unidirectional-egress' AS detection,
    'medium' AS severity,
    'T1048' AS mitre,
    format('{} -> {}:{}', e.srcaddr, e.dstaddr, e.dstport) AS subject,
    format('{} sent {} in {} accepted record(s) to {} port {} (protocol {}) and nothing came back',
        e.srcaddr, format_bytes(e.bytes), e.flows, e.dstaddr, e.dstport, e.protocol) AS evidence,
    e.flows,
    e.bytes,
    from_unixtime(e.first_start) AS first_seen,
    from_unixtime(e.last_end) AS last_seen
FROM egress e
ANTI JOIN answered a ON a.peer = e.dstaddr AND a.source = e.srcaddr
ORDER BY e.first_start, e.srcaddr, e.dstaddr, e.dstport;
