"""Confirmation by the catalog: one row per rule, each with a decoy beside it that the same
rule must not take. The catalog is the suite's fake Spotify search, in process."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister import app, lockfile
from playlister.config import Settings
from playlister.errors import PlaylisterError
from playlister.importer import import_text

CATALOG = Catalog(
    [
        make_track("a" * 22, "Blue", "Joni Mitchell", "Blue", 1971),
        make_track(
            "w" * 21 + "b",
            "The Bomb (These Sounds Fall Into My Mind)",
            "The Bucketheads",
            "All",
            1995,
        ),
        make_track("w" * 21 + "c", "Sing, Sing, Sing (With A Swing)", "Benny Goodman", "S", 1937),
        make_track(
            "w" * 21 + "d", "Rain On Me (with Ariana Grande)", "Lady Gaga", "Chromatica", 2020
        ),
        make_track("b" * 22, "Connection", "Elastica", "Elastica", 1995),
        make_track("c" * 22, "Hocus Pocus", "Focus", "Moving Waves", 1971),
        make_track("d" * 22, "Nothing Compares 2 U", "Sin\u00e9ad O'Connor", "I Do Not Want", 1990),
        make_track("e" * 22, "Heat", "Some Band", "Heat", 2000),  # a film's title, as a song
        make_track("f" * 22, "Purple Rain", "Prince", "Purple Rain", 1984),
        make_track("g" * 22, "Waterloo Sunset", "The Kinks", "Something Else", 1967),
        make_track("h" * 22, "Hallelujah", "Jeff Buckley", "Grace", 1994),
        make_track("i" * 22, "Hallelujah", "Leonard Cohen", "Various Positions", 1984),
        make_track("j" * 22, "Kid A", "Radiohead", "Kid A", 2000),  # an album's title track
        make_track("k" * 22, "Motion Picture Soundtrack", "Radiohead", "Kid A", 2000),
        make_track("l" * 22, "Mamma Mia", "ABBA", "ABBA", 1975),  # and a film
        make_track("m" * 22, "Dancing Queen", "ABBA", "Arrival", 1976),
        make_track("n" * 22, "Hollywood", "The Runaways", "Waitin' for the Night", 1977),
        make_track("o" * 22, "Teardrop", "Massive Attack", "Mezzanine", 1998),
        make_track("p" * 22, "Mezzanine", "Massive Attack", "Mezzanine", 1998),
        make_track("q" * 22, "Heroes", "David Bowie", "Heroes", 1977),
        make_track("r" * 22, "Love Will Tear Us Apart", "Joy Division", "Substance", 1980),
        make_track("s" * 22, "Blue Monday", "New Order", "Substance", 1983),
        make_track("t" * 22, "Chaise Longue", "Wet Leg", "Wet Leg", 2022),
        make_track("u" * 22, "Angelica", "Wet Leg", "Wet Leg", 2022),
        make_track("v" * 22, "Not", "Big Thief", "Two Hands", 2019),
        make_track("w" * 22, "Not", "Wet Leg", "Decoys", 2022),  # same title, another band
        make_track("x" * 22, "Masterpiece", "Big Thief", "Masterpiece", 2016),
        make_track("y" * 22, "Common People", "Pulp", "Different Class", 1995),
        make_track("z" * 22, "Running Up That Hill", "Kate Bush", "Hounds of Love", 1985),
        make_track("A" * 22, "Hounds of Love", "Kate Bush", "Hounds of Love", 1985),
        make_track("B" * 22, "Karma Police", "Radiohead", "OK Computer", 1997),
        make_track("C" * 22, "Encore", "Radiohead", "Decoys", 2001),  # a label's word as a song
        make_track("D" * 22, "Main Title", "Pulp", "Decoys", 1996),  # a score cue's title
        make_track("E" * 22, "Batman Forever", "Seal", "Decoys", 1995),  # a soundtrack's title
        make_track("F" * 22, "Kiss from a Rose", "Seal", "Seal", 1994),
        make_track("G" * 22, "House", "Massive Attack", "Decoys", 2004),  # a show's title
        make_track("H" * 22, "Shook Ones, Pt. II", "Mobb Deep", "The Infamous", 1995),
        make_track("J" * 22, "Stand by Me", "Ben E. King", "Don't Play That Song!", 1962),
        make_track("I" * 22, "Stand", "R.E.M.", "Green", 1988),  # the title cut at "by"
    ]
)


def songs(text: str, limit: int = 150) -> tuple[list[tuple[str, str | None]], list[str]]:
    search = CatalogSearch(CATALOG)
    result = import_text(text, search=lambda q: search.search_tracks(q), max_searches=limit)
    return (
        [(s.title, s.artist) for s in result.songs],
        [f"{x.text}: {x.reason}" for x in result.left_out],
    )


# (rule, text, kept, a left-out line that must be there or None)
ROWS = [
    ("named pair", '"Connection" by Elastica', [("Connection", "Elastica")], None),
    (
        "named pair the catalog lacks, by an artist it knows: kept, marked not on Spotify "
        "(the catalog's Blue is another artist's)",
        '"Blue" by Elastica',
        [("Blue", "Elastica")],
        None,
    ),
    (
        "named pair the catalog lacks, by an artist it does not know, named plainly (a quoted "
        "title and \u201cby\u201d): kept, marked",
        '"Blue" by The Nobodies',
        [("Blue", "The Nobodies")],
        None,
    ),
    (
        "named pair the catalog lacks, by an artist it does not know, named plainly (a quoted "
        "title, its artist in brackets): kept, marked",
        'He asked for "Blue" (The Nobodies) for the line dance.',
        [("Blue", "The Nobodies")],
        None,
    ),
    (
        "named pair the catalog lacks, decoy: by an artist it does not know, not named plainly",
        "The Nobodies' \u201cBlue\u201d",
        [],
        "\u201cBlue\u201d by The Nobodies: not in the catalog: no track titled \u201cBlue\u201d by "
        "The Nobodies or by a name beside it",
    ),
    (
        "named pair the catalog lacks, decoy: a table row whose singer the rules read as its "
        "artist",
        "| # | Singer | Song |\n|---|---|---|\n| 1 | Priya | Waterloo Sunset (The Kinks) |\n",
        [("Waterloo Sunset", "The Kinks")],
        None,
    ),
    ("swapped pair", "- Connection \u2013 Elastica\n", [("Connection", "Elastica")], None),
    ("swapped pair, decoy: neither way round", "- Connection \u2013 Pulp\n", [], None),
    (
        "name in the unit: the performer, not the songwriter",
        "\u201cNothing Compares 2 U\u201d, written by Prince, sung by Sin\u00e9ad O'Connor.",
        [("Nothing Compares 2 U", "Sin\u00e9ad O'Connor")],
        None,
    ),
    (
        "name in the unit, decoy: only the songwriter is named",
        "\u201cNothing Compares 2 U\u201d was written by Prince.",
        [],
        None,
    ),
    (
        "a line's phrases: Title [Artist (year) Album]",
        "- Hocus Pocus [Focus (1971) Moving Waves]\n",
        [("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "a line's phrases, decoy: the album in the same shape",
        "- Moving Waves [Focus (1971)]\n",
        [],
        None,
    ),
    ('Artist "Title" heading', '## Focus "Hocus Pocus"\n', [("Hocus Pocus", "Focus")], None),
    (
        "a possessive ending in s'",
        "Focus' \u201cHocus Pocus\u201d still startles.",
        [("Hocus Pocus", "Focus")],
        None,
    ),
    ("Title- Artist", "- Waterloo Sunset- The Kinks\n", [("Waterloo Sunset", "The Kinks")], None),
    (
        "a table's row without a header",
        "| Hocus Pocus | Focus | 1971 |\n",
        [("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "veto: a film named as such, though the catalog has a song of that title",
        'We watched the film "Heat" by Some Band.',
        [],
        "\u201cHeat\u201d: film title, not a song: \u201cfilm\u201d next to it",
    ),
    (
        "veto: a heading about films",
        "## Films we watched\n\n- Heat \u2013 Some Band\n- Purple Rain \u2013 Prince\n",
        [],
        "Heat \u2013 Some Band: listed under a heading about films",
    ),
    (
        "dot leaders",
        "A1  Heroes .............. David Bowie\nA2  Connection .......... Elastica\n",
        [("Heroes", "David Bowie"), ("Connection", "Elastica")],
        None,
    ),
    (
        "a card: title heading, artist on the next line",
        "### Teardrop\n\nMassive Attack\n\nFrom *Mezzanine*, 1998.\n",
        [("Teardrop", "Massive Attack")],
        None,
    ),
    (
        "comma and full stop on a line without dashes",
        "jeff buckley, Hallelujah. sorry, i know\n",
        [("Hallelujah", "Jeff Buckley")],
        None,
    ),
    (
        "decoy: the last song on an album named after a song",
        "Motion Picture Soundtrack, Radiohead. it's the last song on Kid A\n",
        [("Motion Picture Soundtrack", "Radiohead")],
        None,
    ),
    (
        "capitalised run with its artist in the sentence",
        "At 1am we had Dancing Queen by ABBA, with everyone on the chairs.",
        [("Dancing Queen", "ABBA")],
        None,
    ),
    (
        "capitalised run, decoy: watched, so a film",
        "We did watch Mamma Mia the night before, which explains ABBA.",
        [],
        None,
    ),
    (
        "capitalised run, decoy: the artist is named in another sentence only",
        "The Runaways were there. It ended like a Hollywood film without the film.",
        [],
        None,
    ),
    (
        "a surname in the unit, capitalised",
        'I wanted "Heroes" but Bowie\u2019s people said no.',
        [("Heroes", "David Bowie")],
        None,
    ),
    (
        "a surname, decoy: the same word not as a name",
        'I wanted "Heroes" but the bowie knife was gone.',
        [],
        None,
    ),
    (
        "middle dots",
        "00:03:10 \u00b7 Love Will Tear Us Apart \u00b7 Joy Division\n"
        "00:14:45 \u00b7 Blue Monday \u00b7 New Order\n",
        [("Love Will Tear Us Apart", "Joy Division"), ("Blue Monday", "New Order")],
        None,
    ),
    (
        "a setlist's band in its first line; decoy: the Encore: label",
        "Radiohead setlist \u2014 Paris\n\n1. Karma Police\nEncore:\n2. Airbag\n",
        [("Karma Police", "Radiohead")],
        None,
    ),
    (
        "capitalised runs in a line that reads as a sentence, split at and",
        "Wet Leg played Chaise Longue and Angelica back to back.\n"
        "Big Thief \u2014 Not, and a long Masterpiece.\n",
        [
            ("Chaise Longue", "Wet Leg"),
            ("Angelica", "Wet Leg"),
            ("Not", "Big Thief"),
            ("Masterpiece", "Big Thief"),
        ],
        None,
    ),
    (
        "British single quotes",
        "Pulp were everywhere, and Jarvis made 'Common People' sound like a promise.",
        [("Common People", "Pulp")],
        None,
    ),
    (
        "the article's title names the artist; decoy: the album named as such",
        "# Kate Bush: an appreciation\n\nShe wrote Running Up That Hill at twenty-five. Hounds "
        "of Love is the album everyone names.\n",
        [("Running Up That Hill", "Kate Bush")],
        None,
    ),
    (
        "a table's row read again when the rules' reading is not confirmed (the singer is not "
        "the artist)",
        "| # | Singer | Song |\n|---|---|---|\n| 1 | Priya | Waterloo Sunset (The Kinks) |\n",
        [("Waterloo Sunset", "The Kinks")],
        None,
    ),
    (
        "decoy: a table of albums",
        "| Album | Artist |\n|---|---|\n| Heroes | David Bowie |\n",
        [],
        None,
    ),
    (
        "the nearest name of two the paragraph gives",
        "Joni Mitchell covered it later, but "
        "Jeff Buckley's recording of \u201cHallelujah\u201d is the one.",
        [("Hallelujah", "Jeff Buckley")],
        None,
    ),
    ("decoy: an album on vinyl", "A friend lent me The Kinks' Kid A on vinyl.", [], None),
    (
        "italic phrase with its artist in the sentence",
        "That night Focus played *Hocus Pocus* twice.",
        [("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "a table set in columns: a row's title with the performer beside it",
        "CUE   USE  TITLE          PERFORMER / COMPOSER   SCENE\n"
        "----  ---  -------------  ---------------------  ------------\n"
        "1M1   MT   Main Title     Ilse Marant            Opening titles\n"
        "1M2   BV   Common People  Pulp                   Car radio\n",
        [("Common People", "Pulp")],
        None,
    ),
    (
        "a table set in columns, decoy: a cue by its composer is not by the band in "
        "another row (the catalog's Main Title is Pulp's)",
        "CUE   TITLE          PERFORMER\n"
        "1M1   Main Title     Ilse Marant\n"
        "1M2   Common People  Pulp\n"
        "2M1   Blue           Elastica\n",
        [("Common People", "Pulp"), ("Blue", "Elastica")],
        None,
    ),
    (
        "a transcript's speaker and timestamp are not part of the line",
        "[00:01:05] JO: Mine was Common People, by Pulp.\n",
        [("Common People", "Pulp")],
        None,
    ),
    (
        "a transcript's speaker, decoy: named like a song of the band the line names",
        "[14/11/2026, 19:02:11] Angelica: Wet Leg were great last night\n",
        [],
        None,
    ),
    (
        "decoy: a soundtrack named beside its song",
        "Mine was the Batman Forever soundtrack, for Kiss from a Rose by Seal.",
        [("Kiss from a Rose", "Seal")],
        None,
    ),
    (
        "decoy: a show named by its theme",
        "The outro is Teardrop by Massive Attack, which you know as the House theme.",
        [("Teardrop", "Massive Attack")],
        None,
    ),
    (
        "a quoted title alone in its paragraph, by the singer the article's first lines name",
        "*By 1971 Joni Mitchell had left the canyon behind.*\n\n"
        "In Crete she wrote all winter. Nobody else could have sung \u201cBlue\u201d at that "
        "tempo.\n",
        [("Blue", "Joni Mitchell")],
        None,
    ),
    (
        "a quoted title alone in its paragraph, decoy: the band is named only further down",
        "The winter was long and the studio was cold, and nobody in the building expected "
        "much from the sessions that followed. "
        * 3
        + "\n\nPeople still quote \u201cMamma Mia\u201d at me.\n\nLater ABBA came on the radio.\n",
        [],
        None,
    ),
    (
        "decoy: what a song is on is its album",
        "Her take is on *Hounds of Love*; Kate Bush never played it live.",
        [],
        None,
    ),
    (
        "a song said to be on an album is still the song",
        "\u201cRunning Up That Hill\u201d is on *Hounds of Love*, by Kate Bush.",
        [("Running Up That Hill", "Kate Bush")],
        None,
    ),
    (
        "a heading's title in British single quotes comes out without them",
        "## No. 4: Focus, 'Hocus Pocus'\n\nThe choir comes in, the key goes up.\n",
        [("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "a line's phrases: a title with “by” in it, read whole beside the artist",
        "- Stand by Me – Ben E. King\n",
        [("Stand by Me", "Ben E. King")],
        None,
    ),
    (
        "a line's phrases, decoy: “by” between title and artist still splits them",
        "- Hocus Pocus by Focus – the 1971 single\n",
        [("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "never searched: a guitar lesson's chords",
        "- Week 3: G C D Am\n",
        [],
        "“G C D Am” by Week 3: never a song: a chord or a single letter",
    ),
    (
        "one-field records: a receipt's title line, its artist on the next line",
        "iTunes Store\n\n  Connection        \u00a30.99\n  Elastica\n  Song\n  Report a Problem\n\n"
        "  Focus\n  Hocus Pocus\n  Song\n",
        [("Connection", "Elastica"), ("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "one-field records, decoy: a record that says it is an album, or was refunded",
        "  Mezzanine        \u00a37.99\n  Massive Attack\n  Album\n\n"
        "  Teardrop         \u00a30.99\n  Massive Attack\n  Song\n  Refunded 15 Nov 2026\n",
        [],
        None,
    ),
    (
        "artist implied: a title said to be by the same band as a song kept",
        '"Chaise Longue" by Wet Leg.\n\nAnd add Angelica, same band, we have the CD.\n',
        [("Chaise Longue", "Wet Leg"), ("Angelica", "Wet Leg")],
        None,
    ),
    (
        "artist implied, decoy: the title is no song of an artist the article names",
        '"Chaise Longue" by Wet Leg.\n\nAnd add Masterpiece, same band, we have the CD.\n',
        [("Chaise Longue", "Wet Leg")],
        None,
    ),
    (
        "entry above its blurb: a countdown's place, its entry (an abbreviation's full stop "
        "kept), then the blurb",
        "THE BEST SONGS OF 1995\n\n52\nMobb Deep \u2013 Shook Ones, Pt. II\n"
        "Havoc built the beat from a sample, slowed and detuned until\n"
        "it sounded like a fire alarm in a basement. Part I exists.\n",
        [("Shook Ones, Pt. II", "Mobb Deep")],
        None,
    ),
    (
        "plain entry in a song list: a line just Title - Artist (or Title, Artist) Spotify "
        "lacks, among lines the catalog confirmed: kept, marked",
        "- Connection - Elastica. Loud.\n- Peach, Plum, Pear - Joanna Newsom. Our pick.\n"
        "- Hocus Pocus, Focus\n- Sparkle, Tatsuro Yamashita. Not on Spotify.\n",
        [
            ("Connection", "Elastica"),
            ("Peach, Plum, Pear", "Joanna Newsom"),
            ("Hocus Pocus", "Focus"),
            ("Sparkle", "Tatsuro Yamashita"),
        ],
        None,
    ),
    (
        "plain entry in a song list, decoy: no song confirmed in its list, a credit's role, "
        "columns",
        "- Peach, Plum, Pear - Joanna Newsom. Our pick.\n\nThanks, Tom.\n\n"
        "- Connection - Elastica\n- Hocus Pocus, Focus\n- Written-By - Ed Cobb\n"
        "- DATE    BILLED TO\n",
        [("Connection", "Elastica"), ("Hocus Pocus", "Focus")],
        None,
    ),
    (
        "italic phrase, decoy: the sentence is about a film",
        "Prince starred in the film *Purple Rain* that year.",
        [],
        None,
    ),
    (
        "the whole title as written: a bracketed part found alone is the whole title the line "
        "writes",
        "\u25be The Bomb (These Sounds Fall Into My Mind) \u2014 The Bucketheads\n"
        "    BPM: 127 \u00b7 Key: 7A\n",
        [("The Bomb (These Sounds Fall Into My Mind)", "The Bucketheads")],
        None,
    ),
    (
        "the whole title as written, decoy: a line writing only the bracketed part keeps it",
        '"These Sounds Fall Into My Mind" by The Bucketheads, the hook of their one hit.',
        [("These Sounds Fall Into My Mind", "The Bucketheads")],
        None,
    ),
    (
        "the song's full title: the catalog's bracketed subtitle belongs to the title",
        'Music: "Sing Sing Sing" by Benny Goodman, the 1937 one.',
        [("Sing, Sing, Sing (With A Swing)", "Benny Goodman")],
        None,
    ),
    (
        "the song's full title, decoy: a bracketed credit is no part of it",
        'Music: "Rain on Me" by Lady Gaga, the radio one.',
        [("Rain on Me", "Lady Gaga")],
        None,
    ),
]


@pytest.mark.parametrize(("rule", "text", "kept", "left"), ROWS, ids=[r[0] for r in ROWS])
def test_confirmation_rules(
    rule: str, text: str, kept: list[tuple[str, str]], left: str | None
) -> None:
    found, left_out = songs(text)
    assert found == kept
    if left is not None:
        assert left in left_out


def test_a_lines_entry_is_its_first_sentence_the_rest_comments_on_it() -> None:
    search = CatalogSearch(CATALOG)
    text = "- Connection - Elastica. Our pick. Yes the intro is odd, trust us.\n"
    result = import_text(text, search=lambda q: search.search_tracks(q))
    assert [(s.title, s.artist) for s in result.songs] == [("Connection", "Elastica")]
    assert search.queries[0] == "track:Connection artist:Elastica"
    assert not any("trust" in q for q in search.queries)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("- The Kinks' Waterloo Sunset. We know it is in a film by Someone Else.\n", True),
        # decoy: the title is another artist's
        ("- The Kinks' Main Title. We know it is in a film by Someone Else.\n", False),
    ],
)
def test_a_possessive_after_an_s_names_the_runs_artist(line: str, kept: bool) -> None:
    search = CatalogSearch(CATALOG)
    result = import_text(line, search=lambda q: search.search_tracks(q))
    found = [(s.title, s.artist, s.confirmed) for s in result.songs]
    if kept:
        assert found == [
            ("Waterloo Sunset", "The Kinks", "name in the unit, from a capitalised run")
        ]
    else:
        assert found == []


def test_the_article_order_is_kept_across_rules() -> None:
    text = (
        '- Hocus Pocus [Focus (1971) Moving Waves]\n- "Connection" by Elastica\n'
        "- Waterloo Sunset- The Kinks\n"
    )
    assert songs(text)[0] == [
        ("Hocus Pocus", "Focus"),
        ("Connection", "Elastica"),
        ("Waterloo Sunset", "The Kinks"),
    ]


def test_searches_are_bounded_and_what_was_not_searched_says_so() -> None:
    text = '"Connection" by Elastica\n\n"Hocus Pocus" by Focus\n'
    found, left = songs(text, limit=1)
    assert found == [("Connection", "Elastica")]
    assert (
        "\u201cHocus Pocus\u201d by Focus: not searched: the article's 1 searches were spent"
    ) in left


def test_a_name_the_catalog_has_no_songs_by_stops_costing_searches() -> None:
    """A course's heading read as the artist beside every line: asked about once it has
    found nothing twice, then never paired again."""
    search = CatalogSearch(CATALOG)
    asked: list[str] = []

    def ask(query: str) -> list[dict]:
        asked.append(query)
        return search.search_tracks(query)

    drills = ["Warm-up", "Downstrokes", "Upstrokes", "Palm muting", "Hammer-ons", "Slides"]
    text = "".join(f"- {drill} \u2013 Spring Term 2027\n" for drill in drills)
    import_text(text, search=ask)
    paired = [q for q in asked if q.startswith("track:") and "artist:Spring Term 2027" in q]
    assert paired == [
        "track:Warm-up artist:Spring Term 2027",
        "track:Downstrokes artist:Spring Term 2027",
    ]
    assert "artist:Spring Term 2027" in asked  # the one question that settled it


def test_page_furniture_repeated_with_other_numbers_is_never_searched() -> None:
    """A forum's profile lines ("Joined Mar 2019", "Posts 88") beside every post."""
    search = CatalogSearch(CATALOG)
    asked: list[str] = []

    def ask(query: str) -> list[dict]:
        asked.append(query)
        return search.search_tracks(query)

    posts = [
        ("magpie", "Mar 2019", "1 204", "Connection \u2013 Elastica"),
        ("wren", "Jun 2017", "88", "Waterloo Sunset \u2013 The Kinks"),
        ("amber", "Jan 2020", "7", "Hocus Pocus \u2013 Focus"),
    ]
    text = "".join(
        f"{who}\nJoined {when}\nPosts {n}\n\n- {song}\n\n" for who, when, n, song in posts
    )
    result = import_text(text, search=ask)
    assert [s.title for s in result.songs] == ["Connection", "Waterloo Sunset", "Hocus Pocus"]
    assert not [q for q in asked if "Joined" in q or "Posts" in q]


