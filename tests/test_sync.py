"""Playlist creation and sync (playlister.sync) against a stateful fake of Spotify's playlists.

Every test that goes through ``spotify_api`` has each request checked against the OpenAPI spec
at teardown (see conftest.py). Each asserts the playlist's final items and the writes sent.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fake_playlist_api import FakePlaylistApi, Killed, simulate

from playlister import lockfile
from playlister.config import Settings
from playlister.errors import (
    PlaylisterError,
    PlaylistGoneError,
    RateLimitError,
    SpotifyError,
)
from playlister.lockfile import Lock, LockEntry
from playlister.spotify import UserApi, encode_cover
from playlister.state import Status
from playlister.sync import (
    Add,
    CreateOptions,
    Move,
    Remove,
    Replace,
    Wanted,
    create_or_sync,
    plan_sync,
)
from playlister.tracklist import PlaylistInfo, Track, Tracklist

MATCHED: dict[str, LockEntry] = {}  # every entry make_tracklist matched, by key


def uri(n: int) -> str:
    """A valid-looking track URI (22 base62 characters), distinct for each n."""
    return "spotify:track:" + f"T{n:021d}"


# ---------------------------------------------------------------------------------------------
# fixtures and helpers


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def user_settings(isolated_env: SimpleNamespace) -> Settings:
    return Settings.from_env(
        {"PLAYLISTER_ACCESS_TOKEN": "test-user-token", "PLAYLISTER_HOME": str(isolated_env.home)}
    )


@pytest.fixture
def api(user_settings: Settings, sleeps: list[float]) -> UserApi:
    return UserApi(user_settings, sleep=sleeps.append, max_wait=30)


def make_tracklist(
    tmp_path: Path, n: int, *, missing: tuple[int, ...] = (), name: str = "Road Trip"
) -> tuple[Tracklist, Lock]:
    """A tracklist of n tracks, all matched to uri(i) except the ``missing`` indices."""
    tracks = tuple(Track(title=f"Song {i}", artist=f"Band {i % 7}", index=i + 1) for i in range(n))
    tl = Tracklist(
        path=tmp_path / "tracks.toml",
        playlist=PlaylistInfo(name=name, description="For the road", public=False),
        tracks=tracks,
    )
    lock = Lock(path=lockfile.lock_path(tl.path))
    for i, t in enumerate(tracks):
        status = Status.MISSING if i in missing else Status.MATCHED
        entry = LockEntry(
            key=t.key,
            title=t.title,
            artist=t.artist,
            status=status,
            score=1.0,
            reason="test",
            checked="2026-06-01T00:00:00Z",
            uri=None if i in missing else uri(i),
        )
        lock.put(entry)
        MATCHED[t.key] = entry
    lockfile.save(lock, tl.tracks)
    return tl, lock


def reorder(tl: Tracklist, order: list[int]) -> Tracklist:
    """The same tracks in a new order (indices into tl.tracks); others dropped."""
    return Tracklist(path=tl.path, playlist=tl.playlist, tracks=tuple(tl.tracks[i] for i in order))


def run(tl: Tracklist, api: UserApi, **kw: Any) -> Any:
    """create_or_sync with the lockfile as on disk and everything confirmed.

    Entries the lockfile dropped (saved while the tracklist lacked them) are put back, as a
    match would, so only the playlist ID comes from the previous run.
    """
    lock = lockfile.load(lockfile.lock_path(tl.path))
    for t in tl.tracks:
        if lock.get(t) is None and t.key in MATCHED:
            lock.put(MATCHED[t.key])
    kw.setdefault("confirm", lambda plan: True)
    kw.setdefault("confirm_recreate", lambda message, plan: True)
    public = kw.pop("public", None)
    wanted = Wanted(
        kw.pop("name", tl.playlist.name),
        kw.pop("description", tl.playlist.description),
        tl.playlist.public if public is None else public,
        kw.pop("cover_b64", None),
        kw.pop("cover_label", None),
    )
    options = CreateOptions(prune=kw.pop("prune", False), dry_run=kw.pop("dry_run", False))
    return create_or_sync(
        tl.tracks,
        lock,
        api,
        wanted,
        options=options,
        save=lambda: lockfile.save(lock, tl.tracks),
        **kw,
    )


def sizes(fake: FakePlaylistApi, kind: str = "add") -> list[int]:
    return [len(w.body["uris"]) for w in fake.writes if fake.kinds()[fake.writes.index(w)] == kind]


def only_playlist(fake: FakePlaylistApi) -> str:
    assert len(fake.playlists) == 1, "exactly one playlist must exist"
    return next(iter(fake.playlists))


# ---------------------------------------------------------------------------------------------
# end to end through UserApi and the fake


def test_first_run_creates_playlist_records_id_and_adds_in_order(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 5, missing=(2,))
    result = run(tl, api)

    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(0), uri(1), uri(3), uri(4)]
    assert fake.kinds() == ["create", "add"]
    create = fake.writes[0].body
    assert create == {
        "name": "Road Trip",
        "public": False,
        "collaborative": False,
        "description": "For the road",
    }
    assert lockfile.load(lockfile.lock_path(tl.path)).playlist.id == pid
    assert result.created and result.applied
    assert result.playlist_id == pid
    assert result.url == f"https://open.spotify.com/playlist/{pid}"
    assert (result.added, result.removed, result.moved) == (4, 0, 0)
    assert [(t.title, url) for t, url in result.missing] == [
        ("Song 2", "https://www.youtube.com/results?search_query=Band+2+Song+2")
    ]
    doc = result.as_json()
    plan = doc.pop("plan")
    assert doc == {
        "playlist_id": pid,
        "url": result.url,
        "created": True,
        "applied": True,
        "added": 4,
        "removed": 0,
        "moved": 0,
        "missing": [
            {
                "title": "Song 2",
                "artist": "Band 2",
                "fallback": "https://www.youtube.com/results?search_query=Band+2+Song+2",
            }
        ],
    }
    # The JSON holds the whole plan, the entries left out included.
    assert plan["create"] is True and plan["requests"] == 2
    assert [a["label"] for a in plan["add"]] == [
        "Song 0 — Band 0",
        "Song 1 — Band 1",
        "Song 3 — Band 3",
        "Song 4 — Band 4",
    ]
    assert [(x["number"], x["title"], x["status"]) for x in plan["left_out"]] == [
        (3, "Song 2", "missing")
    ]


def test_second_run_with_no_change_sends_no_write(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 5)
    run(tl, api)
    before = len(fake.writes)
    asked = []
    result = run(tl, api, confirm=lambda plan: asked.append(plan) or True)
    assert len(fake.writes) == before
    assert result.plan.is_empty and not result.created and asked == []
    assert len(fake.playlists) == 1


def test_sync_adds_removes_and_reorders(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 8)
    run(reorder(tl, [0, 1, 2, 3, 4]), api)
    pid = only_playlist(fake)
    fake.log.clear()

    # Now: 3 moved to the front, 1 dropped, 5 and 6 added in the middle, 7 at the end. No
    # --prune: track 1 goes because playlister put it there.
    result = run(reorder(tl, [3, 0, 5, 6, 2, 4, 7]), api)

    assert fake.items(pid) == [uri(3), uri(0), uri(5), uri(6), uri(2), uri(4), uri(7)]
    assert fake.kinds() == ["remove", "reorder", "add", "add"]
    assert fake.writes[0].body["items"] == [{"uri": uri(1)}]
    assert fake.writes[2].body == {"uris": [uri(5), uri(6)], "position": 2}
    assert fake.writes[3].body == {"uris": [uri(7)]}
    assert (result.added, result.removed, result.moved) == (3, 1, 1)
    assert result.plan.describe() == [
        "+ Song 5 — Band 5",
        "+ Song 6 — Band 6",
        "+ Song 7 — Band 0",
        "- Song 1 — Band 1 (taken out of the tracklist)",
        "~ Song 3 — Band 3 (#4 → #1)",
    ]
    # and the sync is stable
    fake.log.clear()
    assert run(reorder(tl, [3, 0, 5, 6, 2, 4, 7]), api).plan.is_empty
    assert fake.writes == []


def test_250_tracks_go_in_batches_of_100(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 250)
    result = run(tl, api)
    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(i) for i in range(250)]
    assert fake.kinds() == ["create", "add", "add", "add"]
    assert sizes(fake) == [100, 100, 50]
    assert result.writes == api.writes == 4


@pytest.mark.parametrize("lost_as", [None, 502], ids=["timeout", "502-after-applying"])
def test_lost_response_on_add_is_read_back_never_resent(fake, api, tmp_path, lost_as):
    tl, _ = make_tracklist(tmp_path, 250)
    fake.lose_response("POST", r"/items$", nth=2, status=lost_as)  # the second batch

    result = run(tl, api)

    pid = only_playlist(fake)
    items = fake.items(pid)
    assert items == [uri(i) for i in range(250)]
    assert max(Counter(items).values()) == 1  # exactly one copy of each
    assert fake.kinds() == ["create", "add", "add", "add"]  # batch 2 was not resent
    assert sizes(fake) == [100, 100, 50]
    # after the lost answer the playlist (200 items) was read back: the playlist with its
    # first 100 items, then 2 pages of 50
    after_lost = fake.log[fake.log.index(fake.writes[2]) + 1 : fake.log.index(fake.writes[3])]
    assert [(r.method, r.path.rsplit("/", 1)[-1], r.query.get("offset")) for r in after_lost] == [
        ("GET", f"{pid}", None),
        ("GET", "items", "100"),
        ("GET", "items", "150"),
    ]
    assert result.rereads == 1


def test_lost_response_on_add_that_was_not_applied(fake, api, tmp_path):
    """A 5xx that really did fail: the read-back shows the gap and the batch goes again."""
    tl, _ = make_tracklist(tmp_path, 150)
    fake.fail("POST", r"/items$", nth=1, status=503)
    run(tl, api)
    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(i) for i in range(150)]
    assert fake.kinds() == ["create", "add", "add", "add"]
    assert sizes(fake) == [100, 100, 50]


def test_lost_response_on_reorder_is_read_back(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 6)
    run(tl, api)
    pid = only_playlist(fake)
    fake.log.clear()
    fake.lose_response("PUT", r"/items$", nth=1)
    run(reorder(tl, [4, 5, 0, 1, 2, 3]), api)
    assert fake.items(pid) == [uri(i) for i in (4, 5, 0, 1, 2, 3)]
    assert fake.kinds() == ["reorder"]  # applied once, read back, nothing left to do


def test_429_then_success_waits_retry_after(fake, api, tmp_path, sleeps):
    tl, _ = make_tracklist(tmp_path, 120)
    fake.rate_limit("POST", r"/items$", nth=2, retry_after=7)
    run(tl, api)
    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(i) for i in range(120)]
    assert sleeps == [7]
    statuses = [(w.method, w.status) for w in fake.writes]
    assert statuses == [("POST", 201), ("POST", 201), ("POST", 429), ("POST", 201)]


def test_long_429_stops_with_a_clear_message_and_the_next_run_finishes(
    fake, api, tmp_path, sleeps, user_settings
):
    tl, _ = make_tracklist(tmp_path, 150)
    fake.rate_limit("POST", r"/items$", nth=2, retry_after=86_400)
    with pytest.raises(RateLimitError, match="wait 24.0 h"):
        run(tl, api)
    assert sleeps == []  # no day-long wait
    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(i) for i in range(100)]
    assert lockfile.load(lockfile.lock_path(tl.path)).playlist.id == pid

    run(tl, UserApi(user_settings, sleep=sleeps.append))
    assert only_playlist(fake) == pid
    assert fake.items(pid) == [uri(i) for i in range(150)]


def test_run_killed_after_first_batch_is_completed_by_the_next(fake, api, tmp_path, user_settings):
    tl, _ = make_tracklist(tmp_path, 250)
    fake.kill_after_writes(2)  # the create and the first add go through, then the process dies
    with pytest.raises(Killed):
        run(tl, api)
    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(i) for i in range(100)]
    assert lockfile.load(lockfile.lock_path(tl.path)).playlist.id == pid
    fake.log.clear()

    result = run(tl, UserApi(user_settings))

    assert only_playlist(fake) == pid
    assert fake.items(pid) == [uri(i) for i in range(250)]
    assert fake.kinds() == ["add", "add"]
    assert sizes(fake) == [100, 50]
    assert not result.created and result.added == 150


def test_dry_run_sends_no_write(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 3)
    result = run(tl, api, dry_run=True)
    assert fake.writes == [] and fake.playlists == {}
    assert not result.applied and result.playlist_id is None and result.added == 3
    assert lockfile.load(lockfile.lock_path(tl.path)).playlist.id is None

    run(tl, api)
    pid = only_playlist(fake)
    fake.log.clear()
    result = run(
        reorder(tl, [2, 1]),
        api,
        dry_run=True,
        prune=True,
        name="Renamed",
        cover_b64=encode_cover(jpeg(tmp_path, 1000).read_bytes(), "c.jpg"),
    )
    assert fake.writes == []
    assert fake.items(pid) == [uri(0), uri(1), uri(2)]
    assert (result.added, result.removed, result.moved) == (0, 1, 1)
    assert result.details == {"name": ("Road Trip", "Renamed")}


def test_the_plan_is_shown_whole_with_every_request_counted(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 45, missing=(3,))
    first = run(tl, api, dry_run=True)
    lines = first.changes.lines()
    assert lines[0] == ("Road Trip: new playlist, 44 to add, 0 to remove, 0 to move (2 requests)")
    assert lines[1] == '* make the playlist "Road Trip" (private)'
    assert sum(line.startswith("+ ") for line in lines) == 44  # no "... and N more"
    assert first.changes.as_json()["left_out"] == [
        {
            "number": 4,
            "title": "Song 3",
            "artist": "Band 3",
            "status": "missing",
            "reason": "test",
            "listen": "https://www.youtube.com/results?search_query=Band+3+Song+3",
        }
    ]

    run(tl, api)
    cover = encode_cover(jpeg(tmp_path, 1000).read_bytes(), "c.jpg")
    again = run(
        tl,
        api,
        dry_run=True,
        public=True,
        name="Renamed",
        cover_b64=cover,
        cover_label="c.jpg, 1 KB",
    )
    assert again.changes.lines() == [
        "Renamed: 2 settings to change, a cover to upload (2 requests)",
        '* name: "Road Trip" → "Renamed"',
        "* visibility: private → public",
        "* cover: upload c.jpg, 1 KB",
        "  left out (1): Song 3 — Band 3 (missing)",
    ]


def test_a_settings_change_alone_is_asked_before_it_is_sent(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 2)
    run(tl, api)
    fake.log.clear()
    asked = []
    declined = run(tl, api, public=True, confirm=lambda changes: asked.append(changes) or False)
    assert len(asked) == 1 and not declined.applied and fake.writes == []
    done = run(tl, api, public=True)
    assert done.done() == "Done: added 0, removed 0, moved 0, made it public (1 write request)."
    assert fake.playlists[only_playlist(fake)].public is True


def test_unrecorded_playlist_keeps_what_it_does_not_know(fake, api, tmp_path):
    """A lockfile from before ownership was recorded: nothing outside the tracklist is known
    to be playlister's, so it all stays (and the plan says why) unless --prune."""
    tl, _ = make_tracklist(tmp_path, 4)
    mine = "spotify:track:HANDADDED0000000000000"
    pl = fake.add_playlist(
        [uri(0), mine, uri(1), None], name="Road Trip", description="For the road"
    )
    lock = lockfile.load(lockfile.lock_path(tl.path))
    lock.playlist.id = pl.id
    lockfile.save(lock, tl.tracks)

    result = run(tl, api)
    assert fake.items(pl.id) == [uri(0), uri(1), uri(2), uri(3), mine, None]
    assert result.removed == 0 and len(result.plan.kept) == 2
    assert result.plan.describe()[-1] == (
        "  kept: not in the tracklist, not recorded as playlister's (2), at the end: "
        "Track HANDADDED0000000000000, (unavailable item) (--prune removes them)"
    )

    fake.log.clear()
    result = run(tl, api, prune=True)
    assert fake.items(pl.id) == [uri(0), uri(1), uri(2), uri(3)]
    assert result.removed == 2 and result.plan.pruned == (mine, None)
    # the unavailable (null) item can only go by a replace
    assert fake.kinds() == ["replace"]


