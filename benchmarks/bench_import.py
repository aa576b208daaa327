"""Precision and recall of `playlister import` over the test articles and the seed articles.

Each article ``tests/data/articles/NAME.{txt,md,html}`` sits beside ``NAME.expected.json``
(its true list); the seeds' lists are in ``tests/data/articles/seeds/`` and their texts in
``$PLAYLISTER_SEEDS`` (default: ``shared/seeds`` beside the repository). A found song is right
when its title matches a true one (the matcher's key: case, apostrophes and "'n'" folded) and
its artist agrees, or is left blank (to fill in). Prints the figures, then every miss.

With the catalog (issue 17), each article's candidates are confirmed against a fake Spotify
search (``tests/fake_catalog.py``) over the 32,833 real tracks of the TidyTuesday CSV, every
set's true songs, and the fifth to thirteenth sets' decoys (``*/catalog.json``: tracks
titled like the films, books and albums their articles name). Also times a 4,000-line list.

    python benchmarks/bench_import.py             # every set
    python benchmarks/bench_import.py thirteenth  # one set (the catalog still holds all decoys)
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_catalog import Catalog, CatalogSearch, fake_id, load_csv, make_track  # noqa: E402

from playlister.importer import Search, import_source, import_text  # noqa: E402
from playlister.match.text import artist_key, key  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"
# The sets written for issue 17, each before the importer's first run on it; their decoys
# (``catalog.json``) join the fake catalog. A set not yet written is skipped.
LATER_SETS = (
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
)
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
    searches: int = 0  # catalog searches the imports made
    blank_artists: int = 0  # right song, artist left blank though named next to it
    implied_blank: int = 0  # right song, artist left blank; the text only implies it
    misses: list[str] = field(default_factory=list)


def same(found: dict, true: dict) -> bool:
    if key(found["title"]) != key(true["title"]):
        return False
    return (
        not found["artist"]
        or not true.get("artist")
        or artist_key(found["artist"]) == artist_key(true["artist"])
    )


def score(
    name: str, article: Path, expected: Path, total: Score, search: CatalogSearch | None = None
) -> None:
    truth = json.loads(expected.read_text(encoding="utf-8"))["songs"]
    asked: Search | None = None
    if search is not None:
        before = search.requests
        asked = search.search_tracks
    found = [s.as_json() for s in import_source(str(article), search=asked).songs]
    if search is not None:
        total.searches += search.requests - before
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
            total.misses.append(f"{name}: artist of {t['title']!r} left blank ({t['artist']})")
        if t.get("version"):
            total.versions_wanted += 1
            if f["version"] == t["version"]:
                total.versions_carried += 1
            else:
                total.misses.append(
                    f"{name}: {t['title']!r} version {f['version']!r}, wanted {t['version']!r}"
                )
        elif f["version"]:
            total.misses.append(
                f"{name}: {t['title']!r} has a version it should not: {f['version']!r}"
            )
        if t.get("youtube"):
            total.videos_wanted += 1
            if f["youtube"] == t["youtube"]:
                total.videos_carried += 1
            else:
                total.misses.append(f"{name}: {t['title']!r} lost its video {t['youtube']}")
    for t in unmatched:
        total.misses.append(f"{name}: missed {t['title']!r} ({t.get('artist')})")


def report(
    title: str, todo: list[tuple[str, Path, Path]], search: CatalogSearch | None = None
) -> Score:
    total = Score()
    started = time.perf_counter()
    for name, article, expected in todo:
        score(name, article, expected, total, search)
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
    if search is not None:
        print(
            f"catalog searches: {total.searches} ({total.searches / max(1, len(todo)):.1f} an "
            "article)"
        )
    print(f"seconds: {seconds:.2f}")
    for miss in total.misses:
        print("  " + miss)
    print()
    return total


def catalog() -> CatalogSearch:
    """The fake catalog: the real CSV's tracks, every set's true songs, the later sets' decoys."""
    tracks = load_csv(ROOT / "tests" / "data" / "tidytuesday_2020-01-21_spotify_songs.csv")
    made: set[tuple[str, str]] = set()

    def add(title: str, artist: str, album: str = "", year: int = 2000) -> None:
        if (key(title), artist_key(artist)) in made:
            return
        made.add((key(title), artist_key(artist)))
        tracks.append(
            make_track(
                fake_id(f"bench:{title}:{artist}"),
                title,
                artist,
                album or title,
                year,
                popularity=40,
            )
        )

    for folder in LATER_SETS:
        if not (ARTICLES / folder / "catalog.json").exists():
            continue
        extra = json.loads((ARTICLES / folder / "catalog.json").read_text(encoding="utf-8"))
        for t in extra["tracks"]:
            add(t["title"], t["artist"], t.get("album", ""), t.get("year", 2000))
    for folder in (
        ARTICLES,
        ARTICLES / "holdout",
        ARTICLES / "fresh",
        ARTICLES / "fourth",
        ARTICLES / "seeds",
    ):
        for expected in folder.glob("*.expected.json"):
            for song in json.loads(expected.read_text(encoding="utf-8"))["songs"]:
                if song.get("artist"):
                    add(song["title"], song["artist"])
    return CatalogSearch(Catalog(tracks))