def test_verbose_names_the_rule_that_confirmed_each_song() -> None:
    search = CatalogSearch(CATALOG)
    result = import_text(
        "- Connection \u2013 Elastica\n\nFocus' \u201cHocus Pocus\u201d.\n",
        search=lambda q: search.search_tracks(q),
    )
    lines = result.lines(verbose=True)
    assert (
        "  confirmed: \u201cConnection\u201d by Elastica: swapped pair, from the rules' reading"
    ) in lines
    assert (
        "  confirmed: \u201cHocus Pocus\u201d by Focus: name in the unit, from the rules' reading"
    ) in lines
    assert result.as_json()["songs"][0]["confirmed"] == "swapped pair, from the rules' reading"


def test_the_summary_counts_the_searches() -> None:
    search = CatalogSearch(CATALOG)
    result = import_text(
        '"Connection" by Elastica\n\n"Blue" by Joy Division\n',
        search=lambda q: search.search_tracks(q),
    )
    # "Blue" by Joy Division: as the rules read it, then the line's phrase alone; and a
    # search for songs by Joy Division, which the catalog knows: kept, marked
    assert result.lines()[1] == (
        f"Confirmed by the Spotify catalog: 1 kept, 1 named with its artist kept though Spotify "
        f"has no such track (check them), 0 candidates not found ({search.requests} searches, "
        "at most 150 an article)."
    )
    assert [s.not_found for s in result.songs] == [
        "",
        "Spotify has songs by Joy Division, but none titled \u201cBlue\u201d",
    ]


