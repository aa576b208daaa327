"""Ownership and snapshots: a sync changes only what playlister put in the playlist, and a
re-sync of an untouched playlist costs one request (issue 9).

Through the real UserApi against the stateful fake (each request checked against the spec).
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from fake_playlist_api import FakePlaylistApi, Killed
from test_sync import make_tracklist, only_playlist, reorder, run, uri

from playlister import lockfile
from playlister.config import Settings
from playlister.errors import LockfileError
from playlister.lockfile import Lock, PlaylistRecord
from playlister.spotify import UserApi


@pytest.fixture
def user_settings(isolated_env: Any) -> Settings:
    return Settings.from_env(
        {"PLAYLISTER_ACCESS_TOKEN": "test-user-token", "PLAYLISTER_HOME": str(isolated_env.home)}
    )


@pytest.fixture
def api(user_settings: Settings) -> UserApi:
    return UserApi(user_settings, sleep=lambda s: None)


HAND = "spotify:track:" + "H" * 22
HAND2 = "spotify:track:" + "J" * 22


def recorded(tl: Any) -> dict[str, Any]:
    """The lockfile's [playlist] table as written."""
    return tomllib.loads(lockfile.lock_path(tl.path).read_text())["playlist"]


def test_taking_songs_out_removes_them_and_keeps_a_hand_added_one(fake, api, tmp_path):
    """The issue's first report: three songs taken out of tracks.toml, one added in Spotify."""
    tl, _ = make_tracklist(tmp_path, 8)
    run(tl, api)
    pid = only_playlist(fake)
    fake.playlists[pid].items.insert(3, HAND)  # a collaborator adds a song in the middle
    fake.playlists[pid].version += 1
    fake.log.clear()

    result = run(reorder(tl, [0, 2, 3, 5, 7]), api)  # 1, 4 and 6 taken out; no --prune

    assert fake.items(pid) == [uri(i) for i in (0, 2, 3, 5, 7)] + [HAND]
    assert fake.kinds() == ["remove", "reorder"]
    assert fake.writes[0].body["items"] == [{"uri": uri(i)} for i in (1, 4, 6)]
    assert result.plan.describe() == [
        "- Song 1 — Band 1 (taken out of the tracklist)",
        "- Song 4 — Band 4 (taken out of the tracklist)",
        "- Song 6 — Band 6 (taken out of the tracklist)",
        f"~ Track {'H' * 22} (#4 → #6)",  # a name Spotify gives (the fake has no artists)
        f"  kept: added in Spotify by hand (1), at the end: Track {'H' * 22} (--prune removes it)",
    ]
    table = recorded(tl)
    assert table["items"] == [uri(i) for i in (0, 2, 3, 5, 7)] + [HAND]
    assert table["owned"] == {uri(i): 1 for i in (0, 2, 3, 5, 7)}  # the hand one is not ours
    assert table["snapshot_id"] == fake.playlists[pid].snapshot_id

    fake.log.clear()
    assert run(reorder(tl, [0, 2, 3, 5, 7]), api).plan.is_empty
    assert [r.method for r in fake.log] == ["GET"]  # snapshot unchanged: nothing else read


def test_prune_also_removes_what_was_added_by_hand(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 3)
    run(tl, api)
    pid = only_playlist(fake)
    fake.playlists[pid].items.append(HAND)
    fake.playlists[pid].version += 1
    result = run(tl, api, prune=True)
    assert fake.items(pid) == [uri(0), uri(1), uri(2)]
    assert result.plan.describe() == [f"- Track {'H' * 22} (added in Spotify by hand; --prune)"]


