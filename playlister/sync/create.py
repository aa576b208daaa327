"""What ``playlister create`` runs once matching is done: create or sync one playlist.

Create the playlist (recording "creating since" before the POST and its ID right after, so a
lost answer never makes a second one) or sync the recorded one (planned from the lockfile's
record when the playlist's snapshot is unchanged: one read); show every change
(:class:`Changes`) before any is sent; apply; record what it wrote; report a
:class:`SyncResult`. It reads no file and never matches: the command layer
(``playlister.app``) does both.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from playlister import lockfile, urls
from playlister.errors import PlaylisterError, PlaylistGoneError, UncertainWriteError
from playlister.lockfile import Lock, PlaylistRecord
from playlister.options import CreateOptions
from playlister.spotify import UserApi
from playlister.state import Status, verdict
from playlister.state import shared_tracks as state_shared
from playlister.sync.apply import ApplyStats, apply_plan, read_playlist, snapshot_of
from playlister.sync.plan import Plan, plan_sync
from playlister.tracklist import Track

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
        return {
            "number": self.track.index,
            "title": self.track.title,
            "artist": self.track.artist,
            "status": self.status.value,
            "reason": self.reason,
            "listen": self.listen,
        }


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
        return (
            int(self.create)
            + self.items.writes
            + int(bool(self.details))
            + int(self.cover is not None)
        )

    def summary(self) -> str:
        """One line, e.g. ``"new playlist, 12 to add (2 requests)"``."""
        if self.is_empty:
            return "already up to date (nothing to send)"
        parts = ["new playlist"] if self.create else []
        plan = self.items
        if not plan.is_empty or self.create:
            parts += [
                f"{len(plan.add)} to add",
                f"{len(plan.remove)} to remove",
                f"{len(plan.move)} to move",
            ]
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
            out.append(f'* make the playlist "{self.name}" ({_visibility(self.public)})')
            if not self.items.target:
                out.append(
                    "  nothing to put in it: none of the selected songs is matched on "
                    "Spotify yet, so it would be empty"
                )
        out += self.items.describe()
        for key, (old, new) in self.details.items():
            if key == "public":
                out.append(f"* visibility: {_visibility(old)} → {_visibility(new)}")
            else:
                out.append(f"* {key}: {_quote(old)} → {_quote(new)}")
        if self.cover:
            out.append(f"* cover: upload {self.cover}")
        out += self.warnings()
        if self.left_out:
            out.append(
                f"  left out ({len(self.left_out)}): "
                + "; ".join(
                    f"{x.track.title} — {x.track.artist} ({x.status})" for x in self.left_out
                )
            )
        return out

    def warnings(self) -> list[str]:
        """What the user should know even when nothing changes: entries sharing a track."""
        return [
            f"! {' and '.join(f'#{t.index} {t.title}' for t in tracks)} resolve to one "
            f"Spotify track ({label}); it goes in once"
            for label, tracks in self.shared
        ]

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
            "shared": [
                {"label": label, "numbers": [t.index for t in tracks]}
                for label, tracks in self.shared
            ],
            "left_out": [x.as_json() for x in self.left_out],
        }


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _visibility(public: Any) -> str:
    return "public" if public else "private"


def _quote(text: Any) -> str:
    text = str(text or "")
    return f'"{text}"' if text else "(none)"


@dataclass
class SyncResult:
    """The outcome of :func:`create_or_sync`.

    ``changes`` is the plan that was shown (after a lost create, the one applied);
    ``applied`` is False on a dry run, or when the prompt was declined. ``missing`` and
    ``review`` are read from the plan's entries left out. ``gone`` is the message when the
    recorded playlist had vanished. ``writes``: write requests sent (create, items, details,
    cover); ``rereads``: read-backs after lost responses. ``notes``: what the reader should
    know (a lost create adopted).
    """

    playlist_id: str | None
    url: str | None
    created: bool
    applied: bool
    changes: Changes
    added: int = 0
    removed: int = 0
    moved: int = 0
    cover_uploaded: bool = False
    gone: str | None = None
    writes: int = 0
    rereads: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def plan(self) -> Plan:
        return self.changes.items

    @property
    def missing(self) -> list[tuple[Track, str]]:
        """The entries left out because Spotify lacks them, each with where to listen."""
        return [(x.track, x.listen) for x in self.changes.left_out if x.status is Status.MISSING]

    @property
    def review(self) -> list[Track]:
        """The entries left out waiting for a decision or a match."""
        return [x.track for x in self.changes.left_out if x.status is not Status.MISSING]

    @property
    def details(self) -> Mapping[str, tuple[Any, Any]]:
        return self.changes.details

    def done(self) -> str:
        """What an applied run did, in one line."""
        parts = ["made the playlist"] if self.created else []
        parts += [f"added {self.added}", f"removed {self.removed}", f"moved {self.moved}"]
        for key, (_, new) in self.details.items():
            parts.append(f"made it {_visibility(new)}" if key == "public" else f"set the {key}")
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
                {"title": t.title, "artist": t.artist, "fallback": url} for t, url in self.missing
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


def wanted_uris(tracks: Iterable[Track], lock: Lock) -> tuple[list[str], list[LeftOut]]:
    """(URIs for the playlist in order, every entry left out with why)."""
    uris: list[str] = []
    left_out: list[LeftOut] = []
    for t in tracks:
        entry = lock.get(t)
        v = verdict(t, entry)
        if v.playlist_uri is not None:
            uris.append(v.playlist_uri)
            continue
        reason = v.why or (entry.reason if entry is not None else "not matched yet")
        left_out.append(LeftOut(t, v.status, reason, v.listen))
    return list(dict.fromkeys(uris)), left_out


@dataclass(frozen=True)
class Wanted:
    """The playlist as it should be, settings resolved: name, description, visibility, and
    the cover to upload (base64, and a label for the plan), if any."""

    name: str
    description: str = ""
    public: bool = False
    cover_b64: str | None = None
    cover_label: str | None = None


@dataclass
class _Current:
    """The recorded playlist as read now (``playlist`` None: none yet, or it is gone)."""

    playlist: dict[str, Any] | None = None
    items: list[str | None] = field(default_factory=list)
    snapshot: str | None = None
    owned: dict[str, int] | None = None
    gone: str | None = None


def create_or_sync(
    tracks: Sequence[Track],
    lock: Lock,
    api: UserApi,
    wanted: Wanted,
    *,
    save: Callable[[], None],
    confirm: Callable[[Changes], bool],
    confirm_recreate: Callable[[str, Changes], bool],
    options: CreateOptions | None = None,
    record: PlaylistRecord | None = None,
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
      playlist and nothing more is read; otherwise the rest is paged.
    * The recorded playlist is gone (deleted, not the user's): ``confirm_recreate(message,
      changes)`` is the one question before a new one is made; if declined,
      :class:`PlaylistGoneError` is raised.
    * ``options.dry_run``: plan only; no write is sent and the lockfile is not changed.
    """
    record = lock.playlist if record is None else record
    options = options or CreateOptions()
    desired, left_out = wanted_uris(tracks, lock)
    notes = _adopt_lost_create(api, record, wanted, save, dry_run=options.dry_run)
    labels: dict[str, str] = {}  # names Spotify gives, then the lockfile's over them
    now_there = _read_current(api, record, labels)
    labels.update(track_labels(tracks, lock))
    plan = replace(
        plan_sync(now_there.items, desired, prune=options.prune, owned=now_there.owned),
        labels=labels,
    )
    # The ownership claimed before a stopped run's writes is not proof they landed: only a
    # track recorded in the playlist was there to be "removed in Spotify".
    there = set(record.items or ())
    plan = replace(plan, restored=tuple(u for u in plan.restored if u in there))
    playlist = now_there.playlist
    changes = Changes(
        name=wanted.name,
        items=plan,
        details=_details_diff(playlist, wanted) if playlist else {},
        cover=(wanted.cover_label or "the cover image") if wanted.cover_b64 else None,
        create=playlist is None,
        public=wanted.public,
        shared=shared_tracks(tracks, lock, labels),
        left_out=tuple(left_out),
    )
    pid = str(playlist["id"]) if playlist else None
    result = SyncResult(
        playlist_id=pid,
        url=_url(playlist, pid),
        created=False,
        applied=False,
        changes=changes,
        added=len(plan.add),
        removed=len(plan.remove),
        moved=len(plan.move),
        gone=now_there.gone,
        notes=notes,
    )
    if options.dry_run:
        return result
    writes_before = getattr(api, "writes", 0)
    if playlist is None:
        if now_there.gone is not None:
            question = f'{now_there.gone} Create a new playlist "{wanted.name}"?'
            if not confirm_recreate(question, changes):
                raise PlaylistGoneError(record.id or "", now_there.gone)
            record.forget()
        elif not confirm(changes):
            return result
        if _make(api, record, save, wanted, now, result, now_there):
            # Adopted after a lost answer: planned again from what that playlist holds.
            plan = replace(plan_sync(now_there.items, desired, prune=options.prune), labels=labels)
            result.changes = replace(changes, items=plan)
    elif not changes.is_empty and not confirm(changes):
        return result
    assert result.playlist_id is not None
    stats = _apply(
        api,
        result.playlist_id,
        record,
        save,
        result.changes,
        wanted,
        desired,
        now_there,
        prune=options.prune,
        progress=progress,
    )
    final = stats.final
    result.added, result.removed, result.moved = len(final.add), len(final.remove), len(final.move)
    result.cover_uploaded = wanted.cover_b64 is not None
    result.applied = True
    result.rereads = stats.rereads
    result.writes = getattr(api, "writes", writes_before) - writes_before or stats.writes
    return result


