"""Creating a playlist from the tracklist, and keeping that same playlist in step with it.

Three layers, all plain data in and out (no printing, no prompts):

* :func:`plan_sync` is pure: from the playlist's current items and the wanted URIs it computes a
  :class:`Plan`, the fewest writes that bring the playlist to the tracklist's order (tracks
  added by hand stay, at the end, unless pruned).
* :func:`apply_plan` sends a plan through :class:`playlister.spotify.UserApi`. A write whose
  response was lost (:class:`~playlister.errors.UncertainWriteError`) is never resent: the
  playlist is read back and planned again, so no track is ever doubled or dropped.
* :func:`create_or_sync` is what ``playlister create`` runs once matching is done: create the
  playlist (recording its ID through ``save`` before adding anything) or sync the recorded one,
  update its details and cover, and report a :class:`SyncResult`. It reads no file and never
  matches: the command layer (``playlister.app``) does both.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from playlister import urls
from playlister.errors import PlaylistGoneError, SpotifyError, UncertainWriteError
from playlister.lockfile import Lock
from playlister.spotify import MAX_URIS_PER_WRITE, UserApi
from playlister.state import Status, verdict
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

    ``add``: wanted URIs not in the playlist yet. ``remove``: one URI per item taken out (tracks
    not in the tracklist when pruning, and surplus copies of a wanted track). ``move``: items
    already there but out of place. ``kept``: items not in the tracklist left at the end (added
    by hand; ``None`` is an unavailable item). ``ops``: the writes, in order; ``target``: the
    playlist once they are applied. ``strategy`` is ``"edit"`` (remove, move, add) or
    ``"replace"`` (one replace then appends) when that takes far fewer requests. ``labels``
    (URI → "Title — Artist") is what :meth:`describe` prints.
    """

    current: tuple[str | None, ...]
    target: tuple[str | None, ...]
    add: tuple[str, ...]
    remove: tuple[str, ...]
    move: tuple[str | None, ...]
    kept: tuple[str | None, ...]
    ops: tuple[Op, ...]
    strategy: Literal["edit", "replace"] = "edit"
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
        """Readable lines for the CLI: ``+ Title — Artist`` (add), ``- ...`` (remove),
        ``~ ... (#7 → #2)`` (move), then a note on tracks kept at the end.

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

        section([f"+ {name(u)}" for u in self.add])
        wanted = set(self.target)
        section([f"- {name(u)}" + (" (extra copy)" if u in wanted else "") for u in self.remove])
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
            lines.append(f"  {n} track{'s' if n != 1 else ''} not in the tracklist kept at the "
                         "end (--prune removes them)")
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


def plan_sync(current: Sequence[str | None], desired: Sequence[str], *, prune: bool) -> Plan:
    """The fewest writes that turn ``current`` into ``desired`` followed by the extras.

    ``current``: the playlist's items in order (``None`` for an unavailable item).
    ``desired``: the tracklist's URIs in order (repeats after the first are ignored).
    Extras (items not in ``desired``) keep their relative order at the end; with ``prune`` they
    are removed. Spotify's remove takes out every occurrence of a URI, so a wanted track found
    more than once is removed and added back once, in its place. Items already in order (a
    longest increasing run) stay put; the rest are moved, in blocks where they are adjacent.
    Unavailable items can't be removed by URI: they are kept, unless ``prune``, in which case the
    plan replaces the whole playlist.
    """
    current = tuple(current)
    want = list(dict.fromkeys(desired))
    wanted = set(want)
    counts = Counter(u for u in current if u is not None)

    to_delete: list[str] = []  # distinct URIs to DELETE
    removed: list[str] = []  # one per item that leaves
    for u in dict.fromkeys(u for u in current if u is not None):
        if u in wanted:
            if counts[u] > 1:
                to_delete.append(u)
                removed.extend([u] * (counts[u] - 1))
        elif prune:
            to_delete.append(u)
            removed.extend([u] * counts[u])
    deleted = set(to_delete)

    # Survivors of the removal, identified by their index in `current`.
    survivors = [i for i, u in enumerate(current) if u is None or u not in deleted]
    extras = [i for i in survivors if current[i] is None or current[i] not in wanted]
    drop_nulls = prune and any(current[i] is None for i in extras)
    kept_extras = [] if drop_nulls else extras
    target: tuple[str | None, ...] = tuple(want) + tuple(current[i] for i in kept_extras)
    add = tuple(u for u in want if counts[u] == 0)

    if drop_nulls:  # only a replace can drop them; moves counted as if they were gone
        live = [i for i in survivors if current[i] is not None]
        _, moved = _edit_ops(current, want, to_delete, live, [])
        edit: list[Op] | None = None
    else:
        edit, moved = _edit_ops(current, want, to_delete, survivors, extras)
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
        remove=tuple(removed),
        move=tuple(moved),
        kept=tuple(current[i] for i in kept_extras),
        ops=tuple(ops),
        strategy=strategy,  # type: ignore[arg-type]
    )


def _prefer_replace(edit: int, replace: int) -> bool:
    """Replace only when it saves a lot: it resets every item's "date added", and anything
    added by hand between our read and the replace would be lost."""
    return edit >= 2 * replace and edit - replace >= REPLACE_SAVING


def _edit_ops(
    current: tuple[str | None, ...],
    want: list[str],
    to_delete: list[str],
    survivors: list[int],
    extras: list[int],
) -> tuple[list[Op], list[str | None]]:
    ops: list[Op] = [Remove(c) for c in _chunks(to_delete)]

    # Target order as identities: a survivor's index in `current`, or -1 - k for the k-th
    # wanted URI that must be added.
    by_uri = {current[i]: i for i in survivors if current[i] is not None}
    target_ids: list[int] = [by_uri.get(u, -1 - k) for k, u in enumerate(want)]
    target_ids += extras
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
        uris = [want[-1 - target_ids[j]] for j in range(t, run_end)]
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
    """What :func:`apply_plan` did: writes sent, read-backs after lost responses, final plan."""

    writes: int = 0
    rereads: int = 0
    plans: list[Plan] = field(default_factory=list)


def apply_plan(
    api: UserApi,
    playlist_id: str,
    plan: Plan,
    desired: Sequence[str],
    *,
    prune: bool,
    max_rereads: int = MAX_REREADS,
    progress: Callable[[int, int], None] | None = None,
) -> ApplyStats:
    """Send ``plan``'s writes in order. After a lost response, read the playlist back and plan
    again from what is really there (never resend blindly); give up after ``max_rereads``.

    ``progress(done, total)`` is called after each write. Rate limits and other API errors
    propagate: whatever was applied is consistent, and the next run completes it.
    """
    stats = ApplyStats(plans=[plan])
    while True:
        try:
            for done, op in enumerate(plan.ops, 1):
                stats.writes += 1
                _send(api, playlist_id, op)
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
            current = api.playlist_item_uris(playlist_id)
            plan = plan_sync(current, desired, prune=prune)
            stats.plans.append(plan)


def _send(api: UserApi, playlist_id: str, op: Op) -> None:
    if isinstance(op, Add):
        api.add_items(playlist_id, list(op.uris), position=op.position)
    elif isinstance(op, Remove):
        api.remove_items(playlist_id, list(op.uris))
    elif isinstance(op, Replace):
        api.replace_items(playlist_id, list(op.uris))
    else:
        api.reorder_items(playlist_id, op.range_start, op.insert_before, op.range_length)


# --------------------------------------------------------------------------------------------
# The entry point


@dataclass
class SyncResult:
    """The outcome of :func:`create_or_sync`.

    ``applied`` is False on a dry run, or when the prompt was declined. ``missing`` holds the
    selected tracks Spotify lacks, each with a fallback link; ``review`` those whose match waits
    for a decision (not in the playlist). ``details`` maps changed fields (name, description,
    public) to ``(old, new)``. ``gone`` is the message when the recorded playlist had vanished.
    ``writes``: write requests sent (create, items, details, cover); ``rereads``: read-backs
    after lost responses.
    """

    playlist_id: str | None
    url: str | None
    created: bool
    applied: bool
    plan: Plan
    added: int = 0
    removed: int = 0
    moved: int = 0
    missing: list[tuple[Track, str]] = field(default_factory=list)
    review: list[Track] = field(default_factory=list)
    details: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    cover_uploaded: bool = False
    gone: str | None = None
    writes: int = 0
    rereads: int = 0

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` object: playlist_id, url, added, removed, moved, missing."""
        return {
            "playlist_id": self.playlist_id,
            "url": self.url,
            "added": self.added,
            "removed": self.removed,
            "moved": self.moved,
            "missing": [
                {"title": t.title, "artist": t.artist, "fallback": url}
                for t, url in self.missing
            ],
        }