def long_list_seconds(lines: int = 4000) -> float:
    text = (
        "# A long list\n\n"
        + "\n".join(f"\u201cSong Number {i}\u201d by Band{i}" for i in range(lines))
        + "\n"
    )
    started = time.perf_counter()
    found = len(import_text(text).songs)
    seconds = time.perf_counter() - started
    assert found == lines, found
    return seconds


def main() -> int:
    only = sys.argv[1:]  # set names ("thirteenth"): just those, offline and with the catalog
    later = {name: cases(ARTICLES / name, seeds_too=False) for name in LATER_SETS}
    later = {name: todo for name, todo in later.items() if todo and (not only or name in only)}
    scope = " and ".join(only) + " set" if only else "all articles"
    sets = []
    if not only:
        sets += [
            report("development set (test articles and seeds)", cases()),
            report(
                "second set (tests/data/articles/holdout: first run recall 0.464, see README)",
                cases(ARTICLES / "holdout", seeds_too=False),
            ),
            report(
                "third set (tests/data/articles/fresh: first run recall 0.667, see README)",
                cases(ARTICLES / "fresh", seeds_too=False),
            ),
            report(
                "fourth set (tests/data/articles/fourth: first run recall 0.393, see README)",
                cases(ARTICLES / "fourth", seeds_too=False),
            ),
        ]
    for name, todo in later.items():
        sets.append(report(f"{name} set, offline (tests/data/articles/{name}: see README)", todo))
    right = sum(s.true_pos for s in sets)
    found = sum(s.found for s in sets)
    wanted = sum(s.wanted for s in sets)
    print(
        f"== {scope}, offline: precision {right / found:.3f}, recall "
        f"{right / wanted:.3f} ({right} right of {found} found, {wanted} true)"
    )
    print()
    search = catalog()
    print(f"(fake catalog: {len(search.catalog.tracks)} tracks)")
    with_catalog = [
        report(f"{name} set, with the catalog (first run: see README)", todo, search)
        for name, todo in later.items()
    ]
    if not only:
        with_catalog.append(
            report(
                "sets one to four, with the catalog",
                cases()
                + cases(ARTICLES / "holdout", seeds_too=False)
                + cases(ARTICLES / "fresh", seeds_too=False)
                + cases(ARTICLES / "fourth", seeds_too=False),
                search,
            )
        )
    right = sum(s.true_pos for s in with_catalog)
    found = sum(s.found for s in with_catalog)
    wanted = sum(s.wanted for s in with_catalog)
    print(
        f"== {scope}, with the catalog: precision {right / found:.3f}, recall "
        f"{right / wanted:.3f} ({right} right of {found} found, {wanted} true)"
    )
    if not only:
        print(f"\n4,000 quoted song lines (one paragraph): {long_list_seconds():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
