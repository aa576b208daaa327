"""The tracklist: ``tracks.toml`` read into plain data, with every mistake reported precisely."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from playlister.errors import TracklistError, TracklistErrors
from playlister.files import MAX_INPUT_BYTES, NotAFileError, TooLargeError, read_input
from playlister.limits import MAX_PLAYLIST_DESCRIPTION, MAX_PLAYLIST_NAME
from playlister.text import fold
from playlister.urls import track_uri, video_id


@dataclass(frozen=True)
class Track:
    """One wanted song; ``index`` is its 1-based position, ``line`` where its table starts."""

    title: str
    artist: str
    album: str | None = None
    year: int | None = None
    version: str | None = None
    duration_ms: int | None = None
    note: str | None = None
    act: str | None = None
    scene: str | None = None
    tags: tuple[str, ...] = ()
    youtube: str | None = None
    spotify: str | None = None  # normalised to "spotify:track:<id>"
    stand_in: str | None = None  # a pinned track standing in for the recording wanted
    absent: bool = False  # ``spotify = "none"``: settled as not on Spotify, never searched
    index: int = 0
    line: int | None = None

    @cached_property
    def key(self) -> str:
        """A fingerprint of what matching depends on: editing any of it forces a new match."""
        data = [
            self.title,
            self.artist,
            self.album,
            self.year,
            self.version,
            self.duration_ms,
            self.spotify,
        ]
        if self.stand_in or self.absent:  # only when set: older lockfiles' keys stay valid
            data += [self.stand_in, self.absent]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]

    @property
    def settled(self) -> bool:
        """Whether the tracklist itself says where the entry stands (a pin, or "none")."""
        return bool(self.spotify or self.stand_in or self.absent)

    @property
    def label(self) -> str:
        return f"{self.artist} - {self.title}"


@dataclass(frozen=True)
class PlaylistInfo:
    name: str = "playlister"
    description: str = ""
    public: bool = False


@dataclass(frozen=True)
class Tracklist:
    path: Path
    playlist: PlaylistInfo
    tracks: tuple[Track, ...] = field(default_factory=tuple)

    def select(self, tags: tuple[str, ...] | list[str] = ()) -> list[Track]:
        """Tracks carrying any of ``tags`` (all tracks when none given).

        A tag that selects nothing is almost always a typo, so it is an error naming the
        tags the file does use.
        """
        if not tags:
            return list(self.tracks)
        wanted = {t.casefold() for t in tags}
        chosen = [t for t in self.tracks if wanted & {x.casefold() for x in t.tags}]
        if not chosen:
            used = sorted(_unique_tags(x for t in self.tracks for x in t.tags), key=str.casefold)
            raise TracklistError(
                self.path,
                f"no song has the tag {', '.join(repr(t) for t in tags)}; tags in use: "
                + (", ".join(used) if used else "none"),
            )
        return chosen


TOP_KEYS = ("playlist", "track")
PLAYLIST_KEYS = ("name", "description", "public")
TRACK_KEYS = (
    "title",
    "artist",
    "album",
    "year",
    "version",
    "duration",
    "note",
    "act",
    "scene",
    "tags",
    "youtube",
    "spotify",
    "stand_in",
)
NOT_ON_SPOTIFY = "none"  # ``spotify = "none"``: a person settled that Spotify lacks the song
_DURATION = re.compile(r"^(\d{1,3}):([0-5]\d)$")
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TRACK_HEADER = re.compile(r"^\s*\[\[\s*track\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")


def load(path: str | Path) -> Tracklist:
    """Read and validate a tracklist; raise ``TracklistError`` naming file, line, entry, field.

    Every problem in the file is reported at once (``TracklistErrors``) so a user fixes them
    in one pass rather than one run per typo.
    """
    path = Path(path)
    if path.suffix == ".lock":  # its lockfile would be itself: a match would overwrite it
        raise TracklistError(
            path,
            "that is a lockfile (playlister writes it beside the tracklist), not a "
            f"tracklist; pass the .toml file it belongs to, e.g. {path.with_suffix('.toml')}.",
        )
    try:
        raw = read_input(path)
    except FileNotFoundError:
        raise TracklistError(
            path, "no such file. Create it (see 'The tracklist' in the README) or pass its path."
        ) from None
    except IsADirectoryError:
        raise TracklistError(path, "is a directory, not a tracklist file.") from None
    except NotAFileError:
        raise TracklistError(
            path,
            "is not a regular file (a pipe, a device or a socket); give the path of a "
            "tracklist file.",
        ) from None
    except TooLargeError:
        raise TracklistError(
            path,
            f"is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB, which no tracklist "
            "is: is this the right file?",
        ) from None
    except OSError as exc:
        raise TracklistError(path, f"cannot be read: {exc.strerror or exc}.") from None
    text = _decode(path, raw)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_AT.search(msg)
        line = int(m.group(1)) if m else None
        detail = _TOML_AT.sub("", msg)
        raise TracklistError(path, f"TOML syntax error: {detail}", line=line) from None
    except RecursionError:
        raise TracklistError(path, "TOML nested too deeply to be a tracklist.") from None
    except ValueError:  # tomllib: an integer past Python's 4300-digit conversion limit
        raise TracklistError(
            path, "a number with thousands of digits is not a tracklist value."
        ) from None
    return _Validator(path, text).run(data)


class _Validator:
    """Collects every problem in one parsed document, with line numbers found in the text."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[TracklistError] = []
        self.track_lines = [i + 1 for i, ln in enumerate(self.lines) if _TRACK_HEADER.match(ln)]

    def run(self, data: dict[str, Any]) -> Tracklist:
        for key in data:
            if key not in TOP_KEYS:
                self.fail(
                    f"unknown key{_suggest(key, TOP_KEYS)}", line=self.key_line(key), field=key
                )
        raw_playlist = data.get("playlist")
        if isinstance(raw_playlist, dict):
            start = self.key_line("playlist")
            for key, value in raw_playlist.items():
                self.controls(
                    value,
                    field=f"playlist.{key}",
                    line=(self.key_line(key, start) if start else None) or start,
                )
        playlist = self.playlist(data.get("playlist", {}))
        raw_tracks = data.get("track", [])
        tracks: list[Track] = []
        if not isinstance(raw_tracks, list):
            self.fail(
                "must be a list of [[track]] tables", line=self.key_line("track"), field="track"
            )
            raw_tracks = []
        if not raw_tracks and not self.problems:
            self.fail("no songs: add a [[track]] table with a title and an artist for each song")
        seen: dict[tuple[str, str, str], Track] = {}
        for i, item in enumerate(raw_tracks, start=1):
            track = self.track(i, item)
            if track is None:
                continue
            dup_key = (fold(track.artist), fold(track.title), fold(track.version or ""))
            first = seen.get(dup_key)
            if first is not None:
                where = f"track {first.index}" + (f" (line {first.line})" if first.line else "")
                self.fail(
                    f"the same song as {where}; remove one, or give them different versions",
                    line=track.line,
                    entry=i,
                    title=track.title,
                )
            else:
                seen[dup_key] = track
            tracks.append(track)
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise TracklistErrors(self.path, self.problems)
        return Tracklist(path=self.path, playlist=playlist, tracks=tuple(tracks))

    def fail(self, message: str, **where: Any) -> None:
        # A key or title from the file may hold escape sequences: never print them raw.
        for name in ("field", "title"):
            if isinstance(where.get(name), str):
                where[name] = _printable(where[name])
        self.problems.append(TracklistError(self.path, message, **where))

    def controls(self, raw: Any, *, field: str, line: int | None, **where: Any) -> None:
        """Report a control character (a terminal escape, say) in any string of ``raw``."""
        values = raw if isinstance(raw, list) else [raw]
        for value in values:
            bad = _control(value) if isinstance(value, str) else None
            if bad:
                self.fail(
                    f"contains the control character {bad}; remove it (terminal escape "
                    "sequences are not allowed)",
                    field=field,
                    line=line,
                    **where,
                )
                return

    def key_line(self, key: str, start: int | None = None) -> int | None:
        """Line of ``key = …`` in the table whose header is at ``start`` (top level if None)."""
        k = re.escape(key)
        assign = re.compile(rf'^\s*(?:"{k}"|{k})\s*=')
        if start is None:
            header = re.compile(rf"^\s*\[+\s*{k}\s*\]")
            top = True
            for n, line in enumerate(self.lines, start=1):
                if header.match(line):
                    return n
                top = top and not _ANY_HEADER.match(line)
                if top and assign.match(line):
                    return n
            return None
        for n in range(start + 1, len(self.lines) + 1):
            line = self.lines[n - 1]
            if _ANY_HEADER.match(line):
                return None
            if assign.match(line):
                return n
        return None

    def playlist(self, raw: Any) -> PlaylistInfo:
        default = PlaylistInfo(name=self.path.stem.replace("_", " ").replace("-", " ").title())
        line = self.key_line("playlist")
        if not isinstance(raw, dict):
            self.fail(
                "must be a table: [playlist] with name, description, public",
                line=line,
                field="playlist",
            )
            return default

        def at(key: str) -> int | None:
            return self.key_line(key, line) if line else None

        for key in raw:
            if key not in PLAYLIST_KEYS:
                self.fail(
                    f"unknown key in [playlist]{_suggest(key, PLAYLIST_KEYS)}",
                    line=at(key),
                    field=key,
                )
        values: dict[str, Any] = {}
        for key, kind in (("name", str), ("description", str), ("public", bool)):
            if key not in raw:
                continue
            value = raw[key]
            if not isinstance(value, kind):
                self.fail(
                    f"must be {_kind(kind)}, not {_kind(type(value))}",
                    line=at(key),
                    field=f"playlist.{key}",
                )
            elif key == "name" and isinstance(value, str) and not value.strip():
                self.fail("must not be empty", line=at(key), field="playlist.name")
            elif isinstance(value, str) and (problem := spotify_text_problem(key, value.strip())):
                self.fail(problem, line=at(key), field=f"playlist.{key}")
            else:
                values[key] = value.strip() if isinstance(value, str) else value
        return PlaylistInfo(
            name=values.get("name", default.name),
            description=values.get("description", ""),
            public=values.get("public", False),
        )

    def track(self, index: int, raw: Any) -> Track | None:
        """The entry at ``index`` as a Track, or None with its problems recorded."""
        start = self.track_lines[index - 1] if index <= len(self.track_lines) else None
        title = raw.get("title") if isinstance(raw, dict) else None
        title = " ".join(title.split()) if isinstance(title, str) and not _blank(title) else None
        before = len(self.problems)

        def bad(message: str, key: str | None = None) -> None:
            line = self.key_line(key, start) if key and start else start
            self.fail(message, line=line or start, entry=index, title=title, field=key)

        if not isinstance(raw, dict):
            bad("must be a table with at least a title and an artist")
            return None
        for key in raw:
            if key not in TRACK_KEYS:
                bad(f"unknown key{_suggest(key, TRACK_KEYS)}", key)
        for key, value in raw.items():
            if key in TRACK_KEYS:
                line = (self.key_line(key, start) if start else None) or start
                self.controls(value, field=key, line=line, entry=index, title=title)
        out: dict[str, Any] = {}
        for key, read in _FIELDS.items():
            if key not in raw and key not in _REQUIRED:
                continue
            got = read(raw.get(key))
            if isinstance(got, str):
                bad(got, key)
            elif got is not None:
                out[got[0]] = got[1]
        if "stand_in" in raw and "spotify" in raw:
            bad(
                "give either spotify (the recording asked for) or stand_in (a track that "
                "stands in for it), not both",
                "stand_in",
            )
        if len(self.problems) > before:
            return None
        return Track(index=index, line=start, **out)