def test_recorded_playlist_deleted_asks_before_creating_a_new_one(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 3)
    lock = lockfile.load(lockfile.lock_path(tl.path))
    lock.playlist.id = "GoneGoneGoneGoneGone00"
    lockfile.save(lock, tl.tracks)

    asked: list[str] = []
    with pytest.raises(PlaylistGoneError, match="deleted"):
        run(tl, api, confirm_recreate=lambda m, plan: asked.append(m) or False)
    assert fake.writes == [] and "Create a new playlist" in asked[0]

    result = run(tl, api, confirm_recreate=lambda m, plan: True)
    pid = only_playlist(fake)
    assert result.created and result.gone and pid != "GoneGoneGoneGoneGone00"
    assert fake.items(pid) == [uri(0), uri(1), uri(2)]
    assert lockfile.load(lockfile.lock_path(tl.path)).playlist.id == pid


def test_recorded_playlist_of_another_user_is_gone(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 2)
    theirs = fake.add_playlist([uri(9)], owner="someone-else", public=True)
    lock = lockfile.load(lockfile.lock_path(tl.path))
    lock.playlist.id = theirs.id
    lockfile.save(lock, tl.tracks)
    with pytest.raises(PlaylistGoneError):
        run(tl, api, confirm_recreate=lambda m, plan: False)
    assert fake.writes == [] and fake.items(theirs.id) == [uri(9)]


