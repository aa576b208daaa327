"""The liner-notes sheet, as a reader sees it, in each format; its codes; its notes' wording."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tomllib
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from seeds import SEEDS
from test_her_smell import EXPECTED, ROWS

from playlister import urls
from playlister.errors import PlaylisterError, TracklistError
from playlister.lockfile import Lock, LockEntry, MatchInfo, PlaylistRecord
from playlister.notes import FORMATS, build_sheet, qr, render_notes, smarten
from playlister.state import Status, verdict
from playlister.tracklist import PlaylistInfo, Track, Tracklist, load

ROOT = Path(__file__).resolve().parent.parent
GLASTONBURY = "https://www.youtube.com/watch?v=Ew7QoNGHung"
PLAYLIST_ID = "3cEYpjA9oz9GiPac4AsH4n"


@pytest.fixture(scope="module")
def real() -> Tracklist:
    return load(ROOT / "tracks.toml")


def by_title(tracklist: Tracklist, title: str) -> Track:
    return next(t for t in tracklist.tracks if t.title == title)


def entry(track: Track, status: str, match: MatchInfo | None = None) -> LockEntry:
    return LockEntry(
        key=track.key,
        title=track.title,
        artist=track.artist,
        status=Status(status),
        score=0.9,
        reason="",
        checked="2026-01-01T00:00:00Z",
        uri=match.uri if match else None,
        match=match,
    )


def make_lock(*entries: LockEntry, playlist_id: str | None = None) -> Lock:
    lock = Lock(path=ROOT / "tracks.lock", playlist=PlaylistRecord(id=playlist_id))
    for e in entries:
        lock.put(e)
    return lock


def her_smell_lock(tracklist: Tracklist, playlist_id: str | None = PLAYLIST_ID) -> Lock:
    """What matching the Her Smell list against tests/test_her_smell.py's catalog records."""
    rows = {r[0]: r for r in ROWS}
    entries = []
    for track in tracklist.tracks:
        status, tid = EXPECTED[track.title]
        match = None
        if tid:
            _, title, artist, album, date, _pop, ms = rows[tid]
            match = MatchInfo(
                uri=f"spotify:track:{tid}",
                title=title,
                artists=(artist,),
                album=album,
                year=int(date[:4]),
                duration_ms=ms,
            )
        entries.append(entry(track, status, match))
    return make_lock(*entries, playlist_id=playlist_id)


@pytest.fixture(scope="module")
def matched(real: Tracklist) -> Lock:
    return her_smell_lock(real)


def synthetic(*tracks: Track, name: str = "Mix", description: str = "") -> Tracklist:
    numbered = tuple(replace(t, index=i) for i, t in enumerate(tracks, 1))
    return Tracklist(Path("mix.toml"), PlaylistInfo(name, description), numbered)


def visible(out: str, fmt: str) -> str:
    """Roughly what a reader sees: markup and escapes undone, whitespace collapsed."""
    if fmt == "markdown":
        out = re.sub(r"\]\([^)]*\)", "]", out)
        out = out.replace("**", "").replace("\\", "").replace("[", "").replace("]", "")
    elif fmt == "html":
        out = re.sub(r"<(style|svg)\b.*?</\1>", " ", out, flags=re.S)
        out = html.unescape(re.sub(r"<[^>]+>", " ", out))
    return " ".join(out.split())


