"""Vetoes a person reading the article would apply: a song named only to be set aside (a temp
track not cleared, "not the X", "instead of", "vetoed"), a drum break named after its record,
another recording a footnote names only to compare; and the songs named too plainly to drop
though the catalog knows no track by their artist. Each rule has a decoy beside it that it must
not take. Offline unless a row says otherwise; the catalog is the suite's fake Spotify search."""

from __future__ import annotations

import pytest
from fake_catalog import Catalog, CatalogSearch, make_track

from playlister.importer import ImportResult, LeftOut, import_text
from playlister.importer.model import left_out_lines
from playlister.importer.vetoes import set_aside_cue

CATALOG = Catalog(
    [
        make_track("a" * 22, "Hallelujah", "Jeff Buckley", "Grace", 1994),
        make_track(
            "b" * 22, "Into My Arms", "Nick Cave & The Bad Seeds", "The Boatman's Call", 1997
        ),
        make_track("c" * 22, "Amen, Brother", "The Winstons", "Color Him Father", 1969),
        make_track("d" * 22, "Amen", "The Winstons", "Decoys", 1969),  # the break's name, as a song
        make_track("e" * 22, "Ice Ice Baby", "Vanilla Ice", "To the Extreme", 1990),
        make_track("f" * 22, "Under Pressure", "Queen", "Hot Space", 1982),
        make_track("g" * 22, "Break Stuff", "Limp Bizkit", "Significant Other", 1999),
        make_track("h" * 22, "Tainted Love", "Gloria Jones", "Tainted Love", 1964),
        make_track("i" * 22, "Hey Girl Don't Bother Me", "The Tams", "Hey Girl", 1964),
        make_track(
            "j" * 22, "Son of a Preacher Man", "Dusty Springfield", "Dusty in Memphis", 1969
        ),
        make_track("k" * 22, "Son of a Preacher Man", "Aretha Franklin", "This Girl's", 1970),
        make_track("l" * 22, "Heroes", "David Bowie", "Heroes", 1977),
        make_track("m" * 22, "Axel F", "Crazy Frog", "Crazy Frog Presents", 2005),
        make_track("n" * 22, "Angels", "Robbie Williams", "Life thru a Lens", 1997),
        make_track("o" * 22, "Nothing Compares 2 U", "Prince", "Originals", 2019),
        make_track("p" * 22, "Nothing Compares 2 U", "Sin\u00e9ad O'Connor", "I Do Not Want", 1990),
        make_track("q" * 22, "Purple Rain", "Prince", "Purple Rain", 1984),
        make_track("r" * 22, "The Chain", "Fleetwood Mac", "Rumours", 1977),
        make_track("s" * 22, "Rumours", "Fleetwood Mac", "Decoys", 1977),  # the album's name
        make_track("t" * 22, "Hey There Delilah", "Plain White T's", "Every Second", 2005),
        make_track("u" * 22, "Stacy's Mom", "Fountains Of Wayne", "Welcome Interstate", 2003),
        make_track("v" * 22, "Born to Run", "Bruce Springsteen", "Born to Run", 1975),
        make_track("w" * 22, "Brown Sugar", "The Rolling Stones", "Sticky Fingers", 1971),
    ]
)


def offline(text: str) -> list[tuple[str, str | None]]:
    return [(s.title, s.artist) for s in import_text(text).songs]


