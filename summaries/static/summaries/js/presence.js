/* Editing together: every few seconds the talk form tells the server it is
   open and shows who else is editing and who saved since it was opened
   (summaries/review/presence.py). Polling, no websockets; the stale-save
   refusal stays the backstop. */

import { describe } from "./presence-model.js";

const EVERY_MS = 5000;

function render(box, lines) {
  box.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    }),
  );
  box.hidden = lines.length === 0;
}

function start(box) {
  const form = box.closest("form");
  const token = form?.querySelector("input[name=version_token]");
  const csrf = form?.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token || !csrf) {
    return;
  }
  const opened = token.value;
  let last = "";
  async function poll() {
    try {
      const response = await fetch(box.dataset.url, {
        method: "POST",
        headers: { "X-CSRFToken": csrf.value },
        body: new URLSearchParams({ opened }),
        credentials: "same-origin",
      });
      if (response.ok) {
        const lines = describe(await response.json());
        const text = lines.join("\n");
        if (text !== last) {
          last = text;
          render(box, lines);
        }
      }
    } catch {
      // Offline for a moment: try again at the next turn.
    }
    setTimeout(poll, EVERY_MS);
  }
  poll();
}

const box = document.getElementById("presence");
if (box) {
  start(box);
}
