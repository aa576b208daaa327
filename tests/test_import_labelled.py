"""Fields read by their labels (a CUE sheet, an M3U playlist, a form, an HTML page's classes),
a request bot's replies, and prose read as a person reads it: one row per rule, each with a
decoy beside it that the same rule must not take (issue 17, the fourteenth set's shapes)."""

from __future__ import annotations

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister.importer import import_text
from playlister.importer.finder import find_songs
from playlister.importer.source import unmangle

CUE = (
    'REM GENRE "Disco"\n'
    'PERFORMER "Lena Marsh"\n'
    'TITLE "Love Is the Message"\n'
    'FILE "mix.flac" WAVE\n'
    "  TRACK 01 AUDIO\n"
    '    TITLE "Intro"\n'
    '    PERFORMER "Lena Marsh"\n'
    "  TRACK 02 AUDIO\n"
    '    TITLE "Ride On Time"\n'
    '    PERFORMER "Black Box"\n'
    '    REM COMMENT "built on Loleatta Holloway - Love Sensation"\n'
    "  TRACK 03 AUDIO\n"
    '    TITLE "Relight My Fire"\n'
    '    PERFORMER "Dan Hartman"\n'
    '    SONGWRITER "Dan Hartman"\n'
    "  TRACK 04 AUDIO\n"
    '    TITLE "LOVE SPACE"\n'
    '    PERFORMER "Tatsuro Yamashita"\n'
    "    INDEX 01 54:12:09\n"
    "  TRACK 05 AUDIO\n"
    '    TITLE "ID"\n'
    '    PERFORMER "ID"\n'
)
M3U = (
    "Here's the file:\n\n"
    "#EXTM3U\n#PLAYLIST:Skye 2026\n"
    "#EXTINF:268,Fleetwood Mac - The Chain\n..\\Music\\Fleetwood Mac\\Rumours\\07 The Chain.mp3\n"
    "#EXTINF:-1,BBC Radio Scotland\nhttp://example.com/radio.m3u8\n"
    "#EXTINF:1812,Stephen Fry - Chapter 1\n..\\Audiobooks\\Harry Potter\\01 Chapter 1.mp3\n"
    "..\\Music\\Grateful Dead\\American Beauty\\10 Truckin'.mp3\n"
    "#EXTINF:300,Baba O'Riley\n..\\Music\\The Who\\Who's Next\\01 Baba O'Riley.m4a\n\n"
    "Any ideas?\n"
)


def _segment(n: int, artist: str, title: str, extra: str = "") -> str:
    return (
        f'<li class="segment"><p class="segment-label">Disc {n}</p>'
        f'<p class="artist">{artist}</p><p class="title">{title}</p>'
        f'<p class="extra">{extra}</p></li>'
    )


EPISODE = (
    "<html><body><article><h1>Desert Island Discs</h1><ul>"
    + _segment(1, "Johnny Cash", "Ring of Fire", "Composer: June Carter")
    + _segment(2, "Fairground Attraction", "Perfect", "Singer: Eddi Reader")
    + _segment(3, "Damien Rice", "Volcano", "Singer: Lisa Hannigan")
    + '</ul><ul><li><p class="album-title">Blue</p><p class="artist">Joni Mitchell</p></li>'
    "</ul></article></body></html>"
)
CHAT = (
    "[20:59:02] pixelbrie: !sr https://www.youtube.com/watch?v=dQw4w9WgXcQ trust me\n"
    '[20:59:03] Nightbot: @pixelbrie queued "Rick Astley - Never Gonna Give You Up '
    '(Official Music Video)" (3:33) at #1\n'
    "[21:00:47] gorse: !sr https://youtu.be/djV11Xbc914\n"
    "[21:00:49] oatmilk: https://www.youtube.com/watch?v=gGdGFtwCNBE is better\n"
    '[21:00:48] Nightbot: @gorse queued "a-ha - Take On Me (Official Video) [Remastered in 4K]" '
    "(3:48) at #2\n"
    "[21:03:02] lemon: !sr arctic monkeys 505\n"
    '[21:03:03] Nightbot: @lemon queued "Arctic Monkeys - 505" (4:13) at #3\n'
    '[21:04:00] mossfern: the tape says "MIX 3 - DO NOT TAPE OVER" on it\n'
)

