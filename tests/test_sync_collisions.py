"""Runs that collide, creates whose answer was lost, and the details Spotify refuses (issue 9).

Two simultaneous runs are real ``python -m playlister create --yes`` processes against the
fake API served on 127.0.0.1; the rest goes through ``playlister.app`` / the CLI with the
fake installed on ``responses`` (each request checked against the spec).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_playlist_api import FakePlaylistApi, Killed
from filelock import FileLock

from playlister import app, lockfile
from playlister import tracklist as tracklist_mod
from playlister.cli import cli
from playlister.config import Settings
from playlister.errors import LockfileError, PlaylisterError, UncertainWriteError
from playlister.lockfile import LockEntry
from playlister.spotify import UserApi
from playlister.state import Status
from playlister.sync import CreateOptions

REPO = Path(__file__).resolve().parent.parent


def uri(n: int) -> str:
    return "spotify:track:" + f"C{n:021d}"


def write_project(
    folder: Path, n: int, *, name: str = "Collide", description: str = "Two runs, one playlist"
) -> Path:
    """A tracks.toml of n songs and a lockfile that has every one matched to uri(i)."""
    lines = ["[playlist]", f'name = "{name}"', f'description = "{description}"', ""]
    for i in range(n):
        lines += ["[[track]]", f'title = "Song {i}"', f'artist = "Band {i % 5}"', ""]
    path = folder / "tracks.toml"
    path.write_text("\n".join(lines))
    tl = tracklist_mod.load(path)
    lock = lockfile.load(lockfile.lock_path(path))
    for i, t in enumerate(tl.tracks):
        lock.put(
            LockEntry(
                key=t.key,
                title=t.title,
                artist=t.artist,
                status=Status.MATCHED,
                score=1.0,
                reason="test",
                checked="2026-06-01T00:00:00Z",
                uri=uri(i),
            )
        )
    lockfile.save(lock, tl.tracks)
    return path


@pytest.fixture
def settings(isolated_env: Any, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("PLAYLISTER_ACCESS_TOKEN", "test-user-token")
    return Settings.from_env()


def create(path: Path, settings: Settings, **kw: Any) -> app.CreateResult:
    kw.setdefault("confirm", lambda lines, question: True)
    kw.setdefault("confirm_recreate", lambda message: True)
    options = CreateOptions(**{k: kw.pop(k) for k in ("name", "dry_run", "tags") if k in kw})
    return app.create(
        path, settings, options, user_api=UserApi(settings, sleep=lambda s: None), **kw
    )


def playlist_table(path: Path) -> dict[str, Any]:
    return tomllib.loads(lockfile.lock_path(path).read_text()).get("playlist", {})


# ---------------------------------------------------------------------------------------------
# two runs at once: real processes


@pytest.mark.slow
@pytest.mark.parametrize("first_run", [True, False], ids=["two-first-runs", "two-syncs"])
def test_two_simultaneous_runs_make_one_playlist_without_duplicates(
    tmp_path, isolated_env, first_run
):
    path = write_project(tmp_path, 150)
    fake = FakePlaylistApi()
    if not first_run:  # the playlist exists, empty: both runs want to add the 150 tracks
        pl = fake.add_playlist([], name="Collide", description="Two runs, one playlist")
        lock = lockfile.load(lockfile.lock_path(path))
        lock.playlist.id = pl.id
        lock.playlist.record([], [], pl.snapshot_id)
        lockfile.save(lock, tracklist_mod.load(path).tracks)
    with fake.serve(latency=0.25) as base:  # wide enough for the runs to overlap
        env = {
            **os.environ,
            "PLAYLISTER_ACCESS_TOKEN": "t",
            "PLAYLISTER_API_URL": base,
            "PLAYLISTER_HOME": str(isolated_env.home),
            "PYTHONPATH": str(REPO),
        }
        cmd = [sys.executable, "-m", "playlister", "create", "--yes", str(path)]
        procs = [
            subprocess.Popen(
                cmd,
                env=env,
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len(fake.playlists) == 1
    pid = next(iter(fake.playlists))
    items = fake.items(pid)
    assert items == [uri(i) for i in range(150)] and max(Counter(items).values()) == 1
    assert fake.kinds() == ["create", "add", "add"] if first_run else ["add", "add"]
    assert sum("already in step" in out for out, _ in outs) == 1  # the second had nothing to do
    assert playlist_table(path)["id"] == pid


def test_a_run_that_finds_the_run_lock_taken_says_so(fake, settings, tmp_path, monkeypatch):
    path = write_project(tmp_path, 3)
    monkeypatch.setattr(app, "RUN_LOCK_WAIT", 0.2)
    with FileLock(app.run_lock_path(lockfile.lock_path(path))):
        with pytest.raises(LockfileError) as err:
            create(path, settings)
        with pytest.raises(LockfileError, match="another playlister run"):
            app.match(path, settings)
    assert str(err.value) == (
        f"{path}: another playlister run is working on this tracklist (it holds "
        f"{tmp_path / '.tracks.lock.run'}); waited 0.2 s. Let it finish, then run this again."
    )
    assert fake.log == []
    create(path, settings)  # released: works
    assert len(fake.playlists) == 1


# ---------------------------------------------------------------------------------------------
# a create whose answer was lost


def test_lost_create_answer_is_found_and_used(fake, settings, tmp_path):
    path = write_project(tmp_path, 5)
    fake.lose_response("POST", r"/me/playlists$")
    result = create(path, settings)
    assert len(fake.playlists) == 1
    pid = next(iter(fake.playlists))
    assert fake.items(pid) == [uri(i) for i in range(5)]
    assert result.sync.created and result.sync.playlist_id == pid
    assert "was lost; found the playlist it made" in result.lines()[0]
    table = playlist_table(path)
    assert table["id"] == pid and "creating_since" not in table


def test_a_run_killed_while_creating_is_completed_by_the_next(fake, settings, tmp_path):
    path = write_project(tmp_path, 5)
    fake.lose_response("POST", r"/me/playlists$", kill=True)
    with pytest.raises(Killed):
        create(path, settings)
    assert len(fake.playlists) == 1 and "id" not in playlist_table(path)
    since = playlist_table(path)["creating_since"]
    fake.log.clear()

    result = create(path, settings)

    assert len(fake.playlists) == 1
    pid = next(iter(fake.playlists))
    assert fake.items(pid) == [uri(i) for i in range(5)]
    assert fake.kinds() == ["add"]
    assert result.lines()[0] == (
        f'Found the playlist "Collide" an interrupted run created '
        f"(creating since {since}): using it, not making another."
    )
    assert playlist_table(path)["id"] == pid


def test_a_create_that_never_arrived_is_made_once(fake, settings, tmp_path):
    path = write_project(tmp_path, 2)
    fake.fail("POST", r"/me/playlists$", status=502)  # refused, not applied, but unknown
    with pytest.raises(UncertainWriteError, match="looks for it again before making one"):
        create(path, settings)
    assert fake.playlists == {} and "creating_since" in playlist_table(path)
    create(path, settings)
    assert len(fake.playlists) == 1
    assert "creating_since" not in playlist_table(path)


def test_a_lost_create_never_adopts_someone_elses_or_a_full_playlist(fake, settings, tmp_path):
    path = write_project(tmp_path, 2)
    fake.add_playlist([], name="Collide", description="Two runs, one playlist", owner="them")
    full = fake.add_playlist([uri(9)], name="Collide", description="Two runs, one playlist")
    other = fake.add_playlist([], name="Collide", description="Another description")
    lock = lockfile.load(lockfile.lock_path(path))
    lock.playlist.creating_since = "2026-06-01T00:00:00Z"
    lockfile.save(lock, tracklist_mod.load(path).tracks)

    create(path, settings)

    assert len(fake.playlists) == 4
    pid = playlist_table(path)["id"]
    assert pid not in (full.id, other.id) and fake.items(pid) == [uri(0), uri(1)]


def test_two_candidates_for_a_lost_create_are_named_not_guessed(fake, settings, tmp_path):
    path = write_project(tmp_path, 2)
    a = fake.add_playlist([], name="Collide", description="Two runs, one playlist")
    b = fake.add_playlist([], name="Collide", description="Two runs, one playlist")
    lock = lockfile.load(lockfile.lock_path(path))
    lock.playlist.creating_since = "2026-06-01T00:00:00Z"
    lockfile.save(lock, tracklist_mod.load(path).tracks)
    with pytest.raises(PlaylisterError) as err:
        create(path, settings)
    assert str(err.value) == (
        'A run that started creating the playlist "Collide" at 2026-06-01T00:00:00Z stopped '
        "before Spotify's answer arrived, and 2 empty playlists of yours now have that name "
        f"and description: https://open.spotify.com/playlist/{b.id}, "
        f"https://open.spotify.com/playlist/{a.id}. Delete the extra ones in Spotify, then "
        "run `playlister create` again to use the one left."
    )
    assert fake.writes == []


# ---------------------------------------------------------------------------------------------
# the recorded playlist is gone


def gone_project(tmp_path: Path) -> Path:
    path = write_project(tmp_path, 2)
    lock = lockfile.load(lockfile.lock_path(path))
    lock.playlist.id = "GoneGoneGoneGoneGone00"
    lock.playlist.record([uri(0), uri(1)], [uri(0), uri(1)], "old-snapshot")
    lockfile.save(lock, tracklist_mod.load(path).tracks)
    return path


def test_dry_run_says_the_recorded_playlist_is_gone(fake, settings, tmp_path):
    path = gone_project(tmp_path)
    result = create(path, settings, dry_run=True)
    lines = result.lines()
    assert lines[0].startswith(
        "The playlist recorded in the lockfile (GoneGoneGoneGoneGone00) is gone"
    )
    assert lines[0].endswith(
        "Without --dry-run, playlister asks whether to create a new one; "
        "the plan below is for that new playlist."
    )
    assert lines[1] == "Collide: new playlist, 2 to add, 0 to remove, 0 to move (2 requests)"
    assert fake.writes == [] and playlist_table(path)["id"] == "GoneGoneGoneGoneGone00"


def test_one_prompt_before_re_creating_a_gone_playlist(fake, settings, tmp_path):
    path = gone_project(tmp_path)
    out = CliRunner().invoke(cli, ["create", str(path)], input="y\n", catch_exceptions=False)
    assert out.exit_code == 0, out.output
    assert out.output.count("Create it?") == 1 and "Apply?" not in out.output
    assert "Collide: new playlist, 2 to add" in out.output.split("Create it?")[0]
    assert len(fake.playlists) == 1
    table = playlist_table(path)
    assert table["id"] != "GoneGoneGoneGoneGone00"
    assert table["snapshot_id"] != "old-snapshot"


# ---------------------------------------------------------------------------------------------
# details Spotify refuses: caught by check and create before any request


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "name",
            "n" * 101,
            "field 'playlist.name': is 101 characters long; Spotify takes a "
            "playlist name of at most 100",
        ),
        (
            "description",
            "d" * 301,
            "field 'playlist.description': is 301 characters long; "
            "Spotify takes a playlist description of at most 300",
        ),
        (
            "description",
            '"""one\ntwo"""',
            "field 'playlist.description': must be one line: Spotify "
            "refuses a playlist description with a line break",
        ),
    ],
)
def test_details_spotify_refuses_are_reported_first(
    fake, settings, tmp_path, field, value, message
):
    path = tmp_path / "tracks.toml"
    quoted = value if value.startswith('"""') else f'"{value}"'
    path.write_text(f'[playlist]\n{field} = {quoted}\n\n[[track]]\ntitle = "A"\nartist = "B"\n')
    for command in ("check", "create"):
        out = CliRunner().invoke(
            cli, [command, "--yes" if command == "create" else "--", str(path)]
        )
        assert out.exit_code != 0
        assert message in out.output, out.output
        assert "tracks.toml, line 2, " in out.output
    assert fake.log == []


@pytest.mark.parametrize(("field", "value"), [("name", "n" * 100), ("description", "d" * 300)])
def test_details_at_the_limit_are_fine(tmp_path, field, value):
    path = tmp_path / "tracks.toml"
    path.write_text(f'[playlist]\n{field} = "{value}"\n\n[[track]]\ntitle = "A"\nartist = "B"\n')
    assert getattr(tracklist_mod.load(path).playlist, field) == value


def test_a_long_name_option_is_refused_before_any_request(fake, settings, tmp_path):
    path = write_project(tmp_path, 1)
    with pytest.raises(
        PlaylisterError,
        match="--name is 120 characters long; Spotify takes a playlist name of at most 100",
    ):
        create(path, settings, name="x" * 120)
    assert fake.log == []