# --- one reader per field: (the Track's attribute, its value), a problem, or None (blank) ---

_Read = tuple[str, Any] | str | None
_REQUIRED = ("title", "artist")


def _required_text(key: str) -> Callable[[Any], _Read]:
    def read(value: Any) -> _Read:
        if value is None:
            return "is required"
        if not isinstance(value, str):
            return f"must be a string, not {_kind(type(value))}"
        if _blank(value):
            return "must not be empty"
        return key, " ".join(value.split())

    return read


def _optional_text(key: str) -> Callable[[Any], _Read]:
    def read(value: Any) -> _Read:
        if not isinstance(value, str):
            return f"must be a string, not {_kind(type(value))}"
        if _blank(value):
            return None
        return key, _reflow(value) if key == "note" else " ".join(value.split())

    return read


def _read_act(act: Any) -> _Read:
    if isinstance(act, bool) or not isinstance(act, str | int):
        return f"must be a string or a whole number, not {_kind(type(act))}"
    return "act", f"Act {act}" if isinstance(act, int) else act.strip()


def _read_year(year: Any) -> _Read:
    if isinstance(year, bool) or not isinstance(year, int):
        return f"must be a whole number such as 1995, not {_kind(type(year))}"
    if not 1900 <= year <= 2100:
        shown = f"{year} " if abs(year) < 10**6 else ""
        return f"{shown}is not a plausible release year"
    return "year", year


