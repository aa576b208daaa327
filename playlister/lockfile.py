"""The lockfile: what matching decided for each entry, and which playlist is ours.

It sits beside the tracklist (``tracks.toml`` → ``tracks.lock``), is TOML written with
``tomli_w`` in tracklist order so a diff reads well, and is replaced atomically so a crash
never leaves it half-written. Entries are keyed by ``Track.key``: editing an entry's title,
artist, album, year, version, duration or pinned URI changes its key, so it is matched again.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playlister import urls
from playlister.errors import LockfileError
from playlister.files import NotAFileError, TooLargeError, atomic_write, read_input
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
    # A pin Spotify confirmed with a track lookup (its match is then Spotify's own record);
    # a pin recorded before lookups existed is looked up once more.
    verified: bool = False


@dataclass
class PlaylistRecord:
    """One playlist playlister keeps in step: the whole list's, or a ``--tag`` subset's.

    ``id``: the playlist (None before the first create). ``snapshot_id``, ``items`` and
    ``owned``: the playlist as of playlister's last successful write (see :meth:`record`): its
    snapshot, its items in order (None: an unavailable item), and the items playlister put
    there, URI -> copies (``owned`` None: nothing recorded, as in older lockfiles).
    ``creating_since`` is set just before ``POST /me/playlists`` (ISO 8601 UTC) and cleared once
    its answer is in: a run that finds it set knows a playlist may exist that nothing names.
    ``tags`` selects a subset (empty: the whole list); ``name`` is a subset's playlist name,
    kept so a later run without ``--name`` does not rename it.
    """

    id: str | None = None
    snapshot_id: str | None = None
    items: list[str | None] | None = None
    owned: dict[str, int] | None = None
    creating_since: str | None = None
    tags: tuple[str, ...] = ()
    name: str | None = None

    def record(
        self, items: Iterable[str | None], owned: Iterable[str], snapshot_id: str | None
    ) -> None:
        """Remember the playlist as just written: all its items in order, which of them
        playlister put there, and the snapshot they make (None: unknown, read next time)."""
        self.items = list(items)
        self.owned = dict(Counter(owned))
        self.snapshot_id = snapshot_id

    def forget(self) -> None:
        """The recorded playlist is gone (or replaced): drop everything known about it."""
        self.id = None
        self.snapshot_id = None
        self.items = None
        self.owned = None


def selection_key(tags: Iterable[str]) -> str:
    """The key a ``--tag`` selection's playlist is recorded under ("" for the whole list)."""
    return ",".join(sorted({t.casefold() for t in tags}))


@dataclass
class Lock:
    """The whole lockfile in memory."""

    path: Path
    entries: dict[str, LockEntry] = field(default_factory=dict)
    market: str | None = None
    playlist: PlaylistRecord = field(default_factory=PlaylistRecord)
    # Playlists of --tag selections, by selection_key(): a subset never edits the whole
    # list's playlist.
    subsets: dict[str, PlaylistRecord] = field(default_factory=dict)

    def get(self, track: Track) -> LockEntry | None:
        return self.entries.get(track.key)

    def put(self, entry: LockEntry) -> None:
        self.entries[entry.key] = entry

    def playlist_for(self, tags: Iterable[str]) -> PlaylistRecord | None:
        """The record of the playlist for this selection, if one was made."""
        key = selection_key(tags)
        return self.subsets.get(key) if key else self.playlist

    def record_for(self, tags: Iterable[str]) -> PlaylistRecord:
        """The record for this selection, made empty if there is none yet."""
        key = selection_key(tags)
        if not key:
            return self.playlist
        return self.subsets.setdefault(key, PlaylistRecord(tags=tuple(key.split(","))))