def confirmed(text: str) -> ImportResult:
    search = CatalogSearch(CATALOG)
    return import_text(text, search=lambda q: search.search_tracks(q))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # set aside: the temp track the cue replaced, which was not cleared
        (
            'The cue replaces the temp track ("Hallelujah" by Jeff Buckley), which we could '
            "not clear.",
            [],
        ),
        # decoy: the song that replaced it, in a sentence naming the temp track
        (
            '"Into My Arms" by Nick Cave, which replaced the temp track we could not clear.',
            [("Into My Arms", "Nick Cave")],
        ),
        # set aside: "instead of", "rather than"; the wanted song beside it is kept
        (
            'We went with "Into My Arms" by Nick Cave instead of "Hallelujah" by Jeff Buckley.',
            [("Into My Arms", "Nick Cave")],
        ),
        (
            'Open with "Fast Car" by Tracy Chapman rather than "Hurt" by Johnny Cash.',
            [("Fast Car", "Tracy Chapman")],
        ),
        # set aside: "NOT the … "Dreams"", and a song "vetoed" or not used
        ('Use the Cranberries track, NOT "Dreams" by Fleetwood Mac.', []),
        ('"Highway to Hell" by AC/DC was vetoed.', []),
        ('We didn\'t use "Creep" by Radiohead.', []),
        # decoys: a "not" or "never" that speaks of something else
        ('I could not stop playing "Heroes" by David Bowie.', [("Heroes", "David Bowie")]),
        ('It is not hard to love "Heroes" by David Bowie.', [("Heroes", "David Bowie")]),
        ('The song I never tire of is "Heroes" by David Bowie.', [("Heroes", "David Bowie")]),
        # set aside: the original whose cover the sentence wants; decoys: a singer's own
        # recording, and a version that is the band's own
        ("The Andrew Oldham Orchestra's version of the Stones' \"The Last Time\".", []),
        (
            'We began with Billie Holiday\'s recording of "Strange Fruit" (1939).',
            [("Strange Fruit", None)],  # kept; the rules leave a possessive's artist blank
        ),
        (
            'The credits roll over the acoustic version of Radiohead\'s "Fake Plastic Trees".',
            [("Fake Plastic Trees", "Radiohead")],
        ),
        # set aside: the named singer's recording "not the X one"; decoy: the one wanted
        ('"Hurt" by Johnny Cash (her Hurt, not the Johnny Cash one).', []),
        ('"Hurt" by Arlo Parks (her Hurt, not the Johnny Cash one).', [("Hurt", "Arlo Parks")]),
        # decoy: the song a sample came from is wanted, as the sampler is
        (
            '"Ice Ice Baby" by Vanilla Ice samples "Under Pressure" by Queen.',
            [("Ice Ice Baby", "Vanilla Ice"), ("Under Pressure", "Queen")],
        ),
    ],
)
def test_a_song_named_only_to_be_set_aside_is_not_drafted(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert offline(text) == kept


def test_the_left_out_line_names_the_set_aside_cue() -> None:
    result = import_text(
        'We went with "Into My Arms" by Nick Cave instead of "Hallelujah" by Jeff Buckley.'
    )
    assert [(x.text, x.reason) for x in result.left_out] == [
        ("\u201cHallelujah\u201d by Jeff Buckley", "set aside: \u201cinstead of\u201d next to it")
    ]


def test_a_set_aside_song_is_kept_where_the_article_also_wants_it() -> None:
    text = (
        '- "Dreams" by The Cranberries\n'
        "- \u201cLinger\u201d by The Cranberries\n\n"
        'Notes: the Cranberries track, NOT the Fleetwood Mac "Dreams" that was in the temp.\n'
    )
    assert offline(text) == [("Dreams", "The Cranberries"), ("Linger", "The Cranberries")]


def test_a_drum_break_named_after_its_record_is_not_a_wanted_song() -> None:
    text = (
        "Honourable mention: the Amen break, six seconds of The Winstons that half of "
        "jungle is built on. And nothing beats Break Stuff by Limp Bizkit.\n"
    )
    result = confirmed(text)
    # the decoy: a title with "break" in it is a song
    assert [(s.title, s.artist) for s in result.songs] == [("Break Stuff", "Limp Bizkit")]
    assert "\u201cAmen\u201d by The Winstons: set aside: \u201cbreak\u201d next to it" in [
        f"{x.text}: {x.reason}" for x in result.left_out
    ]


FOOTNOTED = (
    "# Dusty in Memphis\n\n"
    "Dusty Springfield flew to Memphis in 1968.\n\n"
    "\u201cSon of a Preacher Man\u201d, the one song everybody knows, is sung from the side "
    "of her mouth[^3].\n\n"
    "[^3]: {note}\n"
)


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        # set aside: another singer's recording of the body's song, named to compare; the
        # body's own mention is then read, and the subject's recording drafted
        (
            "Aretha Franklin's \u201cSon of a Preacher Man\u201d is on This Girl's in Love.",
            [("Son of a Preacher Man", "Dusty Springfield")],
        ),
        # decoy: a footnote's song the body does not name is the footnote's own
        (
            "Aretha Franklin's \u201cRespect\u201d came out the year before.",
            [("Son of a Preacher Man", "Dusty Springfield"), ("Respect", "Aretha Franklin")],
        ),
    ],
)
def test_a_footnote_comparing_another_recording_does_not_draft_it(
    note: str, kept: list[tuple[str, str]]
) -> None:
    result = confirmed(FOOTNOTED.format(note=note))
    assert [(s.title, s.artist) for s in result.songs] == kept


def test_a_footnote_naming_the_subjects_own_recording_keeps_it() -> None:
    note = "Dusty Springfield's \u201cSon of a Preacher Man\u201d reached number 10."
    result = confirmed(FOOTNOTED.format(note=note))
    assert ("Son of a Preacher Man", "Dusty Springfield") in [
        (s.title, s.artist) for s in result.songs
    ]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a list line "Artist – Title" by an artist the catalog does not know: kept, marked
        (
            "Tracklist\n\nA1    Gloria Jones \u2013 Tainted Love    2:32\n"
            "A2    The Tams \u2013 Hey Girl Don't Bother Me    2:21\n"
            "B5    Tobi Legend \u2013 Time Will Pass You By    2:45\n",
            [
                ("Tainted Love", "Gloria Jones", ""),
                ("Hey Girl Don't Bother Me", "The Tams", ""),
                ("Time Will Pass You By", "Tobi Legend", "a list line of artist and title"),
            ],
        ),
        # a quoted title "by" its artist in a sentence: kept, marked
        (
            'The one nobody streams is "Time Will Pass You By" by Tobi Legend, a Wigan '
            'favourite, and "Heroes" by David Bowie.\n',
            [
                ("Time Will Pass You By", "Tobi Legend", "a quoted title with \u201cby\u201d"),
                ("Heroes", "David Bowie", ""),
            ],
        ),
        # decoys: a release page's credit line and compilation title are no songs
        (
            "Various \u2013 Keep The Faith\n\nTracklist\n\n"
            "A1    Gloria Jones \u2013 Tainted Love    2:32\n"
            "        Written-By \u2013 Ed Cobb\n"
            "A2    The Tams \u2013 Hey Girl Don't Bother Me    2:21\n"
            "        Arranged By \u2013 Mike Terry\n",
            [("Tainted Love", "Gloria Jones", ""), ("Hey Girl Don't Bother Me", "The Tams", "")],
        ),
        # decoy: a plain prose phrase beside a name the catalog lacks stays out
        (
            "We drove to Wigan with Tobi Legend, time will pass you by, and Heroes by David "
            "Bowie on the stereo.\n",
            [("Heroes", "David Bowie", "")],
        ),
        # rule ``capitals head``: a form's section heads in capitals are no entries; the
        # written line under them, by an artist the catalog lacks, is kept (the decoy)
        (
            "Music form\n\n-----\n1. CEREMONY \u2013 FIRST DANCE\n-----\n"
            "  Tobi Legend \u2013 Time Will Pass You By\n\n"
            "-----\n2. EVENING \u2013 DJ NOTES\n-----\n"
            "  David Bowie \u2013 Heroes\n",
            [
                ("Time Will Pass You By", "Tobi Legend", "a list line of artist and title"),
                ("Heroes", "David Bowie", ""),
            ],
        ),
    ],
)
def test_a_song_named_plainly_is_kept_though_the_catalog_knows_no_track_by_its_artist(
    text: str, kept: list[tuple[str, str, str]]
) -> None:
    result = confirmed(text)
    assert [(s.title, s.artist) for s in result.songs] == [(t, a) for t, a, _ in kept]
    for song, (_, _, marked) in zip(result.songs, kept, strict=True):
        assert (marked in song.not_found) if marked else not song.not_found
    if any(m for _, _, m in kept):
        assert "not found on Spotify by the import" in result.toml


