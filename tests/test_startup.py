"""What each offline command loads: `--help`, `--version`, `check`, `notes` and `audit` start
without the HTTP client, the article parser or the matcher (their time is in
benchmarks/bench_startup.py; here, which modules, in a real process)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = (
    "spotipy",
    "requests",
    "urllib3",
    "redis",
    "bs4",
    "jinja2",
    "segno",
    "rapidfuzz",
    "filelock",
    "dotenv",
    "platformdirs",
    "tomli_w",
    "playlister.importer",
    "playlister.match.score",
    "playlister.spotify",
    "playlister.sync",
)
PROBE = (
    "import atexit, sys\n"
    f"atexit.register(lambda: print(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    "sys.argv[0] = 'playlister'\n"
    "from playlister.__main__ import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    "command, loaded",
    [
        (["--version"], []),
        (["--help"], []),
        (["check"], []),
        (["audit"], []),
        (["notes"], ["jinja2"]),
        (["notes", "--format", "html"], ["jinja2", "segno"]),
    ],
)
def test_offline_commands_load_only_what_they_use(tmp_path, command, loaded):
    shutil.copy(REPO / "tracks.toml", tmp_path / "tracks.toml")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.stdout.splitlines()[-1] == repr(loaded), done.stderr