def now() -> str:
    """The current UTC time as the lockfile records it: ISO 8601 to the second, ``Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def lock_path(tracks_path: str | Path) -> Path:
    """``dir/tracks.toml`` → ``dir/tracks.lock``."""
    p = Path(tracks_path)
    return p.with_name(p.stem + ".lock")


def load(path: str | Path) -> Lock:
    """Read a lockfile; a missing file is an empty lock (nothing matched yet)."""
    path = Path(path)
    try:
        raw = read_input(path)
    except FileNotFoundError:
        return Lock(path=path)
    except (NotAFileError, TooLargeError, IsADirectoryError):
        raise LockfileError(
            f"{path}: is not a lockfile playlister wrote (not a regular file, or over 20 MB). "
            "Move it away and run `playlister match` again."
        ) from None
    except OSError as exc:
        raise LockfileError(f"{path}: cannot read the lockfile: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise LockfileError(
            f"{path}: the lockfile is empty ({len(raw)} bytes): it was damaged (a full disk, "
            f"an interrupted copy?). {_damaged_advice(raw)}"
        )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, bad bytes, huge numbers
        raise LockfileError(
            f"{path}: the lockfile is not valid TOML ({exc}). {_damaged_advice(raw)}"
        ) from exc
    if not data:
        raise LockfileError(
            f"{path}: the lockfile holds nothing (not even its format version): it was "
            f"damaged. {_damaged_advice(raw)}"
        )
    try:
        return _from_data(path, data)
    except _Bad as exc:
        raise LockfileError(f"{path}, {exc}. {_damaged_advice(raw, fix=True)}") from None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise LockfileError(
            f"{path}: the lockfile is damaged (bad or missing {exc}). {_damaged_advice(raw)}"
        ) from exc


_PLAYLIST_ID = re.compile(rb"^\s*id\s*=\s*[\"']([A-Za-z0-9]{10,40})[\"']", re.MULTILINE)


def _damaged_advice(raw: bytes, *, fix: bool = False) -> str:
    """What to do about a damaged lockfile without losing the playlist it links to.

    Deleting it would make the next ``create`` make a second playlist, so the advice is to
    restore it (or mend the named field), and the playlist's link is given when it can still be
    read from the damaged text.
    """
    first = "Fix that field, or restore" if fix else "Restore"
    found = _PLAYLIST_ID.search(raw)
    link = (
        f" It records the playlist {urls.spotify_playlist(found.group(1).decode())}."
        if found
        else ""
    )
    return (
        f"{first} the lockfile from version control or a backup.{link} Deleting it would "
        "make the next `playlister create` make a second playlist."
    )


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
    playlist = _playlist_data(lock.playlist)
    if playlist:
        doc["playlist"] = playlist
    subsets = [d for _, r in sorted(lock.subsets.items()) if (d := _playlist_data(r))]
    if subsets:
        doc["subset"] = subsets
    doc["entry"] = entries
    import tomli_w  # only writers need it: audit and notes read the lockfile only

    text = HEADER + "\n" + tomli_w.dumps(doc)
    atomic_write(lock.path, text)


def _playlist_data(record: PlaylistRecord) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if record.tags:
        d["tags"] = list(record.tags)
    if record.name:
        d["name"] = record.name
    if record.id:
        d["id"] = record.id
        d["url"] = urls.spotify_playlist(record.id)
    if record.creating_since:
        d["creating_since"] = record.creating_since
    if record.id and record.snapshot_id:
        d["snapshot_id"] = record.snapshot_id
    if record.id and record.items is not None:
        d["items"] = ["" if u is None else u for u in record.items]
    if record.id and record.owned is not None:
        d["owned"] = dict(sorted(record.owned.items()))
    return d if set(d) - {"tags", "name"} else {}


def _playlist_from_data(raw: Any, where: str, *, subset: bool = False) -> PlaylistRecord:
    """A ``[playlist]`` or ``[[subset]]`` table as a record (``_Bad`` if wrong)."""
    record = PlaylistRecord()
    if raw is None:
        return record
    if not isinstance(raw, dict):
        raise _Bad(where, "must be a table")
    for key in ("id", "snapshot_id", "creating_since", "name"):
        value = _field(raw, key, (str,), where)
        if value == "":
            raise _Bad(where, f"field '{key}' must not be empty")
        setattr(record, key, value)
    items = _field(raw, "items", (list,), where)
    if items is not None:
        if not all(isinstance(u, str) for u in items):
            raise _Bad(where, "field 'items' must be a list of URIs")
        record.items = [u or None for u in items]
    owned = _field(raw, "owned", (dict,), where)
    if owned is not None:
        if not all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in owned.values()
        ):
            table = f"{where}, owned" if subset else "[playlist.owned]"
            raise _Bad(where, f"every count in {table} must be a whole number above 0")
        record.owned = {str(u): n for u, n in owned.items()}
    tags = _field(raw, "tags", (list,), where, required=subset)
    if subset:
        if not tags or not all(isinstance(t, str) and t for t in tags):
            raise _Bad(where, "field 'tags' must be a list of tags")
        record.tags = tuple(selection_key(tags).split(","))
    return record


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
        if e.verified:
            d["verified"] = True
    if e.match is not None:
        d["match"] = _info_data(e.match)
    if e.alternatives:
        d["alternatives"] = [_info_data(a) for a in e.alternatives]
    return d


class _Bad(ValueError):
    """One field of one entry is wrong; ``where`` names it for the message."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")


