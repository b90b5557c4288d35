-- name: why
-- description: Everything known about traffic between two endpoints, both directions, with a verdict per port: reachable, blocked, network ACL on the reply path, or no evidence
-- param: src ip - "the endpoint that opens the connection"
-- param: dst ip - "the endpoint it connects to"
-- param: port string any "only this service port (any: every port)"
-- param: protocol enum(any|tcp|udp|icmp) any "only this protocol (icmp: ICMP and ICMPv6)"

-- The service port of a record is the lower of its two ports (a client's
-- ephemeral port is the higher); a record sent to it is a request, one sent
-- from it a reply. With equal ports (ICMP, NTP 123 to 123) the record from
-- src is the request. A security group is stateful: it lets the reply to an
-- allowed request through. A network ACL is stateless: it can drop the
-- reply. A rejected request cannot tell the two apart.
WITH between_them AS (
    SELECT
        CASE WHEN srcaddr = $src THEN 'src->dst' ELSE 'dst->src' END AS way,
        least(srcport, dstport) AS port,
        CASE
            WHEN srcport = dstport OR srcport IS NULL OR dstport IS NULL THEN srcaddr = $src
            ELSE dstport < srcport
        END AS is_request,
        protocol, action, interface_id, srcaddr, dstaddr, srcport, dstport, packets, bytes, start, "end", log_status
    FROM vpc_flow_logs
    WHERE ((srcaddr = $src AND dstaddr = $dst) OR (srcaddr = $dst AND dstaddr = $src))
      AND ($port = 'any' OR least(srcport, dstport) = TRY_CAST($port AS INTEGER))
      AND ($protocol = 'any'
           OR ($protocol = 'tcp' AND protocol = 6)
           OR ($protocol = 'udp' AND protocol = 17)
           OR ($protocol = 'icmp' AND protocol IN (1, 58)))
),

roles AS (
    -- the client is the endpoint that sends the requests
    SELECT *, CASE WHEN is_request THEN srcaddr ELSE dstaddr END AS client
    FROM between_them
),

evidence AS (
    -- the records each verdict rests on: one line per kind, quoting the first
    SELECT
        protocol, port, client,
        string_agg(
            format('{} {} x{} on {}, first: {}', kind, action, n, interface_id, first_record),
            '; ' ORDER BY kind DESC, action, interface_id
        ) AS evidence
    FROM (
        SELECT
            protocol, port, client, action, interface_id,
            CASE WHEN is_request THEN 'request' ELSE 'reply' END AS kind,
            count(*) AS n,
            arg_min(concat_ws(' ', interface_id, srcaddr, dstaddr, srcport, dstport, protocol,
                              packets, bytes, start, "end", action, log_status), start) AS first_record
        FROM roles
        GROUP BY protocol, port, client, action, interface_id, is_request
    )
    GROUP BY protocol, port, client
),

per_port AS (
    SELECT
        protocol,
        port,
        client,
        count(*) FILTER (WHERE way = 'src->dst' AND action = 'ACCEPT') AS src_to_dst_accepted,
        count(*) FILTER (WHERE way = 'src->dst' AND action = 'REJECT') AS src_to_dst_rejected,
        count(*) FILTER (WHERE way = 'dst->src' AND action = 'ACCEPT') AS dst_to_src_accepted,
        count(*) FILTER (WHERE way = 'dst->src' AND action = 'REJECT') AS dst_to_src_rejected,
        count(*) FILTER (WHERE is_request AND action = 'ACCEPT') AS requests_accepted,
        count(*) FILTER (WHERE is_request AND action = 'REJECT') AS requests_rejected,
        count(*) FILTER (WHERE NOT is_request AND action = 'ACCEPT') AS replies_accepted,
        count(*) FILTER (WHERE NOT is_request AND action = 'REJECT') AS replies_rejected,
        min(start) AS first_start,
        max("end") AS last_end
    FROM roles
    GROUP BY protocol, port, client
),

verdicts AS (
    SELECT
        p.*,
        e.evidence,
        CASE
            WHEN requests_accepted > 0 AND replies_accepted > 0
                THEN 'reachable: requests and replies accepted'
            WHEN requests_accepted > 0 AND replies_rejected > 0
                THEN 'network ACL on the reply path: request accepted, reply rejected (security groups are stateful)'
            WHEN requests_accepted > 0
                THEN 'request accepted, no reply recorded: the peer did not answer, or its side is not logged'
            WHEN requests_rejected > 0 AND replies_accepted = 0
                THEN 'blocked: request rejected and no reply; a security group or a network ACL (flow logs cannot tell which)'
            ELSE 'inconclusive: replies without accepted requests'
        END AS verdict
    FROM per_port p
    JOIN evidence e USING (protocol, port, client)
),

interfaces AS (
    -- the interfaces that logged traffic of either endpoint
    SELECT DISTINCT interface_id
    FROM vpc_flow_logs
    WHERE srcaddr IN ($src, $dst) OR dstaddr IN ($src, $dst)
),

no_evidence AS (
    -- nothing between them: what those interfaces logged instead, per
    -- status, naming at most three interfaces and quoting the first record
    SELECT
        CAST(NULL AS BIGINT) AS protocol,
        CAST(NULL AS INTEGER) AS port,
        CAST(NULL AS VARCHAR) AS client,
        0 AS src_to_dst_accepted, 0 AS src_to_dst_rejected, 0 AS dst_to_src_accepted, 0 AS dst_to_src_rejected,
        min(start) AS first_start,
        max(last_end) AS last_end,
        CASE
            WHEN count(*) > 0
                THEN 'no evidence: no traffic between them was logged, only NODATA/SKIPDATA records of their interfaces'
            ELSE 'no evidence: no records between them, and none of their interfaces logged NODATA or SKIPDATA'
        END AS verdict,
        string_agg(
            format('{} x{} on {} interface(s) ({}{}), first: {}', log_status, n, interfaces,
                   array_to_string(first_interfaces, ', '), CASE WHEN interfaces > 3 THEN ', ...' ELSE '' END, first_record),
            '; ' ORDER BY log_status
        ) AS evidence
    FROM (
        SELECT
            v.log_status,
            count(*) AS n,
            count(DISTINCT v.interface_id) AS interfaces,
            list_sort(list_distinct(list(v.interface_id)))[1:3] AS first_interfaces,
            min(v.start) AS start,
            max(v."end") AS last_end,
            arg_min(concat_ws(' ', v.interface_id, v.start, v."end", v.log_status), v.start) AS first_record
        FROM vpc_flow_logs v
        JOIN interfaces i USING (interface_id)
        WHERE v.log_status IN ('NODATA', 'SKIPDATA')
        GROUP BY v.log_status
    )
    HAVING NOT EXISTS (SELECT 1 FROM between_them)
)

SELECT
    protocol,
    port,
    client,
    CASE WHEN client = $src THEN $dst ELSE $src END AS server,
    src_to_dst_accepted,
    src_to_dst_rejected,
    dst_to_src_accepted,
    dst_to_src_rejected,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_end) AS last_seen,
    verdict,
    evidence
FROM verdicts
UNION ALL
SELECT
    protocol, port, client, CAST(NULL AS VARCHAR),
    src_to_dst_accepted, src_to_dst_rejected, dst_to_src_accepted, dst_to_src_rejected,
    from_unixtime(first_start), from_unixtime(last_end), verdict, evidence
FROM no_evidence
ORDER BY port NULLS LAST, protocol, client;
