"""The lockfile: what matching decided for each entry, and which playlist is ours.

It sits beside the tracklist (``tracks.toml`` → ``tracks.lock``), is TOML written with
``tomli_w`` in tracklist order so a diff reads well, and is replaced atomically so a crash
never leaves it half-written. Entries are keyed by ``Track.key``: editing an entry's title,
artist, album, year, version, duration or pinned URI changes its key, so it is matched again.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from playlister import urls
from playlister.errors import LockfileError
from playlister.files import atomic_write
from playlister.state import RECORDED, Status
from playlister.tracklist import Track

FORMAT_VERSION = 1
HEADER = (
    "# Written by playlister: what `playlister match` chose for each entry of the tracklist,\n"
    "# and the playlist `playlister create` keeps in sync. Safe to commit; edit the\n"
    "# tracklist, not this file.\n"
)


@dataclass(frozen=True)
class MatchInfo:
    """The Spotify recording an entry resolved to (or a close alternative)."""

    uri: str
    title: str
    artists: tuple[str, ...]
    album: str
    year: int | None = None
    duration_ms: int | None = None
    score: float | None = None  # only set on alternatives
    note: str | None = None  # only set on alternatives

    @property
    def url(self) -> str:
        return urls.spotify_track(self.uri)

    def as_dict(self) -> dict[str, Any]:
        """The ``match`` object of the --json output."""
        return {
            "title": self.title,
            "artists": list(self.artists),
            "album": self.album,
            "year": self.year,
            "duration_ms": self.duration_ms,
        }


@dataclass(frozen=True)
class LockEntry:
    """The match decision for one tracklist entry."""

    key: str
    title: str
    artist: str
    status: Status
    score: float
    reason: str
    checked: str  # ISO 8601 UTC
    version: str | None = None
    uri: str | None = None
    match: MatchInfo | None = None
    alternatives: tuple[MatchInfo, ...] = ()
    pinned: bool = False


@dataclass
class Lock:
    """The whole lockfile in memory."""

    path: Path
    entries: dict[str, LockEntry] = field(default_factory=dict)
    playlist_id: str | None = None
    market: str | None = None

    def get(self, track: Track) -> LockEntry | None:
        return self.entries.get(track.key)

    def put(self, entry: LockEntry) -> None:
        self.entries[entry.key] = entry


def lock_path(tracks_path: str | Path) -> Path:
    """``dir/tracks.toml`` → ``dir/tracks.lock``."""
    p = Path(tracks_path)
    return p.with_name(p.stem + ".lock")


def load(path: str | Path) -> Lock:
    """Read a lockfile; a missing file is an empty lock (nothing matched yet)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Lock(path=path)
    except OSError as exc:
        raise LockfileError(f"{path}: cannot read the lockfile: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LockfileError(
            f"{path}: the lockfile is not valid TOML ({exc}). Delete it and run "
            "`playlister match` again."
        ) from exc
    try:
        return _from_data(path, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise LockfileError(
            f"{path}: the lockfile is damaged (bad or missing {exc}). Delete it and run "
            "`playlister match` again."
        ) from exc


def save(lock: Lock, tracks: Iterable[Track]) -> None:
    """Atomically write ``lock``, entries in the order of ``tracks``; stale entries are dropped."""
    seen: set[str] = set()
    entries = []
    for t in tracks:
        e = lock.entries.get(t.key)
        if e is not None and t.key not in seen:
            seen.add(t.key)
            entries.append(_entry_data(e))
    doc: dict[str, Any] = {"version": FORMAT_VERSION}
    if lock.market:
        doc["market"] = lock.market
    if lock.playlist_id:
        doc["playlist"] = {"id": lock.playlist_id, "url": urls.spotify_playlist(lock.playlist_id)}
    doc["entry"] = entries
    text = HEADER + "\n" + tomli_w.dumps(doc)
    atomic_write(lock.path, text)


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != () and v != []}


def _info_data(m: MatchInfo) -> dict[str, Any]:
    return _clean(
        {
            "uri": m.uri,
            "title": m.title,
            "artists": list(m.artists),
            "album": m.album,
            "year": m.year,
            "duration_ms": m.duration_ms,
            "score": None if m.score is None else round(m.score, 3),
            "note": m.note,
        }
    )


def _entry_data(e: LockEntry) -> dict[str, Any]:
    d = _clean(
        {
            "key": e.key,
            "title": e.title,
            "artist": e.artist,
            "version": e.version,
            "status": e.status.value,
            "uri": e.uri,
            "score": round(e.score, 3),
            "reason": e.reason,
            "checked": e.checked,
        }
    )
    if e.pinned:
        d["pinned"] = True
    if e.match is not None:
        d["match"] = _info_data(e.match)
    if e.alternatives:
        d["alternatives"] = [_info_data(a) for a in e.alternatives]
    return d


def _info(d: dict[str, Any]) -> MatchInfo:
    return MatchInfo(
        uri=str(d["uri"]),
        title=str(d["title"]),
        artists=tuple(str(a) for a in d.get("artists", [])),
        album=str(d.get("album", "")),
        year=d.get("year"),
        duration_ms=d.get("duration_ms"),
        score=d.get("score"),
        note=d.get("note"),
    )


def _from_data(path: Path, data: dict[str, Any]) -> Lock:
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise LockfileError(
            f"{path}: lockfile format {version} is not one this playlister reads "
            f"({FORMAT_VERSION}). Upgrade playlister, or delete the lockfile and match again."
        )
    lock = Lock(path=path, market=data.get("market"))
    playlist = data.get("playlist") or {}
    lock.playlist_id = playlist.get("id")
    for d in data.get("entry", []):
        status = next((s for s in RECORDED if s.value == d["status"]), None)
        if status is None:
            raise ValueError(f"status {d['status']!r}")
        lock.put(
            LockEntry(
                key=str(d["key"]),
                title=str(d["title"]),
                artist=str(d["artist"]),
                version=d.get("version"),
                status=status,
                uri=d.get("uri"),
                score=float(d.get("score", 0.0)),
                reason=str(d.get("reason", "")),
                checked=str(d.get("checked", "")),
                match=_info(d["match"]) if "match" in d else None,
                alternatives=tuple(_info(a) for a in d.get("alternatives", [])),
                pinned=bool(d.get("pinned", False)),
            )
        )
    return lock