def test_import_seeds_the_lockfile_so_match_needs_no_search(tmp_path: Path) -> None:
    article = tmp_path / "picks.md"
    article.write_text("# Picks\n\n- Connection \u2013 Elastica\n- Hocus Pocus [Focus (1971)]\n")
    draft = tmp_path / "tracks.toml"
    search = CatalogSearch(CATALOG)
    made = app.import_(
        str(article), Settings.from_env({}), output=draft, catalog_factory=lambda: search
    )
    assert made.seeded == 2
    assert made.lines()[-1] == (
        "Recorded 2 matches in tracks.lock: `playlister match` will not search for them again."
    )
    lock = lockfile.load(tmp_path / "tracks.lock")
    assert sorted(e.uri or "" for e in lock.entries.values()) == [
        "spotify:track:" + "b" * 22,
        "spotify:track:" + "c" * 22,
    ]

    def no_search() -> CatalogSearch:
        raise AssertionError("match searched though the lockfile had every entry")

    run = app.match(draft, Settings.from_env({}), catalog_factory=no_search)
    assert (run.run.requests, run.run.reused) == (0, 2)


def test_without_credentials_the_draft_says_it_is_unconfirmed(tmp_path: Path) -> None:
    article = tmp_path / "picks.md"
    article.write_text("- Connection \u2013 Elastica\n")
    made = app.import_(str(article), Settings.from_env({"PLAYLISTER_HOME": str(tmp_path)}))
    assert made.lines()[1] == (
        "Unconfirmed draft: no Spotify credentials (SPOTIPY_CLIENT_ID "
        "and SPOTIPY_CLIENT_SECRET); the songs were found by the rules "
        "alone."
    )
    assert not (tmp_path / "tracks.lock").exists()