def test_verbose_left_out_lines_are_grouped_by_reason_and_capped() -> None:
    left = [
        LeftOut(f"\u201cAlbum {n}\u201d", "album title, not a song: \u201cLP\u201d next to it")
        for n in range(11)
    ]
    left += [
        LeftOut("\u201cBlue, so blue\u201d", "quoted lyric or speech, after \u201cchorus\u201d")
    ]
    left += [LeftOut("\u201cX\u201d", "not in the catalog: no track titled \u201cX\u201d by Y")]
    assert left_out_lines(left) == [
        "  left out, vetoed as album (11):",
        *[
            f"    \u201cAlbum {n}\u201d: album title, not a song: \u201cLP\u201d next to it"
            for n in range(8)
        ],
        "    \u2026 and 3 more vetoed as album",
        "  left out, quoted lyric or speech (1):",
        "    \u201cBlue, so blue\u201d: after \u201cchorus\u201d",
        "  left out, not in the catalog (1):",
        "    \u201cX\u201d: no such track by Y",
    ]


def test_json_keeps_every_left_out_candidate_with_its_reason_and_group() -> None:
    text = "\n".join(f'I loved the album "Record {n}".' for n in range(12))
    result = import_text(text)
    data = result.as_json()["left_out"]
    assert len(data) == 12  # all of them, though -v shows eight
    assert data[0] == {
        "text": "\u201cRecord 0\u201d",
        "reason": "album title, not a song: \u201calbum\u201d next to it",
        "group": "vetoed as album",
    }
    assert "    \u2026 and 4 more vetoed as album" in result.lines(verbose=True)


@pytest.mark.parametrize(
    ("text", "kept", "reason"),
    [
        # rule ``sampled``: the record a song samples, named in passing, is not wanted
        (
            'Love "Murder on the Dancefloor" by Sophie Ellis-Bextor. Yes I know it samples '
            '"More, More, More" by Andrea True Connection.',
            [("Murder on the Dancefloor", "Sophie Ellis-Bextor")],
            "sampled: \u201csamples\u201d next to it",
        ),
        ('Contains a sample of "Straight to Hell" by The Clash.', [], "sampled"),
        # decoys: a scene built around a song wants it; a sentence pairing sampler and
        # sampled (as the sample thread's arrows do) wants both
        (
            'The diner scene is built around "These Arms of Mine" by Otis Redding.',
            [("These Arms of Mine", "Otis Redding")],
            None,
        ),
        (
            '"Ice Ice Baby" by Vanilla Ice samples "Under Pressure" by Queen.',
            [("Ice Ice Baby", "Vanilla Ice"), ("Under Pressure", "Queen")],
            None,
        ),
        # rule ``turned down``: a request that lost the vote or was marked explicit; decoy: the
        # one that won the vote
        (
            '"Chasing Cars" by Snow Patrol lost the vote. "Angels" by Robbie Williams won '
            "the vote.",
            [("Angels", "Robbie Williams")],
            "turned down: \u201clost the vote\u201d next to it",
        ),
        (
            '"Mo Bamba" by Sheck Wes (marked explicit) and "Levitating" by Dua Lipa, no question.',
            [("Levitating", "Dua Lipa")],
            "turned down: \u201cmarked explicit\u201d next to it",
        ),
        # rule ``album without italics``: "off Blonde" names the album; decoy: a song whose
        # title starts with "Off"
        (
            'My favourite track off Blonde is "Nikes" by Frank Ocean. "Off the Wall" by Michael '
            "Jackson too.",
            [("Nikes", "Frank Ocean"), ("Off the Wall", "Michael Jackson")],
            None,
        ),
        # rule ``staged``: a title put on stage is a show; decoy: a producer's production
        (
            'After the Year 10 production of "Mamma Mia!" by ABBA, one ABBA song only: '
            '"Voulez-Vous" by ABBA.',
            [("Voulez-Vous", "ABBA")],
            "a show: \u201cproduction of\u201d next to it",
        ),
        ('Visconti\'s production of "Heroes" by David Bowie.', [("Heroes", "David Bowie")], None),
        # rule ``another artist's cover``: the cover set aside for the original the text wants;
        # decoy: a cover named alone is the one wanted
        (
            '"Umbrella" by Rihanna, obviously. Please skip the Baseballs rockabilly cover of '
            '"Umbrella" by The Baseballs.',
            [("Umbrella", "Rihanna")],
            "set aside: the cover by The Baseballs; the title is named elsewhere",
        ),
        (
            'The Baseballs rockabilly cover of "Umbrella" by The Baseballs is their best.',
            [("Umbrella", "The Baseballs")],
            None,
        ),
        # rule ``never a song``: a chord list in a heading, a date; decoys: the song under it,
        # a song with a date-like word ("September")
        (
            '# Week 2 \u2013 A, D and E\n\n- "Three Little Birds" by Bob Marley\n',
            [("Three Little Birds", "Bob Marley")],
            "never a song: a list of chords",
        ),
        (
            "14th March 1941 - 19th November 2026\n\n"
            "- \u201cSeptember\u201d by Earth, Wind & Fire\n",
            [("September", "Earth, Wind & Fire")],
            "never a song: a date",
        ),
    ],
)
def test_a_song_named_in_passing_is_left_out_with_its_reason(
    text: str, kept: list[tuple[str, str]], reason: str | None
) -> None:
    result = import_text(text)
    assert [(s.title, s.artist) for s in result.songs] == kept
    reasons = [x.reason for x in result.left_out]
    if reason is None:
        assert reasons == []
    else:
        assert any(r.startswith(reason) for r in reasons), reasons


