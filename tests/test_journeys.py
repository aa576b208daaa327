"""Journeys: the installed ``playlister`` as a new user runs it, against a local Spotify.

Each journey starts where a user starts (a tracklist, an article or an Exportify export, and
no lockfile), runs the installed console script as a subprocess, one command after another,
against ``spotify_server.LocalSpotify`` on 127.0.0.1, and asserts what a user would check in
Spotify afterwards: the playlists' items, names and settings in the server's state, and that
every request was one the real API documents. Tests that start from a prepared lockfile do not
see what a first run does; these do.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_catalog import make_track, track_object
from seeds import SEEDS
from spotify_server import LocalSpotify
from test_her_smell import EXPECTED, ROWS

REPO = Path(__file__).resolve().parent.parent
PLAYLISTER = Path(sys.executable).with_name("playlister")
BOUND = 60.0  # seconds any one command may take before the journey fails (none should)

HER_SMELL = [f"spotify:track:{tid}" for status, tid in EXPECTED.values() if tid]
# The film-tagged songs of the shipped list that Spotify has, in list order.
FILM = [
    f"spotify:track:{EXPECTED[t['title']][1]}"
    for t in tomllib.loads((REPO / "tracks.toml").read_text())["track"]
    if "film" in t.get("tags", ()) and EXPECTED[t["title"]][1]
]


def her_smell_tracks() -> list[dict]:
    return [
        track_object(
            {
                "track_id": tid,
                "track_name": title,
                "track_artist": artist,
                "track_album_id": f"al{tid[2:]}",
                "track_album_name": album,
                "track_album_release_date": date,
                "track_popularity": pop,
                "duration_ms": ms,
            }
        )
        for tid, title, artist, album, date, pop, ms in ROWS
    ]


EXTRA = [
    make_track("3Zb8hN5fYqT0Hx1rO2pQ7w", "Trampoline", "SHAED", "Melt", 2018),
]


class User:
    """A person at a terminal in ``folder``, with playlister installed and logged in."""

    def __init__(self, folder: Path, server: LocalSpotify, home: Path) -> None:
        self.folder = folder
        self.server = server
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("SPOTIPY_", "PLAYLISTER_"))
        }
        self.env.update(server.env(), PLAYLISTER_HOME=str(home), COLUMNS="160")

    def logout(self) -> None:
        del self.env["PLAYLISTER_ACCESS_TOKEN"]

    def run(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        assert PLAYLISTER.exists(), f"playlister is not installed beside {sys.executable}"
        return subprocess.run(
            [str(PLAYLISTER), *args],
            cwd=self.folder,
            env=self.env,
            input=input if input is not None else "",
            text=True,
            capture_output=True,
            timeout=BOUND,
        )

    def ok(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        done = self.run(*args, input=input)
        assert done.returncode == 0, f"playlister {' '.join(args)}:\n{done.stdout}{done.stderr}"
        return done

    def lock(self, name: str = "tracks.lock") -> dict:
        return tomllib.loads((self.folder / name).read_text())


@pytest.fixture
def server() -> Iterator[LocalSpotify]:
    with LocalSpotify(her_smell_tracks() + EXTRA) as s:
        yield s
    assert s.problems == [], "requests the real API would refuse:\n" + "\n".join(s.problems)


@pytest.fixture
def user(tmp_path: Path, server: LocalSpotify) -> User:
    folder = tmp_path / "list"
    folder.mkdir()
    return User(folder, server, tmp_path / "home")


def only_playlist(server: LocalSpotify):
    (playlist,) = server.playlists()
    return playlist


def write(user: User, text: str, name: str = "tracks.toml") -> Path:
    path = user.folder / name
    path.write_text(text)
    return path


# --------------------------------------------------------------------------------------------
# The Her Smell list from scratch


def test_her_smell_from_scratch_to_a_synced_playlist_and_its_notes(user, server):
    shutil.copy(REPO / "tracks.toml", user.folder / "tracks.toml")
    assert "13 songs, all valid" in user.ok("check").stdout
    matched = user.ok("match", "--market", "GB").stdout
    assert "13 songs, 10 matched, 2 substitute, 1 missing: ok" in matched
    assert user.ok("audit").returncode == 0

    created = user.ok("create", "--yes")
    playlist = only_playlist(server)
    assert playlist.items == HER_SMELL
    assert (playlist.name, playlist.public) == ("Her Smell: the songs behind the film", False)
    assert created.stdout.rstrip().endswith(f"https://open.spotify.com/playlist/{playlist.id}")
    assert "+ Blue — Elastica (stand-in: Live at Glastonbury wanted)" in created.stdout
    assert "Done: made the playlist, added 12, removed 0, moved 0" in created.stdout

    # Edit: take The Shame out, and put Heaven first.
    path = user.folder / "tracks.toml"
    text = path.read_text()
    blocks = text.split("[[track]]")
    shame = next(i for i, b in enumerate(blocks) if 'title = "The Shame"' in b)
    heaven = next(i for i, b in enumerate(blocks) if 'title = "Heaven"' in b)
    order = [heaven] + [i for i in range(1, len(blocks)) if i not in (shame, heaven)]
    path.write_text(
        blocks[0] + "".join("[[track]]" + blocks[i].rstrip("\n") + "\n\n" for i in order)
    )
    before = server.writes
    dry = user.ok("create", "--dry-run").stdout
    assert "- The Shame — The Blood Brothers (taken out of the tracklist)" in dry
    assert "~ Heaven — Bryan Adams (#12 → #1)" in dry
    assert "Dry run: nothing was sent to Spotify." in dry
    assert server.writes == before and playlist.items == HER_SMELL

    synced = user.ok("create", "--yes").stdout
    assert "removed 1, moved 1" in synced
    heaven_uri = "spotify:track:7Ewz6bJ97vUqk5HdkvguFQ"
    assert playlist.items == [heaven_uri] + [u for u in HER_SMELL[1:] if u != heaven_uri]
    assert "already in step" in user.ok("create", "--yes").stdout

    user.ok("notes", "--format", "html", "--output", "notes.html")
    assert (
        f"https://open.spotify.com/playlist/{playlist.id}"
        in (user.folder / "notes.html").read_text()
    )


# --------------------------------------------------------------------------------------------
# Importing, then creating with no lockfile


def test_an_exportify_csv_imported_then_created_fills_the_playlist(user, server):
    rows = [r for r in ROWS if r[0] in {u.rsplit(":", 1)[1] for u in HER_SMELL}][:6]
    with (user.folder / "export.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(
            [
                "Track URI",
                "Track Name",
                "Artist Name(s)",
                "Album Name",
                "Release Date",
                "Duration (ms)",
            ]
        )
        for tid, title, artist, album, date, _pop, ms in rows:
            out.writerow([f"spotify:track:{tid}", title, artist, album, date, ms])
    user.ok("import", "export.csv", "-o", "tracks.toml")
    assert not (user.folder / "tracks.lock").exists()

    created = user.ok("create", "--yes").stdout
    pins = [f"spotify:track:{r[0]}" for r in rows]
    assert only_playlist(server).items == pins
    assert f"added {len(pins)}" in created
    # Every pin looked up once, none searched for.
    assert (server.lookups, server.searches) == (len(pins), 0)
    entries = user.lock()["entry"]
    assert all(e["pinned"] and e["verified"] for e in entries)
    assert [e["match"]["album"] for e in entries] == [r[3] for r in rows]


@pytest.mark.skipif(
    not (SEEDS / "004_b5e94815226b37b9.txt").exists(),
    reason="the seed articles are not beside the repository",
)
def test_an_article_imported_offline_filled_in_and_created(user, server):
    shutil.copy(SEEDS / "004_b5e94815226b37b9.txt", user.folder / "article.txt")
    user.ok("import", "article.txt", "--offline", "-o", "tracks.toml")
    check = user.run("check")
    assert check.returncode == 1
    assert "field 'artist': must not be empty" in check.stderr
    path = user.folder / "tracks.toml"
    text = path.read_text()
    assert text.count('artist = ""') == 1
    path.write_text(text.replace('artist = ""', 'artist = "The Only Ones"'))
    user.ok("check")

    created = user.ok("create", "--yes").stdout
    audit = json.loads(user.run("audit", "--json").stdout)
    playable = [t["uri"] for t in audit["tracks"] if t["status"] in ("matched", "substitute")]
    assert only_playlist(server).items == list(dict.fromkeys(playable))
    assert "spotify:track:1J4gAsC9GGZ2rPN5cPdVBz" in playable  # the song filled in by hand
    assert "spotify:track:3n4ECRv8YJmTXbvsdFxbNn" in playable  # Blue, standing in
    assert "Done: made the playlist" in created


@pytest.mark.skipif(
    not (SEEDS / "004_b5e94815226b37b9.txt").exists(),
    reason="the seed articles are not beside the repository",
)
def test_an_article_imported_with_the_catalog_then_created(user, server):
    shutil.copy(SEEDS / "004_b5e94815226b37b9.txt", user.folder / "article.txt")
    made = user.ok("import", "article.txt", "-o", "tracks.toml")
    assert "Recorded 8 matches in tracks.lock" in made.stderr
    user.ok("check")  # the catalog named every artist: nothing to fill in
    searches = server.searches
    created = user.ok("create", "--yes")
    assert server.searches - searches <= 4  # only what the import could not settle
    # The song Spotify lacks stays in the list, flagged, with a place to hear it.
    assert (
        "Hollywood Dream — The Runaways: https://www.youtube.com/results?search_query="
        "The+Runaways+Hollywood+Dream"
    ) in created.stdout
    audit = json.loads(user.run("audit", "--json").stdout)
    playable = [t["uri"] for t in audit["tracks"] if t["status"] in ("matched", "substitute")]
    assert only_playlist(server).items == playable and len(playable) == 10


# --------------------------------------------------------------------------------------------
# Pins


PINNED = """\
[playlist]
name = "Pinned"

