/* The talk form's 「提案」 panel: tags, keywords and highlights suggested
   from the saved talk (summaries/admin/suggestions.py), loaded only when the
   editor presses 「提案を読み込む」. Each suggestion is a button; a click, or
   Enter or Space on it, adds it to the form (a tag to the tag input, a
   keyword or an `H:MM:SS text` highlight as the last line of its text
   area) and marks it added. Nothing is added without that press, and
   nothing is saved until the editor saves the form. The rules are in
   suggestions-model.js. */

import { gettext, interpolate } from "./i18n.js";
import { isApplied, withLine, withTag } from "./suggestions-model.js";

const KINDS = ["tags", "keywords", "highlights"];
// The form field each kind goes into.
const FIELDS = { tags: "tags", keywords: "keywords_lines", highlights: "highlights_lines" };

function addedTo(kind) {
  return {
    tags: gettext("タグ「%s」を追加しました。"),
    keywords: gettext("キーワード「%s」を追加しました。"),
    highlights: gettext("ハイライト「%s」を追加しました。"),
  }[kind];
}

class SuggestionsPanel {
  constructor(root) {
    this.root = root;
    this.url = root.dataset.suggestionsUrl;
    this.form = root.closest("form");
    this.status = root.querySelector(".suggestions__status");
    this.load = root.querySelector(".suggestions__load");
    this.load.addEventListener("click", () => this.fetchAll());
    root.addEventListener("click", (event) => {
      const button = event.target.closest(".suggestions__item");
      if (button) {
        this.apply(button);
      }
    });
  }

  field(kind) {
    return this.form ? this.form.elements.namedItem(FIELDS[kind]) : null;
  }

  async fetchAll() {
    this.load.disabled = true;
    this.say(gettext("提案を読み込んでいます…"));
    const results = await Promise.all(KINDS.map((kind) => this.fetchKind(kind)));
    this.load.disabled = false;
    this.load.textContent = gettext("提案を読み込み直す");
    this.say(
      results.every(Boolean)
        ? gettext("提案を読み込みました。ボタンを押すとフォームに追加します。")
        : gettext("読み込めなかった提案があります。もう一度お試しください。"),
    );
  }

  async fetchKind(kind) {
    const list = this.root.querySelector(`.suggestions__list[data-kind="${kind}"]`);
    if (!list || !this.field(kind)) {
      return true;
    }
    try {
      const response = await fetch(`${this.url}?kind=${kind}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        return false;
      }
      const data = await response.json();
      this.render(list, kind, data.suggestions);
      return true;
    } catch {
      return false;
    }
  }

  render(list, kind, suggestions) {
    if (!suggestions.length) {
      const empty = document.createElement("li");
      empty.textContent = gettext("提案はありません。");
      list.replaceChildren(empty);
      return;
    }
    const current = this.field(kind).value;
    list.replaceChildren(
      ...suggestions.map(({ text, value }) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "suggestions__item";
        button.dataset.kind = kind;
        button.dataset.value = value;
        const label = document.createElement("span");
        label.textContent = kind === "highlights" ? value : text;
        const mark = document.createElement("span");
        mark.className = "suggestions__mark";
        button.append(label, mark);
        this.mark(button, isApplied(kind, current, value));
        const item = document.createElement("li");
        item.append(button);
        return item;
      }),
    );
  }

  mark(button, applied) {
    button.setAttribute("aria-pressed", applied ? "true" : "false");
    button.querySelector(".suggestions__mark").textContent = applied
      ? gettext("（追加済み）")
      : "";
  }

  apply(button) {
    const { kind, value } = button.dataset;
    const field = this.field(kind);
    if (!field || button.getAttribute("aria-pressed") === "true") {
      return;
    }
    if (kind === "tags") {
      // The tag input (tag-input.js) takes it as a token; without that
      // script the plain input's value gets it.
      const event = new CustomEvent("tag-input:add", {
        cancelable: true,
        detail: { name: value },
      });
      if (field.dispatchEvent(event)) {
        field.value = withTag(field.value, value).value;
      }
    } else {
      field.value = withLine(field.value, value).text;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    this.mark(button, true);
    this.say(interpolate(addedTo(kind), [value]));
  }

  say(text) {
    this.status.textContent = text;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document
    .querySelectorAll(".suggestions[data-suggestions-url]")
    .forEach((root) => new SuggestionsPanel(root));
});
