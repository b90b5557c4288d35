// Package chart decides whether a query result can be drawn as a chart and
// draws it in a terminal.
//
// [Classify] looks only at the result's column names and DuckDB types and
// returns its [Shape]: a time series (a time column, numeric columns, and
// optionally text columns whose values name the series, long form), bars
// (label columns, then numeric columns) or an [UnchartableError]. It knows
// nothing of drawing, so the terminal renderer here and an HTML page can share
// it. [Build] turns the rows of a classified result into [Data]: the series
// pivoted out of long form, times in the display zone, units by column name.
// [Draw] writes Data as Unicode block text fitted to a width, with colour
// only when asked for.
package chart