def track_labels(lock: Lock) -> dict[str, str]:
    """URI → ``"Title — Artist"`` for every lockfile entry with a URI (the matched
    recording's names when known), for the plan's lines."""
    labels: dict[str, str] = {}
    for e in lock.entries.values():
        if e.uri is None:
            continue
        if e.match is not None and e.match.uri == e.uri:
            labels.setdefault(e.uri, f"{e.match.title} — {', '.join(e.match.artists)}")
        else:
            labels.setdefault(e.uri, f"{e.title} — {e.artist}")
    return labels


def wanted_uris(tracks: Iterable[Track], lock: Lock
                ) -> tuple[list[str], list[tuple[Track, str]], list[Track]]:
    """(URIs for the playlist in order, missing tracks with fallback links, tracks in review)."""
    uris: list[str] = []
    missing: list[tuple[Track, str]] = []
    review: list[Track] = []
    for t in tracks:
        v = verdict(t, lock.get(t))
        if v.playlist_uri is not None:
            uris.append(v.playlist_uri)
        elif v.status is Status.MISSING:
            missing.append((t, v.listen))
        else:
            review.append(t)
    return list(dict.fromkeys(uris)), missing, review


def create_or_sync(
    tracks: Sequence[Track],
    lock: Lock,
    api: UserApi,
    *,
    save: Callable[[], None],
    confirm: Callable[[Plan], bool],
    confirm_recreate: Callable[[str], bool],
    name: str,
    description: str = "",
    public: bool = False,
    prune: bool = False,
    dry_run: bool = False,
    cover_b64: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SyncResult:
    """Create the playlist for ``tracks``, or bring the one recorded in ``lock`` in step.

    Every entry of ``tracks`` must already be matched (the command layer sees to it).

    * First run: ``confirm(plan)``, create the playlist, record its ID in ``lock`` and
      ``save()`` at once, then add the tracks in batches of 100. Later runs read the playlist,
      plan, ``confirm``, apply. An empty plan needs no confirmation.
    * The recorded playlist is gone (deleted, not the user's): ``confirm_recreate(message)``
      decides whether to create a new one; if not, :class:`PlaylistGoneError` is raised.
    * ``dry_run``: plan only; no write is sent.
    * ``name``, ``description`` and ``public`` are applied when the playlist's differ;
      ``cover_b64`` (checked by the caller) is uploaded.
    """
    desired, missing, review = wanted_uris(tracks, lock)
    want_name, want_description, want_public = name, description, public

    playlist: dict[str, Any] | None = None
    current: list[str | None] = []
    gone: str | None = None
    if lock.playlist_id:
        try:
            playlist = api.get_playlist(lock.playlist_id)
            # Reading the items answers 403 when the playlist is not the user's (nor shared
            # with them): that, like a 404, is PlaylistGoneError.
            current = api.playlist_item_uris(lock.playlist_id)
        except PlaylistGoneError as exc:
            gone = str(exc)
            playlist, current = None, []
            if not dry_run and not confirm_recreate(
                f"{gone} Create a new playlist \"{want_name}\"?"
            ):
                raise

    plan = replace(plan_sync(current, desired, prune=prune),
                   labels=track_labels(lock))
    pid = playlist["id"] if playlist else None
    details = _details_diff(playlist, want_name, want_description, want_public) if playlist else {}
    result = SyncResult(
        playlist_id=pid,
        url=_url(playlist, pid),
        created=False,
        applied=False,
        plan=plan,
        added=len(plan.add),
        removed=len(plan.remove),
        moved=len(plan.move),
        missing=missing,
        review=review,
        details=details,
        gone=gone,
    )
    if dry_run:
        return result
    writes_before = getattr(api, "writes", 0)
    if playlist is None:
        if not confirm(plan):
            return result
        try:
            made = api.create_playlist(want_name, want_description, want_public)
        except UncertainWriteError as exc:
            raise UncertainWriteError(
                f"{exc} Spotify may have created the playlist \"{want_name}\" without telling "
                "us its ID: if a second copy appears after the next run, delete the empty one.",
                status=exc.status,
            ) from exc
        pid = made["id"]
        lock.playlist_id = pid
        save()  # before adding: a killed run resumes here
        result.playlist_id, result.url, result.created = pid, _url(made, pid), True
    elif not plan.is_empty and not confirm(plan):
        return result
    assert pid is not None
    stats = apply_plan(api, pid, plan, desired, prune=prune, progress=progress)
    result.applied = True
    result.rereads = stats.rereads
    if details:
        api.update_details(pid, **{k: new for k, (_, new) in details.items()})
    if cover_b64 is not None:
        api.upload_cover(pid, cover_b64)
        result.cover_uploaded = True
    result.writes = getattr(api, "writes", writes_before) - writes_before or stats.writes
    return result


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
