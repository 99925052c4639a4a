/* The talk form's slug, pre-filled from the title as readable ASCII.
 *
 * While the slug is empty or still holds our last suggestion, typing a title
 * asks the server (summaries/admin/slugs.py) for a slug: the title romanised,
 * cut at a word boundary, unique. Once the editor types a slug of their own,
 * it is left alone. Without JavaScript an empty slug is made the same way on
 * save.
 */

const DELAY = 300;

function suggestSlugs(slug) {
  const title = document.getElementById("id_title");
  const url = slug.dataset.suggestUrl;
  if (!title || !url) {
    return;
  }
  let suggested = slug.value === "" ? "" : null; // null: the editor's own slug
  let timer;
  slug.addEventListener("input", () => {
    suggested = slug.value === "" ? "" : null;
  });
  title.addEventListener("input", () => {
    if (suggested === null) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const typed = title.value.trim();
      try {
        const response = await fetch(`${url}?title=${encodeURIComponent(typed)}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok || suggested === null || title.value.trim() !== typed) {
          return;
        }
        const data = await response.json();
        slug.value = data.slug;
        suggested = data.slug;
      } catch {
        // Offline: the slug is made on save instead.
      }
    }, DELAY);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-suggest-url][name=slug]").forEach(suggestSlugs);
});
