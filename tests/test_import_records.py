"""One-field-a-line records (a playlist pasted off a web page) and double-sided singles: one
row per rule, each with a decoy beside it that the same rule must not take (issue 17, the
tenth set's shapes)."""

from __future__ import annotations

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister.importer import import_text
from playlister.importer.finder import find_songs

RECORDS = (
    "Tiger Feet\nMud\nThe Very Best of Mud\n3:48\n\n"
    "9 to 5\nDolly Parton\n9 to 5 and Odd Jobs\n2:45\n\n"
    "Baker Street\nGerry Rafferty\nCity to City\n6:09\n"
)
SINGLES = (
    "1. THE JAM - Going Underground / The Dreams Of Children\n"
    "   Polydor POSP 113 (1980). Double A side.\n\n"
    "2. KATE BUSH - Wow / Full House\n"
    "   EMI 2911 (1979). Sleeve VG.\n\n"
    "3. THE SPECIALS - Gangsters / THE SELECTER - The Selecter\n"
    "   2 Tone TT 1 (1979).\n"
)

# (rule, text, [(title, artist), ...] the draft holds offline)
OFFLINE = [
    (
        "duration-closed records: title, artist, album, time a line each; the album is never "
        "the title",
        "Mum's playlist, pasted:\n\n" + RECORDS,
        [("Tiger Feet", "Mud"), ("9 to 5", "Dolly Parton"), ("Baker Street", "Gerry Rafferty")],
    ),
    (
        "duration-closed records: no blank lines, the duration lines alone separate them",
        "Tiger Feet\nMud\n3:48\n9 to 5\nDolly Parton\n2:45\nBaker Street\nGerry Rafferty\n6:09\n",
        [("Tiger Feet", "Mud"), ("9 to 5", "Dolly Parton"), ("Baker Street", "Gerry Rafferty")],
    ),
    (
        "duration-closed records, decoy: groups of lines without a duration closing each are "
        "not records (which line is the title is not known offline)",
        "Tiger Feet\nMud\nThe Very Best of Mud\n\n9 to 5\nDolly Parton\nOdd Jobs\n\n"
        "Baker Street\nGerry Rafferty\nCity to City\n",
        [],
    ),
    (
        "duration-closed records, decoy: two groups are too few to be a list of records",
        "Tiger Feet\nMud\nThe Very Best of Mud\n3:48\n\n9 to 5\nDolly Parton\nOdd Jobs\n2:45\n",
        [],
    ),
    (
        "field header: Artist above Song gives the order, and the header is no song",
        "Artist\nSong\nTime\n\nMud\nTiger Feet\n3:48\n\nDolly Parton\n9 to 5\n2:45\n\n"
        "Gerry Rafferty\nBaker Street\n6:09\n",
        [("Tiger Feet", "Mud"), ("9 to 5", "Dolly Parton"), ("Baker Street", "Gerry Rafferty")],
    ),
    (
        "player chrome: the playlist's name above Play / Shuffle is not a song",
        "Mum's 70th - Saturday\nKaren Walsh\nUpdated 2 days ago\n\nPlay\nShuffle\n\n" + RECORDS,
        [("Tiger Feet", "Mud"), ("9 to 5", "Dolly Parton"), ("Baker Street", "Gerry Rafferty")],
    ),
    (
        "last rows set aside: 'the last two were me testing, ignore them' drops two rows",
        "The last two on the list were me testing, ignore them.\n\n"
        + RECORDS
        + "\nShallow\nLady Gaga\nA Star Is Born\n3:37\n",
        [("Tiger Feet", "Mud"), ("9 to 5", "Dolly Parton")],
    ),
    (
        "last rows set aside, decoy: 'the last two are the best' sets nothing aside",
        "The last two on the list are the best ones.\n\n" + RECORDS,
        [("Tiger Feet", "Mud"), ("9 to 5", "Dolly Parton"), ("Baker Street", "Gerry Rafferty")],
    ),
    (
        "double-sided singles: both sides by the artist; a split single's B side is its own band's",
        SINGLES,
        [
            ("Going Underground", "THE JAM"),
            ("The Dreams Of Children", "THE JAM"),
            ("Wow", "KATE BUSH"),
            ("Full House", "KATE BUSH"),
            ("Gangsters", "THE SPECIALS"),
            ("The Selecter", "THE SELECTER"),
        ],
    ),
    (
        "double-sided singles, decoy: a lone `Artist - X / Y` line is not cut offline",
        "1. Prince - Sign O' The Times / Housequake\n   a note on it.\n",
        [("Sign O' The Times / Housequake", "Prince")],
    ),
    (
        "double-sided singles, decoy: a slash inside a name (AC/DC) never cuts",
        "1. AC/DC - Back in Black\n   note\n\n2. The Jam - A / B\n   note\n\n3. Blur - C / D\n",
        [
            ("Back in Black", "AC/DC"),
            ("A", "The Jam"),
            ("B", "The Jam"),
            ("C", "Blur"),
            ("D", "Blur"),
        ],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), OFFLINE, ids=[r[0] for r in OFFLINE])
