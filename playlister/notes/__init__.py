"""The liner notes: the selected songs as a sheet to read on screen or hand out on paper.

:func:`render_notes` builds one view model (:mod:`playlister.notes.sheet`) from the
tracklist and the lock, then renders it through the templates in ``templates/``
(:mod:`playlister.notes.render`): wrapped text for the terminal, Markdown for GitHub, and a
standalone HTML page with a QR code per song for print.
"""

from __future__ import annotations

from collections.abc import Sequence

from playlister.lockfile import Lock
from playlister.notes.render import render
from playlister.notes.sheet import Fact, Link, Sheet, SongView, build_sheet, smarten
from playlister.tracklist import Tracklist

FORMATS = ("text", "markdown", "html")
MIN_WIDTH = 20

__all__ = [
    "FORMATS",
    "MIN_WIDTH",
    "Fact",
    "Link",
    "Sheet",
    "SongView",
    "build_sheet",
    "render_notes",
    "smarten",
]


def render_notes(
    tracklist: Tracklist,
    lock: Lock | None,
    *,
    fmt: str = "text",
    tags: Sequence[str] = (),
    width: int = 80,
) -> str:
    """The liner notes for the songs of ``tracklist`` carrying any of ``tags`` (all if none).

    Raises ``ValueError`` for an unknown ``fmt`` (or a text ``width`` under 20),
    ``TracklistError`` for a tag that selects nothing and ``PlaylisterError`` for a
    tracklist with no songs.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "text" and width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH}, not {width}")
    return render(build_sheet(tracklist, lock, tags=tags), fmt, width=width)
