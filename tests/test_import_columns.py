"""Pasted spreadsheets, tables' named columns and film music credits: one row per rule, each
with a decoy beside it that the same rule must not take (issue 17, the ninth set's shapes)."""

from __future__ import annotations

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister.importer import import_text
from playlister.importer.columns import column_role
from playlister.importer.finder import find_songs

SHEET_HEAD = "Timestamp\tName\tSong title\tArtist (if you know it)\tStatus\tNotes\n"


def sheet(*rows: str) -> str:
    return "Leavers' ball requests\n\n" + SHEET_HEAD + "".join(f"{r}\n" for r in rows)


# (rule, text, [(title, artist), ...] the draft holds offline)
OFFLINE = [
    (
        "delimited table: tab-separated columns named by the header",
        sheet(
            "12/05 18:41\tAisha\tDancing in the Moonlight\tToploader\tOK\t",
            "12/05 19:31\tMrs D\tsweet caroline\tneil diamond\tOK\tfor the staff",
            "13/05 12:41\tTariq\tFreed From Desire\tGala\tOK\tna na na",
        ),
        [
            ("Dancing in the Moonlight", "Toploader"),
            ("sweet caroline", "neil diamond"),
            ("Freed From Desire", "Gala"),
        ],
    ),
    (
        "status column: a row turned down (NO, NO - reason, DUPLICATE) is dropped; decoy: "
        "an OK with a note is kept",
        sheet(
            "12/05 19:10\tKyle\tAxel F\tCrazy Frog\tNO\tno Crazy Frog",
            "12/05 20:06\tBen\tMo Bamba\tSheck Wes\tNO - explicit\t",
            "13/05 08:12\tPriya\tdont stop believing\tjourney\tDUPLICATE\tsee row 7",
            "14/05 09:03\tForm 11R\tAngels\tRobbie Williams\tOK - LAST SONG\twon the vote",
        ),
        [("Angels", "Robbie Williams")],
    ),
    (
        "unsure artist: 'dunno, …' leaves the artist blank; decoy: a lower-case name is a name",
        sheet(
            "12/05 18:44\tJamie\tMr. Blue Sky\tdunno, the guardians of the galaxy one\tOK\t",
            "12/05 20:05\tPriya\tDon't Stop Believin'\tjourney\tOK\t",
            "13/05 16:22\tJamie\tShut Up and Dance\tWALK THE MOON\tOK\t",
        ),
        [
            ("Mr. Blue Sky", None),
            ("Don't Stop Believin'", "journey"),
            ("Shut Up and Dance", "WALK THE MOON"),
        ],
    ),
    (
        "delimited table: decoy: tab-separated lines without a header stay list lines",
        "1\tKate Bush \u2013 Running Up That Hill\n2\tElastica \u2013 Connection\n"
        "3\tPulp \u2013 Common People\n",
        [
            ("Running Up That Hill", "Kate Bush"),
            ("Connection", "Elastica"),
            ("Common People", "Pulp"),
        ],
    ),
    (
        "delimited table: semicolons with a header naming title and artist",
        "Title; Artist; Year\nHurt; Johnny Cash; 2002\nCrazy; Patsy Cline; 1961\n"
        "Jolene; Dolly Parton; 1973\n",
        [("Hurt", "Johnny Cash"), ("Crazy", "Patsy Cline"), ("Jolene", "Dolly Parton")],
    ),
    (
        "decoy: comma-separated lines whose first names no song column are prose, not cells",
        "Monday, Tuesday, Wednesday\nbread, milk, eggs\napples, pears, plums\n",
        [],
    ),
    (
        "column roles: decoy: an 'Album title' column is not a song column",
        "Album title\tArtist\tYear\nBlue\tJoni Mitchell\t1971\nGrace\tJeff Buckley\t1994\n"
        "Hounds of Love\tKate Bush\t1985\n",
        [],
    ),
    (
        "credit block: the performer is the artist, the songwriter never; labels are no titles",
        'SONGS\n\n"BLINDED BY THE LIGHT"\nWritten by Bruce Springsteen\n'
        "Performed by Manfred Mann's Earth Band\nCourtesy of Cohesion Records Ltd\n\n"
        '"WALK ON THE WILD SIDE"\nWritten and Performed by Lou Reed\nCourtesy of RCA Records\n',
        [
            ("Blinded by the Light", "Manfred Mann's Earth Band"),
            ("Walk on the Wild Side", "Lou Reed"),
        ],
    ),
    (
        "credit block: a sample's lines are the sample's; a featured singer is not the artist",
        '"PAPER PLANES"\nWritten by Mathangi Arulpragasam and Thomas Pentz\n'
        'Performed by Santigold\nContains a sample of "Straight to Hell"\n'
        "Written by Joe Strummer\nPerformed by The Clash\n\n"
        '"EMPIRE STATE OF MIND"\nWritten by Shawn Carter and Alicia Keys\n'
        "Performed by Jay-Z featuring Alicia Keys\nCourtesy of Roc Nation LLC\n\n"
        'Clip from "Top of the Pops" courtesy of BBC Studios\n',
        [("Paper Planes", "Santigold"), ("Empire State of Mind", "Jay-Z")],
    ),
    (
        "credit block: decoy: a quoted title with a plain note under it is no credit block",
        '"Hurt" by Johnny Cash\nstill the saddest video ever made\n',
        [("Hurt", "Johnny Cash")],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), OFFLINE, ids=[r[0] for r in OFFLINE])
