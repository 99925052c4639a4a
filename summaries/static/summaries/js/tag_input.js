/* The tag input: one token per tag, suggestions of existing tags as you type.
   、 ， , ; or Enter confirm a tag; a pasted list becomes several tags; and an
   Enter that confirms a Japanese IME conversion only confirms the conversion
   (compositionstart/compositionend and event.isComposing are respected).
   The original text input stays the submitted field (as a hidden input with
   the same name), kept in sync as 「防災、窓口」, so the server reads the same
   thing with or without this script. ARIA 1.2 combobox pattern. */
(function () {
  "use strict";

  // The admin loads Django's JavaScript catalogue (admin:jsi18n) before this:
  // the texts here are the Japanese source, translated on /en/admin/ from
  // summaries/locale/en/LC_MESSAGES/djangojs.po. Without it, they stay as is.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, args) {
    var i = 0;
    return format.replace(/%s/g, function () { return String(args[i++]); });
  };

  var SEPARATORS = /[、，,;；\r\n]+/;
  var counter = 0;

  function fold(text) { return text.normalize("NFKC").toLowerCase(); }
  function clean(text) { return text.split(/\s+/).filter(Boolean).join(" "); }

  function TagField(original) {
    counter += 1;
    var self = this;
    this.original = original;
    this.url = original.dataset.suggestUrl;
    this.tags = [];
    this.known = {}; // folded name -> name as stored, from suggestions
    this.options = [];
    this.active = -1;
    this.composing = false;

    var base = original.id || "tag-input-" + counter;
    this.root = document.createElement("div");
    this.root.className = "tag-field";
    this.list = document.createElement("ul");
    this.list.className = "tag-field__tokens";
    this.list.setAttribute("aria-label", gettext("選択中のタグ"));
    this.entry = document.createElement("input");
    this.entry.type = "text";
    this.entry.className = "tag-field__entry";
    this.entry.id = base; // the form's <label for> now names the entry
    this.entry.setAttribute("role", "combobox");
    this.entry.setAttribute("aria-autocomplete", "list");
    this.entry.setAttribute("aria-expanded", "false");
    this.entry.setAttribute("autocomplete", "off");
    this.entry.setAttribute("enterkeyhint", "done");
    var hint = document.createElement("span");
    hint.id = base + "-hint";
    hint.className = "visually-hidden";
    hint.textContent = gettext("読点かカンマ、Enter でタグを確定します。Backspace で最後のタグを外します。");
    var describedBy = original.getAttribute("aria-describedby");
    this.entry.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + hint.id);
    this.listbox = document.createElement("ul");
    this.listbox.className = "tag-field__listbox";
    this.listbox.id = base + "-listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", gettext("既存のタグの候補"));
    this.listbox.hidden = true;
    this.entry.setAttribute("aria-controls", this.listbox.id);
    this.live = document.createElement("p");
    this.live.className = "visually-hidden";
    this.live.setAttribute("aria-live", "polite");

    original.type = "hidden";
    original.id = base + "-value";
    original.removeAttribute("aria-describedby");
    original.parentNode.insertBefore(this.root, original);
    this.root.append(this.list, this.entry, this.listbox, hint, this.live, original);

    original.value.split(SEPARATORS).forEach(function (name) { self.add(name, true); });
    this.sync();

    this.entry.addEventListener("compositionstart", function () { self.composing = true; });
    this.entry.addEventListener("compositionend", function () {
      self.composing = false;
      self.split(false); // an IME may type 、 itself
      self.sync();
    });
    this.entry.addEventListener("keydown", function (event) { self.onKey(event); });
    this.entry.addEventListener("input", function (event) {
      if (!self.composing && !event.isComposing) self.split(false);
      self.sync();
      self.suggest();
    });
    this.entry.addEventListener("paste", function (event) {
      var text = (event.clipboardData || window.clipboardData).getData("text");
      if (!SEPARATORS.test(text)) return;
      event.preventDefault();
      // Split before it reaches the input: a text input drops line breaks.
      (self.entry.value + text).split(SEPARATORS).forEach(function (name) { self.add(name); });
      self.entry.value = "";
      self.close();
      self.sync();
    });
    this.entry.addEventListener("blur", function () {
      setTimeout(function () { self.close(); }, 150);
    });
    this.list.addEventListener("click", function (event) {
      var remove = event.target.closest(".tag-field__remove");
      if (remove) self.remove(Number(remove.dataset.index));
    });
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep focus in the entry
      var option = event.target.closest("[role=option]");
      if (option) self.choose(Number(option.dataset.index));
    });
  }

  TagField.prototype.onKey = function (event) {
    // During an IME conversion the keys belong to the IME: Enter confirms the
    // conversion there and must not confirm a half-typed tag here.
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    var open = !this.listbox.hidden && this.options.length > 0;
    if (event.key === "Enter") {
      if (open && this.active >= 0) {
        event.preventDefault();
        this.choose(this.active);
      } else if (this.entry.value.trim()) {
        event.preventDefault(); // confirm the tag, not submit the form
        this.add(this.entry.value);
        this.entry.value = "";
        this.close();
        this.sync();
      }
    } else if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      this.highlight((this.active + 1) % this.options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      this.highlight((this.active - 1 + this.options.length) % this.options.length);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Backspace" && this.entry.value === "" && this.tags.length) {
      this.remove(this.tags.length - 1);
    }
  };

  // Confirm every complete part of the entry; `all` confirms the last part too.
  TagField.prototype.split = function (all) {
    var parts = this.entry.value.split(SEPARATORS);
    var rest = all ? "" : parts.pop();
    var self = this;
    parts.forEach(function (name) { self.add(name); });
    this.entry.value = rest.replace(/^\s+/, "");
    if (parts.length) this.close();
  };

  TagField.prototype.add = function (name, quiet) {
    name = clean(name);
    if (!name) return;
    var key = fold(name);
    if (this.tags.some(function (tag) { return fold(tag) === key; })) {
      if (!quiet) this.say(interpolate(gettext("「%s」はもう付いています。"), [name]));
      return;
    }
    name = this.known[key] || name; // a variant (ｄｘ) becomes the existing tag (DX)
    this.tags.push(name);
    this.render();
    if (!quiet) this.say(interpolate(gettext("タグ「%s」を追加しました。"), [name]));
  };

  TagField.prototype.remove = function (index) {
    var name = this.tags.splice(index, 1)[0];
    this.render();
    this.sync();
    this.entry.focus();
    this.say(interpolate(gettext("タグ「%s」を外しました。"), [name]));
  };

  TagField.prototype.render = function () {
    var self = this;
    this.list.textContent = "";
    this.tags.forEach(function (name, index) {
      var item = document.createElement("li");
      item.className = "tag-field__token";
      var label = document.createElement("span");
      label.textContent = name;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "tag-field__remove";
      remove.dataset.index = String(index);
      remove.setAttribute("aria-label", interpolate(gettext("タグ「%s」を外す"), [name]));
      remove.textContent = "×";
      item.append(label, remove);
      self.list.appendChild(item);
    });
  };

  // The submitted value: confirmed tags, plus text still in the entry (as the
  // plain input would have sent it).
  TagField.prototype.sync = function () {
    var names = this.tags.slice();
    var pending = clean(this.entry.value);
    if (pending && !this.composing) names.push(pending);
    this.original.value = names.join("、"); // data for the server, not text to read
  };

  TagField.prototype.suggest = function () {
    var self = this;
    var typed = this.entry.value.trim();
    clearTimeout(this.timer);
    if (!typed || !this.url) { this.close(); return; }
    this.timer = setTimeout(function () {
      fetch(self.url + "?q=" + encodeURIComponent(typed), {
        credentials: "same-origin", headers: { Accept: "application/json" },
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (data) {
        if (self.entry.value.trim() !== typed) return; // typed on since
        self.show(data.results);
      }).catch(function () { self.close(); });
    }, 150);
  };

  TagField.prototype.show = function (results) {
    var self = this;
    var chosen = this.tags.map(fold);
    results.forEach(function (r) { self.known[fold(r.name)] = r.name; });
    this.options = results.filter(function (r) { return chosen.indexOf(fold(r.name)) === -1; });
    this.listbox.textContent = "";
    this.active = -1;
    this.entry.removeAttribute("aria-activedescendant");
    if (!this.options.length) { this.close(); return; }
    this.options.forEach(function (r, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.className = "tag-field__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = String(index);
      option.textContent = r.name;
      var count = document.createElement("span");
      count.className = "tag-field__count";
      count.textContent = interpolate(ngettext("（%s件）", "（%s件）", r.count), [r.count]);
      option.appendChild(count);
      self.listbox.appendChild(option);
    });
    this.listbox.hidden = false;
    this.entry.setAttribute("aria-expanded", "true");
    var n = this.options.length;
    this.say(interpolate(ngettext(
      "%s件の候補があります。上下の矢印キーで選べます。",
      "%s件の候補があります。上下の矢印キーで選べます。", n), [n]));
  };

  TagField.prototype.highlight = function (index) {
    this.active = index;
    var self = this;
    this.listbox.querySelectorAll("[role=option]").forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
      if (i === index) {
        self.entry.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
  };

  TagField.prototype.choose = function (index) {
    var option = this.options[index];
    if (!option) return;
    this.entry.value = "";
    this.add(option.name);
    this.close();
    this.sync();
    this.entry.focus();
  };

  TagField.prototype.close = function () {
    this.listbox.hidden = true;
    this.active = -1;
    this.entry.setAttribute("aria-expanded", "false");
    this.entry.removeAttribute("aria-activedescendant");
  };

  TagField.prototype.say = function (text) {
    this.live.textContent = text;
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input.tag-input[data-suggest-url]").forEach(function (input) {
      new TagField(input);
    });
  });
})();
