// The readers' forms on a talk page (the 1-5 rating, "was this useful?").
// Without this file they post and come back with a message; with it they post
// in the background, update the figure in place and announce the result in
// the form's status region (role="status", read out by screen readers).
(function () {
  "use strict";

  if (!window.fetch || !window.FormData) {
    return;
  }

  function showFigures(data) {
    if (typeof data.display !== "string") {
      return;
    }
    document.querySelectorAll("[data-rating-figure]").forEach(function (figure) {
      figure.textContent = data.display;
      figure.classList.toggle("rating-summary__figure--empty", !data.count);
    });
    document.querySelectorAll("[data-rating-label]").forEach(function (label) {
      label.hidden = !data.count;
    });
  }

  function enhance(form) {
    var status = form.querySelector("[data-status]");
    var button = form.querySelector("button[type='submit']");
    // The page gives the words (translated there): no text lives in this file.
    var failed = form.getAttribute("data-failed-message");
    var busy = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) {
        return;
      }
      busy = true;
      button.setAttribute("aria-disabled", "true");
      // Empty first, so the same message twice is announced twice.
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (data) {
              if (!response.ok) {
                status.textContent = data.error || failed;
                return;
              }
              showFigures(data);
              if (form.hasAttribute("data-reset-on-success")) {
                form.reset();
              }
              status.textContent = data.message;
            });
        })
        .catch(function () {
          status.textContent = failed;
        })
        .then(function () {
          busy = false;
          button.removeAttribute("aria-disabled");
        });
    });
  }

  document.querySelectorAll("form[data-reader-form]").forEach(enhance);
})();
