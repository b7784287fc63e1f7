/*
 * holofleet console: progressive enhancement only — every page reads the same without this file.
 * Draws the bar charts from their `data-chart` attribute with Chartist (served at /assets/chartist.min.js;
 * no inline script: the Content-Security-Policy forbids them), and again after htmx swaps content in.
 */
(function () {
  "use strict";

  // Chartist writes a `style` attribute on its SVG, which the Content-Security-Policy (no inline style)
  // refuses; the same declarations set through the CSSOM are allowed, so its attr() sets them that way.
  function styleThroughCssom(Chartist) {
    var Svg = Chartist.Svg;
    if (!Svg || Svg.prototype.attr.cssomStyle) return;
    var attr = Svg.prototype.attr;
    var patched = function (attributes, ns) {
      if (attributes && typeof attributes === "object" && typeof attributes.style === "string") {
        var rest = {};
        for (var key in attributes) if (key !== "style") rest[key] = attributes[key];
        this._node.style.cssText = attributes.style;
        return attr.call(this, rest, ns);
      }
      return attr.call(this, attributes, ns);
    };
    patched.cssomStyle = true;
    Svg.prototype.attr = patched;
  }

  function drawCharts(root) {
    var Chartist = window.Chartist;
    if (!Chartist || !Chartist.BarChart) return; // No chart library: the tables beside the charts say it all.
    styleThroughCssom(Chartist);
    var charts = root.querySelectorAll("[data-chart]");
    for (var i = 0; i < charts.length; i++) {
      var el = charts[i];
      if (el.getAttribute("data-chart-drawn") === "yes") continue;
      var spec;
      try {
        spec = JSON.parse(el.getAttribute("data-chart"));
      } catch {
        continue;
      }
      el.hidden = false;
      new Chartist.BarChart(
        el,
        {
          labels: spec.labels,
          series: spec.series.map(function (s) {
            return { name: s.name, className: s.className, data: s.data };
          }),
        },
        {
          stackBars: spec.series.length > 1,
          horizontalBars: spec.horizontal,
          reverseData: spec.horizontal,
          seriesBarDistance: 0,
          axisY: { offset: spec.horizontal ? 130 : 40, onlyInteger: true },
          axisX: { onlyInteger: true },
        },
      );
      el.setAttribute("data-chart-drawn", "yes");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    drawCharts(event.target || document);
  });
})();
