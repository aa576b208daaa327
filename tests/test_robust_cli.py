"""The CLI and the command layer under real use: help that teaches, files that are the user's,
a directory that can't be written, and a progress bar that moves as entries finish."""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_catalog import CatalogSearch, make_track

from playlister import app, files
from playlister.cli import cli
from playlister.config import Settings
from playlister.errors import LockfileError, PlaylisterError

TRACKS = "TRACKS is the tracklist file (default: ./tracks.toml)."
LIST = '[playlist]\nname = "Test"\n' + "".join(
    f'\n[[track]]\ntitle = "Song {i}"\nartist = "Band {i}"\n' for i in range(1, 6)
)
CATALOG = [
    make_track(f"{i:022d}", f"Song {i}", f"Band {i}", f"Album {i}", 1990) for i in range(1, 6)
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def tracks(tmp_path: Path) -> Path:
    path = tmp_path / "list" / "tracks.toml"
    path.parent.mkdir()
    path.write_text(LIST)
    return path


# --- help ---


@pytest.mark.parametrize(
    "command, pieces",
    [
        (
            "check",
            [
                TRACKS,
                "Examples:\n    playlister check\n",
                "playlister check lists/her-smell.toml --tag film",
                "--tag TAG",
            ],
        ),
        (
            "notes",
            [
                TRACKS,
                "Examples:\n    playlister notes --format html -o her-smell.html\n",
                "--tag TAG",
            ],
        ),
        (
            "match",
            [
                TRACKS,
                "Examples:\n    playlister match --market GB\n",
                "playlister match --refresh --json > matches.json",
                "--market CC",
            ],
        ),
        ("audit", [TRACKS, "Examples:\n    playlister audit\n", "--strict --json   # in CI"]),
        (
            "create",
            [
                TRACKS,
                "Examples:\n    playlister create --dry-run\n",
                "playlister create --yes --cover cover.jpg",
                "--market CC",
                "--tag TAG",
            ],
        ),
        ("login", ["Examples:\n    playlister login\n", "playlister login --no-browser"]),
        ("logout", ["Example:\n    playlister logout\n"]),
    ],
)
def test_every_command_help_has_examples_and_says_what_tracks_is(command, pieces):
    code, out = run(command, "--help")
    assert code == 0
    for piece in pieces:
        assert piece in out


def test_the_group_help_lists_the_environment_variables():
    code, out = run("--help")
    assert code == 0
    for name in (
        "SPOTIPY_CLIENT_ID, SPOTIPY_CLIENT_SECRET",
        "SPOTIPY_REDIRECT_URI",
        "PLAYLISTER_ACCESS_TOKEN",
        "PLAYLISTER_HOME",
        "PLAYLISTER_API_URL, PLAYLISTER_AUTH_URL",
    ):
        assert name in out
    assert "Environment (or a .env file in the working directory):" in out


def test_no_matching_label_before_a_credentials_error(tracks):
    code, out = run("match", str(tracks))
    assert code == 1
    assert "Matching" not in out
    assert out.startswith("Error: Spotify app credentials are missing")


# --- notes -o ---


@pytest.mark.parametrize("name, kind", [("tracks.toml", "tracklist"), ("tracks.lock", "lockfile")])
def test_notes_refuse_to_overwrite_the_tracklist_or_the_lockfile(tracks, name, kind):
    before = tracks.read_text()
    target = tracks.with_name(name)
    code, out = run("notes", str(tracks), "-o", str(target))
    assert code == 1
    assert out == (
        f"Error: {target}: that is the {kind}; the notes would overwrite it. Choose "
        "another file name, e.g. notes.html.\n"
    )
    assert tracks.read_text() == before
    assert not tracks.with_name("tracks.lock").exists()


def test_notes_into_a_folder_that_does_not_exist(tracks):
    target = tracks.parent / "nowhere" / "notes.html"
    code, out = run("notes", str(tracks), "-o", str(target))
    assert (code, out) == (
        1,
        f"Error: {target}: cannot write the notes: the folder {target.parent} does not exist.\n",
    )


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_written_for_the_user_follow_the_umask(tmp_path, mask, mode):
    with umask(mask):
        files.atomic_write(tmp_path / "notes.txt", "x")
        files.atomic_write(tmp_path / "token.json", "secret", private=True)
    assert (tmp_path / "notes.txt").stat().st_mode & 0o777 == mode
    assert (tmp_path / "token.json").stat().st_mode & 0o777 == 0o600


def test_the_lockfile_and_notes_follow_the_umask(tracks):
    with umask(0o022):
        app.match(tracks, Settings.from_env({}), catalog_factory=lambda: CatalogSearch(CATALOG))
        app.notes(tracks, output=tracks.with_name("notes.txt"))
    assert tracks.with_name("tracks.lock").stat().st_mode & 0o777 == 0o644
    assert tracks.with_name("notes.txt").stat().st_mode & 0o777 == 0o644


# --- a directory that can't be written ---


def test_an_unwritable_directory_is_found_before_any_search(tracks, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(app.tempfile, "mkstemp", refuse)  # root ignores chmod: refuse directly
    search = CatalogSearch(CATALOG)
    with pytest.raises(LockfileError) as info:
        app.match(tracks, Settings.from_env({}), catalog_factory=lambda: search)
    assert str(info.value) == (
        f"{tracks.with_name('tracks.lock')}: cannot write the lockfile: the directory "
        f"{tracks.parent} is not writable (Permission denied). Nothing was searched; run "
        "playlister where you can write, or fix the permissions."
    )
    assert search.requests == 0


def test_a_save_failing_mid_run_is_one_line_and_leaves_the_old_lockfile(tracks, monkeypatch):
    app.match(tracks, Settings.from_env({}), catalog_factory=lambda: CatalogSearch(CATALOG))
    lock = tracks.with_name("tracks.lock")
    before = lock.read_bytes()

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(PlaylisterError) as info:
        app.match(
            tracks,
            Settings.from_env({}),
            refresh=True,
            catalog_factory=lambda: CatalogSearch(CATALOG),
        )
    assert str(info.value) == (
        f"{lock}: cannot write the lockfile: No space left on device. The lockfile was left as "
        "it was; free some space or fix the permissions, then run the command again."
    )
    assert lock.read_bytes() == before
    left = sorted(p.name for p in tracks.parent.iterdir() if p.name != ".tracks.lock.run")
    assert left == ["tracks.lock", "tracks.toml"]  # no temporary file left behind


# --- the progress bar ---


class InStep(CatalogSearch):
    """A search for "Song k" waits until the bar has moved k-1 times: it only finishes if
    every entry reaches the bar as soon as it is done, not at the end of the run."""

    def __init__(self, moved: list[int], cond: threading.Condition) -> None:
        super().__init__(CATALOG)
        self.moved, self.cond, self.stuck = moved, cond, False

    def search_tracks(self, query, **kwargs):
        k = int(query.split("Song ")[1].split()[0].strip('"'))
        with self.cond:
            if not self.cond.wait_for(lambda: len(self.moved) >= k - 1, timeout=10):
                self.stuck = True
        with self.cond:
            return super().search_tracks(query, **kwargs)


def test_the_progress_bar_moves_as_each_entry_finishes(tracks):
    moved: list[int] = []
    cond = threading.Condition()
    search = InStep(moved, cond)

    @contextmanager
    def progress(total: int):
        def step() -> None:
            with cond:
                moved.append(total)
                cond.notify_all()

        yield step

    app.match(tracks, Settings.from_env({}), progress=progress, catalog_factory=lambda: search)
    assert moved == [5] * 5
    assert not search.stuck


# --- text from elsewhere reaching the terminal ---

ESCAPES = ("\x1b", "\x9b", "\x07", "\u202e")


def test_escape_sequences_in_catalog_text_never_reach_the_terminal(tracks, monkeypatch):
    hostile = [
        make_track(
            f"{i:022d}",
            f"Song {i} - Live\x1b]0;owned\x07\u202e",
            f"Band {i}",
            f"Album {i}\x1b[2J\x9b31m",
            1990,
        )
        for i in range(1, 6)
    ]
    app.match(tracks, Settings.from_env({}), catalog_factory=lambda: CatalogSearch(hostile))
    monkeypatch.chdir(tracks.parent)

    for args in (["match"], ["audit"], ["match", "--json"], ["audit", "--json"]):
        code, out = run(*args)
        assert code == 0
        assert not any(c in out for c in ESCAPES), (args, out)
        assert "Album 1[2J31m" in out or "Album 1\\u001b[2J\\u009b31m" in out  # kept, defused
    code, out = run("audit")
    assert "found a Live]0;owned (Album 1[2J31m, 1990)" in out


def test_escape_sequences_in_an_article_never_reach_the_terminal(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text('Her favourite is "Blue\x1b[2J\x9b1m" by Elastica\u202e.\n')
    result = CliRunner().invoke(cli, ["import", str(article), "-v", "--json"])
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in ESCAPES), result.output


# --- writes that keep links and modes, and refuse what is not a file ---


def test_a_symlinked_lockfile_and_tracklist_keep_their_links_and_modes(tracks, tmp_path):
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "tracks.toml").write_text(tracks.read_text())
    tracks.unlink()
    tracks.symlink_to(real / "tracks.toml")
    (real / "tracks.lock").write_text("version = 1\n")
    os.chmod(real / "tracks.lock", 0o600)
    (tracks.parent / "tracks.lock").symlink_to(real / "tracks.lock")

    app.match(tracks, Settings.from_env({}), catalog_factory=lambda: CatalogSearch(CATALOG))
    app.import_(str(_article(tmp_path)), Settings.from_env({}), output=tracks, append=True)

    assert (tracks.parent / "tracks.lock").is_symlink()
    assert "spotify:track:" in (real / "tracks.lock").read_text()
    assert (real / "tracks.lock").stat().st_mode & 0o777 == 0o600
    assert tracks.is_symlink()
    assert 'title = "Blue"' in (real / "tracks.toml").read_text()


def _article(tmp_path: Path) -> Path:
    article = tmp_path / "article.txt"
    article.write_text('Her favourite song is "Blue" by Elastica.\n')
    return article


@pytest.mark.parametrize("kind", ["fifo", "socket", "link to a fifo"])
def test_notes_output_refuses_anything_but_a_regular_file(tracks, kind):
    # Not /dev/null: were the check to fail, a test run as root would replace the device.
    target = tracks.parent / "notes.html"
    if kind == "socket":
        target = tracks.parent / "sock"
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(target))
    else:
        fifo = tracks.parent / "pipe"
        os.mkfifo(fifo)
        if kind == "fifo":
            target = fifo
        else:
            target.symlink_to(fifo)
    code, out = run("notes", str(tracks), "--format", "html", "-o", str(target))
    what = "a socket" if kind == "socket" else "a FIFO"
    assert (code, out) == (
        1,
        f"Error: {target}: cannot write the notes: it is {what}, not a "
        "regular file. Give a new file name or a regular file's.\n",
    )
    assert not stat.S_ISREG(os.stat(target).st_mode)
