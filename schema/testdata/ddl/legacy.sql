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
PARTITIONED BY (`dt` string, `date` date)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{account_id}/vpcflowlogs/{region}/'
TBLPROPERTIES ("skip.header.line.count"="1")
