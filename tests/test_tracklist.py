"""The tracklist loader: good input becomes plain data; each kind of bad input its own message."""

from __future__ import annotations

from pathlib import Path

import pytest

from playlister.errors import TracklistError, TracklistErrors
from playlister.tracklist import load

REPO = Path(__file__).resolve().parent.parent

GOOD = """\
[playlist]
name = "Test list"
description = "Songs for a test"
public = true

[[track]]
title = "Blue"
artist = "Elastica"
version = "Live at Glastonbury"
youtube = "https://youtu.be/Ew7QoNGHung"
tags = ["influence"]
duration = "3:05"
act = 2
note = \"\"\"
First line
wrapped here.

Second paragraph.\"\"\"

[[track]]
title = "Heaven"
artist = "Bryan Adams"
year = 1984
spotify = "https://open.spotify.com/intl-de/track/7Ewz6bJ97vUqk5HdkvguFQ?si=abc"
"""


def write(tmp_path: Path, text: str, name: str = "tracks.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_tracklist_becomes_plain_data(tmp_path: Path) -> None:
    tl = load(write(tmp_path, GOOD))
    assert tl.playlist.name == "Test list"
    assert tl.playlist.public is True
    blue, heaven = tl.tracks
    assert (blue.index, blue.line, blue.version) == (1, 6, "Live at Glastonbury")
    assert blue.duration_ms == 185_000
    assert blue.act == "Act 2"
    assert blue.note == "First line wrapped here.\n\nSecond paragraph."
    assert heaven.spotify == "spotify:track:7Ewz6bJ97vUqk5HdkvguFQ"
    assert heaven.year == 1984 and heaven.line == 20


def test_editing_a_matching_field_changes_the_key_but_a_note_does_not(tmp_path: Path) -> None:
    before = load(write(tmp_path, GOOD)).tracks[0].key
    after_note = load(write(tmp_path, GOOD.replace("Second paragraph", "Other"))).tracks[0].key
    after_version = load(write(tmp_path, GOOD.replace("Glastonbury", "Reading"))).tracks[0].key
    assert before == after_note
    assert before != after_version


def test_missing_playlist_table_takes_a_name_from_the_file(tmp_path: Path) -> None:
    tl = load(write(tmp_path, '[[track]]\ntitle = "A"\nartist = "B"\n', "road_trip.toml"))
    assert tl.playlist.name == "Road Trip"
    assert tl.playlist.public is False


def test_the_real_her_smell_list_loads_in_the_articles_order() -> None:
    tl = load(REPO / "tracks.toml")
    titles = [t.title for t in tl.tracks]
    assert titles[:11] == [
        "The Shame",
        "Don't Cry",
        "Because You're Young",
        "We're Coming Back",
        "The Great Rock 'n' Roll Swindle",
        "Journey to the End of the East Bay",
        "Blue",
        "Tell the World",
        "Fuck and Run",
        "No Looking",
        "Hollywood Dream",
    ]
    assert {"Another Girl, Another Planet", "Heaven"} <= set(titles)
    assert all(t.note for t in tl.tracks)
    assert len(tl.select(["influence"])) == 11
    blue = next(t for t in tl.tracks if t.title == "Blue")
    assert blue.youtube == "https://www.youtube.com/watch?v=Ew7QoNGHung"
    assert "Glastonbury" in (blue.version or "")


TRACK = '[[track]]\ntitle = "Blue"\nartist = "Elastica"\n'

BAD = [
    pytest.param(
        '[[track]\ntitle = "x"\n',
        "tracks.toml, line 1: TOML syntax error: Expected ']]' at the end of an array declaration",
        id="toml-syntax",
    ),
    pytest.param(
        TRACK + 'titel = "Blue"\n',
        "tracks.toml, line 4, track 1 (\"Blue\"), field 'titel': unknown key; "
        "did you mean 'title'?",
        id="unknown-key-suggests",
    ),
    pytest.param(
        TRACK + 'colour = "red"\n',
        "tracks.toml, line 4, track 1 (\"Blue\"), field 'colour': unknown key; allowed keys: "
        "title, artist, album, year, version, duration, note, act, scene, tags, youtube, spotify, "
        "stand_in",
        id="unknown-key-lists",
    ),
    pytest.param(
        '[playlist]\nnmae = "x"\n\n' + TRACK,
        "tracks.toml, line 2, field 'nmae': unknown key in [playlist]; did you mean 'name'?",
        id="unknown-playlist-key",
    ),
    pytest.param(
        '[[tracks]]\ntitle = "x"\nartist = "y"\n',
        "tracks.toml, line 1, field 'tracks': unknown key; did you mean 'track'?",
        id="unknown-top-key",
    ),
    pytest.param(
        TRACK + 'year = "1995"\n',
        "tracks.toml, line 4, track 1 (\"Blue\"), field 'year': must be a whole number such as "
        "1995, not a string",
        id="wrong-type-year",
    ),
    pytest.param(
        '[playlist]\npublic = "yes"\n\n' + TRACK,
        "tracks.toml, line 2, field 'playlist.public': must be true or false, not a string",
        id="wrong-type-public",
    ),
    pytest.param(
        TRACK + 'tags = "influence"\n',
        "tracks.toml, line 4, track 1 (\"Blue\"), field 'tags': must be a list of words, e.g. "
        '["influence", "film"]',
        id="wrong-type-tags",
    ),
    pytest.param(
        '[[track]]\ntitle = "Blue"\n',
        "tracks.toml, line 1, track 1 (\"Blue\"), field 'artist': is required",
        id="missing-artist",
    ),
    pytest.param(
        '[[track]]\nartist = "Elastica"\ntitle = "  "\n',
        "tracks.toml, line 3, track 1, field 'title': must not be empty",
        id="empty-title",
    ),
    pytest.param(
        TRACK + 'youtube = "https://vimeo.com/12345"\n',
        "tracks.toml, line 4, track 1 (\"Blue\"), field 'youtube': is not a YouTube video URL "
        "(https://www.youtube.com/watch?v=… or https://youtu.be/…)",
        id="bad-youtube",
    ),
    pytest.param(
        TRACK + 'spotify = "spotify:album:7Ewz6bJ97vUqk5HdkvguFQ"\n',
        "tracks.toml, line 4, track 1 (\"Blue\"), field 'spotify': is not a Spotify track URI or "
        "URL (spotify:track:<22-character ID> or https://open.spotify.com/track/<ID>), or "
        '"none" when it is not on Spotify',
        id="bad-spotify",
    ),
    pytest.param(
        TRACK + 'duration = "three minutes"\n',
        'tracks.toml, line 4, track 1 ("Blue"), field \'duration\': must be "m:ss" (e.g. '
        '"4:05") or a number of seconds',
        id="bad-duration",
    ),
    pytest.param(
        TRACK + "\n" + '[[track]]\ntitle = "BLUE"\nartist = "elastica"\n',
        'tracks.toml, line 5, track 2 ("BLUE"): the same song as track 1 (line 1); remove one, '
        "or give them different versions",
        id="duplicate-song",
    ),
    pytest.param(
        '[playlist]\nname = "Empty"\n',
        "tracks.toml: no songs: add a [[track]] table with a title and an artist for each song",
        id="empty-list",
    ),
    pytest.param(
        'track = "Blue"\n',
        "tracks.toml, line 1, field 'track': must be a list of [[track]] tables",
        id="track-not-a-list",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_input_gets_its_own_message(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(TracklistError) as info:
        load(path)
    assert str(info.value).replace(str(path), "tracks.toml") == message


def test_a_different_version_of_the_same_song_is_not_a_duplicate(tmp_path: Path) -> None:
    text = TRACK + "\n" + TRACK + 'version = "live"\n'
    assert len(load(write(tmp_path, text)).tracks) == 2


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = '[[track]]\ntitle = "A"\n\n[[track]]\nartist = "B"\nyear = 3000\n'
    path = write(tmp_path, text)
    with pytest.raises(TracklistErrors) as info:
        load(path)
    lines = [str(p).replace(str(path), "tracks.toml") for p in info.value.problems]
    assert lines == [
        "tracks.toml, line 1, track 1 (\"A\"), field 'artist': is required",
        "tracks.toml, line 4, track 2, field 'title': is required",
        "tracks.toml, line 6, track 2, field 'year': 3000 is not a plausible release year",
    ]
    assert str(info.value).startswith(f"{path}: 3 problems:\n  {path}, line 1")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TracklistError) as info:
        load(tmp_path / "nope.toml")
    assert str(info.value) == (
        f"{tmp_path / 'nope.toml'}: no such file. Create it (see 'The tracklist' in the README) "
        "or pass its path."
    )


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "tracks.toml"
    path.write_bytes(b'[[track]]\ntitle = "Caf\xe9"\n')
    with pytest.raises(TracklistError) as info:
        load(path)
    assert str(info.value) == f"{path}, line 2: is not UTF-8 text; save it as UTF-8."