def test_a_hand_added_duplicate_of_an_owned_track_survives(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 4)
    run(tl, api)
    pid = only_playlist(fake)
    fake.playlists[pid].items.append(uri(2))  # someone adds a second copy of track 2
    fake.playlists[pid].version += 1

    run(tl, api)  # nothing to do: the playlist is the tracklist plus a copy added by hand
    assert fake.items(pid) == [uri(0), uri(1), uri(2), uri(3), uri(2)]

    fake.log.clear()
    result = run(reorder(tl, [0, 1, 3]), api)  # track 2 leaves the tracklist
    # DELETE takes out both copies; the hand-added one goes back, once
    assert fake.kinds() == ["remove", "add"]
    assert fake.items(pid) == [uri(0), uri(1), uri(3), uri(2)]
    assert result.plan.dropped == (uri(2),) and result.plan.readded == (uri(2),)
    assert recorded(tl)["owned"] == {uri(i): 1 for i in (0, 1, 3)}

    fake.log.clear()
    run(reorder(tl, [0, 1, 3]), api)
    assert fake.writes == []  # the surviving copy is the collaborator's: left alone


def test_a_recorded_track_removed_in_spotify_comes_back_only_if_still_listed(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 4)
    run(tl, api)
    pid = only_playlist(fake)
    fake.playlists[pid].items.remove(uri(1))
    fake.playlists[pid].items.remove(uri(3))
    fake.playlists[pid].version += 1

    result = run(reorder(tl, [0, 1, 2]), api)  # 1 still listed, 3 taken out
    assert fake.items(pid) == [uri(0), uri(1), uri(2)]
    assert result.plan.describe() == ["+ Song 1 — Band 1 (removed in Spotify, put back)"]


def test_a_reorder_done_in_spotify_is_put_right(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 150)
    run(tl, api)
    pid = only_playlist(fake)
    items = fake.playlists[pid].items
    items.insert(0, items.pop(120))  # dragged in the Spotify app
    fake.playlists[pid].version += 1
    fake.log.clear()

    result = run(tl, api)

    assert fake.items(pid) == [uri(i) for i in range(150)]
    assert fake.kinds() == ["reorder"] and result.moved == 1
    # read: the playlist with its first 100 items, then one page of 50
    assert [(r.method, r.query.get("offset")) for r in fake.log if r.method == "GET"] == [
        ("GET", None),
        ("GET", "100"),
    ]


def test_nothing_changed_resync_of_500_tracks_is_one_request(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 500)
    run(tl, api)
    requests_before = api.requests
    fake.log.clear()

    result = run(tl, api)

    assert result.plan.is_empty and fake.writes == []
    assert api.requests - requests_before == 1
    assert [(r.method, r.path) for r in fake.log] == [("GET", f"/playlists/{only_playlist(fake)}")]


def test_an_edit_of_an_untouched_playlist_reads_nothing_but_the_playlist(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 300)
    run(tl, api)
    fake.log.clear()
    order = list(range(300))
    order.remove(17)
    order.insert(0, order.pop(250))
    run(reorder(tl, order), api)
    assert [r.method for r in fake.log if not r.is_write] == ["GET"]
    assert fake.items(only_playlist(fake)) == [uri(i) for i in order]


def test_a_run_that_dies_halfway_still_owns_what_it_added(fake, api, tmp_path, user_settings):
    """Ownership is claimed before the writes: if the run dies after adding, the next one
    (with that track now taken out of the tracklist) still removes it."""
    tl, _ = make_tracklist(tmp_path, 250)
    run(reorder(tl, [0, 1, 2]), api)
    pid = only_playlist(fake)
    fake.kill_after_writes(1)  # the first batch of 100 goes in, then the process dies
    with pytest.raises(Killed):
        run(tl, api)
    assert fake.items(pid) == [uri(i) for i in range(103)]

    result = run(reorder(tl, [0, 1, 2]), UserApi(user_settings))  # the edit is undone
    assert fake.items(pid) == [uri(0), uri(1), uri(2)]
    assert len(result.plan.dropped) == 100 and not result.plan.kept


