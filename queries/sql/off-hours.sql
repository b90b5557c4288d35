-- name: off-hours
-- description: Connections outside business hours (UTC) or at weekends, by source, destination and port, largest first
-- param: day_start int 7 "hour (UTC, 0-23) business hours begin"
-- param: day_end int 19 "hour (UTC, 0-24) business hours end"
-- param: limit int 20 "rows to show"

-- A request goes to the service's port, which is lower than the client's
-- ephemeral port; replies are left out.
WITH requests AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        bytes,
        start,
        -- in UTC, on a plain timestamp: the time-zone-aware functions on
        -- from_unixtime's instant cost ten times more a record
        hour(make_timestamp(start * 1000000)) AS hour_of_day,
        isodow(make_timestamp(start * 1000000)) AS weekday
    FROM vpc_flow_logs
    WHERE action = 'ACCEPT'
      AND (protocol NOT IN (6, 17) OR dstport < srcport)
),

off_hours AS (
    SELECT *
    FROM requests
    WHERE hour_of_day < $day_start
       OR hour_of_day >= $day_end
       OR weekday IN (6, 7)
),

pairs AS (
    SELECT
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        count(*) AS flows,
        sum(bytes) AS bytes,
        min(start) AS first_start,
        max(start) AS last_start
    FROM off_hours
    GROUP BY srcaddr, dstaddr, dstport, protocol
)

SELECT
    srcaddr,
    dstaddr,
    dstport,
    protocol,
    flows,
    bytes,
    from_unixtime(first_start) AS first_seen,
    from_unixtime(last_start) AS last_seen
FROM pairs
ORDER BY bytes DESC, srcaddr, dstaddr, dstport
LIMIT $limit;
