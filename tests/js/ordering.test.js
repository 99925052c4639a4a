// The ordering widget's decisions (summaries/static/summaries/js/ordering-model.js):
// the rows' positions, where a moved or dropped row goes, what is announced.
import assert from "node:assert/strict";
import { test } from "node:test";

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
} from "../../summaries/static/summaries/js/ordering-model.js";

// Move the row at `from` the way the 上へ / 下へ buttons would.
function press(rows, from, direction) {
  const to = neighbour(from, rows.length, direction);
  assert.notEqual(to, -1, `row ${from} cannot move ${direction}`);
  const moved = [...rows];
  moved.splice(to, 0, ...moved.splice(from, 1));
  return { rows: moved, to };
}

test("positions number the rows shown and skip empty ones", () => {
  assert.deepEqual(positions([true, true, true]), ["1", "2", "3"]);
  assert.deepEqual(positions([true, false, true, false]), ["1", "", "2", ""]);
  assert.deepEqual(positions([]), []);
});

test("a row counts once it exists or something is typed into it", () => {
  const field = (name, value, type = "text") => ({ name, value, type });
  assert.equal(isFilled("7", []), true);
  assert.equal(isFilled("", [field("takeaways-2-text", "  ")]), false);
  assert.equal(isFilled("", [field("takeaways-2-text", "新しい要点")]), true);
  // Its own position, hidden fields and the delete box do not make it count.
  assert.equal(isFilled(undefined, [field("takeaways-2-position", "3")]), false);
  assert.equal(isFilled("", [field("takeaways-2-talk", "1", "hidden")]), false);
  assert.equal(isFilled("", [field("takeaways-2-DELETE", "on", "checkbox")]), false);
});

test("a row is named by its text, cut at 24 characters, or by its number", () => {
  assert.equal(rowName("  要点1 ", 0), "「要点1」");
  assert.equal(
    rowName("行政のデジタル改革を語る講演の要約を、日本語で読み、探す", 4),
    "「行政のデジタル改革を語る講演の要約を、日本語で読…」",
  );
  assert.equal(rowName("   ", 2), "3行目");
});

test("the buttons are named after their row", () => {
  assert.equal(moveLabel("「要点1」", UP), "「要点1」を上へ移動");
  assert.equal(moveLabel("「要点1」", DOWN), "「要点1」を下へ移動");
});

test("the first row cannot go up, nor the last one down", () => {
  assert.equal(canMove(0, 3, UP), false);
  assert.equal(canMove(0, 3, DOWN), true);
  assert.equal(canMove(2, 3, DOWN), false);
  assert.equal(canMove(2, 3, UP), true);
  assert.equal(neighbour(0, 3, UP), -1);
  assert.equal(neighbour(2, 3, DOWN), -1);
  assert.equal(canMove(0, 1, UP) || canMove(0, 1, DOWN), false);
});

test("moving the first takeaway down twice renumbers and announces it", () => {
  let rows = ["要点1", "要点2", "要点3"];
  let to;
  ({ rows, to } = press(rows, 0, DOWN));
  assert.deepEqual(rows, ["要点2", "要点1", "要点3"]);
  ({ rows, to } = press(rows, to, DOWN));
  assert.deepEqual(rows, ["要点2", "要点3", "要点1"]);
  assert.equal(to, 2);
  assert.deepEqual(positions(rows.map(Boolean)), ["1", "2", "3"]);
  assert.equal(
    announcement(rowName(rows[to], to), to),
    "「要点1」を3番目に移動しました。",
  );
  // At the bottom now: only 上へ is left.
  assert.equal(canMove(to, rows.length, DOWN), false);
  assert.equal(canMove(to, rows.length, UP), true);
});

test("a new empty row moved up keeps no position until it is filled", () => {
  const { rows, to } = press(["要点1", "要点2", ""], 2, UP);
  assert.deepEqual(rows, ["要点1", "", "要点2"]);
  assert.deepEqual(positions(rows.map(Boolean)), ["1", "", "2"]);
  assert.equal(announcement(rowName(rows[to], to), to), "2行目を2番目に移動しました。");
  // Typed into where it is shown, it takes that place.
  rows[to] = "新しい要点";
  assert.deepEqual(positions(rows.map(Boolean)), ["1", "2", "3"]);
});

test("a dragged row lands before the first row whose middle is below the pointer", () => {
  const middles = [20, 60, 100]; // the other rows, top to bottom
  assert.equal(dropIndex(middles, 5), 0);
  assert.equal(dropIndex(middles, 59), 1);
  assert.equal(dropIndex(middles, 60), 2); // on the middle: not above it
  assert.equal(dropIndex(middles, 140), 3); // below them all: last
  assert.equal(dropIndex([], 10), 0);
});