def _read_duration(value: Any) -> _Read:
    ms = _duration_ms(value)
    if ms is None:
        return 'must be "m:ss" (e.g. "4:05") or a number of seconds'
    return "duration_ms", ms


def _read_tags(tags: Any) -> _Read:
    if not isinstance(tags, list) or not all(isinstance(t, str) and not _blank(t) for t in tags):
        return 'must be a list of words, e.g. ["influence", "film"]'
    return "tags", _unique_tags(" ".join(t.split()) for t in tags)


def _read_youtube(url: Any) -> _Read:
    if not isinstance(url, str) or video_id(url) is None:
        return (
            "is not a YouTube video URL (https://www.youtube.com/watch?v=… or https://youtu.be/…)"
        )
    return "youtube", url.strip()


def _read_spotify(value: Any) -> _Read:
    if value == NOT_ON_SPOTIFY:
        return "absent", True
    uri = _spotify_uri(value)
    if uri is None:
        return (
            "is not a Spotify track URI or URL (spotify:track:<22-character ID> or "
            'https://open.spotify.com/track/<ID>), or "none" when it is not on Spotify'
        )
    return "spotify", uri


def _read_stand_in(value: Any) -> _Read:
    uri = _spotify_uri(value)
    if uri is None:
        return (
            "is not a Spotify track URI or URL (spotify:track:<22-character ID> or "
            "https://open.spotify.com/track/<ID>)"
        )
    return "stand_in", uri


