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
from pathlib import Path
from typing import Any, Protocol

from playlister.errors import Interrupted, TracklistError, TracklistErrors
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

    def track(self, uri: str, *, market: str | None = None) -> dict[str, Any] | None: ...


@dataclass
class MatchRun:
    """What a run cost: entries searched (pins looked up among them), entries reused from
    the lockfile, requests sent."""

    searched: int = 0
    reused: int = 0
    requests: int = 0
    pins_checked: int = 0


def needs_search(track: Track, lock: Lock, *, refresh: bool = False) -> bool:
    """Whether ``track`` must go to the catalog: not in the lockfile yet (or ``refresh``),
    or pinned (``spotify`` or ``stand_in``) and not yet confirmed by Spotify: a pin is looked
    up once, never searched. An entry marked ``spotify = "none"`` never goes."""
    if track.absent:
        return False
    entry = lock.get(track)
    if refresh or entry is None:
        return True
    return track.settled and not (entry.pinned and entry.verified)


def match_entries(
    tracks: Sequence[Track],
    lock: Lock,
    catalog_factory: Callable[[], Searcher],
    *,
    save: Callable[[], None],
    refresh: bool = False,
    workers: int = 4,
    progress: Callable[[Track, LockEntry], None] | None = None,
    source: Path | None = None,
) -> MatchRun:
    """Resolve every entry of ``tracks`` into ``lock``, calling ``save`` as results come in.

    Entries already in the lock (same title, artist, album, year, version, duration and pin)
    are reused without a request unless ``refresh``; a pinned ``spotify`` URI wins without a
    search, looked up once (``GET /tracks/{id}``) so the lockfile holds Spotify's record of it;
    a pin Spotify does not know is a ``TracklistError`` naming the entry, its line in
    ``source`` and the field, raised once everything else is saved. ``catalog_factory`` is
    only called when something needs a search, so a re-run needs no credentials. ``save``
    runs at least once a second while there is something new to keep, and always once at the
    end, even when the run is interrupted.
    """
    run = MatchRun()
    todo: list[Track] = []
    for track in tracks:
        entry = lock.get(track)
        if track.absent and (entry is None or not entry.pinned):
            entry = pinned_entry(track)
            lock.put(entry)
        elif needs_search(track, lock, refresh=refresh):
            todo.append(track)
            continue
        run.reused += 1
        if progress and entry is not None:
            progress(track, entry)
    if not todo:
        save()
        return run
    catalog = catalog_factory()
    before = catalog.requests
    done: list[Track] = []
    unknown: list[Track] = []
    try:
        _search_all(
            todo,
            catalog,
            lock,
            market=lock.market,
            workers=workers,
            progress=progress,
            save=save,
            done=done,
            unknown=unknown,
        )
    except Interrupted as exc:
        exc.kept = sum(1 for t in tracks if lock.get(t) is not None)
        exc.left = len(todo) - len(done)
        exc.lock_name = lock.path.name
        raise
    finally:
        run.requests = catalog.requests - before
        run.searched = len(done)
        run.pins_checked = sum(1 for t in done if t.settled)
        save()
    if unknown:
        problems = [
            TracklistError(
                source or "tracklist",
                f"Spotify has no track {t.spotify or t.stand_in}: correct the ID "
                "(copy the track's link from Spotify) or remove the pin to search "
                "for the song",
                line=t.line,
                entry=t.index,
                title=t.title,
                field="spotify" if t.spotify else "stand_in",
            )
            for t in unknown
        ]
        raise (
            problems[0] if len(problems) == 1 else TracklistErrors(source or "tracklist", problems)
        )
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
    unknown: list[Track],
) -> None:
    """Search ``todo`` on daemon threads; record, report and save each result on this thread.

    Daemon threads, not a ThreadPoolExecutor: on a stop (Ctrl-C, SIGTERM, a failed search)
    this thread saves and leaves at once, and a worker still blocked in an HTTP read must not
    hold the process's exit (an executor's threads are joined at exit).
    """
    jobs: queue.SimpleQueue[Track] = queue.SimpleQueue()
    for track in todo:
        jobs.put(track)
    # None: a pin Spotify does not know.
    results: queue.SimpleQueue[tuple[Track, LockEntry | None | BaseException]] = queue.SimpleQueue()
    stopping = threading.Event()

    def work() -> None:
        while not stopping.is_set():
            try:
                track = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                results.put((track, decide(track, catalog, market)))
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
                done.append(track)
                if outcome is None:
                    unknown.append(track)
                    continue
                lock.put(outcome)
                dirty = True
                if progress:
                    progress(track, outcome)
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
            if isinstance(outcome, LockEntry):
                lock.put(outcome)
                done.append(track)


def decide(track: Track, catalog: Searcher, market: str | None) -> LockEntry | None:
    """The lockfile entry for ``track``: a pin looked up (None when Spotify has no such
    track), anything else searched for and resolved."""
    uri = track.spotify or track.stand_in
    if uri:
        found = catalog.track(uri, market=market)
        if found is None:
            return None
        return pinned_entry(track, replace(_info(Candidate.from_api(found)), uri=uri))
    return entry_from_result(
        track, resolve(track, lambda q: catalog.search_tracks(q, market=market, limit=10))
    )


def pinned_entry(track: Track, info: MatchInfo | None = None) -> LockEntry:
    """The entry for a track settled in the tracklist: a ``spotify`` URI pinned as the
    recording asked for, a ``stand_in`` pinned in its place, or ``spotify = "none"``.

    ``info``: what the pinned track is, as Spotify has it (a track lookup, or the candidate
    chosen in ``playlister review``): the entry is then ``verified``. Without it the entry's
    own title and artist stand for it, and the next ``match`` looks the pin up.
    """
    if track.absent:
        return LockEntry(
            key=track.key,
            title=track.title,
            artist=track.artist,
            version=track.version,
            status=Status.MISSING,
            score=0.0,
            reason='marked as not on Spotify in the tracklist (spotify = "none")',
            checked=now(),
            pinned=True,
        )
    uri = track.spotify or track.stand_in
    assert uri is not None
    verified = info is not None and info.uri == uri
    if info is None or not verified:
        info = MatchInfo(
            uri=uri,
            title=track.title,
            artists=(track.artist,),
            album=track.album or "",
            year=track.year,
            duration_ms=track.duration_ms,
        )
    else:
        info = replace(info, score=None, note=None)  # those belong to alternatives only
    found = f": \u201c{info.title}\u201d by {', '.join(info.artists)}" if verified else ""
    if track.stand_in:
        wish = track.version or "the studio recording"
        status = Status.SUBSTITUTE
        reason = f"pinned in the tracklist to stand in for {wish}{found}"
    else:
        status, reason = Status.MATCHED, f"pinned in the tracklist{found}"
    return LockEntry(
        key=track.key,
        title=track.title,
        artist=track.artist,
        version=track.version,
        status=status,
        uri=uri,
        score=1.0,
        reason=reason,
        checked=now(),
        match=info,
        pinned=True,
        verified=verified,
    )


def _info(c: Candidate, score: float | None = None, note: str | None = None) -> MatchInfo:
    return MatchInfo(
        uri=c.uri,
        title=c.title,
        artists=tuple(c.artists),
        album=c.album,
        year=c.year,
        duration_ms=c.duration_ms,
        score=score,
        note=note,
    )


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
