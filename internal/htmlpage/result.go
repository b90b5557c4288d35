package htmlpage

import (
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/chart"
	"github.com/flowduck/flowduck/internal/units"
)

// maxBars is the most bars a result's bar chart draws (the table shows
// every row); maxBarCharts the most measures drawn as bars.
const (
	maxBars      = 50
	maxBarCharts = 3
)

// ResultPage is the page of one query result: its title, the charts of its
// shape (see [Charts]), the table and the SQL that made it. note, when set,
// says why the result has no chart.
func ResultPage(title, sql string, facts []Fact, t *Table, data *chart.Data, note string) Page {
	sec := Section{ID: "result", Title: title, Table: t, Note: note}
	sec.Time, sec.Bars = Charts(data)
	if sql != "" {
		sec.Queries = []Query{{SQL: sql}}
	}
	if len(t.Rows) == 0 {
		sec.Empty = "The result has no rows."
	}
	return Page{Title: title, Facts: facts, Sections: []Section{sec}}
}

// Charts draws a result classified and built by package chart (the shapes
// of `-o chart`):
//   - a time series: a time chart per unit (bytes, counts, other), a line
//     per numeric column; in long form (a text column naming the series) a
//     time chart per numeric column, a line per series;
//   - bars: a bar chart per numeric column (the first maxBarCharts), the
//     bars in the result's order (the first maxBars).
//
// A nil data has no chart.
func Charts(d *chart.Data) ([]*TimeChart, []*BarChart) {
	if d == nil {
		return nil, nil
	}
	switch d.Kind {
	case chart.TimeSeries:
		return timeCharts(d), nil
	case chart.Bars:
		return nil, barCharts(d)
	}
	return nil, nil
}

// unitName is the page's unit of a chart unit.
func unitName(u units.Unit) string {
	if u == units.ByteUnit {
		return "bytes"
	}
	return ""
}

// timeCharts draws a time series.
func timeCharts(d *chart.Data) []*TimeChart {
	loc := time.UTC
	if d.Zoned && len(d.Times) > 0 {
		loc = d.Times[0].Location()
	}
	var charts []*TimeChart
	if d.Pivot != "" {
		for _, m := range d.Measures {
			c := &TimeChart{Title: m.Name + " by " + d.TimeName + " and " + d.Pivot, Unit: unitName(m.Unit), X: d.Times, Location: loc}
			for _, s := range m.Series {
				c.Series = append(c.Series, Series{Name: s.Name, Values: s.Values})
			}
			charts = append(charts, c)
		}
		return charts
	}
	byUnit := map[units.Unit]*TimeChart{}
	var names = map[*TimeChart][]string{}
	for _, m := range d.Measures {
		c := byUnit[m.Unit]
		if c == nil {
			c = &TimeChart{Unit: unitName(m.Unit), X: d.Times, Location: loc}
			byUnit[m.Unit] = c
			charts = append(charts, c)
		}
		for _, s := range m.Series {
			c.Series = append(c.Series, Series{Name: s.Name, Values: s.Values})
		}
		names[c] = append(names[c], m.Name)
	}
	for _, c := range charts {
		c.Title = strings.Join(names[c], ", ") + " by " + d.TimeName
	}
	return charts
}

// barCharts draws bars.
func barCharts(d *chart.Data) []*BarChart {
	var charts []*BarChart
	for _, m := range d.Measures {
		if len(charts) == maxBarCharts || len(m.Series) == 0 {
			break
		}
		c := &BarChart{Title: m.Name + " by " + d.LabelName, Unit: unitName(m.Unit)}
		for i, label := range d.Labels {
			if i == maxBars {
				break
			}
			c.Bars = append(c.Bars, Bar{Label: label, Value: m.Series[0].Values[i]})
		}
		c.Color = seriesColor(len(charts), m.Name)
		charts = append(charts, c)
	}
	return charts
}
