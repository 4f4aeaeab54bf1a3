"""External videos: which provider and which video a link points to.

The embed address is rebuilt from the parsed id on one of three fixed players, never taken
from the link itself nor from any user HTML: an editor's link can only ever produce one of
these iframes. Nothing is requested from the provider until the visitor asks to play.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
DAILYMOTION_ID = re.compile(r"x[0-9a-z]{2,12}", re.I)

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
DAILYMOTION_HOSTS = {"dailymotion.com", "www.dailymotion.com", "geo.dailymotion.com"}


# Where a link asks the video to start: "42", "42s", "1m30s", "1h02m03s" (YouTube's t=,
# Vimeo's #t=, Dailymotion's start=).
START = re.compile(r"(?:([0-9]{1,2})h)?(?:([0-9]{1,4})m)?(?:([0-9]{1,6})s?)?")


@dataclass(frozen=True)
class VideoEmbed:
    provider: str  # shown to visitors: "YouTube", "Vimeo", "Dailymotion"
    video_id: str
    start: int = 0  # seconds

    @property
    def embed_url(self) -> str:
        if self.provider == "YouTube":
            # The "privacy-enhanced" player: no cookie before the video is played.
            start = f"&start={self.start}" if self.start else ""
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1{start}"
        if self.provider == "Vimeo":
            start = f"#t={self.start}s" if self.start else ""
            return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1{start}"
        start = f"&start={self.start}" if self.start else ""
        return f"https://www.dailymotion.com/embed/video/{self.video_id}?autoplay=1{start}"


def _start(value: str) -> int:
    """Seconds from a link's start time; 0 when there is none or it reads as none."""
    match = START.fullmatch(value.strip().lower()) if value else None
    if not match:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _full(pattern: re.Pattern, value: str) -> str | None:
    return value if value and pattern.fullmatch(value) else None


def _youtube_id(host: str, parts: list[str], query: dict) -> str | None:
    if host == "youtu.be":
        return _full(YOUTUBE_ID, parts[0] if parts else "")
    if host not in YOUTUBE_HOSTS:
        return None
    if parts == ["watch"]:
        return _full(YOUTUBE_ID, query.get("v", [""])[0])
    if len(parts) >= 2 and parts[0] in ("embed", "shorts", "live", "v"):
        return _full(YOUTUBE_ID, parts[1])
    return None


def _vimeo_id(host: str, parts: list[str]) -> str | None:
    if host not in VIMEO_HOSTS or not parts:
        return None
    if host == "player.vimeo.com":
        return _full(VIMEO_ID, parts[1]) if len(parts) >= 2 and parts[0] == "video" else None
    # vimeo.com/76979871, vimeo.com/channels/staffpicks/76979871, vimeo.com/groups/x/videos/1
    return _full(VIMEO_ID, parts[-1])


def _dailymotion_id(host: str, parts: list[str], query: dict) -> str | None:
    if host == "dai.ly":
        return _full(DAILYMOTION_ID, parts[0] if parts else "")
    if host not in DAILYMOTION_HOSTS:
        return None
    if host == "geo.dailymotion.com":
        return _full(DAILYMOTION_ID, query.get("video", [""])[0])
    if parts and parts[0] == "embed":
        parts = parts[1:]
    if len(parts) >= 2 and parts[0] == "video":
        # /video/x7tgad0 or the older /video/x7tgad0_a-title-slug
        return _full(DAILYMOTION_ID, parts[1].split("_", 1)[0])
    return None


def parse_video_url(url: str) -> VideoEmbed | None:
    """The provider and id of a YouTube, Vimeo or Dailymotion link; None for anything else."""
    try:
        split = urlsplit((url or "").strip())
    except ValueError:
        return None
    if split.scheme not in ("http", "https"):
        return None
    host = (split.hostname or "").lower()
    parts = [part for part in split.path.split("/") if part]
    query = parse_qs(split.query)
    fragment = parse_qs(split.fragment)
    for provider, video_id, start in (
        ("YouTube", _youtube_id(host, parts, query), (query.get("t") or query.get("start"))),
        ("Vimeo", _vimeo_id(host, parts), fragment.get("t")),
        ("Dailymotion", _dailymotion_id(host, parts, query), query.get("start")),
    ):
        if video_id:
            return VideoEmbed(provider, video_id, _start(start[0] if start else ""))
    return None
