"""The tracklist writer: a choice lands in the right [[track]] table, every other byte stays.

Run over the shipped tracks.toml and 20 hand-written lists in the styles people write
(comments between tables, CRLF, a byte-order mark, no final line end, literal and multi-line
strings, indented keys, inline tables): after adding a key, removing the one added line gives
back the file exactly, and the file parses to the same data plus that key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlister import tracklist, tracklist_edit
from playlister.errors import TracklistError

REPO = Path(__file__).resolve().parent.parent
URI = "spotify:track:4uLU6hMCjMI75M1A2tKUQC"

HAND_WRITTEN = {
    "plain": '[[track]]\ntitle = "A"\nartist = "B"\n\n[[track]]\ntitle = "C"\nartist = "D"\n',
    "comment above the next table": (
        '[[track]]\ntitle = "A"\nartist = "B"\n\n# next: the good one\n[[track]]\n'
        'title = "C"\nartist = "D"\n'
    ),
    "comment right under the header": (
        '[[track]]\n# from the interview\ntitle = "A"\nartist = "B"\n# trailing thought\n\n'
        '[[track]]\ntitle = "C"\nartist = "D"\n'
    ),
    "crlf": '[[track]]\r\ntitle = "A"\r\nartist = "B"\r\n\r\n[[track]]\r\ntitle = "C"\r\n'
    'artist = "D"\r\n',
    "byte-order mark": '\ufeff[playlist]\nname = "x"\n\n[[track]]\ntitle = "A"\nartist = "B"\n',
    "literal strings": "[[track]]\ntitle = 'Live at \"CBGB\" \\ 1977'\nartist = 'B'\n",
    "multi-line note last": (
        '[[track]]\ntitle = "A"\nartist = "B"\nnote = """\nLine one\nline two."""\n\n'
        '[[track]]\ntitle = "C"\nartist = "D"\n'
    ),
    "multi-line literal note": (
        "[[track]]\ntitle = 'A'\nartist = 'B'\nnote = '''\nsaid \"so\"\n'''\n"
    ),
    "indented keys": '[[track]]\n    title = "A"\n    artist = "B"\n',
    "spaces around equals and comments": (
        '[[track]]\ntitle    =    "A"   # the single\nartist="B"#band\n\n'
        '[[track]]\ntitle = "C"\nartist = "D"\n'
    ),
    "tabs": '[[track]]\n\ttitle\t=\t"A"\n\tartist\t=\t"B"\n',
    "playlist after tracks": (
        '[[track]]\ntitle = "A"\nartist = "B"\n\n[playlist]\nname = "Late"\n'
    ),
    "unicode": '[[track]]\ntitle = "Ça plane pour moi"\nartist = "Plastic Bertrand"\n'
    'note = "\u201cquoted\u201d \u2014 fine"\n',
    "multi-line tags": (
        '[[track]]\ntitle = "A"\nartist = "B"\ntags = [\n  "influence",  # one\n  "film",\n]\n'
    ),
    "quoted keys": '[[track]]\n"title" = "A"\n"artist" = "B"\n',
    "header with spaces": '[[ track ]]\ntitle = "A"\nartist = "B"\n\n[[ track ]]\ntitle = "C"\n'
    'artist = "D"\n',
    "many blank lines and end comment": (
        '[[track]]\ntitle = "A"\nartist = "B"\n\n\n\n[[track]]\ntitle = "C"\nartist = "D"\n'
        "\n\n# end of list\n"
    ),
    "escapes in strings": '[[track]]\ntitle = "A \\"live\\" \\u00e9"\nartist = "B\\tC"\n',
    "version and year": (
        '[[track]]\ntitle = "Glory Box"\nartist = "Portishead"\nversion = "Live at Roseland"\n'
        'year = 1998\nduration = "5:10"\n'
    ),
    "no final line end": '[[track]]\ntitle = "A"\nartist = "B"\n\n[[track]]\ntitle = "C"\n'
    'artist = "D"',
}


def cases() -> list[tuple[str, str]]:
    shipped = (REPO / "tracks.toml").read_text(encoding="utf-8")
    return [("shipped tracks.toml", shipped), *HAND_WRITTEN.items()]


def test_twenty_hand_written_lists() -> None:
    assert len(HAND_WRITTEN) == 20


def _check_added(old: str, new: str, line: str) -> None:
    """``new`` is ``old`` with exactly ``line`` added (and, when ``old`` lacked one, the final
    line end its last line needs before it)."""
    assert new.count(line) == 1, new
    rest = new.replace(line, "", 1)
    nl = "\r\n" if "\r\n" in old else "\n"
    assert rest == old or (not old.endswith("\n") and rest == old + nl), (old, new)


@pytest.mark.parametrize(("name", "text"), cases(), ids=[c[0] for c in cases()])
def test_adding_a_key_changes_only_that_line(name: str, text: str) -> None:
    body = text.removeprefix("\ufeff")
    n = len(tomllib.loads(body)["track"])
    nl = "\r\n" if "\r\n" in body else "\n"
    for index in range(1, n + 1):
        for key, value in (
            ("spotify", URI),
            ("spotify", "none"),
            ("stand_in", URI),
            ("youtube", "https://youtu.be/dQw4w9WgXcQ"),
        ):
            if key in tomllib.loads(body)["track"][index - 1]:
                continue  # replacing is tested on its own below
            new = tracklist_edit.edit_text(body, index, {key: value})
            indent = "\t" if "\ttitle" in body else "    " if "    title" in body else ""
            _check_added(body, new, f'{indent}{key} = "{value}"{nl}')
            before, after = tomllib.loads(body), tomllib.loads(new)
            before["track"][index - 1][key] = value
            assert after == before


@pytest.mark.parametrize(("name", "text"), cases(), ids=[c[0] for c in cases()])
def test_the_written_file_is_the_same_bytes_plus_the_key(
    tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / "tracks.toml"
    path.write_bytes(text.encode("utf-8"))
    path.chmod(0o640)
    tracklist_edit.write(path, 1, {"spotify": URI})
    new = path.read_bytes().decode("utf-8")
    assert new.startswith("\ufeff") == text.startswith("\ufeff")
    nl = "\r\n" if "\r\n" in text else "\n"
    at = new.index('spotify = "')
    start = new.rindex("\n", 0, at) + 1
    line = new[start:].split(nl)[0] + nl
    _check_added(text, new, line)
    assert path.stat().st_mode & 0o777 == 0o640
    assert tracklist.load(path).tracks[0].spotify == URI


def test_a_comment_above_the_next_table_stays_with_it() -> None:
    text = HAND_WRITTEN["comment above the next table"]
    new = tracklist_edit.edit_text(text, 1, {"spotify": "none"})
    assert new == (
        '[[track]]\ntitle = "A"\nartist = "B"\nspotify = "none"\n\n'
        '# next: the good one\n[[track]]\ntitle = "C"\nartist = "D"\n'
    )


def test_replacing_a_key_keeps_its_place_and_its_comment() -> None:
    text = f'[[track]]\ntitle = "A"\nspotify = "{URI}"  # the 1994 single\nartist = "B"\n'
    new = tracklist_edit.edit_text(text, 1, {"spotify": "none", "stand_in": None})
    assert new == '[[track]]\ntitle = "A"\nspotify = "none"  # the 1994 single\nartist = "B"\n'


def test_removing_a_key_removes_only_its_line() -> None:
    text = f'[[track]]\ntitle = "A"\nartist = "B"\nstand_in = "{URI}"\nnote = "n"\n'
    new = tracklist_edit.edit_text(text, 1, {"spotify": URI, "stand_in": None})
    assert new == f'[[track]]\ntitle = "A"\nartist = "B"\nnote = "n"\nspotify = "{URI}"\n'


def test_an_array_of_inline_tables_gets_the_key_inline() -> None:
    text = 'track = [{title = "A", artist = "B"}]\n'
    new = tracklist_edit.edit_text(text, 1, {"spotify": "none"})
    assert tomllib.loads(new)["track"][0] == {"title": "A", "artist": "B", "spotify": "none"}
    assert new.startswith('track = [{title = "A", artist = "B"')


def test_an_entry_that_is_not_there_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "tracks.toml"
    path.write_text(HAND_WRITTEN["plain"])
    with pytest.raises(TracklistError, match="has no entry 3"):
        tracklist_edit.write(path, 3, {"spotify": URI})
    assert path.read_text() == HAND_WRITTEN["plain"]


def test_a_symlinked_tracklist_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    real = tmp_path / "lists" / "her-smell.toml"
    real.parent.mkdir()
    real.write_text(HAND_WRITTEN["plain"])
    link = tmp_path / "tracks.toml"
    link.symlink_to(real)
    tracklist_edit.write(link, 2, {"spotify": "none"})
    assert link.is_symlink()
    assert real.read_text() == HAND_WRITTEN["plain"] + 'spotify = "none"\n'


def test_a_read_only_tracklist_is_refused_and_left_alone(tmp_path: Path) -> None:
    import os

    path = tmp_path / "tracks.toml"
    path.write_text(HAND_WRITTEN["plain"])
    path.chmod(0o444)
    if os.access(path, os.W_OK):
        pytest.skip("running as root: every file is writable")
    with pytest.raises(TracklistError, match="is read-only; nothing was written"):
        tracklist_edit.write(path, 1, {"spotify": "none"})
    assert path.read_text() == HAND_WRITTEN["plain"]


# --- any list written the way people write them --------------------------------------------

_WORDS = st.text(
    alphabet=st.characters(
        min_codepoint=32,
        max_codepoint=0x2FFF,
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\"'\\",
    ),
    min_size=1,
    max_size=20,
)
_COMMENT = st.builds(lambda t: f"# {t}", _WORDS)
_GAP = st.lists(st.one_of(st.just(""), _COMMENT, st.just("   ")), max_size=3)


@st.composite
def _pair(draw: st.DrawFn, key: str) -> str:
    value = draw(_WORDS)
    quoted = draw(st.sampled_from([f'"{value}"', f"'{value}'"]))
    eq = draw(st.sampled_from([" = ", "=", "   =  ", "\t=\t"]))
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    tail = draw(st.one_of(st.just(""), _COMMENT.map(lambda c: "  " + c)))
    return f"{indent}{key}{eq}{quoted}{tail}"


@st.composite
def _tracklist(draw: st.DrawFn) -> str:
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = draw(_GAP)
    for _ in range(draw(st.integers(1, 4))):
        lines.append(draw(st.sampled_from(["[[track]]", "[[ track ]]", "  [[track]]  # song"])))
        keys = draw(st.permutations(["title", "artist", "album", "note"]))
        for key in keys[: draw(st.integers(2, 4))]:
            lines.append(draw(_pair(key)))
            lines += draw(st.lists(_COMMENT, max_size=1))
        lines += draw(_GAP)
    text = nl.join(lines)
    return text + (nl if draw(st.booleans()) else "")


@settings(max_examples=300, deadline=None)
@given(_tracklist(), st.data())
def test_any_list_gets_one_line_and_keeps_the_rest(text: str, data: st.DataObject) -> None:
    n = len(tomllib.loads(text)["track"])
    index = data.draw(st.integers(1, n))
    new = tracklist_edit.edit_text(text, index, {"spotify": URI})
    nl = "\r\n" if "\r\n" in text else "\n"
    added = [line for line in new.split(nl) if line.lstrip().startswith("spotify = ")]
    assert len(added) == 1
    _check_added(text, new, added[0] + nl if not new.endswith(added[0]) else added[0])
    before, after = tomllib.loads(text), tomllib.loads(new)
    before["track"][index - 1]["spotify"] = URI
    assert after == before
