// The 「提案」 panel's rules (summaries/static/summaries/js/suggestions-model.js):
// what a click on a suggested tag, keyword or highlight does to the form.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  hasLine,
  hasTag,
  isApplied,
  withLine,
  withTag,
} from "../../summaries/static/summaries/js/suggestions-model.js";

test("a keyword becomes the last line of the text area", () => {
  assert.deepEqual(withLine("防災\n窓口", "デジタル人材"), {
    text: "防災\n窓口\nデジタル人材",
    added: true,
  });
  assert.deepEqual(withLine("防災\n\n", "窓口"), { text: "防災\n窓口", added: true });
  assert.deepEqual(withLine("", "窓口"), { text: "窓口", added: true });
  assert.deepEqual(withLine("  \n", "窓口"), { text: "窓口", added: true });
});

test("a line the text area holds already is not added twice", () => {
  const text = "0:12 はじめに\r\n1:02:05  窓口を  一つにしました";
  assert.deepEqual(withLine(text, "1:02:05 窓口を 一つにしました"), {
    text,
    added: false,
  });
  assert.ok(hasLine("ＤＸ\n防災", "dx"));
  assert.ok(!hasLine("防災訓練", "防災"));
  assert.deepEqual(withLine("防災", "  "), { text: "防災", added: false });
});

test("a tag joins the tags once, in any spelling", () => {
  assert.deepEqual(withTag("防災、窓口", "DX"), { value: "防災、窓口、DX", added: true });
  assert.deepEqual(withTag("", "DX"), { value: "DX", added: true });
  assert.deepEqual(withTag("防災、ＤＸ", "dx"), { value: "防災、ＤＸ", added: false });
  assert.ok(hasTag("防災,窓口", "窓口"));
  assert.ok(!hasTag("防災訓練", "防災"));
});

test("suggestions already in the form start as added", () => {
  assert.ok(isApplied("tags", "防災、窓口", "窓口"));
  assert.ok(!isApplied("tags", "防災", "窓口"));
  assert.ok(isApplied("keywords", "防災\n窓口", "窓口"));
  assert.ok(isApplied("highlights", "1:05 窓口を一つに", "1:05 窓口を一つに"));
  assert.ok(!isApplied("highlights", "1:05 窓口を一つに", "1:06 窓口を一つに"));
});