def test_declined_confirmation_sends_nothing(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 3)
    result = run(tl, api, confirm=lambda plan: False)
    assert fake.writes == [] and not result.applied


def test_changed_name_and_description_are_updated(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 2)
    run(tl, api)
    pid = only_playlist(fake)
    fake.log.clear()
    renamed = Tracklist(
        path=tl.path,
        tracks=tl.tracks,
        playlist=PlaylistInfo(name="Road Trip 2", description="New & improved", public=False),
    )
    result = run(renamed, api)
    assert fake.kinds() == ["details"]
    assert fake.writes[0].body == {"name": "Road Trip 2", "description": "New & improved"}
    assert result.details["name"] == ("Road Trip", "Road Trip 2")
    fake.playlists[pid].description = "New &amp; improved"  # Spotify answers HTML-escaped
    fake.log.clear()
    run(renamed, api)
    assert fake.writes == []


def test_cover_is_uploaded(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 1)
    result = run(tl, api, cover_b64=encode_cover(jpeg(tmp_path, 2000).read_bytes(), "c.jpg"))
    pid = only_playlist(fake)
    assert fake.kinds() == ["create", "cover", "add"]
    assert result.cover_uploaded and fake.playlists[pid].images


# ---------------------------------------------------------------------------------------------
# cover validation: before any request


