/* Django admin, accessibility fixes that its templates leave out (WCAG 2.1 AA, checked by axe-core in
   tests/e2e/test_accessibility.py):
   - the fields of a tabular inline have no <label>: each gets the text of its column header as its name;
   - an autocomplete field (select2) gets the name of the field's own label;
   - the help icons of the filter_horizontal boxes get a role for their aria-label. */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function labelTabularInlines(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var cells = Array.prototype.slice.call(row.children).filter(function (cell) {
          return cell.tagName === "TD" || cell.tagName === "TH";
        });
        cells.forEach(function (cell, index) {
          var header = headers[index];
          if (!header) return;
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            if (field.labels && field.labels.length) return;
            if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return;
            var name = text(header);
            if (name) field.setAttribute("aria-label", name);
          });
        });
      });
    });
  }

  function labelAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (!label) return;
      if (!label.id) label.id = select.id + "-label";
      var container = select.parentElement.querySelector(".select2-selection");
      if (container) {
        var rendered = container.querySelector(".select2-selection__rendered");
        container.setAttribute("aria-labelledby", label.id + (rendered && rendered.id ? " " + rendered.id : ""));
        if (rendered) rendered.setAttribute("aria-label", text(label).replace(/:$/, ""));
      }
    });
  }

  /* The help icons of a filter_horizontal box carry an aria-label, which needs a role to count. */
  function roleForHelpIcons(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fix(root) {
    labelTabularInlines(root);
    labelAutocompletes(root);
    roleForHelpIcons(root);
  }

  /* After the admin's own scripts, which build select2 and the filter boxes on "load" too. */
  window.addEventListener("load", function () { window.setTimeout(function () { fix(document); }, 0); });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () { fix(event.target.closest(".inline-group") || document); }, 0);
  });
})();
