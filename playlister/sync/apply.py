"""Applying a plan through :class:`playlister.spotify.UserApi`.

A write whose response was lost (:class:`~playlister.errors.UncertainWriteError`) is never
resent: the playlist is read back and planned again, so no track is ever doubled or dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from playlister.errors import SpotifyError, UncertainWriteError
from playlister.spotify import UserApi
from playlister.sync.plan import Add, Op, Plan, Remove, Replace, plan_sync

MAX_REREADS = 5  # lost write responses tolerated in one apply before giving up


# --------------------------------------------------------------------------------------------
# Applying


@dataclass
class ApplyStats:
    """What :func:`apply_plan` did: writes sent, read-backs after lost responses, the plans
    (the first, then one per read-back), and the playlist's snapshot once done (None: not
    known, e.g. no write was answered)."""

    writes: int = 0
    rereads: int = 0
    plans: list[Plan] = field(default_factory=list)
    snapshot_id: str | None = None

    @property
    def final(self) -> Plan:
        return self.plans[-1]


def apply_plan(
    api: UserApi,
    playlist_id: str,
    plan: Plan,
    desired: Sequence[str],
    *,
    prune: bool,
    owned: Mapping[str, int] | None = None,
    snapshot_id: str | None = None,
    max_rereads: int = MAX_REREADS,
    progress: Callable[[int, int], None] | None = None,
) -> ApplyStats:
    """Send ``plan``'s writes in order. After a lost response, read the playlist back and plan
    again from what is really there (never resend blindly); give up after ``max_rereads``.

    ``owned`` is the ownership record to plan again with; ``snapshot_id`` the playlist's
    snapshot before the first write. ``progress(done, total)`` is called after each write.
    Rate limits and other API errors propagate: whatever was applied is consistent, and the
    next run completes it.
    """
    stats = ApplyStats(plans=[plan], snapshot_id=snapshot_id)
    while True:
        try:
            for done, op in enumerate(plan.ops, 1):
                stats.writes += 1
                stats.snapshot_id = None  # until this write is answered
                stats.snapshot_id = _send(api, playlist_id, op)
                if progress:
                    progress(done, len(plan.ops))
            return stats
        except UncertainWriteError as exc:
            if stats.rereads >= max_rereads:
                raise SpotifyError(
                    f"Gave up after {stats.rereads + 1} lost responses from Spotify ({exc}). "
                    "Nothing was doubled; run the command again to finish the playlist."
                ) from exc
            stats.rereads += 1
            current, stats.snapshot_id = read_playlist(api, playlist_id)
            plan = replace(
                plan_sync(current, desired, prune=prune, owned=owned), labels=plan.labels
            )
            stats.plans.append(plan)


def read_playlist(
    api: UserApi,
    playlist_id: str,
    playlist: Mapping[str, Any] | None = None,
    labels: dict[str, str] | None = None,
) -> tuple[list[str | None], str | None]:
    """The playlist's items and snapshot: its first 100 items come with the playlist object
    (``playlist``, read here if not given), the rest is paged. ``labels`` receives the names
    of the items read (for tracks added by hand, which the lockfile cannot name)."""
    if playlist is None:
        playlist = api.get_playlist(playlist_id)
    first = playlist.get("items")
    if not isinstance(first, dict):
        first = playlist.get("tracks")  # the deprecated name
    embedded = first if isinstance(first, dict) and "items" in first else None
    found = api.playlist_item_uris(playlist_id, embedded, labels=labels)
    return found, snapshot_of(playlist)


def snapshot_of(playlist: Mapping[str, Any]) -> str | None:
    """The ``snapshot_id`` of a playlist object Spotify sent, if it has a usable one."""
    snapshot = playlist.get("snapshot_id")
    return snapshot if isinstance(snapshot, str) else None


def _send(api: UserApi, playlist_id: str, op: Op) -> str:
    if isinstance(op, Add):
        return api.add_items(playlist_id, list(op.uris), position=op.position)
    if isinstance(op, Remove):
        return api.remove_items(playlist_id, list(op.uris))
    if isinstance(op, Replace):
        return api.replace_items(playlist_id, list(op.uris))
    return api.reorder_items(playlist_id, op.range_start, op.insert_before, op.range_length)
