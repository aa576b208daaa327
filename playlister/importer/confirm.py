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
* ``artist's song in the text``: the catalog's tracks of an artist the article names, found
  word for word beside the name (``importer/anchored.py``);
* ``song and artist in a lower-case message``: a chat message searched as it stands, kept
  when it writes both a track's title and its artist.

Vetoes still win: a phrase the text calls a film, book or album, quoted speech or lyrics,
anything under a heading about films or books, is never searched. Searches are bounded per
article; what was not confirmed is left out with its reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

import playlister.importer.anchored as anchored
from playlister.importer.candidates import (
    Finder,
    _is_version,
    _split_bracket,
    _tidy_name,
    _tidy_title,
    _version_before,
)
from playlister.importer.columns import column_role, refused
from playlister.importer.model import LeftOut, Song
from playlister.importer.units import Unit
from playlister.importer.vetoes import (
    _decoy_heading,
    _decoy_next_to,
    _sentence_decoy,
    strongly_named,
    writer_only,
)
from playlister.importer.words import (
    _MD_LINK,
    _SENTENCE_END,
    CREDIT_WORDS,
    NOT_NAMES,
    PATH,
    _cap,
    _clip,
    _quote_spans,
    _sentence,
    _sentence_start,
    _strip_punct,
    looks_like_title,
)
from playlister.match.queries import build_queries
from playlister.match.text import artist_key, key
from playlister.match.versions import split_title
from playlister.tracklist import Track
from playlister.urls import video_id

MAX_SEARCHES = 150  # a bound on the searches one article may cost
MAX_PHRASES = 4  # title phrases tried from one line

Search = Callable[[str], list[dict[str, Any]]]

# Reasons the rules give that are vetoes: context says the phrase is not a song.
_VETOES = (
    "not a song",
    "quoted lyric or speech",
    "heading about",
    "the sentence is about",
    "names it as a",
)
_SPLIT = re.compile(
    r"\s*\.{3,}\s*|\t+|\s{2,}|\s+[\u00b7\u2022~]\s+|\s+[\u2013\u2014-]{1,2}\s+|"
    r"\s*[\u2013\u2014]\s*|"
    r"(?<=\S)-\s+|:\s+|\s+\|\s+|\s*/\s+|\s+by\s+|\s*[\[(\]){}]\s*|"
    r"[\u201c\u201d\"]",
    re.I,
)
_SPLIT_NOT_BY = re.compile(_SPLIT.pattern.replace(r"|\s+by\s+", ""), re.I)


# How far into an article its subject is named: its title and first lines
SUBJECT_CHARS = 300
# A chord, a run of chords or a single letter ("D", "Am", "G C D Am", "D6add9", "F#m7/E"): a
# guitar lesson's shapes, never a title worth a search.
_CHORD = r"[A-G][#b\u266f\u266d]?(?:maj|min|m|dim|aug|sus|add)?\d*(?:add\d+|sus\d)?(?:/[A-G][#b]?)?"
_CHORDS = re.compile(rf"{_CHORD}(?:[\s,.\-]+{_CHORD})*[\s,.\-]*|\w")


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
    strong: bool = False  # the rules found it named with its artist or set as an entry
    swappable: bool = False
    version: str | None = None
    links: list[str] = field(default_factory=list)  # the unit's videos: one is the song's
    quoted: bool = False  # set in quotation marks (not italics, a link or a run of capitals)


@dataclass
class Searches:
    """The article's searches: cached by query, counted, refused past ``limit``."""

    search: Search
    limit: int = MAX_SEARCHES
    article: str = ""  # the whole text, for a name the article gives anywhere
    sent: int = 0
    cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # names asked as an artist whose pairs found nothing, and the ones the catalog lacks
    misses: Counter[str] = field(default_factory=Counter)
    not_artists: set[str] = field(default_factory=set)
    artists: set[str] = field(default_factory=set)  # names an ``artist:`` search confirmed
    furniture: set[str] = field(default_factory=set)  # see ``_furniture``

    def hopeless(self, artist: str) -> bool:
        """Whether ``artist`` is a name the catalog holds no songs by ("Spring Term 2027",
        "Week 3"): asked once its pairs have twice found nothing, so a page's heading or a
        label read as the artist beside every phrase does not spend the article's searches."""
        name = artist_key(artist)
        if name in self.not_artists:
            return True
        if self.misses[name] < 2 or name in self.artists:
            return False
        if _artist_known(artist, self):
            self.artists.add(name)
            return False
        self.not_artists.add(name)
        return True

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


