CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (
  `version` int,
  `srcaddr` string,
  `dstaddr` string,
  `srcport` int,
  `dstport` int,
  `protocol` bigint,
  `start` bigint,
  `end` bigint,
  `type` string,
  `packets` bigint,
  `bytes` bigint,
  `account_id` string,
  `az_id` string,
  `action` string,
  `tcp_flags` int,
  `flow_direction` string,
  `traffic_path` int,
  `log_status` string,
  `reject_reason` string,
  `future_field` string
)
PARTITIONED BY (`accid` string, `region` string, `day` string)
STORED AS PARQUET
LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/'
TBLPROPERTIES (
  "EXTERNAL"="true",
  "parquet.compression"="SNAPPY",
  "projection.enabled"="true",
  "projection.accid.type"="injected",
  "projection.region.type"="enum",
  "projection.region.values"="eu-west-1",
  "projection.day.type"="date",
  "projection.day.range"="2015/06/10,NOW",
  "projection.day.format"="yyyy/MM/dd",
  "projection.day.interval"="1",
  "projection.day.interval.unit"="DAYS",
  "storage.location.template"="s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/${accid}/vpcflowlogs/${region}/${day}"
)
