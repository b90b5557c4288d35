-- name: top-ports
-- description: Destination services (protocol and port) by flows, with how many clients and servers use them
-- param: limit int 20 "rows to show"

-- A request goes to the service's port, which is lower than the client's
-- ephemeral port; replies (source port lower) are left out.
WITH requests AS (
    SELECT protocol, dstport, srcaddr, dstaddr, action, bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND protocol IN (6, 17)
      AND dstport < srcport
),

services AS (
    SELECT
        protocol,
        dstport,
        count(*) AS flows,
        count(DISTINCT srcaddr) AS clients,
        count(DISTINCT dstaddr) AS servers,
        count_if(action = 'ACCEPT') AS accepted,
        count_if(action = 'REJECT') AS rejected,
        sum(bytes) AS bytes
    FROM requests
    GROUP BY protocol, dstport
)

SELECT
    CASE protocol WHEN 6 THEN 'tcp' WHEN 17 THEN 'udp' END AS protocol,
    dstport,
    flows,
    clients,
    servers,
    accepted,
    rejected,
    bytes
FROM services
ORDER BY flows DESC, protocol, dstport
LIMIT $limit;
