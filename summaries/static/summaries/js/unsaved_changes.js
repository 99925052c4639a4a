/* Ask before leaving an admin change form whose content differs from what was
   loaded (typed text, reordered rows, tags). Not after submitting it; and a
   form the server sent back with errors (e.g. a refused stale save) holds
   unsaved input from the start. */
(function () {
  "use strict";

  function snapshot(form) {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken") return;
      if (/-(TOTAL|INITIAL)_FORMS$/.test(name) || /__prefix__/.test(name)) return;
      if (value === "") return; // an added but untouched row is not a change
      entries.push(name + "=" + value);
    });
    return entries.join("&");
  }

  function watch(form) {
    var initial = snapshot(form);
    var startsDirty = Boolean(document.querySelector(".errornote"));
    var submitting = false;
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) return;
      if (!startsDirty && snapshot(form) === initial) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to show the prompt
    });
  }

  window.addEventListener("load", function () {
    var form = document.querySelector("#content-main form[method=post][id$=_form]");
    if (form) watch(form);
  });
})();
