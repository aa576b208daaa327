"""Stage 4, confirmation: a candidate is kept when the catalog holds a track that agrees with it.

A person reads a page by spotting a phrase that could be a title, a name beside it that could
be its artist, and checking that the pair is a real song. Here the rules' songs and, from
every unit they took nothing from, each plausible title phrase (a line split at dashes,
colons, brackets and "by"; a table row's cells; a quoted, linked or italic phrase) are
checked with the catalog search matching already uses:

* ``named pair``: a search for the title with the artist finds a track whose title and
  artist both agree (the catalog's spelling of the artist is taken);
* ``swapped pair``: the same with title and artist the other way round (a line set
  ``Title - Artist`` where the rules read ``Artist - Title``);
* ``name in the unit``: a search for the title alone finds a track whose artist is named in
  the same unit (or the heading above a list): fills a blank, or replaces a songwriter the
  sentence credits with the performer the catalog has.

Vetoes still win: a phrase the text calls a film, book or album, quoted speech or lyrics,
anything under a heading about films or books, is never searched. Searches are bounded per
article; what was not confirmed is left out with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from playlister.importer.candidates import Finder, _split_bracket, _tidy_name, _tidy_title
from playlister.importer.model import LeftOut, Song
from playlister.importer.units import Unit
from playlister.importer.vetoes import _decoy_next_to, _sentence_decoy
from playlister.importer.words import (
    _MD_LINK,
    _clip,
    _quote_spans,
    _sentence,
    _strip_punct,
)
from playlister.match.queries import build_queries
from playlister.match.text import artist_key, key
from playlister.match.versions import split_title
from playlister.tracklist import Track

MAX_SEARCHES = 150  # a bound on the searches one article may cost
MAX_PHRASES = 4  # title phrases tried from one line

Search = Callable[[str], list[dict[str, Any]]]

# Reasons the rules give that are vetoes: context says the phrase is not a song.
_VETOES = ("not a song", "quoted lyric or speech", "heading about", "the sentence is about",
           "names it as a")
_SPLIT = re.compile(r"\s+[\u2013\u2014-]{1,2}\s+|\s*[\u2013\u2014]\s*|(?<=\S)-\s+|:\s+|"
                    r"\s+\|\s+|\s*/\s+|\s+by\s+|\s*[\[(\]){}]\s*|[\u201c\u201d\"]", re.I)


@dataclass
class Pair:
    """A title phrase and (maybe) the name beside it, where the article has them."""

    title: str
    artist: str | None
    unit: int
    pos: int
    context: str  # the words an artist named "in the unit" must be among
    passage: str
    rule: str  # which rule made it: "rules", "line", "row", "phrase"
    song: Song | None = None  # the rules' song, if it came from them
    swappable: bool = False
    version: str | None = None


@dataclass
class Searches:
    """The article's searches: cached by query, counted, refused past ``limit``."""

    search: Search
    limit: int = MAX_SEARCHES
    sent: int = 0
    cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __call__(self, query: str) -> list[dict[str, Any]] | None:
        """The page for ``query``, or None when the budget is spent."""
        if query in self.cache:
            return self.cache[query]
        if self.sent >= self.limit:
            return None
        self.sent += 1
        page = [t for t in (self.search(query) or []) if isinstance(t, dict)]
        self.cache[query] = page
        return page


def confirm(finder: Finder, songs: list[Song], left: list[LeftOut], search: Search, *,
            limit: int = MAX_SEARCHES) -> tuple[list[Song], list[LeftOut], Searches, int]:
    """The songs the catalog confirms, in the article's order; what was not, with reasons.

    Returns (songs, left out, the searches made, how many candidates were not confirmed).
    """
    searches = Searches(search, limit)
    vetoed = {key(_strip_punct(x.text.strip("\u201c\u201d*"))) for x in left
              if any(v in x.reason for v in _VETOES)} | set(finder.decoy_titles)
    pairs = _rule_pairs(finder, songs) + _generous_pairs(finder, vetoed)
    kept: list[tuple[int, int, Song]] = []
    seen: set[tuple[str, str, str]] = set()
    missed: list[LeftOut] = []
    taken_units: set[int] = set()
    for pair in pairs:
        if pair.rule != "rules" and pair.unit in taken_units and pair.rule == "line":
            continue  # one song a list line
        if key(pair.title) in vetoed:
            continue
        song, why = _check(pair, searches, vetoed)
        if song is None:
            if why:
                missed.append(LeftOut(_shown(pair), why))
            continue
        ident = (key(song.title), artist_key(song.artist or ""), key(song.version or ""))
        if ident in seen:
            continue
        seen.add(ident)
        taken_units.add(pair.unit)
        kept.append((pair.unit, pair.pos, song))
    kept.sort(key=lambda k: (k[0], k[1]))
    out_left = [x for x in left if not any(key(s.title) == key(_strip_punct(
        x.text.strip("\u201c\u201d*"))) for _, _, s in kept)]
    taken = {key(s.title) for _, _, s in kept}
    missed = [x for x in dict.fromkeys(missed) if key(x.text.split("\u201d")[0].strip(
        "\u201c")) not in taken]
    return [s for _, _, s in kept], out_left + missed, searches, len(missed)


