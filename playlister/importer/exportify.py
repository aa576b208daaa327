"""A playlist exported by Exportify (CSV), and a Spotify playlist's own track objects.

Exportify names its columns in the header ("Track Name", "Artist Name(s)", "Album Name",
"Track URI", "Release Date", "Duration (ms)"); columns are found by name, in any order, and
extra columns are ignored. Every song comes pinned to its Spotify URI, so matching makes no
search for it.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from playlister.importer.errors import SourceError
from playlister.importer.model import LeftOut, Song
from playlister.match.versions import split_title, version_kinds

_URI = re.compile(r"^spotify:track:[A-Za-z0-9]{22}$")
_COLUMNS = {
    "title": ("track name", "name", "title"),
    "artist": ("artist name(s)", "artist name", "artist names", "artists", "artist"),
    "album": ("album name", "album"),
    "uri": ("track uri", "uri", "spotify uri"),
    "date": ("release date", "album release date"),
    "duration": ("duration (ms)", "track duration (ms)", "duration_ms"),
}


def read_exportify(text: str, source: str) -> tuple[list[Song], list[LeftOut]]:
    """Songs from Exportify CSV ``text``; raise ``SourceError`` if it has no such columns."""
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise SourceError(source, f"is not readable CSV: {exc}.") from None
    if not rows:
        raise SourceError(source, "is an empty CSV file.")
    header = [h.strip().lstrip("\ufeff").casefold() for h in rows[0]]
    col: dict[str, int] = {}
    for name, options in _COLUMNS.items():
        for option in options:
            if option in header:
                col[name] = header.index(option)
                break
    if "title" not in col or "artist" not in col:
        raise SourceError(
            source,
            "is a CSV without 'Track Name' and 'Artist Name(s)' "
            "columns (is it an Exportify export?).",
        )
    songs: list[Song] = []
    left: list[LeftOut] = []
    for n, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        if not any(c.strip() for c in row):
            continue
        title, artist = cell("title"), cell("artist")
        if not title or not artist:
            left.append(LeftOut(f"row {n}", "no track name" if not title else "no artist"))
            continue
        uri = cell("uri")
        year_m = re.match(r"^(\d{4})", cell("date"))
        year = int(year_m.group(1)) if year_m and 1900 <= int(year_m.group(1)) <= 2100 else None
        duration = cell("duration")
        title, version = _title_version(title)
        songs.append(
            Song(
                title=title,
                artist=", ".join(a.strip() for a in re.split(r"[;,]", artist) if a.strip())
                if ";" in artist
                else artist,
                version=version,
                album=cell("album") or None,
                spotify=uri if _URI.match(uri) else None,
                year=year,
                duration_ms=int(duration) if duration.isdigit() and int(duration) > 0 else None,
                passage=f"row {n} of {source}",
            )
        )
        if uri and not _URI.match(uri):
            left.append(
                LeftOut(
                    f"row {n} ({title})",
                    f"not pinned: {uri!r} is not a Spotify track URI (a local file?)",
                )
            )
    return songs, left


def _title_version(title: str) -> tuple[str, str | None]:
    """Spotify's "Blue - Live at Glastonbury" as title "Blue", version "Live at Glastonbury".

    Only substantive versions (live, demo, acoustic, remix…) are kept; remaster and edit
    suffixes say nothing about the recording and are dropped from the title.
    """
    parts = split_title(title)
    kinds = [d for d in parts.decorations if version_kinds(d)]
    if not parts.decorations:
        return title.strip(), None
    return parts.core, (kinds[0] if kinds else None)


def from_spotify_tracks(items: list[dict[str, Any]]) -> tuple[list[Song], list[LeftOut]]:
    """Songs from a playlist's items (``{"track": {...}}``) or bare track objects."""
    songs: list[Song] = []
    left: list[LeftOut] = []
    for n, item in enumerate(items, start=1):
        track = item.get("track", item) if isinstance(item, dict) else None
        if (
            not isinstance(track, dict)
            or not isinstance(track.get("name"), str)
            or not track["name"].strip()
        ):
            left.append(LeftOut(f"item {n}", "unavailable: no track data"))
            continue
        name = str(track["name"])
        if track.get("type", "track") != "track":
            kind = str(track.get("type"))
            article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
            left.append(LeftOut(f"item {n} ({name})", f"{article} {kind}, not a song"))
            continue
        raw_artists = track.get("artists")
        artists = (
            [
                str(a["name"])
                for a in raw_artists
                if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip()
            ]
            if isinstance(raw_artists, list)
            else []
        )
        if not artists:
            left.append(LeftOut(f"item {n} ({name})", "no artist"))
            continue
        raw_album = track.get("album")
        album: dict[str, Any] = raw_album if isinstance(raw_album, dict) else {}
        date = str(album.get("release_date") or "")
        year = int(date[:4]) if date[:4].isdigit() and 1900 <= int(date[:4]) <= 2100 else None
        uri = str(track.get("uri") or "")
        title, version = _title_version(name)
        duration = track.get("duration_ms")
        songs.append(
            Song(
                title=title,
                artist=", ".join(artists),
                version=version,
                album=str(album.get("name")) if album.get("name") else None,
                spotify=uri if _URI.match(uri) and not track.get("is_local") else None,
                year=year,
                duration_ms=duration if isinstance(duration, int) and duration > 0 else None,
                passage=f"position {n} in the playlist",
            )
        )
    return songs, left
