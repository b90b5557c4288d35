// Package htmlpage draws flowduck's HTML pages: one self-contained file with
// its styles and script inline and every chart drawn here, in Go, as SVG (a
// time chart, horizontal bars, a graph of conversations), so the page opens
// offline and makes no network request; its Content-Security-Policy forbids
// any. A [Page] is a title, a few facts and [Section]s; each section shows
// its charts, a table and the SQL that produced them in a collapsed
// <details>. html/template writes every value, so addresses and evidence
// text are data, never markup.
//
// [ResultPage] makes the page of one query result (`-o html`): the table,
// and a chart when the result's shape has one (see [ChartFor]).
package htmlpage