def _adopt_lost_create(
    api: UserApi, record: PlaylistRecord, wanted: Wanted, save: Callable[[], None], *, dry_run: bool
) -> list[str]:
    """A run that died after asking Spotify to create the playlist: find what it made."""
    if record.id or not record.creating_since:
        return []
    found = find_lost_create(api, wanted.name, wanted.description, record.creating_since)
    if found is None:
        return []
    record.forget()
    record.id = str(found["id"])
    record.creating_since = None
    if not dry_run:
        save()
    return [
        f'Found the playlist "{wanted.name}" an interrupted run created (creating '
        f"since {found['_since']}): using it, not making another."
    ]


def _read_current(api: UserApi, record: PlaylistRecord, labels: dict[str, str]) -> _Current:
    """The recorded playlist and its items: from the record when its snapshot is unchanged
    (one request), else read (``labels`` receives the names Spotify gives)."""
    if not record.id:
        return _Current()
    try:
        playlist = api.get_playlist(record.id)
        snapshot = snapshot_of(playlist)
        if snapshot and snapshot == record.snapshot_id and record.items is not None:
            return _Current(playlist, list(record.items), snapshot, record.owned)
        # Reading the items answers 403 when the playlist is not the user's (nor shared
        # with them): that, like a 404, is PlaylistGoneError.
        items, snapshot = read_playlist(api, record.id, playlist, labels)
        return _Current(playlist, items, snapshot, record.owned)
    except PlaylistGoneError as exc:
        return _Current(gone=str(exc))


