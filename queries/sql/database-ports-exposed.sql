-- name: database-ports-exposed
-- description: Database ports (SQL Server, MySQL, PostgreSQL, Oracle, Redshift, MongoDB, Redis, Elasticsearch) that accepted connections from outside the private ranges
-- detection: severity=high mitre=T1190

WITH database_ports (port, service) AS (
    VALUES
        (1433, 'sqlserver'),
        (1521, 'oracle'),
        (3306, 'mysql'),
        (5432, 'postgresql'),
        (5439, 'redshift'),
        (6379, 'redis'),
        (9200, 'elasticsearch'),
        (27017, 'mongodb')
),

exposed AS (
    -- accepted requests from a public address to a database port
    SELECT f.dstaddr, f.dstport, p.service, f.srcaddr, f.interface_id, f.bytes, f.start
    FROM vpc_flow_logs f
    JOIN database_ports p ON f.dstport = p.port
    -- the ports of database_ports again, as a list: DuckDB tests it in the same
    -- filter as is_private, first (is_private costs a hundred times more)
    WHERE f.dstport IN (1433, 1521, 3306, 5432, 5439, 6379, 9200, 27017)
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
    sum(bytes) AS bytes,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max(start)) AS last_seen,
    max(interface_id) AS interface_id,
    -- the finding
    'database-ports-exposed' AS detection,
    'high' AS severity,
    'T1190' AS mitre,
    format('{} -> {}:{}', srcaddr, dstaddr, dstport) AS subject,
    format('{} {} connection(s) from the public address {} accepted on {} port {} of {}',
        count(*), service, srcaddr, 'database', dstport, dstaddr) AS evidence
FROM exposed
GROUP BY dstaddr, dstport, service, srcaddr
ORDER BY min(start), host, port, source;
