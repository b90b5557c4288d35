-- name: conversation
-- description: Every record between two addresses, both directions, in time order, with bytes and duration
-- param: a ip - "one end of the conversation"
-- param: b ip - "the other end"

SELECT
    from_unixtime(start) AS start_time,
    "end" - start AS seconds,
    CASE WHEN srcaddr = $a THEN 'a -> b' ELSE 'b -> a' END AS direction,
    srcaddr,
    srcport,
    dstaddr,
    dstport,
    protocol,
    action,
    packets,
    bytes,
    interface_id
FROM vpc_flow_logs
WHERE (srcaddr = $a AND dstaddr = $b)
   OR (srcaddr = $b AND dstaddr = $a)
ORDER BY start, "end", direction, interface_id, srcport, dstport;
