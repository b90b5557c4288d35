-- Amazon Athena table over the Parquet files of this flowduck export
-- (AWS's Parquet schema, Hive-compatible hourly partitions under AWSLogs/).
-- 1. Upload them, from this directory:  aws s3 sync AWSLogs/ s3://my-bucket/flows/AWSLogs/
-- 2. Run both statements in Athena, one at a time.
-- 3. Run MSCK REPAIR TABLE again after uploading more partitions.

CREATE EXTERNAL TABLE IF NOT EXISTS `flowlogs`.`vpc_flow_logs_parquet` (
  `version` int,
  `account_id` string,
  `interface_id` string,
  `srcaddr` string,
  `dstaddr` string,
  `srcport` int,
  `dstport` int,
  `protocol` bigint,
  `packets` bigint,
  `bytes` bigint,
  `start` bigint,
  `end` bigint,
  `action` string,
  `log_status` string,
  `vpc_id` string,
  `subnet_id` string,
  `instance_id` string,
  `tcp_flags` int,
  `type` string,
  `pkt_srcaddr` string,
  `pkt_dstaddr` string,
  `region` string,
  `az_id` string,
  `sublocation_type` string,
  `sublocation_id` string,
  `pkt_src_aws_service` string,
  `pkt_dst_aws_service` string,
  `flow_direction` string,
  `traffic_path` int,
  `future_field` string
)
PARTITIONED BY (`aws-account-id` string, `aws-service` string, `aws-region` string, `year` string, `month` string, `day` string, `hour` string)
STORED AS PARQUET
LOCATION 's3://my-bucket/flows/AWSLogs/'
TBLPROPERTIES ("EXTERNAL"="true", "parquet.compression"="SNAPPY");

MSCK REPAIR TABLE `flowlogs`.`vpc_flow_logs_parquet`;
