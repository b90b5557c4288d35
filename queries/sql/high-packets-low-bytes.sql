-- name: high-packets-low-bytes
-- description: Floods: records with many packets of very few bytes each, by source and target
-- param: min_packets int 1000 "packets in one record that count as many"
-- param: max_packet_bytes int 60 "average bytes per packet below which packets count as tiny"
-- detection: severity=medium mitre=T1498

WITH floods AS (
    SELECT srcaddr, dstaddr, dstport, protocol, action, packets, bytes, start
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND packets >= $min_packets
      AND bytes < packets * $max_packet_bytes
)

SELECT
    srcaddr,
    dstaddr,
    dstport,
    protocol,
    action,
    count(*) AS flows,
    sum(packets) AS packets,
    sum(bytes) AS bytes,
    round(CAST(sum(bytes) AS DOUBLE) / sum(packets), 1) AS bytes_per_packet,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max(start)) AS last_seen,
    -- the finding
    'high-packets-low-bytes' AS detection,
    'medium' AS severity,
    'T1498' AS mitre,
    format('{} -> {}:{}', srcaddr, dstaddr, dstport) AS subject,
    format('{} packets of {} bytes on average from {} to {} port {} in {} record(s), {}',
        sum(packets), round(CAST(sum(bytes) AS DOUBLE) / sum(packets), 1), srcaddr, dstaddr, dstport, count(*), action) AS evidence
FROM floods
GROUP BY srcaddr, dstaddr, dstport, protocol, action
ORDER BY packets DESC, srcaddr, dstaddr, dstport;
