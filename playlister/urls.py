"""Every link playlister shows or reads: Spotify tracks and playlists, YouTube videos.

Built and parsed in one place so the sheet, the audit, the lockfile and the loader agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, quote_plus, urlsplit

SPOTIFY_WEB = "https://open.spotify.com/"

_SPOTIFY_ID = r"[A-Za-z0-9]{22}"
_SPOTIFY_URI = re.compile(rf"^spotify:track:({_SPOTIFY_ID})$")
_SPOTIFY_URL = re.compile(
    rf"^https?://open\.spotify\.com/(?:intl-[a-z]{{2}}(?:-[a-z]{{2}})?/)?track/({_SPOTIFY_ID})"
    r"/?(?:\?.*)?$"
)
_SPOTIFY_PLAYLIST = re.compile(
    rf"^(?:spotify:playlist:|https?://open\.spotify\.com/(?:intl-[a-z]{{2}}(?:-[a-z]{{2}})?/)?"
    rf"(?:user/[^/]+/)?playlist/)({_SPOTIFY_ID})(?:[/?#].*)?$"
)
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_YOUTUBE_PATHS = ("/embed/", "/shorts/", "/live/", "/v/")


def spotify_track(uri: str) -> str:
    """``spotify:track:ID`` → ``https://open.spotify.com/track/ID`` (other text unchanged)."""
    parts = uri.split(":")
    if len(parts) == 3 and parts[0] == "spotify":
        return f"{SPOTIFY_WEB}{parts[1]}/{parts[2]}"
    return uri


def spotify_playlist(playlist_id: str) -> str:
    """``https://open.spotify.com/playlist/<id>``."""
    return f"{SPOTIFY_WEB}playlist/{playlist_id}"


def playlist_id(value: str) -> str | None:
    """The ID in ``https://open.spotify.com/playlist/ID`` or ``spotify:playlist:ID``."""
    m = _SPOTIFY_PLAYLIST.match(value.strip())
    return m.group(1) if m else None


def track_uri(value: str) -> str | None:
    """A Spotify track URI or open.spotify.com link → ``spotify:track:ID``; None if neither."""
    value = value.strip()
    m = _SPOTIFY_URI.match(value) or _SPOTIFY_URL.match(value)
    return f"spotify:track:{m.group(1)}" if m else None


def is_track_uri(value: str) -> bool:
    """True for ``spotify:track:`` followed by 22 base-62 characters."""
    return bool(_SPOTIFY_URI.match(value))


def video_id(url: str) -> str | None:
    """The 11-character video ID of a YouTube video URL, or None if it is not one."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    # A browser reads "https://evil.example\\@www.youtube.com/…" as a page on evil.example
    # ("\\" ends the host) while urlsplit sees youtube.com: no user part, no backslash.
    if "\\" in url or "@" in parts.netloc:
        return None
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.lstrip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        if parts.path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            for prefix in _YOUTUBE_PATHS:
                if parts.path.startswith(prefix):
                    candidate = parts.path[len(prefix) :].split("/")[0]
    return candidate if candidate and _VIDEO_ID.match(candidate) else None


def youtube_video(video: str) -> str:
    """The watch page of the video with this 11-character ID."""
    return f"https://www.youtube.com/watch?v={video}"


def youtube_search(*words: str | None) -> str:
    """A YouTube search for the given words (artist, title, version), blanks left out."""
    text = " ".join(w for w in words if w)
    return "https://www.youtube.com/results?search_query=" + quote_plus(text)


def watch_videos(ids: Iterable[str]) -> str | None:
    """One link that plays the given videos in a row, or None when there are none."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return None
    return "https://www.youtube.com/watch_videos?video_ids=" + ",".join(unique)
