"""Benchmark: how long the offline commands take to start, and what they import.

Runs each command as a user does (a fresh ``python -m playlister`` process per run, in a copy
of the repository's ``tracks.toml``), ``--runs`` times, and prints the median and worst wall
time, then the heavy third-party modules each one loaded (spotipy, requests, bs4, jinja2,
redis, rapidfuzz, segno), read from ``sys.modules`` at exit.

    python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [
    ["--version"],
    ["--help"],
    ["check"],
    ["notes"],
    ["notes", "--format", "html"],
    ["audit"],
]
HEAVY = [
    "spotipy",
    "requests",
    "urllib3",
    "bs4",
    "jinja2",
    "redis",
    "rapidfuzz",
    "segno",
    "filelock",
    "tomli_w",
]
# Run the CLI and, at exit, list which heavy modules it loaded (on stderr, last line).
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('LOADED', ' '.join(sorted(m for m in {heavy!r} "
    "if m in sys.modules)), file=sys.stderr))\n"
    "from playlister.cli import main\n"
    "sys.argv[0] = 'playlister'\n"
    "main()\n"
)


def run(args: list[str], cwd: Path, probe: bool = False) -> tuple[float, str]:
    code = PROBE.format(heavy=HEAVY) if probe else "from playlister.cli import main; main()"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    elapsed = time.perf_counter() - started
    loaded = ""
    if probe:
        lines = [ln for ln in done.stderr.splitlines() if ln.startswith("LOADED")]
        loaded = lines[-1].removeprefix("LOADED").strip() if lines else "?"
    return elapsed, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        shutil.copy(ROOT / "tracks.toml", cwd / "tracks.toml")
        run(["--version"], cwd)  # warm the file cache and the bytecode
        print(f"{'command':<28} {'median s':>9} {'worst s':>8}  heavy modules loaded")
        for command in COMMANDS:
            times = [run(command, cwd)[0] for _ in range(args.runs)]
            _, loaded = run(command, cwd, probe=True)
            label = "playlister " + " ".join(command)
            print(
                f"{label:<28} {statistics.median(times):>9.3f} {max(times):>8.3f}  {loaded or '-'}"
            )
        print(f"{'python -c pass':<28} {_python_floor():>9.3f}")


def _python_floor() -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    main()
