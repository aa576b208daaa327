"""The finder's rules, one row per form: what a reader of the draft would see taken or not."""

from __future__ import annotations

import pytest

from playlister.importer.finder import find_songs, looks_like_title

YT = "https://www.youtube.com/watch?v=Ew7QoNGHung"

# (text, [(title, artist, version, youtube), ...])
TAKEN = [
    # a video site's tags are not part of the title; a version in brackets still is one
    (
        "- Garbage - Only Happy When It Rains (Official Video)\n- Prince - Purple Rain (Live)\n"
        "- Eurythmics - Here Comes the Rain Again [HD]\n",
        [
            ("Only Happy When It Rains", "Garbage", None, None),
            ("Purple Rain", "Prince", "Live", None),
            ("Here Comes the Rain Again", "Eurythmics", None, None),
        ],
    ),
    # a closing featured artist's credit is not part of the title; decoy: a bracketed
    # subtitle that is
    (
        "| # | Song | Artist |\n|---|---|---|\n"
        "| 1 | Fortnight (feat. Post Malone) | Taylor Swift |\n"
        "| 2 | Amarillo (Is This the Way To) | Tony Christie |\n",
        [
            ("Fortnight", "Taylor Swift", None, None),
            ("Amarillo (Is This the Way To)", "Tony Christie", None, None),
        ],
    ),
    # the article's order, whatever rule took each line
    (
        '- Kate Bush \u2013 Running Up That Hill\n- "How Soon Is Now?" by The Smiths\n'
        "- Elastica \u2013 Connection\n",
        [
            ("Running Up That Hill", "Kate Bush", None, None),
            ("How Soon Is Now?", "The Smiths", None, None),
            ("Connection", "Elastica", None, None),
        ],
    ),
    # bare lines, one song each, are a list; hard-wrapped prose (decoy below) is not
    (
        "Kate Bush \u2013 Running Up That Hill\nElastica \u2013 Connection\n",
        [("Running Up That Hill", "Kate Bush", None, None), ("Connection", "Elastica", None, None)],
    ),
    (
        "We drove to the coast while Kate Bush \u2013 Running Up\nthat hill and back \u2013 "
        "sang on the radio.\n",
        [],
    ),
    ('"Blue" by Elastica', [("Blue", "Elastica", None, None)]),
    ("\u201cBlue\u201d by Elastica", [("Blue", "Elastica", None, None)]),
    ('I love "Blue," by Elastica.', [("Blue", "Elastica", None, None)]),
    ('I love "Blue", by Elastica.', [("Blue", "Elastica", None, None)]),
    ("\u2018Blue\u2019 by Elastica", [("Blue", "Elastica", None, None)]),
    ("'Blue' by Elastica", [("Blue", "Elastica", None, None)]),
    ("Elastica\u2019s \u201cBlue\u201d is the one.", [("Blue", "Elastica", None, None)]),
    (
        "The Runaways\u2019 \u201cHollywood Dream\u201d is the song I love.",
        [("Hollywood Dream", "The Runaways", None, None)],
    ),
    (
        "the power of Bryan Adams\u2019 timeless power ballad \u201cHeaven.\u201d",
        [("Heaven", "Bryan Adams", None, None)],
    ),
    (
        "or the Rancid song \u201cJourney to the End of the East Bay,\u201d which",
        [("Journey to the End of the East Bay", "Rancid", None, None)],
    ),
    (
        "This is a Vivian Girls song called \u201cTell the World\u201d that I like.",
        [("Tell the World", "Vivian Girls", None, None)],
    ),
    (
        '"Because You\u2019re Young" and "We\u2019re Coming Back" by Cock Sparrer',
        [
            ("Because You're Young", "Cock Sparrer", None, None),
            ("We're Coming Back", "Cock Sparrer", None, None),
        ],
    ),
    (
        '"Days", "Victoria" and "Lola" by The Kinks',
        [
            ("Days", "The Kinks", None, None),
            ("Victoria", "The Kinks", None, None),
            ("Lola", "The Kinks", None, None),
        ],
    ),
    ('"How Soon Is Now?" by The Smiths', [("How Soon Is Now?", "The Smiths", None, None)]),
    (
        '"Running Up That Hill (A Deal with God)" by Kate Bush',
        [("Running Up That Hill (A Deal with God)", "Kate Bush", None, None)],
    ),
    ('"Don\u2019t Cry" by Guns N\u2019 Roses', [("Don't Cry", "Guns N' Roses", None, None)]),
    ('"September" by Earth, Wind & Fire', [("September", "Earth, Wind & Fire", None, None)]),
    (
        'Best song: "Not Strong Enough" by boygenius.',
        [("Not Strong Enough", "boygenius", None, None)],
    ),
    (
        '"Blue" by Elastica (Live at Glastonbury)',
        [("Blue", "Elastica", "Live at Glastonbury", None)],
    ),
    (
        '"Heroes" by David Bowie, live at the Berlin Wall concert.',
        [("Heroes", "David Bowie", "Live at the Berlin Wall concert", None)],
    ),
    ('"Teen Age Riot" by Sonic Youth (demo)', [("Teen Age Riot", "Sonic Youth", "Demo", None)]),
    (f'"Blue" by Elastica\n\n{YT}\n', [("Blue", "Elastica", None, YT)]),
    (f"[Blue]({YT}) \u2014 Elastica", [("Blue", "Elastica", None, YT)]),
    (f'["Blue"]({YT}) by Elastica', [("Blue", "Elastica", None, YT)]),
    (
        "- Elastica \u2013 Blue\n- Pulp \u2013 Common People\n",
        [("Blue", "Elastica", None, None), ("Common People", "Pulp", None, None)],
    ),
    (
        "- Roadrunner - The Modern Lovers\n- Drive - The Cars\n- Pablo Picasso - The Modern "
        "Lovers\n",
        [
            ("Roadrunner", "The Modern Lovers", None, None),
            ("Drive", "The Cars", None, None),
            ("Pablo Picasso", "The Modern Lovers", None, None),
        ],
    ),
    ("Song - Artist\n\n- Drive - The Cars\n", [("Drive", "The Cars", None, None)]),
    (
        "## Kate Bush \u2013 Hounds of Love (Live at Hammersmith)\n",
        [("Hounds of Love", "Kate Bush", "Live at Hammersmith", None)],
    ),
    ("1. Common People by Pulp\n", [("Common People", "Pulp", None, None)]),
    ('Then she played "Cannonball" to prove it.', [("Cannonball", None, None, None)]),
    (
        'The band closed with a song called "Heart of the City".',
        [("Heart of the City", None, None, None)],
    ),
    (
        '"Teenage Riot" by Sonic Youth, or "Kool Thing," same band.',
        [("Teenage Riot", "Sonic Youth", None, None), ("Kool Thing", "Sonic Youth", None, None)],
    ),
    ('"Dissolve Me" by alt-J floating across the field.', [("Dissolve Me", "alt-J", None, None)]),
    (
        'They opened with "A Hero\u2019s Death" and ended on "I Love You".',
        [("A Hero's Death", None, None, None), ("I Love You", None, None, None)],
    ),
    (
        'Her record "To Bring You My Love": "Down by the Water" and "C\u2019mon Billy" both '
        "got an airing.",
        [("Down by the Water", None, None, None), ("C'mon Billy", None, None, None)],
    ),
    (
        "**Nick Drake \u2014 Pink Moon.** Two minutes of guitar and that voice.",
        [("Pink Moon", "Nick Drake", None, None)],
    ),
    (
        "**Beach House \u2014 Space Song (Demo).** On the deluxe edition.",
        [("Space Song", "Beach House", "Demo", None)],
    ),
    (
        f"**The Velvet Underground \u2014 Sunday Morning.** Obviously.\n\nListen: "
        f"[Sunday Morning]({YT})",
        [("Sunday Morning", "The Velvet Underground", None, YT)],
    ),
    (
        f"## \u201cBlue\u201d by Elastica\n\nAt full tilt. [Watch it here]({YT}).",
        [("Blue", "Elastica", None, YT)],
    ),
    (
        '### 1. Fontaines D.C. \u2013 "Starburster"\n',
        [("Starburster", "Fontaines D.C.", None, None)],
    ),
    (
        '- "Right Back to It" \u2014 Waxahatchee\n',
        [("Right Back to It", "Waxahatchee", None, None)],
    ),
    (
        '"Mandinka", from her first album The Lion and the Cobra, is a sprint.',
        [("Mandinka", None, None, None)],
    ),
    (
        '"Nothing Compares 2 U", written by Prince, went to number one.',
        [("Nothing Compares 2 U", None, None, None)],
    ),
    # a title in passing inside the section about a song keeps the artist blank
    (
        "\u201cThe Shame\u201d by The Blood Brothers\n\nIt was the placeholder before "
        "\u201cAnother Girl, Another Planet\u201d became the opener.",
        [
            ("The Shame", "The Blood Brothers", None, None),
            ("Another Girl, Another Planet", None, None, None),
        ],
    ),
    # a later mention with the artist fills it in, and the version joins the earlier entry
    (
        'the song "Blue" by Elastica, the live one.\n\n"Blue" by Elastica (Live at Glastonbury)',
        [("Blue", "Elastica", "Live at Glastonbury", None)],
    ),
]

