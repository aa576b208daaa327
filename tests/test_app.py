"""The command layer: every command agrees on an entry's state, and the README's promises hold.

An entry's state is decided once (``state.verdict``); these tests run ``match``, ``audit``,
``notes`` and ``create --dry-run`` over the same lockfile and check that they say the same
thing about every entry, including one recorded as matched without a URI.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from click.testing import CliRunner
from fake_catalog import CatalogSearch, make_track

from playlister import app, auth, lockfile
from playlister.cli import cli
from playlister.config import Settings
from playlister.lockfile import Lock, LockEntry, MatchInfo
from playlister.spotify import UserApi
from playlister.state import Status
from playlister.sync import CreateOptions
from playlister.tracklist import load

LIST = """\
[playlist]
name = "Six states"

[[track]]
title = "Blue"
artist = "Elastica"

[[track]]
title = "Heaven"
artist = "Bryan Adams"
version = "Live at Wembley 1986"
youtube = "https://www.youtube.com/watch?v=Ew7QoNGHung"

[[track]]
title = "Hollywood Dream"
artist = "The Runaways"

[[track]]
title = "Heroes"
artist = "Jon Smith"

[[track]]
title = "No Looking"
artist = "The Raincoats"

[[track]]
title = "Tell the World"
artist = "Vivian Girls"
"""

URI = "spotify:track:" + "1" * 22
SUB = "spotify:track:" + "2" * 22
MAYBE = "spotify:track:" + "3" * 22
# title -> (what the lockfile records, the URI recorded, the state every command must show)
RECORDED = {
    "Blue": (Status.MATCHED, URI, Status.MATCHED),
    "Heaven": (Status.SUBSTITUTE, SUB, Status.SUBSTITUTE),
    "Hollywood Dream": (Status.MISSING, None, Status.MISSING),
    "Heroes": (Status.REVIEW, MAYBE, Status.REVIEW),
    "No Looking": (Status.MATCHED, None, Status.REVIEW),  # a match with nothing to play
    # "Tell the World": no entry at all: not matched yet
}


@pytest.fixture
def project(isolated_env) -> Path:
    path = isolated_env.cwd / "tracks.toml"
    path.write_text(LIST)
    tracklist = load(path)
    lock = Lock(path=lockfile.lock_path(path))
    for track in tracklist.tracks:
        if track.title not in RECORDED:
            continue
        status, uri, _ = RECORDED[track.title]
        match = (
            MatchInfo(uri=uri, title=track.title, artists=(track.artist,), album="An Album")
            if uri
            else None
        )
        lock.put(
            LockEntry(
                key=track.key,
                title=track.title,
                artist=track.artist,
                status=status,
                score=0.9,
                reason="recorded by the test",
                checked="2026-11-01T00:00:00Z",
                uri=uri,
                match=match,
            )
        )
    lockfile.save(lock, tracklist.tracks)
    return path


def expected(title: str) -> Status:
    return RECORDED[title][2] if title in RECORDED else Status.UNMATCHED


def test_audit_notes_match_and_create_agree_on_every_entry(project: Path, monkeypatch) -> None:
    titles = [t.title for t in load(project).tracks]

    audit = app.audit(project)
    assert {r.track.title: r.status for r in audit.audit.rows} == {t: expected(t) for t in titles}
    assert audit.exit_code == 1  # a review and a not-matched-yet entry need a person

    # The sheet speaks to readers, not to the tool: a song is heard on Spotify only when the
    # verdict says so; a review, a match without a URI and a song not matched yet all point
    # to the recording wanted instead.
    sheet = app.notes(project).text
    songs = dict(re.findall(r"^\d+\. (.+?) — .+?\n(.*?)(?=\n\n|\n-{10})", sheet, re.S | re.M))
    assert "https://open.spotify.com/track/" + "1" * 22 in songs["Blue"]
    assert "Stand-in on Spotify" in songs["Heaven"]
    assert "Recording wanted: Live at Wembley 1986" in songs["Heaven"]
    assert songs["Hollywood Dream"].startswith("   Not on Spotify")
    for title in ("Heroes", "No Looking", "Tell the World"):
        assert "open.spotify.com" not in songs[title], title
        assert "youtube.com/results" in songs[title], title

    monkeypatch.setenv("PLAYLISTER_ACCESS_TOKEN", "t")
    dry = app.create(
        project,
        Settings.from_env(),
        CreateOptions(dry_run=True),
        confirm=lambda plan, question: True,
        confirm_recreate=lambda message: True,
        catalog_factory=lambda: CatalogSearch([]),
        user_api=UserApi(Settings.from_env()),
    )
    # Only the playable entries go in; the no-URI match waits with the review, like the audit.
    assert dry.sync.plan.add == (URI, SUB)
    assert [t.title for t, _ in dry.sync.missing] == ["Hollywood Dream", "Tell the World"]
    assert [t.title for t in dry.sync.review] == ["Heroes", "No Looking"]

    table = app.match(project, Settings.from_env(), catalog_factory=lambda: CatalogSearch([]))
    assert {r.track.title: r.status for r in table.rows}["No Looking"] is Status.REVIEW
    text = "\n".join(table.lines(width=120))
    no_looking = next(line for line in text.splitlines() if " No Looking " in line)
    assert " review " in no_looking


def test_audit_exits_1_while_entries_are_not_matched_yet(isolated_env) -> None:
    path = isolated_env.cwd / "tracks.toml"
    path.write_text(LIST)
    search = CatalogSearch([make_track("1" * 22, "Blue", "Elastica", "Elastica", 1995)])
    tracklist = load(path)
    # Match only the first song: the others stay "not matched".
    first = tracklist.tracks[0]
    project = app.Project(tracklist, lockfile.load(lockfile.lock_path(path)))
    project.ensure_matched([first], lambda: search)
    result = CliRunner().invoke(cli, ["audit", str(path)])
    assert result.exit_code == 1
    assert "! 6. Tell the World — Vivian Girls: not matched" in result.output
    assert result.output.rstrip().endswith("6 songs, 1 matched, 5 not matched: needs attention")


def test_a_new_market_searches_again_and_is_recorded(isolated_env) -> None:
    path = isolated_env.cwd / "tracks.toml"
    path.write_text(LIST)
    catalog = [make_track("1" * 22, "Blue", "Elastica", "Elastica", 1995)]
    first = CatalogSearch(catalog)
    app.match(path, Settings.from_env(), market="gb", catalog_factory=lambda: first)
    assert first.requests > 0
    assert 'market = "GB"' in lockfile.lock_path(path).read_text()

    same = CatalogSearch(catalog)
    again = app.match(path, Settings.from_env(), market="GB", catalog_factory=lambda: same)
    assert (same.requests, again.run.reused) == (0, 6)

    other = CatalogSearch(catalog)
    moved = app.match(path, Settings.from_env(), market="US", catalog_factory=lambda: other)
    assert moved.run.reused == 0 and other.requests >= 6
    assert 'market = "US"' in lockfile.lock_path(path).read_text()


def test_login_command_logs_in_and_names_the_user(spotify_api, isolated_env, monkeypatch) -> None:
    monkeypatch.setenv("SPOTIPY_CLIENT_ID", "test-client-id")
    monkeypatch.setenv("SPOTIPY_CLIENT_SECRET", "test-client-secret")
    spotify_api.get(spotify_api.api + "me", json={"id": "ann", "display_name": "Ann"})

    runner = CliRunner()
    seen: list[str] = []
    real = auth.login

    def login(settings, **kw):
        # Answer the login page as a browser would: approve, and come back with the state.
        def read(url: str) -> str:
            seen.append(url)
            state = parse_qs(urlsplit(url).query)["state"][0]
            return f"{settings.redirect_uri}?{urlencode({'code': 'c', 'state': state})}"

        kw["read_redirect"] = read
        return real(settings, **kw)

    monkeypatch.setattr(auth, "login", login)
    result = runner.invoke(cli, ["login", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert result.output == "Logged in to Spotify as Ann.\n"
    assert seen and seen[0].startswith("https://accounts.spotify.com/authorize?")
    assert (isolated_env.home / "user-token.json").exists()

    out = runner.invoke(cli, ["logout"])
    assert out.output == "Logged out: the cached Spotify login was removed.\n"


def test_match_json_lists_every_entry_with_its_verdict(project: Path) -> None:
    result = CliRunner().invoke(cli, ["audit", "--json", str(project)])
    doc = json.loads(result.output)
    assert [t["status"] for t in doc["tracks"]] == [
        "matched",
        "substitute",
        "missing",
        "review",
        "review",
        "not matched",
    ]
    no_looking = doc["tracks"][4]
    assert no_looking["reason"] == "recorded as matched without a Spotify URI"
    assert doc["tracks"][1]["fallback"] == "https://www.youtube.com/watch?v=Ew7QoNGHung"
    # the entry's own video under the tracklist's name for it, as `import --json` has it
    assert doc["tracks"][1]["youtube"] == "https://www.youtube.com/watch?v=Ew7QoNGHung"
    assert doc["tracks"][0]["youtube"] is None
