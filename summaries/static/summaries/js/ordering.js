/* Reorder the rows of an ordered inline (takeaways, Q&A, outline…) by dragging
   a handle or with the 上へ / 下へ buttons (WCAG 2.2, 2.5.7: a way without
   dragging). The position inputs are kept, visually hidden, and renumbered
   1, 2, 3… in the order shown; without this script they stay typeable.
   The decisions (positions, names, where a row lands) are in ordering-model.js;
   this file reads and changes the admin's table. */

import { gettext } from "./i18n.js";
import {
  DOWN,
  UP,
  announcement,
  canMove,
  dropIndex,
  isFilled,
  moveLabel,
  neighbour,
  positions,
  rowName,
} from "./ordering-model.js";

const ROW = "tr.form-row:not(.empty-form)";
const MOVE_BUTTON = { [UP]: "ordering-move--up", [DOWN]: "ordering-move--down" };
// The cells that hold a row's text, not its controls.
const TEXT_CELL = "td:not(.field-position):not(.original):not(.delete)";

function positionInput(row) {
  return row.querySelector("td.field-position input");
}

function hasContent(row) {
  const id = row.querySelector('input[name$="-id"]');
  return isFilled(id?.value, [...row.querySelectorAll("input, textarea, select")]);
}

// A takeaway's text rather than its emoji, a chapter's title rather than its
// time, a speaker's name.
function mainText(row) {
  const area = row.querySelector(`${TEXT_CELL} textarea`);
  const select = row.querySelector(`${TEXT_CELL} select`);
  const inputs = row.querySelectorAll(`${TEXT_CELL} input[type="text"]`);
  if (area) {
    return area.value;
  }
  if (select && select.selectedIndex >= 0) {
    return select.options[select.selectedIndex].text;
  }
  return inputs.length ? inputs[inputs.length - 1].value : "";
}

// A row starts at its error line, if the server put one above it.
function start(row) {
  const errors = row.previousElementSibling;
  return errors?.classList.contains("row-form-errors") ? errors : row;
}

function moveRow(row, before) {
  const errors = row.previousElementSibling;
  const parent = row.parentNode;
  parent.insertBefore(row, before);
  if (errors?.classList.contains("row-form-errors")) {
    parent.insertBefore(errors, row);
  }
}

function button(className, text) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = text;
  return element;
}

function decorate(row) {
  const cell = row.querySelector("td.field-position");
  if (!cell || cell.querySelector(".ordering-controls")) {
    return;
  }
  const position = cell.querySelector("input");
  const number = document.createElement("span");
  number.className = "ordering-number";
  number.setAttribute("aria-hidden", "true");
  number.textContent = position?.value || "–";
  if (position) {
    position.tabIndex = -1;
  }
  const handle = button("ordering-handle", "⠿");
  handle.tabIndex = -1; // the buttons are the keyboard way; the handle is for pointers
  handle.setAttribute("aria-hidden", "true");
  handle.title = gettext("ドラッグして並べ替え");
  const controls = document.createElement("span");
  controls.className = "ordering-controls";
  controls.append(
    number,
    handle,
    button(`ordering-move ${MOVE_BUTTON[UP]}`, "↑"),
    button(`ordering-move ${MOVE_BUTTON[DOWN]}`, "↓"),
  );
  cell.appendChild(controls);
}

class OrderedInline {
  constructor(group) {
    this.group = group;
    // Positions are rewritten only once the editor has moved something.
    this.reordered = false;
    group.classList.add("ordering-enabled");
    this.live = document.createElement("p");
    this.live.className = "ordering-live visually-hidden";
    this.live.setAttribute("aria-live", "polite");
    group.querySelector("fieldset").appendChild(this.live);
    group.querySelectorAll("tr.form-row").forEach(decorate);
    this.renumberLabels();

    // Buttons are named after their row's text: keep the names current.
    group.addEventListener("change", () => this.renumberLabels());
    group.addEventListener("input", () => this.renumberLabels());
    group.addEventListener("click", (event) => this.onClick(event));
    group.addEventListener("pointerdown", (event) => this.onPointerDown(event));
  }

  rows() {
    return [...this.group.querySelectorAll(ROW)].filter(
      (row) => row.closest(".js-inline-admin-formset") === this.group,
    );
  }

