"""``playlister import``: from an article, a CSV export or a Spotify playlist to a tracklist.

The CLI calls ``import_source`` (a file, ``-`` or a URL) or ``from_spotify_items`` (a
playlist's tracks it fetched itself), prints ``result.lines(verbose)`` to stderr and
``result.toml`` (or writes it), or ``result.as_json()``. Errors are ``SourceError`` (a
``PlaylisterError``) with one line naming the source, or the loader's ``TracklistError`` for
a broken tracklist given to append to.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

from playlister.importer.candidates import Finder
from playlister.importer.confirm import MAX_SEARCHES, Search, confirm
from playlister.importer.draft import append_toml, draft_toml, split_new
from playlister.importer.errors import SourceError
from playlister.importer.exportify import from_spotify_tracks, read_exportify
from playlister.importer.html import html_to_text
from playlister.importer.model import CatalogCheck, ImportResult, LeftOut, Song
from playlister.importer.source import Document, read_source, unmangle
from playlister.importer.vetoes import carried_version, set_aside
from playlister.tracklist import load
from playlister.urls import playlist_id as playlist_id_from_url

__all__ = [
    "MAX_SEARCHES",
    "CatalogCheck",
    "ImportResult",
    "LeftOut",
    "Search",
    "Song",
    "SourceError",
    "from_spotify_items",
    "import_source",
    "import_text",
    "playlist_id_from_url",
]


def import_source(
    source: str,
    *,
    existing: Path | None = None,
    stdin: IO[str] | None = None,
    timeout: float = 10,
    max_bytes: int = 5_000_000,
    search: Search | None = None,
    max_searches: int = MAX_SEARCHES,
    offline: str | None = None,
) -> ImportResult:
    """Read ``source`` (path, ``-`` or http(s) URL) and find the songs it names.

    With ``existing``, songs that tracklist already holds (the loader's duplicate key) are
    skipped and ``toml`` is that file's text with the new entries appended. With ``search``
    (query -> Spotify track objects), candidates are kept only when the catalog confirms them
    (``confirm``), at most ``max_searches`` searches; ``offline`` says why there is none.
    """
    if playlist_id_from_url(source):
        raise SourceError(
            source,
            "is a Spotify playlist: its tracks are read through the "
            "Spotify API, not as a web page.",
        )
    doc = read_source(source, stdin=stdin, timeout=timeout, max_bytes=max_bytes)
    return import_document(
        doc, existing=existing, search=search, max_searches=max_searches, offline=offline
    )


def import_document(
    doc: Document,
    *,
    existing: Path | None = None,
    search: Search | None = None,
    max_searches: int = MAX_SEARCHES,
    offline: str | None = None,
) -> ImportResult:
    """The songs in an already read ``Document``."""
    cite = "cited"
    title: str | None = None
    check: CatalogCheck | None = None
    if doc.kind == "csv":
        songs, left = read_exportify(doc.text, doc.label)
        cite = "from"
    else:
        text = doc.text
        if doc.kind == "html":
            text, title = html_to_text(text)
        text = unmangle(text)
        finder = Finder(text)
        songs, left = finder.run()
        title = title or article_title(text, {" ".join(s.passage.split()) for s in songs})
        # a song named only to be set aside is dropped before the catalog is asked (so the
        # article's other mention of its title may be read) and again after (a reading the
        # catalog confirmed may be the set-aside one)
        songs, aside = set_aside(finder.units, songs)
        left += aside
        if search is not None:
            songs, left, searches, missed = confirm(finder, songs, left, search, limit=max_searches)
            songs, aside = set_aside(finder.units, songs)
            left = list(dict.fromkeys(left + aside))
            lacking = sum(1 for s in songs if s.not_found)
            check = CatalogCheck(
                searches.sent, max_searches, len(songs) - lacking, missed, not_found=lacking
            )
        elif offline is not None:
            check = CatalogCheck(offline=offline)
    songs = [carried_version(s) for s in songs]
    result = _result(
        songs, left, name=title or doc.stem, source=doc.label, existing=existing, cite=cite
    )
    result.check = check
    return result


def import_text(
    text: str,
    *,
    source: str = "stdin",
    existing: Path | None = None,
    search: Search | None = None,
    max_searches: int = MAX_SEARCHES,
) -> ImportResult:
    """Find songs in ``text`` (plain, Markdown or HTML), as ``import_source`` does."""
    from playlister.importer.source import sniff

    stem = Path(source).stem if source != "stdin" else "stdin"
    return import_document(
        Document(text, sniff(text, Path(source).suffix), source, stem),
        existing=existing,
        search=search,
        max_searches=max_searches,
    )


def from_spotify_items(
    items: list[dict[str, Any]],
    name: str,
    *,
    source: str | None = None,
    existing: Path | None = None,
) -> ImportResult:
    """A draft from a Spotify playlist's items (fetched by the caller), every song pinned."""
    songs, left = from_spotify_tracks(items)
    return _result(
        songs,
        left,
        name=name,
        source=source or f"the Spotify playlist {name}",
        existing=existing,
        cite="from",
    )


def _result(
    songs: list[Song],
    left: list[LeftOut],
    *,
    name: str,
    source: str,
    existing: Path | None,
    cite: str,
) -> ImportResult:
    if existing is None:
        return ImportResult(
            songs, left, name, source, draft_toml(songs, name=name, source=source, cite=cite)
        )
    existing = Path(existing)
    tracklist = load(existing)
    new, held = split_new(songs, tracklist)
    text = existing.read_text(encoding="utf-8")
    return ImportResult(
        new,
        left,
        name,
        source,
        append_toml(text, new, source=source, cite=cite),
        existing=str(existing),
        skipped=held,
    )


_MD = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]+")


def article_title(text: str, cited: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The article's title: its first heading, else a short first line, else None.

    A first line that is itself a song's line (in ``cited``) is not a title.
    """
    lines = [ln.strip() for ln in text.splitlines()]
    for ln in lines:
        # a Markdown heading: "#" then a space; not an M3U's "#EXTM3U" or a "#hashtag"
        if re.match(r"#{1,6}(?:\s|$)", ln):
            return _MD.sub(lambda m: m.group(1) or "", ln.lstrip("#")).strip() or None
    first = next((ln for ln in lines if ln), "")
    if first.upper().startswith("#EXT"):
        return None  # an M3U file ("#EXTM3U"): its lines are entries, none is a title
    if (
        first
        and len(first) <= 120
        and not re.search(r"[.!?:;,]$", first)
        and " ".join(first.split()) not in cited
    ):
        return _MD.sub(lambda m: m.group(1) or "", first).strip() or None
    return None
