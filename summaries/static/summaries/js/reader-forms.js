/* The readers' forms on a talk page (the 1-5 rating, "was this useful?").
   Without this file they post and come back with a message; with it they post
   in the background, update the figure in place and announce the result in
   the form's status region (role="status", read out by screen readers). */

function showFigures(data) {
  if (typeof data.display !== "string") {
    return;
  }
  for (const figure of document.querySelectorAll("[data-rating-figure]")) {
    figure.textContent = data.display;
    figure.classList.toggle("rating-summary__figure--empty", !data.count);
  }
  for (const label of document.querySelectorAll("[data-rating-label]")) {
    label.hidden = !data.count;
  }
}

async function send(form, status) {
  // The page gives the words (translated there): no text lives in this file.
  const failed = form.dataset.failedMessage;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.textContent = data.error || failed;
      return;
    }
    showFigures(data);
    if (form.hasAttribute("data-reset-on-success")) {
      form.reset();
    }
    status.textContent = data.message;
  } catch {
    status.textContent = failed;
  }
}

function enhance(form) {
  const status = form.querySelector("[data-status]");
  const button = form.querySelector("button[type='submit']");
  let busy = false;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    button.setAttribute("aria-disabled", "true");
    // Empty first, so the same message twice is announced twice.
    status.textContent = "";
    await send(form, status);
    busy = false;
    button.removeAttribute("aria-disabled");
  });
}

document.querySelectorAll("form[data-reader-form]").forEach(enhance);