def test_columns_and_credits_offline(
    rule: str, text: str, expected: list[tuple[str, str | None]]
) -> None:
    songs, _ = find_songs(text)
    assert [(s.title, s.artist) for s in songs] == expected


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Song title", "title"),
        ("Music", "title"),
        ("Artist (if you know it)", "artist"),
        ("Performed by", "artist"),
        ("Mr Okafor - status", "status"),
        ("Music by", "artist"),  # decoy: the composer's name, not the song
        ("Album title", None),  # decoy: another thing's title
        ("Clean version? (Y/N)", None),
    ],
)
def test_a_header_cell_names_its_columns_role(header: str, role: str | None) -> None:
    assert column_role(header) == role


def test_a_turned_down_row_says_why_it_was_left_out() -> None:
    _, left = find_songs(sheet("12/05 19:10\tKyle\tAxel F\tCrazy Frog\tNO\t", "x\ty\tA\tB\tOK\t"))
    assert any("Axel F" in x.text and "status says" in x.reason for x in left)


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("I WILL ALWAYS LOVE YOU", "I Will Always Love You"),
        ("NOTHING COMPARES 2 U", "Nothing Compares 2 U"),
        ("EMPIRE STATE OF MIND", "Empire State of Mind"),
        ("Me and Bobby McGee", "Me and Bobby McGee"),  # decoy: written in mixed case
    ],
)
def test_an_all_caps_credit_title_is_shown_in_title_case(title: str, shown: str) -> None:
    songs, _ = find_songs(f'"{title}"\nWritten by Someone\nPerformed by Some Singer\n')
    assert [s.title for s in songs] == [shown]


MUSIC_TABLE = (
    "<h2>Junior Men</h2><table><thead><tr><th>Skater</th><th>Club</th><th>Music</th>"
    "<th>Choreography</th></tr></thead><tbody>"
    "<tr><td>Callum Reid</td><td>Blackburn FSC</td><td>Hozier \u2013 Take Me to Church</td>"
    "<td>Dmitri Orlov</td></tr>"
    "<tr><td>Oliver Tran</td><td>Deeside ISC</td><td>\u201cBring Me to Life\u201d by "
    "Evanescence (cut, 2:40)</td><td>Karen Hollis</td></tr>"
    '<tr><td>Maisie Clarke</td><td>Deeside ISC</td><td>Madonna, "Vogue"; SNAP!, '
    '"Rhythm Is a Dancer"</td><td>Anna Wrona</td></tr>'
    "</tbody></table>"
)


def test_a_music_column_is_read_as_list_lines_and_the_skaters_are_not() -> None:
    songs, _ = find_songs(import_text_html(MUSIC_TABLE))
    assert [(s.title, s.artist) for s in songs] == [
        ("Take Me to Church", "Hozier"),
        ("Bring Me to Life", "Evanescence"),
        ("Vogue", "Madonna"),
        ("Rhythm Is a Dancer", "SNAP!"),
    ]


def import_text_html(html: str) -> str:
    from playlister.importer.html import html_to_text

    return html_to_text(html)[0]


CATALOG = Catalog(
    [
        make_track("a" * 22, "Someone You Loved", "Lewis Capaldi", "Divinely", 2019),
        make_track("b" * 22, "Levitating (feat. DaBaby)", "Dua Lipa", "Future Nostalgia", 2020),
        make_track("c" * 22, "Axel F", "Crazy Frog", "Crazy Hits", 2005),
        make_track("d" * 22, "Rain on Me", "Lady Gaga", "Chromatica", 2020),
        make_track("e" * 22, "Skyfall", "Adele", "Skyfall", 2012),
        make_track("f" * 22, "Dancing On My Own", "Robyn", "Body Talk", 2010),
        make_track("g" * 22, "Dancing On My Own", "Calum Scott", "Only Human", 2016),
        make_track("h" * 22, "Karen Hollis", "Decoy Band", "Decoys", 2001),  # a coach's name
    ]
)


def confirmed(text: str, source: str = "sheet.txt") -> list[tuple[str, str | None]]:
    search = CatalogSearch(CATALOG)
    result = import_text(text, source=source, search=lambda q: search.search_tracks(q))
    return [(s.title, s.artist) for s in result.songs]


def test_with_the_catalog_swapped_columns_are_read_the_right_way_and_turned_down_rows_not() -> None:
    text = sheet(
        "12/05 19:02\tHollie\tLewis Capaldi\tSomeone You Loved\tOK\t(cols swapped)",
        "12/05 19:10\tKyle\tAxel F\tCrazy Frog\tNO\t",
        "13/05 12:40\tTariq\tLevitating\tDua Lipa ft DaBaby\tOK\t",
    )
    assert confirmed(text) == [("Someone You Loved", "Lewis Capaldi"), ("Levitating", "Dua Lipa")]


def test_with_the_catalog_a_music_cell_is_read_for_pairs_and_the_other_columns_are_not() -> None:
    html = (
        "<table><tr><th>Skater</th><th>Music</th><th>Choreography</th></tr>"
        "<tr><td>Ella</td><td>Skyfall \u2013 Adele<br>(the short edit)</td>"
        "<td>Karen Hollis</td></tr>"
        "<tr><td>Sophie</td><td>Rain on Me, Lady Gaga &amp; Ariana Grande</td>"
        "<td>Karen Hollis</td></tr>"
        '<tr><td>Callum</td><td>"Dancing on My Own" \u2013 Robyn (original, not the '
        "Calum Scott cover)</td><td>Karen Hollis</td></tr></table>"
    )
    found = confirmed(html, "list.html")
    assert found == [
        ("Skyfall", "Adele"),
        ("Rain on Me", "Lady Gaga"),
        ("Dancing on My Own", "Robyn"),
    ]
