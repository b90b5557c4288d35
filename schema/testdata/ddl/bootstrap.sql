CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (
  `version` int,
  `account` string,
  `interfaceid` string,
  `sourceaddress` string,
  `destinationaddress` string,
  `sourceport` int,
  `destinationport` int,
  `protocol` bigint,
  `numpackets` bigint,
  `numbytes` bigint,
  `starttime` bigint,
  `endtime` bigint,
  `action` string,
  `logstatus` string,
  `vpcid` string,
  `subnetid` string,
  `instanceid` string,
  `tcpflags` int,
  `type` string,
  `pktsrcaddr` string,
  `pktdstaddr` string,
  `region` string,
  `azid` string,
  `sublocationtype` string,
  `sublocationid` string,
  `pktsrcawsservice` string,
  `pktdstawsservice` string,
  `flowdirection` string,
  `trafficpath` int
)
PARTITIONED BY (`date_partition` string, `region_partition` string, `account_partition` string)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/'
TBLPROPERTIES (
  "skip.header.line.count"="1",
  "projection.enabled"="true",
  "projection.date_partition.type"="date",
  "projection.date_partition.range"="2015/06/10,NOW",
  "projection.date_partition.format"="yyyy/MM/dd",
  "projection.date_partition.interval"="1",
  "projection.date_partition.interval.unit"="DAYS",
  "projection.region_partition.type"="injected",
  "projection.account_partition.type"="enum",
  "projection.account_partition.values"="123456789012",
  "storage.location.template"="s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/${account_partition}/vpcflowlogs/${region_partition}/${date_partition}"
)
