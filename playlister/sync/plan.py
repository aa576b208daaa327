"""Planning: the fewest writes that bring a playlist's items to the tracklist's order.

:func:`plan_sync` is pure: from the playlist's current items, the wanted URIs and the
ownership record (which items playlister put there) it computes a :class:`Plan`. Only what
playlister owns is taken out; tracks added by hand stay, at the end, unless pruned.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from playlister.limits import MAX_URIS_PER_WRITE

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
        parts = [
            f"{len(self.add)} to add",
            f"{len(self.remove)} to remove",
            f"{len(self.move)} to move",
        ]
        n = self.writes
        return f"{', '.join(parts)} ({n} request{'s' if n != 1 else ''})"

    def describe(
        self, labels: Mapping[str, str] | None = None, *, limit: int | None = None
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
        section(
            [
                f"+ {name(u)}" + (" (removed in Spotify, put back)" if u in restored else "")
                for u in self.add
            ]
        )
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
            what = (
                "added in Spotify by hand"
                if self.recorded
                else "not in the tracklist, not recorded as playlister's"
            )
            lines.append(
                f"  kept: {what} ({n}), at the end: {names(self.kept)} "
                f"(--prune removes {'them' if n != 1 else 'it'})"
            )
        if self.readded:
            lines.append(
                f"  put back at the end: {names(self.readded)} (a copy added by hand; "
                "Spotify's remove takes out every copy of a track at once)"
            )
        if self.strategy == "replace":
            lines.append(
                f"  (sent as a full replace: {self.writes} requests instead of many small edits)"
            )
        return lines


def _positions(items: Sequence[str | None]) -> dict[str, int]:
    pos: dict[str, int] = {}
    for i, u in enumerate(items):
        if u is not None:
            pos.setdefault(u, i)
    return pos


def _chunks(seq: Sequence[Any], size: int = MAX_URIS_PER_WRITE) -> Iterable[tuple[Any, ...]]:
    for i in range(0, len(seq), size):
        yield tuple(seq[i : i + size])


def _lis(ranks: Sequence[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of ``ranks`` (O(n log n))."""
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


def plan_sync(
    current: Sequence[str | None],
    desired: Sequence[str],
    *,
    prune: bool,
    owned: Mapping[str, int] | None = None,
) -> Plan:
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
    to_delete = [
        u for u in dict.fromkeys(u for u in current if u is not None) if keep_count[u] < counts[u]
    ]
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
        current[t] if t >= 0 else new_uris[-1 - t] for t in target_ids
    )

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
        while (
            k + n < len(present)
            and present[k + n] not in keep
            and start + n < len(work)
            and work[start + n] == present[k + n]
        ):
            n += 1
        insert_before = work.index(present[k - 1]) + 1 if k else 0
        block = work[start : start + n]
        if insert_before not in (start, start + n):  # not already in place
            del work[start : start + n]
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
