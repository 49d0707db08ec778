// The filters above a list fold behind one "Filter" button on a narrow screen (below 992 px): the button
// shows and hides the panel and says so with aria-expanded. Without this script every filter is shown.
(function () {
  "use strict";
  function setUp(form) {
    const button = form.querySelector(".filter-toggle");
    const panel = form.querySelector(".filter-panel");
    if (!button || !panel) {
      return;
    }
    panel.classList.add("is-folded");
    button.hidden = false;
    button.addEventListener("click", function () {
      const open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      panel.classList.toggle("is-folded", open);
      if (!open) {
        const first = panel.querySelector("select, input, textarea");
        if (first) {
          first.focus();
        }
      }
    });
  }
  function start() {
    document.querySelectorAll("form.filters").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