# (rule, text, [(title, artist), ...] the draft holds offline)
OFFLINE = [
    (
        "labelled records: a CUE sheet's TITLE and PERFORMER under each TRACK; the mix's own "
        "PERFORMER and TITLE above them, the songwriter and the comments are no songs",
        CUE,
        [
            ("Intro", "Lena Marsh"),
            ("Ride On Time", "Black Box"),
            ("Relight My Fire", "Dan Hartman"),
            ("Love Space", "Tatsuro Yamashita"),
            ("ID", "ID"),
        ],
    ),
    (
        "labelled records: Title: and Artist: lines of a form; a credit's Singer: is not the "
        "artist",
        "Title: Ring of Fire\nArtist: Johnny Cash\n\nTitle: Perfect\nArtist: Fairground "
        "Attraction\nSinger: Eddi Reader\n\nTitle: Volcano\nArtist: Damien Rice\n",
        [
            ("Ring of Fire", "Johnny Cash"),
            ("Perfect", "Fairground Attraction"),
            ("Volcano", "Damien Rice"),
        ],
    ),
    (
        "labelled records: a sentence between the records is kept and read as prose; a "
        "record's short label line (Disc two) is not",
        'Disc one\nTitle: Ring of Fire\nArtist: Johnny Cash\nShe also loved "Jolene" by '
        "Dolly Parton.\nDisc two\nTitle: Perfect\nArtist: Fairground Attraction\n\n"
        "Title: Volcano\nArtist: Damien Rice\n",
        [
            ("Ring of Fire", "Johnny Cash"),
            ("Perfect", "Fairground Attraction"),
            ("Volcano", "Damien Rice"),
            ("Jolene", "Dolly Parton"),
        ],
    ),
    (
        "labelled records, decoy: two records are too few, and a label line in prose is none",
        "Title: Ring of Fire\nArtist: Johnny Cash\n\nTitle: Perfect\nArtist: Fairground "
        "Attraction\n\nNote: the title of the book is Blue.\n",
        [],
    ),
    (
        "M3U playlist: #EXTINF's Artist - Title, else the path's Artist\\Album\\NN Title; a "
        "stream, an audiobook and the album folders are no songs",
        M3U,
        [
            ("The Chain", "Fleetwood Mac"),
            ("Truckin'", "Grateful Dead"),
            ("Baba O'Riley", "The Who"),
        ],
    ),
    (
        "M3U playlist, decoy: two #EXTINF lines are no playlist to read by its labels",
        "#EXTINF:268,Fleetwood Mac\n..\\Music\\Fleetwood Mac\\Rumours\n"
        "#EXTINF:100,Tom Petty\n..\\Music\\Tom Petty\\Full Moon Fever\n",
        [],
    ),
    (
        "quoted video title: a bot's reply names the video's artist and song, its tag dropped; "
        "an untagged one by its length; a request's video is the song the reply names",
        CHAT,
        [
            ("Never Gonna Give You Up", "Rick Astley"),
            ("Take On Me", "a-ha"),
            ("505", "Arctic Monkeys"),
        ],
    ),
    (
        "quoted video title, decoy: a quoted 'A - B' with neither a video's tag nor a length",
        'The cassette says "MIX 3 - DO NOT TAPE OVER" on it, and "Side A - Summer" on the back.\n',
        [],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), OFFLINE, ids=[r[0] for r in OFFLINE])
def test_labelled_fields_offline(
    rule: str, text: str, expected: list[tuple[str, str | None]]
) -> None:
    songs, _ = find_songs(text)
    assert [(s.title, s.artist) for s in songs] == expected


def test_the_lists_own_heading_and_the_playlist_s_stream_and_audiobook_are_left_out() -> None:
    _, left = find_songs(CUE)
    assert (
        "Lena Marsh / Love Is the Message",
        "the list's own title and performer (its heading)",
    ) in {(x.text, x.reason) for x in left}
    _, left = find_songs(M3U)
    reasons = {x.reason for x in left}
    assert "a radio stream, not a song" in reasons
    assert "an audiobook or podcast in the playlist, not a song" in reasons


def test_a_request_s_video_goes_to_the_song_the_bot_s_reply_names_written_out_in_full() -> None:
    songs, _ = find_songs(CHAT)
    assert [s.youtube for s in songs] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=djV11Xbc914",  # the youtu.be link, not oatmilk's
        None,
    ]


def test_fields_labelled_by_class_in_html_are_read_as_records() -> None:
    result = import_text(EPISODE, source="episode.html")
    assert [(s.title, s.artist) for s in result.songs] == [
        ("Ring of Fire", "Johnny Cash"),
        ("Perfect", "Fairground Attraction"),
        ("Volcano", "Damien Rice"),
    ]  # the singer is a credit, and an album-title class names no song


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("RÃ¶yksopp - Eple", "Röyksopp - Eple"),
        ("donâ€™t stop", "don\u2019t stop"),
        ("Björk, naïve, São Paulo", "Björk, naïve, São Paulo"),  # decoy: real accents stay
        ("Ã la carte", "Ã la carte"),  # decoy: a lone capital A-tilde is not UTF-8
    ],
)
def test_mojibake_repaired(text: str, read: str) -> None:
    assert unmangle(text) == read


