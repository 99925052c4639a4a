// The shared i18n helper (summaries/static/summaries/js/i18n.js): Django's
// JavaScript catalogue when the page has loaded it, the Japanese source if not.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import {
  gettext,
  interpolate,
  ngettext,
} from "../../summaries/static/summaries/js/i18n.js";

afterEach(() => {
  delete globalThis.gettext;
  delete globalThis.ngettext;
  delete globalThis.interpolate;
});

test("without a catalogue the source text stays as it is", () => {
  assert.equal(gettext("選択中のタグ"), "選択中のタグ");
  assert.equal(ngettext("%s件", "%s件たち", 1), "%s件");
  assert.equal(ngettext("%s件", "%s件たち", 2), "%s件たち");
  assert.equal(
    interpolate("%sを%s番目に移動しました。", ["「要点1」", 3]),
    "「要点1」を3番目に移動しました。",
  );
});

test("with Django's catalogue its translations are used, looked up on each call", () => {
  globalThis.gettext = (text) => ({ 選択中のタグ: "Chosen tags" })[text] ?? text;
  globalThis.ngettext = (one, many, n) => (n === 1 ? "%s talk" : "%s talks");
  globalThis.interpolate = (format, values) => `${format}|${values.join(",")}`;
  assert.equal(gettext("選択中のタグ"), "Chosen tags");
  assert.equal(ngettext("%s件", "%s件", 2), "%s talks");
  assert.equal(interpolate("%s行目", [3]), "%s行目|3");
});
