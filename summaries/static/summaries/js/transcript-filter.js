/* The filter box of a talk's transcript: type words, see only the segments
   that hold them. Without this file the box stays hidden and the whole
   transcript is there to read (and to find with the browser's own search).
   Matching ignores case and the width of letters and digits (ＤＸ finds DX),
   as the site's search does. The page gives the words (translated there):
   the status region says how many segments match. */

function fold(text) {
  return text.normalize("NFKC").toLowerCase();
}

function enhance(box) {
  const input = box.querySelector("input");
  const status = box.querySelector("[role='status']");
  const list = document.querySelector("[data-transcript-list]");
  if (!input || !status || !list) {
    return;
  }
  const items = Array.from(list.children, (item) => ({
    item,
    text: fold(item.textContent),
  }));
  let timer = 0;

  function apply() {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    let found = 0;
    for (const { item, text } of items) {
      const shown = words.every((word) => text.includes(word));
      item.hidden = !shown;
      if (shown) {
        found += 1;
      }
    }
    if (!words.length) {
      status.textContent = "";
    } else if (!found) {
      status.textContent = status.dataset.foundNone;
    } else {
      const message =
        found === 1 ? status.dataset.foundOne : status.dataset.foundOther;
      status.textContent = message.replace("{count}", String(found));
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 150);
  });
  box.hidden = false;
}

for (const box of document.querySelectorAll("[data-transcript-filter]")) {
  enhance(box);
}
