"""Settling doubtful entries: `playlister pin` through the CLI, `playlister review` in a real
pseudo-terminal against a fake Spotify on 127.0.0.1.

What a user must be able to count on: the choice lands in tracks.toml as one added line
(`git diff` shows nothing else), the lockfile is updated in the same step so the next
`match` sends no search for the entry, a pinned stand-in keeps the version asked for, and
quitting keeps everything chosen so far.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_catalog import Catalog, CatalogSearch, FakeSpotify, make_track

from playlister import app, audit, lockfile
from playlister.cli import cli
from playlister.config import Settings
from playlister.errors import PlaylisterError
from playlister.state import Status
from playlister.tracklist import load

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parent.parent


def tid(n: int) -> str:
    return f"{n:022d}"


CATALOG = [
    make_track(tid(1), "Blue", "Elastica", "Elastica", 1995),
    make_track(tid(2), "Glory Box", "Portishead", "Dummy", 1994),
    make_track(tid(3), "Hollywood", "The Runaways", "Queens of Noise", 1977),
    make_track(tid(4), "Cherry Bomb", "The Runaways", "The Runaways", 1976),
    make_track(tid(5), "Sour Times", "Portishead", "Dummy", 1994),
    make_track(tid(6), "Glory Box - Live", "Portishead", "Roseland NYC Live", 1998),
]

LIST = """\
# My list: comments, spacing and quoting are mine.
[playlist]
name = "Review test"

[[track]]
title = "Blue"
artist = "Elastica"

[[track]]
title = "Glory Box"
artist = "Portishead"
version = "Live at Glastonbury"   # the 1998 one

# a comment above the next table
[[track]]
title = "Hollywood Dream"
artist = 'The Runaways'

[[track]]
title = 'Nowhere Song'
artist = "Nobody Band"
"""


def added_lines(old: str, new: str) -> list[str]:
    """The lines ``new`` adds to ``old``, asserting it changes nothing else."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added, i = [], 0
    for line in new_lines:
        if i < len(old_lines) and line == old_lines[i]:
            i += 1
        else:
            added.append(line.rstrip("\n"))
    assert i == len(old_lines), "a line of the original was changed or removed"
    return added


