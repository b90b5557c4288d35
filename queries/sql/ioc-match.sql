-- name: ioc-match
-- description: Flows to or from an address or network of the indicator list given with flowduck detect --ioc FILE (or run ioc-match --ioc FILE)
-- detection: severity=high mitre=- needs=ioc

-- flowduck_ioc holds one row per indicator: its text, its label, and the
-- first and last address of its network keyed like athena_ip_key (IPv4
-- mapped into IPv6), so one range join serves IPv4 and IPv6.
WITH addresses AS (
    SELECT srcaddr AS addr FROM vpc_flow_logs WHERE log_status = 'OK'
    UNION
    SELECT dstaddr FROM vpc_flow_logs WHERE log_status = 'OK'
),

hits AS (
    SELECT a.addr, i.indicator, i.label
    FROM addresses a
    JOIN flowduck_ioc i ON athena_ip_key(a.addr) BETWEEN i.lo AND i.hi
),

matched AS (
    -- each record once, by its source if that matches, else its destination
    SELECT h.addr, h.indicator, h.label, f.dstaddr AS peer, f.action, f.bytes, f.start, f."end"
    FROM vpc_flow_logs f
    JOIN hits h ON f.srcaddr = h.addr
    WHERE f.log_status = 'OK'
    UNION ALL
    SELECT h.addr, h.indicator, h.label, f.srcaddr AS peer, f.action, f.bytes, f.start, f."end"
    FROM vpc_flow_logs f
    JOIN hits h ON f.dstaddr = h.addr
    WHERE f.log_status = 'OK'
      AND f.srcaddr NOT IN (SELECT addr FROM hits)
)

SELECT
    addr AS address,
    indicator,
    label,
    count(DISTINCT peer) AS peers,
    'ioc-match' AS detection,
    'high' AS severity,
    CAST(NULL AS VARCHAR) AS mitre,
    addr AS subject,
    format('{} record(s) ({} accepted, {} rejected) between {} and {} peer(s); indicator {}',
        count(*), count_if(action = 'ACCEPT'), count_if(action = 'REJECT'), addr, count(DISTINCT peer), indicator)
        || CASE WHEN label IS NOT NULL AND label <> '' THEN format(' ({})', label) ELSE '' END AS evidence,
    count(*) AS flows,
    sum(bytes) AS bytes,
    from_unixtime(min(start)) AS first_seen,
    from_unixtime(max("end")) AS last_seen
FROM matched
GROUP BY addr, indicator, label
ORDER BY min(start), address, indicator;
