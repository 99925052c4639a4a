/* What the tag input decides, without a page: how typed or pasted text
   becomes tags, which spellings are the same tag, what a key does, and the
   value the server receives. tag-input.js draws it and listens to the entry;
   the node tests (tests/js/tag-input.test.js) call it with plain data. */

// 、 ， , ; ； and line breaks end a tag, as the server's parser splits them
// (summaries/tagging.py).
export const SEPARATORS = /[、，,;；\r\n]+/;

// The submitted value's separator: data for the server, not text to read.
const JOINER = "、";

// DX, dx and ＤＸ are one tag.
export function fold(name) {
  return name.normalize("NFKC").toLowerCase();
}

// Inner runs of spaces become one; spaces at either end go.
export function clean(name) {
  return name.split(/\s+/).filter(Boolean).join(" ");
}

/* The entry's complete parts (each followed by a separator) and the part still
   being typed after the last separator. */
export function splitEntry(text) {
  const names = text.split(SEPARATORS);
  const rest = names.pop();
  return { names, rest: rest.replace(/^\s+/, "") };
}

/* The names a paste adds to what is in the entry, or null when the pasted
   text holds no separator (then it is ordinary typing). Split before the text
   reaches the input: a text input drops line breaks. */
export function pastedNames(entry, pasted) {
  return SEPARATORS.test(pasted) ? (entry + pasted).split(SEPARATORS) : null;
}

/* During an IME conversion the keys belong to the IME: Enter there confirms
   the conversion and must not confirm a half-typed tag. Browsers mark such a
   key with isComposing, older ones with keyCode 229; between compositionstart
   and compositionend the entry knows it is composing. */
export function isComposing(event, composing) {
  return Boolean(event.isComposing || composing || event.keyCode === 229);
}

/* What a key does, given the entry's state: `composing`, whether the list of
   suggestions is `open`, the `active` suggestion (-1 for none), the `entry`'s
   text and how many `tags` there are. One of "choose", "confirm", "next",
   "previous", "close", "remove-last", or null (the key does what it would). */
export function keyAction(event, { composing, open, active, entry, tags }) {
  if (isComposing(event, composing)) {
    return null;
  }
  switch (event.key) {
    case "Enter":
      if (open && active >= 0) {
        return "choose";
      }
      return entry.trim() ? "confirm" : null;
    case "ArrowDown":
      return open ? "next" : null;
    case "ArrowUp":
      return open ? "previous" : null;
    case "Escape":
      return open ? "close" : null;
    case "Backspace":
      return entry === "" && tags > 0 ? "remove-last" : null;
    default:
      return null;
  }
}

// The tags chosen so far, in order, one per folded form.
export class TagList {
  // folded name -> the name as stored, learnt from suggestions
  #known = new Map();

  constructor(value = "") {
    this.names = [];
    for (const name of value.split(SEPARATORS)) {
      this.add(name);
    }
  }

  get length() {
    return this.names.length;
  }

  has(name) {
    const key = fold(name);
    return this.names.some((chosen) => fold(chosen) === key);
  }

  /* Add a name: {name, added: true}, or {name, added: false} when the tag is
     there already in some spelling, or null when the name is empty. A variant
     of a known tag (ｄｘ) becomes the tag as stored (DX). */
  add(text) {
    const name = clean(text);
    if (!name) {
      return null;
    }
    if (this.has(name)) {
      return { name, added: false };
    }
    const stored = this.#known.get(fold(name)) ?? name;
    this.names.push(stored);
    return { name: stored, added: true };
  }

  remove(index) {
    return this.names.splice(index, 1)[0];
  }

  /* The suggestions worth showing (those not chosen yet); every suggestion's
     spelling is remembered for add(). `results` are {name, count}. */
  suggestions(results) {
    for (const { name } of results) {
      this.#known.set(fold(name), name);
    }
    return results.filter(({ name }) => !this.has(name));
  }

  /* The submitted value: the tags, plus text still in the entry (as the plain
     input would have sent it), unless an IME is still converting that text. */
  value(pending = "", composing = false) {
    const names = [...this.names];
    const typed = clean(pending);
    if (typed && !composing) {
      names.push(typed);
    }
    return names.join(JOINER);
  }
}