@pytest.fixture
def project(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "tracks.toml"
    path.write_text(LIST)
    app.match(path, settings, catalog_factory=lambda: CatalogSearch(CATALOG))
    return path


def rematch(path: Path, settings: Settings) -> tuple[int, dict[int, Status]]:
    """Run `match` again: the search requests it sent, and every entry's status."""
    search = CatalogSearch(CATALOG)
    result = app.match(path, settings, catalog_factory=lambda: search)
    return search.requests, {r.number: r.status for r in result.rows}


def pin(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["pin", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_the_project_starts_with_three_doubtful_entries(project: Path, settings: Settings) -> None:
    assert rematch(project, settings) == (
        0,
        {1: Status.MATCHED, 2: Status.SUBSTITUTE, 3: Status.MISSING, 4: Status.MISSING},
    )


def test_pin_writes_one_line_and_the_next_match_makes_no_search(
    project: Path, settings: Settings
) -> None:
    code, out = pin("3", f"https://open.spotify.com/track/{tid(3)}?si=x", "-f", str(project))
    assert code == 0, out
    assert out == (
        f"3. The Runaways - Hollywood Dream: pinned Hollywood \u2014 The Runaways "
        f"(spotify:track:{tid(3)}) as the recording asked for.\n"
        f'Wrote spotify = "spotify:track:{tid(3)}" into tracks.toml (entry 3); the lockfile '
        "is updated, so `playlister match` will not search for it.\n"
    )
    assert added_lines(LIST, project.read_text()) == [f'spotify = "spotify:track:{tid(3)}"']
    entry = lockfile.load(project.with_suffix(".lock")).get(load(project).tracks[2])
    assert entry is not None and entry.pinned and entry.match is not None
    assert (entry.match.title, entry.match.album) == ("Hollywood", "Queens of Noise")
    assert rematch(project, settings) == (
        0,
        {1: Status.MATCHED, 2: Status.SUBSTITUTE, 3: Status.MATCHED, 4: Status.MISSING},
    )


def test_pin_none_records_not_on_spotify_and_nothing_searches_for_it(
    project: Path, settings: Settings
) -> None:
    code, out = pin("Nowhere Song", "--none", "--tracks", str(project))
    assert code == 0, out
    assert added_lines(LIST, project.read_text()) == ['spotify = "none"']
    searches, states = rematch(project, settings)
    assert (searches, states[4]) == (0, Status.MISSING)
    # Even --refresh, which searches everything else again, leaves it alone.
    search = CatalogSearch(CATALOG)
    app.match(project, settings, refresh=True, catalog_factory=lambda: search)
    assert not any("Nowhere" in q for q in search.queries)
    audit = app.audit(project)
    assert "marked as not on Spotify in the tracklist" in audit.lines()[0]
    assert (
        app.check(project)
        .lines()[0]
        .endswith(
            "1 with a version wanted; 0 with a YouTube link; 0 pinned; 1 marked not on Spotify."
        )
    )


def test_pinning_the_substitute_keeps_the_version_asked_for(
    project: Path, settings: Settings
) -> None:
    code, out = pin("2", f"spotify:track:{tid(2)}", "-f", str(project))
    assert code == 0, out
    assert "as a stand-in for the \u2018Live at Glastonbury\u2019 recording" in out
    assert added_lines(LIST, project.read_text()) == [f'stand_in = "spotify:track:{tid(2)}"']
    track = load(project).tracks[1]
    assert track.version == "Live at Glastonbury"
    assert rematch(project, settings)[0] == 0
    text = app.audit(project).lines()[0]
    assert "- 2. Glory Box \u2014 Portishead: substitute" in text
    assert "    wanted: Live at Glastonbury" in text
    assert "    stands in: Glory Box \u2014 Portishead (Dummy, 1994)" in text
    sheet = app.notes(project).text
    assert "Stand-in on Spotify" in sheet and "Live at Glastonbury" in sheet


def test_pinning_it_as_the_take_asked_for_makes_it_a_match(
    project: Path, settings: Settings
) -> None:
    code, out = pin("2", f"spotify:track:{tid(6)}", "--as-wanted", "-f", str(project))
    assert code == 0, out
    assert added_lines(LIST, project.read_text()) == [f'spotify = "spotify:track:{tid(6)}"']
    assert rematch(project, settings) == (
        0,
        {1: Status.MATCHED, 2: Status.MATCHED, 3: Status.MISSING, 4: Status.MISSING},
    )


def test_pinning_again_replaces_the_pin_in_place(project: Path) -> None:
    pin("2", f"spotify:track:{tid(2)}", "-f", str(project))
    pin("2", f"spotify:track:{tid(6)}", "--as-wanted", "-f", str(project))
    assert added_lines(LIST, project.read_text()) == [f'spotify = "spotify:track:{tid(6)}"']


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["9", "--none"], "there is no entry 9; the list has 4"),
        (["Nothing Like It", "--none"], "no entry is titled 'Nothing Like It'"),
        (
            ["o", "--none"],
            "3 entries fit 'o' (2. Portishead - Glory Box; 3. The Runaways - "
            "Hollywood Dream; 4. Nobody Band - Nowhere Song); give the number",
        ),
        (["3", "https://example.org/x"], "'https://example.org/x' is not a Spotify track link"),
        (["3"], "give either a Spotify track link or --none"),
        (["3", f"spotify:track:{tid(3)}", "--none"], "give either a Spotify track link or --none"),
    ],
)
def test_pin_refuses_what_it_cannot_do_and_writes_nothing(
    project: Path, args: list[str], message: str
) -> None:
    code, out = pin(*args, "-f", str(project))
    assert code == 1
    assert out.startswith("Error: ") and message in out and out.count("\n") == 1
    assert project.read_text() == LIST


