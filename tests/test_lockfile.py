"""The lockfile loader: every field's type checked, a hand-edited mistake named by entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playlister import lockfile
from playlister.errors import LockfileError

URI = "spotify:track:7Ewz6bJ97vUqk5HdkvguFQ"
ENTRY = f'''
[[entry]]
key = "abc"
title = "Blue"
artist = "Elastica"
status = "matched"
uri = "{URI}"
score = 0.97
reason = "title, artist and album agree"
checked = "2026-01-01T00:00:00Z"

[entry.match]
uri = "{URI}"
title = "Blue"
artists = ["Elastica"]
album = "Elastica"
year = 1995
'''


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tracks.lock"
    path.write_text(text, encoding="utf-8")
    return path


def error(path: Path) -> str:
    with pytest.raises(LockfileError) as info:
        lockfile.load(path)
    return str(info.value)


def test_a_good_entry_loads(tmp_path):
    lock = lockfile.load(write(tmp_path, "version = 1\n" + ENTRY))
    (entry,) = lock.entries.values()
    assert (entry.title, entry.uri, entry.match.year) == ("Blue", URI, 1995)


FIX = (
    ". Fix that field, or restore the lockfile from version control or a backup. Deleting "
    "it would make the next `playlister create` make a second playlist."
)


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            f'uri = "{URI}"\nscore',
            'uri = "spotify:track:nope"\nscore',
            "entry 1 ('Blue'): field 'uri' is not a Spotify track URI "
            "(spotify:track: and 22 letters or digits): 'spotify:track:nope'",
        ),
        (
            f'[entry.match]\nuri = "{URI}"',
            '[entry.match]\nuri = "https://evil.example/x"',
            "entry 1 ('Blue'), match: field 'uri' is not a Spotify track URI "
            "(spotify:track: and 22 letters or digits): 'https://evil.example/x'",
        ),
        (
            "score = 0.97",
            'score = "high"',
            "entry 1 ('Blue'): field 'score' must be a whole number or a number",
        ),
        (
            "score = 0.97",
            "score = true",
            "entry 1 ('Blue'): field 'score' must be a whole number or a number",
        ),
        (
            'status = "matched"',
            'status = "great"',
            "entry 1 ('Blue'): field 'status' is 'great', not one of ",
        ),
        ('key = "abc"\n', "", "entry 1 ('Blue'): field 'key' is missing"),
        (
            'artists = ["Elastica"]',
            "artists = [1]",
            "entry 1 ('Blue'), match: field 'artists' must be a list of strings",
        ),
        (
            "year = 1995",
            'year = "1995"',
            "entry 1 ('Blue'), match: field 'year' must be a whole number",
        ),
        ('title = "Blue"\nartist', "title = 5\nartist", "entry 1: field 'title' must be a string"),
    ],
)
def test_a_hand_edited_mistake_is_named_with_its_entry(tmp_path, old, new, problem):
    assert old in ENTRY
    path = write(tmp_path, "version = 1\n" + ENTRY.replace(old, new, 1))
    message = error(path)
    assert message.startswith(f"{path}, {problem}")
    assert message.endswith(FIX)


@pytest.mark.parametrize("version, shown", [('"1"', "'1'"), ("2", "2"), ("true", "True")])
def test_an_unknown_format_version_is_shown_as_written(tmp_path, version, shown):
    path = write(tmp_path, f"version = {version}\n")
    assert error(path) == (
        f"{path}: lockfile format {shown} is not one this playlister reads (1). Upgrade "
        "playlister, or delete the lockfile and match again."
    )


def test_entries_that_are_not_a_list_of_tables(tmp_path):
    path = write(tmp_path, 'version = 1\nentry = "x"\n')
    assert error(path) == f"{path}, entry: must be a list of [[entry]] tables{FIX}"


def test_a_fifo_named_like_the_lockfile_is_refused_at_once(tmp_path):
    path = tmp_path / "tracks.lock"
    os.mkfifo(path)
    assert "is not a lockfile playlister wrote" in error(path)


def test_a_huge_number_is_one_line(tmp_path):
    path = write(tmp_path, "version = 1" + "0" * 5000 + "\n")
    assert error(path).startswith(f"{path}: the lockfile is not valid TOML")
