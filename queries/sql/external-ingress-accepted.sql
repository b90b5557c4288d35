-- name: external-ingress-accepted
-- description: Services that accepted connections from outside the private ranges, with how many external clients
-- param: limit int 50 "rows to show"

-- A request goes to the service's port, which is lower than the client's
-- ephemeral port; ICMP and other protocols without ports always count.
WITH ingress AS (
    SELECT dstaddr, dstport, protocol, srcaddr, bytes, start
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND NOT is_private(srcaddr)
      AND is_private(dstaddr)
      AND (protocol NOT IN (6, 17) OR dstport < srcport)
),

services AS (
    SELECT
        dstaddr,
        dstport,
        protocol,
        count(DISTINCT srcaddr) AS clients,
        count(*) AS flows,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max(start) AS last_start
    FROM ingress
    GROUP BY dstaddr, dstport, protocol
)

SELECT
    dstaddr,
    dstport,
    protocol,
    clients,
    flows,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_start) AS last_seen
FROM services
ORDER BY clients DESC, flows DESC, dstaddr, dstport, protocol
LIMIT $limit;
