/* Ask before leaving an admin change form whose content differs from what was
   loaded (typed text, reordered rows, tags). Not after submitting it; and a
   form the server sent back with errors (e.g. a refused stale save) holds
   unsaved input from the start. */

function snapshot(form) {
  const entries = [];
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string" || name === "csrfmiddlewaretoken") {
      continue;
    }
    if (/-(TOTAL|INITIAL)_FORMS$/.test(name) || name.includes("__prefix__")) {
      continue;
    }
    if (value !== "") {
      // an added but untouched row is not a change
      entries.push(`${name}=${value}`);
    }
  }
  return entries.join("&");
}

function watch(form) {
  const initial = snapshot(form);
  const startsDirty = Boolean(document.querySelector(".errornote"));
  let submitting = false;
  form.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (submitting || (!startsDirty && snapshot(form) === initial)) {
      return;
    }
    event.preventDefault();
    event.returnValue = ""; // older browsers need a value to show the prompt
  });
}

window.addEventListener("load", () => {
  const form = document.querySelector("#content-main form[method=post][id$=_form]");
  if (form) {
    watch(form);
  }
});
