"""Matching a whole selection: reuse the lockfile, search the rest a few at a time.

The decisions live in ``resolve`` (pure); this module adds what a run needs around them: which
entries need a search at all, a small thread pool so 200 entries are not 200 round trips in
series, and a ``save`` callback run as results come in, so an interrupted run (Ctrl-C, a
day-long 429) keeps everything matched so far. The caller owns the lock and how it is saved.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from playlister.errors import Interrupted
from playlister.lockfile import Lock, LockEntry, MatchInfo, now
from playlister.match.candidate import Candidate, MatchResult
from playlister.match.resolve import resolve
from playlister.state import Status
from playlister.tracklist import Track

# Rewriting the lockfile after every result is quadratic in the list's length; once a second
# keeps a killed run's losses to a second of work (and every other stop saves in full).
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
    """Whether ``track`` must be searched for (not pinned or marked not on Spotify in the
    tracklist, and not already in the lockfile)."""
    return not track.settled and (refresh or lock.get(track) is None)


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
    no credentials. ``save`` runs at least once a second while there is something new to keep,
    and always once at the end, even when the run is interrupted.
    """
    run = MatchRun()
    todo: list[Track] = []
    for track in tracks:
        entry = lock.get(track)
        if track.settled and (entry is None or not entry.pinned or (refresh and track.spotify)):
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
    done: list[Track] = []
    try:
        _search_all(todo, catalog, lock, market=lock.market, workers=workers, progress=progress,
                    save=save, done=done)
    except Interrupted as exc:
        exc.kept = sum(1 for t in tracks if lock.get(t) is not None)
        exc.left = len(todo) - len(done)
        exc.lock_name = lock.path.name
        raise
    finally:
        run.requests = catalog.requests - before
        run.searched = len(done)
        save()
    return run


def _search_all(
    todo: list[Track],
    catalog: Searcher,
    lock: Lock,
    *,
    market: str | None,
    workers: int,
    progress: Callable[[Track, LockEntry], None] | None,
    save: Callable[[], None],
    done: list[Track],
) -> None:
    """Search ``todo`` on daemon threads; record, report and save each result on this thread.

    Daemon threads, not a ThreadPoolExecutor: on a stop (Ctrl-C, SIGTERM, a failed search)
    this thread saves and leaves at once, and a worker still blocked in an HTTP read must not
    hold the process's exit (an executor's threads are joined at exit).
    """

    def search(query: str) -> list[dict[str, Any]]:
        return catalog.search_tracks(query, market=market, limit=10)

    jobs: queue.SimpleQueue[Track] = queue.SimpleQueue()
    for track in todo:
        jobs.put(track)
    results: queue.SimpleQueue[tuple[Track, MatchResult | BaseException]] = queue.SimpleQueue()
    stopping = threading.Event()

    def work() -> None:
        while not stopping.is_set():
            try:
                track = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                results.put((track, resolve(track, search)))
            except BaseException as exc:  # handed to the recording thread, raised there
                results.put((track, exc))

    for _ in range(max(1, min(workers, len(todo)))):
        threading.Thread(target=work, name="playlister-search", daemon=True).start()

    # Results are recorded on this thread only, so the lock needs no locking.
    last_save = time.monotonic()
    dirty = False
    try:
        while len(done) < len(todo):
            try:
                track, outcome = results.get(timeout=SAVE_EVERY)
            except queue.Empty:
                pass
            else:
                if isinstance(outcome, BaseException):
                    raise outcome
                entry = entry_from_result(track, outcome)
                lock.put(entry)
                done.append(track)
                dirty = True
                if progress:
                    progress(track, entry)
            if dirty and time.monotonic() - last_save >= SAVE_EVERY:
                save()
                last_save, dirty = time.monotonic(), False
    finally:
        stopping.set()
        # Whatever finished while we were stopping is kept too (the caller saves it).
        while True:
            try:
                track, outcome = results.get_nowait()
            except queue.Empty:
                break
            if not isinstance(outcome, BaseException):
                lock.put(entry_from_result(track, outcome))
                done.append(track)


def pinned_entry(track: Track, info: MatchInfo | None = None) -> LockEntry:
    """The entry for a track settled in the tracklist: a ``spotify`` URI pinned as the
    recording asked for, a ``stand_in`` pinned in its place, or ``spotify = "none"``.

    ``info``: what the pinned track is, when known (chosen in ``playlister review``);
    otherwise the entry's own title and artist stand for it.
    """
    if track.absent:
        return LockEntry(key=track.key, title=track.title, artist=track.artist,
                         version=track.version, status=Status.MISSING, score=0.0,
                         reason='marked as not on Spotify in the tracklist (spotify = "none")',
                         checked=now(), pinned=True)
    uri = track.spotify or track.stand_in
    assert uri is not None
    if info is None or info.uri != uri:
        info = MatchInfo(uri=uri, title=track.title, artists=(track.artist,),
                         album=track.album or "", year=track.year,
                         duration_ms=track.duration_ms)
    else:
        info = replace(info, score=None, note=None)  # those belong to alternatives only
    if track.stand_in:
        wish = track.version or "the studio recording"
        status, reason = Status.SUBSTITUTE, f"pinned in the tracklist to stand in for {wish}"
    else:
        status, reason = Status.MATCHED, "pinned in the tracklist"
    return LockEntry(key=track.key, title=track.title, artist=track.artist,
                     version=track.version, status=status, uri=uri, score=1.0,
                     reason=reason, checked=now(), match=info, pinned=True)


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