def _shown(pair: Pair) -> str:
    by = f" by {pair.artist}" if pair.artist else ""
    return f"\u201c{pair.title}\u201d{by}"


# --- candidates --------------------------------------------------------------------------------


def _rule_pairs(finder: Finder, songs: list[Song]) -> list[Pair]:
    """The rules' songs, each where the article first names it."""
    where = {id(c.song): c for c in finder.candidates}
    out = []
    for song in songs:
        cand = where.get(id(song))
        unit = cand.unit if cand else 0
        pos = cand.pos if cand else 0
        swappable = bool(cand and cand.cited_in in ("item", "short", "heading", "table")
                         and cand.strong)
        out.append(Pair(song.title, song.artist, unit, pos, _context(finder, unit),
                        song.passage, "rules", song=song, swappable=swappable,
                        version=song.version))
    return out


def _generous_pairs(finder: Finder, vetoed: set[str]) -> list[Pair]:
    """Every plausible title phrase of the units the rules took nothing from."""
    taken = {c.unit for c in finder.candidates}
    out: list[Pair] = []
    for unit in finder.units:
        if unit.index in taken or unit.index in finder.decoy_units or unit.kind == "url":
            continue
        if unit.role == "question":
            continue  # an interviewer's question names what the answer is about
        context = _context(finder, unit.index)
        if unit.kind == "table":
            for n, row in enumerate(unit.rows[1:] if len(unit.rows) > 1 else unit.rows):
                cells = [_strip_punct(_MD_LINK.sub(lambda m: m.group(1), c)).strip("*_ ")
                         for c in row]
                cells = [c for c in cells if c and re.search(r"[^\W\d_]", c)]
                out += _line_pairs(cells, unit, n, " ".join(row) + " " + context,
                                   _clip(" | ".join(cells)), "row")
        elif unit.kind in ("item", "short", "heading"):
            out += _line_pairs(_phrases(unit.text), unit, 0, context, _clip(unit.text), "line")
        else:
            out += _prose_pairs(unit, vetoed)
    return out


def _context(finder: Finder, index: int) -> str:
    unit = finder.units[index] if 0 <= index < len(finder.units) else None
    here = unit.text if unit is not None else ""
    return f"{here} {finder.headings.get(index, '')}"


def _phrases(text: str) -> list[str]:
    """A line cut at dashes, colons, brackets, quotes, slashes and "by" into its phrases."""
    parts = [_strip_punct(p).strip("*_ ") for p in _SPLIT.split(text)]
    return [p for p in parts if p and re.search(r"[^\W\d_]", p)
            and not re.fullmatch(r"(?:19|20)\d\d\w?", p)][:MAX_PHRASES]


def _line_pairs(phrases: list[str], unit: Unit, row: int, context: str, passage: str,
                rule: str) -> list[Pair]:
    """Neighbouring phrases as (title, artist) either way round; then each phrase alone."""
    out: list[Pair] = []
    for n in range(len(phrases) - 1):
        title, version = _split_bracket(phrases[n])
        out.append(Pair(title, phrases[n + 1], unit.index, row, context, passage, rule,
                        swappable=True, version=version))
    for phrase in phrases if len(phrases) == 1 else []:
        out.append(Pair(phrase, None, unit.index, row, context, passage, rule))
    return out


