// Click-to-load external videos: nothing is requested from YouTube, Vimeo or Dailymotion
// until the visitor presses "Lire la vidéo". The iframe address was built by the server
// from the parsed video id; it is checked here against the three players all the same.
const PLAYERS = [
  "https://www.youtube-nocookie.com/embed/",
  "https://player.vimeo.com/video/",
  "https://www.dailymotion.com/embed/video/",
];

document.querySelectorAll("[data-video-embed]").forEach((box) => {
  const button = box.querySelector("[data-video-play]");
  const src = box.dataset.videoEmbed;
  if (!button || !PLAYERS.some((prefix) => src.startsWith(prefix))) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = box.dataset.videoTitle;
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.className = "video-frame";
    frame.tabIndex = -1;
    box.querySelector(".video-placeholder").replaceWith(frame);
    frame.focus();
  });
});
