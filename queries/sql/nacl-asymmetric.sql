-- name: nacl-asymmetric
-- description: Requests ACCEPTed whose replies were REJECTed on the same interface: a network ACL dropped the reply (security groups are stateful)
-- param: slack duration 60s "how far apart the request's and the reply's record windows may be"
-- detection: severity=low mitre=-

-- A security group lets the reply to an allowed request through; a network
-- ACL is stateless and may not. So an ACCEPTed request and a REJECTed record
-- of the reverse flow (same interface and protocol, addresses and ports
-- swapped, overlapping time) mean a network ACL dropped the reply. The
-- request's dstport is the service port.
WITH reply_keys AS (
    -- the flow key of each rejected record, hashed
    SELECT DISTINCT hash(interface_id, srcaddr, dstaddr, srcport, dstport, protocol) AS k
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
      AND log_status = 'OK'
),

matched AS (
    -- the rejected keys that are the reverse of an accepted record's: only
    -- records with one of these can pair below (a hash collision only lets
    -- a record through, the join decides). Joining every accepted record
    -- to every rejected one instead made a hash table of all the rejected
    -- records, which at 100 M records outgrew a 4 GB memory limit.
    SELECT DISTINCT hash(interface_id, dstaddr, srcaddr, dstport, srcport, protocol) AS k
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND log_status = 'OK'
      AND hash(interface_id, dstaddr, srcaddr, dstport, srcport, protocol) IN (SELECT k FROM reply_keys)
),

accepted AS (
    SELECT interface_id, srcaddr, dstaddr, srcport, dstport, protocol, bytes, start, "end"
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND log_status = 'OK'
      AND hash(interface_id, dstaddr, srcaddr, dstport, srcport, protocol) IN (SELECT k FROM matched)
),

rejected AS (
    SELECT interface_id, srcaddr, dstaddr, srcport, dstport, protocol, bytes, start, "end", flow_direction
    FROM vpc_flow_logs
    WHERE action = 'REJECT'
      AND log_status = 'OK'
      AND hash(interface_id, srcaddr, dstaddr, srcport, dstport, protocol) IN (SELECT k FROM matched)
),

pairs AS (
    -- one row per request record and reverse rejected record
    SELECT
        a.interface_id,
        a.srcaddr AS client,
        a.dstaddr AS server,
        a.dstport AS port,
        a.protocol,
        r.srcaddr AS reply_src,
        r.dstaddr AS reply_dst,
        r.flow_direction,
        a.start AS request_start,
        r.start AS reply_start,
        a.bytes AS request_bytes,
        r.bytes AS reply_bytes,
        -- 1 for the first pair of each record, to count its bytes once
        row_number() OVER (PARTITION BY a.interface_id, a.srcaddr, a.dstaddr, a.srcport, a.dstport, a.protocol, a.start ORDER BY r.start) AS request_rank,
        row_number() OVER (PARTITION BY r.interface_id, r.srcaddr, r.dstaddr, r.srcport, r.dstport, r.protocol, r.start ORDER BY a.start) AS reply_rank
    FROM accepted a
    JOIN rejected r
      ON r.interface_id = a.interface_id
     AND r.protocol = a.protocol
     AND r.srcaddr = a.dstaddr
     AND r.dstaddr = a.srcaddr
     AND r.srcport = a.dstport
     AND r.dstport = a.srcport
     AND r.start <= a."end" + $slack
     AND r."end" >= a.start - $slack
)

SELECT
    interface_id,
    client,
    server,
    port,
    protocol,
    -- the rejected reply's direction relative to the interface: recorded
    -- (v5), else told by which side is the private address
    coalesce(
        max(flow_direction),
        CASE
            WHEN is_private(max(reply_dst)) AND NOT is_private(max(reply_src)) THEN 'ingress'
            WHEN is_private(max(reply_src)) AND NOT is_private(max(reply_dst)) THEN 'egress'
        END
    ) AS rejected_direction,
    count(DISTINCT request_start) AS request_windows,
    count(DISTINCT reply_start) AS rejected_reply_windows,
    from_unixtime(min(request_start)) AS first_seen,
    from_unixtime(max(reply_start)) AS last_seen,
    'network ACL (the reply was dropped; security groups are stateful)' AS verdict,
    -- the finding
    'nacl-asymmetric' AS detection,
    'low' AS severity,
    CAST(NULL AS VARCHAR) AS mitre,
    format('{} -> {}:{} on {}', client, server, port, interface_id) AS subject,
    format('{} request window(s) from {} to {} port {} accepted, {} reply window(s) rejected: a network ACL dropped the reply (security groups are stateful)',
        count(DISTINCT request_start), client, server, port, count(DISTINCT reply_start)) AS evidence,
    count(DISTINCT request_start) + count(DISTINCT reply_start) AS flows,
    coalesce(sum(request_bytes) FILTER (WHERE request_rank = 1), 0)
        + coalesce(sum(reply_bytes) FILTER (WHERE reply_rank = 1), 0) AS bytes
FROM pairs
GROUP BY interface_id, client, server, port, protocol
ORDER BY min(request_start), interface_id, client, server, port, protocol;
