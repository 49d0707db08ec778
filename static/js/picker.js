/* People and agency pickers (slt.core.widgets.Picker): filter as you type, "n chosen", choose all in a group.
   Without this script the picker is a plain list of checkboxes (or radio buttons). An optional single choice's
   "none" radio stands above the groups and is never hidden by the search. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  function setup(picker) {
    var tools = picker.querySelector("[data-picker-tools]");
    var search = picker.querySelector("[data-picker-search]");
    var count = picker.querySelector("[data-picker-count]");
    var empty = picker.querySelector("[data-picker-empty]");
    var groups = Array.prototype.slice.call(picker.querySelectorAll("[data-picker-group]"));
    var inputs = Array.prototype.slice.call(picker.querySelectorAll("[data-picker-option] input"));
    if (tools) {
      tools.hidden = false;
    }

    function visibleInputs(group) {
      return Array.prototype.slice.call(group.querySelectorAll("[data-picker-option]"))
        .filter(function (row) { return !row.hidden; })
        .map(function (row) { return row.querySelector("input"); });
    }

    function refresh() {
      if (count) {
        var n = inputs.filter(function (input) { return input.checked; }).length;
        var format = n === 1 ? picker.dataset.countOne : picker.dataset.countOther;
        count.textContent = format.replace("{n}", n);
      }
      groups.forEach(function (group) {
        var button = group.querySelector("[data-picker-all]");
        if (!button) {
          return;
        }
        var shown = visibleInputs(group);
        var all = shown.length > 0 && shown.every(function (input) { return input.checked; });
        button.hidden = shown.length < 2;
        button.querySelector("[data-picker-all-text]").textContent = all ? button.dataset.clear : button.dataset.select;
        button.dataset.all = all ? "1" : "";
      });
    }

    function filter() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var any = false;
      groups.forEach(function (group) {
        var legend = fold(group.querySelector("legend").textContent);
        var shownInGroup = 0;
        group.querySelectorAll("[data-picker-option]").forEach(function (row) {
          var text = legend + " " + fold(row.textContent);
          var match = words.every(function (word) { return text.indexOf(word) !== -1; });
          row.hidden = !match;
          if (match) {
            shownInGroup += 1;
          }
        });
        group.hidden = shownInGroup === 0;
        any = any || shownInGroup > 0;
      });
      if (empty) {
        empty.hidden = any || groups.length === 0;
      }
      refresh();
    }

    if (search) {
      search.addEventListener("input", filter);
      // The search box is no field of the form: its change does not reach a filter form that sends on change.
      search.addEventListener("change", function (event) { event.stopPropagation(); });
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault(); // typing a name never sends the form
        } else if (event.key === "Escape" && search.value) {
          event.preventDefault();
          search.value = "";
          filter();
        }
      });
    }
    // A single choice shows its chosen row: the list scrolls within its box, the page does not move.
    var list = picker.querySelector("[data-picker-groups]");
    var chosen = list && picker.classList.contains("picker-single") && list.querySelector("[data-picker-option] input:checked");
    if (chosen && list.scrollHeight > list.clientHeight) {
      var row = chosen.closest("[data-picker-option]");
      list.scrollTop += row.getBoundingClientRect().top - list.getBoundingClientRect().top - list.clientHeight / 3;
    }
    picker.addEventListener("change", refresh);
    picker.addEventListener("click", function (event) {
      var button = event.target.closest("[data-picker-all]");
      if (!button) {
        return;
      }
      var check = !button.dataset.all;
      visibleInputs(button.closest("[data-picker-group]")).forEach(function (input) {
        input.checked = check;
      });
      refresh();
    });
    refresh();
  }

  function init() {
    document.querySelectorAll("[data-picker]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