# (text, the passage left out, its reason)
LEFT_OUT = [
    (
        'The album "Rumours" by Fleetwood Mac',
        "\u201cRumours\u201d",
        "album title, not a song: \u201calbum\u201d next to it",
    ),
    (
        'I saw the film "Almost Famous" twice.',
        "\u201cAlmost Famous\u201d",
        "film title, not a song: \u201cfilm\u201d next to it",
    ),
    (
        "the 2015 psychodrama \u201cQueen of Earth\u201d",
        "\u201cQueen of Earth\u201d",
        "film title, not a song: \u201cpsychodrama\u201d next to it",
    ),
    (
        'The book "Girl in a Band" by Kim Gordon',
        "\u201cGirl in a Band\u201d",
        "book title, not a song: \u201cbook\u201d next to it",
    ),
    (
        '"Blue" by Elastica, from "Elastica", their first.',
        "\u201cElastica\u201d",
        "album of \u201cBlue\u201d, not a song",
    ),
    (
        'Kurt sang "A denial, a denial" at the end.',
        "\u201cA denial, a denial\u201d",
        "quoted lyric or speech, after \u201csang\u201d",
    ),
    (
        '"Spider-Man" movies are everywhere.',
        "\u201cSpider-Man\u201d",
        "film title, not a song: \u201cmovies\u201d next to it",
    ),
    (
        "I was listening to those lyrics, \u201cI always flirt with death,\u201d and knew.",
        "\u201cI always flirt with death\u201d",
        "quoted lyric or speech, after \u201clyrics\u201d",
    ),
    (
        'The chorus is "Here we are now, entertain us," and',
        "\u201cHere we are now, entertain us\u201d",
        "quoted lyric or speech, after \u201cchorus\u201d",
    ),
    (
        'My dad used to say, "Turn It Up," every time.',
        "\u201cTurn It Up\u201d",
        "quoted lyric or speech, after \u201csay\u201d",
    ),
    (
        "about movies in \u201ca post-Walk Hard world,\u201d and",
        "\u201ca post-Walk Hard world\u201d",
        "reads as a sentence, not a title",
    ),
    (
        'Elisabeth Moss in "Her Smell."',
        "\u201cHer Smell\u201d",
        "no artist and nothing marks it as a song",
    ),
    (
        "One of the standout films is Alex Ross Perry\u2019s \u201cHer Smell.\u201d",
        "\u201cHer Smell\u201d",
        "the sentence is about a film, not a song",
    ),
    (
        "Our review of the album *Hounds of Love*.",
        "*Hounds of Love*",
        "in italics, as album and film titles are set",
    ),
    (
        "## Albums of the year\n\n- Elastica \u2013 Elastica\n",
        "Elastica \u2013 Elastica",
        "listed under a heading about albums",
    ),
    ("- Radiohead\n", "Radiohead", "a name without a song"),
    (
        'The film "Blue" is great. "Blue" by Elastica too.',
        "\u201cBlue\u201d",
        "the article also names it as a film",
    ),
    (
        f'"Blue" by Elastica and "Maps" by Yeah Yeah Yeahs\n\n{YT}\n',
        YT,
        "a video after a line naming several songs: which one is unclear",
    ),
]


