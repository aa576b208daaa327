"""Cue lines: a line opened by a word saying the music follows (``Music:``, ``Track 3``,
``music is``) or by an outliner's toggle (``▾``) names one song in the rest of the line, in
whichever of the usual shapes it is written; a to-do list's checkboxes open entries; a
featured artist's bracket is a credit, not a word of the title. One row per rule, each with a
decoy beside it (issue 17, the fifteenth set's shapes)."""

from __future__ import annotations

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister.importer import import_text
from playlister.importer.finder import find_songs

# (rule, text, [(title, artist), ...] or [(title, artist, version), ...])
OFFLINE = [
    (
        "cue line: `Music: Title – Artist` under an entry; the costume line is no song",
        "1. TINY TOES\nMusic: Mr. Sandman – The Chordettes\nCostume: yellow tutu, white socks.\n",
        [("Mr. Sandman", "The Chordettes")],
    ),
    (
        "cue line: `Title, Artist` with a bracket of notes after it, the notes no artist",
        "Music: Happy, Pharrell Williams (from the film – the film version, not a remix)\n",
        [("Happy", "Pharrell Williams")],
    ),
    (
        "cue line: `music is title (artist)` in lower case, a note after a dash",
        "music is thank u, next (ariana grande) – we use the clean edit, don't worry\n",
        [("thank u, next", "ariana grande")],
    ),
    (
        "cue line: a possessive's version is the performer; the original set aside is not",
        "Music: Skinny Love — Birdy's version, not Bon Iver's original.\n",
        [("Skinny Love", "Birdy")],
    ),
    (
        "cue line: `Title ft. X (Artist)`: the artist in brackets, the guest no part of it",
        "Track: Uptown Funk ft. Bruno Mars (Mark Ronson). Practise with the video.\n",
        [("Uptown Funk", "Mark Ronson")],
    ),
    (
        "cue line: `Track N  Title – Artist` wrapped, the rest of the sentence a note",
        "11:53  Slideshow\n"
        "         Track 7  Wonderful Tonight – Eric Clapton. It MUST be the\n"
        "                  live recording.\n",
        [("Wonderful Tonight", "Eric Clapton")],
    ),
    (
        "cue line: toggles `▾ Title — Artist`, `▾ Title · Artist`; the properties no song",
        "    ▾ Another Chance — Roger Sanchez\n        BPM: 118 · Key: 4A · Energy: 4\n\n"
        "    ▾ Around the World · Daft Punk\n        BPM: 121 · Key: 10A · Energy: 5\n",
        [("Another Chance", "Roger Sanchez"), ("Around the World", "Daft Punk")],
    ),
    (
        "cue line: a quoted title first, its performer after `by`; the film is no artist",
        "Music: \u201cThis Is Me\u201d from The Greatest Showman, performed by Keala Settle\n",
        [("This Is Me", "Keala Settle")],
    ),
    (
        "checkbox: `[x]` and `[ ]` open entries as bullets do; a comment between them is none",
        "[x] Don't Bring Me Down - ELO\n"
        "Comment from Jamie: this one is for when we first see the sea.\n"
        "[ ] Everywhere - Fleetwood Mac\n",
        [("Don't Bring Me Down", "ELO"), ("Everywhere", "Fleetwood Mac")],
    ),
    (
        "bracket comment: `[Name: …]` after an entry is a comment, not its version",
        "[x] Don't Bring Me Down - ELO\n"
        "[x] The Passenger \u2014 Iggy Pop [Hannah: the Iggy one, not the Siouxsie cover]\n",
        [("Don't Bring Me Down", "ELO"), ("The Passenger", "Iggy Pop")],
    ),
    (
        "one list, one order: a band's initials vote, and a later even block follows",
        "[x] Don't Bring Me Down - ELO\n[x] I'm Gonna Be (500 Miles) \u2013 The Proclaimers\n"
        "Comment from Priya: it's 263 miles to Bodmin, I checked.\n"
        "[x] Everywhere - Fleetwood Mac\n",
        [
            ("Don't Bring Me Down", "ELO"),
            ("I'm Gonna Be (500 Miles)", "The Proclaimers"),
            ("Everywhere", "Fleetwood Mac"),
        ],
    ),
    (
        "the live one: `Artist, the live one off Album` asks for that live recording; a "
        "plain note after the artist (decoy) asks for none",
        "[ ] Baby, I Love Your Way \u2014 Peter Frampton, the live one off Frampton Comes Alive!"
        " obviously\n[x] Don't Bring Me Down - ELO\n[x] Everywhere - Fleetwood Mac\n",
        [
            ("Baby, I Love Your Way", "Peter Frampton", "Live (Frampton Comes Alive!)"),
            ("Don't Bring Me Down", "ELO", None),
            ("Everywhere", "Fleetwood Mac", None),
        ],
    ),
    (
        "cue line (decoy): a label naming the music system, no song",
        "Music:        Chapel music system. Tracks uploaded by the office on Monday.\n",
        [],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), OFFLINE, ids=[r[0] for r in OFFLINE])
