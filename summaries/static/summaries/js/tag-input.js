/* The tag input: one token per tag, suggestions of existing tags as you type.
   、 ， , ; or Enter confirm a tag; a pasted list becomes several tags; and an
   Enter that confirms a Japanese IME conversion only confirms the conversion
   (compositionstart/compositionend and event.isComposing are respected).
   The original text input stays the submitted field (as a hidden input with
   the same name), kept in sync as 「防災、窓口」, so the server reads the same
   thing with or without this script. ARIA 1.2 combobox pattern.
   The rules (splitting, one tag per spelling, keys) are in tag-input-model.js;
   this file draws them and listens to the entry. */

import { gettext, interpolate, ngettext } from "./i18n.js";
import {
  TagList,
  isComposing,
  keyAction,
  pastedNames,
  splitEntry,
} from "./tag-input-model.js";

// Suggestions wait for a pause in typing; the list closes a moment after the
// entry loses focus, so that a click on a suggestion still lands.
const DELAY = 150;

let fields = 0;

function element(tag, className, attributes = {}) {
  const made = document.createElement(tag);
  made.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    made.setAttribute(name, value);
  }
  return made;
}

class TagField {
  constructor(original) {
    fields += 1;
    const base = original.id || `tag-input-${fields}`;
    this.original = original;
    this.url = original.dataset.suggestUrl;
    this.tags = new TagList(original.value);
    this.options = [];
    this.active = -1;
    this.composing = false;

    this.root = element("div", "tag-field");
    this.list = element("ul", "tag-field__tokens", {
      "aria-label": gettext("選択中のタグ"),
    });
    const hint = element("span", "visually-hidden", { id: `${base}-hint` });
    hint.textContent = gettext(
      "読点かカンマ、Enter でタグを確定します。Backspace で最後のタグを外します。",
    );
    this.listbox = element("ul", "tag-field__listbox", {
      id: `${base}-listbox`,
      role: "listbox",
      "aria-label": gettext("既存のタグの候補"),
    });
    this.listbox.hidden = true;
    const describedBy = original.getAttribute("aria-describedby");
    this.entry = element("input", "tag-field__entry", {
      type: "text",
      id: base, // the form's <label for> now names the entry
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": this.listbox.id,
      "aria-describedby": describedBy ? `${describedBy} ${hint.id}` : hint.id,
      autocomplete: "off",
      enterkeyhint: "done",
    });
    this.live = element("p", "visually-hidden", { "aria-live": "polite" });

    original.type = "hidden";
    original.id = `${base}-value`;
    original.removeAttribute("aria-describedby");
    original.parentNode.insertBefore(this.root, original);
    this.root.append(this.list, this.entry, this.listbox, hint, this.live, original);
    this.render();
    this.sync();
    this.listen();
  }

  listen() {
    this.entry.addEventListener("compositionstart", () => {
      this.composing = true;
    });
    this.entry.addEventListener("compositionend", () => {
      this.composing = false;
      this.confirmComplete(); // an IME may type 、 itself
      this.sync();
    });
    this.entry.addEventListener("keydown", (event) => this.onKey(event));
    // A tag from elsewhere on the page (the 「提案」 panel, suggestions.js).
    this.original.addEventListener("tag-input:add", (event) => {
      event.preventDefault();
      this.add(event.detail.name);
      this.sync();
    });
    this.entry.addEventListener("input", (event) => {
      if (!isComposing(event, this.composing)) {
        this.confirmComplete();
      }
      this.sync();
      this.suggest();
    });
    this.entry.addEventListener("paste", (event) => {
      const names = pastedNames(this.entry.value, event.clipboardData.getData("text"));
      if (!names) {
        return;
      }
      event.preventDefault();
      names.forEach((name) => this.add(name));
      this.entry.value = "";
      this.close();
      this.sync();
    });
    this.entry.addEventListener("blur", () => {
      setTimeout(() => this.close(), DELAY);
    });
    this.list.addEventListener("click", (event) => {
      const remove = event.target.closest(".tag-field__remove");
      if (remove) {
        this.remove(Number(remove.dataset.index));
      }
    });
    this.listbox.addEventListener("mousedown", (event) => {
      event.preventDefault(); // keep focus in the entry
      const option = event.target.closest("[role=option]");
      if (option) {
        this.choose(Number(option.dataset.index));
      }
    });
  }

