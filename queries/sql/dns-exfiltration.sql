-- name: dns-exfiltration
-- description: One internal source sending unusually much, or unusually large queries, to port 53 of one resolver (data smuggled out in DNS names); high when the resolver is outside the VPC
-- param: min_bytes size 10MB "bytes to port 53 of one resolver that count as a large volume"
-- param: min_queries int 100 "query packets that make a pattern"
-- param: min_query_bytes int 200 "average bytes per query packet from which queries look like data (ordinary queries are under 100)"
-- detection: severity=high mitre=T1048.003

WITH queries AS (
    SELECT
        srcaddr,
        dstaddr,
        count(*) AS flows,
        sum(packets) AS packets,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max("end") AS last_end
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND log_status = 'OK'
      AND dstport = 53
      AND protocol IN (6, 17)
      AND is_private(srcaddr)
    GROUP BY srcaddr, dstaddr
)

SELECT
    srcaddr,
    dstaddr AS resolver,
    packets,
    round(CAST(bytes AS DOUBLE) / packets, 1) AS bytes_per_packet,
    'dns-exfiltration' AS detection,
    CASE WHEN is_private(dstaddr) THEN 'medium' ELSE 'high' END AS severity,
    'T1048.003' AS mitre,
    format('{} -> {}:53', srcaddr, dstaddr) AS subject,
    format('{} sent {} in {} DNS packets ({} bytes each on average) to {}',
        srcaddr, format_bytes(bytes), packets, CAST(round(CAST(bytes AS DOUBLE) / packets) AS BIGINT), dstaddr)
        || CASE WHEN is_private(dstaddr) THEN ', a resolver inside the private ranges' ELSE ', a resolver outside the VPC' END AS evidence,
    flows,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen
FROM queries
WHERE bytes >= $min_bytes
   OR (packets >= $min_queries AND bytes >= packets * $min_query_bytes)
ORDER BY first_start, srcaddr, resolver;
