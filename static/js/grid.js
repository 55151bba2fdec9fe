/*
 * Entry grids (web/grid.py): spreadsheet habits on top of a plain HTML form, which saves without this script.
 * - Enter moves to the same column of the next row (Shift+Enter: the row above); Tab moves along the row.
 * - Pasting several lines copied from Excel into a cell fills that column downwards, one line a row; a line
 *   with tabs fills the cells to the right as well.
 * - A form marked data-post-changed-only (a grid as loaded, not one returned with errors) posts only the boxes
 *   changed since the page loaded: the server reads a box left out as unchanged (web/grid.py), and a large grid
 *   stays under the number of fields Django reads from one request.
 * - A row's aside (.row-aside: its review notes, the form answering one, its history) is not part of the grid: its
 *   boxes are no cells, and typing in them does not reach the row (whose input previews it).
 * No rule lives here: figures that follow from a typed value come from the server (htmx).
 */
(function () {
  "use strict";

  function inAside(field) {
    return field.closest(".row-aside") !== null;
  }

  function cellsOf(grid) {
    return Array.from(grid.querySelectorAll("tbody tr[data-row]")).map(function (row) {
      return Array.from(row.querySelectorAll("input:not([type=hidden]):not([type=file]), select, textarea")).filter(
        function (field) { return !inAside(field); }
      );
    });
  }

  function position(cells, field) {
    for (var r = 0; r < cells.length; r++) {
      var c = cells[r].indexOf(field);
      if (c >= 0) return [r, c];
    }
    return null;
  }

  function setValue(field, value) {
    if (field.tagName === "SELECT") {
      var wanted = value.trim().toLowerCase();
      var option = Array.from(field.options).find(function (o) {
        return o.value.toLowerCase() === wanted || o.text.trim().toLowerCase() === wanted;
      });
      if (!option) return;
      field.value = option.value;
    } else {
      field.value = value;
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    var grid = field.closest && field.closest("table.grid");
    if (!grid || inAside(field) || event.key !== "Enter" || field.tagName === "TEXTAREA") return;
    if (event.ctrlKey || event.metaKey) return;
    var cells = cellsOf(grid);
    var at = position(cells, field);
    if (!at) return;
    event.preventDefault();
    var next = cells[at[0] + (event.shiftKey ? -1 : 1)];
    if (next && next[at[1]]) {
      next[at[1]].focus();
      if (next[at[1]].select) next[at[1]].select();
    }
  });

  function unchanged(field) {
    if (field.tagName === "SELECT") {
      return Array.from(field.options).every(function (o) { return o.selected === o.defaultSelected; });
    }
    if (field.type === "checkbox" || field.type === "radio") return false;
    return field.value === field.defaultValue;
  }

  // The grid's boxes join its form by their form attribute: form.elements lists them wherever they stand.
  document.querySelectorAll("form[data-post-changed-only]").forEach(function (form) {
    form.addEventListener("formdata", function (event) {
      Array.from(form.elements).forEach(function (field) {
        if (field.name && field.closest("table.grid tr[data-row]") && unchanged(field)) {
          event.formData.delete(field.name);
        }
      });
    });
  });

  document.querySelectorAll(".row-aside").forEach(function (aside) {
    aside.addEventListener("input", function (event) { event.stopPropagation(); });
  });

  document.addEventListener("paste", function (event) {
    var field = event.target;
    var grid = field.closest && field.closest("table.grid");
    if (!grid || inAside(field)) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    if (lines.length < 2 && lines[0].indexOf("\t") < 0) return;
    var cells = cellsOf(grid);
    var at = position(cells, field);
    if (!at) return;
    event.preventDefault();
    lines.forEach(function (line, i) {
      var row = cells[at[0] + i];
      if (!row) return;
      line.split("\t").forEach(function (value, j) {
        var target = row[at[1] + j];
        if (target) setValue(target, value);
      });
    });
  });
})();