CATALOG = Catalog(
    [
        make_track("a" * 22, "Ride On Time", "Black Box", "Dreamland", 1989),
        make_track("b" * 22, "Relight My Fire", "Dan Hartman", "Relight My Fire", 1979),
        make_track("c" * 22, "Intro", "The xx", "xx", 2009),
        make_track("d" * 22, "Teardrop", "Massive Attack", "Mezzanine", 1998),
        make_track("e" * 22, "Wuthering Heights", "Kate Bush", "The Kick Inside", 1978),
        make_track("f" * 22, 'Turandot / Act 3: "Nessun dorma!"', "Luciano Pavarotti", "X", 1972),
        make_track("g" * 22, "Turandot", "Some Band", "Decoys", 2001),
        make_track("h" * 22, "One Love / People Get Ready", "Bob Marley & The Wailers", "X", 1977),
        make_track("i" * 22, "1234", "Feist", "The Reminder", 2007),
        make_track("j" * 22, "1234", "Other Band", "Decoys", 2001),
        make_track("k" * 22, "(Sittin' On) The Dock of the Bay", "Otis Redding", "X", 1968),
        make_track("l" * 22, "Temptation", "Heaven 17", "The Luxury Gap", 1983),
        make_track("m" * 22, "Temptation", "New Order", "Substance", 1987),
        make_track("n" * 22, "He'll Have to Go", "Jim Reeves", "X", 1959),
        make_track("o" * 22, "Distant Drums", "Jim Reeves", "X", 1966),
        make_track("p" * 22, "Memphis", "Jim Reeves", "Decoys", 1960),
        make_track("q" * 22, "Station to Station", "David Bowie", "Station to Station", 1976),
        make_track("r" * 22, "Wild Is the Wind", "David Bowie", "Station to Station", 1976),
        make_track("s" * 22, "The Look of Love", "ABC", "The Lexicon of Love", 1982),
        make_track("t" * 22, "The Look of Love", "Dusty Springfield", "X", 1967),
        make_track("u" * 22, "Two Tribes", "Frankie Goes to Hollywood", "X", 1984),
        make_track("v" * 22, "Only You", "The Flying Pickets", "X", 1983),
        make_track("w" * 22, "Rumours", "Fleetwood Mac", "Decoys", 1977),
        make_track("x" * 22, "The Chain", "Fleetwood Mac", "Rumours", 1977),
        make_track("y" * 22, "Born to Run", "Bruce Springsteen", "Born to Run", 1975),
        make_track("z" * 22, "Soul Deep", "The Box Tops", "Dimensions", 1969),
    ]
)


def confirmed(text: str, source: str = "stdin") -> list[tuple[str, str | None, bool]]:
    search = CatalogSearch(CATALOG)
    result = import_text(text, source=source, search=lambda q: search.search_tracks(q))
    return [(s.title, s.artist, bool(s.not_found)) for s in result.songs]


