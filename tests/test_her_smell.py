"""End to end on the real Her Smell list: match, audit, create, sync, against a faked Spotify.

The fake catalog holds the songs Spotify has, with the decoys that trip naive matchers: a
popular cover first, same-titled songs by other artists, karaoke, a live take, and The
Runaways' other songs (one called "Hollywood") without "Hollywood Dream".
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from click.testing import CliRunner
from fake_catalog import Catalog, QueryError, track_object
from fake_playlist_api import FakePlaylistApi

from playlister.cli import cli

REPO = Path(__file__).resolve().parent.parent

# (id, title, artist, album, release date, popularity, duration_ms)
ROWS = [
    ("4o8KJQi6JVNpZEZnKe2zJd", "The Shame", "The Blood Brothers", "Crimes", "2004", 35, 171000),
    (
        "1Cn8ZoD5u1ZBQHhpnVbvGS",
        "Don't Cry - Original",
        "Guns N' Roses",
        "Use Your Illusion I",
        "1991-09-17",
        70,
        284000,
    ),
    (
        "0bS5sQ8WcE7mWZyUKkxr3W",
        "Don't Cry - Alt. Lyrics",
        "Guns N' Roses",
        "Use Your Illusion II",
        "1991-09-17",
        45,
        284000,
    ),
    (
        "3kr6Ke3wOb2Xfv9RlyCdb1",
        "Don't Cry (Karaoke Version)",
        "Karaoke Hits Band",
        "Karaoke Rock Hits",
        "2012",
        80,
        290000,
    ),
    ("5zRLvGAcg4hnSoNCkXrhuF", "Don't Cry", "Seal", "Seal II", "1994", 60, 380000),
    (
        "6JtZsZ3W2Y4TpM0dHRV8e9",
        "Because You're Young",
        "Cock Sparrer",
        "Here We Stand",
        "2007",
        30,
        190000,
    ),
    (
        "2WWQy4cVhK0p7FRwGu5bQm",
        "We're Coming Back",
        "Cock Sparrer",
        "Shock Troops",
        "1983",
        32,
        205000,
    ),
    (
        "7CQJ9BVR4y7cOOpRi0aRq6",
        "England Belongs to Me",
        "Cock Sparrer",
        "Shock Troops",
        "1983",
        40,
        200000,
    ),
    (
        "1f3Gcbk5y8YLzSNtGY4Jm5",
        "The Great Rock 'N' Roll Swindle",
        "Sex Pistols",
        "The Great Rock 'N' Roll Swindle",
        "1979",
        38,
        251000,
    ),
    (
        "0b1DzUX3Jh9SMCQfgqqFy2",
        "Journey to the End of the East Bay",
        "Rancid",
        "...And Out Come The Wolves",
        "1995-08-22",
        55,
        204000,
    ),
    ("0W2nS8kfgo7ALdMRkJvjZm", "Blue (Da Ba Dee)", "Eiffel 65", "Europop", "1999", 85, 282000),
    ("4dBRdgA0D8YeDSMPb1hCy6", "Blue", "Joni Mitchell", "Blue", "1971", 50, 180000),
    ("3n4ECRv8YJmTXbvsdFxbNn", "Blue", "Elastica", "The Menace", "2000", 25, 151000),
    # Another take of Blue, more popular than the studio one: not the Glastonbury set.
    (
        "5hV3bTfEeWc0PDhsLsQ5mB",
        "Blue - Peel Session",
        "Elastica",
        "The Radio One Sessions",
        "2001",
        30,
        149000,
    ),
    (
        "1Qph5zEvXaC8ahp9Z6eLTA",
        "Tell the World",
        "Vivian Girls",
        "Everything Goes Wrong",
        "2009",
        28,
        150000,
    ),
    (
        "2nL2qn9LtfQZ9V6lKFzkCa",
        "Fuck and Run",
        "Liz Phair",
        "Exile in Guyville",
        "1993",
        52,
        185000,
    ),
    # A live take from another night: not the Matador 21st Anniversary performance.
    (
        "0cXnLq6Cj5KqkLr1xQ0z7H",
        "Fuck and Run - Live",
        "Liz Phair",
        "Live at the Metro 1994",
        "1994",
        40,
        190000,
    ),
    ("5Cj1SjKvrLtdS3KRuYI3KF", "No Looking", "The Raincoats", "Odyshape", "1981", 20, 220000),
    ("6H6RUVCvt7tCmyQqI7HlDd", "Hollywood", "The Runaways", "Queens of Noise", "1977", 30, 170000),
    ("0TC0A4WV8DHa6vKWr4OyMZ", "Cherry Bomb", "The Runaways", "The Runaways", "1976", 65, 139000),
    (
        "1nXZGq2TuX5xY6xMoDypd0",
        "Hollywood Dreams",
        "Sunset Tribute Band",
        "Hollywood Dreams",
        "2015",
        15,
        200000,
    ),
    (
        "5d1vLCvCa1Lz4Pa3pFHU9J",
        "Another Girl Another Planet",
        "blink-182",
        "Greatest Hits",
        "2005",
        60,
        197000,
    ),
    (
        "1J4gAsC9GGZ2rPN5cPdVBz",
        "Another Girl, Another Planet",
        "The Only Ones",
        "The Only Ones",
        "1978",
        45,
        181000,
    ),
    ("7ku9AsYMKFPq3YmrLz5nOP", "Heaven", "DJ Sammy", "Heaven", "2002", 70, 232000),
    ("7Ewz6bJ97vUqk5HdkvguFQ", "Heaven", "Bryan Adams", "Reckless", "1984-11-05", 75, 243000),
    (
        "4ZfXz0mxBZcIm5CDv5nxpq",
        "Heaven - Live",
        "Bryan Adams",
        "Live! Live! Live!",
        "1988",
        20,
        260000,
    ),
]

EXPECTED = {
    "The Shame": ("matched", "4o8KJQi6JVNpZEZnKe2zJd"),
    "Don't Cry": ("matched", "1Cn8ZoD5u1ZBQHhpnVbvGS"),
    "Because You're Young": ("matched", "6JtZsZ3W2Y4TpM0dHRV8e9"),
    "We're Coming Back": ("matched", "2WWQy4cVhK0p7FRwGu5bQm"),
    "The Great Rock 'n' Roll Swindle": ("matched", "1f3Gcbk5y8YLzSNtGY4Jm5"),
    "Journey to the End of the East Bay": ("matched", "0b1DzUX3Jh9SMCQfgqqFy2"),
    "Blue": ("substitute", "3n4ECRv8YJmTXbvsdFxbNn"),
    "Tell the World": ("matched", "1Qph5zEvXaC8ahp9Z6eLTA"),
    "Fuck and Run": ("substitute", "2nL2qn9LtfQZ9V6lKFzkCa"),
    "No Looking": ("matched", "5Cj1SjKvrLtdS3KRuYI3KF"),
    "Hollywood Dream": ("missing", None),
    "Another Girl, Another Planet": ("matched", "1J4gAsC9GGZ2rPN5cPdVBz"),
    "Heaven": ("matched", "7Ewz6bJ97vUqk5HdkvguFQ"),
}


def catalog() -> Catalog:
    rows = [
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
        for tid, title, artist, album, date, pop, ms in ROWS
    ]
    return Catalog(track_object(r) for r in rows)


@pytest.fixture
def spotify(spotify_api, monkeypatch):
    """The faked Spotify: search over the catalog above, playlists in memory."""
    cat = catalog()

    def search(request):
        params = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        try:
            items, total = cat.search(params["q"], int(params.get("limit", 5)))
        except QueryError as exc:
            return 400, {}, json.dumps({"error": {"status": 400, "message": str(exc)}})
        body = {
            "tracks": {
                "items": items,
                "total": total,
                "limit": int(params["limit"]),
                "offset": 0,
                "href": request.url,
                "next": None,
                "previous": None,
            }
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    spotify_api.add_callback(responses.GET, spotify_api.api + "search", callback=search)
    playlists = FakePlaylistApi()
    playlists.install(spotify_api, spotify_api.api.rstrip("/"))
    monkeypatch.setenv("SPOTIPY_CLIENT_ID", "test-client-id")
    monkeypatch.setenv("SPOTIPY_CLIENT_SECRET", "test-client-secret")
    monkeypatch.setenv("PLAYLISTER_ACCESS_TOKEN", "test-user-token")
    spotify_api.playlists = playlists
    return spotify_api


@pytest.fixture
def her_smell(isolated_env) -> Path:
    path = isolated_env.cwd / "tracks.toml"
    shutil.copy(REPO / "tracks.toml", path)
    return path


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def searches(spotify) -> int:
    return sum(1 for c in spotify.api_calls() if "/search" in c.request.url)


def test_match_finds_the_right_recording_for_every_song(spotify, her_smell: Path) -> None:
    result = invoke("match", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    got = {t["title"]: (t["status"], t["uri"] and t["uri"].split(":")[-1]) for t in doc["tracks"]}
    assert got == EXPECTED
    blue = next(t for t in doc["tracks"] if t["title"] == "Blue")
    assert blue["fallback"] == "https://www.youtube.com/watch?v=Ew7QoNGHung"
    assert blue["match"]["album"] == "The Menace"
    assert blue["reason"].startswith(
        "Live at Glastonbury wanted; not on Spotify: found the studio take and a Peel Session "
        "(The Radio One Sessions, 2001). Standing in: \u201cBlue\u201d by Elastica"
    )
    run = next(t for t in doc["tracks"] if t["title"] == "Fuck and Run")
    assert run["reason"].startswith(
        "Live at the Matador 21st Anniversary wanted; not on Spotify: found the studio take and "
        "a live recording (Live at the Metro 1994, 1994)."
    )
    dream = next(t for t in doc["tracks"] if t["title"] == "Hollywood Dream")
    assert dream["match"] is None
    assert dream["fallback"] == (
        "https://www.youtube.com/results?search_query=The+Runaways+Hollywood+Dream"
    )
    assert searches(spotify) <= 1.5 * len(EXPECTED)


def test_a_second_match_sends_no_search(spotify, her_smell: Path) -> None:
    invoke("match")
    first = searches(spotify)
    result = invoke("match")
    assert result.exit_code == 0
    assert searches(spotify) == first
    assert "(0 search requests; 13 from tracks.lock)" in result.output


def test_match_table_shows_status_and_what_was_matched(
    spotify, her_smell: Path, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    result = invoke("match")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["#", "Title", "Artist", "Status"]
    blue = next(line for line in lines if line.startswith("7 "))
    assert "substitute" in blue and "The Menace" in blue and "2000" in blue
    assert "stand-in: Blue" in blue
    assert re.fullmatch(
        r"13 songs, 10 matched, 2 substitute, 1 missing: ok "
        r"\(\d+ search requests; 0 from tracks.lock\)",
        lines[-1],
    )


def test_audit_flags_the_substitutes_and_the_missing_song(spotify, her_smell: Path) -> None:
    invoke("match")
    result = invoke("audit")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "- 7. Blue — Elastica: substitute" in out
    assert "    wanted: Live at Glastonbury — https://www.youtube.com/watch?v=Ew7QoNGHung" in out
    assert (
        "    stands in: Blue — Elastica (The Menace, 2000) "
        "https://open.spotify.com/track/3n4ECRv8YJmTXbvsdFxbNn"
    ) in out
    assert "Peel Session" in out  # the take found, in the reason
    assert "    listen: https://www.youtube.com/watch?v=Ew7QoNGHung" in out
    assert (
        "    wanted: Live at the Matador 21st Anniversary — https://www.youtube.com/results?" in out
    )
    assert "- 11. Hollywood Dream — The Runaways: missing" in out
    assert "https://www.youtube.com/results?search_query=The+Runaways+Hollywood+Dream" in out
    assert (
        "Play every fallback video in a row: "
        "https://www.youtube.com/watch_videos?video_ids=Ew7QoNGHung"
    ) in out
    assert out.rstrip().endswith("13 songs, 10 matched, 2 substitute, 1 missing: ok")
    assert "The Shame" not in out  # clean matches are not listed

    strict = invoke("audit", "--strict")
    assert strict.exit_code == 1

    doc = json.loads(invoke("audit", "--json").stdout)
    assert doc["summary"] == {
        "matched": 10,
        "substitute": 2,
        "review": 0,
        "missing": 1,
        "not matched": 0,
    }
    assert doc["exit_code"] == 0
    assert [t["title"] for t in doc["tracks"]][:2] == ["The Shame", "Don't Cry"]


def test_create_then_sync_then_edit(spotify, her_smell: Path) -> None:
    invoke("match")
    result = invoke("create", "--yes")
    assert result.exit_code == 0, result.output
    fake = spotify.playlists
    (pid,) = fake.playlists
    wanted = [f"spotify:track:{tid}" for _, tid in EXPECTED.values() if tid]
    assert fake.items(pid) == wanted
    assert result.output.rstrip().endswith(f"https://open.spotify.com/playlist/{pid}")
    assert "Hollywood Dream — The Runaways: https://www.youtube.com/results?" in result.output
    assert f'id = "{pid}"' in her_smell.with_name("tracks.lock").read_text()

    again = invoke("create", "--yes")
    assert "The playlist is already in step with the tracklist." in again.output
    assert len(fake.playlists) == 1

    # Move Heaven to the top and drop The Shame: a minimal plan, the same playlist.
    text = her_smell.read_text()
    heaven = text[text.index('[[track]]\ntitle = "Heaven"') :]
    text = text.replace(heaven, "")
    first = '[[track]]\ntitle = "The Shame"'
    text = text.replace(first, heaven + "\n" + first)
    shame = re.search(r'\[\[track\]\]\ntitle = "The Shame".*?(?=\[\[track\]\])', text, re.S)
    her_smell.write_text(text.replace(shame.group(0), ""))
    writes_before = len(fake.writes)
    dry = invoke("create", "--dry-run")
    assert len(fake.writes) == writes_before
    # The Shame was put there by playlister and is no longer listed: it goes, --prune or not.
    assert "0 to add, 1 to remove, 1 to move (2 requests)" in dry.output
    assert "- The Shame — The Blood Brothers (taken out of the tracklist)" in dry.output
    assert "~ Heaven — Bryan Adams (#12 → #1)" in dry.output
    assert "kept:" not in dry.output
    assert "Dry run: nothing was sent to Spotify." in dry.output

    synced = invoke("create", "--yes", "--json")
    doc = json.loads(synced.stdout)
    assert (doc["playlist_id"], doc["added"], doc["removed"], doc["moved"]) == (pid, 0, 1, 1)
    assert [m["title"] for m in doc["missing"]] == ["Hollywood Dream"]
    heaven_uri = "spotify:track:7Ewz6bJ97vUqk5HdkvguFQ"
    shame_uri = "spotify:track:4o8KJQi6JVNpZEZnKe2zJd"
    assert fake.items(pid) == [heaven_uri] + [u for u in wanted if u not in (heaven_uri, shame_uri)]
