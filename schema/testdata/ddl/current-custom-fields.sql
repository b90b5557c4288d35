CREATE EXTERNAL TABLE IF NOT EXISTS `flowlogs`.`vpc_custom` (
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
  `region` string,
  `az_id` string,
  `action` string,
  `tcp_flags` int,
  `flow_direction` string,
  `traffic_path` int,
  `log_status` string,
  `reject_reason` string,
  `future_field` string
)
PARTITIONED BY (`date` date)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{account_id}/vpcflowlogs/{region}/'
TBLPROPERTIES ("skip.header.line.count"="1")
