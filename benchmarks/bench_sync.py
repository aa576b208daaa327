"""Benchmark: requests and seconds to create a 500-track playlist and to keep it in sync.

Runs ``playlister.sync.create_or_sync`` through the real ``UserApi`` (spotipy, requests) against
the in-memory fake of Spotify's playlist endpoints (``tests/fake_playlist_api.py``) served on
127.0.0.1 with a fixed latency per request (default 100 ms). No network, no credentials.

    python benchmarks/bench_sync.py [--tracks 500] [--edits 10] [--latency 0.1]

Runs: the create; a re-sync with nothing changed (the recorded snapshot still holds, so one
read); an edit of the tracklist (planned from the lockfile's record: one read, then the writes,
no --prune: ownership removes what was taken out); and a re-sync after someone reordered the
playlist and added a track in the Spotify app (snapshot changed: the playlist is read, its
first 100 items embedded, the rest 50 a page).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_playlist_api import FakePlaylistApi  # noqa: E402

from playlister import lockfile  # noqa: E402
from playlister.config import Settings  # noqa: E402
from playlister.lockfile import Lock, LockEntry  # noqa: E402
from playlister.spotify import UserApi  # noqa: E402
from playlister.state import Status  # noqa: E402
from playlister.sync import CreateOptions, SyncResult, Wanted, create_or_sync  # noqa: E402
from playlister.tracklist import PlaylistInfo, Track, Tracklist  # noqa: E402

MATCHED: dict[str, LockEntry] = {}


def uri(n: int) -> str:
    return "spotify:track:" + f"B{n:021d}"


def build(folder: Path, order: list[int]) -> Tracklist:
    """A tracklist of the given track numbers, every one matched in the lockfile."""
    tracks = tuple(
        Track(title=f"Song {n}", artist=f"Band {n % 37}", index=i + 1) for i, n in enumerate(order)
    )
    tl = Tracklist(
        path=folder / "tracks.toml",
        playlist=PlaylistInfo(name="Benchmark", description="500 songs"),
        tracks=tracks,
    )
    lock = lockfile.load(lockfile.lock_path(tl.path))
    for n, t in zip(order, tracks, strict=True):
        MATCHED[t.key] = LockEntry(
            key=t.key,
            title=t.title,
            artist=t.artist,
            status=Status.MATCHED,
            score=1.0,
            reason="bench",
            checked="2026-06-01T00:00:00Z",
            uri=uri(n),
        )
        lock.put(MATCHED[t.key])
    lockfile.save(lock, tl.tracks)
    return tl


def edit(order: list[int], edits: int, rnd: random.Random) -> list[int]:
    """``edits`` changes, about a third each: new tracks inserted, tracks dropped, moved."""
    order = order[:]
    fresh = max(order) + 1
    for k in range(edits):
        kind = k % 3
        if kind == 0:
            order.insert(rnd.randrange(len(order) + 1), fresh)
            fresh += 1
        elif kind == 1:
            order.pop(rnd.randrange(len(order)))
        else:
            n = order.pop(rnd.randrange(len(order)))
            order.insert(rnd.randrange(len(order) + 1), n)
    return order


def timed(
    label: str, fake: FakePlaylistApi, api: UserApi, tl: Tracklist, *, prune: bool
) -> tuple[SyncResult, dict[str, float]]:
    lock: Lock = lockfile.load(lockfile.lock_path(tl.path))
    for t in tl.tracks:  # entries dropped while the tracklist lacked them come back, as match
        if lock.get(t) is None and t.key in MATCHED:
            lock.put(MATCHED[t.key])
    fake.log.clear()
    before_req, before_w = api.requests, api.writes
    t0 = time.perf_counter()
    wanted = Wanted(tl.playlist.name, tl.playlist.description, tl.playlist.public)
    result = create_or_sync(
        tl.tracks,
        lock,
        api,
        wanted,
        options=CreateOptions(prune=prune),
        save=lambda: lockfile.save(lock, tl.tracks),
        confirm=lambda changes: True,
        confirm_recreate=lambda message, changes: False,
    )
    seconds = time.perf_counter() - t0
    writes = api.writes - before_w
    requests = api.requests - before_req
    row = {"requests": requests, "reads": requests - writes, "writes": writes, "seconds": seconds}
    print(
        f"{label:<40} {requests:>8} {requests - writes:>6} {writes:>6} {seconds:>8.2f}   "
        f"{' '.join(fake.kinds()) if len(fake.kinds()) <= 12 else fake.kinds()[:12]}"
    )
    return result, row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tracks", type=int, default=500)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rnd = random.Random(args.seed)

    fake = FakePlaylistApi()
    with tempfile.TemporaryDirectory() as tmp, fake.serve(latency=args.latency) as base:
        folder = Path(tmp)
        settings = Settings.from_env(
            {
                "PLAYLISTER_ACCESS_TOKEN": "bench",
                "PLAYLISTER_API_URL": base,
                "PLAYLISTER_HOME": str(folder / "home"),
            }
        )
        api = UserApi(settings)
        order = list(range(args.tracks))
        print(
            f"{args.tracks} tracks, {args.latency * 1000:.0f} ms per request, fake Spotify at "
            f"{base}\n"
        )
        print(f"{'':<40} {'requests':>8} {'reads':>6} {'writes':>6} {'seconds':>8}   writes sent")

        tl = build(folder, order)
        _, create = timed(f"create {args.tracks}", fake, api, tl, prune=False)
        pid = next(iter(fake.playlists))
        assert fake.items(pid) == [uri(n) for n in order]

        _, same = timed("re-sync, nothing changed", fake, api, tl, prune=False)
        assert same["requests"] == 1

        order = edit(order, args.edits, rnd)
        tl = build(folder, order)
        result, resync = timed(
            f"re-sync after {args.edits} edits to the tracklist", fake, api, tl, prune=False
        )
        assert fake.items(pid) == [uri(n) for n in order], "playlist out of step"

        hand = "spotify:track:" + "H" * 22
        items = fake.playlists[pid].items
        items.insert(0, items.pop(len(items) // 2))  # dragged to the top in the Spotify app
        items.insert(7, hand)  # and one track added by hand
        fake.playlists[pid].version += 1
        _, spotify_edit = timed("re-sync after a reorder in Spotify", fake, api, tl, prune=False)
        assert fake.items(pid) == [uri(n) for n in order] + [hand], "playlist out of step"
        assert len(fake.playlists) == 1

    ideal = math.ceil(args.tracks / 100)
    print(
        f"\ncreate: {create['writes']:.0f} writes (ideal: 1 create + {ideal} adds = "
        f"{ideal + 1}), {create['seconds']:.2f} s"
    )
    print(
        f"re-sync with nothing to do: {same['requests']:.0f} request (the playlist, its "
        f"snapshot unchanged), {same['seconds']:.2f} s"
    )
    print(
        f"re-sync after {args.edits} edits: {resync['writes']:.0f} writes "
        f"(+{result.added} -{result.removed} ~{result.moved}) and {resync['reads']:.0f} read, "
        f"{resync['seconds']:.2f} s"
    )
    print(
        f"re-sync after a reorder in Spotify: {spotify_edit['reads']:.0f} reads (the "
        f"playlist with its first 100 items, then the rest 50 a page), "
        f"{spotify_edit['writes']:.0f} writes, {spotify_edit['seconds']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
