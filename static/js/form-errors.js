/* Form errors that everyone notices (WCAG 3.3.1, 4.1.3): when a form comes back with errors, an error summary at
   its top lists them (role="alert", so screen readers announce it) and takes the focus; each entry links to its
   field, and following the link moves the focus into the field. Each invalid field has aria-invalid="true" and
   aria-describedby pointing to its own error text. The summary's heading comes from the page
   (<body data-error-summary="...">), so it is translated. */
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]), select, textarea";

  function ensureId(element, prefix) {
    if (!element.id) {
      ensureId.counter = (ensureId.counter || 0) + 1;
      element.id = prefix + "-" + ensureId.counter;
    }
    return element.id;
  }

  function describe(field, ids) {
    var current = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids.forEach(function (id) { if (current.indexOf(id) === -1) current.push(id); });
    field.setAttribute("aria-describedby", current.join(" "));
    field.setAttribute("aria-invalid", "true");
  }

  function labelOf(field) {
    var fieldset = field.closest("fieldset");
    var label = (field.labels && field.labels[0]) || null;
    if ((field.type === "radio" || field.type === "checkbox") && fieldset && fieldset.querySelector("legend")) {
      label = fieldset.querySelector("legend");
    }
    var text = label ? label.textContent : field.getAttribute("aria-label") || field.name;
    return text.replace(/\s+/g, " ").replace(/\*\s*$/, "").trim();
  }

  /* The error texts of the form, with the field each one belongs to (null for errors about the whole form). */
  function errorsOf(form) {
    var found = [];
    form.querySelectorAll(".invalid-feedback, .errorlist").forEach(function (block) {
      var text = block.textContent.replace(/\s+/g, " ").trim();
      if (!text || block.closest(".error-summary, .alert-danger") || !block.getClientRects().length) return;
      var wrapper = block.closest(".mb-3, .form-group, fieldset, [id^=div_id_]");
      // A form that has one of those classes itself is no field's wrapper: the error belongs to its own field.
      if (!wrapper || wrapper === form || wrapper.contains(form)) wrapper = block.parentElement;
      var fields = Array.prototype.slice.call(wrapper.querySelectorAll(FIELDS)).filter(function (field) {
        return !field.closest(".error-summary");
      });
      if (block.classList.contains("nonfield") || !fields.length) {
        found.push({ field: null, text: text });
        return;
      }
      var id = ensureId(block, "field-error");
      fields.forEach(function (field) { describe(field, [id]); });
      found.push({ field: fields[0], text: text });
    });
    form.querySelectorAll(".alert-danger.alert-block, .alert-danger:has(.errorlist)").forEach(function (alert) {
      if (alert.closest(".error-summary")) return;
      var text = alert.textContent.replace(/\s+/g, " ").trim();
      if (text) found.push({ field: null, text: text });
    });
    form.querySelectorAll(".is-invalid, [aria-invalid=true]").forEach(function (field) {
      if (!field.matches(FIELDS)) return;
      field.setAttribute("aria-invalid", "true");
    });
    return found;
  }

  function summarise(form) {
    if (form.querySelector(".error-summary") || form.dataset.noErrorSummary !== undefined) return null;
    var errors = errorsOf(form);
    if (!errors.length) return null;
    var summary = document.createElement("div");
    summary.className = "alert alert-danger error-summary";
    summary.setAttribute("role", "alert");
    summary.setAttribute("tabindex", "-1");
    var heading = document.createElement("h2");
    heading.className = "h6 alert-heading fw-semibold";
    heading.textContent = document.body.dataset.errorSummary || "There is a problem";
    summary.id = ensureId(summary, "error-summary");
    heading.id = summary.id + "-heading";
    summary.setAttribute("aria-labelledby", heading.id);
    summary.appendChild(heading);
    var list = document.createElement("ul");
    list.className = "mb-0";
    errors.forEach(function (error) {
      var item = document.createElement("li");
      if (error.field) {
        var link = document.createElement("a");
        link.href = "#" + ensureId(error.field, "field");
        link.className = "alert-link";
        var label = labelOf(error.field);
        link.textContent = label ? label + ": " + error.text : error.text;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          error.field.focus();
          error.field.scrollIntoView({ block: "center" });
        });
        item.appendChild(link);
      } else {
        item.textContent = error.text;
      }
      list.appendChild(item);
    });
    summary.appendChild(list);
    form.insertBefore(summary, form.firstChild);
    // A page's own "correct the fields below" alert is for readers without JavaScript: the summary replaces it.
    form.querySelectorAll("[data-error-intro]").forEach(function (intro) { intro.hidden = true; });
    return summary;
  }

  function run(root) {
    var first = null;
    (root || document).querySelectorAll("main form").forEach(function (form) {
      var summary = summarise(form);
      if (summary && !first) first = summary;
    });
    if (first) first.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { run(document); });
  } else {
    run(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.matches && event.target.matches("form")) {
      var summary = summarise(event.target);
      if (summary) summary.focus();
    } else {
      run(event.target);
    }
  });
})();
