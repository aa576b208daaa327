"""YouTube links: recognising video URLs, and building fallbacks for what Spotify lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote_plus, urlsplit

if TYPE_CHECKING:
    from playlister.tracklist import Track

_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_PATH_PREFIXES = ("/embed/", "/shorts/", "/live/", "/v/")


def video_id(url: str) -> str | None:
    """The 11-character video ID of a YouTube video URL, or None if it is not one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.lstrip("/").split("/")[0]
    elif host in _HOSTS:
        if parts.path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            for prefix in _PATH_PREFIXES:
                if parts.path.startswith(prefix):
                    candidate = parts.path[len(prefix):].split("/")[0]
    return candidate if candidate and _ID.match(candidate) else None


def search_url(track: Track) -> str:
    """A YouTube search for the entry: artist, title and the version wanted."""
    words = " ".join(w for w in (track.artist, track.title, track.version) if w)
    return "https://www.youtube.com/results?search_query=" + quote_plus(words)


def fallback_url(track: Track) -> str:
    """Where to listen when Spotify lacks the recording: the entry's own video, else a search."""
    return track.youtube or search_url(track)


def watch_videos_url(ids: Iterable[str]) -> str | None:
    """One link that plays the given videos in a row, or None when there are none."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return None
    return "https://www.youtube.com/watch_videos?video_ids=" + ",".join(unique)