def test_a_spotify_failure_says_how_to_draft_without_the_catalog(tmp_path: Path) -> None:
    article = tmp_path / "picks.md"
    article.write_text("- Connection \u2013 Elastica\n")
    draft = tmp_path / "tracks.toml"
    with pytest.raises(PlaylisterError) as err:
        app.import_(
            str(article),
            Settings.from_env({}),
            output=draft,
            catalog_factory=lambda: CatalogSearch(CATALOG, fail_after=0),
        )
    message = str(err.value)
    assert message.startswith("Spotify rate limit: the app's daily request quota is used up")
    assert message.endswith(
        "Nothing was written; `playlister import --offline` drafts from "
        "the rules alone, without the catalog."
    )
    assert "Work done so far" not in message
    assert not draft.exists()


def _videos(text: str) -> list[tuple[str, str | None]]:
    search = CatalogSearch(CATALOG)
    return [(s.title, s.youtube) for s in import_text(text, search=search.search_tracks).songs]


def test_a_video_after_a_section_naming_one_song_is_that_songs() -> None:
    url = "https://www.youtube.com/watch?v=kSAnWQ1oE0o"
    text = (
        "## No. 10: The stool moment\n\n"
        f"Focus did not invent it, but **Hocus Pocus** is the blueprint.\n\n{url}\n\n"
        "## No. 9: Two at once\n\n"
        "Elastica played **Connection** and then Pulp played **Common People**.\n\n"
        "https://www.youtube.com/watch?v=mQnRkYyBdKM\n"
    )
    # decoy: after a section naming two songs, which one the video is of is unclear
    assert _videos(text) == [
        ("Hocus Pocus", url),
        ("Connection", None),
        ("Common People", None),
    ]