def test_records_and_singles_offline(
    rule: str, text: str, expected: list[tuple[str, str | None]]
) -> None:
    songs, _ = find_songs(text)
    assert [(s.title, s.artist) for s in songs] == expected


def test_the_playlists_heading_and_the_rows_set_aside_are_listed_with_their_reasons() -> None:
    text = (
        "The last two on the list were me testing, ignore them.\n\n"
        "Party\nKaren Walsh\n\nPlay\nShuffle\n\n" + RECORDS
    )
    _, left = find_songs(text)
    reasons = {item.text: item.reason for item in left}
    assert reasons["Party / Karen Walsh"] == "the pasted playlist's heading (its name, owner, date)"
    assert reasons["9 to 5 / Dolly Parton / 9 to 5 and Odd Jobs"] == (
        "the text sets aside the last two of the list"
    )


CATALOG = Catalog(
    [
        make_track("a" * 22, "Tiger Feet", "Mud", "The Very Best of Mud", 1974),
        make_track("b" * 22, "9 to 5", "Dolly Parton", "9 to 5 and Odd Jobs", 1980),
        make_track("c" * 22, "Baker Street", "Gerry Rafferty", "City to City", 1978),
        make_track("d" * 22, "City To City", "Gerry Rafferty", "City to City", 1978),  # album
        make_track("e" * 22, "Wow", "Kate Bush", "Lionheart", 1979),
        make_track("f" * 22, "Full House", "Kate Bush", "Lionheart", 1979),
    ]
)


def confirmed(text: str) -> list[tuple[str, str | None]]:
    search = CatalogSearch(CATALOG)
    result = import_text(text, search=lambda q: search.search_tracks(q))
    return [(s.title, s.artist) for s in result.songs]


def test_with_the_catalog_records_keep_their_titles_and_an_album_titled_as_a_song_is_not_one() -> (
    None
):
    assert confirmed(RECORDS) == [
        ("Tiger Feet", "Mud"),
        ("9 to 5", "Dolly Parton"),
        ("Baker Street", "Gerry Rafferty"),
    ]


def test_with_the_catalog_both_sides_of_a_single_are_confirmed_and_an_unknown_side_flagged() -> (
    None
):
    text = "1. KATE BUSH - Wow / Full House\n   EMI\n\n2. Mud - Tiger Feet / Baker Street\n   x\n"
    search = CatalogSearch(CATALOG)
    songs = import_text(text, search=lambda q: search.search_tracks(q)).songs
    assert [(s.title, s.artist, bool(s.not_found)) for s in songs] == [
        ("Wow", "Kate Bush", False),
        ("Full House", "Kate Bush", False),
        ("Tiger Feet", "Mud", False),
        ("Baker Street", "Mud", True),  # named with its artist: kept, flagged not found
    ]
