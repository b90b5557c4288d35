-- name: unusual-protocols
-- description: Traffic in protocols other than TCP, UDP, ICMP and ICMPv6, by protocol and address pair
-- detection: severity=low mitre=T1095

WITH unusual AS (
    SELECT protocol, srcaddr, dstaddr, action, packets, bytes, start
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND protocol NOT IN (1, 6, 17, 58)
)

SELECT
    protocol,
    CASE protocol
        WHEN 2 THEN 'IGMP'
        WHEN 4 THEN 'IP-in-IP'
        WHEN 41 THEN 'IPv6-in-IPv4'
        WHEN 47 THEN 'GRE'
        WHEN 50 THEN 'ESP'
        WHEN 51 THEN 'AH'
        WHEN 89 THEN 'OSPF'
        WHEN 112 THEN 'VRRP'
        WHEN 132 THEN 'SCTP'
        ELSE 'other'
    END AS protocol_name,
    srcaddr,
    dstaddr,
    action,
    count(*) AS flows,
    sum(packets) AS packets,
    sum(bytes) AS bytes,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max(start)) AS last_seen,
    -- the finding
    'unusual-protocols' AS detection,
    'low' AS severity,
    'T1095' AS mitre,
    format('{} -> {} (protocol {})', srcaddr, dstaddr, protocol) AS subject,
    format('{} record(s) of IP protocol {} from {} to {}, {}', count(*), protocol, srcaddr, dstaddr, action) AS evidence
FROM unusual
GROUP BY protocol, srcaddr, dstaddr, action
ORDER BY protocol, srcaddr, dstaddr, action;
