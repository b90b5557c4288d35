package store

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/schema"
)

// TestPartitionExprsMatchLayouts: every partition of every layout has its
// expression, and no expression is left for a partition no layout has.
func TestPartitionExprsMatchLayouts(t *testing.T) {
	declared := map[string]map[string]bool{}
	for _, l := range schema.Layouts {
		declared[l.Name] = map[string]bool{}
		for _, p := range l.Partitions {
			declared[l.Name][p.Name] = true
			if _, err := PartitionExpr(l.Name, p.Name); err != nil {
				t.Error(err)
			}
		}
	}
	for layout, exprs := range partitionExprs {
		for name := range exprs {
			if !declared[layout][name] {
				t.Errorf("expression for %s/%s, which schema.Layouts does not declare", layout, name)
			}
		}
	}
	if _, err := PartitionExpr("hive", "minute"); err == nil {
		t.Error("PartitionExpr(hive, minute) succeeded; want an error")
	}
}

// TestPartitionExprs: the expressions run in DuckDB over the provenance
// columns of the records table and give the values Athena users know, with
// the Athena type.
func TestPartitionExprs(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.OpenPlain(t).Conn
	if err := Ensure(ctx, conn); err != nil {
		t.Fatal(err)
	}
	insert := "INSERT INTO " + RecordsTable + " (" + ColAccount + ", " + ColRegion + ", " + ColDate + ", " + ColHour + `)
		VALUES ('123456789012', 'eu-west-1', DATE '2024-03-07', 5), ('210987654321', 'us-east-1', DATE '2023-12-31', NULL)`
	if _, err := conn.ExecContext(ctx, insert); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string][2]string{ // layout -> partition -> values of the two rows
		"current": {"date": {"2024-03-07", "2023-12-31"}},
		"hive": {
			"aws-account-id": {"123456789012", "210987654321"}, "aws-service": {"vpcflowlogs", "vpcflowlogs"},
			"aws-region": {"eu-west-1", "us-east-1"}, "year": {"2024", "2023"}, "month": {"03", "12"},
			"day": {"07", "31"}, "hour": {"05", "NULL"},
		},
		"projection": {"accid": {"123456789012", "210987654321"}, "region": {"eu-west-1", "us-east-1"}, "day": {"2024/03/07", "2023/12/31"}},
		"legacy":     {"dt": {"2024-03-07", "2023-12-31"}, "date": {"2024-03-07", "2023-12-31"}},
		"bootstrap": {
			"date_partition": {"2024/03/07", "2023/12/31"}, "region_partition": {"eu-west-1", "us-east-1"},
			"account_partition": {"123456789012", "210987654321"},
		},
	}
	for _, l := range schema.Layouts {
		for _, p := range l.Partitions {
			t.Run(l.Name+"/"+p.Name, func(t *testing.T) {
				expr, err := PartitionExpr(l.Name, p.Name)
				if err != nil {
					t.Fatal(err)
				}
				rows, err := conn.QueryContext(ctx, `SELECT coalesce(CAST(v AS VARCHAR), 'NULL'), typeof(v)
					FROM (SELECT `+expr+` AS v, `+ColDate+` AS d FROM `+RecordsTable+`) ORDER BY d DESC`)
				if err != nil {
					t.Fatalf("%s: %v", expr, err)
				}
				defer rows.Close()
				var got [2]string
				wantType := map[string]string{schema.AthenaString: "VARCHAR", schema.AthenaDate: "DATE"}[p.AthenaType]
				for i := 0; rows.Next(); i++ {
					var v, typ string
					if err := rows.Scan(&v, &typ); err != nil {
						t.Fatal(err)
					}
					if typ != wantType && v != "NULL" {
						t.Errorf("type of %s = %s, want %s", expr, typ, wantType)
					}
					got[i] = v
				}
				if err := rows.Err(); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want[l.Name][p.Name], got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", expr, diff)
				}
			})
		}
	}
}