def test_review_without_a_terminal_points_at_json_and_pin(project: Path) -> None:
    result = CliRunner().invoke(cli, ["review", str(project)], input="1\n")
    assert result.exit_code == 1
    assert result.output == (
        "Error: playlister review asks you about each doubtful entry, so it needs a terminal. "
        "In a script, list them with `playlister audit --json` and settle each with "
        "`playlister pin N URI` (or `playlister pin N --none`).\n"
    )
    assert project.read_text() == LIST


# ----------------------------------------------------------------- a real terminal


@pytest.fixture
def fake() -> Iterator[FakeSpotify]:
    with FakeSpotify(Catalog(CATALOG)) as server:
        yield server


def cli_env(fake: FakeSpotify, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPOTIPY_", "PLAYLISTER_"))}
    env.update(
        SPOTIPY_CLIENT_ID="review-id",
        SPOTIPY_CLIENT_SECRET="review-secret",
        PLAYLISTER_API_URL=fake.api_url,
        PLAYLISTER_AUTH_URL=fake.base_url,
        PLAYLISTER_HOME=str(home),
        TERM="dumb",
        COLUMNS="100",
        LINES="40",
    )
    return env


def installed_cli() -> list[str]:
    """The console script pip installed beside this interpreter (as a user runs it)."""
    script = Path(sys.executable).with_name("playlister")
    if script.exists():
        return [str(script)]
    found = shutil.which("playlister")
    return [found] if found else [sys.executable, "-m", "playlister"]


def spawn(args: list[str], cwd: Path, env: dict[str, str]):
    cmd = installed_cli()
    return pexpect.spawn(
        cmd[0],
        [*cmd[1:], *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def run_cli(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    cmd = installed_cli()
    return subprocess.run(
        [*cmd, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


PROMPT = r"\[[0-9s][^\]\n]*\]\? "


def test_one_review_session_settles_every_doubtful_entry(tmp_path: Path, fake: FakeSpotify) -> None:
    path = tmp_path / "tracks.toml"
    path.write_text(LIST)
    env = cli_env(fake, tmp_path / "home")
    first = run_cli(["match"], tmp_path, env)
    assert first.returncode == 0, first.stderr
    searches_before = fake.search_requests

    child = spawn(["review"], tmp_path, env)
    # 2. Glory Box: the candidates with what differs and their links; pin the studio take,
    # which is not the Glastonbury recording: it stands in.
    child.expect(r"\[1/3\] 2\. Glory Box \u2014 Portishead")
    child.expect("asked for: Live at Glastonbury")
    child.expect(r"verdict: substitute")
    child.expect(r"2\) Glory Box \u2014 Portishead \(Dummy, 1994, 3:20\)")
    child.expect(
        r"score 0\.71; another take: would stand in; differs: studio recording; "
        r"Live at Glastonbury wanted\r\n"
    )
    child.expect(rf"https://open\.spotify\.com/track/{tid(2)}")
    child.expect(PROMPT)
    child.sendline("2")
    child.expect(
        r"Is this the \u2018Live at Glastonbury\u2019 recording of \u201cGlory Box\u201d"
        r"\? \[y/N\] "
    )
    child.sendline("")
    child.expect("as a stand-in")
    # 3. Hollywood Dream: search again with my own words, then take the first result as the
    # song asked for (released as "Hollywood").
    child.expect(r"\[2/3\] 3\. Hollywood Dream")
    child.expect(PROMPT)
    child.sendline("x")
    child.expect("Unknown key 'x'")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("Search Spotify for: ")
    child.sendline("Hollywood Runaways")
    child.expect(rf"1\) Hollywood \u2014 The Runaways .*{tid(3)}")
    child.expect(PROMPT)
    child.sendline("1")
    child.expect(r"\[y/N\] ")
    child.sendline("y")
    child.expect("as the recording asked for")
    # 4. Nowhere Song: give it a video, then say it is not on Spotify.
    child.expect(r"\[3/3\] 4\. Nowhere Song")
    child.expect(PROMPT)
    child.sendline("y")
    child.expect("YouTube video link: ")
    child.sendline("https://youtu.be/dQw4w9WgXcQ")
    child.expect("video set to")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect("marked as not on Spotify")
    child.expect(
        r"Settled 3 of 3 doubtful entries \(1 pinned, 1 pinned as a stand-in, 1 not "
        r"on Spotify\); 1 video set; 0 left\."
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    assert added_lines(LIST, path.read_text()) == [
        f'stand_in = "spotify:track:{tid(2)}"',
        f'spotify = "spotify:track:{tid(3)}"',
        'youtube = "https://youtu.be/dQw4w9WgXcQ"',
        'spotify = "none"',
    ]
    # The stand-in line sits in Glory Box's table, above the comment of the next one.
    assert "stand_in" in path.read_text().split("# a comment above the next table")[0]
    assert fake.search_requests == searches_before + 1  # the one search asked for with `e`

    again = run_cli(["match"], tmp_path, env)
    assert again.returncode == 0, again.stderr
    assert "(0 search requests; 4 from tracks.lock)" in again.stdout
    assert fake.search_requests == searches_before + 1
    audited = run_cli(["audit"], tmp_path, env)
    assert audited.returncode == 0
    assert audited.stdout.endswith("4 songs, 2 matched, 1 substitute, 1 missing: ok\n")
    review_again = spawn(["review"], tmp_path, env)
    review_again.expect("Nothing to review")
    review_again.expect(pexpect.EOF)


def test_quitting_keeps_what_was_chosen_and_ctrl_d_quits_too(
    tmp_path: Path, fake: FakeSpotify
) -> None:
    path = tmp_path / "tracks.toml"
    path.write_text(LIST)
    env = cli_env(fake, tmp_path / "home")
    assert run_cli(["match"], tmp_path, env).returncode == 0
    child = spawn(["review", "tracks.toml"], tmp_path, env)
    child.expect(r"\[1/3\]")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect(r"\[2/3\]")
    child.expect(PROMPT)
    child.sendline("u")
    child.expect("Spotify track link or URI: ")
    child.sendline(f"spotify:track:{tid(3)}")
    child.expect(r"\[y/N\] ")
    child.sendline("n")
    child.expect(r"\[3/3\]")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(
        r"Settled 1 of 3 doubtful entries \(1 pinned as a stand-in\); "
        r"2 left \(quit early\)\."
    )
    child.expect(pexpect.EOF)
    assert added_lines(LIST, path.read_text()) == [f'stand_in = "spotify:track:{tid(3)}"']

    child = spawn(["review"], tmp_path, env)
    child.expect(r"\[1/2\] 2\. Glory Box")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(r"Settled 0 of 2 doubtful entries; 2 left \(quit early\)\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_audit_ends_each_doubtful_entry_with_the_command_that_settles_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    text = app.audit(project.name).lines()[0]
    assert (
        f"    to settle: playlister pin 2 spotify:track:{tid(2)} --stand-in  (keeps this "
        "stand-in; or choose another in `playlister review`)"
    ) in text
    assert (
        "    to settle: playlister pin 3 --none  (records it is not on Spotify; or pin a "
        "link in `playlister review`)"
    ) in text
    # Every candidate shown comes with its link, whole however narrow the terminal.
    assert "    closest: Hollywood \u2014 The Runaways (Queens of Noise) score 0.76" in text
    assert f"\n      https://open.spotify.com/track/{tid(3)}\n" in text
    assert f"\n      https://open.spotify.com/track/{tid(6)}\n" in text
    # Run from elsewhere, the pin line names the file; settled entries need nothing.
    monkeypatch.chdir(project.parent.parent)
    pin("3", "--none", "-f", str(project))
    text = app.audit(project).lines()[0]
    assert f"    to settle: playlister pin 2 spotify:track:{tid(2)} --stand-in -f {project}" in text
    assert text.count("to settle:") == 2
    # The one action is what settles it: run it and the entry leaves the to-do list.
    code, _ = pin("4", "--none", "-f", str(project))
    pin("2", f"spotify:track:{tid(2)}", "--stand-in", "-f", str(project))
    assert code == 0 and "to settle:" not in app.audit(project).lines()[0]


def test_not_on_spotify_in_a_list_never_matched_is_missing_without_a_search(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "tracks.toml"
    path.write_text('[[track]]\ntitle = "Nowhere Song"\nartist = "Nobody Band"\nspotify = "none"\n')
    # Before any match: missing already, with the tracklist as the reason.
    row = audit.rows(load(path).tracks, lockfile.Lock(path=tmp_path / "tracks.lock"))[0]
    assert (row.status, row.reason) == (
        Status.MISSING,
        'settled in the tracklist (spotify = "none")',
    )
    search = CatalogSearch(CATALOG)
    result = app.match(path, settings, catalog_factory=lambda: search)
    assert (search.requests, result.rows[0].status) == (0, Status.MISSING)
    assert result.rows[0].reason == ('marked as not on Spotify in the tracklist (spotify = "none")')
    sheet = app.notes(path).text
    assert "Not on Spotify" in sheet


def test_audit_json_gives_scripts_the_settling_command_and_candidate_links(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    doc = app.audit("tracks.toml").as_json()
    settle = [t["settle"] for t in doc["tracks"]]
    assert settle == [
        None,
        f"playlister pin 2 spotify:track:{tid(2)} --stand-in",
        "playlister pin 3 --none",
        "playlister pin 4 --none",
    ]
    assert doc["tracks"][2]["alternatives"][0]["url"] == (
        f"https://open.spotify.com/track/{tid(3)}"
    )


def test_review_matches_what_was_never_matched_first(tmp_path: Path, fake: FakeSpotify) -> None:
    path = tmp_path / "tracks.toml"
    path.write_text(LIST)
    env = cli_env(fake, tmp_path / "home")
    child = spawn(["review"], tmp_path, env)
    child.expect(
        r"Matched 4 entries not matched before \(\d+ search requests; saved in "
        r"tracks\.lock\)\."
    )
    child.expect(r"\[1/3\] 2\. Glory Box")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    again = run_cli(["match"], tmp_path, env)
    assert "(0 search requests; 4 from tracks.lock)" in again.stdout


def test_an_entry_moved_while_reviewing_is_still_the_one_written(project: Path) -> None:
    from playlister.review import Desk

    with app.Project.writing(project) as opened:
        desk = Desk(opened)
        hollywood = opened.tracklist.tracks[2]
        # Meanwhile, in an editor: a song added at the top, so Hollywood Dream is now 4th.
        edited = LIST.replace(
            "[[track]]", '[[track]]\ntitle = "New"\nartist = "Band"\n\n[[track]]', 1
        )
        project.write_text(edited)
        done = desk.not_on_spotify(hollywood)
        assert (done.track.index, done.track.title) == (4, "Hollywood Dream")
        assert added_lines(edited, project.read_text()) == ['spotify = "none"']
        # Gone altogether: nothing is written.
        project.write_text(LIST.replace("Nowhere Song", "Somewhere Song"))
        with pytest.raises(PlaylisterError, match="Nobody Band - Nowhere Song is no longer in"):
            desk.not_on_spotify(opened.tracklist.tracks[4])
    assert project.read_text() == LIST.replace("Nowhere Song", "Somewhere Song")
