"""The rules that find songs in an article's text, and say why everything else was left out.

The text is light Markdown (what ``html.html_to_text`` produces, or what people write): lines
are headings (``#``), list items (``-``, ``*``, ``1.``), short standalone lines (the way many
articles set a song above its paragraph), bare URLs, or prose paragraphs. Songs are taken from

* quoted titles with an artist: ``"Title" by Artist``, ``"A" and "B" by Artist``,
  ``Artist's "Title"``, ``the Artist song "Title"``, ``Artist's timeless ballad "Title"``;
* quoted titles the text calls a song (``the song "Title"``, ``a song called "Title"``), or
  that stand alone inside a section about a song: kept without an artist;
* list, heading and short lines ``Artist – Title``, ``Title - Artist``, ``Title by Artist``
  and ``[Title](url) — Artist``.

Quotes next to album, film, book or show words, quotes introduced as lyrics or speech, quotes
that read as a sentence rather than a title, and italics (how albums and films are set) are
left out with the reason. Where a rule cannot tell, the passage is left out rather than
guessed. Every rule is a small function so tests can hold one row per form.

The work is done by stage, each in its own module: ``units`` (the text cut into lines,
items, tables and paragraphs), ``candidates`` (title phrases paired with the names beside
them), ``vetoes`` (context that says a phrase is not a song) and ``confirm`` (the catalog's
check, when there are credentials). ``words`` holds what they all read.
"""

from __future__ import annotations

from playlister.importer.candidates import find_songs
from playlister.importer.words import looks_like_title

__all__ = ["find_songs", "looks_like_title"]
