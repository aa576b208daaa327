"""Matching a whole selection: reuse the lockfile, search the rest a few at a time.

The decisions live in ``resolve`` (pure); this module adds what a run needs around them: which
entries need a search at all, a small thread pool so 200 entries are not 200 round trips in
series, and a ``save`` callback run as results come in, so an interrupted run (Ctrl-C, a
day-long 429) keeps everything matched so far. The caller owns the lock and how it is saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from playlister.lockfile import Lock, LockEntry, MatchInfo
from playlister.match.candidate import Candidate, MatchResult
from playlister.match.resolve import resolve
from playlister.state import Status
from playlister.tracklist import Track

# Rewriting the lockfile after every result is quadratic in the list's length; once a second
# keeps an interrupted run's losses to a second of work (and every stop saves in full).
SAVE_EVERY = 1.0


class Searcher(Protocol):
    """What matching needs of the catalog (``spotify.Catalog`` is one)."""

    requests: int

    def search_tracks(
        self, query: str, *, market: str | None = None, limit: int = 10
    ) -> list[dict[str, Any]]: ...


@dataclass
class MatchRun:
    """What a run cost: entries searched, entries reused from the lockfile, requests sent."""

    searched: int = 0
    reused: int = 0
    requests: int = 0


def needs_search(track: Track, lock: Lock, *, refresh: bool = False) -> bool:
    """Whether ``track`` must be searched for (not pinned, and not already in the lockfile)."""
    return not track.spotify and (refresh or lock.get(track) is None)


def match_entries(
    tracks: Sequence[Track],
    lock: Lock,
    catalog_factory: Callable[[], Searcher],
    *,
    save: Callable[[], None],
    refresh: bool = False,
    workers: int = 4,
    progress: Callable[[Track, LockEntry], None] | None = None,
) -> MatchRun:
    """Resolve every entry of ``tracks`` into ``lock``, calling ``save`` as results come in.

    Entries already in the lock (same title, artist, album, year, version, duration and pin)
    are reused without a request unless ``refresh``; a pinned ``spotify`` URI wins without a
    search. ``catalog_factory`` is only called when something needs a search, so a re-run needs
    no credentials. ``save`` runs at most once a second during the searches and always once at
    the end, even when the run is interrupted.
    """
    run = MatchRun()
    todo: list[Track] = []
    for track in tracks:
        entry = lock.get(track)
        if track.spotify and (entry is None or not entry.pinned or refresh):
            entry = pinned_entry(track)
            lock.put(entry)
        elif needs_search(track, lock, refresh=refresh):
            todo.append(track)
            continue
        else:
            run.reused += 1
        if progress and entry is not None:
            progress(track, entry)
    if not todo:
        save()
        return run
    catalog = catalog_factory()
    before = catalog.requests
    try:
        _search_all(todo, catalog, lock, market=lock.market, workers=workers, progress=progress,
                    on_entry=_throttled(save, SAVE_EVERY))
    finally:
        run.requests = catalog.requests - before
        save()
    run.searched = len(todo)
    return run


def _search_all(
    todo: list[Track],
    catalog: Searcher,
    lock: Lock,
    *,
    market: str | None,
    workers: int,
    progress: Callable[[Track, LockEntry], None] | None,
    on_entry: Callable[[], None],
) -> None:
    def search(query: str) -> list[dict[str, Any]]:
        return catalog.search_tracks(query, market=market, limit=10)

    # Results are recorded on this thread only, so the lock needs no locking.
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pending: dict[Future[MatchResult], Track] = {
            pool.submit(resolve, t, search): t for t in todo
        }
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    track = pending.pop(fut)
                    entry = entry_from_result(track, fut.result())
                    lock.put(entry)
                    on_entry()
                    if progress:
                        progress(track, entry)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            for fut, track in pending.items():  # finished while we were stopping: keep them
                if fut.done() and not fut.cancelled() and fut.exception() is None:
                    lock.put(entry_from_result(track, fut.result()))
            raise


def _throttled(action: Callable[[], None], seconds: float) -> Callable[[], None]:
    """``action`` at most once per ``seconds``; the caller makes the final call itself."""
    last = -float("inf")

    def maybe() -> None:
        nonlocal last
        if time.monotonic() - last >= seconds:
            action()
            last = time.monotonic()

    return maybe


def now() -> str:
    """The current UTC time as the lockfile records it (ISO 8601, seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def pinned_entry(track: Track) -> LockEntry:
    """The entry for a track whose ``spotify`` URI is pinned in the tracklist."""
    assert track.spotify is not None
    info = MatchInfo(uri=track.spotify, title=track.title, artists=(track.artist,),
                     album=track.album or "", year=track.year, duration_ms=track.duration_ms)
    return LockEntry(key=track.key, title=track.title, artist=track.artist,
                     version=track.version, status=Status.MATCHED, uri=track.spotify, score=1.0,
                     reason="pinned in the tracklist", checked=now(), match=info, pinned=True)


def _info(c: Candidate, score: float | None = None, note: str | None = None) -> MatchInfo:
    return MatchInfo(uri=c.uri, title=c.title, artists=tuple(c.artists), album=c.album,
                     year=c.year, duration_ms=c.duration_ms, score=score, note=note)


def entry_from_result(track: Track, result: MatchResult) -> LockEntry:
    """Turn the matcher's decision into the lockfile's record of it."""
    cand = result.candidate
    return LockEntry(
        key=track.key,
        title=track.title,
        artist=track.artist,
        version=track.version,
        status=result.status,
        uri=cand.uri if cand is not None else None,
        score=result.score,
        reason=result.reason,
        checked=now(),
        match=_info(cand) if cand is not None else None,
        alternatives=tuple(_info(s.candidate, s.score, s.note) for s in result.alternatives),
    )