def test_a_request_sheet_row_turned_down_in_its_status_column_is_left_out() -> None:
    # rule ``turned down`` in a pasted sheet; decoy: an OK row whose notes say "not"
    text = (
        "Song\tArtist\tStatus\tNotes\n"
        "Axel F\tCrazy Frog\tNO\twe said no in assembly\n"
        "Angels\tRobbie Williams\tOK\tnot the Take That one\n"
    )
    result = confirmed(text)
    assert [(s.title, s.artist) for s in result.songs] == [("Angels", "Robbie Williams")]
    # the column reader (a header names the status column) sees it first
    (axel,) = [x for x in result.left_out if x.text.startswith("Axel F")]
    assert axel.reason == "its status says \u201cNO\u201d"


@pytest.mark.parametrize(
    ("text", "artist"),
    [
        # rule ``performer, not songwriter``: the catalog has the song by both; the text
        # names Prince only as its writer, and her as the article's subject
        (
            "Sin\u00e9ad O'Connor has died. \u201cNothing Compares 2 U\u201d, written by Prince, "
            "went to number one in 1990.",
            "Sin\u00e9ad O'Connor",
        ),
        # decoy: Prince named as the performer in the same sentence as the cue word
        (
            "Prince's own \u201cNothing Compares 2 U\u201d, the one he sang at Paisley Park, "
            "was written by him in 1984.",
            "Prince",
        ),
        # "X wrote it" beside another singer's claim on the song ("Y's record") names the
        # writer; decoy: "X wrote and recorded it" with no other singer's name
        (
            "They close with Sin\u00e9ad O'Connor's Nothing Compares 2 U (yes, Prince wrote it "
            "and had it first, and no, they don't do his).",
            "Sin\u00e9ad O'Connor",
        ),
        (
            "They close with Nothing Compares 2 U, which Prince wrote, although their "
            "arrangement follows Sin\u00e9ad O'Connor's record.",
            "Sin\u00e9ad O'Connor",
        ),
        (
            "They close with Nothing Compares 2 U, which Prince wrote and recorded in 1984.",
            "Prince",
        ),
    ],
)
def test_the_performer_is_taken_not_the_songwriter(text: str, artist: str) -> None:
    assert [(s.title, s.artist) for s in confirmed(text).songs] == [
        ("Nothing Compares 2 U", artist)
    ]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # album furniture: a cover image's caption names an album; decoy: the song line
        ("Recent tracks\n\nImage for 'Salad Days'\n", []),
        ('Recent tracks\n\n- "Salad Days" by Mac DeMarco\n', [("Salad Days", "Mac DeMarco")]),
        # album furniture: "the closer on X"; decoy: "the closer, X"
        ("It's the closer on Sound of Silver by LCD Soundsystem.", []),
        (
            'The closer is "Sound of Silver" by LCD Soundsystem.',
            [("Sound of Silver", "LCD Soundsystem")],
        ),
        # album embed: "Album · 2017 · 13 songs" under it; decoy: a track card
        ('"Masseduction" St. Vincent Album \u00b7 2017 \u00b7 13 songs Listen on Spotify', []),
        (
            '"Los Ageless" by Annie Clark. Listen on Spotify Preview 0:30',
            [("Los Ageless", "Annie Clark")],
        ),
        # songs said to come from a title: it holds them; decoy: a song named as such
        ('Complete My Album: you own 1 song from "Plastic Letters" by Blondie.', []),
        ('Two tracks off "Blue" by Joni Mitchell made the cut.', []),
        ('My one song, "Denis" by Blondie, made the cut.', [("Denis", "Blondie")]),
        # albums section: entries under "Top Albums"; decoy: under "Top Tracks"
        ("Top Albums   Last 7 days\n- Punisher \u2014 Phoebe Bridgers\n", []),
        (
            'Top Tracks   Last 7 days\n- "Garden Song" by Phoebe Bridgers\n',
            [("Garden Song", "Phoebe Bridgers")],
        ),
        # set-aside section: "Not ranked, on purpose"; decoy: a ranked section
        ('**Not ranked, on purpose:**\n\n- "Airplanes" by B.o.B\n', []),
        ('**Ranked:**\n\n- "Airplanes" by B.o.B\n', [("Airplanes", "B.o.B")]),
        # set-aside section: a collection's list of records it lacks; decoy: what it owns
        ('Hunting (DON\'T OWN \u00b7 not on the USB)\n\n- "Airplanes" by B.o.B\n', []),
        ('Hunting (own, on the USB)\n\n- "Airplanes" by B.o.B\n', [("Airplanes", "B.o.B")]),
        # set aside: "left out", "left X off", "no X either", "doesn't count", someone else's
        ("You left out Philadelphia by Neil Young.", []),
        ('"Flagpole Sitta" by Harvey Danger doesn\'t count.', []),
        ('"First Class" by Jack Harlow, which we are not counting: it was last year\'s.', []),
        ("\"Flagpole Sitta\" by Harvey Danger, and it's my brother's.", []),
        # decoys: "left" and "no" that set nothing aside
        ('I left the party humming "Monster" by Paramore.', [("Monster", "Paramore")]),
        ('No song hits like "Monster" by Paramore.', [("Monster", "Paramore")]),
        # turned down by name: "no X"; decoy: a sheet row's closing "No" is not the next
        # row's (the row itself is turned down in its own cell)
        ('He puts up with UB40, but no "Kingston Town" by UB40.', []),
        (
            "Song\tArtist\tIn?\nSweet Caroline\tNeil Diamond\tNo\nFlowers\tMiley Cyrus\tYes\n",
            [("Flowers", "Miley Cyrus")],
        ),
        # a request bot's refusal; decoy: "longer than" said of something else
        ('"Free Bird" by Lynyrd Skynyrd is longer than the max length (5:00).', []),
        (
            '"Free Bird" by Lynyrd Skynyrd is longer than most, and worth it.',
            [("Free Bird", "Lynyrd Skynyrd")],
        ),
        # "not on it": the list being discussed; decoy: a song that is on it
        ('"Brown Sugar" by the Rolling Stones is not on it and never will be.', []),
        ('"Born to Run" by Bruce Springsteen is NOT going on it, before you start.', []),
        (
            '"Brown Sugar" by the Rolling Stones is on it, at last.',
            [("Brown Sugar", "The Rolling Stones")],
        ),
        # "not on it" of any list, mix or book in talk; decoy: "not on the radio"
        ("\"Don't You Want Me\" by the Human League isn't in the mix.", []),
        (
            '"Hurt" by Nine Inch Nails isn\'t on the radio much, sadly.',
            [("Hurt", "Nine Inch Nails")],
        ),
        # cited book: a Kindle copy's citation line names the book; decoy: a song the
        # same page names that is not the book's title
        (
            'The title song: "Wild Is the Wind" by Nina Simone.\n\n'
            "Hollis, Claire. Wild Is the Wind (p. 402). Halyard Books. Kindle Edition.\n",
            [],
        ),
        (
            'The last song: "Between the Wars" by Billy Bragg.\n\n'
            "Hollis, Claire. Wild Is the Wind (p. 402). Halyard Books. Kindle Edition.\n",
            [("Between the Wars", "Billy Bragg")],
        ),
        # "where is X?": a reader's question about a song the list lacks; decoy: no question
        ('And where is "Sunday Morning" by the Velvet Underground? Not on this one.', []),
        (
            'Where is "Sunday Morning" by the Velvet Underground on the list: at number one.',
            [("Sunday Morning", "The Velvet Underground")],
        ),
        # "not theirs": another recording than the one they mean; decoy: "it is theirs"
        ("That's \"What a Wonderful World\" by Louis Armstrong and it isn't theirs.", []),
        ('"Wonderful World" by Sam Cooke, and it is theirs.', [("Wonderful World", "Sam Cooke")]),
        # "not chosen": a clause saying the chooser left it out; decoy: one she chose
        (
            'Her father played "Donald Where\'s Your Troosers?" by Andy Stewart every single '
            "Hogmanay, which she has not chosen.",
            [],
        ),
        (
            '"Hopp\u00edpolla" by Sigur R\u00f3s, which she has chosen twice.',
            [("Hopp\u00edpolla", "Sigur R\u00f3s")],
        ),
    ],
)
def test_album_furniture_and_set_aside_lists_are_not_drafted(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert offline(text) == kept


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # venue: a venue word, a comma, a place; decoys: a song with "Hall", a comma title
        ("- Mitski \u2014 Hammersmith Apollo, London\n", []),
        ("- Mitski \u2014 Carnegie Hall\n", [("Carnegie Hall", "Mitski")]),
        ("- Mitski \u2014 Washing Machine Heart\n", [("Washing Machine Heart", "Mitski")]),
    ],
)
def test_a_venue_and_its_place_is_never_a_song(line: str, kept: list[tuple[str, str]]) -> None:
    assert offline(line) == kept


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # "left X off" and "no X either" set X aside; decoys: "left" and "no" elsewhere
        ('I left "Monster" off completely.', "left \u2026 off"),
        ('So no "Monster" either.', "no \u2026 either"),
        ('I left humming "Monster" off and on.', None),
        ('No song beats "Monster" either way.', None),
    ],
)
def test_left_off_and_no_either_set_a_title_aside(text: str, cue: str | None) -> None:
    start = text.index("Monster")
    found = set_aside_cue(text, start, start + len("Monster"))
    assert (found[0] if found else None) == cue