def jpeg(tmp_path: Path, size: int) -> Path:
    path = tmp_path / f"cover-{size}.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * (size - 6) + b"\xff\xd9")
    return path


def test_cover_must_be_a_small_jpeg(tmp_path):
    with pytest.raises(PlaylisterError, match="cover.png: the cover must be a JPEG"):
        encode_cover(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "cover.png")
    with pytest.raises(PlaylisterError, match=r"257 KB once base64-encoded.*at most 256 KB"):
        encode_cover(jpeg(tmp_path, 197_000).read_bytes(), "big.jpg")
    assert len(encode_cover(jpeg(tmp_path, 196_000).read_bytes(), "ok.jpg")) <= 256 * 1024


# ---------------------------------------------------------------------------------------------
# over real HTTP (the benchmark's transport): a dropped connection after applying an add


def test_over_http_a_dropped_connection_on_add_is_read_back(tmp_path, isolated_env):
    tl, _ = make_tracklist(tmp_path, 230)
    fake = FakePlaylistApi()
    fake.lose_response("POST", r"/items$", nth=1)
    with fake.serve() as base:
        settings = Settings.from_env(
            {
                "PLAYLISTER_ACCESS_TOKEN": "t",
                "PLAYLISTER_API_URL": base,
                "PLAYLISTER_HOME": str(isolated_env.home),
            }
        )
        result = run(tl, UserApi(settings, timeout=5))
    pid = only_playlist(fake)
    assert fake.items(pid) == [uri(i) for i in range(230)]
    assert fake.kinds() == ["create", "add", "add", "add"] and result.rereads == 1