# a title the catalog holds by many artists: the page of ten does not reach the one named
MANY_BLUES = Catalog(
    [make_track(f"{i:022d}", "Blue", f"Singer {i}", "Blue", 2000) for i in range(12)]
    + [make_track("J" * 22, "Blue", "Joni Mitchell", "Blue", 1971)]
)

ENTRY_ROWS = [
    (
        "the artist as a listicle entry's heading, the quoted title in its blurb",
        "## No. 8: Joni Mitchell\n\n\u201cBlue\u201d saves its lift for the very end.\n",
        [("Blue", "Joni Mitchell")],
    ),
    (
        "decoy: the heading's artist, the blurb's quote an album",
        "## No. 8: Joni Mitchell\n\nWe played the album \u201cBlue\u201d twice.\n",
        [],
    ),
    (
        "the title as the heading, the artist in the blurb's first sentence",
        "## No. 2: Blue\n\nJoni Mitchell at her most bare. Nobody else could.\n",
        [("Blue", "Joni Mitchell")],
    ),
    (
        "decoy: the heading a title, a name only further down the blurb",
        "## No. 2: Blue\n\nA song about loss and a night out. Later Joni Mitchell was the one "
        "everyone wanted.\n",
        [],
    ),
]


@pytest.mark.parametrize(("rule", "text", "kept"), ENTRY_ROWS, ids=[r[0] for r in ENTRY_ROWS])
def test_a_listicle_entry_heading_and_blurb_name_the_song_together(
    rule: str, text: str, kept: list[tuple[str, str]]
) -> None:
    search = CatalogSearch(MANY_BLUES)
    found = import_text(text, search=search.search_tracks).songs
    assert [(s.title, s.artist) for s in found] == kept