NOTES_CATALOG = Catalog(
    [
        make_track(f"n{n:021d}", title, artist, "Album", 1995)
        for n, (title, artist) in enumerate(
            [
                ("Say It Ain't So", "Weezer"),
                ("Buddy Holly", "Weezer"),
                ("Waterfalls", "TLC"),
                ("Jessica", "Herbie Hancock"),
                ("Alright", "Supergrass"),
                ("Tomorrow Never Knows", "The Beatles"),
                ("Kill Bill", "SZA"),
                ("Snooze", "SZA"),
                ("Paint The Town Red", "Doja Cat"),
                ("Walk On By", "Dionne Warwick"),
                ("Water", "Tyla"),
                ("Linger", "The Cranberries"),
                ("Creep", "Radiohead"),
                ("Stick Season", "Noah Kahan"),
                ("Stick Season (We'll All Be Here Forever)", "Noah Kahan"),
                ("Northern Attitude", "Noah Kahan"),
                ("Voulez-Vous", "ABBA"),
                ("Dancing Queen", "ABBA"),
            ]
        )
    ]
)


def noted(text: str) -> ImportResult:
    search = CatalogSearch(NOTES_CATALOG)
    return import_text(text, search=lambda q: search.search_tracks(q))


_COUNTDOWN = (
    "3\nWeezer \u2013 Say It Ain't So\n"
    'Rivers Cuomo at his best. The other single, "Buddy Holly" by Weezer, was a joke.\n\n'
    "2\nTLC \u2013 Waterfalls\n"
    'A number one for seven weeks, on a loop of "Jessica" by Herbie Hancock.\n\n'
    "1\nSupergrass \u2013 Alright\n"
    "Three teenagers from Oxford and a video with bicycles.\n"
)
_SECTIONS = (
    '### SZA: "Kill Bill"\n\nThe SZA song "Snooze" by SZA nearly made this list too.\n\n'
    '### Doja Cat: "Paint The Town Red"\n\nParents know "Walk On By" by Dionne Warwick.\n\n'
    '### Tyla: "Water"\n\nThe amapiano crossover nobody saw coming.\n'
)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a countdown: rank, entry line, blurb: the blurb's songs are its notes
        (
            _COUNTDOWN,
            [("Say It Ain't So", "Weezer"), ("Waterfalls", "TLC"), ("Alright", "Supergrass")],
        ),
        # decoy: two entries are not a run, so a blurb's song may be one more the text wants
        (
            _COUNTDOWN.split("\n\n1\n")[0],
            [
                ("Say It Ain't So", "Weezer"),
                ("Buddy Holly", "Weezer"),
                ("Waterfalls", "TLC"),
                ("Jessica", "Herbie Hancock"),
            ],
        ),
        # under headings only another artist's song is a mention; decoy: the same artist's
        (
            _SECTIONS,
            [
                ("Kill Bill", "SZA"),
                ("Snooze", "SZA"),
                ("Paint The Town Red", "Doja Cat"),
                ("Water", "Tyla"),
            ],
        ),
        # a bold lead glued to its notes is a countdown entry too: even its artist's song goes
        (
            '**Weezer \u2014 Say It Ain\'t So.** Dark. "Buddy Holly" by Weezer was a joke.\n\n'
            "**TLC \u2014 Waterfalls.** A number one for seven weeks.\n\n"
            "**Supergrass \u2014 Alright.** Three teenagers from Oxford.\n",
            [("Say It Ain't So", "Weezer"), ("Waterfalls", "TLC"), ("Alright", "Supergrass")],
        ),
        # decoy: prose paragraphs with no entry line of their own are not notes
        (
            'We love "Linger" by The Cranberries.\n\nAnd "Creep" by Radiohead.\n\n'
            'And "Alright" by Supergrass.\n',
            [("Linger", "The Cranberries"), ("Creep", "Radiohead"), ("Alright", "Supergrass")],
        ),
    ],
)
def test_a_song_named_only_in_the_notes_below_an_entry_is_not_an_entry(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in noted(text).songs] == kept