# ---------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_real_song_appears_with_its_artist_in_order(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt), fmt)
    assert "Her Smell: the songs behind the film" in out
    assert "Alex Ross Perry’s influence list" in out
    positions = []
    for n, track in enumerate(real.tracks, 1):
        heading = f"{n}. {smarten(track.title)} — {smarten(track.artist)}"
        assert heading in out
        positions.append(out.rindex(heading))
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("matched_yet", [False, True])
def test_nothing_of_the_tool_is_on_the_sheet(
    real: Tracklist, matched: Lock, fmt: str, matched_yet: bool
) -> None:
    out = visible(render_notes(real, matched if matched_yet else None, fmt=fmt), fmt)
    for internal in (
        "playlister match",
        "tracks.lock",
        "lockfile",
        "Tags:",
        "influence, film",
        "not matched",
        "to review",
        "substitute:",
        "0 missing",
    ):
        assert internal not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_where_each_song_sits_and_its_note(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt), fmt)
    assert re.search(
        "In the film:? Act 2, the recording studio \\(model for the original song\\)", out
    )
    assert "Plays over the end credits" in out
    assert re.search("Recording wanted:? Live at Glastonbury · YouTube", out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_album_given_as_a_hint_is_not_a_recording_wanted(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt, tags=["influence"]), fmt)
    assert "Use Your Illusion I" in out
    assert "wanted: Use Your Illusion" not in out.replace("wanted ", "wanted: ")
    assert "album Use Your Illusion" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_matched_sheet_points_at_spotify_and_keeps_the_videos(
    real: Tracklist, matched: Lock, fmt: str
) -> None:
    out = render_notes(real, matched, fmt=fmt)
    seen = visible(out, fmt)
    assert "https://open.spotify.com/track/4o8KJQi6JVNpZEZnKe2zJd" in out  # The Shame
    assert "search_query=The+Blood+Brothers+The+Shame" not in out
    assert re.search("Recording:? Crimes \\(2004\\) · 2:51 · Spotify", seen)
    assert re.search(
        "Recording:? “Don’t Cry – Original”, Use Your Illusion I \\(1991\\) · 4:44", seen
    )
    # Blue is only a substitute: the Glastonbury video first, the Spotify stand-in too.
    assert re.search(
        "Recording wanted:? Live at Glastonbury · YouTube (https://\\S+ |- )?"
        "Stand-in on Spotify:? “Blue”, The Menace \\(2000\\) · 2:31 · Spotify",
        seen,
    )
    assert GLASTONBURY in out
    assert "https://open.spotify.com/track/3n4ECRv8YJmTXbvsdFxbNn" in out
    assert re.search("Not on Spotify:? YouTube search", seen)  # Hollywood Dream
    assert f"https://open.spotify.com/playlist/{PLAYLIST_ID}" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_matched_entry_keeps_its_own_video(fmt: str) -> None:
    track = Track("Rebel Girl", "Bikini Kill", youtube=GLASTONBURY, index=1)
    m = MatchInfo(
        uri="spotify:track:4uLU6hMCjMI75M1A2tKUQC",
        title="Rebel Girl",
        artists=("Bikini Kill",),
        album="Pussy Whipped",
        year=1993,
    )
    out = render_notes(synthetic(track), make_lock(entry(track, "matched", m)), fmt=fmt)
    assert "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC" in out
    assert GLASTONBURY in out
    assert re.search("Video:? YouTube", visible(out, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_footer_says_how_many_songs_and_how_to_listen(
    real: Tracklist, matched: Lock, fmt: str
) -> None:
    out = visible(render_notes(real, matched, fmt=fmt), fmt)
    assert "13 songs." in out
    assert (
        "to play it on Spotify, or on YouTube when the recording wanted is not on Spotify." in out
    )
    out = visible(render_notes(real, None, fmt=fmt), fmt)
    assert "to play it on YouTube." in out


def test_footer_gives_the_running_time_when_every_song_has_one() -> None:
    tl = synthetic(Track("A", "B", duration_ms=61_000), Track("C", "D", duration_ms=3_600_000))
    assert "2 songs, 1:01:01 in all." in render_notes(tl, None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_tags_filter_and_renumbering(real: Tracklist, fmt: str) -> None:
    out = visible(render_notes(real, None, fmt=fmt, tags=["FILM"]), fmt)
    assert "1. Because You’re Young — Cock Sparrer" in out
    assert "4. Another Girl, Another Planet — The Only Ones" in out
    assert "The Blood Brothers" not in out and "Heaven" not in out
    assert "5." not in out
    assert "Songs tagged FILM: 4 of 13." in out
    assert "4 songs." in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_web_url_is_never_a_link(fmt: str) -> None:
    tl = synthetic(Track("Odd", "Band", youtube="javascript:alert(1)"))
    out = render_notes(tl, None, fmt=fmt)
    assert 'href="javascript' not in out
    assert "](javascript" not in out
    assert "<svg" not in out  # no code for it either
    assert "alert(1)" in visible(out, fmt)  # still shown, as text


def test_empty_selection_names_the_tags(real: Tracklist) -> None:
    with pytest.raises(TracklistError) as exc:
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


# ---------------------------------------------------------------- typography


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Don't Cry", "Don’t Cry"),
        ('displacing "The Shame".', "displacing “The Shame”."),
        ("The Great Rock 'n' Roll Swindle", "The Great Rock ’n’ Roll Swindle"),
        ("The Great Rock 'N' Roll Swindle", "The Great Rock ’N’ Roll Swindle"),
        ("the Pistols' song", "the Pistols’ song"),
        ("'90s rock", "’90s rock"),
        ("a 'quoted' word", "a ‘quoted’ word"),
        ('("Blue")', "(“Blue”)"),
        ("Don't Cry - Original", "Don’t Cry – Original"),
        ("1977--1979", "1977–1979"),
        ("wait---no", "wait—no"),
        ("...And Out Come The Wolves", "…And Out Come The Wolves"),
        ("break-up", "break-up"),
    ],
)
def test_typographic_quotes_and_dashes(typed: str, printed: str) -> None:
    assert smarten(typed) == printed


# ---------------------------------------------------------------- escaping, every field

NASTY = '<b> "x" </b> & *y* [z](u) `t` _u_ #h |p| ~s~ $d$ !i \\ \x1b[31m'
NASTY_FIELDS = ("title", "artist", "album", "version", "note", "act", "scene")


def nasty_sheet(field: str) -> tuple[Tracklist, Lock]:
    track = replace(Track("Plain", "Band", youtube=GLASTONBURY), **{field: NASTY})
    tl = synthetic(track, name="Name", description="Description")
    return tl, make_lock()


@pytest.mark.parametrize("field", [*NASTY_FIELDS, "name", "description", "match"])
def test_html_escapes_every_field(field: str) -> None:
    tl, lock = nasty_sheet(field if field in NASTY_FIELDS else "note")
    if field in ("name", "description"):
        tl = Tracklist(tl.path, replace(tl.playlist, **{field: NASTY}), tl.tracks)
    if field == "match":
        t = tl.tracks[0]
        m = MatchInfo(
            uri="spotify:track:4uLU6hMCjMI75M1A2tKUQC",
            title=NASTY,
            artists=(NASTY,),
            album=NASTY,
            year=2000,
        )
        lock = make_lock(entry(t, "substitute", m))
    out = render_notes(tl, lock, fmt="html")
    assert "<b>" not in out
    assert "\x1b" not in out
    assert "&lt;b&gt; “x” &lt;/b&gt; &amp;" in out


@pytest.mark.parametrize("field", NASTY_FIELDS)
def test_markdown_escapes_every_field(field: str) -> None:
    tl, lock = nasty_sheet(field)
    out = render_notes(tl, lock, fmt="markdown")
    escaped = (
        "\\<b\\> “x” \\</b\\> & \\*y\\* \\[z\\](u) \\`t\\` \\_u\\_ \\#h \\|p\\| "
        "\\~s\\~ \\$d\\$ \\!i \\\\"
    )
    assert escaped in out
    assert "\x1b" not in out


@pytest.mark.parametrize("field", NASTY_FIELDS)
def test_text_drops_terminal_escapes_from_every_field(field: str) -> None:
    tl, lock = nasty_sheet(field)
    out = render_notes(tl, lock, fmt="text", width=200)
    assert "\x1b" not in out
    assert "<b> “x” </b> & *y* [z](u) `t` _u_ #h |p| ~s~ $d$ !i \\ [31m" in out


def test_html_attribute_values_cannot_break_out() -> None:
    track = Track(
        "A", "B", youtube='https://www.youtube.com/watch?v=Ew7QoNGHung&t=1"onmouseover="x'
    )
    out = render_notes(synthetic(track), None, fmt="html")
    assert (
        'href="https://www.youtube.com/watch?v=Ew7QoNGHung&amp;t=1&#34;onmouseover=&#34;x"' in out
    )
    assert '"onmouseover' not in out


def test_markdown_link_url_cannot_break_out() -> None:
    track = Track("A", "B", youtube="https://www.youtube.com/watch?v=Ew7QoNGHung&x=(1)")
    out = render_notes(synthetic(track), None, fmt="markdown")
    assert "[YouTube](https://www.youtube.com/watch?v=Ew7QoNGHung&x=%281%29)" in out


def test_markdown_paragraph_starts_cannot_become_lists_or_headings() -> None:
    tl = synthetic(Track("A", "B", note="1. Not a list\n\n# Not a heading\n\n- nor this"))
    out = render_notes(tl, None, fmt="markdown")
    assert "\n1\\. Not a list\n" in out
    assert "\n\\# Not a heading\n" in out
    assert "\n\\- nor this\n" in out


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("width", [30, 50, 72, 100])
def test_text_fits_the_width_except_unbreakable_urls(
    real: Tracklist, matched: Lock, width: int
) -> None:
    out = render_notes(real, matched, fmt="text", width=width)
    for line in out.splitlines():
        if len(line) > width:
            word = line.strip()
            assert " " not in word and word.startswith("https://"), line


def test_text_layout(real: Tracklist, matched: Lock) -> None:
    lines = render_notes(real, matched, fmt="text").splitlines()
    assert lines[:2] == [
        "Her Smell: the songs behind the film",
        "====================================",
    ]
    assert " 1. The Shame — The Blood Brothers (Crimes (2004) · 2:51)" in lines
    assert "13. Heaven — Bryan Adams" in lines
    i = lines.index(" 7. Blue — Elastica")
    assert lines[i + 7 : i + 11] == [
        "    Recording wanted: Live at Glastonbury · YouTube",
        f"      {GLASTONBURY}",
        "    Stand-in on Spotify: “Blue”, The Menace (2000) · 2:31 · Spotify",
        "      https://open.spotify.com/track/3n4ECRv8YJmTXbvsdFxbNn",
    ]


def test_text_narrow_width_refused(real: Tracklist) -> None:
    with pytest.raises(ValueError, match="width"):
        render_notes(real, None, fmt="text", width=5)


# ---------------------------------------------------------------- markdown


def test_markdown_has_an_overview_table_and_stays_link_only(real: Tracklist, matched: Lock) -> None:
    out = render_notes(real, matched, fmt="markdown")
    assert (
        "| # | Song | Artist | Recording | Time |\n|--:|------|--------|-----------|-----:|\n"
        in out
    )
    assert "| 1 | The Shame | The Blood Brothers | Crimes (2004) | 2:51 |\n" in out
    assert "| 11 | Hollywood Dream | The Runaways | Not on Spotify | — |\n" in out
    assert "## 7. Blue — Elastica\n" in out
    assert f"- **Recording wanted:** Live at Glastonbury · [YouTube]({GLASTONBURY})\n" in out
    assert f"**[The playlist on Spotify](https://open.spotify.com/playlist/{PLAYLIST_ID})**" in out
    assert "<svg" not in out and "![" not in out


# ---------------------------------------------------------------- html and its codes


def decode_svg(svg: str) -> list[list[bool]]:
    """The module matrix drawn by one of segno's inline SVGs (quiet zone included)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg)[1])
    grid = [[False] * size for _ in range(size)]
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg)[1]  # the dark modules
    x = y = 0.0
    for op, args in re.findall(r"([MmHhVv])([-\d. ]+)", path):
        nums = [float(n) for n in args.split()]
        if op == "M":
            x, y = nums
        elif op == "m":
            x, y = x + nums[0], y + nums[1]
        elif op == "h":
            for col in range(int(x), int(x + nums[0])):
                grid[int(y)][col] = True
            x += nums[0]
        else:
            raise AssertionError(f"unexpected path operator {op}")
    return grid


def expected_matrix(url: str) -> list[list[bool]]:
    code = qr.make(url)
    return [[bool(v) for v in row] for row in code.matrix_iter(border=qr.QUIET_ZONE)]


def codes(out: str) -> dict[str, list[list[bool]]]:
    """Each code on the page, keyed by the link around it."""
    found = re.findall(r'<a class="code[^"]*" href="([^"]+)"[^>]*>(<svg.*?</svg>)', out, flags=re.S)
    return {html.unescape(href): decode_svg(svg) for href, svg in found}


@pytest.mark.parametrize("with_lock", [False, True])
def test_every_song_code_encodes_where_to_listen(
    real: Tracklist, matched: Lock, with_lock: bool
) -> None:
    lock = matched if with_lock else None
    out = render_notes(real, lock, fmt="html")
    found = codes(out)
    for track in real.tracks:
        listen = verdict(track, lock.get(track) if lock else None).listen
        assert found[listen] == expected_matrix(listen), track.title
    songs = re.findall(r'<li class="song".*?</li>', out, flags=re.S)
    assert len(songs) == 13
    assert all(s.count("<svg") == 1 for s in songs)


def test_blue_code_plays_the_glastonbury_video_after_matching(
    real: Tracklist, matched: Lock
) -> None:
    out = render_notes(real, matched, fmt="html")
    blue = re.search(r'<li class="song" id="song-7">.*?</li>', out, flags=re.S)[0]
    ((href, svg),) = re.findall(
        r'<a class="code" href="([^"]+)"[^>]*>(<svg.*?</svg>)', blue, flags=re.S
    )
    assert href == GLASTONBURY
    assert decode_svg(svg) == expected_matrix(GLASTONBURY)


def test_the_playlist_code(real: Tracklist, matched: Lock) -> None:
    url = f"https://open.spotify.com/playlist/{PLAYLIST_ID}"
    assert codes(render_notes(real, matched, fmt="html"))[url] == expected_matrix(url)
    # Matched but no playlist made yet: nothing to point at for the whole list.
    out = render_notes(real, her_smell_lock(real, playlist_id=None), fmt="html")
    assert 'class="code code-playlist"' not in out


def test_with_nothing_matched_the_list_code_plays_the_videos() -> None:
    other = "https://youtu.be/dQw4w9WgXcQ"
    tl = synthetic(
        Track("A", "B", youtube=GLASTONBURY), Track("C", "D"), Track("E", "F", youtube=other)
    )
    out = render_notes(tl, None, fmt="html")
    play_all = urls.watch_videos(["Ew7QoNGHung", "dQw4w9WgXcQ"])
    assert codes(out)[play_all] == expected_matrix(play_all)
    assert "The 2 videos in a row on YouTube" in out


def test_html_loads_nothing_from_the_network(real: Tracklist, matched: Lock) -> None:
    for lock in (None, matched):
        out = render_notes(real, lock, fmt="html")
        for tag in re.findall(r"<(?:link|script|img|style|iframe|source|video|audio)\b[^>]*>", out):
            assert not re.search(r"(src|href)\s*=", tag), tag
        assert "@import" not in out
        assert "url(" not in out
        assert "@font-face" not in out
        assert not re.search(r"<(script|iframe|img|link)\b", out)


def test_html_is_a_standalone_printable_page(real: Tracklist) -> None:
    out = render_notes(real, None, fmt="html")
    assert out.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in out
    assert "<title>Her Smell: the songs behind the film — liner notes</title>" in out
    assert "@media print" in out
    assert "break-inside: avoid" in out
    assert "attr(href)" not in out  # on paper the raw URLs are not printed
    assert "break-before: page" not in out and "page-break-before: always" not in out
    assert out.count('<li class="song"') == 13
    assert out.rstrip().endswith("</html>")


def test_templates_ship_in_the_package() -> None:
    names = {p.name for p in resources.files("playlister.notes").joinpath("templates").iterdir()}
    assert {"sheet.html.j2", "sheet.md.j2", "sheet.txt.j2", "sheet.css"} <= names
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = pyproject["tool"]["setuptools"]["package-data"]["playlister.notes"]
    assert "templates/*.j2" in data and "templates/*.css" in data


def test_sheet_model_follows_the_verdict(real: Tracklist, matched: Lock) -> None:
    sheet = build_sheet(real, matched)
    for song, track in zip(sheet.songs, real.tracks, strict=True):
        assert song.listen.url == verdict(track, matched.get(track)).listen


# ---------------------------------------------------------------- printed, in a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = (
    CHROMIUM and shutil.which("pdftoppm") and shutil.which("zbarimg") and shutil.which("pdfinfo")
)


@pytest.mark.slow
@pytest.mark.skipif(not TOOLS, reason="needs chromium, poppler-utils and zbar-tools")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_codes_scan(real: Tracklist, matched: Lock, tmp_path: Path, paper: str) -> None:
    """Print the matched sheet to PDF, rasterise at 150 dpi, and read every code back."""
    page = render_notes(real, matched, fmt="html").replace("@page {", f"@page {{ size: {paper};")
    (tmp_path / "sheet.html").write_text(page)
    pdf = tmp_path / "sheet.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            (tmp_path / "sheet.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info.stdout, flags=re.M)[1])
    assert pages <= 3, f"{pages} pages on {paper}; the text fills three"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(str(p) for p in tmp_path.glob("p-*.png"))
    scan = subprocess.run(["zbarimg", "-q", "--raw", *pngs], capture_output=True, text=True)
    decoded = set(scan.stdout.split())
    wanted = {verdict(t, matched.get(t)).listen for t in real.tracks}
    wanted.add(f"https://open.spotify.com/playlist/{PLAYLIST_ID}")
    assert decoded == wanted
    assert GLASTONBURY in decoded


@pytest.mark.slow
@pytest.mark.skipif(not TOOLS, reason="needs chromium, poppler-utils and zbar-tools")
def test_printed_with_the_browsers_defaults_no_header_or_footer_and_margins_on_every_page(
    real: Tracklist, matched: Lock, tmp_path: Path
) -> None:
    """Printed as a person does it (Chrome's headers and footers left on): no date, title,
    file path or page number on the paper, and text at least 13 mm from every edge of every
    page; no line ends in a hyphen that splits a word."""
    (tmp_path / "sheet.html").write_text(
        render_notes(real, matched, fmt="html").replace("@page {", "@page { size: A4;")
    )
    pdf = tmp_path / "sheet.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            (tmp_path / "sheet.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "file://" not in text and "sheet.html" not in text
    assert not re.search(r"\b\d+/\d+\s*$", text, flags=re.M)  # "1/3": a page counter
    assert not re.search(r"\w-$", text, flags=re.M), "a word split at a hyphen"
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    margin = 13 / 25.4 * 72  # points
    for page in re.findall(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, flags=re.S
    ):
        width, height, words = float(page[0]), float(page[1]), page[2]
        boxes = [
            tuple(map(float, b))
            for b in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words
            )
        ]
        assert boxes
        assert min(b[1] for b in boxes) >= margin and max(b[3] for b in boxes) <= height - margin
        assert min(b[0] for b in boxes) >= margin and max(b[2] for b in boxes) <= width - margin


def test_a_hyphenated_word_is_never_split_across_lines(real: Tracklist, matched: Lock) -> None:
    html_out = render_notes(real, matched, fmt="html")
    assert '<span class="whole">B-side</span>' in html_out
    assert ".whole { white-space: nowrap; }" in html_out
    assert "hyphens: auto" not in html_out
    for width in range(40, 101):
        text = render_notes(real, matched, fmt="text", width=width)
        assert not re.search(r"\w-$", text, flags=re.M), width


def test_on_a_phone_the_codes_float_so_text_flows_beside_them(
    real: Tracklist, matched: Lock
) -> None:
    out = render_notes(real, matched, fmt="html")
    # The code comes first in each song, so a float has the heading and text wrap round it.
    songs = re.findall(r'<li class="song"[^>]*>\n(.{0,20})', out)
    assert songs and all(s.startswith('<a class="code"') for s in songs)
    phone = out.split("@media (max-width: 36rem)", 1)[1].split("\n}\n", 1)[0]
    assert ".song { display: flow-root; }" in phone
    assert re.search(r"\.song \.code \{ float: right;", phone)
    assert "grid-template-areas" not in phone


# ---------------------------------------------------------------- the notes' wording


def _words(text: str) -> list[str]:
    text = text.casefold().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not here")
def test_no_note_copies_a_run_of_eight_words_from_a_source(real: Tracklist) -> None:
    run = 8
    seen: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        w = _words(seed.read_text(encoding="utf-8"))
        seen.update(tuple(w[i : i + run]) for i in range(len(w) - run + 1))
    copied = []
    for track in real.tracks:
        w = _words(track.note or "")
        copied += [
            f"{track.title}: {' '.join(w[i : i + run])}"
            for i in range(len(w) - run + 1)
            if tuple(w[i : i + run]) in seen
        ]
    assert copied == []