def _songs(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(s.title, s.artist, s.version, s.youtube) for s in find_songs(text)[0]]


@pytest.mark.parametrize(("text", "expected"), TAKEN)
def test_taken(text: str, expected: list[tuple[str, str | None, str | None, str | None]]) -> None:
    assert _songs(text) == expected


@pytest.mark.parametrize(("text", "passage", "reason"), LEFT_OUT)
def test_left_out_with_reason(text: str, passage: str, reason: str) -> None:
    songs, left = find_songs(text)
    assert (passage, reason) in [(x.text, x.reason) for x in left]
    assert passage.strip("\u201c\u201d*") not in [s.title for s in songs]


def test_a_band_named_without_a_song_is_not_a_song() -> None:
    assert _songs("Radiohead were everywhere this year, and so were Wet Leg.") == []


def test_passage_is_the_citing_sentence_not_the_paragraph() -> None:
    text = (
        "We went out. Later someone put on the Pixies song \u201cWhere Is My Mind?\u201d "
        "and the room sang. Then we left."
    )
    (song,), _ = find_songs(text)
    assert song.passage == (
        "Later someone put on the Pixies song \u201cWhere Is My Mind?\u201d and the room sang."
    )


def test_a_heading_passage_wins_over_an_earlier_prose_mention() -> None:
    text = 'the song "Blue" by Elastica, the live one.\n\n"Blue" by Elastica (Live at X)'
    (song,), _ = find_songs(text)
    assert song.passage == '"Blue" by Elastica (Live at X)'