def confirm(
    finder: Finder,
    songs: list[Song],
    left: list[LeftOut],
    search: Search,
    *,
    limit: int = MAX_SEARCHES,
) -> tuple[list[Song], list[LeftOut], Searches, int]:
    """The songs the catalog confirms, in the article's order; what was not, with reasons.

    Returns (songs, left out, the searches made, how many candidates were not confirmed).
    """
    searches = Searches(search, limit, finder.text, furniture=_furniture(finder))
    vetoed = {
        key(_strip_punct(x.text.strip("\u201c\u201d*")))
        for x in left
        if any(v in x.reason for v in _VETOES)
    } | set(finder.decoy_titles)
    kept: list[tuple[int, int, Song]] = []
    seen: set[tuple[str, str, str]] = set()
    seen_songs: set[tuple[str, str]] = set()  # (title, artist) of what was kept
    missed: list[LeftOut] = []
    unfound: list[Pair] = []  # the rules' songs named with their artist, not in the catalog
    taken_units: set[int] = set()
    implied: list[Pair] = []  # titles whose artist the text gives as one named before
    plain: list[Pair] = []  # list lines that are just "Title - Artist", not in the catalog
    runs: list[Pair] = []  # capitalised runs of prose with no name beside them

    def ask(pairs: list[Pair]) -> None:
        for pair in pairs:
            if pair.rule == "line" and pair.unit in taken_units:
                continue  # one song a list line
            if key(pair.title) in vetoed:
                continue
            song, why = _check(pair, searches, vetoed)
            if song is None and why and _implies_artist(finder, pair):
                implied.append(pair)
            elif song is None and why and pair.rule == "run" and not pair.artist:
                runs.append(pair)
            if song is None:
                if why:
                    missed.append(LeftOut(_shown(pair), why))
                    if why.startswith("not in the catalog") and _strong_with_artist(pair):
                        unfound.append(pair)
                    elif why.startswith("not in the catalog") and _plain_entry(finder, pair):
                        plain.append(pair)
                continue
            ident = (key(song.title), artist_key(song.artist or ""), key(song.version or ""))
            if ident in seen or (pair.rule != "rules" and ident[:2] in seen_songs):
                continue
            seen.add(ident)
            seen_songs.add(ident[:2])
            taken_units.add(pair.unit)
            if 0 <= pair.unit < len(finder.units):
                # a record's artist line, read as the artist, is not a title to search
                taken_units.update(
                    u.index
                    for u in record_fields(finder.units, finder.units[pair.unit])
                    if artist_key(u.text) == artist_key(song.artist or "")
                )
            kept.append((pair.unit, pair.pos, song))

    # the rules' songs first; then every phrase of the units where none was confirmed (a
    # rule that read a karaoke table's singer as the artist leaves the row to be read again)
    ask(_rule_pairs(finder, songs))
    ask(_generous_pairs(finder, vetoed, set(taken_units), {k[0] for k in seen}))
    for pair, song in _late_readings(finder, implied, runs, searches, kept):
        _keep_new(song, pair, kept, seen, seen_songs)
    # A song the article names with its artist, by an artist the catalog knows, that no
    # other reading of its line confirmed: kept, since a song Spotify lacks ("Hollywood
    # Dream" by The Runaways) is one the curator must hear about.
    # the units of the article's opening block that read as pairs: one is its title
    opening = {p.unit for p in unfound if 0 <= p.unit < len(finder.units)} | {
        unit for unit, _, _ in kept if 0 <= unit < len(finder.units)
    }
    opening = {n for n in opening if finder.units[n].opening}
    for pair in unfound:
        assert pair.song is not None and pair.song.artist
        heading = opening == {pair.unit}
        title = key(pair.song.title)
        if _placeholder(pair.song.title, pair.song.artist) or any(
            unit == pair.unit and (key(s.title) in title or title in key(s.title))
            for unit, _, s in kept
        ):
            # the same phrase read another way was confirmed ("Title (Artist)"), or it is
            # no song to keep unconfirmed (a mix's "Intro")
            continue
        units = finder.units
        unit = units[pair.unit] if 0 <= pair.unit < len(units) else None
        if unit and unit.kind != "prose" and len(units) > 1 and (unit.index == 0 or heading):
            # the article's title line ("STAFF PICKS — MARCH") or the one pair in the block of
            # lines it opens with (a letterhead: "Hollingworth Academy" / "Year 11 Leavers'
            # Prom 2026 – Music Sub-Committee" / "Minutes of …"), not an entry
            unit = None
        plainly = unit and (
            strongly_named(unit, pair.song.title, pair.song.artist)
            or _table_row(unit, pair.song.title, pair.song.artist)
            or _released_by(unit, pair.song.title, pair.song.artist)
        )
        if _artist_known(pair.song.artist, searches):
            pair.song.not_found = (
                f"Spotify has songs by {pair.song.artist}, but none titled "
                f"\u201c{pair.song.title}\u201d"
            )
        elif plainly and not (pair.swappable and _artist_known(pair.song.title, searches)):
            # (a line "Connection – Pulp" whose "title" is an artist the catalog knows may be
            # read the wrong way round: which is the song is unclear)
            pair.song.not_found = f"Spotify has no track by {pair.song.artist}; kept as {plainly}"
        if pair.song.not_found:
            kept.append((pair.unit, pair.pos, pair.song))
            seen.add((key(pair.song.title), artist_key(pair.song.artist), ""))
    for pair in plain:
        song = _plain_song(finder, pair, kept, searches)
        if song is not None:
            kept.append((pair.unit, pair.pos, song))
            seen.add((key(song.title), artist_key(song.artist or ""), ""))
    # the songs of the artists the article names, looked for word for word in the text
    # (last: the searches above are the article's first claim on its budget)
    kept += _anchored(finder, searches, vetoed, kept, missed)
    kept += _lower_case_messages(finder, searches, vetoed, kept)
    kept.sort(key=lambda k: (k[0], k[1]))
    _section_videos(finder, kept)
    out_left = [
        x
        for x in left
        if not any(
            key(s.title) == key(_strip_punct(x.text.strip("\u201c\u201d*"))) for _, _, s in kept
        )
    ]
    taken = {key(s.title) for _, _, s in kept}
    missed = [
        x
        for x in dict.fromkeys(missed)
        if key(x.text.split("\u201d")[0].strip("\u201c")) not in taken
    ]
    return [s for _, _, s in kept], out_left + missed, searches, len(missed)


_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?", re.I)


def _template(phrase: str) -> str:
    """A phrase with its numbers and months blanked: "Joined Mar 2019" -> "joined M #"."""
    if not re.search(r"\d", phrase):
        return ""
    return re.sub(r"#(?:[\s,.]*#)+", "#", _MONTHS.sub("M", re.sub(r"\d+", "#", phrase))).lower()


def _furniture(finder: Finder) -> set[str]:
    """The page's repeated labels: a phrase with a number that recurs three times or more
    with other numbers ("Posts 88", "Posts 431"; "Joined Mar 2019"; "Week 1" ... "Week 10"),
    as a forum's profile lines, a course's weeks or a shop's lot numbers are. Never a title
    or an artist, so never worth a search."""
    seen: dict[str, set[str]] = {}
    for unit in finder.units:
        if unit.kind == "prose":
            continue
        lines = [" | ".join(r) for r in unit.rows] if unit.rows else [unit.text]
        for line in lines:
            for phrase in _phrases(line):
                shape = _template(phrase)
                if shape and "#" in shape and re.search(r"[a-z]", shape):
                    seen.setdefault(shape, set()).add(phrase)
    return {shape for shape, phrases in seen.items() if len(phrases) >= 3}


# "same band as the bottle one", "a second one by the same artist", "also off Grace": the
# artist is one the article names for another song
_SAME_ARTIST = re.compile(
    r"\b(?:same\s+(?:band|artist|singer|group|act|duo|songwriter)\b|also\s+(?:off|from)\s+\w|"
    r"(?:another|second|one\s+more)\s+(?:one|song|track|tune)\s+(?:by|from)\s+"
    r"(?:them|him|her|the\s+same)\b)",
    re.I,
)


def _implies_artist(finder: Finder, pair: Pair) -> bool:
    """Whether the words around a title with no artist beside it say its artist is one the
    article names for another of its songs."""
    if pair.artist or not 0 <= pair.unit < len(finder.units):
        return False
    text = finder.units[pair.unit].text
    at = pair.pos if pair.rule in ("phrase", "run") else 0
    return bool(_SAME_ARTIST.search(text[max(0, at - 120) : at + len(pair.title) + 80]))


def _implied(pair: Pair, searches: Searches, kept: list[tuple[int, int, Song]]) -> Song | None:
    """Rule ``artist implied``: a title whose words say its artist is one named for another
    song ("same band as", "also off") is confirmed with the artist of a song kept, the
    nearest first (its search was made already)."""
    queries = build_queries(Track(title=pair.title, artist=""))
    page = searches.cache.get(queries[0]) if queries else None
    if not page:
        return None
    artists = sorted(
        ((abs(u - pair.unit), u > pair.unit, s.artist) for u, _, s in kept if s.artist),
        key=lambda a: (a[0], a[1]),
    )
    for _, _, artist in dict.fromkeys(artists):
        hit = _agreeing(pair.title, artist, "", page)
        if hit is not None:
            song = _song(pair, pair.title, hit, page, swapped=False)
            song.confirmed = "artist implied, a song of an artist the article names"
            return song
    return None


def _late_readings(
    finder: Finder,
    implied: list[Pair],
    runs: list[Pair],
    searches: Searches,
    kept: list[tuple[int, int, Song]],
) -> Iterator[tuple[Pair, Song | None]]:
    """The titles read once the article's songs are known, one at a time (each kept before
    the next is read): those whose words imply an artist named for another song, then the
    paragraphs' phrases by the paragraph's artist (from the searches made already)."""
    for pair in implied:
        yield pair, _implied(pair, searches, kept)
    for pair in runs:
        yield pair, _paragraph_artist(finder, pair, searches, kept)