def _field(
    d: dict[str, Any],
    key: str,
    kinds: tuple[type, ...],
    where: str,
    *,
    required: bool = False,
    default: Any = None,
) -> Any:
    """``d[key]`` if it has one of ``kinds`` (a bool is never a number), else ``_Bad``."""
    if key not in d:
        if required:
            raise _Bad(where, f"field '{key}' is missing")
        return default
    value = d[key]
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        names = " or ".join(
            {
                str: "a string",
                int: "a whole number",
                float: "a number",
                bool: "true or false",
                list: "a list",
                dict: "a table",
            }[k]
            for k in kinds
        )
        raise _Bad(where, f"field '{key}' must be {names}")
    return value


def _uri(d: dict[str, Any], where: str, *, required: bool) -> str | None:
    uri = _field(d, "uri", (str,), where, required=required)
    if uri is not None and not urls.is_track_uri(uri):
        shown = uri if len(uri) <= 60 else uri[:59] + "…"
        raise _Bad(
            where,
            f"field 'uri' is not a Spotify track URI (spotify:track: and 22 "
            f"letters or digits): {shown!r}",
        )
    return str(uri) if uri is not None else None


def _info(d: Any, where: str) -> MatchInfo:
    if not isinstance(d, dict):
        raise _Bad(where, "must be a table")
    artists = _field(d, "artists", (list,), where, default=[])
    if not all(isinstance(a, str) for a in artists):
        raise _Bad(where, "field 'artists' must be a list of strings")
    score = _field(d, "score", (int, float), where)
    return MatchInfo(
        uri=str(_uri(d, where, required=True)),
        title=_field(d, "title", (str,), where, required=True),
        artists=tuple(artists),
        album=_field(d, "album", (str,), where, default=""),
        year=_field(d, "year", (int,), where),
        duration_ms=_field(d, "duration_ms", (int,), where),
        score=None if score is None else float(score),
        note=_field(d, "note", (str,), where),
    )


def _entry(d: Any, n: int) -> LockEntry:
    """Entry ``n`` (1-based) of the lockfile, every field's type checked."""
    where = f"entry {n}"
    if not isinstance(d, dict):
        raise _Bad(where, "must be a table")
    if isinstance(d.get("title"), str):
        where = f"entry {n} ({d['title']!r})"
    raw_status = _field(d, "status", (str,), where, required=True)
    status = next((s for s in RECORDED if s.value == raw_status), None)
    if status is None:
        raise _Bad(
            where,
            f"field 'status' is {raw_status!r}, not one of " + ", ".join(s.value for s in RECORDED),
        )
    alternatives = _field(d, "alternatives", (list,), where, default=[])
    match = _field(d, "match", (dict,), where)
    return LockEntry(
        key=_field(d, "key", (str,), where, required=True),
        title=_field(d, "title", (str,), where, required=True),
        artist=_field(d, "artist", (str,), where, required=True),
        version=_field(d, "version", (str,), where),
        status=status,
        uri=_uri(d, where, required=False),
        score=float(_field(d, "score", (int, float), where, default=0.0)),
        reason=_field(d, "reason", (str,), where, default=""),
        checked=_field(d, "checked", (str,), where, default=""),
        match=_info(match, f"{where}, match") if match is not None else None,
        alternatives=tuple(
            _info(a, f"{where}, alternative {i}") for i, a in enumerate(alternatives, start=1)
        ),
        pinned=_field(d, "pinned", (bool,), where, default=False),
        verified=_field(d, "verified", (bool,), where, default=False),
    )


def _from_data(path: Path, data: dict[str, Any]) -> Lock:
    version = data.get("version", FORMAT_VERSION)
    if isinstance(version, bool) or version != FORMAT_VERSION:
        raise LockfileError(
            f"{path}: lockfile format {version!r} is not one this playlister reads "
            f"({FORMAT_VERSION}). Upgrade playlister, or delete the lockfile and match again."
        )
    market = data.get("market")
    if market is not None and not isinstance(market, str):
        raise _Bad("market", "must be a string")
    lock = Lock(path=path, market=data.get("market"))
    lock.playlist = _playlist_from_data(data.get("playlist"), "[playlist]")
    subsets = data.get("subset", [])
    if not isinstance(subsets, list):
        raise _Bad("subset", "must be a list of [[subset]] tables")
    for n, raw in enumerate(subsets, start=1):
        record = _playlist_from_data(raw, f"[[subset]] {n}", subset=True)
        lock.subsets[selection_key(record.tags)] = record
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise _Bad("entry", "must be a list of [[entry]] tables")
    for n, d in enumerate(entries, start=1):
        lock.put(_entry(d, n))
    return lock
