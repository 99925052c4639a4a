/* Click-to-load video: nothing is fetched from YouTube until the reader asks.
   Without this script the play button and every time stamp are plain links to
   the video on YouTube at that second. With it, the play button loads the
   privacy-enhanced player in the page, and time stamps point at this page's
   own ?t=SECONDS address and start the player there. */
(function () {
  "use strict";
  var frame = document.querySelector("[data-video]");
  if (!frame || !frame.replaceChildren) return;
  var link = frame.querySelector(".video__play");
  var embed = frame.getAttribute("data-embed");
  var start = parseInt(link.getAttribute("data-start"), 10) || 0;

  // A control that acts in the page is a button, not a link.
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  while (link.firstChild) button.appendChild(link.firstChild);
  link.replaceWith(button);

  function play(seconds) {
    var src = embed + "?autoplay=1" + (seconds ? "&start=" + seconds : "");
    var player = frame.querySelector("iframe");
    if (player) {
      // Loading the new address seeks reliably without YouTube's API script.
      player.src = src;
      return player;
    }
    player = document.createElement("iframe");
    player.title = frame.getAttribute("data-title");
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.allowFullscreen = true;
    player.referrerPolicy = "strict-origin-when-cross-origin";
    player.src = src;
    frame.replaceChildren(player);
    frame.classList.add("video__frame--playing");
    return player;
  }

  button.addEventListener("click", function () {
    // The button is gone: focus moves to the player that replaced it.
    play(start).focus();
  });

  var stamps = document.querySelectorAll("a.timecode[data-page-href]");
  Array.prototype.forEach.call(stamps, function (stamp) {
    stamp.href = stamp.getAttribute("data-page-href");
    stamp.addEventListener("click", function (event) {
      // New tab, new window and the like keep the link's ordinary meaning.
      if (event.button !== 0 || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey) return;
      event.preventDefault();
      start = parseInt(stamp.getAttribute("data-start"), 10) || 0;
      play(start);
      history.replaceState(history.state, "", stamp.getAttribute("href"));
      // Show the player; keyboard focus stays on the time stamp.
      frame.scrollIntoView({ block: "nearest" });
    });
  });
})();