def _prose_pairs(unit: Unit, vetoed: set[str]) -> list[Pair]:
    """Quoted, linked and italic phrases of a paragraph, each checked with its sentence."""
    text = unit.text
    spans = [(s, e, _strip_punct(inner)) for s, e, inner in _quote_spans(text)]
    spans += [(x.start, x.end, text[x.start:x.end]) for x in unit.links if x.url and
              x.url != text[x.start:x.end]]
    spans += [(x.start, x.end, text[x.start:x.end]) for x in unit.italics]
    out = []
    for start, end, phrase in sorted(spans):
        if not phrase or len(phrase.split()) > 10 or key(phrase) in vetoed:
            continue
        sentence = _sentence(text, start, end)
        if _decoy_next_to(text[max(0, start - 80):start], text[end:end + 80]) or \
                _sentence_decoy(sentence, phrase):
            continue
        out.append(Pair(phrase, None, unit.index, start, sentence, _clip(sentence), "phrase"))
    return out


# --- the catalog's word ------------------------------------------------------------------------


def _check(pair: Pair, searches: Searches, vetoed: set[str]) -> tuple[Song | None, str]:
    """The song the catalog confirms for ``pair``, or None and why not ("" when nothing
    could be asked: every reading of it is vetoed)."""
    tries: list[tuple[str, str | None, str]] = []
    if pair.artist:
        tries.append((pair.title, pair.artist, "named pair"))
        if pair.swappable:
            tries.append((_split_bracket(pair.artist)[0], pair.title, "swapped pair"))
    tries.append((pair.title, None, "name in the unit"))
    if pair.swappable and pair.artist:
        tries.append((_split_bracket(pair.artist)[0], None, "name in the unit"))
    tries = [t for t in tries if key(t[0]) not in vetoed and re.search(r"[^\W\d_]", t[0])
             and len(t[0]) <= 120]
    if not tries:
        return None, ""
    for title, artist, rule in tries:
        query = build_queries(Track(title=title, artist=artist or ""))[0]
        page = searches(query)
        if page is None:
            return None, f"not searched: the article's {searches.limit} searches were spent"
        hit = _agreeing(title, artist, pair.context, page)
        if hit is not None:
            return _song(pair, title, hit, page, swapped=rule == "swapped pair"), rule
    if pair.artist:
        return None, (f"not in the catalog: no track titled \u201c{pair.title}\u201d by "
                      f"{pair.artist} or by a name beside it")
    return None, f"not in the catalog: no track titled \u201c{pair.title}\u201d by a name beside it"


def _agreeing(title: str, artist: str | None, context: str,
              page: list[dict[str, Any]]) -> tuple[dict[str, Any], str] | None:
    """The first track of ``page`` whose title agrees and whose artist agrees with ``artist``
    (or, without one, is named in ``context``), with the catalog's spelling of that artist."""
    words = f" {key(context)} "
    for obj in page:
        if not _title_agrees(title, str(obj.get("name") or "")):
            continue
        for credit in obj.get("artists") or ():
            name = str((credit or {}).get("name") or "")
            k = artist_key(name)
            if not k:
                continue
            if artist is not None and _artist_agrees(artist, k):
                return obj, name
            if artist is None and f" {k} " in words:
                return obj, name
    return None


def _title_agrees(wanted: str, found: str) -> bool:
    a, b = key(split_title(wanted).core), key(split_title(found).core)
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 92)


def _artist_agrees(wanted: str, found_key: str) -> bool:
    w = artist_key(wanted)
    if not w:
        return False
    if w == found_key or (min(len(w), len(found_key)) >= 5 and fuzz.ratio(w, found_key) >= 90):
        return True
    # "Bowie" for "David Bowie": a surname the article uses once it has given the full name
    return len(w) >= 4 and found_key.endswith(" " + w)


def _song(pair: Pair, title: str, hit: tuple[dict[str, Any], str], page: list[dict[str, Any]],
          *, swapped: bool) -> Song:
    obj, artist = hit
    base = pair.song
    version = pair.version if not swapped else None
    if base is not None:
        song = Song(title=_tidy_title(title), artist=_tidy_name(artist),
                    version=base.version, youtube=base.youtube, album=base.album,
                    spotify=base.spotify, year=base.year, duration_ms=base.duration_ms,
                    passage=base.passage)
    else:
        song = Song(title=_tidy_title(title), artist=_tidy_name(artist), version=version,
                    passage=pair.passage)
    song.found = [obj, *[o for o in page if o is not obj]]
    return song

