"""Arbitrary input never raises anything but the library's own errors."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playlister.errors import PlaylisterError
from playlister.importer import import_source, import_text
from playlister.importer.exportify import from_spotify_tracks, read_exportify
from playlister.importer.finder import find_songs
from playlister.importer.html import html_to_text

PIECES = st.sampled_from(
    [
        '"',
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "'",
        " by ",
        " and ",
        "\u2013",
        " - ",
        "(",
        ")",
        "[",
        "](https://youtu.be/abcdefghijk)",
        "*",
        "_",
        "#",
        "- ",
        "1. ",
        "\n",
        "\n\n",
        "Blue",
        "Elastica",
        "the song ",
        "album ",
        "lyrics, ",
        "Live at ",
        ":",
        ",",
        ".",
        "https://www.youtube.com/watch?v=Ew7QoNGHung",
        "<p>",
        "</p>",
        "<a href='x'>",
        "</a>",
        "<script>",
        "<nav>",
        "<h2>",
        "</h2>",
        "| ",
        " |",
        "|---|---|",
        "| Song | Artist |",
        "Q: ",
        "A: ",
        "> ",
        "**",
        "?",
        "<table><tr><th>",
        "</th><td>",
        "</td></tr>",
        "</table>",
        "<figure><iframe src='https://www.youtube.com/embed/Ew7QoNGHung'>",
        "<figcaption>",
        "</figcaption></figure>",
        " opened with ",
        "The National",
        " whose ",
        ": ",
    ]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_finder_never_raises_and_titles_are_clean(text: str) -> None:
    songs, left = find_songs(text)
    for song in songs:
        assert song.title and song.title == song.title.strip()
        assert "\n" not in song.title and "\n" not in song.passage
        assert song.artist is None or song.artist.strip()
    assert all(x.reason for x in left)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_html_to_text_never_raises(text: str) -> None:
    out, title = html_to_text(text)
    assert isinstance(out, str)
    assert title is None or title.strip() == title


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_a_draft_from_any_text_is_valid_toml(text: str) -> None:
    import tomllib

    result = import_text(text)
    data = tomllib.loads(result.toml)
    assert len(data.get("track", [])) == len(result.songs)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_csv_reader_raises_only_source_errors(text: str) -> None:
    with contextlib.suppress(PlaylisterError):
        read_exportify("Track Name,Artist Name(s)\n" + text, "x.csv")
    with contextlib.suppress(PlaylisterError):
        read_exportify(text, "x.csv")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                ["track", "name", "type", "artists", "album", "uri", "duration_ms", "is_local"]
            ),
            st.one_of(
                st.none(),
                st.text(max_size=10),
                st.integers(),
                st.booleans(),
                st.just([{"name": "A"}]),
                st.just({"name": "X", "release_date": "1999"}),
            ),
        ),
        max_size=10,
    )
)
def test_spotify_items_never_raise(items: list[dict]) -> None:
    from_spotify_tracks(items)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_any_file_raises_only_library_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with contextlib.suppress(PlaylisterError):
        import_source(str(path))


CELL = st.text(alphabet=st.characters(blacklist_characters="|\n\r"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELL, CELL), min_size=1, max_size=6))
def test_a_song_table_gives_at_most_one_song_a_row_from_its_cells(
    rows: list[tuple[str, str]],
) -> None:
    table = "| Song | Artist |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    songs, _ = find_songs(table)
    assert len(songs) <= len(rows)
    straight = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
    # emphasis marks (``_A_``, ``*A*``) are markup, not part of the title
    cells = " ".join(" ".join(a.split()) for a, _ in rows).translate(straight)
    cells = cells.replace("*", "").replace("_", "")
    for song in songs:  # the title comes from the Song column, never from nowhere
        assert song.title and song.title.split()[0].replace("*", "").replace("_", "") in cells
