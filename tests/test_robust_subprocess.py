"""`python -m playlister match` in a real process against a fake Spotify on 127.0.0.1.

Signals, kills, stale token caches and closed pipes only show their effects in a real process:
its own signal handlers, its threads blocked in HTTP reads, its interpreter exit. Every wait
here has a generous bound so a regression fails instead of hanging the suite; none asserts
a speed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_catalog import Catalog, FakeSpotify, make_track

from playlister import lockfile

pytestmark = pytest.mark.slow  # real processes, seconds each: left out of the quick loop

REPO = Path(__file__).resolve().parent.parent
SONGS = 12
HANG = 60.0  # seconds a "hanging" search waits: far past any bound below
BOUND = 20.0  # a generous ceiling for anything that should take about a second


def catalog() -> Catalog:
    return Catalog(
        make_track(f"{i:022d}", f"Song Number {i}", f"Band {i}", f"Album {i}", 1990)
        for i in range(SONGS)
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "proj" / "tracks.toml"
    path.parent.mkdir()
    path.write_text(
        '[playlist]\nname = "Robust"\n'
        + "".join(
            f'\n[[track]]\ntitle = "Song Number {i}"\nartist = "Band {i}"\n' for i in range(SONGS)
        )
    )
    return path


def env_for(fake: FakeSpotify, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPOTIPY_", "PLAYLISTER_"))}
    env.update(
        SPOTIPY_CLIENT_ID="robust-id",
        SPOTIPY_CLIENT_SECRET="robust-secret",
        PLAYLISTER_API_URL=fake.api_url,
        PLAYLISTER_AUTH_URL=fake.base_url,
        PLAYLISTER_HOME=str(home),
        PYTHONPATH=str(REPO),
    )
    return env


def start(
    project: Path, env: dict[str, str], *args: str, stdout: int = subprocess.PIPE
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "playlister", "match", *args],
        cwd=project.parent,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
    )


def entries_on_disk(project: Path) -> int:
    try:
        return len(lockfile.load(project.with_name("tracks.lock")).entries)
    except Exception:  # mid-rename on another filesystem; never on ours, but do not flake
        return 0


def wait_for_entries(project: Path, n: int) -> None:
    deadline = time.monotonic() + BOUND
    while entries_on_disk(project) < n:
        assert time.monotonic() < deadline, f"the lockfile never reached {n} entries"
        time.sleep(0.05)


@pytest.fixture
def hanging_after_five() -> Iterator[FakeSpotify]:
    """Five searches answer at once; every later one hangs (a request stays in flight)."""
    with FakeSpotify(catalog(), delay=HANG, slow_after=5) as fake:
        yield fake


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_mid_match_saves_says_what_was_kept_and_exits_at_once(
    project, tmp_path, hanging_after_five, sig, code
):
    proc = start(project, env_for(hanging_after_five, tmp_path / "home"))
    wait_for_entries(project, 5)  # on disk before the run ends: saved as results come in
    proc.send_signal(sig)
    # Four workers are blocked in a 60 s read: the process must not wait for them.
    out, err = proc.communicate(timeout=BOUND)
    assert proc.returncode == code
    assert err.rstrip().endswith(
        f"Stopped: 5 entries kept in tracks.lock, {SONGS - 5} left to match. "
        "Run the same command again to go on."
    )
    assert "Traceback" not in err
    assert entries_on_disk(project) == 5


def test_sigkill_mid_match_keeps_what_was_matched(project, tmp_path, hanging_after_five):
    proc = start(project, env_for(hanging_after_five, tmp_path / "home"))
    # The last of the five answers came in while the others hang: the lockfile must still get
    # it within about a second, with no further result arriving to trigger a save.
    wait_for_entries(project, 5)
    proc.kill()
    proc.communicate(timeout=BOUND)
    lock = lockfile.load(project.with_name("tracks.lock"))  # whole, never half-written
    assert len(lock.entries) == 5
    assert {e.status.value for e in lock.entries.values()} == {"matched"}
    # The next run searches only what is left.
    with FakeSpotify(catalog()) as fake:
        rerun = subprocess.run(
            [sys.executable, "-m", "playlister", "match"],
            cwd=project.parent,
            env=env_for(fake, tmp_path / "home"),
            capture_output=True,
            text=True,
            timeout=BOUND * 3,
        )
        assert rerun.returncode == 0, rerun.stderr
        assert fake.search_requests == SONGS - 5
    assert f"({SONGS - 5} search requests; 5 from tracks.lock)" in rerun.stdout


def test_ten_runs_with_a_stale_cached_app_token_all_succeed(project, tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    with FakeSpotify(catalog()) as fake:
        env = env_for(fake, home)
        for run in range(10):
            # A token the server no longer knows, cached for this very app and accounts URL.
            (home / "client-token.json").write_text(
                json.dumps(
                    {
                        "access_token": f"forgotten-{run}",
                        "token_type": "Bearer",
                        "expires_in": 3600,
                        "expires_at": int(time.time()) + 3600,
                        "client_id": "robust-id",
                        "auth_url": fake.base_url,
                    }
                )
            )
            tokens_before = fake.token_requests
            done = subprocess.run(
                [sys.executable, "-m", "playlister", "match", "--refresh"],
                cwd=project.parent,
                env=env,
                capture_output=True,
                text=True,
                timeout=BOUND * 3,
            )
            assert done.returncode == 0, f"run {run + 1}: {done.stderr}"
            assert fake.token_requests == tokens_before + 1  # refreshed once for all threads
        assert fake.rejected >= 10  # every run did meet the stale token


def test_a_closed_pipe_ends_quietly(project, tmp_path):
    with FakeSpotify(catalog()) as fake:
        proc = start(project, env_for(fake, tmp_path / "home"))
        assert proc.stdout is not None
        proc.stdout.close()  # like `| head -0`: the reader is gone before the table is printed
        _, err = proc.communicate(timeout=BOUND * 3)
    assert proc.returncode in (0, 141)
    assert "Traceback" not in err and "Error" not in err
    assert entries_on_disk(project) == SONGS


# Python's own start-up (its site import, before any line of playlister runs) is out of
# playlister's hands: the process says "go" once it is past it, and the signals follow.
ENTER = (
    "import os, sys; os.write(2, b'go\\n'); sys.argv[0] = 'playlister'; "
    "from playlister.__main__ import main; main()"
)


@pytest.mark.parametrize("command", [["--help"], ["check"], ["notes", "--format", "html"]])
def test_a_signal_in_the_first_half_second_ends_without_a_traceback(project, command):
    """Ctrl-C or SIGTERM while the CLI is still importing, parsing or printing: never a
    KeyboardInterrupt traceback (the fuzz study saw one in the first second)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for i in range(12):
        sig = (signal.SIGINT, signal.SIGTERM)[i % 2]
        process = subprocess.Popen(
            [sys.executable, "-c", ENTER, *command],
            cwd=project.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None and process.stderr.readline() == "go\n"
        time.sleep(0.02 + 0.03 * i)
        process.send_signal(sig)
        _, err = process.communicate(timeout=BOUND)
        assert "Traceback" not in err and "Exception ignored" not in err, (i, err)
        assert process.returncode in (0, 128 + sig, -sig), (i, process.returncode, err)
        if process.returncode == 128 + sig:
            assert err.strip().endswith("Stopped."), (i, err)


PARSING_SIGNAL = (
    "import signal, sys; sys.argv[0] = 'playlister'; import playlister.cli as c; "
    "from playlister.errors import Interrupted\n"
    "def parse(*a, **k): raise Interrupted(signal.{sig})\n"
    "c.cli.parse_args = parse; c.main()"
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_click_parses_the_options_stops_not_aborts(tmp_path, sig):
    """The CI run that failed: SIGTERM landed while click itself was parsing, and click's
    standalone mode turned it into "Aborted!" and status 1 instead of "Stopped." and 143."""
    done = subprocess.run(
        [sys.executable, "-c", PARSING_SIGNAL.format(sig=sig.name), "check"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=BOUND,
    )
    assert (done.returncode, done.stderr.strip()) == (128 + sig, "Stopped.")
