"""Version intent end to end: the particulars that pick one recording, and the decisions on them.

A curated list names a recording ("Live at Glastonbury", "Peel Session", "2007 demo"). Another
take of the song must never come back ``matched``: the studio take stands in as a substitute
and the reason says what was wanted and what was found.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fake_catalog import load_csv, make_track
from hypothesis import given, settings
from hypothesis import strategies as st

from playlister.match.candidate import Candidate
from playlister.match.resolve import decide, resolve
from playlister.match.score import WEIGHTS, assess, credit_names, is_slip
from playlister.match.versions import (
    album_is_live,
    classify,
    is_neutral,
    particulars,
    split_title,
    version_kinds,
)
from playlister.state import Status
from playlister.tracklist import Track

CSV = Path(__file__).parent / "data" / "tidytuesday_2020-01-21_spotify_songs.csv"
MATCHED, SUBSTITUTE, REVIEW, MISSING = (
    Status.MATCHED,
    Status.SUBSTITUTE,
    Status.REVIEW,
    Status.MISSING,
)


def cand(tid: str, title: str, artist: str, album: str, year: int, ms: int = 200_000) -> Candidate:
    return Candidate.from_api(make_track(tid, title, artist, album, year, ms))


# --- parsing the particulars ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places", "years", "session"),
    [
        ("Live at Glastonbury", {"glastonbury"}, set(), None),
        ("Live at Wembley 1986", {"wembley"}, {1986}, None),
        ("Live at Wembley Stadium", {"wembley"}, set(), None),
        ("Live In Paris / 1992", {"paris"}, {1992}, None),
        ("Live At The Ritz, New York City / 1988", {"ritz", "york"}, {1988}, None),
        ("Live at the Matador 21st Anniversary", {"matador"}, set(), None),
        ("Live at Wembley '86", {"wembley"}, {1986}, None),
        ("MTV Unplugged in New York", {"york"}, set(), None),
        ("2007 Demo", set(), {2007}, None),
        ("Peel Session", set(), set(), ("bbc", "peel")),
        ("The Radio One Sessions", set(), set(), ("bbc", None)),
        ("Live at the BBC", set(), set(), ("bbc", None)),
        ("Live Lounge", set(), set(), ("bbc", "live lounge")),
        ("KEXP Session", set(), set(), ("kexp", "kexp")),
        ("Spotify Sessions", set(), set(), ("spotify", "spotify")),
        ("Live from Spotify London", {"london"}, set(), ("spotify", "spotify")),
        ("Session", set(), set(), (None, None)),
        ("Live", set(), set(), None),
    ],
)
def test_particulars_of_a_take(
    text: str, places: set[str], years: set[int], session: tuple | None
) -> None:
    got = particulars(text)
    assert (set(got.places), set(got.years), got.session) == (places, years, session)


@pytest.mark.parametrize(
    ("album", "live"),
    [
        ("Live at Leeds", True),
        ("MTV Unplugged In New York", True),
        ("Hallelujah (Live)", True),
        ("Live! Live! Live!", True),
        ("Live In Paris / 1992", True),
        ("Bob Dylan in Concert", True),
        ("Live The Night", False),
        ("Live and Learn", False),
        ("Dying To Live", False),
        ("Live Through This", False),
        ("Live Your Life", False),
        ("The Menace", False),
    ],
)
def test_an_album_is_live_only_when_its_name_says_a_performance(album: str, live: bool) -> None:
    assert album_is_live(album) is live


@pytest.mark.parametrize(
    ("title", "core", "kinds"),
    [
        ("Ocean Avenue Acoustic", "Ocean Avenue", {"acoustic"}),
        ("The Pledge Remix", "The Pledge", {"remix"}),
        ("Dying To Live", "Dying To Live", set()),
        ("Live The Night", "Live The Night", set()),
        ("Live and Learn", "Live and Learn", set()),
        ("Before I Let Go - Edit/Remastered", "Before I Let Go", set()),
        (
            "Waiting for a Girl like You - Radio Edit; 2017 Remaster",
            "Waiting for a Girl like You",
            set(),
        ),
        ("Shallow - Soundtrack Version", "Shallow", set()),
        ('Dance the Night - From "Barbie The Album"', "Dance the Night", set()),
        ("Levels - Instrumental Mix", "Levels", {"instrumental"}),
        ("Blue - Peel Session", "Blue", {"live"}),
    ],
)
def test_titles_that_only_look_like_versions(title: str, core: str, kinds: set[str]) -> None:
    parts = split_title(title)
    assert parts.core == core
    found: set[str] = set()
    for d in parts.decorations:
        found |= version_kinds(d)
    assert found == kinds


@pytest.mark.parametrize(
    "text",
    ["Edit/Remastered", "Radio Edit; 2017 Remaster", "Remastered Edit", "Edit - Remaster 2009"],
)
def test_edit_and_remaster_together_is_neutral(text: str) -> None:
    assert version_kinds(text) == frozenset()
    assert is_neutral(text)


# --- deciding on the particulars: decoys for each -----------------------------------------

BLUE_STUDIO = cand("blue0000000000000studio", "Blue", "Elastica", "The Menace", 2000)
BLUE_PEEL = cand(
    "blue00000000000000peel", "Blue - Peel Session", "Elastica", "The Radio One Sessions", 2001
)
BLUE_GLASTO = cand(
    "blue0000000000000glasto",
    "Blue - Live at Glastonbury 1995",
    "Elastica",
    "Live at Glastonbury",
    2020,
)
HEAVEN_STUDIO = cand("heaven00000000000studio", "Heaven", "Bryan Adams", "Reckless", 1984)
HEAVEN_1988 = cand(
    "heaven0000000000000live", "Heaven - Live", "Bryan Adams", "Live! Live! Live!", 1988
)
HEAVEN_WEMBLEY = cand(
    "heaven000000000wembley",
    "Heaven - Live At Wembley Stadium",
    "Bryan Adams",
    "Live At Wembley 1996",
    1996,
)
SWEET_STUDIO = cand(
    "sweet000000000000studio",
    "Sweet Child O' Mine",
    "Guns N' Roses",
    "Appetite For Destruction",
    1987,
)
SWEET_PARIS = cand(
    "sweet0000000000000paris",
    "Sweet Child O' Mine - Live In Paris / 1992",
    "Guns N' Roses",
    "Live Era '87-'93",
    1999,
)
NAIVE_STUDIO = cand("naive000000000000studio", "Naive", "The Kooks", "Inside In / Inside Out", 2006)
NAIVE_ABBEY = cand(
    "naive0000000000000abbey",
    "Naive - Acoustic / Live at Abbey Road",
    "The Kooks",
    "Naive (Acoustic)",
    2006,
)
NAIVE_PEEL = cand(
    "naive00000000000000peel", "Naive - Peel Session", "The Kooks", "Peel Sessions", 2006
)
MOON_2009 = cand(
    "moon00000000000000d2009", "Blood Red Moon - 2009 Demo", "Dead Kids", "Demos", 2010
)
MOON_STUDIO = cand("moon00000000000000studio", "Blood Red Moon", "Dead Kids", "Moon", 2011)
MOON_ONLY_2009 = cand(
    "moon000000000000only09", "Blood Red Moon - 2009 Demo", "Lone Kids", "Demos", 2010
)
RITZ_LIVE = cand(
    "ritz000000000000000live",
    "Sweet Child O' Mine - Live",
    "Guns N' Roses",
    "Live From The Jungle",
    1987,
)

DECIDE = [
    # (case, entry, candidates, status, chosen)
    (
        "Blue at Glastonbury: a Peel Session is a session, not the concert",
        Track("Blue", "Elastica", version="Live at Glastonbury"),
        [BLUE_PEEL, BLUE_STUDIO],
        SUBSTITUTE,
        BLUE_STUDIO,
    ),
    (
        "Blue at Glastonbury, when it is there",
        Track("Blue", "Elastica", version="Live at Glastonbury"),
        [BLUE_PEEL, BLUE_STUDIO, BLUE_GLASTO],
        MATCHED,
        BLUE_GLASTO,
    ),
    (
        "Blue's Peel Session wanted: the Glastonbury concert is no session",
        Track("Blue", "Elastica", version="Peel Session"),
        [BLUE_GLASTO, BLUE_STUDIO],
        SUBSTITUTE,
        BLUE_STUDIO,
    ),
    (
        "Blue's Peel Session, when it is there",
        Track("Blue", "Elastica", version="Peel Session"),
        [BLUE_GLASTO, BLUE_STUDIO, BLUE_PEEL],
        MATCHED,
        BLUE_PEEL,
    ),
    (
        "Heaven at Wembley 1986: a 1988 live album shows neither",
        Track("Heaven", "Bryan Adams", version="Live at Wembley 1986"),
        [HEAVEN_1988, HEAVEN_STUDIO],
        SUBSTITUTE,
        HEAVEN_STUDIO,
    ),
    (
        "Heaven at Wembley 1986: Wembley in 1996 is another year",
        Track("Heaven", "Bryan Adams", version="Live at Wembley 1986"),
        [HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        SUBSTITUTE,
        HEAVEN_STUDIO,
    ),
    (
        "Heaven at Wembley: the Wembley take",
        Track("Heaven", "Bryan Adams", version="Live at Wembley"),
        [HEAVEN_1988, HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_WEMBLEY,
    ),
    (
        "plain 'live' takes any live take",
        Track("Heaven", "Bryan Adams", version="live"),
        [HEAVEN_1988, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_1988,
    ),
    (
        "Sweet Child at the Ritz 1988: Paris 1992 is another venue and year",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="Live at the Ritz 1988"),
        [SWEET_PARIS, SWEET_STUDIO],
        SUBSTITUTE,
        SWEET_STUDIO,
    ),
    (
        "Sweet Child at the Ritz 1988: a live album released before 1988 cannot hold it",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="Live at the Ritz 1988"),
        [RITZ_LIVE, SWEET_STUDIO],
        SUBSTITUTE,
        SWEET_STUDIO,
    ),
    (
        "Naive Peel Session: an acoustic set at Abbey Road is not it",
        Track("Naive", "The Kooks", version="Peel Session"),
        [NAIVE_ABBEY, NAIVE_STUDIO],
        SUBSTITUTE,
        NAIVE_STUDIO,
    ),
    (
        "Naive Peel Session, when it is there",
        Track("Naive", "The Kooks", version="Peel Session"),
        [NAIVE_ABBEY, NAIVE_STUDIO, NAIVE_PEEL],
        MATCHED,
        NAIVE_PEEL,
    ),
    (
        "Blood Red Moon 2007 demo: the 2009 demo is another year",
        Track("Blood Red Moon", "Dead Kids", version="2007 demo"),
        [MOON_2009, MOON_STUDIO],
        SUBSTITUTE,
        MOON_STUDIO,
    ),
    (
        "another take stands in only where no studio one exists",
        Track("Blood Red Moon", "Lone Kids", version="2007 demo"),
        [MOON_ONLY_2009],
        SUBSTITUTE,
        MOON_ONLY_2009,
    ),
    (
        "a live album named in the entry: its own take",
        Track("Heaven", "Bryan Adams", album="Live At Wembley 1996"),
        [HEAVEN_1988, HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_WEMBLEY,
    ),
    (
        "a suffix named word for word picks its take, though its album says session",
        Track("Best Friend", "Foster The People", version="Live From The Village"),
        [
            cand(
                "bestfriend00000village",
                "Best Friend - Live From The Village",
                "Foster The People",
                "Spotify Sessions - Live From The Village",
                2014,
            ),
            cand("bestfriend000000studio", "Best Friend", "Foster The People", "Supermodel", 2014),
        ],
        MATCHED,
        cand(
            "bestfriend00000village",
            "Best Friend - Live From The Village",
            "Foster The People",
            "Spotify Sessions - Live From The Village",
            2014,
        ),
    ),
    (
        "the studio recording wanted: a live take is no match",
        Track("Blue", "Elastica"),
        [BLUE_PEEL, BLUE_STUDIO],
        MATCHED,
        BLUE_STUDIO,
    ),
]


@pytest.mark.parametrize(
    ("entry", "cands", "status", "chosen"),
    [pytest.param(*case[1:], id=case[0]) for case in DECIDE],
)
def test_no_other_take_is_matched(
    entry: Track, cands: list[Candidate], status: Status, chosen: Candidate
) -> None:
    result = decide(entry, cands)
    assert (result.status, result.candidate) == (status, chosen), result.reason
    assert decide(entry, list(reversed(cands))).candidate == chosen


HEAVEN_1986 = cand(
    "heaven00000000000live86", "Heaven - Live", "Bryan Adams", "Live In Belfast", 1986
)
ENCORE_1999 = cand(
    "sweet0000000000encore99",
    "Sweet Child O' Mine - Live",
    "Guns N' Roses",
    "Live Era '87-'93",
    1999,
)

# The entry's ``year`` (and ``album``) are particulars of the take when a version is named.
# The year may be the take's or its release's: either agreeing confirms it.
YEARS = [
    # (case, entry, candidates, status, chosen)
    (
        "live, 1986: a take titled 1992 is another year",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="live", year=1986),
        [SWEET_PARIS, SWEET_STUDIO],
        SUBSTITUTE,
        SWEET_STUDIO,
    ),
    (
        "live, 1992: the take titled 1992, released 1999",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="live", year=1992),
        [SWEET_PARIS, SWEET_STUDIO],
        MATCHED,
        SWEET_PARIS,
    ),
    (
        "live, 1999: the year of the release that holds the take",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="live", year=1999),
        [SWEET_PARIS, SWEET_STUDIO],
        MATCHED,
        SWEET_PARIS,
    ),
    (
        "live, 1990: a live album released in 1988 cannot hold it",
        Track("Heaven", "Bryan Adams", version="live", year=1990),
        [HEAVEN_1988, HEAVEN_STUDIO],
        SUBSTITUTE,
        HEAVEN_STUDIO,
    ),
    (
        "live, 1986: the 1986 take, not the 1988 one",
        Track("Heaven", "Bryan Adams", version="live", year=1986),
        [HEAVEN_1988, HEAVEN_1986, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_1986,
    ),
    (
        "live, 1986: the 1996 Wembley album is another year",
        Track("Heaven", "Bryan Adams", version="live", year=1986),
        [HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        SUBSTITUTE,
        HEAVEN_STUDIO,
    ),
    (
        "live, 1986: nothing shows an undated 1988 live album holds it",
        Track("Heaven", "Bryan Adams", version="live", year=1986),
        [HEAVEN_1988, HEAVEN_STUDIO],
        SUBSTITUTE,
        HEAVEN_STUDIO,
    ),
    (
        "live, 1987: an undated take released that year",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="live", year=1987),
        [RITZ_LIVE, SWEET_STUDIO],
        MATCHED,
        RITZ_LIVE,
    ),
    (
        "a year in the version beats the year field",
        Track("Heaven", "Bryan Adams", version="Live at Wembley 1996", year=1986),
        [HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_WEMBLEY,
    ),
    (
        "demo, 2007: the 2009 demo is another year",
        Track("Blood Red Moon", "Dead Kids", version="demo", year=2007),
        [MOON_2009, MOON_STUDIO],
        SUBSTITUTE,
        MOON_STUDIO,
    ),
    (
        "the studio recording, 1984: the year is a hint, not a take",
        Track("Heaven", "Bryan Adams", year=1984),
        [HEAVEN_1988, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_STUDIO,
    ),
    (
        "a live album in the entry, 1996: its own take",
        Track("Heaven", "Bryan Adams", album="Live At Wembley 1996", year=1996),
        [HEAVEN_1988, HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        MATCHED,
        HEAVEN_WEMBLEY,
    ),
    (
        "a live album in the entry: the other live album is not it",
        Track("Heaven", "Bryan Adams", album="Live In Belfast"),
        [HEAVEN_1988, HEAVEN_WEMBLEY, HEAVEN_STUDIO],
        SUBSTITUTE,
        HEAVEN_STUDIO,
    ),
    (
        "live, 1999 named twice: two copies of a 1999 release are one choice",
        Track("Sweet Child O' Mine", "Guns N' Roses", version="live", year=1999),
        [ENCORE_1999, SWEET_STUDIO],
        MATCHED,
        ENCORE_1999,
    ),
]


@pytest.mark.parametrize(
    ("entry", "cands", "status", "chosen"),
    [pytest.param(*case[1:], id=case[0]) for case in YEARS],
)
def test_the_entry_year_picks_the_take(
    entry: Track, cands: list[Candidate], status: Status, chosen: Candidate
) -> None:
    result = decide(entry, cands)
    assert (result.status, result.candidate) == (status, chosen), result.reason
    assert decide(entry, list(reversed(cands))).candidate == chosen


def test_the_year_asked_for_is_in_the_reason() -> None:
    result = decide(
        Track("Sweet Child O' Mine", "Guns N' Roses", version="live", year=1986),
        [SWEET_PARIS, SWEET_STUDIO],
    )
    assert result.reason.startswith(
        "Live, 1986 wanted; not on Spotify: found the studio take and a Live In Paris / 1992"
    )
    assert result.wanted == "live, 1986"


def test_a_substitute_names_what_was_wanted_and_what_was_found() -> None:
    result = decide(
        Track("Blue", "Elastica", version="Live at Glastonbury"), [BLUE_PEEL, BLUE_STUDIO]
    )
    assert result.reason.startswith(
        "Live at Glastonbury wanted; not on Spotify: found the studio take and a Peel Session "
        "(The Radio One Sessions, 2001). Standing in: \u201cBlue\u201d by Elastica (The Menace, "
        "2000)"
    )
    assert (result.wanted, result.found) == (
        "Live at Glastonbury",
        ("the studio take", "a Peel Session (The Radio One Sessions, 2001)"),
    )


def test_the_other_take_says_why_it_is_not_the_one() -> None:
    fit = assess(
        Track("Sweet Child O' Mine", "Guns N' Roses", version="Live at the Ritz 1988"), SWEET_PARIS
    )
    assert not fit.version_ok
    assert (
        "not the 'Live at the Ritz 1988' recording: another place, from 1987/1992/1993"
        in fit.scored.note
    )


# --- artist credits -----------------------------------------------------------------------

ZEDD = cand("stay0000000000000000zedd", "Stay", "Zedd", "Stay", 2017)
ZEDD = Candidate(ZEDD.uri, "Stay", ("Zedd", "Alessia Cara"), "Stay", 2017, 210_000)
MAROON = Candidate(
    "spotify:track:whatlovers00000000000",
    "What Lovers Do",
    ("Maroon 5", "SZA"),
    "Red Pill Blues",
    2017,
    199_000,
)


@pytest.mark.parametrize(
    ("credit", "cand_", "status"),
    [
        ("Zedd, Alessia Cara", ZEDD, MATCHED),
        ("Alessia Cara, Zedd", ZEDD, MATCHED),
        ("Zedd & Alessia Cara", ZEDD, MATCHED),
        ("Zedd feat. Alessia Cara", ZEDD, MATCHED),
        ("Zedd x Alessia Cara", ZEDD, MATCHED),
        ("Maroon 5, SZA", MAROON, MATCHED),
        ("SZA & Maroon 5", MAROON, MATCHED),
        ("Maroon 5", MAROON, MATCHED),
        ("Alessia Cara, Khalid", ZEDD, MISSING),  # another pair of artists
    ],
)
def test_credits_as_people_write_them(credit: str, cand_: Candidate, status: Status) -> None:
    result = decide(Track(cand_.title, credit), [cand_])
    assert result.status == status, result.reason


def test_credit_names_split_lists_not_names() -> None:
    assert credit_names("Zedd, Alessia Cara") == {"zedd", "alessia cara"}
    assert credit_names("A x B") == credit_names("B & A") == {"a", "b"}
    assert credit_names("Malcolm X") == {"malcolm x"}


def test_the_ladder_tries_the_lead_of_a_comma_list() -> None:
    from playlister.match.queries import build_queries

    assert "track:Stay artist:Zedd" in build_queries(Track("Stay", "Zedd, Alessia Cara"))


# --- spelling slips -----------------------------------------------------------------------

READY = Candidate(
    "spotify:track:ready00000000000000000", "Ready", ("Tea Party",), "Ready", 2019, 200_000
)
GLORY = Candidate(
    "spotify:track:glory00000000000000000", "Glory", ("Tea Party",), "Glory", 2019, 200_000
)
STORY = Candidate(
    "spotify:track:story00000000000000000", "Story", ("Tea Party",), "Story", 2019, 200_000
)
FIREBALL = Candidate(
    "spotify:track:fireball00000000000000", "Fireball", ("Tea Party",), "Fireball", 2019, 200_000
)
GLORIA = Candidate(
    "spotify:track:gloria0000000000000000", "Gloria", ("Tea Party",), "Gloria", 2019, 200_000
)
GELROY = Candidate(
    "spotify:track:gelroy0000000000000000", "Gelroy", ("Tea Party",), "Gelroy", 2019, 200_000
)


@pytest.mark.parametrize(
    ("title", "cands", "status", "chosen"),
    [
        ("Reaady", [READY, GLORY], MATCHED, READY),
        ("Glroy", [GLORY, STORY, GLORIA], MATCHED, GLORY),
        ("Fireeball", [FIREBALL], MATCHED, FIREBALL),
        ("Fireall", [FIREBALL], MATCHED, FIREBALL),
        ("Glory", [STORY, GLORIA], MISSING, None),  # no slip admits another song
        ("Stroy", [GLORY], MISSING, None),
        ("Glroy", [GLORY, GELROY], REVIEW, GLORY),  # two songs as close: a person chooses
        ("Redy", [READY], REVIEW, READY),  # a four-letter title: too short to forgive
    ],
)
def test_spelling_slips(
    title: str, cands: list[Candidate], status: Status, chosen: Candidate | None
) -> None:
    result = decide(Track(title, "Tea Party"), cands)
    assert (result.status, result.candidate) == (status, chosen), result.reason


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        ("reaady", "ready", True),
        ("glroy", "glory", True),
        ("fireeball", "fireball", True),
        ("story", "glory", False),
        ("hello", "jello", False),
        ("redy", "ready", False),
        ("part 21", "part 2", False),
    ],
)
def test_is_slip(a: str, b: str, slip: bool) -> None:
    assert is_slip(a, b) is slip


def test_a_slipped_word_that_finds_nothing_is_found_in_the_artists_catalog() -> None:
    sent: list[str] = []

    def search(query: str) -> list[dict]:
        sent.append(query)
        if "Reaady" in query:
            return []
        return [make_track("ready00000000000000000", "Ready Now", "Tea Party", "Ready", 2019)]

    result = resolve(Track("Reaady Now", "Tea Party"), search)
    assert result.status == MATCHED
    assert sent == ["track:Reaady Now artist:Tea Party", "artist:Tea Party"]


# --- nothing crashes the parser -----------------------------------------------------------


def _catalog_texts() -> list[str]:
    with CSV.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sorted({r["track_name"] for r in rows} | {r["track_album_name"] for r in rows})


# A version word before a "feat." tail is left in the core: "X Remix (feat. Y)" has the core
# "X Remix", whose own core is "X". Known, listed so that any new case fails the test.
UNSTABLE_CORES = {
    "Flava in Ya Ear Remix",
    "La Pregunta Remix",
    "Only You-Bad Boy Remix",
    "Tu No Metes Cabra Remix",
    "Walk It Out Remix",
}


@pytest.mark.slow
def test_every_catalog_title_has_a_core_that_parses_as_itself() -> None:
    # The core is what is compared: it must never be empty, and must hold no version words
    # (reading it again finds nothing more to strip).
    texts = _catalog_texts()
    assert len(texts) > 30_000
    empty = [t for t in texts if any(ch.isalnum() for ch in t) and not split_title(t).core]
    unstable = {
        split_title(t).core
        for t in texts
        if split_title(split_title(t).core).core != split_title(t).core
    }
    assert (empty, unstable) == ([], UNSTABLE_CORES)


@pytest.mark.slow
def test_every_catalog_track_is_the_recording_its_own_entry_names() -> None:
    # Written as the catalog spells it, title, artist and album: each track is that recording.
    for obj in load_csv(CSV):
        c = Candidate.from_api(obj)
        fit = assess(Track(c.title, c.artists[0], album=c.album), c)
        assert (fit.same_song and fit.version_ok) or "karaoke" in fit.kinds or fit.impostor, (
            c.title,
            c.album,
            fit.scored.note,
        )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_no_text_makes_the_title_parser_raise(text: str) -> None:
    parts = split_title(text)
    for d in parts.decorations:
        classify(d)
    classify(text)
    particulars(text)
    album_is_live(text)
    assert split_title(text) == parts


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Live",
                "at",
                "Edit",
                "Remastered",
                "/",
                ";",
                "-",
                "(",
                ")",
                "[",
                "]",
                "Demo",
                "1986",
                "Peel",
                "Session",
                "Radio",
                "Mix",
                "Acoustic",
                "feat.",
                "x",
                "Wembley",
                "'86",
                "Version",
            ]
        ),
        max_size=12,
    )
)
def test_no_version_like_title_makes_the_scorer_raise(words: list[str]) -> None:
    title = "Song - " + " ".join(words)
    fit = assess(
        Track("Song", "Band", version=" ".join(words) or None),
        Candidate("spotify:track:x", title, ("Band",), " ".join(words), 2000, 1),
    )
    assert 0.0 <= fit.score <= 1.0


def test_the_weights_table_decides_the_score_and_the_verdict(monkeypatch) -> None:
    track = Track("Song", "Band")
    found = Candidate("spotify:track:x", "Song", ("Band",), "Album", 2000, 1)
    before = assess(track, found).score
    monkeypatch.setitem(WEIGHTS, "identity", WEIGHTS["identity"] / 2)
    assert assess(track, found).score == pytest.approx(before / 2, abs=0.01)
    monkeypatch.undo()

    def search(query: str) -> list[dict]:
        return [make_track("song0000000000000000xx", "Song", "Band", "Album", 2000)]

    assert resolve(track, search).status == MATCHED
    monkeypatch.setitem(WEIGHTS, "match_min", 0.999)  # the acceptance threshold is the table's
    assert resolve(track, search).status != MATCHED


def test_no_number_in_the_scorer_or_resolver_lives_outside_the_table() -> None:
    import ast

    import playlister.match.resolve as resolve_mod
    import playlister.match.score as score_mod

    loose = []
    for mod in (score_mod, resolve_mod):
        tree = ast.parse(Path(mod.__file__).read_text())
        table = next(
            (
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "WEIGHTS"
            ),
            None,
        )
        inside = {id(n) for n in ast.walk(table)} if table else set()
        loose += [
            f"{mod.__name__}:{n.lineno} {n.value}"
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant)
            and isinstance(n.value, float)
            and n.value not in (0.0, 0.5, 1.0)
            and id(n) not in inside
        ]
    assert loose == []
