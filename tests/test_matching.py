"""Matching a whole tracklist: what is searched, what is reused, and what survives a stop."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_catalog import CatalogSearch, make_track

from playlister import lockfile
from playlister.app import Project
from playlister.errors import RateLimitError, TracklistError
from playlister.match.batch import match_entries
from playlister.match.text import fold
from playlister.tracklist import Tracklist, load


def match_tracklist(tracklist: Tracklist, factory, *, refresh: bool = False, workers: int = 4):
    """Run the batch as `playlister match` does: the project's lock, saved by the project."""
    project = Project(tracklist, lockfile.load(lockfile.lock_path(tracklist.path)))
    run = match_entries(
        tracklist.tracks,
        project.lock,
        factory,
        save=project.save,
        refresh=refresh,
        workers=workers,
        source=tracklist.path,
    )
    run.results = [(t, e) for t in tracklist.tracks if (e := project.lock.get(t))]
    return run


CATALOG = [
    make_track("0000000000000000000001", "Blue", "Elastica", "Elastica", 1995),
    make_track("0000000000000000000002", "Heaven", "Bryan Adams", "Reckless", 1984),
    make_track("0000000000000000000003", "No Looking", "The Raincoats", "Odyshape", 1981),
    make_track("0000000000000000000004", "Hollywood", "The Runaways", "Queens of Noise", 1977),
]


LIST = """\
[playlist]
name = "Test"

[[track]]
title = "Blue"
artist = "Elastica"

[[track]]
title = "Heaven"
artist = "Bryan Adams"

[[track]]
title = "Hollywood Dream"
artist = "The Runaways"
"""


@pytest.fixture
def tracks_file(tmp_path: Path) -> Path:
    path = tmp_path / "tracks.toml"
    path.write_text(LIST)
    return path


def statuses(run) -> dict[str, str]:
    return {t.title: e.status.value for t, e in run.results}


def test_first_run_searches_and_writes_the_lockfile(tracks_file: Path) -> None:
    search = CatalogSearch(CATALOG)
    run = match_tracklist(load(tracks_file), lambda: search)
    assert statuses(run) == {"Blue": "matched", "Heaven": "matched", "Hollywood Dream": "missing"}
    assert run.searched == 3 and run.requests == search.requests
    lock = lockfile.load(tracks_file.with_name("tracks.lock"))
    assert {e.title: e.uri for e in lock.entries.values()} == {
        "Blue": "spotify:track:0000000000000000000001",
        "Heaven": "spotify:track:0000000000000000000002",
        "Hollywood Dream": None,
    }


def test_a_rerun_sends_no_request_and_needs_no_credentials(tracks_file: Path) -> None:
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))

    def no_catalog():
        raise AssertionError("a re-run must not build a catalog client")

    run = match_tracklist(load(tracks_file), no_catalog)
    assert (run.searched, run.reused, run.requests) == (0, 3, 0)
    assert statuses(run)["Blue"] == "matched"


def test_refresh_searches_again(tracks_file: Path) -> None:
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))
    search = CatalogSearch(CATALOG)
    run = match_tracklist(load(tracks_file), lambda: search, refresh=True)
    assert run.searched == 3 and search.requests >= 3


def test_an_edited_entry_is_matched_again_and_only_it(tracks_file: Path) -> None:
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))
    tracks_file.write_text(LIST.replace('title = "Heaven"', 'title = "Heaven"\nyear = 1984'))
    search = CatalogSearch(CATALOG)
    run = match_tracklist(load(tracks_file), lambda: search)
    assert (run.searched, run.reused) == (1, 2)
    assert all("heaven" in fold(q) for q in search.queries)


def test_a_pinned_uri_is_looked_up_once_never_searched(tracks_file: Path) -> None:
    tracks_file.write_text(
        LIST.replace(
            'artist = "The Runaways"',
            'artist = "The Runaways"\nspotify = "spotify:track:0000000000000000000004"',
        )
    )
    search = CatalogSearch(CATALOG)
    run = match_tracklist(load(tracks_file), lambda: search)
    entry = dict((t.title, e) for t, e in run.results)["Hollywood Dream"]
    assert (entry.status.value, entry.uri, entry.pinned, entry.verified) == (
        "matched",
        "spotify:track:0000000000000000000004",
        True,
        True,
    )
    # Spotify's own record of the pinned track: its album, year and title.
    assert entry.match is not None
    assert (entry.match.title, entry.match.album, entry.match.year) == (
        "Hollywood",
        "Queens of Noise",
        1977,
    )
    assert not any("hollywood" in fold(q) for q in search.queries)
    assert search.lookups == ["spotify:track:0000000000000000000004"]

    again = CatalogSearch(CATALOG)
    assert match_tracklist(load(tracks_file), lambda: again).reused == 3
    assert again.requests == 0


def test_a_pin_spotify_does_not_know_names_the_entry_and_keeps_the_rest(tracks_file: Path) -> None:
    tracks_file.write_text(
        LIST.replace(
            'artist = "The Runaways"',
            'artist = "The Runaways"\nspotify = "spotify:track:0000000000000000000009"',
        )
    )
    with pytest.raises(TracklistError) as info:
        match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))
    assert str(info.value) == (
        f"{tracks_file}, line 12, track 3 (\"Hollywood Dream\"), field 'spotify': Spotify has no "
        "track spotify:track:0000000000000000000009: correct the ID (copy the track's link from "
        "Spotify) or remove the pin to search for the song"
    )
    lock = lockfile.load(tracks_file.with_name("tracks.lock"))
    assert sorted(e.title for e in lock.entries.values()) == ["Blue", "Heaven"]


def test_dropping_an_entry_drops_it_from_the_lockfile(tracks_file: Path) -> None:
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))
    tracks_file.write_text(LIST.split('[[track]]\ntitle = "Hollywood')[0])
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))
    lock = lockfile.load(tracks_file.with_name("tracks.lock"))
    assert sorted(e.title for e in lock.entries.values()) == ["Blue", "Heaven"]


def test_a_quota_stop_keeps_what_was_matched(tracks_file: Path) -> None:
    search = CatalogSearch(CATALOG, fail_after=1)
    with pytest.raises(RateLimitError):
        match_tracklist(load(tracks_file), lambda: search, workers=1)
    lock = lockfile.load(tracks_file.with_name("tracks.lock"))
    kept = list(lock.entries.values())
    assert [e.title for e in kept] == ["Blue"]
    # Whatever finished before the 429 is on disk; the next run only searches the rest.
    after = CatalogSearch(CATALOG)
    run = match_tracklist(load(tracks_file), lambda: after)
    assert run.reused == len(kept)
    assert run.searched == 3 - len(kept)
    assert statuses(run)["Heaven"] == "matched"


def test_the_lockfile_is_deterministic_and_in_tracklist_order(tracks_file: Path) -> None:
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG), workers=3)
    text = tracks_file.with_name("tracks.lock").read_text()
    assert (
        text.index('title = "Blue"')
        < text.index('title = "Heaven"')
        < text.index('title = "Hollywood Dream"')
    )
    match_tracklist(load(tracks_file), lambda: CatalogSearch(CATALOG))
    assert tracks_file.with_name("tracks.lock").read_text() == text
