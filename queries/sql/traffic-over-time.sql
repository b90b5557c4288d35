-- name: traffic-over-time
-- description: Flows, packets and bytes per minute, hour or day, accepted and rejected side by side, empty buckets as zeros
-- param: bucket enum(minute|hour|day) hour "length of each time bucket"
--
-- Every bucket from the first to the last is listed, with zeros where no
-- traffic was logged: a gap is a finding. With --since/--until the buckets
-- span that range: $since and $until are the filter's bounds in epoch
-- seconds (until exclusive), NULL when the range is open on that side.

WITH seconds AS (
    -- the traffic of each second that has any: an integer key, so the
    -- timestamp arithmetic below runs once a second and not once a record
    SELECT
        start,
        count(*) AS flows,
        count_if(action = 'ACCEPT') AS accepted,
        count_if(action = 'REJECT') AS rejected,
        sum(packets) AS packets,
        sum(bytes) AS bytes,
        sum(CASE WHEN action = 'REJECT' THEN bytes ELSE 0 END) AS rejected_bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
    GROUP BY start
),

totals AS (
    -- the traffic of each bucket that has any
    SELECT
        date_trunc($bucket, from_unixtime(start)) AS bucket_start,
        CAST(sum(flows) AS BIGINT) AS flows,
        CAST(sum(accepted) AS BIGINT) AS accepted,
        CAST(sum(rejected) AS BIGINT) AS rejected,
        sum(packets) AS packets,
        sum(bytes) AS bytes,
        sum(rejected_bytes) AS rejected_bytes
    FROM seconds
    GROUP BY bucket_start
),

span AS (
    -- the first and last bucket: the filter's range where it sets one,
    -- else the first and last bucket with traffic
    SELECT
        coalesce(date_trunc($bucket, from_unixtime($since)), min(bucket_start)) AS first_bucket,
        coalesce(date_trunc($bucket, from_unixtime($until - 1)), max(bucket_start)) AS last_bucket
    FROM totals
),

buckets AS (
    -- every bucket of the span, with traffic or without
    SELECT unnest(generate_series(first_bucket, last_bucket, CAST('1 ' || $bucket AS INTERVAL))) AS bucket_start
    FROM span
)

SELECT
    bucket_start,
    coalesce(flows, 0) AS flows,
    coalesce(accepted, 0) AS accepted,
    coalesce(rejected, 0) AS rejected,
    coalesce(packets, 0) AS packets,
    coalesce(bytes, 0) AS bytes,
    coalesce(rejected_bytes, 0) AS rejected_bytes
FROM buckets
LEFT JOIN totals USING (bucket_start)
ORDER BY bucket_start;