  onKey(event) {
    const count = this.options.length;
    const action = keyAction(event, {
      composing: this.composing,
      open: !this.listbox.hidden && count > 0,
      active: this.active,
      entry: this.entry.value,
      tags: this.tags.length,
    });
    switch (action) {
      case "choose":
        event.preventDefault();
        this.choose(this.active);
        break;
      case "confirm":
        event.preventDefault(); // confirm the tag, not submit the form
        this.add(this.entry.value);
        this.entry.value = "";
        this.close();
        this.sync();
        break;
      case "next":
        event.preventDefault();
        this.highlight((this.active + 1) % count);
        break;
      case "previous":
        event.preventDefault();
        this.highlight((this.active - 1 + count) % count);
        break;
      case "close":
        event.preventDefault();
        this.close();
        break;
      case "remove-last":
        this.remove(this.tags.length - 1);
        break;
    }
  }

  // Confirm every part of the entry that a separator has ended.
  confirmComplete() {
    const { names, rest } = splitEntry(this.entry.value);
    names.forEach((name) => this.add(name));
    this.entry.value = rest;
    if (names.length) {
      this.close();
    }
  }

  add(text) {
    const result = this.tags.add(text);
    if (!result) {
      return;
    }
    if (result.added) {
      this.render();
      this.say(interpolate(gettext("タグ「%s」を追加しました。"), [result.name]));
    } else {
      this.say(interpolate(gettext("「%s」はもう付いています。"), [result.name]));
    }
  }

  remove(index) {
    const name = this.tags.remove(index);
    this.render();
    this.sync();
    this.entry.focus();
    this.say(interpolate(gettext("タグ「%s」を外しました。"), [name]));
  }

  render() {
    this.list.replaceChildren(
      ...this.tags.names.map((name, index) => {
        const label = document.createElement("span");
        label.textContent = name;
        const remove = element("button", "tag-field__remove", {
          type: "button",
          "data-index": String(index),
          "aria-label": interpolate(gettext("タグ「%s」を外す"), [name]),
        });
        remove.textContent = "×";
        const item = element("li", "tag-field__token");
        item.append(label, remove);
        return item;
      }),
    );
  }

  sync() {
    this.original.value = this.tags.value(this.entry.value, this.composing);
  }

  suggest() {
    const typed = this.entry.value.trim();
    clearTimeout(this.timer);
    if (!typed || !this.url) {
      this.close();
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        const response = await fetch(`${this.url}?q=${encodeURIComponent(typed)}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const data = response.ok ? await response.json() : { results: [] };
        if (this.entry.value.trim() === typed) {
          this.show(data.results); // unless typed on since
        }
      } catch {
        this.close();
      }
    }, DELAY);
  }

  show(results) {
    this.options = this.tags.suggestions(results);
    this.active = -1;
    this.entry.removeAttribute("aria-activedescendant");
    if (!this.options.length) {
      this.listbox.replaceChildren();
      this.close();
      return;
    }
    this.listbox.replaceChildren(
      ...this.options.map(({ name, count }, index) => {
        const option = element("li", "tag-field__option", {
          id: `${this.listbox.id}-${index}`,
          role: "option",
          "aria-selected": "false",
          "data-index": String(index),
        });
        option.textContent = name;
        const figure = element("span", "tag-field__count");
        figure.textContent = interpolate(ngettext("（%s件）", "（%s件）", count), [count]);
        option.appendChild(figure);
        return option;
      }),
    );
    this.listbox.hidden = false;
    this.entry.setAttribute("aria-expanded", "true");
    const shown = this.options.length;
    this.say(
      interpolate(
        ngettext(
          "%s件の候補があります。上下の矢印キーで選べます。",
          "%s件の候補があります。上下の矢印キーで選べます。",
          shown,
        ),
        [shown],
      ),
    );
  }

  highlight(index) {
    this.active = index;
    this.listbox.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
      if (i === index) {
        this.entry.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
  }

  choose(index) {
    const option = this.options[index];
    if (!option) {
      return;
    }
    this.entry.value = "";
    this.add(option.name);
    this.close();
    this.sync();
    this.entry.focus();
  }

  close() {
    this.listbox.hidden = true;
    this.active = -1;
    this.entry.setAttribute("aria-expanded", "false");
    this.entry.removeAttribute("aria-activedescendant");
  }

  say(text) {
    this.live.textContent = text;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document
    .querySelectorAll("input.tag-input[data-suggest-url]")
    .forEach((input) => new TagField(input));
});