# In the order problems are reported.
_FIELDS: dict[str, Callable[[Any], _Read]] = {
    **{key: _required_text(key) for key in _REQUIRED},
    **{key: _optional_text(key) for key in ("album", "version", "note", "scene")},
    "act": _read_act,
    "year": _read_year,
    "duration": _read_duration,
    "tags": _read_tags,
    "youtube": _read_youtube,
    "spotify": _read_spotify,
    "stand_in": _read_stand_in,
}


def spotify_text_problem(field: str, value: str) -> str | None:
    """Why Spotify would refuse ``value`` as the playlist's ``field`` ("name" or
    "description"), or None: checked before any request so the whole run is not wasted."""
    limit = MAX_PLAYLIST_NAME if field == "name" else MAX_PLAYLIST_DESCRIPTION
    if len(value) > limit:
        return (
            f"is {len(value)} characters long; Spotify takes a playlist {field} of at most {limit}"
        )
    if field == "description" and ("\n" in value or "\r" in value):
        return "must be one line: Spotify refuses a playlist description with a line break"
    return None


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text, with or without the byte-order mark Notepad writes; UTF-16 is named."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        raise TracklistError(
            path, "is UTF-16 text; save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TracklistError(path, "is not UTF-8 text; save it as UTF-8.", line=line) from None


# Characters that draw nothing: a title made only of these is as empty as "".
_BLANK_LOOKING = frozenset("\u115f\u1160\u180e\u2800\u3164\uffa0")


def _blank(text: str) -> bool:
    """True for text made only of spaces and invisible characters (zero-width, fillers)."""
    return all(c.isspace() or c in _BLANK_LOOKING or unicodedata.category(c) == "Cf" for c in text)


def _control(text: str) -> str | None:
    """The first control character in ``text`` other than tab and line ends, escaped."""
    for c in text:
        if c not in "\t\n\r" and unicodedata.category(c) == "Cc":
            return repr(c)[1:-1]
    return None


def _printable(text: str | None) -> str | None:
    """``text`` safe to print in a message: control and invisible characters escaped."""
    if text is None:
        return None
    return "".join(c if c == " " or c.isprintable() else repr(c)[1:-1].strip("'") for c in text)


def _reflow(text: str) -> str:
    """Join a note's hard-wrapped lines; keep blank-line paragraph breaks."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags in order, those differing only in case kept once (as first spelt)."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def _spotify_uri(value: Any) -> str | None:
    return track_uri(value) if isinstance(value, str) else None


def _duration_ms(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and 0 < value < 100 * 60:
        return int(value * 1000)
    if isinstance(value, str):
        m = _DURATION.match(value.strip())
        if m:
            ms = (int(m.group(1)) * 60 + int(m.group(2))) * 1000
            return ms or None
    return None


def _suggest(key: str, known: tuple[str, ...]) -> str:
    near = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    if near:
        return f"; did you mean '{near[0]}'?"
    return f"; allowed keys: {', '.join(known)}"


def _kind(t: type) -> str:
    return {
        str: "a string",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }.get(t, t.__name__)


def summary(tracklist: Tracklist) -> str:
    """One line for `playlister check`: what the file holds."""
    tracks = tracklist.tracks
    spelling: dict[str, str] = {}  # tags differing only in case are one tag
    tags: dict[str, int] = {}
    for t in tracks:
        for tag in t.tags:
            name = spelling.setdefault(tag.casefold(), tag)
            tags[name] = tags.get(name, 0) + 1
    parts = [f"{len(tracks)} song{'s' if len(tracks) != 1 else ''}, all valid"]
    if tags:
        parts.append("tags: " + ", ".join(f"{k} {v}" for k, v in sorted(tags.items())))
    parts.append(f"{sum(1 for t in tracks if t.version)} with a version wanted")
    parts.append(f"{sum(1 for t in tracks if t.youtube)} with a YouTube link")
    parts.append(f"{sum(1 for t in tracks if t.spotify or t.stand_in)} pinned")
    absent = sum(1 for t in tracks if t.absent)
    if absent:
        parts.append(f"{absent} marked not on Spotify")
    return f"{tracklist.path}: " + "; ".join(parts) + "."
