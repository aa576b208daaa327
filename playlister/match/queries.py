"""The search ladder: a precise query first, fallbacks after it, each safe for Spotify.

Spotify's search finds nothing for apostrophes inside a field filter and chokes on ``/ : +``
and queries over about 100 characters; every query built here avoids all three.
"""

from __future__ import annotations

import re

from playlister.match.score import wanted
from playlister.match.text import GUEST_WORD, key, primary_artist
from playlister.match.versions import ACOUSTIC, DEMO, INSTRUMENTAL, LIVE, REMIX, split_title
from playlister.text import APOSTROPHES
from playlister.tracklist import Track

MAX_QUERY = 100

# --- the search ladder ------------------------------------------------------------------------

_UNSAFE = re.compile(r"[/:+\"()\[\]{}*,;!?#|\\]|\s-+\s|^-+\s|\s-+$")
_CONNECTORS = frozenset({"&", "and", "n", "'n'", "n'", "'n", "+"})
_N_JOINED = re.compile(r"(?<=\w)'n'(?=\w)", re.IGNORECASE)
_VERSION_WORD = {
    LIVE: "live",
    DEMO: "demo",
    REMIX: "remix",
    ACOUSTIC: "acoustic",
    INSTRUMENTAL: "instrumental",
}


def _words(text: str, *, filter_value: bool, credit: bool = False) -> tuple[list[str], list[str]]:
    """Split ``text`` into (safe words, apostrophe words) for one part of a query.

    Connectors ('&', "and", 'n'), a leading "The" and, in an artist ``credit``, guest markers
    ("feat.") are dropped: whole-word matching would otherwise demand Spotify's exact spelling
    of them. Apostrophe words are returned apart when ``filter_value`` is true: Spotify finds
    nothing for them inside a field filter, so they must go into the free text.
    """
    words: list[str] = []
    quoted: list[str] = []
    raw = _UNSAFE.sub(" ", text.translate(APOSTROPHES)).split()
    for i, word in enumerate(raw):
        low = word.casefold()
        guest = credit and GUEST_WORD.fullmatch(low)
        if low in _CONNECTORS or guest or (i == 0 and low == "the"):
            continue
        for part in _N_JOINED.sub(" ", word).split():  # "Rock'n'Roll" -> "Rock", "Roll"
            if not part.strip("'-."):
                continue
            (quoted if "'" in part and filter_value else words).append(part)
    return words, quoted


def _query(*free: str, **fields: str) -> str:
    """Compose one query, moving apostrophe words out of filters and keeping within 100 chars."""
    loose: list[str] = []
    for text in free:
        loose.extend(_words(text, filter_value=False, credit=True)[0])
    parts: dict[str, list[str]] = {}
    quoted: list[str] = []
    for name, value in fields.items():
        words, q = _words(value, filter_value=True, credit=name == "artist")
        quoted.extend(q)
        if words:
            parts[name] = words
    loose = list(dict.fromkeys(quoted + loose))

    def render() -> str:
        filters = [f"{name}:{' '.join(words)}" for name, words in parts.items() if words]
        return " ".join([*loose, *filters])

    # Over-long: shorten the album, then the free words, then the title, then the artist.
    for name in ("album", "free", "track", "artist"):
        words = loose if name == "free" else parts.get(name, [])
        keep = 0 if name in ("album", "free") else 1
        while len(render()) > MAX_QUERY and len(words) > keep:
            words.pop()
    text = render()
    return text if len(text) <= MAX_QUERY else text[:MAX_QUERY].rsplit(" ", 1)[0]


def ladder(track: Track) -> list[tuple[str, str]]:
    """(query, rung kind) pairs, most precise first, without repeats."""
    w = wanted(track)
    title = w.title.core
    artist = track.artist
    version = " ".join(_VERSION_WORD[k] for k in sorted(w.kinds) if k in _VERSION_WORD)
    rungs: list[tuple[str, str]] = [(_query(track=title, artist=artist), "precise")]
    if version:  # sent only when the precise page is full: the take may be past its end
        rungs.append((_query(version, track=title, artist=artist), "precise+version"))
    # The artist's catalog: the song under another spelling ("Reaady" for "Ready"), or, when
    # the page is not full, every song Spotify holds by that artist, which settles absence.
    # Free text forgives slips in the title and the artist alike; when the artist's words make
    # up most of it, its results show the artist's other songs too, so it goes first.
    catalog = (_query(artist=artist), "catalog")
    free = (_query(title, artist), "free")
    n_title = len(_words(title, filter_value=False)[0])
    n_artist = len(_words(artist, filter_value=False, credit=True)[0])
    rungs += [free, catalog] if n_artist >= 0.6 * (n_title + n_artist) else [catalog, free]
    if w.short_key != w.core_key and w.title.short:
        rungs.append((_query(track=w.title.short, artist=artist), "short title"))
    album = split_title(track.album).core if track.album else ""
    if album and key(album) != w.core_key:  # a single named after the song adds nothing
        longest = max(_words(title, filter_value=False)[0], key=len, default="")
        rungs.append((_query(longest, album=album, artist=artist), "album"))
    variants = (
        primary_artist(artist),
        re.split(r"\s*,\s*|\s+x\s+", artist)[0],
        re.split(r"\s(?:&|and)\s", artist)[0],
    )
    for variant in variants:
        if variant and variant != artist:
            rungs.append((_query(track=title, artist=variant), "artist variant"))
    rungs.append((_query(track=title), "title only"))
    seen: set[str] = set()
    out = []
    for query, kind in rungs:
        if query and query not in seen:
            seen.add(query)
            out.append((query, kind))
    return out


def build_queries(track: Track) -> list[str]:
    """The search ladder for ``track``: each query cleaned for Spotify and at most 100 chars."""
    return [query for query, _ in ladder(track)]
