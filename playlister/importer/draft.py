"""The TOML draft: a tracklist the curator finishes, or new entries appended to one.

Each entry carries a comment quoting where the source cites it; ``note`` is never written
(notes are the curator's own words). An entry whose artist the source never names gets
``artist = ""`` and ``# artist: fill in``, so ``playlister check`` (the loader's "must not be
empty") names exactly the entries left to finish.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from playlister.importer.model import Song
from playlister.match.text import fold
from playlister.tracklist import Tracklist

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _value(key: str, value: object) -> str:
    return tomli_w.dumps({key: value}).strip()


def _comment(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def entry_toml(song: Song, cite: str = "cited") -> str:
    """One ``[[track]]`` table for ``song``, with its passage as a comment."""
    lines = ["[[track]]"]
    if song.passage:
        lines.append(f"# {cite}: {_comment(song.passage)}")
    if song.not_found:
        lines.append(
            "# not found on Spotify by the import: check the spelling, or it is a song "
            "Spotify lacks"
        )
    lines.append(_value("title", song.title))
    if song.artist:
        lines.append(_value("artist", song.artist))
    else:
        lines.append('artist = ""  # artist: fill in')
    if song.version:
        lines.append(_value("version", song.version))
    if song.album:
        lines.append(_value("album", song.album))
    if song.year:
        lines.append(_value("year", song.year))
    if song.duration_ms:
        seconds = round(song.duration_ms / 1000)
        lines.append(_value("duration", f"{seconds // 60}:{seconds % 60:02d}"))
    if song.youtube:
        lines.append(_value("youtube", song.youtube))
    if song.spotify:
        lines.append(_value("spotify", song.spotify))
    return "\n".join(lines) + "\n"


def draft_toml(songs: list[Song], *, name: str, source: str, cite: str = "cited") -> str:
    """A whole tracklist: header comment, ``[playlist]`` with ``name``, then every song."""
    head = [
        f"# Draft tracklist made by `playlister import` from {_comment(source)}.",
        "# Each entry quotes where the source names the song: check it, then write a note",
        "# in your own words.",
        "",
        "[playlist]",
        _value("name", _comment(name) or "Imported songs"),
        f"# source: {_comment(source)}",
    ]
    body = [entry_toml(s, cite) for s in songs]
    return "\n".join(head) + "\n" + ("\n" + "\n".join(body) if body else "")


def song_key(title: str, artist: str | None, version: str | None) -> tuple[str, str, str]:
    """The loader's duplicate key: folded artist, title and version."""
    return fold(artist or ""), fold(title), fold(version or "")


def split_new(songs: list[Song], existing: Tracklist) -> tuple[list[Song], list[Song]]:
    """Songs not yet in ``existing`` and those it already holds (the loader's duplicate key).

    A song without an artist counts as held when an entry has its title and version.
    """
    keys = {song_key(t.title, t.artist, t.version) for t in existing.tracks}
    titles = {(k[1], k[2]) for k in keys}
    new: list[Song] = []
    held: list[Song] = []
    for s in songs:
        k = song_key(s.title, s.artist, s.version)
        if k in keys or (not s.artist and (k[1], k[2]) in titles):
            held.append(s)
        else:
            new.append(s)
            keys.add(k)
            titles.add((k[1], k[2]))
    return new, held


def append_toml(existing_text: str, songs: list[Song], *, source: str, cite: str = "cited") -> str:
    """``existing_text`` with ``songs`` appended after a comment naming the source."""
    text = existing_text.rstrip("\n") + "\n"
    if not songs:
        return text
    added = "\n".join(entry_toml(s, cite) for s in songs)
    return text + f"\n# Added by `playlister import` from {_comment(source)}.\n" + added


def read_existing(path: Path) -> str:
    return path.read_text(encoding="utf-8")
