// charts.js: what a page drew, read from the rendered DOM (the browser
// tests of htmlpage and of `flowduck html` evaluate it). One entry per
// chart: its kind and section, its drawn size, and per kind what was drawn.
(function () {
  return Array.from(document.querySelectorAll("figure.chart")).map(function (f) {
    var svg = f.querySelector("svg");
    var box = svg.getBoundingClientRect();
    return {
      kind: f.dataset.chart,
      section: f.closest("section").id,
      width: box.width,
      height: box.height,
      series: Array.from(f.querySelectorAll("g.series")).map(function (g) {
        var line = g.querySelector("path.line");
        return {
          name: g.dataset.name,
          declared: Number(g.dataset.points),
          points: g.querySelectorAll("circle.point").length,
          tooltips: g.querySelectorAll("circle.point > title").length,
          length: line.getTotalLength(),
          visible: getComputedStyle(g).display !== "none",
        };
      }),
      bars: Array.from(f.querySelectorAll("g.bar")).map(function (g) {
        return { width: g.querySelector("rect").getBBox().width, label: g.querySelector("text.label").textContent, tooltip: g.querySelector("title").textContent };
      }),
      edges: Array.from(f.querySelectorAll("path.edge")).map(function (p) { return p.getTotalLength(); }),
      nodes: Array.from(f.querySelectorAll("g.node")).map(function (g) { return { scope: g.dataset.series, label: g.querySelector("text").textContent }; }),
    };
  });
})()
