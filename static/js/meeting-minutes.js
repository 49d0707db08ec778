/* Minutes on the meeting page: Ctrl+S (Cmd+S on a Mac) saves the item form the cursor is in (htmx posts it and
   swaps the item); errors htmx does not swap (409 when the agenda is fixed, a server that does not answer) are
   said in the live status, and the text stays in the field. */
(function () {
  "use strict";

  function say(text) {
    var status = document.getElementById("minutes-status");
    if (status) {
      status.textContent = text || status.dataset.error;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || (event.key || "").toLowerCase() !== "s") {
      return;
    }
    var focused = document.activeElement;
    var form = focused && focused.closest ? focused.closest("form[data-minutes-form]") : null;
    if (!form) {
      return;
    }
    event.preventDefault();
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    say(xhr.status === 409 ? xhr.responseText : "");
  });
  document.addEventListener("htmx:sendError", function () {
    say("");
  });
})();