def _paragraph_artist(
    finder: Finder, pair: Pair, searches: Searches, kept: list[tuple[int, int, Song]]
) -> Song | None:
    """Rule ``the paragraph's artist``: a capitalised phrase of a paragraph that has named
    a song of an artist ("Jim Reeves was the big one. He'll Have To Go was Grandma's
    favourite … Distant Drums, from later on, was the first record he bought"), opening its
    sentence as the song spoken of, is confirmed when its search (made already) found a
    track of that artist's by that title; the artist nearest before it first. A phrase
    inside a sentence ("a Wall of Sound pastiche", "sang almost nothing in Memphis") is not
    read so."""
    if not 0 <= pair.unit < len(finder.units):
        return None
    text = finder.units[pair.unit].text
    if _sentence_start(text, pair.pos + 1) != pair.pos:
        return None  # the phrase must open its sentence, as a song spoken of does
    queries = build_queries(Track(title=pair.title, artist=""))
    page = searches.cache.get(queries[0]) if queries else None
    if not page:
        return None
    before = sorted(
        (
            (pair.pos - p, s.artist)
            for u, p, s in kept
            if u == pair.unit and p < pair.pos and s.artist
        )
    )
    for _, artist in dict.fromkeys(before):
        hit = _agreeing(pair.title, artist, "", page)
        if hit is not None:
            song = _song(pair, pair.title, hit, page, swapped=False)
            song.confirmed = "the paragraph's artist, named for a song before it"
            return song
    return None


def _keep_new(
    song: Song | None,
    pair: Pair,
    kept: list[tuple[int, int, Song]],
    seen: set[tuple[str, str, str]],
    seen_songs: set[tuple[str, str]],
) -> None:
    """Keep ``song`` (read late, from ``pair``) unless its title was kept already."""
    if song is None:
        return
    ident = (key(song.title), artist_key(song.artist or ""), key(song.version or ""))
    if ident in seen or ident[:2] in seen_songs or key(song.title) in {k[0] for k in seen}:
        return
    seen.add(ident)
    seen_songs.add(ident[:2])
    kept.append((pair.unit, pair.pos, song))


# the generic name of a part of a set, a score or a record: a mix's "Intro", a film cue's
# "Main Title", an unreleased "ID", "Untitled 3"
_SEGMENT = re.compile(
    r"(?:intro|outro|interlude|skit|reprise|id|untitled|unknown|tba|tbc|"
    r"(?:main|end|opening|closing)\s+(?:title|titles|credits|theme))(?:\s*\d*)?",
    re.I,
)


def _placeholder(title: str, artist: str) -> bool:
    """Rule ``segment or placeholder``: a mix's "Intro", an unreleased "ID" by "ID": a part
    of the set or a blank, never a song to keep unconfirmed."""
    return bool(_SEGMENT.fullmatch(title.strip())) or key(title) == key(artist)


def _released_by(unit: Unit, title: str, artist: str) -> str | None:
    """A quoted title with the performer who put it out after it (""Soul Deep", which The
    Council Collective (Weller and friends) put out that December") names it plainly."""
    t = r"[\W_]{1,3}".join(re.escape(w) for w in re.findall(r"[^\W_]+", title))
    a = r"[\W_]{1,3}".join(re.escape(w) for w in re.findall(r"[^\W_]+", artist))
    if (
        t
        and a
        and re.search(
            rf"[\"\u201c]{t}[,.!?]?[\"\u201d]\s*,?\s+which\s+{a}(?:\s*\([^()]{{0,80}}\))?\s+"
            r"(?:put\s+out|released|recorded|issued)\b",
            unit.text,
            re.I,
        )
    ):
        return "a quoted title with the artist who put it out"
    return None


def _table_row(unit: Unit, title: str, artist: str) -> str | None:
    """Rule ``row of a song table``: a table with title and artist columns one of whose rows
    gives just this title (a version in brackets aside) and this artist names it plainly."""
    if unit.kind != "table" or len(unit.rows) < 2:
        return None
    roles = [column_role(c) for c in unit.rows[0]]
    if "title" not in roles or "artist" not in roles:
        return None
    t, a = roles.index("title"), roles.index("artist")
    for row in unit.rows[1:]:
        if max(t, a) >= len(row) or key(row[a]) != key(artist):
            continue
        if key(_split_bracket(row[t].strip('"\u201c\u201d'))[0]) == key(title):
            return "a row of a table of titles and artists"
    return None


def _plain_entry(finder: Finder, pair: Pair) -> bool:
    """A list line whose entry (its first sentence) is just two names, ``Title - Artist`` or
    ``Title, Artist``, read that way round by ``pair``."""
    if pair.rule != "line" or not pair.artist or not 0 <= pair.unit < len(finder.units):
        return False
    unit = finder.units[pair.unit]
    phrases = _phrases(unit.text)
    head = _LINE_HEAD.match(unit.text)
    entry = (head.group(1) if head else unit.text).strip()
    words = {w.casefold() for p in phrases for w in re.findall(r"[\w-]+", p)}
    return (
        unit.kind == "item"
        and len(phrases) == 2
        # the two names set apart by a dash or a comma only (not columns, brackets or a
        # credit's role: "Written-By – Ed Cobb")
        and bool(
            re.fullmatch(
                rf"\W*{re.escape(phrases[0])}\s*(?:,|\s[\u2013\u2014-]{{1,2}})\s*"
                rf"{re.escape(phrases[1])}\W*",
                entry,
            )
        )
        and not words & CREDIT_WORDS
        and not any(_NOT_A_SONG_LINE.match(p) for p in phrases)
        and _split_bracket(phrases[0])[0] == pair.title
        and phrases[1] == pair.artist
        and looks_like_title(pair.title)
        and looks_like_title(pair.artist)
        and all(len(p.split()) <= 6 for p in phrases)
    )


def _plain_song(
    finder: Finder, pair: Pair, kept: list[tuple[int, int, Song]], searches: Searches
) -> Song | None:
    """Rule ``plain entry in a song list``: a list line written just ``Title - Artist`` (or
    ``Title, Artist``) that the catalog does not hold, in a list at least two of whose other
    lines the catalog confirmed as songs, is a song Spotify lacks: kept, marked. Not when
    the line is read the wrong way round for all one can tell (its "title" an artist the
    catalog knows)."""
    assert pair.artist
    units = finder.units

    def in_list(u: Unit) -> bool:  # a list line, or a line wrapped from one
        return u.kind == "item" or (u.kind in ("prose", "short") and u.text[:1].islower())

    lo = hi = pair.unit
    while lo > 0 and in_list(units[lo - 1]):
        lo -= 1
    while hi + 1 < len(units) and in_list(units[hi + 1]):
        hi += 1
    if any(u == pair.unit for u, _, _ in kept):
        return None
    if len({u for u, _, _ in kept if lo <= u <= hi}) < 2:
        return None
    song = Song(title=_tidy_title(pair.title), artist=_tidy_name(pair.artist))
    song.passage = pair.passage
    if _artist_known(pair.artist, searches):
        song.not_found = (
            f"Spotify has songs by {song.artist}, but none titled \u201c{song.title}\u201d"
        )
    elif not _artist_known(pair.title, searches):
        song.not_found = (
            f"Spotify has no track by {song.artist}; kept as a plain entry in a list of songs"
        )
    return song if song.not_found else None


def _section_videos(finder: Finder, kept: list[tuple[int, int, Song]]) -> None:
    """A video alone on its line after a section (a heading and its paragraphs) in which the
    catalog confirmed one song is that song's: a listicle's embed under its entry. After a
    section naming several, which one is unclear, so none."""
    used = {s.youtube for _, _, s in kept if s.youtube}
    start = 0
    for unit in finder.units:
        if unit.kind == "heading":
            start = unit.index
        if unit.kind != "url":
            continue
        urls = [u for u in unit_videos(unit) if u not in used]
        mine = [s for i, _, s in kept if start <= i < unit.index]
        if len(urls) == 1 and len(mine) == 1 and not mine[0].youtube:
            mine[0].youtube = urls[0]
            used.add(urls[0])
        start = unit.index + 1


