"""The liner-notes sheet, as a reader sees it, in each format."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from playlister.errors import PlaylisterError
from playlister.lockfile import Lock, LockEntry, MatchInfo
from playlister.notes import FORMATS, render_notes
from playlister.state import Status
from playlister.tracklist import PlaylistInfo, Track, Tracklist, load

ROOT = Path(__file__).resolve().parent.parent
SPOTIFY_ID = "4uLU6hMCjMI75M1A2tKUQC"
SUB_ID = "0eGsygTp906u18L0Oimnem"


@pytest.fixture(scope="module")
def real() -> Tracklist:
    return load(ROOT / "tracks.toml")


def by_title(tracklist: Tracklist, title: str) -> Track:
    return next(t for t in tracklist.tracks if t.title == title)


def entry(track: Track, status: str, uri: str | None = None,
          match: MatchInfo | None = None) -> LockEntry:
    return LockEntry(key=track.key, title=track.title, artist=track.artist, status=Status(status),
                     score=0.9, reason="", checked="2025-01-01T00:00:00Z", uri=uri, match=match)


def make_lock(*entries: LockEntry, playlist_id: str | None = None) -> Lock:
    lock = Lock(path=ROOT / "tracks.lock", playlist_id=playlist_id)
    for e in entries:
        lock.put(e)
    return lock


@pytest.fixture()
def mixed_lock(real: Tracklist) -> Lock:
    """The Shame matched; Blue only as a substitute; Hollywood Dream missing; Heaven to review."""
    sub = MatchInfo(uri=f"spotify:track:{SUB_ID}", title="Blue (2011 Remaster)",
                    artists=("Elastica",), album="The Menace", year=2000)
    return make_lock(
        entry(by_title(real, "The Shame"), "matched", f"spotify:track:{SPOTIFY_ID}"),
        entry(by_title(real, "Blue"), "substitute", sub.uri, sub),
        entry(by_title(real, "Hollywood Dream"), "missing"),
        entry(by_title(real, "Heaven"), "review"),
    )


def synthetic(*tracks: Track, name: str = "Mix", description: str = "") -> Tracklist:
    numbered = tuple(replace(t, index=i) for i, t in enumerate(tracks, 1))
    return Tracklist(Path("mix.toml"), PlaylistInfo(name, description), numbered)


def visible(out: str, fmt: str) -> str:
    """Roughly what a reader sees: escapes undone, whitespace collapsed."""
    if fmt == "markdown":
        out = out.replace("**", "").replace("\\", "")
    elif fmt == "html":
        out = re.sub(r"<style>.*?</style>", " ", out, flags=re.S)
        out = html.unescape(re.sub(r"<[^>]+>", " ", out))
    return " ".join(out.split())


# ---------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_real_song_appears_with_its_artist_in_order(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt), fmt)
    assert "Her Smell: the songs behind the film" in out
    assert "Alex Ross Perry's influence list" in out
    positions = []
    for n, track in enumerate(real.tracks, 1):
        heading = f"{n}. {track.title} — {track.artist}"
        assert heading in out
        positions.append(out.index(heading))
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_song_details_are_shown(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt), fmt)
    assert re.search("Recording wanted:? Live at Glastonbury", out)
    assert "Act 2, the recording studio (model for the original song)" in out
    assert "Plays over the end credits" in out
    assert "influence, film" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_spotify_link_when_matched_youtube_otherwise(
    real: Tracklist, mixed_lock: Lock, fmt: str
) -> None:
    out = render_notes(real, mixed_lock, fmt=fmt)
    spotify = f"https://open.spotify.com/track/{SPOTIFY_ID}"
    shame_search = "https://www.youtube.com/results?search_query=The+Blood+Brothers+The+Shame"
    heaven_search = "https://www.youtube.com/results?search_query=Bryan+Adams+Heaven"
    assert spotify in out
    assert shame_search not in out  # matched: no need to search YouTube
    assert heaven_search in out  # only to review: not playable yet
    if fmt == "markdown":
        assert f"[Spotify]({spotify})" in out
        assert f"[YouTube search]({heaven_search})" in out
    if fmt == "html":
        assert f'<a href="{spotify}">Spotify</a>' in out
        assert f'<a href="{heaven_search}">YouTube search</a>' in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_substitute_is_labelled_and_wanted_version_still_linked(
    real: Tracklist, mixed_lock: Lock, fmt: str
) -> None:
    out = render_notes(real, mixed_lock, fmt=fmt)
    seen = visible(out, fmt)
    assert "substitute: blue (2011 remaster) — the menace (2000)" in seen.casefold()
    assert f"https://open.spotify.com/track/{SUB_ID}" in out
    assert "https://www.youtube.com/watch?v=Ew7QoNGHung" in out
    assert "YouTube (the version wanted)" in seen


@pytest.mark.parametrize("fmt", FORMATS)
def test_own_youtube_link_preferred_to_a_search(real: Tracklist, fmt: str) -> None:
    out = render_notes(real, None, fmt=fmt)
    assert "https://www.youtube.com/watch?v=Ew7QoNGHung" in out
    assert "search_query=Elastica+Blue" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_footer_counts_and_source(real: Tracklist, mixed_lock: Lock, fmt: str) -> None:
    out = visible(render_notes(real, mixed_lock, fmt=fmt), fmt)
    assert ("13 songs: 2 on Spotify (1 substitute), 1 missing, 1 to review, "
            "9 not matched yet.") in out
    assert "Spotify matches come from the lockfile tracks.lock." in out
    assert "Not on Spotify".casefold() in out.casefold()  # Hollywood Dream, said per song


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_matched_yet(real: Tracklist, fmt: str) -> None:
    for lock in (None, make_lock()):
        out = visible(render_notes(real, lock, fmt=fmt), fmt)
        assert "13 songs: 0 on Spotify (0 substitutes), 0 missing, 0 to review, " \
               "13 not matched yet." in out
        assert "Nothing is matched on Spotify yet" in out
        assert "come from the lockfile" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_tags_filter_and_renumbering(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt, tags=["FILM"]), fmt)
    assert "1. Because You're Young — Cock Sparrer" in out
    assert "5. Heaven — Bryan Adams" in out
    assert "The Blood Brothers" not in out
    assert "6." not in out
    assert "Songs tagged FILM: 5 of 13." in out
    assert "5 songs:" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_playlist_link_in_header(real: Tracklist, fmt: str) -> None:
    out = render_notes(real, make_lock(playlist_id="37i9dQZF1DX0XUsuxWHRQd"), fmt=fmt)
    assert "https://open.spotify.com/playlist/37i9dQZF1DX0XUsuxWHRQd" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_web_url_is_never_a_link(fmt: str) -> None:
    tl = synthetic(Track("Odd", "Band", youtube="javascript:alert(1)"))
    out = render_notes(tl, None, fmt=fmt)
    assert 'href="javascript' not in out
    assert "](javascript" not in out
    assert "alert(1)" in visible(out, fmt)  # still shown, as text


def test_empty_selection_names_the_tags(real: Tracklist) -> None:
    with pytest.raises(PlaylisterError) as exc:
        render_notes(real, None, tags=["soundtrack", "demo"])
    msg = str(exc.value)
    assert "soundtrack" in msg and "demo" in msg
    assert "film, influence" in msg  # the tags the file does use
    assert "tracks.toml" in msg


def test_empty_tracklist_is_an_error_not_a_blank_sheet() -> None:
    with pytest.raises(PlaylisterError, match="no songs"):
        render_notes(synthetic(), None)


def test_unknown_format(real: Tracklist) -> None:
    with pytest.raises(ValueError, match="pdf"):
        render_notes(real, None, fmt="pdf")


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("width", [30, 50, 72, 100])
def test_text_fits_the_width_except_unbreakable_urls(
    real: Tracklist, mixed_lock: Lock, width: int
) -> None:
    out = render_notes(real, mixed_lock, fmt="text", width=width)
    assert "\x1b" not in out
    for line in out.splitlines():
        if len(line) > width:
            word = line.strip()
            assert " " not in word and word.startswith("https://"), line


def test_text_numbering_is_aligned(real: Tracklist) -> None:
    lines = render_notes(real, None, fmt="text").splitlines()
    assert " 1. The Shame — The Blood Brothers" in lines
    assert "13. Heaven — Bryan Adams" in lines
    assert any(ln.startswith("    Held the opening-song slot") for ln in lines)  # indented


def test_text_narrow_width_refused(real: Tracklist) -> None:
    with pytest.raises(ValueError, match="width"):
        render_notes(real, None, fmt="text", width=5)


def test_recording_and_place_from_parts() -> None:
    tl = synthetic(Track("Rebel Girl", "Bikini Kill", album="Pussy Whipped", year=1993,
                         version="single version", act="II", scene="the green room"))
    out = render_notes(tl, None)
    assert "Recording wanted: single version · album Pussy Whipped (1993)" in out
    assert "In the film: Act II, the green room" in out


# ---------------------------------------------------------------- markdown

NASTY_MD = Track(
    "*Star* [Bonus] <b>_x_</b> $1 `tick`",
    "A|B ~C~",
    note="1. Not a list\n\n# Not a heading, &amp; not an entity",
    youtube="https://www.youtube.com/watch?v=Ew7QoNGHung&x=(1)",
)


def test_markdown_escapes_values() -> None:
    out = render_notes(synthetic(NASTY_MD, name="My *mix*"), None, fmt="markdown")
    assert "# My \\*mix\\*" in out
    assert ("## 1. \\*Star\\* \\[Bonus\\] \\<b\\>\\_x\\_\\</b\\> \\$1 \\`tick\\` — "
            "A\\|B \\~C\\~") in out
    assert re.search(r"(?<!\\)\*Star", out) is None
    assert "\n1\\. Not a list\n" in out
    assert "\n\\# Not a heading, \\&amp; not an entity\n" in out


def test_markdown_link_url_cannot_break_out() -> None:
    out = render_notes(synthetic(NASTY_MD), None, fmt="markdown")
    assert "[YouTube](https://www.youtube.com/watch?v=Ew7QoNGHung&x=%281%29)" in out


def test_markdown_notes_keep_paragraphs() -> None:
    tl = synthetic(Track("A", "B", note="First paragraph.\n\nSecond paragraph."))
    out = render_notes(tl, None, fmt="markdown")
    assert "First paragraph.\n\nSecond paragraph." in out


# ---------------------------------------------------------------- html

NASTY_HTML = Track(
    '<script>alert("x")</script> & \'Q\'',
    "Tom & Jerry",
    note='Loud <b>"bold"</b> & proud',
    youtube='https://www.youtube.com/watch?v=Ew7QoNGHung&t=1"onmouseover="alert(1)',
)


def test_html_is_a_standalone_printable_page(real: Tracklist) -> None:
    out = render_notes(real, None, fmt="html")
    assert out.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in out
    assert "<title>Her Smell: the songs behind the film — liner notes</title>" in out
    assert "@media print" in out
    assert "page-break-inside: avoid" in out
    assert 'content: " <" attr(href) ">"' in out  # printed sheets show the URLs
    assert out.count('<li class="song"') == 13
    assert out.rstrip().endswith("</html>")


def test_html_escapes_titles_notes_and_urls() -> None:
    tl = synthetic(NASTY_HTML, name="<i>Mix</i>")
    lock = make_lock(playlist_id="abc")
    out = render_notes(tl, lock, fmt="html")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Q&#x27;" in out
    assert "Tom &amp; Jerry" in out
    assert "Loud &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; proud" in out
    assert ('href="https://www.youtube.com/watch?v=Ew7QoNGHung&amp;t=1&quot;onmouseover='
            '&quot;alert(1)"') in out
    assert '"onmouseover' not in out
    assert "<title>&lt;i&gt;Mix&lt;/i&gt; — liner notes</title>" in out
    assert "<i>" not in out


def test_html_notes_keep_paragraphs() -> None:
    tl = synthetic(Track("A", "B", note="First paragraph.\n\nSecond <paragraph>."))
    out = render_notes(tl, None, fmt="html")
    assert "<p>First paragraph.</p><p>Second &lt;paragraph&gt;.</p>" in out


def test_malformed_url_is_shown_not_linked() -> None:
    out = render_notes(synthetic(Track("A", "B", youtube="http://[broken")), None, fmt="html")
    assert "http://[broken" in out
    assert 'href="http://[broken' not in out
