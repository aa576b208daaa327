"""The lockfile seeded with what confirmation found, so the next ``match`` need not search.

A confirmed song carries the search page that confirmed it. The matcher's own ``decide``
judges that page for the entry as the draft's loader reads it; only a MATCHED decision is
recorded (a substitute or a doubt is left for ``match``, whose fuller ladder may do better).
The entry is the one ``match`` itself would write, so ``match`` reuses it without a search.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from playlister.importer.draft import song_key
from playlister.importer.model import Song
from playlister.lockfile import Lock, LockEntry
from playlister.match.batch import entry_from_result
from playlister.match.candidate import Candidate
from playlister.match.resolve import decide
from playlister.state import Status
from playlister.tracklist import Track


def seed(lock: Lock, tracks: Sequence[Track], songs: Iterable[Song]) -> list[LockEntry]:
    """Record in ``lock`` a MATCHED entry for each of ``tracks`` a confirmed song names.

    Entries the lock already holds are kept as they are; returns the entries added.
    """
    pages = {song_key(s.title, s.artist, s.version): s.found for s in songs if s.found}
    added: list[LockEntry] = []
    for track in tracks:
        page = pages.get(song_key(track.title, track.artist, track.version))
        if not page or track.spotify or lock.get(track) is not None:
            continue
        usable = [
            Candidate.from_api(o)
            for o in page
            if (o.get("uri") or o.get("id"))
            and not o.get("is_local")
            and o.get("is_playable") is not False
        ]
        result = decide(track, usable)
        if result.status is Status.MATCHED:
            entry = entry_from_result(track, result)
            lock.put(entry)
            added.append(entry)
    return added
