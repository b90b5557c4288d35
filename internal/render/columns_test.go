package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlanColumns(t *testing.T) {
	// ten columns of 10: a table of all of them is 1 + 10*13 = 131 wide.
	ten := []int{10, 10, 10, 10, 10, 10, 10, 10, 10, 10}
	allValued := []bool{true, true, true, true, true, true, true, true, true, true}
	someNull := []bool{true, false, true, false, true, true, true, true, true, true}
	tests := []struct {
		name   string
		widths []int
		valued []bool
		rows   int64
		limit  int
		want   columnPlan
	}{
		{name: "unlimited", widths: ten, valued: allValued, rows: 3, limit: 0,
			want: columnPlan{show: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, total: 10}},
		{name: "fits", widths: ten, valued: someNull, rows: 3, limit: 131,
			want: columnPlan{show: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, total: 10}},
		{name: "all-NULL columns hidden first", widths: ten, valued: someNull, rows: 3, limit: 130,
			want: columnPlan{show: []int{0, 2, 4, 5, 6, 7, 8, 9}, total: 10, nullHidden: 2}},
		{name: "then the middle elided, first ones first", widths: ten, valued: someNull, rows: 3, limit: 80,
			want: columnPlan{show: []int{0, 2, 4, elided, 8, 9}, total: 10, nullHidden: 2, elided: 3}},
		{name: "no rows: nothing is all-NULL", widths: ten, valued: make([]bool, 10), rows: 0, limit: 80,
			want: columnPlan{show: []int{0, 1, 2, elided, 8, 9}, total: 10, elided: 5}},
		{name: "every column NULL: shown, elided", widths: ten, valued: make([]bool, 10), rows: 2, limit: 80,
			want: columnPlan{show: []int{0, 1, 2, elided, 8, 9}, total: 10, elided: 5}},
		{name: "shrinking to the claims fits: nothing elided", widths: []int{10, 60, 10}, valued: []bool{true, true, true},
			rows: 1, limit: 50, want: columnPlan{show: []int{0, 1, 2}, total: 3}},
		{name: "a narrow column from the other end when the turn's does not fit",
			widths: []int{10, 3, 3, 10, 10, 10}, valued: []bool{true, true, true, true, true, true}, rows: 1, limit: 40,
			want: columnPlan{show: []int{0, 1, 2, elided, 5}, total: 6, elided: 2}},
		{name: "always the first column", widths: []int{40, 40, 40}, valued: []bool{true, true, true}, rows: 1, limit: 10,
			want: columnPlan{show: []int{0, elided}, total: 3, elided: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := planColumns(tt.widths, make([]int, len(tt.widths)), tt.valued, tt.rows, tt.limit)
			got.claims = nil
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(columnPlan{})); diff != "" {
				t.Errorf("planColumns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestColumnFooters(t *testing.T) {
	p := columnPlan{show: []int{0, elided, 47}, total: 48, nullHidden: 12, elided: 34}
	want := []string{
		"3 rows · 48 columns (2 shown, 12 all-NULL hidden) · .mode line shows all",
		"3 rows · 48 columns (2 shown, 12 all-NULL hidden)",
		"2 of 48 columns",
	}
	if diff := cmp.Diff(want, p.footers(3, ".mode line shows all")); diff != "" {
		t.Errorf("footers (-want +got):\n%s", diff)
	}
	one := columnPlan{show: []int{0, elided}, total: 9, elided: 8}
	if got, want := one.footers(1, "")[0], "1 row · 9 columns (1 shown)"; got != want {
		t.Errorf("footer = %q, want %q", got, want)
	}
	if got := allColumns(4).footers(3, "hint"); got != nil {
		t.Errorf("footers of a plan showing every column = %q, want none", got)
	}
}
