"""The lockfile: what matching decided for each entry, and which playlist is ours.

It sits beside the tracklist (``tracks.toml`` → ``tracks.lock``), is TOML written with
``tomli_w`` in tracklist order so a diff reads well, and is replaced atomically so a crash
never leaves it half-written. Entries are keyed by ``Track.key``: editing an entry's title,
artist, album, year, version, duration or pinned URI changes its key, so it is matched again.
"""

from __future__ import annotations

import tomllib
from collections import Counter
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
    "# and the playlist `playlister create` keeps in sync ([playlist]: the items it put\n"
    "# there, so it changes only those). Safe to commit; edit the tracklist, not this file.\n"
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
    # The playlist as of playlister's last successful write (see ``record_playlist``): its
    # snapshot, its items in order (None: an unavailable item), and the items playlister put
    # there, URI -> copies. ``owned`` is None when nothing was recorded (older lockfiles).
    snapshot_id: str | None = None
    items: list[str | None] | None = None
    owned: dict[str, int] | None = None
    # Set just before ``POST /me/playlists`` (ISO 8601 UTC), cleared once its answer is in:
    # a run that finds it set knows a playlist may exist that the lockfile does not name.
    creating_since: str | None = None

    def get(self, track: Track) -> LockEntry | None:
        return self.entries.get(track.key)

    def put(self, entry: LockEntry) -> None:
        self.entries[entry.key] = entry

    def record_playlist(self, items: Iterable[str | None], owned: Iterable[str],
                        snapshot_id: str | None) -> None:
        """Remember the playlist as just written: all its items in order, which of them
        playlister put there, and the snapshot they make (None: unknown, read next time)."""
        self.items = list(items)
        self.owned = dict(Counter(owned))
        self.snapshot_id = snapshot_id

    def forget_playlist(self) -> None:
        """The recorded playlist is gone (or replaced): drop everything known about it."""
        self.playlist_id = None
        self.snapshot_id = None
        self.items = None
        self.owned = None


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
    if not raw.strip():
        raise LockfileError(
            f"{path}: the lockfile is empty ({len(raw)} bytes): it was damaged (a full disk, "
            "an interrupted copy?). Restore it from version control or a backup; deleting it "
            "loses the playlist it records, and the next `playlister create` makes a new one."
        )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LockfileError(
            f"{path}: the lockfile is not valid TOML ({exc}). Delete it and run "
            "`playlister match` again."
        ) from exc
    if not data:
        raise LockfileError(
            f"{path}: the lockfile holds nothing (not even its format version): it was "
            "damaged. Restore it from version control or a backup; deleting it loses the "
            "playlist it records, and the next `playlister create` makes a new one."
        )
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
    playlist = _playlist_data(lock)
    if playlist:
        doc["playlist"] = playlist
    doc["entry"] = entries
    text = HEADER + "\n" + tomli_w.dumps(doc)
    atomic_write(lock.path, text)


def _playlist_data(lock: Lock) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if lock.playlist_id:
        d["id"] = lock.playlist_id
        d["url"] = urls.spotify_playlist(lock.playlist_id)
    if lock.creating_since:
        d["creating_since"] = lock.creating_since
    if lock.playlist_id and lock.snapshot_id:
        d["snapshot_id"] = lock.snapshot_id
    if lock.playlist_id and lock.items is not None:
        d["items"] = ["" if u is None else u for u in lock.items]
    if lock.playlist_id and lock.owned is not None:
        d["owned"] = dict(sorted(lock.owned.items()))
    return d


def _playlist_from_data(lock: Lock, raw: Any) -> None:
    """Fill ``lock``'s playlist fields from the ``[playlist]`` table (ValueError if bad)."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise ValueError("[playlist] table")

    def text(key: str) -> str | None:
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) and value):
            raise ValueError(f"playlist.{key}")
        return value

    lock.playlist_id = text("id")
    lock.snapshot_id = text("snapshot_id")
    lock.creating_since = text("creating_since")
    if "items" in raw:
        items = raw["items"]
        if not isinstance(items, list) or not all(isinstance(u, str) for u in items):
            raise ValueError("playlist.items")
        lock.items = [u or None for u in items]
    if "owned" in raw:
        owned = raw["owned"]
        if not isinstance(owned, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0
                for n in owned.values()):
            raise ValueError("playlist.owned")
        lock.owned = {str(u): n for u, n in owned.items()}


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
    _playlist_from_data(lock, data.get("playlist"))
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
