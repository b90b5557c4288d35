-- name: nat-egress-by-service
-- description: Traffic through NAT gateways by AWS service of the real destination; S3 and DynamoDB are candidates for a free gateway endpoint
-- requires: pkt-srcaddr, pkt-dstaddr, pkt-src-aws-service, pkt-dst-aws-service

-- On a NAT gateway's interface, a client's outbound record is addressed to
-- the gateway (dstaddr) but carries the real destination in pkt_dstaddr;
-- the reply to the client comes from the gateway (srcaddr) with the real
-- source in pkt_srcaddr.
WITH outbound AS (
    SELECT
        interface_id,
        coalesce(pkt_dst_aws_service, '-') AS aws_service,
        srcaddr AS client,
        pkt_dstaddr AS destination,
        bytes
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND pkt_dstaddr <> dstaddr
      AND is_private(srcaddr)
      AND NOT is_private(pkt_dstaddr)
),

inbound AS (
    SELECT
        interface_id,
        coalesce(pkt_src_aws_service, '-') AS aws_service,
        bytes
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND pkt_srcaddr <> srcaddr
      AND is_private(dstaddr)
      AND NOT is_private(pkt_srcaddr)
),

sent AS (
    SELECT
        interface_id,
        aws_service,
        count(*) AS flows,
        count(DISTINCT client) AS clients,
        count(DISTINCT destination) AS destinations,
        sum(bytes) AS bytes_out
    FROM outbound
    GROUP BY interface_id, aws_service
),

received AS (
    SELECT interface_id, aws_service, sum(bytes) AS bytes_in
    FROM inbound
    GROUP BY interface_id, aws_service
)

SELECT
    s.interface_id AS nat_interface,
    s.aws_service,
    s.flows,
    s.clients,
    s.destinations,
    s.bytes_out,
    coalesce(r.bytes_in, 0) AS bytes_in,
    CASE s.aws_service
        WHEN 'S3' THEN 'S3 gateway endpoint'
        WHEN 'DYNAMODB' THEN 'DynamoDB gateway endpoint'
    END AS gateway_endpoint_candidate
FROM sent s
LEFT JOIN received r
    ON r.interface_id = s.interface_id
   AND r.aws_service = s.aws_service
ORDER BY s.bytes_out + coalesce(r.bytes_in, 0) DESC, nat_interface, s.aws_service;