# (rule, text, [(title, artist, kept though not in the catalog), ...])
WITH_CATALOG = [
    (
        "row of a song table: a CUE track the catalog lacks is kept, marked; segment or "
        "placeholder: the DJ's Intro and an unreleased ID by ID are not",
        CUE,
        [
            ("Ride On Time", "Black Box", False),
            ("Relight My Fire", "Dan Hartman", False),
            ("Love Space", "Tatsuro Yamashita", True),
        ],
    ),
    (
        "music of a book or film: a heading about the music in a book is no heading about books",
        "# THE MUSIC IN THIS BOOK\n\nKath plays Massive Attack's Teardrop on the bus.\n",
        [("Teardrop", "Massive Attack", False)],
    ),
    (
        "music of a book or film, decoy: a heading about books is one",
        "# BOOKS I LOVED\n\nKath reads Kate Bush's Wuthering Heights on the bus.\n",
        [],
    ),
    (
        "part of a work: the catalog names the aria after its opera; decoy: the opera's name",
        "- Luciano Pavarotti – Nessun dorma\n- Turandot\n",
        [("Nessun dorma", "Luciano Pavarotti", False)],
    ),
    (
        "medley named by its first song, leader for the band; decoy: its second song",
        "- Bob Marley – One Love\n- Bob Marley – People Get Ready\n",
        [
            ("One Love / People Get Ready", "Bob Marley & The Wailers", False),
            ("People Get Ready", "Bob Marley", True),  # no medley: kept as the line names it
        ],
    ),
    (
        "number title beside its artist; decoy: a number alone is never asked",
        "1. 1234 – Feist. She learned to count to this.\n2. 1234\n",
        [("1234", "Feist", False)],
    ),
    (
        "a title that opens with a bracket is one phrase",
        "7. Otis Redding, (Sittin' On) The Dock of the Bay – the whistling at the end.\n",
        [("(Sittin' On) The Dock of the Bay", "Otis Redding", False)],
    ),
    (
        "their title: the pronoun's artist is named in the sentence before; decoy: no artist "
        "named before it",
        "On the wall is a poster of Heaven 17. Their Temptation is the song she plays.\n\n"
        "The rain came. Their Temptation was to stay in.\n",
        [("Temptation", "Heaven 17", False)],
    ),
    (
        "the paragraph's artist: a phrase opening its sentence, a song by the artist the "
        "paragraph named; decoy: a place inside a sentence",
        "Jim Reeves was the big one. He'll Have To Go was Grandma's favourite. Distant Drums, "
        "from later on, was the first record he bought. He never sang in Memphis.\n",
        [("He'll Have To Go", "Jim Reeves", False), ("Distant Drums", "Jim Reeves", False)],
    ),
    (
        "a recording on an album: the singer's recording named, then the album it is on",
        "Nina Simone's version is my mother's, and David Bowie's, on Station to Station, is my "
        "brother's.\n",
        [],
    ),
    (
        "a different title: another singer's song of the same name is set aside",
        "Danny plays ABC's The Look of Love. I know that Dusty Springfield sang a different "
        "Look of Love first.\n",
        [("The Look of Love", "ABC", False)],
    ),
    (
        "pronoun verdict: a later sentence speaking of the song as 'it' puts it out; decoy: "
        "'It' that says something else keeps it",
        'The DJ played Frankie Goes to Hollywood\'s "Two Tribes". My editor said "Two Tribes" '
        "came out in June. It's gone from the book and it's not on the list either.\n\n"
        'The jukebox plays the Flying Pickets\' "Only You". It was the number one that year. '
        "That record is not on the list.\n",
        [("Only You", "The Flying Pickets", False)],
    ),
    (
        "file path: a path's folders are no titles; the M3U's entries are read",
        M3U + "\nPut it in the root and make the lines like Music/Fleetwood Mac/Rumours/07 The "
        "Chain.mp3 instead.\n",
        [
            ("The Chain", "Fleetwood Mac", False),
            ("Truckin'", "Grateful Dead", True),  # rows the catalog lacks: kept, marked
            ("Baba O'Riley", "The Who", True),
        ],
    ),
]


WITH_CATALOG += [
    (
        "refused outright: the list's owner refusing a title has the last word over a reply "
        "suggesting it",
        "Road trip playlist with no Springsteen. Born to Run, mate.\n\n"
        "Born to Run is NOT going on it, and neither is anything else of his.\n",
        [],
    ),
    (
        "refused outright, decoy: a title that is not going on tour is no refusal",
        "Born to Run by Bruce Springsteen is the one. Born to Run is not going on tour again.\n",
        [("Born to Run", "Bruce Springsteen", False)],
    ),
    (
        "which Artist put out: the performer who put the quoted song out is its artist; kept, "
        "marked, though the catalog lacks it (another band's song of that title aside)",
        'At the benefit the band does "Soul Deep", which The Council Collective (Weller and '
        "friends) put out that December.\n",
        [("Soul Deep", "The Council Collective", True)],
    ),
    (
        "which Artist put out, decoy: the one who wrote it is no performer",
        'The band does "Soul Deep", which Mark Vincent wrote in a weekend.\n',
        [],
    ),
]


def test_a_bracket_naming_the_lists_own_performer_is_the_djs_cut_not_a_version() -> None:
    cue = CUE.replace('"Ride On Time"', '"Ride On Time (Lena Marsh Edit)"').replace(
        '"Relight My Fire"', '"Relight My Fire (Extended)"'
    )
    songs, _ = find_songs(cue)
    assert [(s.title, s.version) for s in songs][1:3] == [
        ("Ride On Time", None),
        ("Relight My Fire", "Extended"),  # decoy: a release's own version stays
    ]


@pytest.mark.parametrize(("rule", "text", "kept"), WITH_CATALOG, ids=[r[0] for r in WITH_CATALOG])
def test_with_the_catalog(rule: str, text: str, kept: list[tuple[str, str, bool]]) -> None:
    assert confirmed(text) == kept
