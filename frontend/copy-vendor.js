// Copy the browser files putright serves from node_modules into putright/static/vendor.
const fs = require("fs");
const path = require("path");
const out = path.join(__dirname, "..", "putright", "static", "vendor");
const copies = [
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.js"],
  ["govuk-frontend/dist/govuk/assets/images", "govuk/assets/images"],
  ["govuk-frontend/dist/govuk/assets/manifest.json", "govuk/assets/manifest.json"],
  ["vega/build/vega.min.js", "vega/vega.min.js"],
  // Expression interpreter: lets the dashboard's charts run under a CSP without unsafe-eval.
  ["vega-interpreter/build/vega-interpreter.min.js", "vega/vega-interpreter.min.js"],
  ["vega-lite/build/vega-lite.min.js", "vega/vega-lite.min.js"],
  ["vega-embed/build/vega-embed.min.js", "vega/vega-embed.min.js"],
];
for (const [from, to] of copies) {
  const src = path.join(__dirname, "node_modules", from);
  const dest = path.join(out, to);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(src, dest, { recursive: true });
}
