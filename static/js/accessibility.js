/* Keyboard access to areas that scroll (WCAG 2.1.1): a table wider than the screen scrolls sideways in its
   .table-responsive wrapper; such a wrapper becomes a labelled region in the tab order, so that it can be
   scrolled with the arrow keys. Checked again when the window is resized and after htmx swaps in results. */
(function () {
  "use strict";

  var SCROLLERS = ".table-responsive, [data-scroll-region]";

  function nameOf(scroller) {
    var caption = scroller.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var labelled = scroller.closest("[aria-labelledby]");
    if (labelled) {
      var heading = document.getElementById(labelled.getAttribute("aria-labelledby").split(" ")[0]);
      if (heading && heading.textContent.trim()) return heading.textContent.trim();
    }
    var h1 = document.querySelector("main h1");
    return h1 ? h1.textContent.trim() : document.title;
  }

  function scrolls(element) {
    return element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
  }

  function update(root) {
    (root || document).querySelectorAll(SCROLLERS).forEach(function (scroller) {
      if (scroller.dataset.scrollRegion === "static") return; // given in the template: leave as it is
      if (scroller.getAttribute("tabindex") === "0" && !scroller.dataset.scrollRegionAuto) {
        scroller.dataset.scrollRegion = "static";
        return;
      }
      if (scrolls(scroller)) {
        scroller.setAttribute("tabindex", "0");
        scroller.dataset.scrollRegionAuto = "1";
        if (!scroller.getAttribute("role")) scroller.setAttribute("role", "region");
        if (!scroller.getAttribute("aria-label") && !scroller.getAttribute("aria-labelledby")) {
          scroller.setAttribute("aria-label", nameOf(scroller));
        }
      } else if (scroller.dataset.scrollRegionAuto) {
        scroller.removeAttribute("tabindex");
        scroller.removeAttribute("role");
        scroller.removeAttribute("aria-label");
        delete scroller.dataset.scrollRegionAuto;
      }
    });
  }

  var pending = null;
  function later() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () { pending = null; update(document); }, 150);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { update(document); });
  } else {
    update(document);
  }
  window.addEventListener("load", function () { update(document); });
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", function (event) { update(event.target); });
})();
