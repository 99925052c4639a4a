// The tag input's rules (summaries/static/summaries/js/tag-input-model.js):
// splitting typed and pasted text, one tag per folded spelling, the keys
// during an IME conversion, the value the server receives.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  TagList,
  clean,
  fold,
  isComposing,
  keyAction,
  pastedNames,
  splitEntry,
} from "../../summaries/static/summaries/js/tag-input-model.js";

const idle = { composing: false, open: false, active: -1, entry: "", tags: 0 };

test("the stored value becomes the starting tags", () => {
  assert.deepEqual(new TagList("防災、窓口").names, ["防災", "窓口"]);
  assert.deepEqual(new TagList("").names, []);
  assert.deepEqual(new TagList(" DX ,, GovTech  東京;").names, ["DX", "GovTech 東京"]);
});

test("a pasted list with 、 commas and line breaks becomes one tag each", () => {
  assert.deepEqual(pastedNames("", "市民ニーズ,デジタル庁\nKPI"), [
    "市民ニーズ",
    "デジタル庁",
    "KPI",
  ]);
  assert.deepEqual(pastedNames("防", "災、窓口，ＤＸ；自治体\r\n"), [
    "防災",
    "窓口",
    "ＤＸ",
    "自治体",
    "",
  ]);
  // Without a separator a paste is ordinary typing.
  assert.equal(pastedNames("", "東京都"), null);

  const tags = new TagList();
  for (const name of pastedNames("", "防災、 窓口 ,防災,,")) {
    tags.add(name);
  }
  assert.deepEqual(tags.names, ["防災", "窓口"]);
});

test("typing confirms each part a separator ends and keeps the rest", () => {
  assert.deepEqual(splitEntry("窓口、"), { names: ["窓口"], rest: "" });
  assert.deepEqual(splitEntry("窓口、 防"), { names: ["窓口"], rest: "防" });
  assert.deepEqual(splitEntry("GovTech 東京"), { names: [], rest: "GovTech 東京" });
  assert.deepEqual(splitEntry("a,b;c"), { names: ["a", "b"], rest: "c" });
});

test("spellings that fold together are one tag; the first one stays", () => {
  assert.equal(fold("ＤＸ"), "dx");
  assert.equal(clean("  GovTech   東京 "), "GovTech 東京");
  const tags = new TagList("DX");
  assert.deepEqual(tags.add("ｄｘ"), { name: "ｄｘ", added: false });
  assert.deepEqual(tags.add("dx"), { name: "dx", added: false });
  assert.deepEqual(tags.add("   "), null);
  assert.deepEqual(tags.add(" 防災 "), { name: "防災", added: true });
  assert.deepEqual(tags.names, ["DX", "防災"]);
});

test("a variant of a suggested tag is added as the tag is stored", () => {
  const tags = new TagList("防災");
  const shown = tags.suggestions([
    { name: "DX", count: 1 },
    { name: "防災", count: 4 },
  ]);
  assert.deepEqual(shown, [{ name: "DX", count: 1 }]); // 防災 is chosen already
  assert.deepEqual(tags.add("ｄｘ"), { name: "DX", added: true });
  assert.deepEqual(tags.names, ["防災", "DX"]);
});

test("removing a tag gives its name back", () => {
  const tags = new TagList("防災、窓口、DX");
  assert.equal(tags.remove(1), "窓口");
  assert.deepEqual(tags.names, ["防災", "DX"]);
  assert.equal(tags.length, 2);
});

test("the server receives the tags, and what is still typed", () => {
  const tags = new TagList("防災、窓口");
  assert.equal(tags.value(), "防災、窓口");
  assert.equal(tags.value("  東京  都 "), "防災、窓口、東京 都");
  assert.equal(new TagList().value(""), "");
});

test("an Enter that confirms an IME conversion adds no half-typed tag", () => {
  const typing = { ...idle, entry: "とうきょ" };
  // Chromium: keydown during composition carries isComposing and keyCode 229.
  assert.equal(keyAction({ key: "Enter", isComposing: true, keyCode: 229 }, typing), null);
  // Safari sends keyCode 229 alone; some send neither, between the
  // compositionstart and compositionend the entry saw.
  assert.equal(keyAction({ key: "Enter", keyCode: 229 }, typing), null);
  assert.equal(keyAction({ key: "Enter" }, { ...typing, composing: true }), null);
  assert.equal(isComposing({ isComposing: false }, false), false);
  // The half-typed reading is not sent either, while the IME converts it.
  const tags = new TagList("防災");
  assert.equal(tags.value("とうきょ", true), "防災");
  // After compositionend the same Enter confirms the converted tag.
  assert.equal(keyAction({ key: "Enter" }, { ...idle, entry: "東京都" }), "confirm");
  assert.equal(tags.value("東京都", false), "防災、東京都");
});

test("keys: Enter chooses the highlighted suggestion, arrows move, Escape closes", () => {
  const open = { ...idle, open: true, entry: "d", tags: 1 };
  assert.equal(keyAction({ key: "Enter" }, { ...open, active: 0 }), "choose");
  assert.equal(keyAction({ key: "Enter" }, open), "confirm");
  assert.equal(keyAction({ key: "ArrowDown" }, open), "next");
  assert.equal(keyAction({ key: "ArrowUp" }, open), "previous");
  assert.equal(keyAction({ key: "Escape" }, open), "close");
  // With the list closed the arrows and Escape keep their usual meaning,
  // and an Enter on an empty entry submits the form.
  assert.equal(keyAction({ key: "ArrowDown" }, idle), null);
  assert.equal(keyAction({ key: "Escape" }, idle), null);
  assert.equal(keyAction({ key: "Enter" }, { ...idle, entry: "  " }), null);
  assert.equal(keyAction({ key: "a" }, open), null);
});

test("Backspace on an empty entry removes the last tag, and only then", () => {
  assert.equal(keyAction({ key: "Backspace" }, { ...idle, tags: 2 }), "remove-last");
  assert.equal(keyAction({ key: "Backspace" }, { ...idle, tags: 0 }), null);
  assert.equal(keyAction({ key: "Backspace" }, { ...idle, entry: "防", tags: 2 }), null);
});