def test_an_older_lockfile_without_a_record_is_read_and_then_recorded(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 3)
    pl = fake.add_playlist([uri(0), uri(1), uri(2)], name="Road Trip", description="For the road")
    lock = lockfile.load(lockfile.lock_path(tl.path))
    lock.playlist.id = pl.id
    lockfile.save(lock, tl.tracks)
    assert set(recorded(tl)) == {"id", "url"}

    assert run(tl, api).plan.is_empty
    table = recorded(tl)
    assert table["owned"] == {uri(0): 1, uri(1): 1, uri(2): 1}
    assert table["snapshot_id"] == pl.snapshot_id


# ---------------------------------------------------------------------------------------------
# the lockfile's [playlist] table


def test_playlist_record_round_trips(tmp_path):
    lock = Lock(path=tmp_path / "tracks.lock", playlist=PlaylistRecord(id="P" * 22))
    lock.playlist.record([uri(1), None, uri(1), HAND], [uri(1)], "snap-7")
    lockfile.save(lock, [])
    again = lockfile.load(lock.path)
    assert (again.playlist.items, again.playlist.owned, again.playlist.snapshot_id) == (
        [uri(1), None, uri(1), HAND],
        {uri(1): 1},
        "snap-7",
    )


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('items = "not a list"', "field 'items' must be a list"),
        ("items = [1, 2]", "field 'items' must be a list of URIs"),
        (
            '[playlist.owned]\n"spotify:track:x" = 0',
            "every count in [playlist.owned] must be a whole number above 0",
        ),
        (
            '[playlist.owned]\n"spotify:track:x" = "one"',
            "every count in [playlist.owned] must be a whole number above 0",
        ),
        ("snapshot_id = 5", "field 'snapshot_id' must be a string"),
    ],
)
def test_damaged_playlist_table_is_reported(tmp_path, table, problem):
    path = tmp_path / "tracks.lock"
    path.write_text(f'version = 1\n[playlist]\nid = "{"P" * 22}"\n{table}\n')
    with pytest.raises(LockfileError) as info:
        lockfile.load(path)
    # The advice keeps the playlist's link: deleting the file would make a second playlist.
    assert str(info.value) == (
        f"{path}, [playlist]: {problem}. Fix that field, or restore the lockfile from version "
        f"control or a backup. It records the playlist https://open.spotify.com/playlist/{'P' * 22}"
        ". Deleting it would make the next `playlister create` make a second playlist."
    )


@pytest.mark.parametrize("content", [b"", b"\n  \n", b"# only a comment\n"])
def test_an_empty_lockfile_is_damaged_not_nothing_matched(tmp_path, content):
    path = tmp_path / "tracks.lock"
    path.write_bytes(content)
    with pytest.raises(
        LockfileError, match="was damaged.*next `playlister create` make a second playlist"
    ):
        lockfile.load(path)


def test_served_playlist_embeds_its_first_100_items():
    account = FakePlaylistApi()
    pl = account.add_playlist([uri(i) for i in range(130)])
    status, _, text = account.handle("GET", f"https://api.spotify.com/v1/playlists/{pl.id}", b"")
    import json

    page = json.loads(text)["items"]
    assert status == 200 and len(page["items"]) == 100 and page["total"] == 130
    assert page["next"].endswith("offset=100&limit=100")


def test_an_add_a_stopped_run_never_made_is_not_called_removed_in_spotify(
    fake, api, tmp_path, user_settings
):
    """The claim saved before the writes is not proof they landed: a track the stopped run
    never added is simply added next time, not reported as "removed in Spotify"."""
    tl, _ = make_tracklist(tmp_path, 3)
    run(reorder(tl, [0, 1]), api)
    pid = only_playlist(fake)
    fake.kill_after_writes(0)  # the process dies before its add reaches Spotify
    with pytest.raises(Killed):
        run(tl, api)
    assert fake.items(pid) == [uri(0), uri(1)]

    result = run(tl, UserApi(user_settings))
    assert fake.items(pid) == [uri(0), uri(1), uri(2)]
    assert result.plan.describe() == ["+ Song 2 — Band 2"]
