"""The draft a user gets: exact text for a small article, loader checks, appending."""

from __future__ import annotations

from pathlib import Path

import pytest

from playlister.errors import TracklistError
from playlister.importer import import_source
from playlister.tracklist import load

ARTICLE = """\
# Three songs for a wet weekend

"Blue" by Elastica (Live at Glastonbury)

https://www.youtube.com/watch?v=Ew7QoNGHung

The chorus is "Blue, you're so blue," and that was the start. Before it, "Waking Up" was the
opener of the set.

- Pulp \u2013 Common People
"""

DRAFT = """\
# Draft tracklist made by `playlister import` from weekend.md.
# Each entry quotes where the source names the song: check it, then write a note
# in your own words.

[playlist]
name = "Three songs for a wet weekend"
# source: weekend.md

[[track]]
# cited: "Blue" by Elastica (Live at Glastonbury)
title = "Blue"
artist = "Elastica"
version = "Live at Glastonbury"
youtube = "https://www.youtube.com/watch?v=Ew7QoNGHung"

[[track]]
# cited: Before it, "Waking Up" was the opener of the set.
title = "Waking Up"
artist = ""  # artist: fill in

[[track]]
# cited: Pulp \u2013 Common People
title = "Common People"
artist = "Pulp"
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "weekend.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_exact_draft_for_a_small_article(article: Path) -> None:
    result = import_source(str(article))
    assert result.toml == DRAFT
    assert result.name == "Three songs for a wet weekend"
    assert [s.title for s in result.songs] == ["Blue", "Waking Up", "Common People"]


def test_the_loader_names_exactly_the_entries_to_finish(article: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    draft.write_text(import_source(str(article)).toml, encoding="utf-8")
    with pytest.raises(TracklistError) as err:
        load(draft)
    assert str(err.value) == (
        f"{draft}, line 19, track 2 (\"Waking Up\"), field 'artist': must not be empty"
    )


def test_a_finished_draft_loads(article: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    text = import_source(str(article)).toml.replace(
        'artist = ""  # artist: fill in', 'artist = "Elastica"'
    )
    draft.write_text(text, encoding="utf-8")
    tracklist = load(draft)
    assert [(t.title, t.artist, t.version) for t in tracklist.tracks] == [
        ("Blue", "Elastica", "Live at Glastonbury"),
        ("Waking Up", "Elastica", None),
        ("Common People", "Pulp", None),
    ]
    assert tracklist.tracks[0].youtube == "https://www.youtube.com/watch?v=Ew7QoNGHung"
    assert tracklist.playlist.name == "Three songs for a wet weekend"


def test_notes_are_never_written(article: Path) -> None:
    assert "note" not in import_source(str(article)).toml.replace("write a note", "")


def test_the_name_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "my-list.txt"
    path.write_text(
        'This long first line is a sentence about "Blue" by Elastica.\n', encoding="utf-8"
    )
    assert import_source(str(path)).name == "my-list"


def test_append_skips_songs_already_there(article: Path, tmp_path: Path) -> None:
    existing = tmp_path / "tracks.toml"
    original = (
        '[playlist]\nname = "Mine"\n\n[[track]]\ntitle = "Blue"\n'
        'artist = "elastica"\nversion = "live at glastonbury"\n'
    )
    existing.write_text(original, encoding="utf-8")
    result = import_source(str(article), existing=existing)
    assert [s.title for s in result.skipped] == ["Blue"]
    assert [s.title for s in result.songs] == ["Waking Up", "Common People"]
    assert result.toml.startswith(
        original + "\n# Added by `playlister import` from weekend.md.\n[[track]]\n"
    )
    assert result.toml.count("[[track]]") == 3
    assert result.lines()[0] == (
        "2 songs found in weekend.md; 1 without an artist (fill in); "
        "1 already in " + str(existing) + "; 1 passage left out "
        "(--verbose to see them)."
    )


def test_append_with_nothing_new_leaves_the_file_as_it_was(article: Path, tmp_path: Path) -> None:
    existing = tmp_path / "tracks.toml"
    existing.write_text(DRAFT.replace('""  # artist: fill in', '"Elastica"'), encoding="utf-8")
    result = import_source(str(article), existing=existing)
    assert result.songs == []
    assert result.toml == existing.read_text(encoding="utf-8")


def test_verbose_lines_say_what_was_left_out_and_why(article: Path) -> None:
    lines = import_source(str(article)).lines(verbose=True)
    assert lines == [
        "3 songs found in weekend.md; 1 without an artist (fill in); 1 with a version; "
        "1 with a YouTube link; 1 passage left out.",
        "  left out, quoted lyric or speech (1):",
        "    \u201cBlue, you're so blue\u201d: after \u201cchorus\u201d",
    ]


def test_json_lists_songs_and_left_out(article: Path) -> None:
    data = import_source(str(article)).as_json()
    assert data["songs"][0] == {
        "title": "Blue",
        "artist": "Elastica",
        "version": "Live at Glastonbury",
        "youtube": "https://www.youtube.com/watch?v=Ew7QoNGHung",
        "album": None,
        "spotify": None,
        "year": None,
        "duration_ms": None,
        "passage": '"Blue" by Elastica (Live at Glastonbury)',
    }
    assert data["left_out"] == [
        {
            "text": "\u201cBlue, you're so blue\u201d",
            "reason": "quoted lyric or speech, after \u201cchorus\u201d",
            "group": "quoted lyric or speech",
        }
    ]
    assert data["name"] == "Three songs for a wet weekend"
    assert data["source"] == "weekend.md"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Car playlist for the USB stick\n\n#EXTM3U\n#EXTINF:240,Pulp - Common People\n", None),
        ("#EXTM3U\n#EXTINF:240,Pulp - Common People\nPulp\\Common People.mp3\n", "car"),
        ('#tbt to this one\n\n- "Blue" by Elastica\n', "#tbt to this one"),
        ('## Songs for the car\n\n- "Blue" by Elastica\n', "Songs for the car"),
    ],
)
def test_only_a_markdown_heading_names_the_playlist(
    tmp_path: Path, text: str, name: str | None
) -> None:
    """An M3U's "#EXTM3U" line or a "#hashtag" is no heading: the name comes from the short
    first line, else the file's name."""
    path = tmp_path / "car.txt"
    path.write_text(text, encoding="utf-8")
    assert import_source(str(path)).name == (name or "Car playlist for the USB stick")