def _anchored(
    finder: Finder,
    searches: Searches,
    vetoed: set[str],
    kept: list[tuple[int, int, Song]],
    missed: list[LeftOut],
) -> list[tuple[int, int, Song]]:
    """Rule ``artist's song in the text``: the catalog's tracks of each artist the article
    names, kept where a unit naming the artist (or one beside it; anywhere, for the artist the
    article opens with) writes the title as a title (see ``importer/anchored.py``)."""
    # not a table: its cells were read as cells; a line (not prose) only with its artist
    # right beside the title (see ``only_beside``)
    units = [
        u
        for u in finder.units
        if u.index not in finder.decoy_units
        and u.kind not in ("url", "table")
        and u.role != "question"
    ]
    top = _article_title(finder)
    subject = finder.text[:SUBJECT_CHARS]
    known = [s.artist for _, _, s in kept if s.artist]
    have = {(key(s.title), artist_key(s.artist or "")) for _, _, s in kept}
    in_unit = {(key(s.title), u) for u, _, s in kept}
    titles = {key(s.title) for _, _, s in kept}
    start = searches.sent
    out: list[tuple[int, int, Song]] = []
    refused: set[str] = set()
    met = {
        artist_key(str((a or {}).get("name") or ""))
        for page in searches.cache.values()
        for t in page
        for a in t.get("artists") or ()
    }
    # the words that open the page's furniture ("Joined Mar 2019" -> "joined")
    heads = {shape.split()[0] for shape in searches.furniture if shape.split()[0] != "#"}
    for name in anchored.artist_names(units, known, titles, met):
        if searches.sent - start >= anchored.MAX_NAMES:
            break
        if name.split()[0].lower() in heads:
            continue
        tracks = anchored.artist_tracks(name, searches)
        if tracks is None:
            break
        if not tracks:
            continue
        artist = anchored.credit(tracks[0], name)
        named = {
            u.index
            for u in units
            if anchored.mentions(u.text, artist) or anchored.mentions(u.text, name)
        }
        everywhere = bool(anchored.mentions(subject, artist) or anchored.mentions(subject, name))
        for unit in units:
            near = unit.index in named or unit.index + 1 in named
            if not (near or unit.index - 1 in named or everywhere):
                continue
            if unit.index == 0 and unit.text == top:
                continue  # the article's own title: its subject, an album
            quoted = anchored.quoted_spans(unit.text)
            for track in tracks:
                core = split_title(str(track.get("name") or "")).core
                ident = (key(core), artist_key(artist))
                if ident in have or key(core) in titles or _within(core, in_unit, unit.index):
                    continue  # kept already, by this artist or another (a cover set aside)
                for form in anchored.title_forms(core):
                    hit = anchored.find_in_unit(
                        unit,
                        form,
                        artist,
                        near=near,
                        quoted=quoted,
                        vetoed=vetoed,
                        also=name,
                        only_beside=unit.kind != "prose",
                    )
                    pos, why = hit
                    if pos is None:
                        shown = f"\u201c{form}\u201d by {artist}"
                        if why and shown not in refused:
                            refused.add(shown)
                            missed.append(LeftOut(shown, f"not taken as {artist}'s song: {why}"))
                        continue
                    song = Song(
                        title=_tidy_title(split_title(str(track.get("name"))).core),
                        artist=_tidy_name(artist),
                        passage=_clip(_sentence(unit.text, pos, pos + len(form))),
                    )
                    videos = unit_videos(unit)
                    song.youtube = videos[0] if len(set(videos)) == 1 else None
                    song.found = [track, *[t for t in tracks if t is not track]]
                    song.confirmed = f"artist's song in the text ({why})"
                    have.add(ident)
                    titles.add(key(core))
                    in_unit.add((key(core), unit.index))
                    out.append((unit.index, pos, song))
                    break
    return out


def _lower_case_messages(
    finder: Finder, searches: Searches, vetoed: set[str], kept: list[tuple[int, int, Song]]
) -> list[tuple[int, int, Song]]:
    """Rule ``song and artist in a lower-case message``: a chat message written all in lower
    case that no song was read from ("fast car tracy chapman. non negotiable") is searched
    as it stands, a sentence at a time; a track is kept when the sentence writes both its
    title and its artist."""
    lines = {u for u, _, s in kept}
    titles = {key(s.title) for _, _, s in kept}
    out: list[tuple[int, int, Song]] = []
    asked = 0
    for unit in finder.units:
        if (
            unit.index in lines
            or unit.index in finder.decoy_units
            or unit.kind in ("url", "table")
            or not anchored.lower_message(unit.text)
        ):
            continue
        body_at = len(unit.text) - len(anchored.strip_speaker(unit.text))
        for m in re.finditer(r"[^.!?;]+", unit.text[body_at:]):
            words = re.findall(r"[^\W_]+", m.group(0).replace("'", "").replace("\u2019", ""))
            if not 3 <= len(words) <= 12 or asked >= anchored.MAX_MESSAGES:
                continue
            asked += 1
            page = searches(" ".join(words))
            if page is None:
                return out
            piece = Unit(unit.index, unit.kind, m.group(0), m.group(0))
            for track in page:
                core = split_title(str(track.get("name") or "")).core
                artist = next(
                    (
                        str(a.get("name"))
                        for a in track.get("artists") or ()
                        if anchored.mentions(piece.text, str(a.get("name") or ""))
                    ),
                    "",
                )
                if not artist or key(core) in titles:
                    continue
                hit = anchored.find_in_unit(
                    piece, core, artist, near=True, quoted=[], vetoed=vetoed
                )
                if hit[0] is None or "quotation" in hit[1]:
                    continue
                song = Song(
                    title=_tidy_title(core), artist=_tidy_name(artist), passage=_clip(unit.text)
                )
                song.found = [track, *[t for t in page if t is not track]]
                song.confirmed = f"song and artist in a lower-case message ({hit[1]})"
                titles.add(key(core))
                out.append((unit.index, body_at + m.start() + (hit[0] or 0), song))
                break
    return out


def _within(title: str, in_unit: set[tuple[str, int]], unit: int) -> bool:
    """Whether a song kept from ``unit`` has ``title`` inside its own ("Running Up That Hill"
    in "Running Up That Hill (A Deal with God)"; "Teen Age Riot" as "Teenage Riot")."""
    flat = key(title).replace(" ", "")
    return any(u == unit and flat in k.replace(" ", "") for k, u in in_unit)


def _strong_with_artist(pair: Pair) -> bool:
    """A song the rules found strongly, with its artist (\u201cHollywood Dream\u201d by The
    Runaways)."""
    return pair.rule == "rules" and pair.song is not None and bool(pair.song.artist) and pair.strong


def _artist_known(artist: str, searches: Searches) -> bool:
    """Whether the catalog holds songs by ``artist`` (one search, cached)."""
    page = searches(
        f"artist:{artist}" if "'" not in artist and "\u2019" not in artist else artist
    )  # Spotify finds nothing for an apostrophe in a filter
    return any(
        _artist_agrees(artist, artist_key(a.get("name") or ""))
        for t in page or ()
        for a in t.get("artists") or ()
    )


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
        swappable = bool(
            cand and cand.cited_in in ("item", "short", "heading", "table") and cand.strong
        )
        out.append(
            Pair(
                song.title,
                song.artist,
                unit,
                pos,
                _row_context(finder, unit, song.title),
                song.passage,
                "rules",
                song=song,
                swappable=swappable,
                version=song.version,
                strong=bool(cand and cand.strong),
            )
        )
    return out


