"""Creating a playlist from the tracklist, and keeping that same playlist in step with it.

Three layers, all plain data in and out (no printing, no prompts):

* ``plan``: :func:`plan_sync` computes the fewest writes (:class:`Plan`) that bring the
  playlist to the tracklist's order, taking out only what playlister owns;
* ``apply``: :func:`apply_plan` sends them, reading back instead of resending after a lost
  answer, so no track is ever doubled or dropped;
* ``create``: :func:`create_or_sync` creates or syncs one playlist, every change shown
  (:class:`Changes`) and confirmed before it is sent.
"""

from playlister.options import CreateOptions
from playlister.sync.apply import ApplyStats, apply_plan, read_playlist, snapshot_of
from playlister.sync.create import (
    Changes,
    LeftOut,
    SyncResult,
    Wanted,
    create_or_sync,
    find_lost_create,
    track_labels,
    wanted_uris,
)
from playlister.sync.plan import Add, Move, Op, Plan, Remove, Replace, plan_sync

__all__ = [
    "Add",
    "ApplyStats",
    "Changes",
    "CreateOptions",
    "LeftOut",
    "Move",
    "Op",
    "Plan",
    "Remove",
    "Replace",
    "SyncResult",
    "Wanted",
    "apply_plan",
    "create_or_sync",
    "find_lost_create",
    "plan_sync",
    "read_playlist",
    "snapshot_of",
    "track_labels",
    "wanted_uris",
]