  // After rows are added or removed: positions follow what is shown, once
  // the editor has reordered; otherwise a new row goes last, as typed.
  refresh() {
    if (this.reordered) {
      this.renumber();
    } else {
      this.renumberLabels();
    }
  }

  renumber() {
    const numbered = this.rows().filter(positionInput);
    const values = positions(numbered.map(hasContent));
    numbered.forEach((row, index) => {
      positionInput(row).value = values[index];
      const number = row.querySelector(".ordering-number");
      if (number) {
        number.textContent = values[index] || "–";
      }
    });
    this.renumberLabels();
  }

  // Labels and disabled states only: positions change when something moves.
  renumberLabels() {
    const rows = this.rows();
    rows.forEach((row, index) => {
      const name = rowName(mainText(row), index);
      for (const direction of [UP, DOWN]) {
        const control = row.querySelector(`.${MOVE_BUTTON[direction]}`);
        if (control) {
          control.disabled = !canMove(index, rows.length, direction);
          control.setAttribute("aria-label", moveLabel(name, direction));
        }
      }
    });
  }

  moved() {
    this.reordered = true;
    this.renumber();
  }

  announce(row) {
    const index = this.rows().indexOf(row);
    this.live.textContent = announcement(rowName(mainText(row), index), index);
  }

  onClick(event) {
    const control = event.target.closest(".ordering-move");
    if (!control || control.disabled) {
      return;
    }
    const row = control.closest("tr");
    const rows = this.rows();
    const direction = control.classList.contains(MOVE_BUTTON[UP]) ? UP : DOWN;
    const to = neighbour(rows.indexOf(row), rows.length, direction);
    if (to === -1) {
      return;
    }
    moveRow(row, direction === UP ? start(rows[to]) : rows[to].nextSibling);
    this.moved();
    // At the end now, this button is disabled: focus goes to the other one.
    const other = direction === UP ? DOWN : UP;
    const focus = control.disabled ? row.querySelector(`.${MOVE_BUTTON[other]}`) : control;
    focus.focus();
    this.announce(row);
  }

  onPointerDown(event) {
    const handle = event.target.closest(".ordering-handle");
    if (!handle || event.button !== 0) {
      return;
    }
    event.preventDefault();
    const row = handle.closest("tr");
    let dragged = false;
    row.classList.add("ordering-dragging");

    const onMove = (moveEvent) => {
      if (moveEvent.pointerId !== event.pointerId) {
        return;
      }
      const others = this.rows().filter((other) => other !== row);
      if (!others.length) {
        return;
      }
      const middles = others.map((other) => {
        const box = other.getBoundingClientRect();
        return box.top + box.height / 2;
      });
      const index = dropIndex(middles, moveEvent.clientY);
      const target =
        index < others.length ? start(others[index]) : others.at(-1).nextSibling;
      if (target !== row && target !== row.nextSibling) {
        moveRow(row, target);
        dragged = true;
      }
    };
    const onUp = () => {
      document.removeEventListener("pointermove", onMove);
      document.removeEventListener("pointerup", onUp);
      document.removeEventListener("pointercancel", onUp);
      row.classList.remove("ordering-dragging");
      if (dragged) {
        this.moved();
        this.announce(row);
      }
    };
    // Listen on the document, not with pointer capture: moving the row in the
    // DOM would release a capture and lose the pointerup.
    document.addEventListener("pointermove", onMove);
    document.addEventListener("pointerup", onUp);
    document.addEventListener("pointercancel", onUp);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const inlines = new Map();
  for (const group of document.querySelectorAll(".js-inline-admin-formset")) {
    if (group.querySelector("fieldset.ordered-inline")) {
      inlines.set(group, new OrderedInline(group));
    }
  }
  document.addEventListener("formset:added", (event) => {
    const inline = inlines.get(event.target.closest(".js-inline-admin-formset"));
    if (inline) {
      decorate(event.target);
      inline.refresh();
    }
  });
  document.addEventListener("formset:removed", () => {
    inlines.forEach((inline) => inline.refresh());
  });
  const form = inlines.keys().next().value?.closest("form");
  form?.addEventListener("submit", () => {
    inlines.forEach((inline) => {
      if (inline.reordered) {
        inline.renumber();
      }
    });
  });
});