def _generous_pairs(
    finder: Finder, vetoed: set[str], taken: set[int], kept: set[str]
) -> list[Pair]:
    """Every plausible title phrase: from each line, row or heading where no song was
    confirmed (``taken``), and from every paragraph (titles ``kept`` are not asked again)."""
    titles = kept | vetoed
    top = _article_title(finder)
    out: list[Pair] = []
    for unit in finder.units:
        if unit.index in finder.decoy_units or unit.kind == "url":
            continue
        if unit.role == "question":
            continue  # an interviewer's question names what the answer is about
        if unit.kind == "prose":
            out += _prose_pairs(unit, titles, top=top, heading=finder.headings.get(unit.index, ""))
            continue
        if unit.index in taken and unit.kind != "table":
            continue
        context = _context(finder, unit.index)
        if unit.kind == "table":
            context = finder.headings.get(unit.index, "")
            if unit.rows and _decoy_heading(" ".join(unit.rows[0])):
                continue  # a table of albums, films or books, by its header
            # a header naming the song's columns ("Music", "Artist"): only they are read
            roles = [column_role(c) for c in unit.rows[0]] if len(unit.rows) > 1 else []
            named = _named_columns(roles)
            status = roles.index("status") if "status" in roles else None
            for n, row in enumerate(unit.rows[1:] if len(unit.rows) > 1 else unit.rows):
                if status is not None and status < len(row) and refused(row[status]):
                    continue  # a row its status column turns down
                if unit.index in taken and any(k and k in key(c) for c in row for k in kept):
                    continue  # a row whose song was confirmed
                if named:
                    row = [row[i] for i in named if i < len(row)]
                cells = [
                    _strip_punct(_MD_LINK.sub(lambda m: m.group(1), c)).strip("*_ ") for c in row
                ]
                cells = [c for c in cells if c and re.search(r"[^\W\d_]", c)]
                # "Bohemian Rhapsody (Queen)": a cell is cut into phrases like a line
                phrases = [p for c in cells for p in (_phrases(c) or [c])][: MAX_PHRASES + 1]
                out += _line_pairs(
                    phrases, unit, n, " ".join(row) + " " + context, _clip(" | ".join(cells)), "row"
                )
        elif unit.kind in ("item", "short", "heading"):
            if (unit.index == 0 and unit.text == top) or unit.text.rstrip().endswith(":"):
                # the article's own title (its subject, a venue, a date) and a label line
                # ("Encore:") are not entries
                out += _prose_pairs(unit, titles, marked_only=True)
                continue
            phrases = _phrases(unit.text)
            label = bool(_LABEL.match(unit.text)) and len(phrases) > 1
            # a title with "by" in it ("Stand by Me – Ben E. King") is read whole as well
            whole = _phrases(unit.text, by=False)
            readings = [phrases]
            if len(whole) > 1 and any(re.search(r"\w\s+by\s+\w", p, re.I) for p in whole):
                readings.append(whole)
            for reading in readings:
                out += _line_pairs(
                    reading,
                    unit,
                    0,
                    f"{context} {top}",
                    _clip(unit.text),
                    "line",
                    label=label,
                )
            # "nothing beats *Fast Car*. Tracy Chapman…": a line's marked phrases; its plain
            # capitalised words only when it reads as a sentence ("Wet Leg played Chaise
            # Longue and Angelica"): in a line of titles and names they are as often its
            # album, label or place
            sentence_like = any(not looks_like_title(p) for p in phrases)
            out += _prose_pairs(unit, titles, marked_only=not sentence_like, top=top)
    return out


def _named_columns(roles: list[str | None]) -> list[int] | None:
    """The title and artist columns of a table whose header cells have these ``roles``,
    title first; None if it names no title column."""
    if "title" not in roles:
        return None
    return [roles.index("title")] + ([roles.index("artist")] if "artist" in roles else [])


def _article_title(finder: Finder) -> str:
    """The article's title: its opening ``# `` heading, or a short first line with more
    after it (an appreciation's subject, a setlist's band, a show's name)."""
    units = finder.units
    if len(units) < 2:
        return ""
    first = units[0]
    if first.kind == "heading" and first.raw.lstrip().startswith("# "):
        return first.text
    return first.text if first.kind == "short" else ""


def _context(finder: Finder, index: int) -> str:
    """The words a name "beside" a unit's phrase may come from: the unit, the heading above
    it, and a short line right after it (a card's artist under its title)."""
    units = finder.units
    unit = units[index] if 0 <= index < len(units) else None
    here = unit.text if unit is not None else ""
    nxt = units[index + 1] if 0 <= index + 1 < len(units) else None
    after = (
        nxt.text
        if nxt is not None and nxt.kind in ("short", "prose") and len(nxt.text.split()) <= 6
        else ""
    )
    if not after and unit is not None and unit.kind == "heading" and nxt and nxt.kind == "prose":
        # a listicle's entry: the title as its heading, the artist in the blurb's first
        # sentence ("## No. 2: Penny Lane" / "The Beatles drop a trumpet solo…")
        after = _SENTENCE_END.split(nxt.text, maxsplit=1)[0]
    if unit is not None and unit.block >= 0:
        after = " | ".join(u.text for u in record_fields(units, unit))
    # kept apart, so that a title, its heading and a name below do not read as one name
    return f"{here} | {finder.headings.get(index, '')} | {after}"


# a record's line naming what was bought or listed when it is no song ("Album", "Film
# (Rental, HD)", "Audiobook"), or saying it was taken back ("Refunded 15 Nov 2026")
_NOT_A_SONG_LINE = re.compile(
    r"^(?:album|ep|lp|film|movie|book|audiobook|e-?book|podcast|episode|video|music video|"
    r"tv show|season|app|ringtone|refunded|cancell?ed|returned|removed|declined)\b",
    re.I,
)


def _one_field(unit: Unit) -> bool:
    """A line holding one field: a single phrase of at most six words, no sentence."""
    phrases = _phrases(unit.text)
    return len(phrases) == 1 and len(phrases[0].split()) <= 6


def record_fields(units: list[Unit], unit: Unit) -> list[Unit]:
    """Rule ``one-field records``: in a paragraph of one-field lines (a receipt, an app's
    screen or a list typed out with the title on one line and the artist on the next, or the
    other way round), the lines right above and below a one-field line may be its artist:
    the catalog says which. A record (the paragraph) with a line saying it is no song
    (an album, a film, an audiobook) or was refunded offers none."""
    if unit.block < 0 or not _one_field(unit):
        return []
    record = [u for u in units if u.block == unit.block]
    if any(_NOT_A_SONG_LINE.match(u.text.strip()) for u in record):
        return []
    return [
        u
        for u in units[max(0, unit.index - 1) : unit.index + 2]
        if u is not unit and u.block == unit.block and _one_field(u)
    ]


def _row_context(finder: Finder, index: int, title: str) -> str:
    """A table song's context: its own row and the heading above the table, not the whole
    table (a score cue is not by the band two rows down)."""
    unit = finder.units[index] if 0 <= index < len(finder.units) else None
    if unit is None or unit.kind != "table":
        return _context(finder, index)
    for row in unit.rows[1:]:
        if any(key(title) and key(title) in key(cell) for cell in row):
            return f"{' '.join(row)} {finder.headings.get(index, '')}"
    return _context(finder, index)