def test_a_ranked_entry_whose_song_was_not_found_still_owns_its_notes() -> None:
    text = _COUNTDOWN + (
        '\n0\nBlur \u2013 Unheard Of\nA loop too much like "Tomorrow Never Knows" by The Beatles.\n'
    )
    result = noted(text)
    # the entry Spotify lacks is kept as a plain entry of the list, marked; its note is not
    assert [(s.title, s.artist, bool(s.not_found)) for s in result.songs] == [
        ("Say It Ain't So", "Weezer", False),
        ("Waterfalls", "TLC", False),
        ("Alright", "Supergrass", False),
        ("Unheard Of", "Blur", True),
    ]
    assert (
        LeftOut(
            "\u201cTomorrow Never Knows\u201d by The Beatles",
            "named only in the notes below another song's entry",
        )
        in result.left_out
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``album after``: a clause after the title calls it an album
        (
            '### Noah Kahan\'s "Stick Season"\n\nThe song, not the deluxe edition *Stick Season '
            "(We'll All Be Here Forever)*, which is a whole album and a different link.\n",
            [("Stick Season", "Noah Kahan")],
        ),
        # decoy: a clause that places the song on the album
        (
            '### Noah Kahan\'s "Stick Season"\n\nAnd "Northern Attitude", which is the album\'s '
            "best song.\n",
            [("Stick Season", "Noah Kahan"), ("Northern Attitude", "Noah Kahan")],
        ),
    ],
)
def test_a_title_a_clause_after_it_calls_an_album_is_not_a_song(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in noted(text).songs] == kept


_VOTE = (
    "Discussion of ABBA: the committee felt ABBA should be {} "
    "Vote: Voulez-Vous (4), Dancing Queen (2).\n\n"
)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a tally for one place: the title behind lost; the remark quoting it decides nothing
        (
            _VOTE.format("limited to one song.")
            + 'Tom: "Dancing Queen will get played anyway." Mrs Okafor: "Not by us."\n',
            [("Voulez-Vous", "ABBA")],
        ),
        # decoy: a tally with no number of places set keeps every title
        (
            _VOTE.format("played twice.") + "Both go on the list.\n",
            [("Voulez-Vous", "ABBA"), ("Dancing Queen", "ABBA")],
        ),
    ],
)
def test_a_title_behind_in_a_vote_for_fewer_places_lost_it(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in noted(text).songs] == kept


