"""The track matcher: normalisation, the query ladder, scoring and decisions on hard cases.

Search results come from ``tests/fixtures/search/``: genuine recorded responses
(``genuine_*.json``) and hard cases built in the same shape (see the README there).
"""

from __future__ import annotations

import re

import pytest
from fake_catalog import CannedSearch, recorded

from playlister.match.candidate import Candidate, MatchResult
from playlister.match.queries import build_queries
from playlister.match.resolve import decide, resolve
from playlister.match.score import score
from playlister.match.text import fold, key
from playlister.match.versions import is_neutral, split_title, version_kinds
from playlister.state import Status
from playlister.tracklist import Track

MATCHED, SUBSTITUTE, REVIEW, MISSING = (
    Status.MATCHED,
    Status.SUBSTITUTE,
    Status.REVIEW,
    Status.MISSING,
)


def candidates(*names: str) -> list[Candidate]:
    return [Candidate.from_api(obj) for name in names for obj in recorded(name)]


def uri(track_id: str) -> str:
    return f"spotify:track:{track_id}"


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Don\u2019t Cry", "Don't Cry"),
        ("Guns N Roses", "Guns N' Roses"),
        ("guns and roses", "Guns N\u2019 Roses"),
        ("The Sex Pistols", "Sex Pistols"),
        ("Rock'n'Roll", "Rock 'N' Roll"),
        ("I Love Rock 'N Roll", "I Love Rock & Roll"),
        ("Beyonc\u00e9", "BEYONCE"),
        ("R.E.M.", "REM"),
        ("Simon & Garfunkel", "Simon and Garfunkel"),
    ],
)
def test_key_unifies_spellings_people_use(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(("a", "b"), [("Hollywood", "Hollywood Dream"), ("Blue", "Blur")])
def test_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_fold_keeps_its_meaning_for_the_loader() -> None:
    assert fold("  Don\u2019t   CRY \u00e9 ") == "don't cry e"


@pytest.mark.parametrize(
    ("title", "core", "decorations"),
    [
        (
            "Sweet Child O' Mine - Live In Paris / 1992",
            "Sweet Child O' Mine",
            ("Live In Paris / 1992",),
        ),
        ("Rock and Roll - 1990 Remaster", "Rock and Roll", ("1990 Remaster",)),
        ("Priorities (feat. EMMA LX)", "Priorities", ("feat. EMMA LX",)),
        ("(I Can't Get No) Satisfaction", "I Can't Get No Satisfaction", ()),
        (
            "Island Boy (feat. Elephant Man & GC (Gate Citizens))",
            "Island Boy",
            ("feat. Elephant Man & GC Gate Citizens",),
        ),
    ],
)
def test_split_title_separates_spotify_decorations(
    title: str, core: str, decorations: tuple[str, ...]
) -> None:
    parts = split_title(title)
    assert (parts.core, parts.decorations) == (core, decorations)


@pytest.mark.parametrize(
    ("decoration", "kinds"),
    [
        ("2015 Remaster", set()),
        ("Remastered 2011", set()),
        ("Radio Edit", set()),
        ("Single Version", set()),
        ("Mono", set()),
        ("Explicit", set()),
        ("Original Mix", set()),
        ("2011 Mix", set()),
        ("Live In Paris / 1992", {"live"}),
        ("Ao Vivo", {"live"}),
        ("MTV Unplugged", {"live", "acoustic"}),
        ("Demo", {"demo"}),
        ("Kygo Remix", {"remix"}),
        ("W&W Radio Edit", {"remix"}),
        ("Flume Re-work", {"remix"}),
        ("Acoustic Version", {"acoustic"}),
        ("Instrumental", {"instrumental"}),
        ("Taylor's Version", {"re-recorded"}),
        ("Karaoke Version", {"karaoke"}),
        ("In the Style of Guns N' Roses", {"karaoke"}),
    ],
)
def test_version_words_are_neutral_or_substantive(decoration: str, kinds: set[str]) -> None:
    assert version_kinds(decoration) == kinds
    if not kinds:
        assert is_neutral(decoration)


# --- decisions on hard cases -----------------------------------------------------------------

GNR = "Guns N' Roses"

CASES = [
    # (case, entry, fixtures, expected status, expected URI or None)
    (
        "typographic apostrophe in the title",
        Track("Don\u2019t Cry", GNR),
        ["dont_cry"],
        MATCHED,
        uri("2N2yrmodOnVF10mKvItC9P"),
    ),
    (
        "Guns N Roses without the apostrophe",
        Track("Don't Cry", "Guns N Roses"),
        ["dont_cry"],
        MATCHED,
        uri("2N2yrmodOnVF10mKvItC9P"),
    ),
    (
        "The Sex Pistols written with The; a popular cover comes first",
        Track("God Save the Queen", "The Sex Pistols"),
        ["god_save_the_queen"],
        MATCHED,
        uri("kolkAthh7QT2Gu0c9tcbbJ"),
    ),
    (
        "Rock'n'Roll vs Rock 'N Roll; Britney's cover comes first",
        Track("I Love Rock'n'Roll", "Joan Jett and the Blackhearts"),
        ["i_love_rock_n_roll"],
        MATCHED,
        uri("2Cdvbe2G4hZsnhNMKyGrie"),
    ),
    (
        "the original of a song better known as a cover",
        Track("I Love Rock 'N' Roll", "The Arrows"),
        ["i_love_rock_n_roll"],
        MATCHED,
        uri("7FOLEX4GU5NjkHwQYwmDm3"),
    ),
    (
        "a more popular cover is returned first",
        Track("Hallelujah", "Leonard Cohen"),
        ["hallelujah"],
        MATCHED,
        uri("TOXNGsMuy8JVN9HcvtCHHh"),
    ),
    (
        "live wanted and a live recording exists",
        Track("Hallelujah", "Leonard Cohen", version="live"),
        ["hallelujah"],
        MATCHED,
        uri("ZPPpuBQuGDQhASPQZAjN0l"),
    ),
    (
        "live wanted, only studio recordings exist",
        Track("Paradise City", GNR, version="live"),
        ["paradise_city_studio"],
        SUBSTITUTE,
        uri("3YBZIN3rekqsKxbJc9FZko"),
    ),
    (
        "nothing asked for; live comes first, studio exists",
        Track("Sweet Child O' Mine", GNR),
        ["sweet_child"],
        MATCHED,
        uri("7o2CTH4ctstm8TNelqjb51"),
    ),
    (
        "a particular live recording asked for",
        Track("Sweet Child O Mine", "Guns N Roses", version="Live at the Ritz 1988"),
        ["sweet_child"],
        MATCHED,
        uri("orBFndsfoNicdbJz7NNZs8"),
    ),
    (
        "live in the title, as people write it",
        Track("Sweet Child O' Mine (Live in Paris)", GNR),
        ["sweet_child"],
        MATCHED,
        uri("0yqcmfdOv3RuDXKaloCKxY"),
    ),
    (
        "a live album named in the entry asks for the live take",
        Track("Sweet Child O' Mine", GNR, album="Live Era '87-'93"),
        ["sweet_child"],
        MATCHED,
        uri("0yqcmfdOv3RuDXKaloCKxY"),
    ),
    (
        "album and year choose between copies of one recording",
        Track("Sweet Child O' Mine", GNR, album="Greatest Hits", year=2004),
        ["sweet_child"],
        MATCHED,
        uri("1u1DBObkLFscNCpRpXbYb9"),
    ),
    (
        "same title, other artists only",
        Track("Heaven", "The Shivers"),
        ["heaven_other_artists"],
        MISSING,
        None,
    ),
    (
        "Hollywood Dream: the Runaways have Hollywood, not this song",
        Track("Hollywood Dream", "The Runaways"),
        ["hollywood_dream"],
        MISSING,
        None,
    ),
    (
        "karaoke, tribute and cover acts only",
        Track("Don't Cry", GNR),
        ["dont_cry_impostors"],
        MISSING,
        None,
    ),
    (
        "karaoke next to the real recording",
        Track("Don't Cry", GNR),
        ["dont_cry_impostors", "dont_cry"],
        MATCHED,
        uri("2N2yrmodOnVF10mKvItC9P"),
    ),
    (
        "a remaster suffix is neutral",
        Track("Rock and Roll", "Led Zeppelin"),
        ["rock_and_roll"],
        MATCHED,
        uri("3w2GGz0HjIu9OcWXINRFJR"),
    ),
    (
        "a remaster asked for in the title is neutral too",
        Track("Rock'n'Roll (Remastered)", "Led Zeppelin"),
        ["rock_and_roll"],
        MATCHED,
        uri("3w2GGz0HjIu9OcWXINRFJR"),
    ),
    (
        "other songs by the right artist",
        Track("Yesterday", "The Beatles"),
        ["beatles_other_songs"],
        MISSING,
        None,
    ),
    (
        "a near title by the right artist goes to a person",
        Track("Love Me Too", "The Beatles"),
        ["beatles_other_songs"],
        REVIEW,
        uri("OyWePoBh4gJzO7fzefSvFD"),
    ),
    (
        "a misspelt artist close to two real ones",
        Track("Heroes", "Jon Smith"),
        ["heroes_two_artists"],
        REVIEW,
        uri("A7HOY9vEQM7szPyRTIb3jo"),
    ),
    (
        "nothing found",
        Track("Sugaan Essenna", "The HU"),
        ["genuine_spotdl_The_HU___Sugaan_Essenna"],
        MISSING,
        None,
    ),
    # Genuine responses.
    (
        "genuine: the song is fourth, behind the artist's other songs",
        Track("Ropes", "Dirty Palm"),
        ["genuine_spotdl_Dirty_Palm___Ropes"],
        MATCHED,
        uri("4SN9kQlguIcjPtMNQJwD30"),
    ),
    (
        "genuine: a soundtrack song of that title comes first",
        Track("Test Drive", "Joji"),
        ["genuine_spotdl_test"],
        MATCHED,
        uri("3u9RHP8IpKPZh7bKHw83Ci"),
    ),
    (
        "genuine: two IDs of one recording are not ambiguous",
        Track("Tested, Approved and Trusted", "Burna Boy"),
        ["genuine_spotdl_test"],
        MATCHED,
        uri("4Lk9PYDhAucTZMyccvt66Z"),
    ),
    (
        "genuine: only a remix (re-work) exists",
        Track("Test & Recognise", "Seekae"),
        ["genuine_spotdl_test"],
        SUBSTITUTE,
        uri("3FijoNKGof7pCn7oddecOQ"),
    ),
    (
        "genuine: a radio edit is the same recording; the plain title wins",
        Track("Lyckliga Gatan", "Timo Raisanen"),
        ["genuine_js_search_track"],
        MATCHED,
        uri("3od3TT0urEB8HMaFZhaEYW"),
    ),
    (
        "genuine: the wanted artist only guests on the live take",
        Track("Waiting in Vain", "Tania Bowra", version="live"),
        ["genuine_android_search_track"],
        REVIEW,
        uri("2mlNUVIHh7zm66aMx3U2Nv"),
    ),
    (
        "genuine: an album named like the song is not the song",
        Track("Muse", "The Wood Brothers"),
        ["genuine_java_SearchTracksRequest"],
        MISSING,
        None,
    ),
    (
        "genuine: found among other results for the artist",
        Track("Hysteria", "Muse"),
        ["genuine_java_SearchTracksRequest"],
        MATCHED,
        uri("7xyYsOvq5Ec3P4fr6mM9fD"),
    ),
]


@pytest.mark.parametrize(
    ("entry", "fixtures", "status", "chosen"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_decide(entry: Track, fixtures: list[str], status: str, chosen: str | None) -> None:
    result = decide(entry, candidates(*fixtures))
    assert (result.status, result.candidate and result.candidate.uri) == (status, chosen), (
        result.reason
    )
    assert result.reason
    assert result.queries == ()


def test_decide_does_not_depend_on_spotify_order() -> None:
    entry = Track("Hallelujah", "Leonard Cohen")
    forward = decide(entry, candidates("hallelujah"))
    backward = decide(entry, reversed(candidates("hallelujah")))
    assert forward.candidate == backward.candidate
    assert forward.status == backward.status == MATCHED


def test_alternatives_are_distinct_recordings_best_first() -> None:
    result = decide(Track("Sweet Child O' Mine", GNR), candidates("sweet_child"))
    alts = result.alternatives
    assert 1 <= len(alts) <= 3
    assert [a.score for a in alts] == sorted((a.score for a in alts), reverse=True)
    # The Greatest Hits copy is the chosen recording again, so it is no alternative.
    assert uri("1u1DBObkLFscNCpRpXbYb9") not in {a.candidate.uri for a in alts}
    assert result.candidate.uri not in {a.candidate.uri for a in alts}


def test_substitute_says_what_differs() -> None:
    result = decide(Track("Paradise City", GNR, version="live"), candidates("paradise_city_studio"))
    assert "studio recording; live wanted" in result.reason


def test_missing_names_the_closest_result() -> None:
    result = decide(Track("Hollywood Dream", "The Runaways"), candidates("hollywood_dream"))
    assert result.score == 0.0
    assert "Hollywood" in result.reason
    assert result.alternatives


# --- scoring ---------------------------------------------------------------------------------


def _one(name: str, title: str, artist: str | None = None) -> Candidate:
    return next(
        c
        for c in candidates(name)
        if c.title == title and (artist is None or c.artists[0] == artist)
    )


def test_remaster_scores_like_the_plain_recording() -> None:
    entry = Track("Rock and Roll", "Led Zeppelin")
    remaster = score(entry, _one("rock_and_roll", "Rock and Roll - 1990 Remaster"))
    live = score(entry, _one("rock_and_roll", "Rock and Roll - Live"))
    assert remaster.score >= 0.9
    assert live.score < remaster.score - 0.15
    assert "live recording; studio wanted" in live.note


def test_duration_separates_an_edit_from_the_album_take() -> None:
    near = Track("Paradise City", GNR, duration_ms=405_000)
    far = Track("Paradise City", GNR, duration_ms=250_000)
    cand = _one("paradise_city_studio", "Paradise City")
    assert score(near, cand).score > score(far, cand).score + 0.1
    assert "duration off by" in score(far, cand).note


def test_numbers_tell_alike_titles_apart() -> None:
    entry = Track("Part 2", "The Band")
    result = decide(entry, [Candidate(uri("x"), "Part 3", ("The Band",), "Parts", None, None)])
    assert result.status == MISSING


def test_numbers_tell_alike_albums_apart() -> None:
    entry = Track("Don't Cry", GNR, album="Use Your Illusion I")
    first, second = (
        Candidate(uri(n), "Don't Cry", (GNR,), f"Use Your Illusion {n}", 1991, None)
        for n in ("I", "II")
    )
    assert "album agrees" in score(entry, first).note
    assert "other album" in score(entry, second).note


def test_other_artist_scores_low_whatever_its_popularity() -> None:
    entry = Track("Hallelujah", "Leonard Cohen")
    buckley = score(entry, _one("hallelujah", "Hallelujah", "Jeff Buckley"))
    cohen = score(entry, _one("hallelujah", "Hallelujah", "Leonard Cohen"))
    assert buckley.score < 0.7 < cohen.score
    assert "other artist (Jeff Buckley)" in buckley.note


def test_candidate_from_a_genuine_response() -> None:
    cand = Candidate.from_api(recorded("genuine_spotdl_Dirty_Palm___Ropes")[3])
    assert cand == Candidate(
        uri="spotify:track:4SN9kQlguIcjPtMNQJwD30",
        title="Ropes",
        artists=("Dirty Palm", "Chandler Jewels"),
        album="Ropes",
        year=2021,
        duration_ms=188000,
        album_type="single",
    )


def test_candidate_without_release_date() -> None:
    cand = Candidate.from_api(recorded("genuine_java_SearchTracksRequest")[0])
    assert cand.year is None
    assert cand.uri == "spotify:track:3lPr8ghNDBLc2uZovNyLs9"


# --- the query ladder ------------------------------------------------------------------------

_FIELD = re.compile(r"\b(track|artist|album|year):")

LADDER_ENTRIES = [
    Track("Don\u2019t Cry", GNR),
    Track("Rock'n'Roll", "The Sex Pistols", version="live"),
    Track("Hollywood Dream", "The Runaways", album="Queens of Noise"),
    Track("Highway to Hell", "AC/DC"),
    Track("Either/Or: Part 1 + 2", "Hall & Oates"),
    Track(
        "It's a Long Way to the Top (If You Wanna Rock 'N' Roll)",
        "AC/DC",
        album="High Voltage (Australian Version) [Remastered]: Deluxe 40th Anniversary",
    ),
    Track(
        "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
        "incididunt ut labore",
        "Sir Dolorous Ipsum and the Incididunt Orchestra",
        album="Magna Aliqua Ut Enim Ad Minim Veniam Quis Nostrud Exercitation Ullamco",
    ),
]


def _filters(query: str) -> dict[str, str]:
    parts = _FIELD.split(query)
    return {name: value.strip() for name, value in zip(parts[1::2], parts[2::2], strict=True)}


@pytest.mark.parametrize("entry", LADDER_ENTRIES, ids=lambda t: t.title[:30])
def test_every_query_is_safe_for_spotify(entry: Track) -> None:
    queries = build_queries(entry)
    assert queries
    assert len(queries) == len(set(queries))
    for q in queries:
        assert len(q) <= 100, q
        assert "/" not in q and "+" not in q, q
        assert q.count(":") == len(_filters(q)), q  # no colon but the filters' own
        for name, value in _filters(q).items():
            assert value, (name, q)
            assert "'" not in value and "\u2019" not in value, q


@pytest.mark.parametrize(
    ("entry", "first"),
    [
        (Track("Don\u2019t Cry", "Guns N Roses"), "Don't track:Cry artist:Guns Roses"),
        (
            Track("God Save the Queen", "The Sex Pistols"),
            "track:God Save the Queen artist:Sex Pistols",
        ),
        (
            Track("Rock and Roll - 1990 Remaster", "Led Zeppelin"),
            "track:Rock Roll artist:Led Zeppelin",
        ),
        (Track("Highway to Hell", "AC/DC"), "track:Highway to Hell artist:AC DC"),
        (
            Track("One Kiss", "Calvin Harris feat. Dua Lipa"),
            "track:One Kiss artist:Calvin Harris Dua Lipa",
        ),
    ],
)
def test_first_query_is_precise(entry: Track, first: str) -> None:
    assert build_queries(entry)[0] == first


def test_ladder_falls_back_to_the_catalog_and_free_text_after_the_version_word() -> None:
    queries = build_queries(Track("Psycho Killer", "Talking Heads", version="live"))
    assert queries[:4] == [
        "track:Psycho Killer artist:Talking Heads",
        "live track:Psycho Killer artist:Talking Heads",
        "artist:Talking Heads",
        "Psycho Killer Talking Heads",
    ]


def test_free_text_comes_before_the_catalog_when_the_artist_fills_most_of_it() -> None:
    # Free text then shows the artist's other songs as well as forgiving slips.
    queries = build_queries(Track("Hallelujah", "Leonard Cohen"))
    assert queries[:3] == [
        "track:Hallelujah artist:Leonard Cohen",
        "Hallelujah Leonard Cohen",
        "artist:Leonard Cohen",
    ]


def test_ladder_uses_the_album_and_artist_variants() -> None:
    queries = build_queries(
        Track("Born to Run", "Bruce Springsteen & The E Street Band", album="Born to Run")
    )
    assert "Born album:Born to Run artist:Bruce Springsteen E Street Band" not in queries
    assert "track:Born to Run artist:Bruce Springsteen" in queries
    queries = build_queries(Track("Hollywood", "The Runaways", album="Queens of Noise"))
    assert "Hollywood album:Queens of Noise artist:Runaways" in queries


# --- resolve: running the ladder -------------------------------------------------------------


def test_resolve_stops_after_a_confident_first_query() -> None:
    search = CannedSearch({"Don't track:Cry artist:Guns Roses": "dont_cry"})
    result = resolve(Track("Don\u2019t Cry", "Guns N Roses"), search)
    assert result.status == MATCHED
    assert result.candidate.uri == uri("2N2yrmodOnVF10mKvItC9P")
    assert search.sent == ["Don't track:Cry artist:Guns Roses"]
    assert result.queries == tuple(search.sent)


def test_resolve_falls_back_to_free_text_for_a_typo() -> None:
    search = CannedSearch({"Halelujah Leonard Cohen": "hallelujah"})
    result = resolve(Track("Halelujah", "Leonard Cohen"), search)
    assert (result.status, result.candidate.uri) == (MATCHED, uri("TOXNGsMuy8JVN9HcvtCHHh"))
    assert search.sent == ["track:Halelujah artist:Leonard Cohen", "Halelujah Leonard Cohen"]


def test_resolve_gives_up_without_spelling_rungs_once_the_artist_is_known() -> None:
    search = CannedSearch({"Hollywood Dream Runaways": "hollywood_dream"})
    result = resolve(Track("Hollywood Dream", "The Runaways"), search)
    assert result.status == MISSING
    # Spotify knows "The Runaways": retrying other spellings or the bare title cannot help.
    assert search.sent == [
        "track:Hollywood Dream artist:Runaways",
        "artist:Runaways",
        "Hollywood Dream Runaways",
    ]


def test_resolve_settles_absence_in_two_searches_when_the_catalog_page_has_room() -> None:
    runaways = [t for t in recorded("hollywood_dream") if t["artists"][0]["name"] == "The Runaways"]
    search = CannedSearch({"artist:Runaways": runaways})
    result = resolve(Track("Hollywood Dream", "The Runaways"), search)
    # Two songs on a page of ten: every song Spotify holds by the artist, none of them this one.
    assert result.status == MISSING
    assert search.sent == ["track:Hollywood Dream artist:Runaways", "artist:Runaways"]


def test_resolve_looks_further_when_the_catalog_page_is_full() -> None:
    runaways = recorded("hollywood_dream")[0]
    full = [
        dict(runaways, id=f"id{i}", uri=f"spotify:track:id{i}", name=f"Song {i}") for i in range(10)
    ]
    search = CannedSearch(
        {
            "artist:Runaways": full,
            "Hollywood Daydream Runaways": [dict(runaways, name="Hollywood Dream")],
        }
    )
    result = resolve(Track("Hollywood Daydream", "The Runaways"), search)
    # The song may lie beyond the page: the free-text search, which forgives slips, decides.
    assert search.sent == [
        "track:Hollywood Daydream artist:Runaways",
        "artist:Runaways",
        "Hollywood Daydream Runaways",
    ]
    assert result.status is not MATCHED


def test_resolve_finds_a_slipped_title_in_the_catalog() -> None:
    search = CannedSearch({"artist:Runaways": "hollywood_dream"})
    result = resolve(Track("Cherry Bommb", "The Runaways"), search)
    assert (result.status, result.candidate.title) == (MATCHED, "Cherry Bomb")
    assert len(search.sent) == 2


def test_resolve_tries_the_whole_ladder_for_an_unknown_artist() -> None:
    search = CannedSearch({})
    result = resolve(Track("Sugaan Essenna", "The HU"), search)
    assert result.status == MISSING
    assert search.sent == build_queries(Track("Sugaan Essenna", "The HU"))
    assert search.sent == [
        "track:Sugaan Essenna artist:HU",
        "artist:HU",
        "Sugaan Essenna HU",
        "track:Sugaan Essenna",
    ]


def test_resolve_settles_for_a_substitute_when_the_page_holds_every_take() -> None:
    search = CannedSearch({"track:Paradise City artist:Guns Roses": "paradise_city_studio"})
    result = resolve(Track("Paradise City", GNR, version="live"), search)
    assert (result.status, result.candidate.uri) == (SUBSTITUTE, uri("3YBZIN3rekqsKxbJc9FZko"))
    assert search.sent == ["track:Paradise City artist:Guns Roses"]


def test_resolve_asks_for_the_version_when_the_precise_page_is_full() -> None:
    studio = recorded("paradise_city_studio")
    full_page = [dict(studio[i % 2], id=f"id{i}", uri=f"spotify:track:id{i}") for i in range(10)]
    search = CannedSearch({"track:Paradise City artist:Guns Roses": full_page})
    result = resolve(Track("Paradise City", GNR, version="live"), search)
    assert result.status == SUBSTITUTE
    assert search.sent == [
        "track:Paradise City artist:Guns Roses",
        "live track:Paradise City artist:Guns Roses",
    ]


def test_resolve_ignores_unplayable_and_local_tracks() -> None:
    original, copy = recorded("paradise_city_studio")
    answers = [dict(original, is_playable=False), dict(copy, is_local=True), None]

    def search(query: str) -> list[dict]:
        return answers

    result: MatchResult = resolve(Track("Paradise City", GNR), search)
    assert result.status == MISSING


def test_resolve_accumulates_candidates_across_queries() -> None:
    # The first answer holds only other songs; the original turns up in the second answer.
    cohen = [obj for obj in recorded("hallelujah") if obj["artists"][0]["name"] == "Leonard Cohen"]
    search = CannedSearch(
        {
            "track:Hallelujah artist:Leonard Cohen": "heaven_other_artists",
            "Hallelujah Leonard Cohen": cohen[:1],
        }
    )
    result = resolve(Track("Hallelujah", "Leonard Cohen"), search)
    assert (result.status, result.candidate.uri) == (MATCHED, uri("TOXNGsMuy8JVN9HcvtCHHh"))
    assert len(search.sent) == 2
    assert {a.candidate.title for a in result.alternatives} == {"Heaven"}


# --- the fake search behaves like the genuine responses --------------------------------------


def test_fake_search_answers_like_spotify_did() -> None:
    from fake_catalog import Catalog

    genuine = recorded("genuine_spotdl_Dirty_Palm___Ropes")
    catalog = Catalog(genuine)

    def names(query: str) -> set[str]:
        return {t["name"] for t in catalog.search(query, 10)[0]}

    everything = {t["name"] for t in genuine}
    # Spotify's own answer to "Dirty Palm - Ropes" held the artist's other songs too.
    assert names("Dirty Palm - Ropes".replace(" - ", " ")) == everything
    assert names("artist:Dirty Palm") == everything - {"I Wanna Be Like Dirty Palm"}
    assert names("track:Ropes artist:Dirty Palm") == {"Ropes"}
    assert names("track:Ladders artist:Dirty Palm") == set()
    assert names("Ladders Sugaan Essenna") == set()  # like "The HU - Sugaan Essenna": nothing


# --- written short, unplugged, a demo's year (issue 16) ----------------------------------------


def _made(n: int, title: str, artist: str, album: str, year: int) -> Candidate:
    from fake_catalog import make_track

    return Candidate.from_api(make_track(f"{n:022d}", title, artist, album, year))


STUDY = [
    _made(1, "Heroes", "David Bowie", "Heroes", 1977),
    _made(2, "Heroes", "Peter Gabriel", "Scratch My Back", 2010),
    _made(3, "Creep", "Radiohead", "Pablo Honey", 1993),
    _made(4, "Creep", "TLC", "CrazySexyCool", 1994),
    _made(5, "Come As You Are", "Nirvana", "Nevermind", 1991),
    _made(6, "Come As You Are", "Nirvana", "MTV Unplugged In New York", 1994),
    _made(7, "Layla", "Eric Clapton", "Timepieces", 1982),
    _made(
        8,
        "Layla - Acoustic; Live at MTV Unplugged, Bray Film Studios, Windsor, England, UK, "
        "1/16/1992",
        "Eric Clapton",
        "Unplugged (Deluxe Edition)",
        1992,
    ),
    _made(9, "Hallelujah", "Leonard Cohen", "Various Positions", 1984),
    _made(10, "Hallelujah - Live", "Leonard Cohen", "Live in London", 2009),
    _made(11, "Last Nite", "The Strokes", "Is This It", 2001),
    _made(12, "Last Nite - Demo", "The Strokes", "Is This It (Deluxe Demos)", 2009),
    _made(13, "Last Nite - Demo", "The Strokes", "Modern Age EP", 2001),
    _made(14, "Pretty Boy", "Young Marble Giants", "Colossal Youth", 1980),
    _made(15, "Pretty Boy - 2009 Demo", "Young Marble Giants", "Colossal Youth (Deluxe)", 2009),
    _made(16, "Pretty Boy - Demo", "Young Marble Giants", "Salad Demos", 1979),
]

STUDY_CASES = [
    # (case, entry, expected status, expected track number or None, words in the reason)
    (
        "an artist written short goes to a person, not to 'not on Spotify'",
        Track("Heroes", "Bowie"),
        REVIEW,
        1,
        "artist written short? (David Bowie)",
    ),
    (
        "an artist written with a space too many is the artist",
        Track("Creep", "Radio Head"),
        MATCHED,
        3,
        "artist spelled differently",
    ),
    (
        "a first name alone is not written short: no close candidate",
        Track("Heroes", "David"),
        MISSING,
        None,
        "No recording",
    ),
    (
        "MTV Unplugged: the take on the Unplugged album",
        Track("Come As You Are", "Nirvana", version="MTV Unplugged"),
        MATCHED,
        6,
        "as wanted",
    ),
    (
        "Unplugged alone",
        Track("Come As You Are", "Nirvana", version="Unplugged"),
        MATCHED,
        6,
        "as wanted",
    ),
    (
        "MTV Unplugged in New York, the album's own name",
        Track("Come As You Are", "Nirvana", version="MTV Unplugged in New York"),
        MATCHED,
        6,
        "matches 'MTV Unplugged in New York'",
    ),
    (
        "an Unplugged take named in its title",
        Track("Layla", "Eric Clapton", version="MTV Unplugged"),
        MATCHED,
        8,
        "as wanted",
    ),
    (
        "Unplugged wanted, only another live take: it stands in, never matched",
        Track("Hallelujah", "Leonard Cohen", version="MTV Unplugged"),
        SUBSTITUTE,
        9,
        "MTV Unplugged wanted",
    ),
    (
        "plain live wanted: an Unplugged take answers it",
        Track("Come As You Are", "Nirvana", version="live"),
        MATCHED,
        6,
        "for 'live'",
    ),
    (
        "2009 demo: the demo released in 2009, not the one from 2001",
        Track("Last Nite", "The Strokes", version="2009 demo"),
        MATCHED,
        12,
        "matches '2009 demo'",
    ),
    (
        "2009 demo named in the title",
        Track("Pretty Boy", "Young Marble Giants", version="2009 demo"),
        MATCHED,
        15,
        "matches '2009 demo'",
    ),
    (
        "1979 demo: released in 1979, its title naming no year",
        Track("Pretty Boy", "Young Marble Giants", version="1979 demo"),
        MATCHED,
        16,
        "matches '1979 demo'",
    ),
    (
        "1985 demo: no demo from then; the studio take stands in",
        Track("Pretty Boy", "Young Marble Giants", version="1985 demo"),
        SUBSTITUTE,
        14,
        "1985 demo wanted",
    ),
]


@pytest.mark.parametrize(
    ("entry", "status", "number", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in STUDY_CASES],
)
def test_short_artists_unplugged_and_demo_years(
    entry: Track, status: Status, number: int | None, words: str
) -> None:
    result = decide(entry, STUDY)
    chosen = result.candidate and result.candidate.uri
    assert (result.status, chosen) == (status, number and uri(f"{number:022d}")), result.reason
    assert words in result.reason