def _phrases(text: str, by: bool = True) -> list[str]:
    """A line cut at dashes, colons, brackets, quotes, slashes, dot leaders, column gaps and
    (unless ``by`` is false: "Stand by Me – Ben E. King") "by" into its phrases."""
    split = _SPLIT if by else _SPLIT_NOT_BY
    head = _LINE_HEAD.match(text)
    if head and (
        len([p for p in split.split(head.group(1)) if p.strip()]) > 1
        or len(re.split(r",\s+", head.group(1))) > 1
    ):
        # "Peach, Plum, Pear - Joanna Newsom. Marco's pick.": the entry is the line's first
        # sentence; what follows comments on it
        text = head.group(1)
    # a title that opens with a bracket is one phrase: "(Sittin' On) The Dock of the Bay"
    opening = {
        m.start(): m.group(0)
        for m in re.finditer(
            r"(?:^|(?<=[,\u2013\u2014-]\s))\([^()]{1,30}\)\s+[A-Z][^,\u2013\u2014()]*", text
        )
    }
    if opening:
        cut = 0
        pieces = []
        for at, title in sorted(opening.items()):
            pieces += split.split(text[cut:at]) + ["\x00" + title]
            cut = at + len(title)
        pieces += split.split(text[cut:])
        parts = [
            p[1:].strip() if p.startswith("\x00") else _strip_punct(p).strip("*_ ") for p in pieces
        ]
    else:
        parts = [_strip_punct(p).strip("*_ ") for p in split.split(text)]
    if len([p for p in parts if p]) == 1:  # no dash or bracket: "jeff buckley, Hallelujah."
        parts = [_strip_punct(p).strip("*_ ") for p in re.split(r",\s+|[.!?;]+\s+", text)]
    # a number is a phrase only beside a name ("1234 – Feist"), never a year
    named = sum(1 for p in parts if p and re.search(r"[^\W\d_]", p)) == 1 and len(parts) == 2
    return [
        p
        for p in parts
        if p
        and (re.search(r"[^\W\d_]", p) or named and re.fullmatch(r"\d{2,5}", p))
        and not re.fullmatch(r"(?:19|20)\d\d\w?", p)
    ][:MAX_PHRASES]


# a line's first sentence, where another follows ("Mr.", "Pt." and initials end none)
_LINE_HEAD = re.compile(
    r"^((?:[^.!?]|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\.|"
    r"(?<=\bSt)\.|(?<=\bPt)\.|(?<=\bVol)\.|(?<=\bNo)\.)+?)[.!?]+\s+(?=[A-Z\"\u201c])"
)
# "Encore: …", "Tape: …", "Self Esteem: …": what opens a line before a colon is a label or
# a name, never the title
_LABEL = re.compile(r"^[^:\u201c\"]{1,40}:\s")


def _line_pairs(
    phrases: list[str],
    unit: Unit,
    row: int,
    context: str,
    passage: str,
    rule: str,
    *,
    label: bool = False,
) -> list[Pair]:
    """Neighbouring phrases as (title, artist) either way round; then each phrase alone."""
    out: list[Pair] = []
    for n in range(len(phrases) - 1):
        if n == 0 and label:
            title, version = _split_bracket(phrases[1])
            out.append(
                Pair(
                    title,
                    phrases[0],
                    unit.index,
                    row,
                    context,
                    passage,
                    rule,
                    version=version,
                    links=unit_videos(unit),
                )
            )
            continue
        title, version = _split_bracket(phrases[n])
        if _is_version(phrases[n + 1]):  # "Fake Plastic Trees (acoustic)"
            out.append(
                Pair(
                    title,
                    None,
                    unit.index,
                    row,
                    context,
                    passage,
                    rule,
                    version=_cap(phrases[n + 1]),
                    links=unit_videos(unit),
                )
            )
            continue
        out.append(
            Pair(
                title,
                phrases[n + 1],
                unit.index,
                row,
                context,
                passage,
                rule,
                swappable=True,
                version=version,
                links=unit_videos(unit),
            )
        )
    for phrase in phrases if len(phrases) == 1 else []:
        out.append(Pair(phrase, None, unit.index, row, context, passage, rule))
    return out


# A capitalised run: words set as a title ("Signed, Sealed, Delivered I'm Yours", "Don't Stop
# Me Now"), small words allowed inside, commas between capitalised words.
_RUN = re.compile(
    r"(?:[A-Z0-9][\w'\u2019.&?!-]*)(?:(?:,?\s+|\s+(?:(?:a|an|the|and|or|of|to|in|"
    r"on|at|for|with|from|up|is|my|me|you|your|it|be|no|n')\s+)+)"
    r"(?:[A-Z0-9][\w'\u2019.&?!-]*))*"
)
# What before a phrase makes it an album, a film or a book: "the last song on Kid A",
# "anything from Either/Or", "her version is on Young, Gifted and Black", "we watched Mamma
# Mia", "I read Just Kids".
_PROSE_VETO = re.compile(
    r"(?:\b(?:from|off)(?:\s+the)?(?:\s+album)?|\b(?:songs?|tracks?)\s+on|"
    r"\b(?:is|was|are|were|appears?|appeared)\s+on(?:\s+the)?|"
    # a recording is on an album: "David Bowie's, on Station to Station", "the version on"
    r"(?:\w['\u2019]s?|\b(?:version|recording|one))\s*,?\s+on(?:\s+the)?|"
    r"\b(?:watch|watched|watching|saw|seen|see|read|reading|reread)"
    r"(?:\s+the)?(?:\s+(?:film|movie|book|show))?)\s*$",
    re.I,
)


# A run's pieces between sentence ends; initials ("D.C.") and "Mr." do not end one.
_IN_RUN = re.compile(
    r"(?:[^.!?]|(?<=[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\.|"
    r"(?<=\bSt)\.|\.(?=[A-Z]))+[.!?]?"
)
# British single quotes ('Common People', Elastica's 'Connection'); not an apostrophe
_SINGLE = re.compile(
    r"(?<![\w'\u2019])['\u2018]([^'\u2018\u2019\n]{1,80}?(?:['\u2019]\w"
    r"[^'\u2018\u2019\n]{0,60}?)?)['\u2019](?!\w)"
)


