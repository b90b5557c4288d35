package htmlpage

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// Page is one self-contained HTML page: a title, facts about what it shows
// and its sections.
type Page struct {
	Title string
	// Facts are shown under the title: when it was made, from which
	// database, with which filter.
	Facts    []Fact
	Sections []Section
}

// Fact is one name and value shown under a page's title or in a section.
type Fact struct {
	Name, Value string
}

// Section is one part of a page: charts, a table and the SQL behind them.
type Section struct {
	// ID is the section's anchor (unique in the page, letters and dashes).
	ID    string
	Title string
	// Note is a sentence under the title: what the section shows.
	Note  string
	Facts []Fact
	Time  []*TimeChart
	Bars  []*BarChart
	Graph *Graph
	Table *Table
	// Empty, when set, is shown instead of charts and table: why there is
	// nothing to show.
	Empty string
	// Queries are the SQL statements that produced the section, as run.
	Queries []Query
}

// Query is one SQL statement shown under a section, to be run again in
// the shell.
type Query struct {
	Label string
	SQL   string
}

// ContentSecurityPolicy is the policy every page declares: nothing may be
// loaded from anywhere (images only as data: URLs); the inline style and
// script are the whole page.
const ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

var (
	//go:embed page.tmpl
	pageText string
	//go:embed page.css
	pageCSS string
	//go:embed page.js
	pageJS string
)

// pageTemplate is parsed once; its funcs compute each chart's geometry.
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"timeView":  func(c *TimeChart) timeView { return c.view() },
	"barsView":  func(c *BarChart) barsView { return c.view() },
	"graphView": func(g *Graph) graphView { return g.view() },
	"cellClass": cellClass,
}).Parse(pageText))

// cellClass is the CSS classes of cell c of column i: num for numbers,
// null for NULL, and the cell's own.
func cellClass(t *Table, i int, c Cell) string {
	var classes []string
	if t.numeric(i) {
		classes = append(classes, "num")
	}
	if c.Null {
		classes = append(classes, "null")
	}
	if c.Class != "" {
		classes = append(classes, c.Class)
	}
	return strings.Join(classes, " ")
}

// pageData is what the template reads.
type pageData struct {
	Page
	CSP    string
	Style  template.CSS
	Script template.JS
}

// Write writes p as one HTML document.
func Write(w io.Writer, p Page) error {
	data := pageData{Page: p, CSP: ContentSecurityPolicy, Style: template.CSS(pageCSS), Script: template.JS(pageJS)}
	if err := pageTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("write html page: %w", err)
	}
	return nil
}
