// Polls a report run's status and updates the progress bar; reloads when it finishes.
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var text = document.getElementById("progress-text");
  var bar = document.getElementById("progress-bar");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (run) {
        if (run.status === "done" || run.status === "failed") {
          window.location.reload();
          return;
        }
        if (bar) { bar.value = run.progress; bar.textContent = run.progress + "%"; }
        if (text) { text.textContent = run.progress + "% complete: " + (run.message || "waiting to start") + "."; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
