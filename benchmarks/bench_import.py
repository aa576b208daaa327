"""Precision and recall of `playlister import` over the test articles and the seed articles.

Each article ``tests/data/articles/NAME.{txt,md,html}`` sits beside ``NAME.expected.json``
(its true list); the seeds' lists are in ``tests/data/articles/seeds/`` and their texts in
``$PLAYLISTER_SEEDS`` (default: ``shared/seeds`` beside the repository). A found song is right
when its title matches a true one (the matcher's key: case, apostrophes and "'n'" folded) and
its artist agrees, or is left blank (to fill in). Prints the figures, then every miss.

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from playlister.importer import import_source
from playlister.match.text import artist_key, key

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "articles"
SUFFIXES = (".txt", ".md", ".html")


def cases(folder: Path = ARTICLES, seeds_too: bool = True) -> list[tuple[str, Path, Path]]:
    """(name, article, expected) for every article whose text is present."""
    out = []
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        for suffix in SUFFIXES:
            if (folder / f"{stem}{suffix}").exists():
                out.append((stem, folder / f"{stem}{suffix}", expected))
    if not seeds_too:
        return out
    seeds = Path(os.environ.get("PLAYLISTER_SEEDS", ROOT.parent / "shared" / "seeds"))
    for expected in sorted((ARTICLES / "seeds").glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        if (seeds / f"{stem}.txt").exists():
            out.append((f"seed {stem[:3]}", seeds / f"{stem}.txt", expected))
    return out


@dataclass
class Score:
    true_pos: int = 0
    found: int = 0
    wanted: int = 0
    versions_wanted: int = 0
    versions_carried: int = 0
    videos_wanted: int = 0
    videos_carried: int = 0
    blank_artists: int = 0  # right song, artist left blank though named next to it
    implied_blank: int = 0  # right song, artist left blank; the text only implies it
    misses: list[str] = field(default_factory=list)


def same(found: dict, true: dict) -> bool:
    if key(found["title"]) != key(true["title"]):
        return False
    return not found["artist"] or not true.get("artist") or \
        artist_key(found["artist"]) == artist_key(true["artist"])


def score(name: str, article: Path, expected: Path, total: Score) -> None:
    truth = json.loads(expected.read_text(encoding="utf-8"))["songs"]
    found = [s.as_json() for s in import_source(str(article)).songs]
    total.found += len(found)
    total.wanted += len(truth)
    unmatched = list(truth)
    for f in found:
        t = next((t for t in unmatched if same(f, t)), None)
        if t is None:
            total.misses.append(f"{name}: wrongly found {f['title']!r} ({f['artist']})")
            continue
        unmatched.remove(t)
        total.true_pos += 1
        if t.get("artist") and not f["artist"] and t.get("artist_named") is False:
            total.implied_blank += 1
        elif t.get("artist") and not f["artist"]:
            total.blank_artists += 1
            total.misses.append(f"{name}: artist of {t['title']!r} left blank "
                                f"({t['artist']})")
        if t.get("version"):
            total.versions_wanted += 1
            if f["version"] == t["version"]:
                total.versions_carried += 1
            else:
                total.misses.append(f"{name}: {t['title']!r} version {f['version']!r}, "
                                    f"wanted {t['version']!r}")
        elif f["version"]:
            total.misses.append(f"{name}: {t['title']!r} has a version it should not: "
                                f"{f['version']!r}")
        if t.get("youtube"):
            total.videos_wanted += 1
            if f["youtube"] == t["youtube"]:
                total.videos_carried += 1
            else:
                total.misses.append(f"{name}: {t['title']!r} lost its video {t['youtube']}")
    for t in unmatched:
        total.misses.append(f"{name}: missed {t['title']!r} ({t.get('artist')})")


def report(title: str, todo: list[tuple[str, Path, Path]]) -> Score:
    total = Score()
    started = time.perf_counter()
    for name, article, expected in todo:
        score(name, article, expected, total)
    seconds = time.perf_counter() - started
    precision = total.true_pos / total.found if total.found else 1.0
    recall = total.true_pos / total.wanted if total.wanted else 1.0
    seeds = sum(1 for n, *_ in todo if n.startswith("seed"))
    print(f"== {title}: {len(todo)} articles" + (f" ({seeds} seeds)" if seeds else ""))
    print(f"songs: {total.wanted} true, {total.found} found, {total.true_pos} right")
    print(f"precision: {precision:.3f}  (target >= 0.95)")
    print(f"recall:    {recall:.3f}  (target >= 0.95)")
    print(f"versions carried: {total.versions_carried}/{total.versions_wanted}")
    print(f"YouTube links carried: {total.videos_carried}/{total.videos_wanted}")
    print(f"artists left blank though named next to the song: {total.blank_artists}")
    print(f"artists left blank where the text only implies them: {total.implied_blank}")
    print(f"seconds: {seconds:.2f}")
    for miss in total.misses:
        print("  " + miss)
    print()
    return total


def main() -> int:
    sets = [
        report("development set (test articles and seeds)", cases()),
        report("second set (tests/data/articles/holdout: first run recall 0.464, see README)",
               cases(ARTICLES / "holdout", seeds_too=False)),
        report("third set (tests/data/articles/fresh: first run recall 0.667, see README)",
               cases(ARTICLES / "fresh", seeds_too=False)),
        report("fourth set (tests/data/articles/fourth: first run recall 0.393, see README)",
               cases(ARTICLES / "fourth", seeds_too=False)),
    ]
    right = sum(s.true_pos for s in sets)
    found = sum(s.found for s in sets)
    wanted = sum(s.wanted for s in sets)
    print(f"== all articles: precision {right / found:.3f}, recall {right / wanted:.3f} "
          f"({right} right of {found} found, {wanted} true)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
