-- name: admin-ports-exposed
-- description: Remote administration ports (SSH, Telnet, RDP, WinRM) that accepted connections from outside the private ranges
-- detection: severity=high mitre=T1133

WITH admin_ports (port, service) AS (
    VALUES
        (22, 'ssh'),
        (23, 'telnet'),
        (3389, 'rdp'),
        (5985, 'winrm-http'),
        (5986, 'winrm-https')
),

exposed AS (
    -- accepted requests from a public address to an admin port
    SELECT f.dstaddr, f.dstport, p.service, f.srcaddr, f.interface_id, f.bytes, f.start
    FROM vpc_flow_logs f
    JOIN admin_ports p ON f.dstport = p.port
    -- the ports of admin_ports again, as a list: DuckDB tests it in the same
    -- filter as is_private, first (is_private costs a hundred times more)
    WHERE f.dstport IN (22, 23, 3389, 5985, 5986)
      AND f.action = 'ACCEPT'
      AND f.protocol = 6
      AND NOT is_private(f.srcaddr)
)

SELECT
    dstaddr AS host,
    dstport AS port,
    service,
    srcaddr AS source,
    count(*) AS flows,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max(start)) AS last_seen,
    max(interface_id) AS interface_id,
    -- the finding
    'admin-ports-exposed' AS detection,
    'high' AS severity,
    'T1133' AS mitre,
    format('{} -> {}:{}', srcaddr, dstaddr, dstport) AS subject,
    format('{} {} connection(s) from the public address {} accepted on {} port {} of {}',
        count(*), service, srcaddr, 'administration', dstport, dstaddr) AS evidence,
    sum(bytes) AS bytes
FROM exposed
GROUP BY dstaddr, dstport, service, srcaddr
ORDER BY min(start), host, port, source;
