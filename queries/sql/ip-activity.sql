-- name: ip-activity
-- description: Everything to or from one address or network: peers, service ports, actions, volumes, first and last seen
-- param: ip cidr - "the address or CIDR to investigate, e.g. 203.0.113.7 or 10.0.0.0/16"

-- The service port of a flow is the lower of its two ports: a client's
-- ephemeral port is higher than the port of the service it talks to.
-- Whether the source is the address is decided once per flow (outbound).
WITH flows AS (
    SELECT
        CASE WHEN contains($ip, CAST(srcaddr AS IPADDRESS)) THEN true ELSE false END AS outbound,
        srcaddr, dstaddr, srcport, dstport, protocol, action, packets, bytes, start
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND (contains($ip, CAST(srcaddr AS IPADDRESS)) OR contains($ip, CAST(dstaddr AS IPADDRESS)))
),

matched AS (
    SELECT
        CASE WHEN outbound THEN 'out' ELSE 'in' END AS direction,
        CASE WHEN outbound THEN srcaddr ELSE dstaddr END AS address,
        CASE WHEN outbound THEN dstaddr ELSE srcaddr END AS peer,
        least(srcport, dstport) AS service_port,
        protocol,
        action,
        packets,
        bytes,
        start
    FROM flows
),

activity AS (
    SELECT
        direction,
        address,
        peer,
        service_port,
        protocol,
        action,
        count(*) AS flows,
        sum(packets) AS packets,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max(start) AS last_start
    FROM matched
    GROUP BY direction, address, peer, service_port, protocol, action
)

SELECT
    address,
    direction,
    peer,
    service_port,
    protocol,
    action,
    flows,
    packets,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_start) AS last_seen
FROM activity
ORDER BY first_start, address, direction, peer, service_port, protocol, action;
