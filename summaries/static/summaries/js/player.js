/* Click-to-load video: nothing is fetched from YouTube until the reader asks.
   Without this script the play button and every time stamp are plain links to
   the video on YouTube at that second. With it, the play button loads the
   privacy-enhanced player in the page, and time stamps point at this page's
   own ?t=SECONDS address and start the player there. */

const frame = document.querySelector("[data-video]");

function seconds(element) {
  return Number.parseInt(element.dataset.start, 10) || 0;
}

function play(start) {
  const src = `${frame.dataset.embed}?autoplay=1${start ? `&start=${start}` : ""}`;
  const current = frame.querySelector("iframe");
  if (current) {
    // Loading the new address seeks reliably without YouTube's API script.
    current.src = src;
    return current;
  }
  const player = document.createElement("iframe");
  player.title = frame.dataset.title;
  player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  player.allowFullscreen = true;
  player.referrerPolicy = "strict-origin-when-cross-origin";
  player.src = src;
  frame.replaceChildren(player);
  frame.classList.add("video__frame--playing");
  return player;
}

function enhance() {
  const link = frame.querySelector(".video__play");
  let start = seconds(link);

  // A control that acts in the page is a button, not a link.
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.append(...link.childNodes);
  link.replaceWith(button);
  button.addEventListener("click", () => {
    // The button is gone: focus moves to the player that replaced it.
    play(start).focus();
  });

  for (const stamp of document.querySelectorAll("a.timecode[data-page-href]")) {
    stamp.href = stamp.dataset.pageHref;
    stamp.addEventListener("click", (event) => {
      // New tab, new window and the like keep the link's ordinary meaning.
      if (
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      ) {
        return;
      }
      event.preventDefault();
      start = seconds(stamp);
      play(start);
      history.replaceState(history.state, "", stamp.getAttribute("href"));
      // Show the player; keyboard focus stays on the time stamp.
      frame.scrollIntoView({ block: "nearest" });
    });
  }
}

// A browser too old to swap the player in keeps the links to YouTube.
if (frame?.replaceChildren) {
  enhance();
}