@pytest.mark.parametrize(
    ("text", "is_title"),
    [
        ("Journey to the End of the East Bay", True),
        ("How Soon Is Now?", True),
        ("Another Girl, Another Planet", True),
        ("I always flirt with death", False),
        ("this just has to sound like a demo", False),
        ("", False),
    ],
)
def test_title_shape(text: str, is_title: bool) -> None:
    assert looks_like_title(text) is is_title


# --- rules added for the fourth article set: one row per form, and a decoy in the same
# position for each (an album, film, book, lyric or person there must still be left out)

TAKEN_FOURTH = [
    # Markdown tables with Song and Artist columns, in either order, with a version or link
    (
        "| # | Song | Artist |\n|---|---|---|\n| 1 | Dreams | Fleetwood Mac |\n"
        "| 2 | Fast Car (Live at Wembley 1988) | Tracy Chapman |\n",
        [
            ("Dreams", "Fleetwood Mac", None, None),
            ("Fast Car", "Tracy Chapman", "Live at Wembley 1988", None),
        ],
    ),
    (
        f"| Artist | Track | Link |\n|:--|:--|:--|\n| Elastica | [Blue]({YT}) | |\n",
        [("Blue", "Elastica", None, YT)],
    ),
    (
        "| Title | Artist | Version |\n|--|--|--|\n| Blue | Elastica | Live at Glastonbury |\n",
        [("Blue", "Elastica", "Live at Glastonbury", None)],
    ),
    # decoy: a table of albums names the same title; the song table's row stays
    (
        "| Song | Artist |\n|--|--|\n| Born to Run | Bruce Springsteen |\n\n## Albums\n\n"
        "| Album | Artist |\n|--|--|\n| Born to Run | Bruce Springsteen |\n",
        [("Born to Run", "Bruce Springsteen", None, None)],
    ),
    # decoy: a quote in a table's other column is not read as a song
    (
        '| Song | Artist | Why |\n|--|--|--|\n| Dreams | Fleetwood Mac | "Everyone Knows It" |\n',
        [("Dreams", "Fleetwood Mac", None, None)],
    ),
    # an interview answer opening with a title, after a question about songs
    (
        'Q: Which song took the longest?\n\nA: "Afterlife." Two years.',
        [("Afterlife", None, None, None)],
    ),
    (
        '**Which song do you still like playing?**\n\n"Nobody," probably. People sing it.',
        [("Nobody", None, None, None)],
    ),
    (
        'Q: Your favourite song of hers?\n\nA: "Blue."\n\nQ: And the one you hate?\n\n'
        'A: Still "Red," easily.',
        [("Blue", None, None, None), ("Red", None, None, None)],
    ),
    # decoys: a question about films; a title that does not open the answer; speech
    ('Q: Any films lately?\n\nA: "Past Lives." Three times.', []),
    ('Q: Which song, then?\n\nA: I watched "Past Lives" instead.', []),
    ('Q: Which song is it about?\n\nA: "Honestly, I don\u2019t know," she laughs.', []),
    # the band as the subject of a stage verb in the same sentence
    (
        'By then Wet Leg had already played "Chaise Longue" to a field.',
        [("Chaise Longue", "Wet Leg", None, None)],
    ),
    (
        'The National opened with "Eucalyptus", all hushed piano, then went straight into '
        '"Don\'t Swallow the Cap".',
        [
            ("Eucalyptus", "The National", None, None),
            ("Don't Swallow the Cap", "The National", None, None),
        ],
    ),
    (
        'Fontaines D.C. were tuning up. Fontaines opened with "A Hero\u2019s Death" and '
        'closed, inevitably, with "Boys in the Better Land".',
        [
            ("A Hero's Death", "Fontaines D.C.", None, None),
            ("Boys in the Better Land", "Fontaines D.C.", None, None),
        ],
    ),
    # decoys: a singer dedicating, a guest coming out, another name between verb and quote
    ('Grian Chatten dedicated "I Love You" to Dublin.', [("I Love You", None, None, None)]),
    (
        'Halfway through, Phoebe Bridgers came out for "This Isn\'t Helping".',
        [("This Isn't Helping", None, None, None)],
    ),
    (
        'The National played "Fake Empire", and Phoebe Bridgers came out for "Graceland Too".',
        [("Fake Empire", "The National", None, None), ("Graceland Too", None, None, None)],
    ),
    # a short name the article gives in full once; two full names: left as written
    (
        "| Song | Artist |\n|--|--|\n| Born to Run | Bruce Springsteen |\n\n"
        'The Springsteen song "Thunder Road" was a close ninth.',
        [
            ("Born to Run", "Bruce Springsteen", None, None),
            ("Thunder Road", "Bruce Springsteen", None, None),
        ],
    ),
    (
        'Bruce Springsteen and Pam Springsteen were there. Springsteen\u2019s "Thunder Road" '
        "came first.",
        [("Thunder Road", "Springsteen", None, None)],
    ),
    # `Artist: "Title"` and `Artist, "Title"` entry lines (year-end lists, captions)
    (
        "### 10. Caroline Polachek: \u201cWelcome to My Island\u201d\n",
        [("Welcome to My Island", "Caroline Polachek", None, None)],
    ),
    (
        "### 6. boygenius: \u201cNot Strong Enough\u201d\n",
        [("Not Strong Enough", "boygenius", None, None)],
    ),
    (
        "Cocteau Twins, \u201cHeaven or Las Vegas\u201d\n",
        [("Heaven or Las Vegas", "Cocteau Twins", None, None)],
    ),
    # decoys: a label before the colon; a film caption
    ("## Album of the year: \u201cThe Record\u201d\n", []),
    ("## Day 2: \u201cThe Record\u201d\n", []),
    ("Greta Gerwig, \u201cBarbie\u201d (2023 film)\n", []),
    # `Name, whose "Title"`; decoy: `whose book "…"`
    (
        'Support came from Bartees Strange, whose "Heavy Heart" was the best thing.',
        [("Heavy Heart", "Bartees Strange", None, None)],
    ),
    ('Later Kae Tempest, whose book "On Connection" is out, read a poem.', []),
    # a cue or version before a possessive name; decoy: a film word there
    (
        "Over it plays Cocteau Twins\u2019 \u201cHeaven or Las Vegas\u201d.",
        [("Heaven or Las Vegas", "Cocteau Twins", None, None)],
    ),
    (
        "The credits roll over the acoustic version of Radiohead\u2019s \u201cFake Plastic "
        "Trees\u201d.",
        [("Fake Plastic Trees", "Radiohead", "Acoustic", None)],
    ),
    ('They played Greta Gerwig\u2019s film "Barbie" on the screens.', []),
    # parts of a song, the encore; decoys: the album, a sentence after the cue
    (
        'Bryce Dessner\u2019s guitar on "Bloodbuzz Ohio" was the loudest thing.',
        [("Bloodbuzz Ohio", None, None, None)],
    ),
    ('The bridge of "Mistakes" came out of that.', [("Mistakes", None, None, None)]),
    (
        'The encore was "Vanderlyle Crybaby Geeks", unamplified.',
        [("Vanderlyle Crybaby Geeks", None, None, None)],
    ),
    ('The guitar on the album "Loveless" is a wall.', []),
    ('The encore was "a bit of a mess," she admitted.', []),
    # a comment opening with `Artist - Title.`; decoy: the next sentence calls it an album
    (
        "Sufjan Stevens - Casimir Pulaski Day. every single time.",
        [("Casimir Pulaski Day", "Sufjan Stevens", None, None)],
    ),
    ("Fleetwood Mac - Rumours. The best album ever made.", []),
    # `Artist: "Title"` as a list line with a comment after a dash; decoy: after the dash
    # a name, the artist (the colon's word a label)
    (
        '- Renato Carosone: "Tu Vu\u00f2 F\u00e0 L\'Americano" \u2014 cheeky, short, people smile.',
        [("Tu Vu\u00f2 F\u00e0 L'Americano", "Renato Carosone", None, None)],
    ),
    (
        '- Music: "Life on Mars?" \u2013 David Bowie',
        [("Life on Mars?", "David Bowie", None, None)],
    ),
    # `"Title" (Artist)`: the name in brackets is the artist; decoys: a quip and its speaker
    (
        'Mr Hughes asked for "Callin\' Baton Rouge" (Garth Brooks) for the staff line dance.',
        [("Callin' Baton Rouge", "Garth Brooks", None, None)],
    ),
    ('\u25aa Gangnam Style, Macarena, Baby Shark \u2013 "obviously" (Kyle).', []),
    # a countdown's place on its own line, then the entry, then the blurb hard-wrapped below
    # it; decoy: a paragraph whose first line is a title line, with no place above it
    (
        "51\nThe Chemical Brothers \u2013 Setting Sun\nNoel Gallagher on vocals, a drum loop and a"
        " number one single\nthat sounded like nothing else in the chart that year.\n",
        [("Setting Sun", "The Chemical Brothers", None, None)],
    ),
    (
        "Deep Cuts \u2013 Episode Twelve\nHello and welcome back to the show, we have a guest"
        " with\nus today who brought her first record along to talk about.\n",
        [],
    ),
    # a blockquoted reply; decoy: an album in one
    (
        '> **u/kate** \u00b7 20 points\n>\n> "Blue" by Elastica too',
        [("Blue", "Elastica", None, None)],
    ),
    ('> The album "Rumours" by Fleetwood Mac, obviously', []),
    # a video on a short line goes to the song above it; decoy: after a list of several
    (f"Frank Ocean \u2013 Ivy\n\nedit: link for the lazy {YT}", [("Ivy", "Frank Ocean", None, YT)]),
    (
        f"- Frank Ocean \u2013 Ivy\n- Pink Floyd \u2013 Time\n\nedit: link for the lazy {YT}",
        [("Ivy", "Frank Ocean", None, None), ("Time", "Pink Floyd", None, None)],
    ),
]