def _prose_pairs(
    unit: Unit,
    titles: set[str],
    *,
    marked_only: bool = False,
    top: str = "",
    heading: str = "",
) -> list[Pair]:
    """Quoted, linked, italic and capitalised phrases of a paragraph, each checked against the
    names of the paragraph and its heading (a capitalised run: of its sentence and the
    article's title)."""
    text = unit.text
    spans = [(s + 1, e - 1, _strip_punct(inner), True) for s, e, inner in _quote_spans(text)]
    spans += [(m.start(1), m.end(1), m.group(1), True) for m in _SINGLE.finditer(text)]
    in_quotes = {(s, e) for s, e, _, _ in spans}
    spans += [
        (x.start, x.end, text[x.start : x.end], True)
        for x in unit.links
        if x.url and x.url != text[x.start : x.end]
    ]
    spans += [(x.start, x.end, text[x.start : x.end], True) for x in unit.italics]
    marked = [(s, e) for s, e, _, _ in spans]
    owned: set[int] = set()  # runs after "Their": their artist may be in the sentence before
    # rule ``file path``: "Music/Fleetwood Mac/Rumours/07 The Chain.mp3" names folders
    marked += [(m.start(), m.end()) for m in PATH.finditer(text)]
    for m in [] if marked_only else _RUN.finditer(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in marked):
            continue
        # a sentence's end inside a run ("Never for Ever. Army Dreamers") ends it
        for sm in _IN_RUN.finditer(m.group(0)):
            at = m.start() + sm.start()
            run = _strip_punct(sm.group(0))
            if text[at + len(sm.group(0)) : at + len(sm.group(0)) + 1] == ":":
                continue  # a label: "Tape:", "Ceremony:"
            words = run.split()
            if not words or (len(words) == 1 and words[0] in NOT_NAMES):
                continue
            spans.append((at, at + len(run), run, False))
            if len(words) > 1 and words[0] in ("Their", "His", "Her"):
                # "a poster of Heaven 17. Their Temptation is the song she plays": the
                # pronoun's artist is named in the sentence before
                rest = run[len(words[0]) + 1 :]
                spans.append((at + len(run) - len(rest), at + len(run), rest, False))
                owned.add(at + len(run) - len(rest))
            # "My Girl, The Temptations", "Chaise Longue and Angelica", "Caroline
            # Polachek's Welcome to My Island", "Sufjan Stevens' Mystery of Love": each part
            for part in re.finditer(r"[^,]+?(?=,|\s+and\s+|['\u2019]s\s|(?<=s)['\u2019]\s|$)", run):
                piece = re.sub(r"^(?:and|['\u2019]s?)\s+", "", part.group(0).strip())
                if piece and piece != run:
                    spans.append((at + part.start(), at + part.end(), piece, False))
    out = []
    for start, end, phrase, quoted in sorted(spans):
        phrase = _strip_punct(phrase)
        if not phrase or len(phrase.split()) > 10 or key(phrase) in titles:
            continue
        before = text[max(0, start - 80) : start].rstrip("\u201c\u2018'\"*_ ")
        after = text[end : end + 80].lstrip("\u201d\u2019'\"*_")
        sentence = _sentence(text, start, end)
        clause = _clause_around(text, start, end)
        if (
            _decoy_next_to(before, after)
            or _sentence_decoy(clause, phrase)
            or _PROSE_VETO.search(before)
            or anchored.AFTER_VETO.match(after)
        ):
            continue
        # a quoted or italic phrase is marked as a title: a name anywhere in the paragraph
        # may be its artist; a run of capitals is not, so its artist must share its sentence
        # ("a Hollywood ending" in a paragraph that names The Runaways is no song of theirs)
        out.append(
            Pair(
                phrase,
                None,
                unit.index,
                start,
                f"{text} {heading}"
                if quoted
                else f"{_sentence_before(text, start)} {sentence} {top}"
                if start in owned
                else f"{sentence} {top}",
                _clip(sentence),
                "phrase" if quoted else "run",
                links=unit_videos(unit),
                version=_version_before(before + " "),
                quoted=(start, end) in in_quotes,
            )
        )
    return out


def _sentence_before(text: str, start: int) -> str:
    """The sentence before the one holding ``text[start]``."""
    lo = _sentence_start(text, start)
    return text[_sentence_start(text, max(0, lo - 2)) : lo] if lo > 0 else ""


def _clause_around(text: str, start: int, end: int) -> str:
    """The stretch of ``text`` between the punctuation (,;:.!?) before and after a phrase:
    what speaks of it ("Hounds of Love is the album everyone names")."""
    lo = max(text.rfind(c, 0, start) for c in ",;:.!?") + 1
    his = [i for i in (text.find(c, end) for c in ",;:.!?") if i != -1]
    return text[lo : min(his) if his else len(text)]


def unit_videos(unit: Unit) -> list[str]:
    """The YouTube links of a unit (a line that links its video)."""
    return [x.url for x in unit.links if x.url and video_id(x.url)]


# --- the catalog's word ------------------------------------------------------------------------


def _check(pair: Pair, searches: Searches, vetoed: set[str]) -> tuple[Song | None, str]:
    """The song the catalog confirms for ``pair``, or None and why not ("" when nothing
    could be asked: every reading of it is vetoed)."""
    tries: list[tuple[str, str | None, str]] = []
    if pair.artist:
        tries.append((pair.title, pair.artist, "named pair"))
        if pair.swappable:
            tries.append((_split_bracket(pair.artist)[0], pair.title, "swapped pair"))
    # a title alone must be set as one (or quoted): "summer '98" beside "Jo" is no song
    loose = pair.rule in ("rules", "phrase")
    if loose or looks_like_title(pair.title):
        tries.append((pair.title, None, "name in the unit"))
    if pair.swappable and pair.artist and looks_like_title(pair.artist):
        tries.append((_split_bracket(pair.artist)[0], None, "name in the unit"))
    tries = [
        t
        for t in tries
        if key(t[0]) not in vetoed
        and len(t[0]) <= 120
        # a number is a title only beside its artist ("Arctic Monkeys - 505", "Feist, 1234")
        and (re.search(r"[^\W\d_]", t[0]) or t[1] and re.fullmatch(r"\d{2,5}", t[0].strip()))
    ]
    if not tries:
        return None, ""
    tries = [t for t in tries if not any(_CHORDS.fullmatch((x or "").strip()) for x in t[:2])]
    if not tries:
        return None, "never a song: a chord or a single letter"
    tries = [t for t in tries if not any(_template(x or "") in searches.furniture for x in t[:2])]
    if not tries:
        return None, "never a song: page furniture, repeated with other numbers"
    for title, artist, rule in tries:
        if artist is not None and searches.hopeless(artist):
            continue
        queries = build_queries(Track(title=title, artist=artist or ""))
        if not queries:  # nothing Spotify can search for ("&", "The")
            continue
        page = searches(queries[0])
        if page is None:
            return None, f"not searched: the article's {searches.limit} searches were spent"
        hit = _agreeing(title, artist, pair.context, page)
        if hit is None and artist is not None:
            searches.misses[artist_key(artist)] += 1
        if hit is None and artist is None and len(page) >= 10:
            # a common title ("Connection", "Hurt"): the artist's take may lie past the
            # page; ask again with each name beside it
            for name in _names_beside(pair.context, title):
                if searches.hopeless(name):
                    continue
                more = build_queries(Track(title=title, artist=name))
                named = searches(more[0]) if more else None
                if named is None:
                    break
                hit = _agreeing(title, name, pair.context, named)
                if hit is not None:
                    page = named
                    break
                searches.misses[artist_key(name)] += 1
        if hit is None and artist is None and pair.rule == "rules" and not pair.artist:
            # a song the rules found without its artist: the catalog's artist must be one
            # the article names somewhere (an interview's subject, a review's band)
            hit = _agreeing(title, None, searches.article, page)
        elif hit is None and artist is None and pair.quoted:
            # a title in quotation marks, its artist nowhere near: the article's subject,
            # the singer its first lines name ("Bohemian Rhapsody" is no Queen song in an
            # article that names a film "Queen of Earth" halfway down)
            hit = _agreeing(title, None, searches.article[:SUBJECT_CHARS], page)
        if hit is not None:
            song = _song(pair, title, hit, page, swapped=rule == "swapped pair")
            where = {
                "rules": "the rules' reading",
                "line": "a line's phrases",
                "row": "a table row's cells",
                "phrase": "a marked phrase",
                "run": "a capitalised run",
            }[pair.rule]
            song.confirmed = f"{rule}, from {where}"
            return song, rule
    if pair.artist:
        return None, (
            f"not in the catalog: no track titled \u201c{pair.title}\u201d by "
            f"{pair.artist} or by a name beside it"
        )
    return None, f"not in the catalog: no track titled \u201c{pair.title}\u201d by a name beside it"


