"""Odd files and hostile text given as a tracklist: each is one line naming what is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playlister.errors import TracklistError
from playlister.files import MAX_INPUT_BYTES
from playlister.tracklist import load, summary

TRACK = '[[track]]\ntitle = "Blue"\nartist = "Elastica"\n'


def write(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "tracks.toml"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def error(path: Path) -> str:
    with pytest.raises(TracklistError) as info:
        load(path)
    return str(info.value)


def test_a_byte_order_mark_as_notepad_writes_is_accepted(tmp_path):
    tl = load(write(tmp_path, b"\xef\xbb\xbf" + TRACK.encode()))
    assert [t.title for t in tl.tracks] == ["Blue"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_as_such(tmp_path, encoding):
    path = write(tmp_path, TRACK.encode(encoding))
    assert error(path) == (
        f"{path}: is UTF-16 text; save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)."
    )


@pytest.mark.parametrize(
    "line, field, shown",
    [
        ('title = "Blue\\u001b[2J"', "title", "\\x1b"),
        ('artist = "\\u009b31mElastica"', "artist", "\\x9b"),
        ('note = "bell\\u0007"', "note", "\\x07"),
        ('tags = ["film", "x\\u007f"]', "tags", "\\x7f"),
        ('version = "Live\\u0000"', "version", "\\x00"),
    ],
)
def test_control_characters_are_refused_with_the_field_named(tmp_path, line, field, shown):
    fields = {"title": 'title = "Blue"', "artist": 'artist = "Elastica"', field: line}
    path = write(tmp_path, "[[track]]\n" + "\n".join(fields.values()) + "\n")
    message = error(path)
    assert f"field '{field}': contains the control character {shown}; remove it" in message
    assert "\x1b" not in message and "\x9b" not in message and "\x07" not in message


def test_a_control_character_in_the_playlist_name_is_refused(tmp_path):
    path = write(tmp_path, '[playlist]\nname = "Mix\\u001b]0;pwned\\u0007"\n\n' + TRACK)
    assert error(path) == (
        f"{path}, line 2, field 'playlist.name': contains the control character \\x1b; remove "
        "it (terminal escape sequences are not allowed)"
    )


def test_an_escape_in_an_unknown_key_is_never_printed_raw(tmp_path):
    path = write(tmp_path, TRACK + '"\\u001b[2Jx" = 1\n')
    message = error(path)
    assert "\x1b" not in message
    assert "field '\\x1b[2Jx': unknown key" in message


@pytest.mark.parametrize(
    "title", ["\\u200b", "\\u3164\\u3164", " \\u00a0\\u2800 ", "\\ufeff", "\\u2060\\u200d"]
)
def test_a_title_of_only_invisible_characters_is_empty(tmp_path, title):
    path = write(tmp_path, f'[[track]]\ntitle = "{title}"\nartist = "Elastica"\n')
    assert error(path) == f"{path}, line 2, track 1, field 'title': must not be empty"


def test_tags_differing_only_in_case_are_one_tag(tmp_path):
    path = write(
        tmp_path,
        '[[track]]\ntitle = "Blue"\nartist = "Elastica"\n'
        'tags = ["Film", "film", "FILM", "influence"]\n\n'
        '[[track]]\ntitle = "Heaven"\nartist = "Bryan Adams"\ntags = ["film"]\n',
    )
    tl = load(path)
    assert tl.tracks[0].tags == ("Film", "influence")
    assert "tags: Film 2, influence 1;" in summary(tl)
    assert [t.title for t in tl.select(["FILM"])] == ["Blue", "Heaven"]


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path):
    path = tmp_path / "tracks.toml"
    os.mkfifo(path)  # nobody writes to it: reading would block forever
    assert error(path) == (
        f"{path}: is not a regular file (a pipe, a device or a socket); "
        "give the path of a tracklist file."
    )


def test_a_device_is_refused():
    assert error(Path("/dev/zero")) == (
        "/dev/zero: is not a regular file (a pipe, a device or a socket); give the path of a "
        "tracklist file."
    )


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "tracks.toml"
    with path.open("wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: costs no disk
    assert (
        error(path) == f"{path}: is larger than 20 MB, which no tracklist is: is this the "
        "right file?"
    )


def test_deeply_nested_arrays_are_one_line(tmp_path):
    path = write(tmp_path, TRACK + "tags = " + "[" * 5000 + "]" * 5000 + "\n")
    assert error(path) == f"{path}: TOML nested too deeply to be a tracklist."


def test_a_number_of_5000_digits_is_one_line(tmp_path):
    path = write(tmp_path, TRACK + "year = 1" + "0" * 5000 + "\n")
    assert error(path) == f"{path}: a number with thousands of digits is not a tracklist value."


def test_a_number_of_4000_digits_is_not_printed(tmp_path):
    path = write(tmp_path, TRACK + "year = 1" + "0" * 4000 + "\n")
    assert error(path) == (
        f"{path}, line 4, track 1 (\"Blue\"), field 'year': is not a plausible release year"
    )