@pytest.mark.parametrize(
    ("text", "song"),
    [
        # rule ``named version``: a release's own label is cut from the title, not carried
        ('"Cupid" by FIFTY FIFTY (Twin Version)', ("Cupid", "FIFTY FIFTY", None)),
        ("- FIFTY FIFTY \u2013 Cupid (Twin Version)\n", ("Cupid", "FIFTY FIFTY", None)),
        # decoys: a kind of recording is carried, whatever word it ends in
        (
            '"Space Song" by Beach House (Demo Version)',
            ("Space Song", "Beach House", "Demo Version"),
        ),
        ('"Blue" by Elastica (Live at Glastonbury)', ("Blue", "Elastica", "Live at Glastonbury")),
    ],
)
def test_a_named_version_is_cut_from_the_title_but_not_carried(
    text: str, song: tuple[str, str | None, str | None]
) -> None:
    assert [(s.title, s.artist, s.version) for s in import_text(text).songs] == [song]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``folder in a path``: a playlist's path names the album in a folder; decoy: the
        # file's own name at the path's end is the song
        (
            "#EXTM3U\n#EXTINF:268,Fleetwood Mac - The Chain\n"
            "..\\Music\\Fleetwood Mac\\Rumours\\07 The Chain.mp3\n",
            [("The Chain", "Fleetwood Mac")],
        ),
        (
            "#EXTM3U\n#EXTINF:268,Fleetwood Mac - Rumours\n"
            "..\\Music\\Fleetwood Mac\\Best Of\\07 Rumours.mp3\n",
            [("Rumours", "Fleetwood Mac")],
        ),
        # rule ``taken back``: a request removed from the queue after it was queued; decoy:
        # one queued again after its removal stands
        (
            "[21:15] bram: !sr hey there delilah\n"
            '[21:15] Nightbot: @bram queued "Plain White T\'s - Hey There Delilah" at #8\n'
            "[21:15] ruth: !removesong 8\n"
            '[21:15] Nightbot: @ruth removed "Plain White T\'s - Hey There Delilah" from the '
            "queue\n"
            '[21:16] Nightbot: @bram queued "Fountains Of Wayne - Stacy\'s Mom" at #8\n',
            [("Stacy's Mom", "Fountains Of Wayne")],
        ),
        (
            '[21:15] Nightbot: @ruth removed "Plain White T\'s - Hey There Delilah" from the '
            "queue\n"
            '[21:16] Nightbot: @bram queued "Plain White T\'s - Hey There Delilah" at #8\n',
            [("Hey There Delilah", "Plain White T's")],
        ),
        # rule ``last word``: a suggestion the poster then turns down; decoy: turned down
        # first, then granted
        (
            "vRS_Gav: Road trip playlist with no Springsteen. Born to Run, mate.\n\n"
            "dunc: The list is final. Born to Run is NOT going on it, before you start.\n",
            [],
        ),
        (
            "dunc: Born to Run is NOT going on it, before you start.\n\n"
            "dunc: Fine. Born to Run by Bruce Springsteen, you win.\n",
            [("Born to Run", "Bruce Springsteen")],
        ),
        # rule ``one sentence, one stance``: the sentence turning a song down names it again;
        # decoy: the same words about a song the sentence wants
        (
            "No, the Rolling Stones' Brown Sugar is not on it, I don't care how much brown "
            "sugar is in the recipe.",
            [],
        ),
        (
            "Yes, the Rolling Stones' Brown Sugar is on it, because of how much brown sugar "
            "is in the recipe.",
            [("Brown Sugar", "The Rolling Stones")],
        ),
    ],
)
def test_a_request_refused_or_taken_back_and_a_folder_are_not_drafted(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in confirmed(text).songs] == kept


def test_a_later_mention_takes_the_earlier_cue_of_its_sentence_not_the_other_way() -> None:
    # rule ``one sentence, one stance``: "Wonderful World" first, then the set-aside
    # "What a Wonderful World" holding the same words: the first is still wanted
    text = (
        'Their first dance was "Wonderful World" by Sam Cooke (not the one people put on; '
        "that's \"What a Wonderful World\" by Louis Armstrong and it isn't theirs)."
    )
    assert offline(text) == [("Wonderful World", "Sam Cooke")]


