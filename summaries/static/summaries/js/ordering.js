/* Reorder the rows of an ordered inline (takeaways, Q&A, outline…) by dragging
   a handle or with the 上へ / 下へ buttons (WCAG 2.2, 2.5.7: a way without
   dragging). The position inputs are kept, visually hidden, and renumbered
   1, 2, 3… in the order shown; without this script they stay typeable. */
(function () {
  "use strict";

  // The admin loads Django's JavaScript catalogue (admin:jsi18n) before this:
  // the texts here are the Japanese source, translated on /en/admin/ from
  // summaries/locale/en/LC_MESSAGES/djangojs.po. Without it, they stay as is.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, args) {
    var i = 0;
    return format.replace(/%s/g, function () { return String(args[i++]); });
  };

  var ROW = "tr.form-row:not(.empty-form)";

  function rows(group) {
    return Array.prototype.filter.call(group.querySelectorAll(ROW), function (row) {
      return row.closest(".js-inline-admin-formset") === group;
    });
  }

  function hasContent(row) {
    var id = row.querySelector('input[name$="-id"]');
    if (id && id.value) return true;
    return Array.prototype.some.call(
      row.querySelectorAll("input, textarea, select"),
      function (field) {
        if (field.type === "hidden" || field.type === "checkbox") return false;
        if (/-position$/.test(field.name)) return false;
        return field.value.trim() !== "";
      }
    );
  }

  // What a row is called in announcements: its main text (a takeaway's text
  // rather than its emoji, a chapter's title rather than its time, a speaker).
  function describe(row, index) {
    var cells = ':not(.field-position):not(.original):not(.delete)';
    var text = "";
    var area = row.querySelector("td" + cells + " textarea");
    var select = row.querySelector("td" + cells + " select");
    var inputs = row.querySelectorAll("td" + cells + ' input[type="text"]');
    if (area) text = area.value;
    else if (select && select.selectedIndex >= 0) text = select.options[select.selectedIndex].text;
    else if (inputs.length) text = inputs[inputs.length - 1].value;
    text = text.trim();
    if (text) return interpolate(gettext("「%s」"), [text.length > 24 ? text.slice(0, 24) + "…" : text]);
    return interpolate(gettext("%s行目"), [index + 1]);
  }

  function renumber(group) {
    var n = 0;
    rows(group).forEach(function (row) {
      var position = row.querySelector("td.field-position input");
      if (!position) return;
      position.value = hasContent(row) ? String((n += 1)) : "";
      var number = row.querySelector(".ordering-number");
      if (number) number.textContent = position.value || "–";
    });
    renumberLabels(group);
  }

  // Labels and disabled states only: positions change when something moves.
  function renumberLabels(group) {
    var list = rows(group);
    list.forEach(function (row, i) {
      var up = row.querySelector(".ordering-move--up");
      var down = row.querySelector(".ordering-move--down");
      if (up) {
        up.disabled = i === 0;
        up.setAttribute("aria-label", interpolate(gettext("%sを上へ移動"), [describe(row, i)]));
      }
      if (down) {
        down.disabled = i === list.length - 1;
        down.setAttribute("aria-label", interpolate(gettext("%sを下へ移動"), [describe(row, i)]));
      }
    });
  }

  // A row starts at its error line, if the server put one above it.
  function start(row) {
    var errors = row.previousElementSibling;
    return errors && errors.classList.contains("row-form-errors") ? errors : row;
  }

  function announce(group, row) {
    var index = rows(group).indexOf(row);
    var live = group.querySelector(".ordering-live");
    if (live) {
      live.textContent = interpolate(gettext("%sを%s番目に移動しました。"), [describe(row, index), index + 1]);
    }
  }

  function moveRow(row, before) {
    var errors = row.previousElementSibling;
    var parent = row.parentNode;
    parent.insertBefore(row, before);
    if (errors && errors.classList.contains("row-form-errors")) parent.insertBefore(errors, row);
  }

  function button(className, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    return b;
  }

  function decorate(row) {
    var cell = row.querySelector("td.field-position");
    if (!cell || cell.querySelector(".ordering-controls")) return;
    var controls = document.createElement("span");
    controls.className = "ordering-controls";
    var number = document.createElement("span");
    number.className = "ordering-number";
    number.setAttribute("aria-hidden", "true");
    var position = cell.querySelector("input");
    number.textContent = (position && position.value) || "–";
    if (position) position.tabIndex = -1;
    var handle = button("ordering-handle", "⠿");
    handle.tabIndex = -1; // the buttons are the keyboard way; the handle is for pointers
    handle.setAttribute("aria-hidden", "true");
    handle.title = gettext("ドラッグして並べ替え");
    controls.append(number, handle, button("ordering-move ordering-move--up", "↑"),
      button("ordering-move ordering-move--down", "↓"));
    cell.appendChild(controls);
  }

  function enable(group) {
    group.classList.add("ordering-enabled");
    var fieldset = group.querySelector("fieldset");
    var live = document.createElement("p");
    live.className = "ordering-live visually-hidden";
    live.setAttribute("aria-live", "polite");
    fieldset.appendChild(live);
    group.querySelectorAll("tr.form-row").forEach(decorate);
    renumberLabels(group);
    group.dataset.reordered = "";

    // Buttons are named after their row's text: keep the names current.
    group.addEventListener("change", function () { renumberLabels(group); });
    group.addEventListener("input", function () { renumberLabels(group); });

    group.addEventListener("click", function (event) {
      var b = event.target.closest(".ordering-move");
      if (!b || b.disabled) return;
      var row = b.closest("tr");
      var list = rows(group);
      var i = list.indexOf(row);
      var up = b.classList.contains("ordering-move--up");
      if (up && i > 0) moveRow(row, start(list[i - 1]));
      else if (!up && i < list.length - 1) moveRow(row, list[i + 1].nextSibling);
      else return;
      group.dataset.reordered = "1";
      renumber(group);
      if (b.disabled) row.querySelector(up ? ".ordering-move--down" : ".ordering-move--up").focus();
      else b.focus();
      announce(group, row);
    });

    group.addEventListener("pointerdown", function (event) {
      var handle = event.target.closest(".ordering-handle");
      if (!handle || event.button !== 0) return;
      event.preventDefault();
      var row = handle.closest("tr");
      var moved = false;
      row.classList.add("ordering-dragging");
      // Listen on the document, not with pointer capture: moving the row in
      // the DOM would release a capture and lose the pointerup.

      function onMove(e) {
        if (e.pointerId !== event.pointerId) return;
        var list = rows(group).filter(function (r) { return r !== row; });
        if (!list.length) return;
        var before = null;
        for (var k = 0; k < list.length; k++) {
          var box = list[k].getBoundingClientRect();
          if (e.clientY < box.top + box.height / 2) { before = list[k]; break; }
        }
        var target = before ? start(before) : list[list.length - 1].nextSibling;
        if (target !== row && target !== row.nextSibling) {
          moveRow(row, target);
          moved = true;
        }
      }
      function onUp() {
        document.removeEventListener("pointermove", onMove);
        document.removeEventListener("pointerup", onUp);
        document.removeEventListener("pointercancel", onUp);
        row.classList.remove("ordering-dragging");
        if (moved) {
          group.dataset.reordered = "1";
          renumber(group);
          announce(group, row);
        }
      }
      document.addEventListener("pointermove", onMove);
      document.addEventListener("pointerup", onUp);
      document.addEventListener("pointercancel", onUp);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var groups = [];
    document.querySelectorAll(".js-inline-admin-formset").forEach(function (group) {
      if (group.querySelector("fieldset.ordered-inline")) { enable(group); groups.push(group); }
    });
    document.addEventListener("formset:added", function (event) {
      var group = event.target.closest(".js-inline-admin-formset");
      if (group && groups.indexOf(group) !== -1) {
        decorate(event.target);
        // A new row goes where it is shown: last, unless moved.
        if (group.dataset.reordered) renumber(group); else renumberLabels(group);
      }
    });
    document.addEventListener("formset:removed", function () {
      groups.forEach(function (g) { if (g.dataset.reordered) renumber(g); else renumberLabels(g); });
    });
    var form = groups.length && groups[0].closest("form");
    if (form) {
      form.addEventListener("submit", function () {
        groups.forEach(function (g) { if (g.dataset.reordered) renumber(g); });
      });
    }
  });
})();