# ---------------------------------------------------------------------------------------------
# the planner, pure


def test_plan_rotation_is_one_block_move():
    cur = ["a", "b", "c", "d", "e"]
    plan = plan_sync(cur, ["d", "e", "a", "b", "c"], prune=False)
    assert plan.ops == (Move(3, 0, 2, ("d", "e")),)
    assert plan.move == ("d", "e") and not plan.add and not plan.remove


def test_plan_one_track_moved_to_the_end_is_one_move():
    plan = plan_sync(["a", "b", "c", "d"], ["b", "c", "d", "a"], prune=False)
    assert plan.ops == (Move(0, 4, 1, ("a",)),)


def test_plan_hand_added_copy_of_an_owned_track_stays_at_the_end():
    plan = plan_sync(
        ["a", "b", "a", "c"], ["a", "b", "c"], prune=False, owned={"a": 1, "b": 1, "c": 1}
    )
    assert plan.remove == () and plan.kept == ("a",)
    assert plan.writes == 1 and isinstance(plan.ops[0], Move)
    assert simulate(plan.current, plan.ops) == ["a", "b", "c", "a"]


def test_plan_surplus_copy_is_removed_and_one_added_back_in_place():
    """Two copies of a wanted track, both playlister's (or --prune): one goes. Spotify's
    remove takes out both, so one is added back where it belongs."""
    for kw in ({"owned": {"a": 2, "b": 1, "c": 1}}, {"prune": True}):
        plan = plan_sync(["a", "b", "a", "c"], ["a", "b", "c"], **{"prune": False, **kw})
        assert plan.remove == ("a",) and plan.extra == ("a",) and plan.add == ()
        assert plan.ops == (Remove(("a",)), Add(("a",), 0))
        assert simulate(plan.current, plan.ops) == ["a", "b", "c"]