def _make(
    api: UserApi,
    record: PlaylistRecord,
    save: Callable[[], None],
    wanted: Wanted,
    now: Callable[[], str],
    result: SyncResult,
    now_there: _Current,
) -> bool:
    """Create the playlist and note it in ``result``. True when Spotify's answer was lost and
    the playlist it made was adopted: its items are then read into ``now_there``."""
    made = _create(api, record, save, wanted.name, wanted.description, wanted.public, now)
    pid = str(made["id"])
    result.playlist_id, result.url, result.created = pid, _url(made, pid), True
    now_there.snapshot = snapshot_of(made)
    if made.get("_since"):
        result.notes.append(
            f'Spotify\'s answer to creating "{wanted.name}" was lost; found '
            "the playlist it made and used it, not making another."
        )
        now_there.items, now_there.snapshot = read_playlist(api, pid)
        return True
    return False


def _apply(
    api: UserApi,
    pid: str,
    record: PlaylistRecord,
    save: Callable[[], None],
    changes: Changes,
    wanted: Wanted,
    desired: list[str],
    now_there: _Current,
    *,
    prune: bool,
    progress: Callable[[int, int], None] | None,
) -> ApplyStats:
    """Send the settings, the cover and the items; record what the playlist now is."""
    plan = changes.items
    if changes.details:
        api.update_details(pid, **{k: new for k, (_, new) in changes.details.items()})
    if wanted.cover_b64 is not None:
        api.upload_cover(pid, wanted.cover_b64)
    # Until the writes are done, claim what they will add too: a run that dies halfway then
    # still knows the tracks it added (and the next run reads the playlist, snapshot unknown).
    pending = Counter(record.owned or {}) | Counter(dict.fromkeys(desired, 1))
    if not plan.is_empty:
        record.record(now_there.items, pending.elements(), None)
        save()
    stats = apply_plan(
        api,
        pid,
        plan,
        desired,
        prune=prune,
        owned=dict(pending),
        snapshot_id=now_there.snapshot,
        progress=progress,
    )
    if (changes.details or wanted.cover_b64 is not None) and plan.is_empty:
        stats.snapshot_id = snapshot_of(api.get_playlist(pid))  # they may change it
    record.record(stats.final.target, desired, stats.snapshot_id)
    if record.tags:
        record.name = wanted.name
    save()
    return stats


def shared_tracks(
    tracks: Iterable[Track], lock: Lock, labels: Mapping[str, str]
) -> tuple[tuple[str, tuple[Track, ...]], ...]:
    """Tracks that two or more selected entries resolve to, labelled, with those entries."""
    return tuple((labels.get(uri, uri), group) for uri, group in state_shared(tracks, lock).items())


def _create(
    api: UserApi,
    record: PlaylistRecord,
    save: Callable[[], None],
    name: str,
    description: str,
    public: bool,
    now: Callable[[], str],
) -> dict[str, Any]:
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
                f'{exc} No playlist "{name}" has appeared among yours yet; the next run '
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


def find_lost_create(
    api: UserApi, name: str, description: str, since: str
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
        if (
            p.get("name") == name
            and owner == me
            and total == 0
            and html.unescape(p.get("description") or "") == (description or "")
        ):
            found.append(p)
    if len(found) > 1:
        links = ", ".join(_url(p, str(p.get("id"))) or "?" for p in found)
        raise PlaylisterError(
            f'A run that started creating the playlist "{name}" at {since} stopped before '
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


def _details_diff(playlist: Mapping[str, Any], wanted: Wanted) -> dict[str, tuple[Any, Any]]:
    name, description, public = wanted.name, wanted.description, wanted.public
    diff: dict[str, tuple[Any, Any]] = {}
    if playlist.get("name") != name:
        diff["name"] = (playlist.get("name"), name)
    old_description = html.unescape(playlist.get("description") or "")
    if old_description != (description or ""):
        diff["description"] = (old_description, description)
    if playlist.get("public") is not None and bool(playlist["public"]) != public:
        diff["public"] = (playlist["public"], public)
    return diff
