"""Video chapters, title-then-indented-artist records, removed songs, films being watched and
another recording of the article's subject's song: one row per rule, each with a decoy beside
it that the same rule must not take (issue 17, the eleventh set's shapes)."""

from __future__ import annotations

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister.importer import import_text

WRAPPED = (
    "Your Top Songs\n"
    "1  Pink Pony Club\n   Chappell Roan\n"
    "2  Too Sweet\n   Hozier\n"
    "3  Beautiful Things\n   Benson Boone\n"
)
POEM = (  # indented alike, and sentences: no records
    "The rain came down on Tuesday,\n  and nobody said a word.\n"
    "We walked along the harbour,\n  and the gulls were all we heard.\n"
    "I kept the ticket stub,\n  and I keep it still.\n"
)

# (rule, text, [(title, artist), ...] the draft holds offline)
OFFLINE = [
    (
        "chapter prefix: a chapter's time and place are not the title",
        "CHAPTERS\n0:00 Intro\n15:20 #6 God Only Knows by the Beach Boys\n"
        "1:02:03 7. Hometown Glory by Adele\n",
        [("God Only Knows", "The Beach Boys"), ("Hometown Glory", "Adele")],
    ),
    (
        "chapter prefix decoy: a title that is a time, or starts with a number, keeps it",
        'On the radio at 9:30: "#9 Dream" by John Lennon, then "7 Rings" by Ariana Grande.',
        [("#9 Dream", "John Lennon"), ("7 Rings", "Ariana Grande")],
    ),
    (
        "indented pairs: title on one line, its artist indented on the next, three times",
        WRAPPED,
        [
            ("Pink Pony Club", "Chappell Roan"),
            ("Too Sweet", "Hozier"),
            ("Beautiful Things", "Benson Boone"),
        ],
    ),
    ("indented pairs decoy: a poem's indented lines are not records", POEM, []),
    (
        "removed song: cut for a copyright claim",
        'I had "Penny Lane" by the Beatles in here as #11 but got a copyright claim on it, '
        "so it's cut.",
        [],
    ),
    (
        "removed song decoy: an edit with the intro removed is still the song",
        'I play "Penny Lane" by the Beatles with the intro removed.',
        [("Penny Lane", "The Beatles")],
    ),
    (
        "piece set aside: a piece the class is told not to play",
        'Don\'t play Ravel\'s "Bol\u00e9ro" this time. Play "Take Five" by Dave Brubeck.',
        [("Take Five", "Dave Brubeck")],
    ),
    (
        "piece set aside decoy: not playing loud before it is no cue",
        'Don\'t play anything loud before "Bol\u00e9ro" by Ravel.',
        [("Bol\u00e9ro", "Ravel")],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), OFFLINE, ids=[r[0] for r in OFFLINE])
def test_chapters_pairs_and_vetoes_offline(
    rule: str, text: str, expected: list[tuple[str, str | None]]
) -> None:
    songs = import_text(text).songs
    assert [(s.title, s.artist) for s in songs] == expected


def test_a_removed_song_is_listed_with_its_reason() -> None:
    text = 'I had "Penny Lane" by the Beatles in here but it was taken down.'
    left = import_text(text).left_out
    assert any("Penny Lane" in item.text and "taken down" in item.reason for item in left)


CATALOG = Catalog(
    [
        make_track("a" * 22, "You've Got a Friend", "Carole King", "Tapestry", 1971),
        make_track("b" * 22, "You've Got a Friend", "James Taylor", "Mud Slide Slim", 1971),
        make_track("c" * 22, "So Far Away", "Carole King", "Tapestry", 1971),
        make_track("d" * 22, "Fire and Rain", "James Taylor", "Sweet Baby James", 1970),
        make_track("e" * 22, "Kill Bill", "SZA", "SOS", 2022),
        make_track("f" * 22, "Bang Bang (My Baby Shot Me Down)", "Nancy Sinatra", "Bang", 1966),
    ]
)
SUBJECT = (
    "Tapestry is the second album by Carole King, released in 1971.\n\n"
    "James Taylor's recording of \"You've Got a Friend\" also reached number one.\n\n"
    "Track listing\n\n"
    '1.\t"So Far Away"\t3:55\n'
    '2.\t"You\'ve Got a Friend"\t5:09\n'
)
CHAT = "[06-Dec-26 08:00 AM] fern\nwatching kill bill vol 1 tonight so: {song}\n\n{reply}\n"


def confirmed(text: str) -> list[tuple[str, str | None]]:
    search = CatalogSearch(CATALOG)
    result = import_text(text, search=lambda q: search.search_tracks(q))
    return [(s.title, s.artist) for s in result.songs]


def test_subjects_song_another_recording_named_in_passing_is_not_drafted_as_the_one() -> None:
    assert confirmed(SUBJECT) == [("So Far Away", "Carole King")]


def test_subjects_song_decoy_a_recording_named_alone_is_the_one_wanted() -> None:
    text = 'Tapestry is an album by Carole King.\n\nJames Taylor\'s recording of "Fire and Rain".'
    assert confirmed(text) == [("Fire and Rain", "James Taylor")]


@pytest.mark.parametrize(
    ("rule", "reply", "expected"),
    [
        (
            "watched title, not their title: the film and SZA's song of its name",
            "not the sza kill bill?",
            [],
        ),
        (
            "decoy: the song named with its artist as the one posted",
            '"Kill Bill" by SZA is the one',
            [("Kill Bill", "SZA")],
        ),
    ],
)
def test_a_film_being_watched_is_not_a_song(
    rule: str, reply: str, expected: list[tuple[str, str]]
) -> None:
    song = "Bang Bang (My Baby Shot Me Down) – Nancy Sinatra"
    assert confirmed(CHAT.format(song=song, reply=reply)) == [
        ("Bang Bang My Baby Shot Me Down", "Nancy Sinatra"),
        *expected,
    ]