def test_plan_owned_copy_dropped_puts_the_hand_added_copy_back():
    """Track x leaves the tracklist; playlister put one copy there, a collaborator another.
    The DELETE takes out both, so the collaborator's goes back at the end."""
    plan = plan_sync(["x", "a", "y", "x"], ["a"], prune=False, owned={"x": 1, "a": 1})
    assert plan.dropped == ("x",) and plan.readded == ("x",) and plan.kept == ("y", "x")
    assert simulate(plan.current, plan.ops) == ["a", "y", "x"]
    assert plan.describe({"x": "X — Band"}) == [
        "- X — Band (taken out of the tracklist)",
        "  kept: added in Spotify by hand (2), at the end: y, X — Band (--prune removes them)",
        "  put back at the end: X — Band (a copy added by hand; Spotify's remove takes out "
        "every copy of a track at once)",
    ]


@pytest.mark.parametrize(
    ("current", "desired", "owned", "target", "groups"),
    [
        # playlister's track, taken out of the tracklist: removed
        (["a", "b"], ["a"], {"a": 1, "b": 1}, ["a"], {"dropped": ("b",)}),
        # never recorded (added by hand): kept at the end
        (
            ["a", "h", "b"],
            ["a", "b"],
            {"a": 1, "b": 1},
            ["a", "b", "h"],
            {"kept": ("h",), "move": ("h",)},
        ),
        # playlister's, removed by hand in Spotify, still listed: put back
        (["b"], ["a", "b"], {"a": 1, "b": 1}, ["a", "b"], {"add": ("a",), "restored": ("a",)}),
        # playlister's, removed by hand, no longer listed: nothing to do
        (["a"], ["a"], {"a": 1, "b": 1}, ["a"], {}),
        # added by hand, now also in the tracklist: adopted, not doubled
        (["h", "a"], ["a", "h"], {"a": 1}, ["a", "h"], {"move": ("h",)}),
        # an older lockfile (no record): unknown tracks kept
        (["a", "b"], ["a"], None, ["a", "b"], {"kept": ("b",)}),
    ],
)
def test_plan_ownership_rules(current, desired, owned, target, groups):
    plan = plan_sync(current, desired, prune=False, owned=owned)
    assert simulate(current, plan.ops) == list(plan.target) == target
    for name in ("add", "restored", "dropped", "extra", "pruned", "readded", "kept", "move"):
        assert getattr(plan, name) == groups.get(name, ()), name


def test_plan_keeps_extras_in_their_order_at_the_end():
    plan = plan_sync(["x", "a", "y", "b"], ["a", "b", "c"], prune=False)
    assert plan.target == ("a", "b", "c", "x", "y")
    assert simulate(plan.current, plan.ops) == list(plan.target)
    assert plan.kept == ("x", "y")


def test_plan_empty_playlist_appends_in_batches():
    want = [f"u{i}" for i in range(500)]
    plan = plan_sync([], want, prune=False)
    assert plan.ops == tuple(Add(tuple(want[i : i + 100])) for i in range(0, 500, 100))


