/* What the 「提案」 panel does to the form, without a page: a suggested tag
   goes into the tags' value (one per folded spelling, as the tag input
   keeps them), a keyword or an `H:MM:SS text` highlight becomes a new last
   line of its text area unless that line is there already. suggestions.js
   draws the panel; the node tests (tests/js/suggestions.test.js) call these
   with plain data. */

import { TagList, clean, fold } from "./tag-input-model.js";

const LINES = /\r\n|\r|\n/;

function same(line) {
  return fold(clean(line));
}

// Whether the text area holds the line already (spaces and width aside).
export function hasLine(text, line) {
  const wanted = same(line);
  return text.split(LINES).some((held) => same(held) === wanted);
}

/* The text area's text with the line added at the end: {text, added}. A line
   there already, or an empty one, leaves the text as it was. */
export function withLine(text, line) {
  const added = clean(line);
  if (!added || hasLine(text, added)) {
    return { text, added: false };
  }
  if (!text.trim()) {
    return { text: added, added: true };
  }
  const kept = text.replace(/[\r\n]+$/, "");
  return { text: `${kept}\n${added}`, added: true };
}

// Whether the tags' value (「防災、窓口」) holds the tag in some spelling.
export function hasTag(value, name) {
  return new TagList(value).has(name);
}

// The tags' value with the tag added: {value, added}.
export function withTag(value, name) {
  const tags = new TagList(value);
  const result = tags.add(name);
  return { value: tags.value(), added: Boolean(result && result.added) };
}

// Whether a suggestion is in the form already, so its button starts pressed.
export function isApplied(kind, form, value) {
  return kind === "tags" ? hasTag(form, value) : hasLine(form, value);
}
