"""Creating a playlist from the tracklist, and keeping that same playlist in step with it.

Three layers, all plain data in and out (no printing, no prompts):

* :func:`plan_sync` is pure: from the playlist's current items, the wanted URIs and the
  ownership record (which items playlister put there) it computes a :class:`Plan`, the fewest
  writes that bring the playlist to the tracklist's order. Only what playlister owns is taken
  out; tracks added by hand stay, at the end, unless pruned.
* :func:`apply_plan` sends a plan through :class:`playlister.spotify.UserApi`. A write whose
  response was lost (:class:`~playlister.errors.UncertainWriteError`) is never resent: the
  playlist is read back and planned again, so no track is ever doubled or dropped.
* :func:`create_or_sync` is what ``playlister create`` runs once matching is done: create the
  playlist (recording "creating since" before the POST and its ID right after, so a lost answer
  never makes a second one) or sync the recorded one (planned from the lockfile's record when
  the playlist's snapshot is unchanged: one read), update its details and cover, record what
  it wrote, and report a :class:`SyncResult`. It reads no file and never
  matches: the command layer (``playlister.app``) does both.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from playlister import lockfile, urls
from playlister.errors import (
    PlaylisterError,
    PlaylistGoneError,
    SpotifyError,
    UncertainWriteError,
)
from playlister.limits import MAX_URIS_PER_WRITE
from playlister.lockfile import Lock, PlaylistRecord
from playlister.spotify import UserApi
from playlister.state import Status, verdict
from playlister.state import shared_tracks as state_shared
from playlister.tracklist import Track

MAX_REREADS = 5  # lost write responses tolerated in one apply before giving up
REPLACE_SAVING = 10  # a full replace must save at least this many requests (and half)


# --------------------------------------------------------------------------------------------
# Operations and plans


@dataclass(frozen=True)
class Remove:
    """``DELETE /playlists/{id}/items``: removes every occurrence of each URI."""

    uris: tuple[str, ...]


@dataclass(frozen=True)
class Move:
    """``PUT /playlists/{id}/items`` (reorder): moves ``range_length`` items starting at
    ``range_start`` to before the item now at ``insert_before`` (positions before the move)."""

    range_start: int
    insert_before: int
    range_length: int
    uris: tuple[str | None, ...]


@dataclass(frozen=True)
class Add:
    """``POST /playlists/{id}/items``: inserts ``uris`` at ``position`` (None: append)."""

    uris: tuple[str, ...]
    position: int | None = None


@dataclass(frozen=True)
class Replace:
    """``PUT /playlists/{id}/items`` (replace): the playlist becomes exactly ``uris``."""

    uris: tuple[str, ...]


Op = Remove | Move | Add | Replace


@dataclass(frozen=True)
class Plan:
    """What a sync will change, and the concrete requests that change it.

    Ownership decides what goes: the lockfile records the items playlister put in the playlist
    (``owned``, URI → copies); anything else was added in Spotify (by hand, or by another app)
    and is kept at the end unless ``prune``.

    ``add``: wanted URIs not in the playlist yet; ``restored`` is the part of them playlister
    had put there and someone removed in Spotify. ``remove``: one URI per item taken out, made
    of ``dropped`` (playlister's, taken out of the tracklist), ``extra`` (surplus copies of a
    wanted track) and ``pruned`` (added by hand, removed by --prune). ``readded``: copies added
    by hand that a remove takes out with the owned copy (Spotify removes every copy of a URI)
    and that are put back at the end. ``move``: items already there but out of place.
    ``kept``: items added by hand left at the end (``None``: an unavailable item). ``ops``: the
    writes, in order; ``target``: the playlist once they are applied. ``strategy`` is
    ``"edit"`` (remove, move, add) or ``"replace"`` (one replace then appends) when that takes
    far fewer requests. ``recorded`` is False when the lockfile held no ownership record (an
    older lockfile): nothing not in the tracklist is then known to be playlister's.
    ``labels`` (URI → "Title — Artist") is what :meth:`describe` prints.
    """

    current: tuple[str | None, ...]
    target: tuple[str | None, ...]
    add: tuple[str, ...]
    remove: tuple[str | None, ...]
    move: tuple[str | None, ...]
    kept: tuple[str | None, ...]
    ops: tuple[Op, ...]
    strategy: Literal["edit", "replace"] = "edit"
    restored: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    pruned: tuple[str | None, ...] = ()
    readded: tuple[str, ...] = ()
    recorded: bool = True
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        """True when the playlist is already in step: nothing to send."""
        return not self.ops

    @property
    def writes(self) -> int:
        """How many write requests applying this plan takes (without lost responses)."""
        return len(self.ops)

    def summary(self) -> str:
        """One line, e.g. ``"3 to add, 1 to remove, 2 to move (4 requests)"``."""
        if self.is_empty:
            return "already up to date"
        parts = [f"{len(self.add)} to add", f"{len(self.remove)} to remove",
                 f"{len(self.move)} to move"]
        n = self.writes
        return f"{', '.join(parts)} ({n} request{'s' if n != 1 else ''})"

    def describe(self, labels: Mapping[str, str] | None = None, *, limit: int | None = None
                 ) -> list[str]:
        """Readable lines for the CLI, each group named: ``+ Title — Artist`` (add; ``(removed
        in Spotify, put back)``), ``- ... (taken out of the tracklist)``, ``- ... (extra
        copy)``, ``- ... (added in Spotify by hand; --prune)``, ``~ ... (#7 → #2)`` (move),
        then what is kept (``kept: added in Spotify by hand``) and put back.

        ``labels`` maps URIs to names (default: the plan's own ``labels``, which
        :func:`create_or_sync` fills from the lockfile); unknown URIs print as is.
        With ``limit``, each kind shows at most that many lines and then ``... and N more``.
        """
        labels = self.labels if labels is None else labels

        def name(uri: str | None) -> str:
            return "(unavailable item)" if uri is None else labels.get(uri, uri)

        lines: list[str] = []

        def section(items: list[str]) -> None:
            shown = items if limit is None else items[:limit]
            lines.extend(shown)
            if len(items) > len(shown):
                lines.append(f"  ... and {len(items) - len(shown)} more")

        def names(uris: Sequence[str | None]) -> str:
            shown = list(uris) if limit is None else list(uris)[:limit]
            more = f" and {len(uris) - len(shown)} more" if len(uris) > len(shown) else ""
            return ", ".join(name(u) for u in shown) + more

        restored = set(self.restored)
        section([f"+ {name(u)}" + (" (removed in Spotify, put back)" if u in restored else "")
                 for u in self.add])
        section([f"- {name(u)} (taken out of the tracklist)" for u in self.dropped])
        section([f"- {name(u)} (extra copy)" for u in self.extra])
        section([f"- {name(u)} (added in Spotify by hand; --prune)" for u in self.pruned])
        before = _positions(self.current)
        after = _positions(self.target)
        moves = []
        for u in self.move:
            if u is not None and u in before and u in after:
                moves.append(f"~ {name(u)} (#{before[u] + 1} → #{after[u] + 1})")
            else:
                moves.append(f"~ {name(u)}")
        section(moves)
        if self.kept:
            n = len(self.kept)
            what = ("added in Spotify by hand" if self.recorded
                    else "not in the tracklist, not recorded as playlister's")
            lines.append(f"  kept: {what} ({n}), at the end: {names(self.kept)} "
                         f"(--prune removes {'them' if n != 1 else 'it'})")
        if self.readded:
            lines.append(f"  put back at the end: {names(self.readded)} (a copy added by hand; "
                         "Spotify's remove takes out every copy of a track at once)")
        if self.strategy == "replace":
            lines.append(f"  (sent as a full replace: {self.writes} requests instead of many "
                         "small edits)")
        return lines


def _positions(items: Sequence[str | None]) -> dict[str, int]:
    pos: dict[str, int] = {}
    for i, u in enumerate(items):
        if u is not None:
            pos.setdefault(u, i)
    return pos


def _chunks(seq: Sequence[Any], size: int = MAX_URIS_PER_WRITE) -> Iterable[tuple[Any, ...]]:
    for i in range(0, len(seq), size):
        yield tuple(seq[i:i + size])


def _lis(ranks: Sequence[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of ``ranks`` (O(n log n))."""
    import bisect

    tails: list[int] = []  # ranks
    tails_at: list[int] = []  # index in ranks of each tail
    prev = [-1] * len(ranks)
    for i, r in enumerate(ranks):
        k = bisect.bisect_left(tails, r)
        if k == len(tails):
            tails.append(r)
            tails_at.append(i)
        else:
            tails[k] = r
            tails_at[k] = i
        prev[i] = tails_at[k - 1] if k else -1
    keep: set[int] = set()
    i = tails_at[-1] if tails_at else -1
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


def plan_sync(current: Sequence[str | None], desired: Sequence[str], *, prune: bool,
              owned: Mapping[str, int] | None = None) -> Plan:
    """The fewest writes that turn ``current`` into ``desired`` followed by the hand-added items.

    ``current``: the playlist's items in order (``None`` for an unavailable item).
    ``desired``: the tracklist's URIs in order (repeats after the first are ignored).
    ``owned``: URI → copies playlister put there as of its last write (None: no record).

    A wanted URI ends up once in its place, plus the copies beyond playlister's that were added
    by hand. A URI not wanted loses playlister's copies; copies added by hand stay. Items added
    by hand keep their relative order at the end; with ``prune`` they are removed, and the
    playlist becomes exactly the tracklist. A wanted track already in the playlist but never
    recorded (added by hand first, or an older lockfile) is adopted, not doubled.

    Spotify's remove takes out every copy of a URI: when some copies must stay, the URI is
    removed and the copies that stay are added back in place (a hand-added copy never vanishes
    as a side effect). Items already in order (a longest increasing run) stay put; the rest are
    moved, in blocks where they are adjacent. Unavailable items can't be removed by URI: they
    are kept, unless ``prune``, in which case the plan replaces the whole playlist.
    """
    current = tuple(current)
    want = list(dict.fromkeys(desired))
    wanted = set(want)
    record = dict(owned or {})
    counts = Counter(u for u in current if u is not None)

    # How many copies of each URI the playlist keeps added by hand, and which go and why.
    hand: dict[str, int] = {}
    dropped: list[str] = []
    extra: list[str] = []
    pruned: list[str | None] = []
    for u, c in counts.items():
        mine = record.get(u, 0)
        if u in wanted:
            hand[u] = 0 if prune else max(0, c - max(mine, 1))
            surplus = c - 1 - hand[u]
            extra.extend([u] * surplus)
        else:
            hand[u] = 0 if prune else max(0, c - mine)
            dropped.extend([u] * min(c, mine))
            pruned.extend([u] * (c - min(c, mine) - hand[u]))
    keep_count = {u: hand[u] + (u in wanted) for u in counts}
    to_delete = [u for u in dict.fromkeys(u for u in current if u is not None)
                 if keep_count[u] < counts[u]]
    deleted = set(to_delete)
    nulls = [i for i, u in enumerate(current) if u is None]
    drop_nulls = prune and bool(nulls)
    pruned.extend([None] * len(nulls) if drop_nulls else [])

    # The target as slots: an item of `current` (its index), or -1 - k for new_uris[k].
    new_uris: list[str] = []

    def new(u: str) -> int:
        new_uris.append(u)
        return -len(new_uris)

    ours: dict[str, int] = {}  # wanted URI -> index of the copy that takes its place
    extras: list[int] = []  # hand-added items at the end, in their order
    readded: list[str] = []
    seen: Counter[str] = Counter()
    for i, item in enumerate(current):
        if item is None:
            if not drop_nulls:
                extras.append(i)
            continue
        seen[item] += 1
        if item in wanted and seen[item] == 1:
            if item not in deleted:
                ours[item] = i
        elif seen[item] > counts[item] - hand[item]:  # the last copies are the ones added by hand
            if item in deleted:
                extras.append(new(item))
                readded.append(item)
            else:
                extras.append(i)
    target_ids = [ours[u] if u in ours else new(u) for u in want] + extras
    add = tuple(u for u in want if u not in ours and counts[u] == 0)
    restored = tuple(u for u in add if record.get(u, 0) > 0)
    target: tuple[str | None, ...] = tuple(
        current[t] if t >= 0 else new_uris[-1 - t] for t in target_ids)

    in_target = {t for t in target_ids if t >= 0}
    survivors = [i for i in range(len(current)) if i in in_target]
    edit: list[Op] | None
    edit, moved = _edit_ops(current, to_delete, survivors, target_ids, new_uris)
    if drop_nulls:  # only a replace can drop them; moves counted as if they were gone
        edit = None
    replace: list[Op] | None = None
    if None not in target:
        chunks = list(_chunks(target)) or [()]
        replace = [Replace(chunks[0]), *(Add(c) for c in chunks[1:])]
    if edit is None or (replace is not None and _prefer_replace(len(edit), len(replace))):
        assert replace is not None
        ops, strategy = replace, "replace"
    else:
        ops, strategy = edit, "edit"
    return Plan(
        current=current,
        target=target,
        add=add,
        remove=(*dropped, *extra, *pruned),
        move=tuple(moved),
        kept=tuple(current[i] for i in extras if i >= 0) + tuple(readded),
        ops=tuple(ops),
        strategy=strategy,  # type: ignore[arg-type]
        restored=restored,
        dropped=tuple(dropped),
        extra=tuple(extra),
        pruned=tuple(pruned),
        readded=tuple(readded),
        recorded=owned is not None,
    )


def _prefer_replace(edit: int, replace: int) -> bool:
    """Replace only when it saves a lot: it resets every item's "date added", and anything
    added by hand between our read and the replace would be lost."""
    return edit >= 2 * replace and edit - replace >= REPLACE_SAVING


def _edit_ops(
    current: tuple[str | None, ...],
    to_delete: list[str],
    survivors: list[int],
    target_ids: list[int],
    new_uris: list[str],
) -> tuple[list[Op], list[str | None]]:
    """Removes, then moves, then adds that turn ``current`` into the target.

    ``survivors``: indices of ``current`` left after the removes, in order; ``target_ids``:
    the target as survivor indices, or ``-1 - k`` for ``new_uris[k]``.
    """
    ops: list[Op] = [Remove(c) for c in _chunks(to_delete)]
    rank = {ident: r for r, ident in enumerate(target_ids) if ident >= 0}

    # Moves: keep a longest in-order run, put each other item right after its predecessor
    # in the target, in target order; adjacent items that travel together go as one block.
    work = list(survivors)
    keep = {work[i] for i in _lis([rank[ident] for ident in work])}
    present = [ident for ident in target_ids if ident >= 0]
    moved: list[str | None] = []
    k = 0
    while k < len(present):
        ident = present[k]
        if ident in keep:
            k += 1
            continue
        start = work.index(ident)
        n = 1
        while (k + n < len(present) and present[k + n] not in keep
               and start + n < len(work) and work[start + n] == present[k + n]):
            n += 1
        insert_before = work.index(present[k - 1]) + 1 if k else 0
        block = work[start:start + n]
        if insert_before not in (start, start + n):  # not already in place
            del work[start:start + n]
            at = insert_before if insert_before < start else insert_before - n
            work[at:at] = block
            ops.append(Move(start, insert_before, n, tuple(current[i] for i in block)))
            moved.extend(current[i] for i in block)
        keep.update(block)
        k += n

    # Adds: `work` is now the survivors in target order, so a run of new items starting at
    # target index t goes at position t (everything before it is already there).
    length = len(work)
    t = 0
    while t < len(target_ids):
        if target_ids[t] >= 0:
            t += 1
            continue
        run_end = t
        while run_end < len(target_ids) and target_ids[run_end] < 0:
            run_end += 1
        uris = [new_uris[-1 - target_ids[j]] for j in range(t, run_end)]
        pos = t
        for chunk in _chunks(uris):
            ops.append(Add(chunk, None if pos == length else pos))
            pos += len(chunk)
            length += len(chunk)
        t = run_end
    return ops, moved


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
            plan = replace(plan_sync(current, desired, prune=prune, owned=owned),
                           labels=plan.labels)
            stats.plans.append(plan)


def read_playlist(api: UserApi, playlist_id: str, playlist: Mapping[str, Any] | None = None,
                  labels: dict[str, str] | None = None
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


# --------------------------------------------------------------------------------------------
# The entry point


@dataclass(frozen=True)
class LeftOut:
    """A selected entry that does not go into the playlist, and why."""

    track: Track
    status: Status
    reason: str
    listen: str

    def as_json(self) -> dict[str, Any]:
        return {"number": self.track.index, "title": self.track.title,
                "artist": self.track.artist, "status": self.status.value,
                "reason": self.reason, "listen": self.listen}


@dataclass(frozen=True)
class Changes:
    """Everything a run will change, each part shown before it is asked for.

    ``items``: the playlist's items (:class:`Plan`); ``details``: the settings that differ,
    field → (old, new) (``name``, ``description``, ``public``); ``cover``: the image to
    upload (a label such as ``cover.jpg, 41 KB``); ``create``: a new playlist is made first
    (``public`` then says how). ``shared``: tracks that two or more entries resolve to, with
    those entries (the playlist holds the track once). ``left_out``: entries that stay out.
    """

    name: str
    items: Plan
    details: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    cover: str | None = None
    create: bool = False
    public: bool = False
    shared: tuple[tuple[str, tuple[Track, ...]], ...] = ()
    left_out: tuple[LeftOut, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing would be sent: no new playlist, items, settings or cover."""
        return not (self.create or self.details or self.cover) and self.items.is_empty

    @property
    def requests(self) -> int:
        """Write requests this takes (a lost answer adds a read-back)."""
        return (int(self.create) + self.items.writes + int(bool(self.details))
                + int(self.cover is not None))

    def summary(self) -> str:
        """One line, e.g. ``"new playlist, 12 to add (2 requests)"``."""
        if self.is_empty:
            return "already up to date (nothing to send)"
        parts = ["new playlist"] if self.create else []
        plan = self.items
        if not plan.is_empty or self.create:
            parts += [f"{len(plan.add)} to add", f"{len(plan.remove)} to remove",
                      f"{len(plan.move)} to move"]
        if self.details:
            parts.append(f"{len(self.details)} setting{_s(len(self.details))} to change")
        if self.cover:
            parts.append("a cover to upload")
        n = self.requests
        return f"{', '.join(parts)} ({n} request{_s(n)})"

    def lines(self) -> list[str]:
        """The whole plan, as printed before the prompt and on a dry run."""
        out = [f"{self.name}: {self.summary()}"]
        if self.create:
            out.append(f"* make the playlist \"{self.name}\" ({_visibility(self.public)})")
            if not self.items.target:
                out.append("  nothing to put in it: none of the selected songs is matched on "
                           "Spotify yet, so it would be empty")
        out += self.items.describe()
        for key, (old, new) in self.details.items():
            if key == "public":
                out.append(f"* visibility: {_visibility(old)} → {_visibility(new)}")
            else:
                out.append(f"* {key}: {_quote(old)} → {_quote(new)}")
        if self.cover:
            out.append(f"* cover: upload {self.cover}")
        for label, tracks in self.shared:
            entries = " and ".join(f"#{t.index} {t.title}" for t in tracks)
            out.append(f"! {entries} resolve to one Spotify track ({label}); it goes in once")
        return out

    def as_json(self) -> dict[str, Any]:
        """The plan as data: every change, and every entry left out."""
        plan = self.items

        def named(uris: Sequence[str | None]) -> list[dict[str, Any]]:
            return [{"uri": u, "label": plan.labels.get(u, u) if u else None} for u in uris]

        return {
            "create": self.create,
            "add": named(plan.add),
            "remove": named(plan.remove),
            "move": named(plan.move),
            "kept": named(plan.kept),
            "settings": {k: {"from": old, "to": new} for k, (old, new) in self.details.items()},
            "cover": self.cover,
            "requests": self.requests,
            "shared": [{"label": label, "numbers": [t.index for t in tracks]}
                       for label, tracks in self.shared],
            "left_out": [x.as_json() for x in self.left_out],
        }


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _visibility(public: Any) -> str:
    return "public" if public else "private"


def _quote(text: Any) -> str:
    text = str(text or "")
    return f"\"{text}\"" if text else "(none)"


@dataclass
class SyncResult:
    """The outcome of :func:`create_or_sync`.

    ``changes`` is the plan that was shown (after a lost create, the one applied);
    ``applied`` is False on a dry run, or when the prompt was declined. ``missing`` holds the
    selected tracks Spotify lacks, each with a fallback link; ``review`` those whose match waits
    for a decision (not in the playlist). ``gone`` is the message when the recorded playlist
    had vanished. ``writes``: write requests sent (create, items, details, cover);
    ``rereads``: read-backs after lost responses. ``notes``: what the reader should know (a
    lost create adopted).
    """

    playlist_id: str | None
    url: str | None
    created: bool
    applied: bool
    changes: Changes
    added: int = 0
    removed: int = 0
    moved: int = 0
    missing: list[tuple[Track, str]] = field(default_factory=list)
    review: list[Track] = field(default_factory=list)
    cover_uploaded: bool = False
    gone: str | None = None
    writes: int = 0
    rereads: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def plan(self) -> Plan:
        return self.changes.items

    @property
    def details(self) -> Mapping[str, tuple[Any, Any]]:
        return self.changes.details

    def done(self) -> str:
        """What an applied run did, in one line."""
        parts = ["made the playlist"] if self.created else []
        parts += [f"added {self.added}", f"removed {self.removed}", f"moved {self.moved}"]
        for key, (_, new) in self.details.items():
            parts.append(f"made it {_visibility(new)}" if key == "public"
                         else f"set the {key}")
        if self.cover_uploaded:
            parts.append("uploaded the cover")
        n = self.writes
        return f"Done: {', '.join(parts)} ({n} write request{_s(n)})."

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` object: the playlist, what was done, the whole plan, what stayed out."""
        return {
            "playlist_id": self.playlist_id,
            "url": self.url,
            "created": self.created,
            "applied": self.applied,
            "added": self.added,
            "removed": self.removed,
            "moved": self.moved,
            "missing": [
                {"title": t.title, "artist": t.artist, "fallback": url}
                for t, url in self.missing
            ],
            "plan": self.changes.as_json(),
        }


def track_labels(tracks: Iterable[Track], lock: Lock) -> dict[str, str]:
    """URI → ``"Title — Artist"`` for every lockfile entry with a URI (the matched
    recording's names when known), for the plan's lines; a substitute among ``tracks`` is
    marked as the stand-in it is."""
    labels: dict[str, str] = {}
    for e in lock.entries.values():
        if e.uri is None:
            continue
        if e.match is not None and e.match.uri == e.uri:
            labels.setdefault(e.uri, f"{e.match.title} — {', '.join(e.match.artists)}")
        else:
            labels.setdefault(e.uri, f"{e.title} — {e.artist}")
    for t in tracks:
        v = verdict(t, lock.get(t))
        if v.status is Status.SUBSTITUTE and v.playlist_uri in labels:
            wanted = t.version or "another recording"
            labels[v.playlist_uri] += f" (stand-in: {wanted} wanted)"
    return labels


def wanted_uris(tracks: Iterable[Track], lock: Lock
                ) -> tuple[list[str], list[tuple[Track, str]], list[Track], list[LeftOut]]:
    """(URIs for the playlist in order, missing tracks with fallback links, tracks waiting
    for review or a match, every entry left out with why)."""
    uris: list[str] = []
    missing: list[tuple[Track, str]] = []
    review: list[Track] = []
    left_out: list[LeftOut] = []
    for t in tracks:
        entry = lock.get(t)
        v = verdict(t, entry)
        if v.playlist_uri is not None:
            uris.append(v.playlist_uri)
            continue
        if v.status is Status.MISSING:
            missing.append((t, v.listen))
        else:
            review.append(t)
        reason = v.why or (entry.reason if entry is not None else "not matched yet")
        left_out.append(LeftOut(t, v.status, reason, v.listen))
    return list(dict.fromkeys(uris)), missing, review, left_out


def create_or_sync(
    tracks: Sequence[Track],
    lock: Lock,
    api: UserApi,
    *,
    save: Callable[[], None],
    confirm: Callable[[Changes], bool],
    confirm_recreate: Callable[[str, Changes], bool],
    name: str,
    description: str = "",
    public: bool = False,
    prune: bool = False,
    dry_run: bool = False,
    record: PlaylistRecord | None = None,
    cover_b64: str | None = None,
    cover_label: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: Callable[[], str] = lockfile.now,
) -> SyncResult:
    """Create the playlist for ``tracks``, or bring the one in ``record`` in step.

    ``record`` is the lockfile's record of the playlist for this selection (default: the
    whole list's, ``lock.playlist``). Every entry of ``tracks`` must already be matched (the
    command layer sees to it), and the caller holds the run-lock, so no other run changes
    ``lock`` meanwhile.

    * Every change is in the :class:`Changes` shown: items, name, description, visibility,
      cover, a new playlist. ``confirm(changes)`` is asked before any write, and nothing is
      asked when nothing would change.
    * First run: record "creating since" and ``save()``; create the playlist; record its ID
      and ``save()`` at once, then add the tracks in batches of 100. A create whose answer was
      lost (now or in a run that died) is found again by :func:`find_lost_create` and adopted
      instead of making a second playlist.
    * Later runs read the playlist object (one request, with its first 100 items). When its
      snapshot is the one recorded after playlister's last write, the recorded items are the
      playlist and nothing more is read; otherwise the rest is paged. Then plan, confirm,
      apply, and record what is there now and which items are playlister's.
    * The recorded playlist is gone (deleted, not the user's): ``confirm_recreate(message,
      changes)`` is the one question before a new one is made; if declined,
      :class:`PlaylistGoneError` is raised.
    * ``dry_run``: plan only; no write is sent and the lockfile is not changed.
    """
    record = lock.playlist if record is None else record
    desired, missing, review, left_out = wanted_uris(tracks, lock)
    labels: dict[str, str] = {}  # names Spotify gives, then the lockfile's over them

    playlist: dict[str, Any] | None = None
    current: list[str | None] = []
    snapshot: str | None = None
    gone: str | None = None
    notes: list[str] = []
    if not record.id and record.creating_since:
        found = find_lost_create(api, name, description, record.creating_since)
        if found is not None:
            record.forget()
            record.id = str(found["id"])
            record.creating_since = None
            notes.append(f"Found the playlist \"{name}\" an interrupted run created "
                         f"(creating since {found['_since']}): using it, not making another.")
            if not dry_run:
                save()
    owned = record.owned
    if record.id:
        try:
            playlist = api.get_playlist(record.id)
            snapshot = snapshot_of(playlist)
            if snapshot and snapshot == record.snapshot_id and record.items is not None:
                current = list(record.items)  # untouched since our last write: nothing to read
            else:
                # Reading the items answers 403 when the playlist is not the user's (nor
                # shared with them): that, like a 404, is PlaylistGoneError.
                current, snapshot = read_playlist(api, record.id, playlist, labels)
        except PlaylistGoneError as exc:
            gone = str(exc)
            playlist, current, snapshot, owned = None, [], None, None

    labels.update(track_labels(tracks, lock))
    plan = replace(plan_sync(current, desired, prune=prune, owned=owned), labels=labels)
    pid = playlist["id"] if playlist else None
    changes = Changes(
        name=name,
        items=plan,
        details=_details_diff(playlist, name, description, public) if playlist else {},
        cover=(cover_label or "the cover image") if cover_b64 is not None else None,
        create=playlist is None,
        public=public,
        shared=shared_tracks(tracks, lock, labels),
        left_out=tuple(left_out),
    )
    result = SyncResult(
        playlist_id=pid,
        url=_url(playlist, pid),
        created=False,
        applied=False,
        changes=changes,
        added=len(plan.add),
        removed=len(plan.remove),
        moved=len(plan.move),
        missing=missing,
        review=review,
        gone=gone,
        notes=notes,
    )
    if dry_run:
        return result
    writes_before = getattr(api, "writes", 0)
    if playlist is None:
        if gone is not None:
            if not confirm_recreate(f"{gone} Create a new playlist \"{name}\"?", changes):
                raise PlaylistGoneError(record.id or "", gone)
            record.forget()
        elif not confirm(changes):
            return result
        made = _create(api, record, save, name, description, public, now)
        pid = str(made["id"])
        snapshot = snapshot_of(made)
        result.playlist_id, result.url, result.created = pid, _url(made, pid), True
        if made.get("_since"):  # adopted after a lost answer: read what is there
            result.notes.append(f"Spotify's answer to creating \"{name}\" was lost; "
                                "found the playlist it made and used it, not making another.")
            current, snapshot = read_playlist(api, pid)
            plan = replace(plan_sync(current, desired, prune=prune), labels=labels)
            result.changes = replace(changes, items=plan)
    elif not changes.is_empty and not confirm(changes):
        return result
    assert pid is not None
    if changes.details:
        api.update_details(pid, **{k: new for k, (_, new) in changes.details.items()})
    if cover_b64 is not None:
        api.upload_cover(pid, cover_b64)
        result.cover_uploaded = True
    # Until the writes are done, claim what they will add too: a run that dies halfway then
    # still knows the tracks it added (and the next run reads the playlist, snapshot unknown).
    pending = Counter(record.owned or {}) | Counter(dict.fromkeys(desired, 1))
    if not plan.is_empty:
        record.record(current, pending.elements(), None)
        save()
    stats = apply_plan(api, pid, plan, desired, prune=prune, owned=dict(pending),
                       snapshot_id=snapshot, progress=progress)
    if (changes.details or cover_b64 is not None) and plan.is_empty:
        stats.snapshot_id = snapshot_of(api.get_playlist(pid))  # they may change it
    record.record(stats.final.target, desired, stats.snapshot_id)
    if record.tags:
        record.name = name
    save()
    final = stats.final
    result.added, result.removed, result.moved = len(final.add), len(final.remove), len(final.move)
    result.applied = True
    result.rereads = stats.rereads
    result.writes = getattr(api, "writes", writes_before) - writes_before or stats.writes
    return result


def shared_tracks(tracks: Iterable[Track], lock: Lock, labels: Mapping[str, str]
                  ) -> tuple[tuple[str, tuple[Track, ...]], ...]:
    """Tracks that two or more selected entries resolve to, labelled, with those entries."""
    return tuple((labels.get(uri, uri), group)
                 for uri, group in state_shared(tracks, lock).items())


def _create(api: UserApi, record: PlaylistRecord, save: Callable[[], None], name: str,
            description: str, public: bool, now: Callable[[], str]) -> dict[str, Any]:
    """``POST /me/playlists`` with "creating since" recorded first; the new playlist's ID is
    saved at once. A lost answer is looked for straight away (and again by the next run)."""
    record.creating_since = now()
    save()
    try:
        made = api.create_playlist(name, description, public)
    except UncertainWriteError as exc:
        found = find_lost_create(api, name, description, record.creating_since)
        if found is None:
            raise UncertainWriteError(
                f"{exc} No playlist \"{name}\" has appeared among yours yet; the next run "
                "looks for it again before making one, so there will not be two.",
                status=exc.status,
            ) from exc
        made = found
    record.id = str(made["id"])
    record.creating_since = None
    if record.tags:
        record.name = name
    record.record([], [], None)
    save()  # before adding: a killed run resumes here
    return made


def find_lost_create(api: UserApi, name: str, description: str, since: str
                     ) -> dict[str, Any] | None:
    """The playlist a create whose answer was lost made, or None if it made none.

    The API gives no creation time, so the fingerprint is: the user's own playlist, with this
    name and description, and empty (nothing was added: its ID never reached the lockfile).
    Two or more such playlists: a :class:`PlaylisterError` naming them, as guessing could adopt
    the wrong one. The answer carries ``_since`` (the recorded time) for the message.
    """
    me = api.current_user().get("id")
    found = []
    for p in api.my_playlists():
        owner = (p.get("owner") or {}).get("id")
        total = (p.get("items") or p.get("tracks") or {}).get("total")
        if (p.get("name") == name and owner == me and total == 0
                and html.unescape(p.get("description") or "") == (description or "")):
            found.append(p)
    if len(found) > 1:
        links = ", ".join(_url(p, str(p.get("id"))) or "?" for p in found)
        raise PlaylisterError(
            f"A run that started creating the playlist \"{name}\" at {since} stopped before "
            f"Spotify's answer arrived, and {len(found)} empty playlists of yours now have that "
            f"name and description: {links}. Delete the extra ones in Spotify, then run "
            "`playlister create` again to use the one left."
        )
    if not found:
        return None
    return {**found[0], "_since": since}


def _url(playlist: Mapping[str, Any] | None, pid: str | None) -> str | None:
    if playlist:
        url = (playlist.get("external_urls") or {}).get("spotify")
        if url:
            return str(url)
    return urls.spotify_playlist(pid) if pid else None


def _details_diff(playlist: Mapping[str, Any], name: str, description: str, public: bool
                  ) -> dict[str, tuple[Any, Any]]:
    diff: dict[str, tuple[Any, Any]] = {}
    if playlist.get("name") != name:
        diff["name"] = (playlist.get("name"), name)
    old_description = html.unescape(playlist.get("description") or "")
    if old_description != (description or ""):
        diff["description"] = (old_description, description)
    if playlist.get("public") is not None and bool(playlist["public"]) != public:
        diff["public"] = (playlist["public"], public)
    return diff