RUNNING_ORDER = (
    '1. PRIMARY TAP \u2013 "Sunny Side Up"\nMusic: "Happy" by Pharrell Williams\n\n'
    '2. GRADE 3 BALLET \u2013 "Snowfall"\nMusic: "A Thousand Years" by Christina Perri\n\n'
    '3. INTERS LYRICAL \u2013 "Rise"\nTrack: "Rise Up" by Andra Day\n'
)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``music labelled below``: a running order's entries each label their music
        # below; the entry line's quoted title is the routine's own name, even where the
        # music's title holds it ("Rise" / "Rise Up"); decoy: lines below that are notes
        (
            RUNNING_ORDER,
            [
                ("Happy", "Pharrell Williams"),
                ("A Thousand Years", "Christina Perri"),
                ("Rise Up", "Andra Day"),
            ],
        ),
        (
            RUNNING_ORDER.replace("Music:", "Notes:").replace("Track:", "Notes:"),
            [
                ("Sunny Side Up", "PRIMARY TAP"),
                ("Happy", "Pharrell Williams"),
                ("Snowfall", "GRADE 3 BALLET"),
                ("A Thousand Years", "Christina Perri"),
                ("Rise", "INTERS LYRICAL"),
                ("Rise Up", "Andra Day"),
            ],
        ),
        # rule ``read aloud``: a running order's "Reading:" labels a poem; decoy: a song
        # labelled as such, and "reading" in a sentence
        ('11:50  Reading: "Born to Run" (Bruce Springsteen)        Maureen Pike', []),
        (
            '11:50  Song: "Born to Run" (Bruce Springsteen)        Maureen Pike',
            [("Born to Run", "Bruce Springsteen")],
        ),
        (
            'He was reading "Born to Run" by Bruce Springsteen.',
            [("Born to Run", "Bruce Springsteen")],
        ),
    ],
)
def test_an_entrys_own_name_and_a_reading_are_not_songs(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert offline(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # album cue ``the whole of``: a whole record is an album; decoy: the title alone
        (
            "The Chain - Fleetwood Mac\nDev: can we just do the whole of Rumours instead?",
            [("The Chain", "Fleetwood Mac")],
        ),
        (
            "The Chain - Fleetwood Mac\nDev: can we just do Rumours instead?",
            [("The Chain", "Fleetwood Mac"), ("Rumours", "Fleetwood Mac")],
        ),
    ],
)
def test_the_whole_of_a_title_is_an_album(text: str, kept: list[tuple[str, str]]) -> None:
    assert [(s.title, s.artist) for s in confirmed(text).songs] == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``offered in a question``: "or X?" only asks; decoys: "and X" asks for it,
        # and a later comment taking the offer up wants it
        (
            "[ ] Born to Run - Bruce Springsteen [Hannah: or Brown Sugar by the Rolling Stones?]\n",
            [("Born to Run", "Bruce Springsteen")],
        ),
        (
            "[ ] Born to Run - Bruce Springsteen [Hannah: and Brown Sugar by the Rolling Stones]\n",
            [("Born to Run", "Bruce Springsteen"), ("Brown Sugar", "The Rolling Stones")],
        ),
        (
            "[ ] Born to Run - Bruce Springsteen [Hannah: or Brown Sugar by the Rolling Stones?]\n"
            "Comment from Dev: yes, Brown Sugar by the Rolling Stones too.\n",
            [("Born to Run", "Bruce Springsteen"), ("Brown Sugar", "The Rolling Stones")],
        ),
    ],
)
def test_a_title_only_offered_as_an_alternative_is_not_a_request(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in confirmed(text).songs] == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``declined label``: a form's "Declined:" field turns its song down; the
        # choice above it is kept (the decoy)
        (
            "3. RECESSIONAL\n"
            "Couple's choice:  Heroes \u2013 David Bowie\n"
            "Declined:         Angels \u2013 Robbie Williams (too slow)\n",
            [("Heroes", "David Bowie")],
        ),
        # rule ``options, then the choice``: the options sent before the couple's choice
        # were offered, not chosen
        (
            "1. ENTRANCE\n"
            "Options we sent:  [ ] Angels \u2013 Robbie Williams\n"
            "                  [ ] The Chain \u2013 Fleetwood Mac\n"
            "Couple's choice:  Purple Rain \u2013 Prince\n",
            [("Purple Rain", "Prince")],
        ),
        # decoy: options with no choice after them are the list itself
        (
            "Options for the evening:  Angels \u2013 Robbie Williams\n"
            "                  The Chain \u2013 Fleetwood Mac\n",
            [("Angels", "Robbie Williams"), ("The Chain", "Fleetwood Mac")],
        ),
    ],
)
def test_a_forms_declined_field_and_options_settled_by_a_choice_are_not_drafted(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in confirmed(text).songs] == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``named as a book``: a clause giving a book's name names no song, though the
        # catalog has a song of that name by an artist the sentence names
        (
            "Heroes by David Bowie on the 5 km. The book I keep going on about is Born to Run "
            "by Christopher McDougall (not Springsteen's autobiography, which is also called "
            "Born to Run).",
            [("Heroes", "David Bowie")],
        ),
        # decoy: the song the runner keeps going on about is a song
        (
            "Heroes by David Bowie on the 5 km. The song I keep going on about is Born to Run "
            "by Springsteen.",
            [("Heroes", "David Bowie"), ("Born to Run", "Bruce Springsteen")],
        ),
    ],
)
def test_a_title_a_clause_names_as_a_book_is_not_a_song(
    text: str, kept: list[tuple[str, str]]
) -> None:
    result = confirmed(text)
    assert [(s.title, s.artist) for s in result.songs] == kept
    if len(kept) == 1:
        assert any("the name of a book or film" in o.reason for o in result.left_out)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # rule ``the composer's piece not on it``: "the Prince" named off the list by its
        # composer sets his piece aside; the other song stays
        (
            "Listen to each piece. The Bach, the Prince and the Star Wars cue are NOT on it: "
            "use the CD.\n\n- Prince \u2013 Purple Rain\n- David Bowie \u2013 Heroes\n",
            [("Heroes", "David Bowie")],
        ),
        # decoy: a clause that is not only "the Name" items names no composer
        (
            "Listen to each piece. The Bach we did in class is NOT on it: use the CD.\n\n"
            "- Prince \u2013 Purple Rain\n- David Bowie \u2013 Heroes\n",
            [("Purple Rain", "Prince"), ("Heroes", "David Bowie")],
        ),
    ],
)
def test_a_piece_named_off_the_list_by_its_composer_is_not_drafted(
    text: str, kept: list[tuple[str, str]]
) -> None:
    assert [(s.title, s.artist) for s in confirmed(text).songs] == kept
