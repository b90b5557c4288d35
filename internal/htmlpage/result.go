package htmlpage

import (
	"strings"
	"time"
)

// maxBars is the most bars a result's chart draws (the table shows every
// row).
const maxBars = 40

// maxSeries is the most lines a result's time chart draws.
const maxSeries = 8

// ResultPage is the page of one query result: its title, the table, a
// chart where the result's shape has one (see [ChartFor]) and the SQL that
// made it.
func ResultPage(title, sql string, facts []Fact, t *Table, loc *time.Location) Page {
	sec := Section{ID: "result", Title: title, Table: t}
	sec.Time, sec.Bars = ChartFor(t, loc)
	if sql != "" {
		sec.Queries = []Query{{SQL: sql}}
	}
	if len(t.Rows) == 0 {
		sec.Empty = "The result has no rows."
	}
	return Page{Title: title, Facts: facts, Sections: []Section{sec}}
}

// ChartFor returns the charts of a result by its shape:
//   - a time column first and number columns after it: a time chart per
//     unit (bytes, counts), a line per column;
//   - a time, a text and a number column: a line per value of the text
//     column (an action, a protocol);
//   - a text column first and number columns after it: bars of the first
//     number column, in the result's order;
//
// and nothing for any other shape (the page then shows the table alone).
func ChartFor(t *Table, loc *time.Location) ([]*TimeChart, []*BarChart) {
	cols := t.Columns
	if len(cols) < 2 || len(t.Rows) == 0 {
		return nil, nil
	}
	rest := cols[1:]
	switch cols[0].Kind {
	case Time:
		if allKind(rest, Number) {
			return timeByColumn(t, loc), nil
		}
		if len(cols) == 3 && cols[1].Kind == Text && cols[2].Kind == Number {
			return []*TimeChart{timeByValue(t, loc)}, nil
		}
	case Text:
		if allKind(rest, Number) {
			return nil, []*BarChart{bars(t)}
		}
	}
	return nil, nil
}

// allKind reports whether every column is of kind k.
func allKind(cols []Column, k Kind) bool {
	for _, c := range cols {
		if c.Kind != k {
			return false
		}
	}
	return true
}

// unitOf is the unit of a number column: bytes when its name says so.
func unitOf(c Column) string {
	if c.Unit != "" {
		return c.Unit
	}
	if strings.Contains(strings.ToLower(c.Name), "byte") {
		return "bytes"
	}
	return ""
}

// timeByColumn draws one line per number column, bytes and counts on two
// charts.
func timeByColumn(t *Table, loc *time.Location) []*TimeChart {
	var charts []*TimeChart
	byUnit := map[string]*TimeChart{}
	xs := make([]time.Time, len(t.Rows))
	for i, row := range t.Rows {
		xs[i] = row[0].Time
	}
	for ci, c := range t.Columns[1:] {
		unit := unitOf(c)
		chart := byUnit[unit]
		if chart == nil {
			chart = &TimeChart{Title: "by " + t.Columns[0].Name, Unit: unit, X: xs, Location: loc}
			byUnit[unit] = chart
			charts = append(charts, chart)
		}
		if len(chart.Series) >= maxSeries {
			continue
		}
		s := Series{Name: c.Name, Values: make([]float64, len(t.Rows))}
		for i, row := range t.Rows {
			s.Values[i] = row[ci+1].Num
		}
		chart.Series = append(chart.Series, s)
	}
	for _, c := range charts {
		names := make([]string, len(c.Series))
		for i, s := range c.Series {
			names[i] = s.Name
		}
		c.Title = strings.Join(names, ", ") + " by " + t.Columns[0].Name
	}
	return charts
}

// timeByValue draws one line per value of the text column (the first
// maxSeries values met), zero where a time has no row for it.
func timeByValue(t *Table, loc *time.Location) *TimeChart {
	var xs []time.Time
	index := map[int64]int{}
	var names []string
	values := map[string][]float64{}
	for _, row := range t.Rows {
		at := row[0].Time.UnixNano()
		if _, ok := index[at]; !ok {
			index[at] = len(xs)
			xs = append(xs, row[0].Time)
		}
		name := row[1].Text
		if _, ok := values[name]; !ok && len(names) < maxSeries {
			names = append(names, name)
			values[name] = nil
		}
	}
	for _, name := range names {
		values[name] = make([]float64, len(xs))
	}
	for _, row := range t.Rows {
		if v, ok := values[row[1].Text]; ok {
			v[index[row[0].Time.UnixNano()]] += row[2].Num
		}
	}
	c := &TimeChart{Title: t.Columns[2].Name + " by " + t.Columns[0].Name + " and " + t.Columns[1].Name,
		Unit: unitOf(t.Columns[2]), X: xs, Location: loc}
	for _, name := range names {
		c.Series = append(c.Series, Series{Name: name, Values: values[name]})
	}
	return c
}

// bars draws the first number column against the label column.
func bars(t *Table) *BarChart {
	c := &BarChart{Title: t.Columns[1].Name + " by " + t.Columns[0].Name, Unit: unitOf(t.Columns[1])}
	for _, row := range t.Rows {
		if len(c.Bars) == maxBars {
			break
		}
		c.Bars = append(c.Bars, Bar{Label: row[0].Text, Value: row[1].Num})
	}
	return c
}