[[track]]
title = "Heaven"
artist = "Bryan Adams"
spotify = "spotify:track:7Ewz6bJ97vUqk5HdkvguFQ"

[[track]]
title = "No Looking"
artist = "The Raincoats"
spotify = "https://open.spotify.com/track/5Cj1SjKvrLtdS3KRuYI3KF"
"""


def test_a_fully_pinned_list_makes_a_full_playlist(user, server):
    write(user, PINNED)
    created = user.ok("create", "--yes").stdout
    assert only_playlist(server).items == [
        "spotify:track:7Ewz6bJ97vUqk5HdkvguFQ",
        "spotify:track:5Cj1SjKvrLtdS3KRuYI3KF",
    ]
    assert "already" not in created
    assert (server.lookups, server.searches) == (2, 0)
    heaven = user.lock()["entry"][0]["match"]
    assert (heaven["album"], heaven["year"], heaven["duration_ms"]) == ("Reckless", 1984, 243000)
    user.ok("create", "--yes")
    assert server.lookups == 2  # verified once


def test_a_pin_spotify_does_not_know_stops_before_any_write(user, server):
    write(user, PINNED.replace("5Cj1SjKvrLtdS3KRuYI3KF", "0000000000000000000000"))
    done = user.run("create", "--yes")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "Error: tracks.toml, line 9, track 2 (\"No Looking\"), field 'spotify': Spotify has no "
        "track spotify:track:0000000000000000000000: correct the ID (copy the track's link from "
        "Spotify) or remove the pin to search for the song"
    )
    assert server.playlists() == [] and server.writes == 0


# --------------------------------------------------------------------------------------------
# Subsets, settings, the empty playlist, shared tracks


def test_a_tag_subset_gets_its_own_playlist_and_never_strips_the_main_one(user, server):
    shutil.copy(REPO / "tracks.toml", user.folder / "tracks.toml")
    user.ok("create", "--yes")
    main = only_playlist(server)
    film = user.ok("create", "--tag", "film", "--name", "Film only", "--yes").stdout
    assert "taken out of the tracklist" not in film
    main_after, subset = server.playlists()
    assert main_after is main and main.items == HER_SMELL
    assert (subset.name, subset.items) == ("Film only", FILM)
    (record,) = user.lock()["subset"]
    assert (record["tags"], record["name"], record["id"]) == (["film"], "Film only", subset.id)

    again = user.ok("create", "--tag", "film", "--yes").stdout
    assert "already in step" in again and subset.name == "Film only"
    notes = user.ok("notes", "--tag", "film", "--format", "markdown").stdout
    assert f"https://open.spotify.com/playlist/{subset.id}" in notes


def test_a_settings_change_is_planned_asked_and_applied(user, server):
    path = write(user, PINNED)
    user.ok("create", "--yes")
    playlist = only_playlist(server)
    path.write_text(
        PINNED.replace(
            'name = "Pinned"', 'name = "Pinned"\npublic = true\ndescription = "Two songs"'
        )
    )
    dry = user.ok("create", "--dry-run").stdout
    assert "2 settings to change (1 request)" in dry
    assert "* visibility: private → public" in dry
    assert '* description: (none) → "Two songs"' in dry
    assert (playlist.public, playlist.description) == (False, "")

    declined = user.run("create", input="n\n")
    assert "Apply? [y/N]" in declined.stderr and "Nothing was changed." in declined.stdout
    assert playlist.public is False

    user.ok("create", "--yes")
    assert (playlist.public, playlist.description) == (True, "Two songs")


def test_nothing_found_says_so_and_asks_about_an_empty_playlist(user, server):
    write(
        user,
        '[playlist]\nname = "Absent"\n\n[[track]]\ntitle = "No Such Song"\n'
        'artist = "Nobody At All"\n',
    )
    done = user.run("create", input="n\n")
    assert "nothing to put in it" in done.stdout
    assert "Create an empty playlist? [y/N]" in done.stderr
    assert server.playlists() == []
    assert "already" not in done.stdout


def test_two_entries_on_one_track_are_reported_not_merged_silently(user, server):
    write(
        user,
        '[playlist]\nname = "Twice"\n\n[[track]]\ntitle = "Trampoline (with ZAYN)"\n'
        'artist = "SHAED"\nspotify = "spotify:track:3Zb8hN5fYqT0Hx1rO2pQ7w"\n\n'
        '[[track]]\ntitle = "Trampoline"\nartist = "SHAED"\n',
    )
    matched = user.ok("match").stdout
    assert "! #1 Trampoline (with ZAYN) and #2 Trampoline resolve to one Spotify track" in matched
    audit = user.run("audit")
    assert "shares its Spotify track with #2" in audit.stdout
    assert user.run("audit", "--strict").returncode == 1
    plan = user.ok("create", "--dry-run").stdout
    assert "! #1 Trampoline (with ZAYN) and #2 Trampoline resolve to one Spotify track" in plan


def test_a_lockfile_given_as_the_tracklist_is_refused_and_left_alone(user, server):
    write(user, PINNED)
    user.ok("match")
    lock = (user.folder / "tracks.lock").read_bytes()
    done = user.run("match", "tracks.lock")
    assert done.returncode == 1
    assert "that is a lockfile" in done.stderr
    assert (user.folder / "tracks.lock").read_bytes() == lock


# --------------------------------------------------------------------------------------------
# No login; Ctrl-C and a second run


def test_without_a_login_create_stops_before_any_search(user, server):
    shutil.copy(REPO / "tracks.toml", user.folder / "tracks.toml")
    user.logout()
    done = user.run("create", "--yes")
    assert done.returncode == 1
    assert done.stderr == "Error: Not logged in to Spotify: run `playlister login` first.\n"
    assert server.seen == []


@pytest.mark.parametrize("stop_after", ["searching", "creating"])
def test_ctrl_c_then_the_same_command_again_gives_one_whole_playlist(user, server, stop_after):
    shutil.copy(REPO / "tracks.toml", user.folder / "tracks.toml")
    server.latency = 0.4  # time to interrupt between two requests, even on a loaded machine
    proc = subprocess.Popen(
        [str(PLAYLISTER), "create", "--yes"],
        cwd=user.folder,
        env=user.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline and proc.poll() is None:
        if stop_after == "searching" and server.searches >= 3:
            break
        if stop_after == "creating" and server.count("POST", r"/me/playlists"):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=BOUND)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Stopped" in err

    server.wait_idle()  # the interrupted run's last write lands before the user runs again
    server.latency = 0.0
    user.ok("create", "--yes")
    assert only_playlist(server).items == HER_SMELL
