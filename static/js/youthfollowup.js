/* Youth follow-up statistics: two bar charts from json_script; counts under 5 are null and not drawn. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("youth-stats-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      window.Chart.defaults.animation = false;
    }
    function chart(id, labels, values, colour) {
      var canvas = document.getElementById(id);
      var shown = values.some(function (value) { return value !== null; });
      if (!shown) {
        var box = canvas.parentElement;
        var note = document.createElement("p");
        note.className = "chart-empty text-body-secondary small";
        note.textContent = box.dataset.empty;
        box.replaceChildren(note);
        box.classList.add("chart-box-empty");
        return;
      }
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: labels, datasets: [{ data: values, backgroundColor: colour }] },
        options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    }
    chart("chart-states", data.states, data.state_values, "#12466b");
    chart("chart-ages", data.ages, data.age_values, "#2a9d8f");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
