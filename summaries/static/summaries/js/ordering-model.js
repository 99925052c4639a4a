/* What the ordering widget decides, without a page: which position each row
   gets, where a moved or dropped row goes, and what the buttons and the
   announcements say. ordering.js applies it to the admin's inline rows; the
   node tests (tests/js/ordering.test.js) call it with plain data. */

import { gettext, interpolate } from "./i18n.js";

export const UP = "up";
export const DOWN = "down";

// A row names itself by its first 24 characters: enough to tell rows apart
// when a screen reader reads a button's name.
const NAME_LENGTH = 24;

/* Whether a row will be saved: it exists already (it has an id) or something
   was typed into it. `fields` are the row's inputs, or objects with the same
   name, type and value. The position itself does not count. */
export function isFilled(id, fields) {
  if (id) {
    return true;
  }
  return fields.some(
    (field) =>
      field.type !== "hidden" &&
      field.type !== "checkbox" &&
      !/-position$/.test(field.name) &&
      field.value.trim() !== "",
  );
}

/* The positions, 1, 2, 3… in the order shown; an empty row gets none (""), so
   an added row nobody filled in is not saved. */
export function positions(filled) {
  let next = 0;
  return filled.map((isFilledRow) => (isFilledRow ? String(++next) : ""));
}

/* What a row is called in button names and announcements: its main text in
   quotes, or "row 3" when it has none yet. */
export function rowName(text, index) {
  const trimmed = text.trim();
  if (!trimmed) {
    return interpolate(gettext("%s行目"), [index + 1]);
  }
  const shown =
    trimmed.length > NAME_LENGTH ? `${trimmed.slice(0, NAME_LENGTH)}…` : trimmed;
  return interpolate(gettext("「%s」"), [shown]);
}

export function moveLabel(name, direction) {
  return direction === UP
    ? interpolate(gettext("%sを上へ移動"), [name])
    : interpolate(gettext("%sを下へ移動"), [name]);
}

// The first row cannot go up, nor the last one down.
export function canMove(index, count, direction) {
  return direction === UP ? index > 0 : index < count - 1;
}

/* The index a row moves to with 上へ / 下へ (the neighbour it swaps with), or
   -1 when it is already at that end. */
export function neighbour(index, count, direction) {
  if (!canMove(index, count, direction)) {
    return -1;
  }
  return direction === UP ? index - 1 : index + 1;
}

/* Where a dragged row lands: before the first of the other rows whose middle
   is below the pointer, or after them all (the length of `middles`). */
export function dropIndex(middles, pointerY) {
  const index = middles.findIndex((middle) => pointerY < middle);
  return index === -1 ? middles.length : index;
}

export function announcement(name, index) {
  return interpolate(gettext("%sを%s番目に移動しました。"), [name, index + 1]);
}