# Rule "artist's song in the text": the catalog's tracks of an artist the article names, found
# word for word in the text. Each row's decoys are tracks by the same artist titled like the
# place, noun or name the text also has.
ANCHORED = Catalog(
    [
        make_track("Aa" * 11, "Son of a Preacher Man", "Dusty Springfield", "Dusty in M", 1968),
        make_track("Ab" * 11, "Memphis", "Dusty Springfield", "Decoys", 1968),
        make_track("Ac" * 11, "Wall of Sound", "Dusty Springfield", "Decoys", 1968),
        make_track("Ad" * 11, "Dusty", "Dusty Springfield", "Decoys", 1968),
        make_track("Ae" * 11, "MMMBop", "Hanson", "Middle of Nowhere", 1997),
        make_track("Af" * 11, "Hebden Bridge", "Hanson", "Decoys", 1997),
        make_track("Ag" * 11, "Dreams - 2004 Remaster", "Fleetwood Mac", "Rumours", 1977),
        make_track("Ah" * 11, "Take Me Home, Country Roads", "John Denver", "Poems", 1971),
        make_track("Ai" * 11, "Peak District", "John Denver", "Decoys", 1971),
        make_track("Aj" * 11, "Connection", "Elastica", "Elastica", 1995),
        make_track("Ak" * 11, "Friday", "Wet Leg", "Decoys", 2022),
        make_track("Al" * 11, "Hung Up", "Madonna", "Confessions", 2005),
        make_track("Am" * 11, "Gimme! Gimme! Gimme! (A Man After Midnight)", "ABBA", "V", 1979),
        make_track("An" * 11, "Spellbound", "Siouxsie and the Banshees", "Juju", 1981),
        make_track("Ao" * 11, "Juju", "Siouxsie and the Banshees", "Decoys", 1981),
        make_track("Ap" * 11, "Dog Days Are Over", "Florence + The Machine", "Lungs", 2008),
        make_track("Aq" * 11, "Fast Car", "Tracy Chapman", "Tracy Chapman", 1988),
        make_track("Ar" * 11, "Highway to Hell", "AC/DC", "Highway to Hell", 1979),
    ]
)


