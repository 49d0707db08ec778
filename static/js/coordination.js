/* Coordination pages: print button and statistics charts (data from json_script; small counts are null). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  function draw() {
    var source = document.getElementById("stats-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      window.Chart.defaults.animation = false;
    }
    var palette = ["#12466b", "#f2b631", "#2a9d8f", "#e76f51", "#6c757d", "#8e44ad", "#1d7fbf", "#c0392b",
      "#27ae60", "#d35400", "#34495e"];
    var small = { plugins: { legend: { display: false } }, maintainAspectRatio: false };

    function hasValues(values) {
      return values.some(function (value) { return value !== null; });
    }
    function chart(id, values, config) {
      var canvas = document.getElementById(id);
      if (!hasValues(values)) {
        // Every count is under 5: say so instead of drawing an empty chart.
        var box = canvas.parentElement;
        var note = document.createElement("p");
        note.className = "chart-empty text-body-secondary small";
        note.textContent = box.dataset.empty;
        box.replaceChildren(note);
        box.classList.add("chart-box-empty");
        return;
      }
      new window.Chart(canvas, config);
    }

    var monthValues = [].concat.apply([], data.month_datasets.map(function (set) { return set.data; }));
    chart("chart-months", monthValues, {
      type: "bar",
      data: {
        labels: data.months,
        datasets: data.month_datasets.map(function (set, i) {
          return { label: set.label, data: set.data, backgroundColor: palette[i % palette.length] };
        })
      },
      options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } } }
    });
    chart("chart-areas", data.area_values, {
      type: "bar",
      data: { labels: data.areas, datasets: [{ data: data.area_values, backgroundColor: palette[0] }] },
      options: Object.assign({ indexAxis: "y" }, small)
    });
    chart("chart-statuses", data.status_values, {
      type: "doughnut",
      data: { labels: data.statuses, datasets: [{ data: data.status_values, backgroundColor: ["#adb5bd", "#12466b", "#198754", "#6c757d"] }] },
      options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } } }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