def test_plan_heavy_shuffle_uses_a_replace():
    want = [f"u{i}" for i in range(300)]
    cur = want[:]
    random.Random(3).shuffle(cur)
    plan = plan_sync(cur, want, prune=False)
    assert plan.strategy == "replace"
    assert plan.ops == (
        Replace(tuple(want[:100])),
        Add(tuple(want[100:200])),
        Add(tuple(want[200:])),
    )
    assert len(plan.move) > 250  # still reported as moves


def test_plan_describe():
    plan = plan_sync(["a", "x", "b", "z"], ["b", "a", "c"], prune=True, owned={"x": 1})
    lines = plan.describe({"a": "A — Artist", "c": "C — Artist"})
    assert lines == [
        "+ C — Artist",
        "- x (taken out of the tracklist)",
        "- z (added in Spotify by hand; --prune)",
        "~ A — Artist (#1 → #2)",
    ]
    assert plan.summary() == "1 to add, 2 to remove, 1 to move (3 requests)"
    assert plan_sync(["a"], ["a"], prune=False).summary() == "already up to date"
    assert plan_sync([], list("abcdef"), prune=False).describe(limit=2) == [
        "+ a",
        "+ b",
        "  ... and 4 more",
    ]


@pytest.mark.parametrize("seed", range(300))
def test_plan_reaches_the_target_in_few_writes(seed):
    rnd = random.Random(seed)
    pool = [f"spotify:track:{i}" for i in range(rnd.randint(0, 260))]
    desired = rnd.sample(pool, rnd.randint(0, len(pool)))
    if desired and rnd.random() < 0.3:
        desired.append(rnd.choice(desired))
    extras = ["spotify:track:hand1", "spotify:track:hand2", None]
    current = [rnd.choice(pool + extras) for _ in range(rnd.randint(0, 260))] if pool else []
    owned = (
        None
        if rnd.random() < 0.2
        else {u: rnd.choice((1, 1, 1, 2)) for u in pool if rnd.random() < 0.6}
    )
    prune = rnd.random() < 0.5

    plan = plan_sync(current, desired, prune=prune, owned=owned)

    final = simulate(current, plan.ops)
    want = list(dict.fromkeys(desired))
    assert final == list(plan.target)
    assert final[: len(want)] == want
    rest = final[len(want) :]
    if prune:
        assert rest == []
    else:  # exactly the copies beyond playlister's, in their order: the last ones of each
        record = owned or {}
        counts = Counter(u for u in current if u is not None)
        hand = {
            u: c - (max(record.get(u, 0), 1) if u in want else record.get(u, 0))
            for u, c in counts.items()
        }
        seen: Counter[str] = Counter()
        expected = []
        for u in current:
            if u is not None:
                seen[u] += 1
            if u is None or seen[u] > counts[u] - max(0, hand[u]):
                expected.append(u)
        assert rest == expected
    assert all(len(op.uris) <= 100 for op in plan.ops if not isinstance(op, Move))
    # what a run records afterwards (the tracklist is playlister's) makes a stable sync
    assert plan_sync(final, desired, prune=prune, owned=dict.fromkeys(want, 1)).is_empty
    # never much worse than rewriting the whole playlist
    replace_cost = max(1, -(-len(plan.target) // 100))
    assert plan.writes < 2 * replace_cost + 10 or plan.strategy == "edit" and None in final


def test_gives_up_after_repeated_lost_responses(fake, api, tmp_path):
    tl, _ = make_tracklist(tmp_path, 3)
    for _ in range(7):
        fake.lose_response("POST", r"/items$", nth=1, status=502)
    # every add is "lost" but applied: the read-back shows them, so the run still ends clean
    run(tl, api)
    assert fake.items(only_playlist(fake)) == [uri(0), uri(1), uri(2)]

    class Flaky:
        """An api whose adds are never applied and always lost."""

        def __init__(self) -> None:
            self.items: list[str | None] = []

        def get_playlist(self, pid: str) -> dict:
            return {"id": pid, "name": "Road Trip", "description": "For the road", "public": False}

        def playlist_item_uris(self, pid: str, first: Any = None, **kw: Any) -> list[str | None]:
            return list(self.items)

        def add_items(self, *a: Any, **k: Any) -> str:
            from playlister.errors import UncertainWriteError

            raise UncertainWriteError("lost")

    with pytest.raises(SpotifyError, match="Gave up after 6 lost responses"):
        run(tl, Flaky())