def _names_beside(context: str, title: str, most: int = 3) -> list[str]:
    """Capitalised names in ``context`` other than ``title`` ("Elastica's" -> "Elastica")."""
    out: list[str] = []
    for m in _RUN.finditer(context):
        name = re.sub(r"['\u2019]s?$", "", _strip_punct(m.group(0)))
        if (
            name
            and key(name) != key(title)
            and name.split()[0] not in NOT_NAMES
            and name not in out
            and title not in name
        ):
            out.append(name)
    return out[:most]


def _agreeing(
    title: str, artist: str | None, context: str, page: list[dict[str, Any]]
) -> tuple[dict[str, Any], str] | None:
    """The track of ``page`` whose title agrees and whose artist agrees with ``artist`` (or,
    without one, is named in ``context``: the name nearest the title when several are), with
    the catalog's spelling of that artist."""
    words = f" {key(context)} "
    found: list[tuple[int, int, dict[str, Any], str]] = []
    for n, obj in enumerate(page):
        if not _title_agrees(title, str(obj.get("name") or "")):
            continue
        for credit in obj.get("artists") or ():
            name = str((credit or {}).get("name") or "")
            k = artist_key(name)
            if not k:
                continue
            if artist is not None and _artist_agrees(artist, k):
                return obj, name
            if artist is None and _named(name, words, context):
                found.append((_distance(context, title, name), n, obj, name))
    # rule ``performer, not songwriter``: a name the text gives only as the writer
    performers = [f for f in found if not writer_only(f[3], context)]
    if not performers:
        return None
    _, _, obj, name = min(performers, key=lambda f: (f[0], f[1]))
    return obj, name


def _distance(context: str, title: str, name: str) -> int:
    """Characters between ``title`` and the nearest mention of ``name`` (or its surname) in
    ``context``; large when either is not found as written."""
    low = context.casefold()
    at = low.find(title.casefold())
    if at < 0:
        return 10_000
    best = 10_000
    for word in {name, name.split()[-1]}:
        for m in re.finditer(re.escape(word.casefold()), low):
            best = min(best, abs(m.start() - at))
    return best


def _named(artist: str, words: str, text: str) -> bool:
    """Whether ``text`` (``words``: its ``key``, padded with spaces) names the artist: in
    full, or by a capitalised surname of four letters or more ("Bowie's people")."""
    if f" {artist_key(artist)} " in words:
        return True
    if re.search(rf"(?<!\w){re.escape(artist)}['\u2019]s?(?!\w)", text, re.I):
        return True  # "Elastica's 'Connection'", "Coolio\u2019s Gangsta\u2019s Paradise"
    parts = artist.split()
    # rule ``initials for the band``: "ELO" for Electric Light Orchestra, "CCR" for Creedence
    # Clearwater Revival: the capitals of the name's words, written as a word of their own
    initials = "".join(p[0] for p in parts if p.lower() not in ("the", "and", "&")).upper()
    if (
        2 <= len(initials) <= 5
        and len(parts) >= 2
        and initials.isalpha()
        and re.search(rf"\b{initials}\b", text)
    ):
        return True
    last = parts[-1] if len(parts) >= 2 else ""
    return (
        len(last) >= 4
        and last[0].isupper()
        and bool(re.search(rf"(?<!\w){re.escape(last)}(?:['\u2019]s)?(?!\w)", text))
    )


def _title_agrees(wanted: str, found: str) -> bool:
    a, b = key(split_title(wanted).core), key(split_title(found).core)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 92):
        return True
    # rule ``part of a work``: the catalog names an aria or a movement after its work
    # ("Turandot / Act 3: "Nessun dorma!""); the part after the colon is the piece itself
    part = re.split(r":\s+", found)
    if len(part) > 1 and len(a) >= 6 and key(split_title(part[-1]).core) == a:
        return True
    return _medley_of(wanted, found)


def _medley_of(wanted: str, found: str) -> bool:
    """Rule ``medley named by its first song``: the catalog's "One Love / People Get Ready"
    is the track a text calling it "One Love" means (its first part, not the whole)."""
    core = split_title(found).core
    if ":" in core:
        return False  # "Turandot / Act 3: …": a work and its part, no medley
    parts = [key(p) for p in re.split(r"\s+/\s+", core)]
    a = key(split_title(wanted).core)
    return len(parts) > 1 and bool(a) and parts[0] == a != key(split_title(found).core)


def _whole_title(title: str, found: str, context: str) -> str:
    """Rule ``the whole title as written``: a candidate that is part of the confirmed track's
    title ("These Sounds Fall Into My Mind" of "The Bomb (These Sounds Fall Into My Mind)")
    is that whole title when the text writes it in full; a catalog suffix ("- Live") stays
    out. Rule ``the song's full title``: a title the catalog completes with a bracketed
    subtitle ("Sing Sing Sing" -> "Sing, Sing, Sing (With A Swing)") is the song's full
    title; a bracketed credit or version ("(with Ariana Grande)", "(Live)") is not."""
    whole = re.split(r"\s+-\s+", found)[0].strip()
    a, b = key(title), key(whole)
    if a and a != b and f" {a} " in f" {b} " and f" {b} " in f" {key(context)} ":
        return whole
    sub = _SUBTITLE.fullmatch(whole)
    if sub and key(sub.group(1)) == a and not _NOT_SUBTITLE.search(sub.group(2)):
        return whole  # the song's full title: "Sing, Sing, Sing (With A Swing)"
    return title


_SUBTITLE = re.compile(r"(.+?)\s*\(([^()]+)\)")
_NOT_SUBTITLE = re.compile(
    # a credit ("feat. X", "with Ariana Grande", "From \"Wicked\""), not "With A Swing"
    r"^(?:(?:feat|ft|featuring|from|prod)\b|with\s+\w\w)|\b(?:live|remaster(?:ed)?|mix|edit|"
    r"version|demo|acoustic|mono|stereo|instrumental|session|take|bonus|single|radio|"
    r"extended|original|re-?recorded|remix|cover|\d{4})\b",
    re.I,
)


def _artist_agrees(wanted: str, found_key: str) -> bool:
    w = artist_key(wanted)
    if not w:
        return False
    if w == found_key or (min(len(w), len(found_key)) >= 5 and fuzz.ratio(w, found_key) >= 90):
        return True
    # "Bowie" for "David Bowie": a surname the article uses once it has given the full name
    if len(w) >= 4 and found_key.endswith(" " + w):
        return True
    # rule ``leader for the band``: "Bob Marley" for "Bob Marley & The Wailers"
    return " " in w and re.fullmatch(rf"{re.escape(w)} and the \w+(?: \w+)?", found_key) is not None


def _song(
    pair: Pair,
    title: str,
    hit: tuple[dict[str, Any], str],
    page: list[dict[str, Any]],
    *,
    swapped: bool,
) -> Song:
    obj, artist = hit
    if _medley_of(title, str(obj.get("name") or "")):
        title = split_title(str(obj.get("name") or "")).core  # the medley's whole title
    title = _whole_title(title, str(obj.get("name") or ""), pair.context)
    base = pair.song
    version = pair.version if not swapped else None
    if base is not None:
        song = Song(
            title=_tidy_title(title),
            artist=_tidy_name(artist),
            version=base.version,
            youtube=base.youtube,
            album=base.album,
            spotify=base.spotify,
            year=base.year,
            duration_ms=base.duration_ms,
            passage=base.passage,
        )
    else:
        song = Song(
            title=_tidy_title(title),
            artist=_tidy_name(artist),
            version=version,
            passage=pair.passage,
            youtube=pair.links[0] if len(set(pair.links)) == 1 else None,
        )
    song.found = [obj, *[o for o in page if o is not obj]]
    return song
