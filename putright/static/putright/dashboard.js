// Draws the dashboard's charts from Vega-Lite specs held in <script type="application/json">
// elements. Uses Vega's expression interpreter so no eval is needed (CSP has no unsafe-eval).
// Every chart has a table with the same figures, so nothing is lost if drawing fails.
(function () {
  "use strict";
  if (!window.vegaEmbed || !window.vega) {
    return;
  }
  // A chart in a closed section has no width yet: draw it again to size when it opens.
  Array.prototype.forEach.call(document.querySelectorAll("details"), function (details) {
    details.addEventListener("toggle", function () {
      window.dispatchEvent(new Event("resize"));
    });
  });
  var charts = document.querySelectorAll("[data-vega-spec]");
  Array.prototype.forEach.call(charts, function (element) {
    var source = document.getElementById(element.getAttribute("data-vega-spec"));
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    window
      .vegaEmbed(element, spec, {
        renderer: "svg",
        actions: false,
        ast: true,
        expr: window.vega.expressionInterpreter,
        defaultStyle: false,
        tooltip: false,
      })
      .then(function () {
        var svg = element.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", spec.description);
          svg.setAttribute("focusable", "false");
        }
      })
      .catch(function () {
        element.textContent =
          "The chart could not be drawn. The table below has the same figures.";
      });
  });
})();