# a record's tracklist: side and track positions, running times; decoys: a title that is a
# time ("4:44") and a band whose name looks like a position ("A1")
TAKEN_TRACKLISTS = [
    (
        "A1    Gloria Jones \u2013 Tainted Love        2:32\n"
        "A2    Frank Wilson \u2013 Do I Love You (Indeed I Do)     2:51\n",
        [
            ("Tainted Love", "Gloria Jones", None, None),
            ("Do I Love You (Indeed I Do)", "Frank Wilson", None, None),
        ],
    ),
    (
        "1-04  Dobie Gray \u2013 Out on the Floor (2:58)\n",
        [("Out on the Floor", "Dobie Gray", None, None)],
    ),
    # an apostrophe at one end of a title is part of it; quotes at both ends are not
    (
        "- Thelonious Monk \u2013 'Round Midnight\n- Focus \u2013 'Hocus Pocus'\n",
        [
            ("'Round Midnight", "Thelonious Monk", None, None),
            ("Hocus Pocus", "Focus", None, None),
        ],
    ),
    (
        "- Jay-Z \u2013 4:44\n- A1 \u2013 Caught in the Middle\n",
        [("4:44", "Jay-Z", None, None), ("Caught in the Middle", "A1", None, None)],
    ),
    (
        "CUE   SRC/SCR USE  TITLE                 PERFORMER / COMPOSER   SCENE\n"
        "----  ------- ---  --------------------  ---------------------  -----------\n"
        "1M2   SRC     BV   Common People         Pulp                   Car radio, the\n"
        + " " * 64
        + "long way round\n"  # a wrapped scene note: it stays in its cell
        + "2M1   SRC     BV   Blue                  Elastica               Pub jukebox\n",
        [("Common People", "Pulp", None, None), ("Blue", "Elastica", None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TAKEN_TRACKLISTS)
def test_taken_tracklists_and_columns(
    text: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    assert _songs(text) == expected


LEFT_OUT_FOURTH = [
    (
        "| Album | Artist |\n|---|---|\n| Rumours | Fleetwood Mac |\n",
        "Rumours | Fleetwood Mac",
        "a row of a table of albums",
    ),
    (
        "| Fleetwood Mac | Dreams |\n| Kate Bush | Babooshka |\n",
        "Fleetwood Mac | Dreams",
        "a table without a Song column",
    ),
    (
        'Q: Any films lately?\n\nA: "Past Lives." Three times.',
        "\u201cPast Lives\u201d",
        "no artist and nothing marks it as a song",
    ),
    (
        "Greta Gerwig, \u201cBarbie\u201d (2023 film)\n",
        "\u201cBarbie\u201d",
        "film title, not a song: \u201cfilm\u201d next to it",
    ),
    (
        'Later Kae Tempest, whose book "On Connection" is out, read a poem.',
        "\u201cOn Connection\u201d",
        "book title, not a song: \u201cbook\u201d next to it",
    ),
    (
        'The guitar on the album "Loveless" is a wall.',
        "\u201cLoveless\u201d",
        "album title, not a song: \u201calbum\u201d next to it",
    ),
    (
        'The encore was "a bit of a mess," she admitted.',
        "\u201ca bit of a mess\u201d",
        "reads as a sentence, not a title",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TAKEN_FOURTH)
def test_taken_fourth_set_forms(
    text: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    assert _songs(text) == expected


@pytest.mark.parametrize(("text", "passage", "reason"), LEFT_OUT_FOURTH)
def test_left_out_fourth_set_forms(text: str, passage: str, reason: str) -> None:
    songs, left = find_songs(text)
    assert (passage, reason) in [(x.text, x.reason) for x in left]
    assert passage.strip("\u201c\u201d*") not in [s.title for s in songs]
