// Package queries is flowduck's library of saved reports: one embedded .sql
// file per report, each opening with a header that names it, describes it,
// declares its typed parameters and the flow-log fields it needs, plus the
// user's own reports from the configuration directory or --reports-dir.
//
// A report reads the Athena table vpc_flow_logs. Run shadows that name with a
// temporary view that applies the common filters (time range, ENI, VPC,
// subnet, account, region, action), installs the is_private macro shared by
// every report, checks that the loaded data has the fields the report needs,
// and binds the report's parameters as prepared-statement values ($name),
// never as SQL text.
package queries
