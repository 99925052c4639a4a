import assert from "node:assert/strict";
import { test } from "node:test";

import { describe } from "../../summaries/static/summaries/js/presence-model.js";

test("alone and nothing saved since: nothing to say", () => {
  assert.deepEqual(describe({ others: [], saved: [], submitted: [], stale: false }), []);
});

test("someone else has the form open", () => {
  const lines = describe({
    others: [{ who: "佐藤", since: "2026-01-02T03:04:00+00:00" }],
    saved: [],
    stale: false,
  });
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^佐藤さんもこの講演を編集画面で開いています（\d\d:04 から）。$/);
});

test("someone saved since the form was opened: who, and reload advice", () => {
  const lines = describe({
    others: [],
    saved: [{ who: "鈴木", when: "2026-01-02T03:05:00+00:00" }],
    stale: true,
  });
  assert.match(lines[0], /^鈴木さんが \d\d:05 に保存しました。$/);
  assert.equal(lines.at(-1), "保存する前に画面を読み込み直すと、最新の内容から編集できます。");
});

test("a submission since opening is told too", () => {
  const lines = describe({
    submitted: [{ who: "田中", when: "2026-01-02T03:06:00+00:00" }],
  });
  assert.match(lines[0], /^田中さんが \d\d:06 に変更をレビューに提出しました。$/);
});
