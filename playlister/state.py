"""One verdict per entry: what state it is in, what goes into the playlist, where to listen.

Every command that shows or acts on an entry's state (``match``'s table, ``audit``, ``notes``,
``create``) asks :func:`verdict`, so they can never disagree. The status names live here and
nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from playlister import urls
from playlister.tracklist import Track


class Status(Enum):
    """An entry's state. The first four are what matching records in the lockfile."""

    MATCHED = "matched"  # the recording asked for
    SUBSTITUTE = "substitute"  # the song, but not the recording asked for
    REVIEW = "review"  # plausible but unsure: a person must choose
    MISSING = "missing"  # not on Spotify
    UNMATCHED = "not matched"  # no lockfile entry yet

    def __str__(self) -> str:
        return self.value

    @property
    def recorded(self) -> bool:
        """Whether matching writes this status into the lockfile."""
        return self is not Status.UNMATCHED

    @property
    def needs_person(self) -> bool:
        """Whether a person must act before the entry is settled (audit exit 1)."""
        return self in (Status.REVIEW, Status.UNMATCHED)

    @property
    def has_fallback(self) -> bool:
        """Whether the entry is listened to elsewhere than its Spotify match."""
        return self in (Status.SUBSTITUTE, Status.MISSING)


RECORDED = tuple(s for s in Status if s.recorded)
STATUS_ORDER = (Status.MATCHED, Status.SUBSTITUTE, Status.REVIEW, Status.MISSING, Status.UNMATCHED)


class Decision(Protocol):
    """What the lockfile recorded for an entry (``lockfile.LockEntry`` is one)."""

    @property
    def status(self) -> Status: ...

    @property
    def uri(self) -> str | None: ...


@dataclass(frozen=True)
class Verdict:
    """The one answer to "where does this entry stand?".

    ``playlist_uri``: the track that goes into the playlist (matched, or an accepted
    substitute), else None. ``listen``: where a reader should go to hear the recording wanted:
    the Spotify track when matched, else the entry's own video, else a YouTube search.
    ``spotify_url``: the Spotify track recorded (for a substitute, the stand-in). ``video``:
    the entry's own YouTube video, never dropped because Spotify had a match. ``fallback``: for
    substitutes and missing songs, the video or search to hear instead (None otherwise).
    ``why``: for an entry whose record is inconsistent, what is wrong with it.
    ``settled``: the tracklist key a person settled the entry with (``spotify``, ``stand_in``,
    or ``spotify = "none"`` for not on Spotify), None when matching decided it.
    """

    status: Status
    playlist_uri: str | None
    listen: str
    spotify_url: str | None
    video: str | None
    search_url: str
    fallback: str | None
    why: str | None = None
    settled: str | None = None

    @property
    def doubtful(self) -> bool:
        """Whether ``playlister review`` should show the entry: not a clean match, and not
        settled by a person in the tracklist."""
        return self.status is not Status.MATCHED and self.settled is None


def settled_by(track: Track) -> str | None:
    """The tracklist key that settles ``track`` without a search, or None."""
    if track.absent:
        return 'spotify = "none"'
    if track.stand_in:
        return "stand_in"
    if track.spotify:
        return "spotify"
    return None


def verdict(track: Track, entry: Decision | None) -> Verdict:
    """Decide ``track``'s state from its lock entry (None: not matched yet)."""
    search = urls.youtube_search(track.artist, track.title, track.version)
    wanted = track.youtube or search
    why = None
    if track.absent:
        # Settled by a person in the tracklist: no search, whatever the lockfile says.
        status, entry = Status.MISSING, None
    elif entry is None:
        status = Status.UNMATCHED
    else:
        status = entry.status
        if status in (Status.MATCHED, Status.SUBSTITUTE) and not entry.uri:
            # A match with nothing to play is not a match: someone must look at it.
            status, why = Status.REVIEW, f"recorded as {entry.status} without a Spotify URI"
    uri = entry.uri if entry is not None else None
    spotify = urls.spotify_track(uri) if uri else None
    playable = status in (Status.MATCHED, Status.SUBSTITUTE)
    return Verdict(
        status=status,
        playlist_uri=uri if playable else None,
        listen=spotify if status is Status.MATCHED and spotify else wanted,
        spotify_url=spotify,
        video=track.youtube,
        search_url=search,
        fallback=wanted if status.has_fallback else None,
        why=why,
        settled=settled_by(track),
    )


class Entries(Protocol):
    """Where decisions are looked up (``lockfile.Lock`` is one)."""

    def get(self, track: Track) -> Decision | None: ...


def shared_tracks(tracks: Iterable[Track], lock: Entries) -> dict[str, tuple[Track, ...]]:
    """Playlist tracks that two or more of ``tracks`` resolve to: URI → those entries.

    Two entries ("Trampoline (with ZAYN)" and "Trampoline") can settle on one recording; the
    playlist can hold it only once, so every command that shows entries says so.
    """
    by_uri: dict[str, list[Track]] = {}
    for t in tracks:
        uri = verdict(t, lock.get(t)).playlist_uri
        if uri is not None:
            by_uri.setdefault(uri, []).append(t)
    return {u: tuple(ts) for u, ts in by_uri.items() if len(ts) > 1}
