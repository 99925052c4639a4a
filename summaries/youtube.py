"""YouTube addresses: which video an address names, and where to embed it."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}


def video_id(url):
    """The 11-character video id in a YouTube address, or None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or parts.hostname not in _HOSTS:
        return None
    path = parts.path.strip("/").split("/")
    if parts.hostname == "youtu.be":
        candidate = path[0]
    elif path[0] == "watch":
        candidate = parse_qs(parts.query).get("v", [""])[0]
    elif path[0] in {"embed", "live", "shorts", "v"} and len(path) > 1:
        candidate = path[1]
    else:
        return None
    return candidate if _ID.match(candidate) else None


def validate_youtube_url(url):
    if url and video_id(url) is None:
        raise ValidationError(
            _(
                "YouTube の動画アドレスではありません。"
                "https://www.youtube.com/watch?v=… の形で入力してください。"
            ),
            code="not_youtube",
        )


def watch_url(vid, start=0):
    """The video on YouTube itself, starting at `start` seconds."""
    suffix = f"&t={start}s" if start else ""
    return f"https://www.youtube.com/watch?v={vid}{suffix}"


def embed_url(vid, start=0, autoplay=True):
    """The privacy-enhanced player address, used only after the reader asks."""
    query = "&".join(
        part
        for part in (
            "autoplay=1" if autoplay else "",
            f"start={start}" if start else "",
        )
        if part
    )
    return f"https://www.youtube-nocookie.com/embed/{vid}" + (
        f"?{query}" if query else ""
    )