def anchored(text: str) -> list[tuple[str, str | None, str]]:
    search = CatalogSearch(ANCHORED)
    result = import_text(text, search=lambda q: search.search_tracks(q))
    return [(s.title, s.artist, s.confirmed) for s in result.songs]


# minutes naming many people and rooms before the one artist, which the names' searches
# would spend the budget on first
_CROWD = "Present: " + ", ".join(f"Mrs Ann Room{n}" for n in range(30)) + ".\n\n"

ANCHORED_ROWS = [
    (
        "decoy: a line's title a few words after its artist's name, not beside it",
        '# Bar rules\n\n- Tracy Chapman\'s "Baby Can I Hold You". The ONLY Tracy Chapman. Her '
        "Fast Car stays banned.\n",
        [],
    ),
    (
        "a name right after \u201cby\u201d is asked about before the article's other names",
        _CROWD + "- Kyle proposed fast car by Tracy Chapman for the last hour. Agreed.\n",
        [("Fast Car", "Tracy Chapman", "title beside its artist's name")],
    ),
    (
        "decoy: the name asked about first, the title in lower case not beside it",
        _CROWD + "- Kyle proposed fast car, first sung by Tracy Chapman. Agreed.\n",
        [],
    ),
    (
        "capitalised title anywhere in an essay whose first lines name the artist",
        "# Reissue notes\n\nDusty Springfield went south in 1968.\n\n"
        "Years later Son of a Preacher Man, the one everybody knows, still sounds amused.\n",
        [("Son of a Preacher Man", "Dusty Springfield", "capitalised title")],
    ),
    (
        "decoy: after a word that makes it a noun or a place (the artist's tracks)",
        "# Reissue notes\n\nDusty Springfield went south in 1968.\n\n"
        "She had cut a Wall of Sound pastiche and then flew to Memphis.\n",
        [],
    ),
    (
        "decoy: a title that is the artist's own name",
        "# Reissue notes\n\nDusty Springfield went south in 1968.\n\n"
        "She sang it, and what Dusty did next mattered.\n",
        [],
    ),
    (
        "one-word title capitalised mid-sentence, the artist in the next turn",
        "FELIX: No lying. Okay. Mine was MMMBop. On cassingle.\n\nAMARA: Hanson!\n",
        [("MMMBop", "Hanson", "one-word title capitalised mid-sentence")],
    ),
    (
        "decoy: a place after 'in', by the same artist",
        "AMARA: Hanson!\n\nFELIX: They once played a record shop in Hebden Bridge.\n",
        [],
    ),
    (
        "one-word title beside its artist's name, in lower case",
        "> it has to be dreams by fleetwood mac. not sad exactly\n",
        [("Dreams", "Fleetwood Mac", "one-word title beside its artist's name")],
    ),
    (
        "decoy: a one-word title in lower case, not beside the name",
        "> fleetwood mac always gives me weird dreams, not sad exactly\n",
        [],
    ),
    (
        "a title's last comma part beside the artist, in a lower-case chat message",
        "[14/11/2026, 19:11:45] Priya: country roads (john denver) for when we hit the "
        "peak district\n",
        [("Take Me Home, Country Roads", "John Denver", "title beside its artist's name")],
    ),
    (
        "a possessive names the artist of a quoted title",
        "Elastica's 'Connection' was my song that summer.\n",
        [("Connection", "Elastica", "name in the unit")],
    ),
    (
        "decoy: a shouted day's label beside a band",
        "We camped for three days.\n\nFRIDAY Wet Leg played for an hour.\n",
        [],
    ),
    (
        "a second song on a line only when set right beside its artist",
        "2/ Madonna - Hung Up \u2190 ABBA - Gimme! Gimme! Gimme! (A Man After Midnight). yes\n",
        [
            ("Hung Up", "Madonna", "name in the unit"),
            ("Gimme! Gimme! Gimme! A Man After Midnight", "ABBA", "title beside its artist's"),
        ],
    ),
    (
        "decoy: a log line's album column, by the same artist",
        "21:06 SIOUXSIE AND THE BANSHEES / Spellbound / Juju (1981)\n"
        "21:10 SIOUXSIE AND THE BANSHEES / Spellbound / Juju (1981)\n",
        [("Spellbound", "Siouxsie and the Banshees", "")],
    ),
    (
        "a band's leader's name in lower case names the band",
        "last one from me: Dog Days Are Over (florence) for when we finally get there\n",
        [("Dog Days Are Over", "Florence + The Machine", "title beside its artist's name")],
    ),
    (
        "song and artist in a lower-case message, each message a unit of its own",
        "[14/11/2026, 19:03:40] Tom: fast car tracy chapman. non negotiable\n"
        "[14/11/2026, 19:03:52] Priya: obviously\n",
        [("Fast Car", "Tracy Chapman", "song and artist in a lower-case message")],
    ),
    (
        "decoy: a lower-case message naming a song but no artist",
        "[14/11/2026, 19:09:03] Tom: highway to hell\n"
        "[14/11/2026, 19:09:20] Leah: vetoed. my mum is in the car\n",
        [],
    ),
]


