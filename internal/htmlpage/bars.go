package htmlpage

import "fmt"

// BarChart is horizontal bars, one per label, in the order given.
type BarChart struct {
	// Title names the measure ("bytes sent").
	Title string
	// Unit is "bytes" or "" (counts).
	Unit string
	Bars []Bar
	// Color fills the bars; "" is the first colour of the palette.
	Color string
}

// Bar is one bar: its label, length and an optional note for the tooltip.
type Bar struct {
	Label string
	Value float64
	Note  string
}

// Size of a bar chart, in SVG user units.
const (
	barWidth, barRow, barLabel, barValue = 960, 22, 300, 110
	barTop                               = 4
)

// barsView is a BarChart with its geometry computed, for the template.
type barsView struct {
	Title         string
	Width, Height int
	LabelX, BarX  int
	Bars          []barView
	Color         string
}

// barView is one bar drawn.
type barView struct {
	Y, TextY, W, ValueX string
	Label, Value, Title string
}

// view computes the chart's geometry.
func (c *BarChart) view() barsView {
	v := barsView{Title: c.Title, Width: barWidth, Height: barTop*2 + barRow*len(c.Bars),
		LabelX: barLabel - 8, BarX: barLabel, Color: c.Color}
	if v.Color == "" {
		v.Color = palette[0]
	}
	var top float64
	for _, b := range c.Bars {
		top = max(top, b.Value)
	}
	if top <= 0 {
		top = 1
	}
	room := float64(barWidth - barLabel - barValue)
	for i, b := range c.Bars {
		w := max(b.Value/top*room, 1)
		y := float64(barTop + i*barRow)
		title := fmt.Sprintf("%s: %s", b.Label, exactText(b.Value))
		if c.Unit == "bytes" {
			title += " bytes (" + valueText(b.Value, c.Unit) + ")"
		}
		if b.Note != "" {
			title += ", " + b.Note
		}
		v.Bars = append(v.Bars, barView{Y: coord(y + 3), TextY: coord(y + barRow/2 + 4), W: coord(w),
			ValueX: coord(float64(barLabel) + w + 6), Label: b.Label, Value: valueText(b.Value, c.Unit), Title: title})
	}
	return v
}