def test_cue_lines_offline(rule: str, text: str, expected: list[tuple[str, ...]]) -> None:
    songs, _ = find_songs(text)
    if any(len(e) == 3 for e in expected):
        assert [(s.title, s.artist, s.version) for s in songs] == expected
    else:
        assert [(s.title, s.artist) for s in songs] == expected


CATALOG = Catalog(
    [
        make_track("t1", "A Thousand Years", "Christina Perri", "A Thousand Years", 2011),
        make_track("t2", "Christina", "Someone Else", "Christina", 2001),
        make_track("t3", "Fortnight (feat. Post Malone)", "Taylor Swift", "TTPD", 2024),
        make_track("t4", "Gypsy Woman (She's Homeless)", "Crystal Waters", "Surprise", 1991),
        make_track("t5", "Don't Bring Me Down", "Electric Light Orchestra", "Discovery", 1979),
        make_track("t6", "Don't Bring Me Down", "Someone Else", "Covers", 2015),
        make_track("t7", "APT.", "ROS\u00c9", "rosie", 2024),
        make_track("t8", "That One Will Get Played Anyway", "Someone Else", "Covers", 2015),
    ]
)


def confirmed(text: str) -> list[tuple[str, str | None]]:
    search = CatalogSearch(CATALOG)
    result = import_text(text, source="stdin", search=lambda q: search.search_tracks(q))
    return [(s.title, s.artist) for s in result.songs]


WITH_CATALOG = [
    (
        "cue line, `Artist, Title`: the catalog reads it the other way round",
        "3. GRADE 3 BALLET\nMusic: Christina Perri, A Thousand Years\nCostume: white tutu.\n",
        [("A Thousand Years", "Christina Perri")],
    ),
    (
        "cue line, `Artist – Title (bracket)`: the bracket marks the title",
        "    ▾ Crystal Waters – Gypsy Woman (She's Homeless)\n        BPM: 122 · Key: 9A\n",
        [("Gypsy Woman (She's Homeless)", "Crystal Waters")],
    ),
    (
        "initials for the band: `ELO` names Electric Light Orchestra, not another's cover",
        "[x] Don't Bring Me Down - ELO\n[x] Gypsy Woman (She's Homeless) - Crystal Waters\n",
        [
            ("Don't Bring Me Down", "Electric Light Orchestra"),
            ("Gypsy Woman (She's Homeless)", "Crystal Waters"),
        ],
    ),
    (
        "title after a colon: a short quote in capitals after `Name:` is a title; a remark "
        "after one (decoy) is speech",
        "ROS\u00c9 & Bruno Mars: \u201cAPT.\u201d passed 50 million UK streams in 38 days.\n\n"
        "Tom Hale: \u201cthat one will get played anyway\u201d, he said.\n",
        # (the title's own full stop, "APT.", is still dropped: a known gap)
        [("APT", "ROS\u00c9")],
    ),
    (
        "featured credit: the catalog's `(feat. X)` is no part of the title drafted",
        "| # | Song | Artist |\n|---|---|---|\n"
        "| 8 | Fortnight (feat. Post Malone) | Taylor Swift |\n"
        "| 9 | Gypsy Woman (She's Homeless) | Crystal Waters |\n",
        [("Fortnight", "Taylor Swift"), ("Gypsy Woman (She's Homeless)", "Crystal Waters")],
    ),
    (
        "figures before the entry: a log's split and pace columns are no part of the title; "
        "a section's label and a note indented under a row (decoy) name no song",
        "Warm-up\n1 km   5:38   Gypsy Woman (She's Homeless) – Crystal Waters\n"
        "2 km   5:31   A Thousand Years – Christina Perri (yes. I know.)\n"
        "3 km   4:24   Don't Bring Me Down – ELO. Cheesy. Works.\n"
        "              Christina next, a slow one\n",
        [
            ("Gypsy Woman (She's Homeless)", "Crystal Waters"),
            ("A Thousand Years", "Christina Perri"),
            ("Don't Bring Me Down", "Electric Light Orchestra"),
        ],
    ),
]


@pytest.mark.parametrize(("rule", "text", "kept"), WITH_CATALOG, ids=[r[0] for r in WITH_CATALOG])
def test_cue_lines_with_the_catalog(rule: str, text: str, kept: list[tuple[str, str]]) -> None:
    assert confirmed(text) == kept