def test_verbose_says_why_an_artists_song_in_the_text_was_not_taken() -> None:
    search = CatalogSearch(ANCHORED)
    text = (
        "# Reissue notes\n\nDusty Springfield went south in 1968.\n\n"
        "She had cut a Wall of Sound pastiche and then flew to Memphis.\n"
    )
    result = import_text(text, search=lambda q: search.search_tracks(q))
    reasons = {x.text: x.reason for x in result.left_out}
    assert result.songs == []
    assert reasons["\u201cWall of Sound\u201d by Dusty Springfield"] == (
        "not taken as Dusty Springfield's song: after \u201ca\u201d: a noun or a place, not a title"
    )
    assert "\u201cMemphis\u201d by Dusty Springfield" in reasons


@pytest.mark.parametrize(("rule", "text", "kept"), ANCHORED_ROWS, ids=[r[0] for r in ANCHORED_ROWS])
def test_an_artists_song_named_word_for_word(
    rule: str, text: str, kept: list[tuple[str, str, str]]
) -> None:
    found = anchored(text)
    assert [(t, a) for t, a, _ in found] == [(t, a) for t, a, _ in kept]
    for (_, _, why), (_, _, want) in zip(found, kept, strict=True):
        assert want in why


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a letterhead's one pair is the document's title, not a song Spotify lacks
        (
            "Hollingworth Academy\nYear 11 Prom 2026 \u2013 Music Sub-Committee\n"
            "Minutes of the meeting of 19 November\n\n"
            'Agreed: "Teardrop" by Massive Attack for the slow dance.\n',
            [("Teardrop", "Massive Attack")],
        ),
        # decoy: an opening block of pairs is a list, each a song Spotify may lack
        (
            "Road trip\nThe Zorblings \u2013 Quiet Ferns\nMarrow Gate \u2013 Lantern Hymn\n"
            "Plinth \u2013 Salt Roads\n\n"
            'And "Teardrop" by Massive Attack to close.\n',
            [
                ("Quiet Ferns", "The Zorblings"),
                ("Lantern Hymn", "Marrow Gate"),
                ("Salt Roads", "Plinth"),
                ("Teardrop", "Massive Attack"),
            ],
        ),
    ],
)
def test_the_one_pair_of_an_opening_letterhead_is_its_title_not_a_song(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert songs(text)[0] == kept
