"""Plain data of matching: a catalog candidate, a scored candidate, a decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playlister.state import Status


@dataclass(frozen=True)
class Candidate:
    """One Spotify track, reduced to what matching needs."""

    uri: str
    title: str
    artists: tuple[str, ...]
    album: str
    year: int | None
    duration_ms: int | None
    album_type: str | None = None

    @classmethod
    def from_api(cls, obj: dict[str, Any]) -> Candidate:
        """Build from a Spotify track object as found in search results."""
        album = obj.get("album") or {}
        date = str(album.get("release_date") or "")
        uri = obj.get("uri") or f"spotify:track:{obj['id']}"
        return cls(
            uri=uri,
            title=obj.get("name") or "",
            artists=tuple(a.get("name") or "" for a in obj.get("artists") or ()),
            album=album.get("name") or "",
            year=int(date[:4]) if date[:4].isdigit() else None,
            duration_ms=obj.get("duration_ms"),
            album_type=album.get("album_type"),
        )

    @property
    def label(self) -> str:
        artists = ", ".join(self.artists) or "unknown artist"
        where = ", ".join(str(x) for x in (self.album, self.year) if x)
        return f"\u201c{self.title}\u201d by {artists}" + (f" ({where})" if where else "")


@dataclass(frozen=True)
class Scored:
    """A candidate with its score (0..1) and a short human reason."""

    candidate: Candidate
    score: float
    note: str


@dataclass(frozen=True)
class MatchResult:
    """The decision for one entry, with what an audit needs to check it."""

    status: Status
    candidate: Candidate | None
    score: float
    reason: str
    alternatives: tuple[Scored, ...]
    queries: tuple[str, ...]
    wanted: str = ""  # for a substitute: the recording asked for ("Live at Glastonbury")
    found: tuple[str, ...] = ()  # ... and the takes found instead ("the studio take", ...)
