"""The command layer: one function per command, each returning a result to print.

Each command loads the tracklist and its lockfile once (:class:`Project`), runs the library's
parts on plain data, saves the lockfile through :meth:`Project.save` (the one place a command
writes it), and returns an object with ``lines()`` and, where the command offers ``--json``,
``as_json()``. ``playlister.cli`` only parses options, calls one of these and prints.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from playlister import audit as audit_mod
from playlister import lockfile
from playlister import tracklist as tracklist_mod
from playlister.errors import LockfileError, PlaylisterError
from playlister.files import NotAFileError, atomic_write, check_writable_target
from playlister.lockfile import Lock
from playlister.options import CreateOptions as CreateOptions  # the CLI builds it
from playlister.terminal import counted
from playlister.tracklist import Track, Tracklist

# What only some commands use is imported where it is used, so that `check`, `notes` and
# `audit` start without loading the HTTP client, the article parser or the matcher
# (benchmarks/bench_startup.py).
if TYPE_CHECKING:
    from playlister import importer
    from playlister import review as review_mod
    from playlister import sync as sync_mod
    from playlister.config import Settings
    from playlister.importer import ImportResult
    from playlister.match.batch import MatchRun, Searcher
    from playlister.spotify import UserApi

RUN_LOCK_WAIT = 10.0  # seconds a command waits for another run on the same tracklist


def run_lock_path(lock_file: Path) -> Path:
    """``dir/tracks.lock`` → ``dir/.tracks.lock.run``: the file the run-lock is taken on."""
    return lock_file.with_name(f".{lock_file.name}.run")


# ``progress(total)`` gives a context manager yielding "one more entry is done".
Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]


@contextmanager
def _no_progress(total: int) -> Iterator[Callable[[], None]]:
    yield lambda: None


@dataclass
class Project:
    """A tracklist and its lockfile, loaded once per command."""

    tracklist: Tracklist
    lock: Lock

    @classmethod
    def open(cls, path: str | Path) -> Project:
        """Load for reading (audit, notes): no run-lock is taken."""
        tracklist = tracklist_mod.load(path)
        return cls(tracklist, lockfile.load(lockfile.lock_path(tracklist.path)))

    @classmethod
    @contextmanager
    def writing(cls, path: str | Path, *, wait: float | None = None) -> Iterator[Project]:
        """Load for a command that writes the lockfile (match, create), holding the run-lock.

        The lock is an exclusive OS file lock (``filelock``) on a file beside the lockfile,
        taken *before* the lockfile is read, so a second run sees what the first recorded (its
        playlist) instead of making its own. It waits ``wait`` seconds (default
        ``RUN_LOCK_WAIT``), then says another run holds it. The OS drops the lock if the
        process dies, so a killed run never leaves the project locked.
        """
        from filelock import FileLock, Timeout

        tracklist = tracklist_mod.load(path)
        lock_file = lockfile.lock_path(tracklist.path)
        _check_writable(lock_file)  # before any search; and the lock would only time out
        run_lock = FileLock(run_lock_path(lock_file))
        wait = RUN_LOCK_WAIT if wait is None else wait
        try:
            run_lock.acquire(timeout=wait)
        except Timeout:
            raise LockfileError(
                f"{tracklist.path}: another playlister run is working on this tracklist (it "
                f"holds {run_lock.lock_file}); waited {wait:g} s. Let it finish, then run "
                "this again."
            ) from None
        except OSError as exc:
            raise LockfileError(
                f"{run_lock.lock_file}: cannot take the run-lock: {exc.strerror}. Run "
                "playlister where you can write, or fix the permissions."
            ) from exc
        try:
            yield cls(tracklist, lockfile.load(lock_file))
        finally:
            run_lock.release()

    def select(self, tags: Sequence[str]) -> list[Track]:
        return self.tracklist.select(tuple(tags))

    def save(self) -> None:
        """Write the lockfile: the one place a command saves it.

        A failed write is one line; the old lockfile stays as it was (writes are atomic).
        """
        try:
            lockfile.save(self.lock, self.tracklist.tracks)
        except OSError as exc:
            raise LockfileError(
                f"{self.lock.path}: cannot write the lockfile: {exc.strerror or exc}. The "
                "lockfile was left as it was; free some space or fix the permissions, then run "
                "the command again."
            ) from None

    def ensure_matched(
        self,
        tracks: Sequence[Track],
        catalog_factory: Callable[[], Searcher],
        *,
        market: str | None = None,
        refresh: bool = False,
        progress: Progress = _no_progress,
    ) -> MatchRun:
        """Match what ``tracks`` still lack (everything with ``refresh``), saving as it goes.

        A market other than the one recorded searches everything again: availability differs
        by country. (Whether the lockfile can be written was checked when the project was
        opened for writing, before any search.)
        """
        from playlister.match.batch import match_entries, needs_search

        if market and self.lock.market and market.upper() != self.lock.market.upper():
            refresh = True
        if market:
            self.lock.market = market.upper()
        todo = [t for t in tracks if needs_search(t, self.lock, refresh=refresh)]
        # Made before the bar starts, so a credentials error comes first and alone.
        catalog = catalog_factory() if todo else None
        with progress(len(tracks)) as step:
            return match_entries(
                tracks,
                self.lock,
                lambda: catalog if catalog is not None else catalog_factory(),
                save=self.save,
                refresh=refresh,
                progress=lambda _t, _e: step(),
                source=self.tracklist.path,
            )


def _check_writable(path: Path) -> None:
    """Fail before any search if ``path`` can't be written (tried for real: root, ACLs and
    read-only mounts all fool ``os.access``)."""
    directory = path.parent
    problem = None
    if path.is_dir():
        problem = "it is a directory"
    else:
        try:
            fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=directory)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            problem = f"the directory {directory} is not writable ({exc.strerror or exc})"
    if problem:
        raise LockfileError(
            f"{path}: cannot write the lockfile: {problem}. Nothing was searched; run "
            "playlister where you can write, or fix the permissions."
        )


# --------------------------------------------------------------------------------- check


@dataclass
class CheckResult:
    summary: str

    def lines(self) -> list[str]:
        return [self.summary]


def check(path: str | Path, *, tags: Sequence[str] = ()) -> CheckResult:
    """Validate the tracklist (and that ``tags`` select something); one summary line."""
    tracklist = tracklist_mod.load(path)
    tracklist.select(tuple(tags))
    return CheckResult(tracklist_mod.summary(tracklist))


# --------------------------------------------------------------------------------- notes


@dataclass
class NotesResult:
    text: str
    output: Path | None
    fmt: str

    def lines(self) -> list[str]:
        """What goes to standard error: where the notes were written, if to a file."""
        return [f"Wrote the liner notes ({self.fmt}) to {self.output}."] if self.output else []


NOTES_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


def notes_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one ``output``'s extension names, else text.

    A format contradicting the extension (``--format text -o notes.html``) is refused.
    """
    implied = NOTES_SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and implied is not None and fmt != implied:
        raise PlaylisterError(
            f"{output}: --format {fmt} but the name says {implied}. Drop --format (the "
            f"extension decides) or name the file for {fmt}."
        )
    return fmt or implied or "text"


def notes(
    path: str | Path,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    tags: Sequence[str] = (),
    width: int = 80,
) -> NotesResult:
    """Render the liner notes; write them to ``output`` when given.

    ``fmt`` None: from ``output``'s extension (``notes.html`` is HTML), else text.
    """
    from playlister import notes as notes_mod

    fmt = notes_format(fmt, output)
    project = Project.open(path)
    if output is not None:
        _check_notes_output(output, project)
    text = notes_mod.render_notes(project.tracklist, project.lock, fmt=fmt, tags=tags, width=width)
    if output is not None:
        try:
            atomic_write(output, text)
        except OSError as exc:
            raise PlaylisterError(
                f"{output}: cannot write the notes: {exc.strerror or exc}."
            ) from None
    return NotesResult(text, output, fmt)


def _check_notes_output(output: Path, project: Project) -> None:
    """Refuse to write the notes over the tracklist or the lockfile, or into no folder."""
    for kind, own in (("tracklist", project.tracklist.path), ("lockfile", project.lock.path)):
        if _same_file(output, own):
            raise PlaylisterError(
                f"{output}: that is the {kind}; the notes would overwrite it. Choose another "
                "file name, e.g. notes.html."
            )
    folder = output.parent
    if not folder.is_dir():
        raise PlaylisterError(
            f"{output}: cannot write the notes: the folder {folder} does not exist."
        )
    if output.is_dir():
        raise PlaylisterError(f"{output}: cannot write the notes: that is a folder.")
    try:
        check_writable_target(output)
    except NotAFileError as exc:
        raise PlaylisterError(
            f"{output}: cannot write the notes: {exc.strerror}. Give a new file name or a "
            "regular file's."
        ) from None


def _same_file(a: Path, b: Path) -> bool:
    """The same path (even if not written yet), or two names of one file (a link)."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and a.samefile(b)
    except (OSError, RuntimeError):
        return a.absolute() == b.absolute()


# --------------------------------------------------------------------------------- match


@dataclass
class MatchResultView:
    """``playlister match``: the table of every selected entry, and what the run cost."""

    rows: list[audit_mod.Row]
    run: MatchRun
    lock_name: str
    pin_args: str = ""  # ``-f FILE`` for the pin lines, as the audit has them

    def lines(self, width: int = 100) -> list[str]:
        return [
            audit_mod.table(self.rows, width=width),
            *audit_mod.shared_lines(self.rows),
            f"{audit_mod.Audit(tuple(self.rows)).summary()} ({self._cost()}; "
            f"{self.run.reused} from {self.lock_name})",
        ]

    def _cost(self) -> str:
        pins = self.run.pins_checked
        searches = counted(self.run.requests - pins, "search request")
        return f"{searches}, {counted(pins, 'pin lookup')}" if pins else searches

    def exit_code(self, *, strict: bool = False) -> int:
        """0, or with ``strict`` 1 unless every entry is a clean match (as ``audit --strict``)."""
        return audit_mod.Audit(tuple(self.rows), strict=True).exit_code if strict else 0

    def as_json(self) -> dict[str, Any]:
        """``match --json``: the entries as ``audit --json`` has them, counts, what it cost."""
        doc = audit_mod.to_json(self.rows, self.pin_args)
        doc.update(
            summary=audit_mod.counts_json(self.rows),
            search_requests=self.run.requests,
            reused=self.run.reused,
        )
        return doc


def match(
    path: str | Path,
    settings: Settings,
    *,
    market: str | None = None,
    refresh: bool = False,
    tags: Sequence[str] = (),
    progress: Progress = _no_progress,
    catalog_factory: Callable[[], Searcher] | None = None,
) -> MatchResultView:
    """Match every selected entry against the catalog and record it in the lockfile."""
    from playlister.spotify import Catalog

    with Project.writing(path) as project:
        tracks = project.select(tags)
        run = project.ensure_matched(
            tracks,
            catalog_factory or (lambda: Catalog(settings)),
            market=market,
            refresh=refresh,
            progress=progress,
        )
    return MatchResultView(
        audit_mod.rows(tracks, project.lock),
        run,
        project.lock.path.name,
        _pin_args(project.tracklist.path),
    )


# --------------------------------------------------------------------------------- audit


@dataclass
class AuditResult:
    audit: audit_mod.Audit

    @property
    def exit_code(self) -> int:
        return self.audit.exit_code

    def lines(self, width: int = 100) -> list[str]:
        return [audit_mod.audit_text(self.audit, width=width)]

    def as_json(self) -> dict[str, Any]:
        return self.audit.as_json()


def audit(path: str | Path, *, tags: Sequence[str] = (), strict: bool = False) -> AuditResult:
    """Audit the lockfile offline. Nothing matched yet for the selection is an error."""
    project = Project.open(path)
    rows = audit_mod.rows(project.select(tags), project.lock)
    if not any(r.entry for r in rows):
        raise LockfileError(
            f"Nothing has been matched yet for {project.tracklist.path} (no entries in "
            f"{project.lock.path}). Run `playlister match` first."
        )
    return AuditResult(
        audit_mod.Audit(rows=tuple(rows), strict=strict, pin_args=_pin_args(project.tracklist.path))
    )


def _pin_args(tracks: Path) -> str:
    """``-f FILE`` for a `playlister pin` line, unless the tracklist is ./tracks.toml."""
    if _same_file(tracks, Path("tracks.toml")):
        return ""
    return f"-f {shlex.quote(str(tracks))}"


# --------------------------------------------------------------------------------- create


@dataclass
class CreateResult:
    """``playlister create``: what was planned, done and left out."""

    name: str
    sync: sync_mod.SyncResult
    dry_run: bool
    messages: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Everything after the plan, as a person reads it (the URL last)."""
        r = self.sync
        changes = r.changes
        out = [*self.messages, *r.notes]
        if self.dry_run:
            if r.gone:
                out.append(
                    f"{r.gone} Without --dry-run, playlister asks whether to create a "
                    "new one; the plan below is for that new playlist."
                )
            out += changes.lines()
            out.append("Dry run: nothing was sent to Spotify.")
        elif changes.is_empty:
            out.append("The playlist is already in step with the tracklist.")
            out += changes.warnings()
        elif r.applied:
            out.append(r.done())
        else:
            out.append("Nothing was changed.")
        if r.missing:
            out.append(f"Not on Spotify ({len(r.missing)}):")
            out += [f"  {t.title} — {t.artist}: {url}" for t, url in r.missing]
        if r.review:
            out.append(
                f"Left out, waiting for review or a match ({len(r.review)}): "
                + "; ".join(t.title for t in r.review)
                + " (see `playlister audit`)"
            )
        return out

    @property
    def url(self) -> str | None:
        return self.sync.url

    def as_json(self) -> dict[str, Any]:
        return {**self.sync.as_json(), "name": self.name, "dry_run": self.dry_run}


def create(
    path: str | Path,
    settings: Settings,
    options: CreateOptions,
    *,
    confirm: Callable[[list[str], str], bool],
    confirm_recreate: Callable[[str], bool],
    progress: Progress = _no_progress,
    catalog_factory: Callable[[], Searcher] | None = None,
    user_api: UserApi | None = None,
) -> CreateResult:
    """Match what is not matched yet (pins looked up), then create the playlist or bring it
    in step.

    ``confirm(plan lines, question)`` is asked before any write, with every change in the
    lines (items, settings, cover, a new playlist); when the recorded playlist is gone,
    ``confirm_recreate(message and plan lines)`` is the one question asked instead. The
    login, name, description and cover are checked before any search or request. A ``--tag``
    selection has its own playlist, recorded apart from the whole list's, so a subset never
    takes songs out of the whole list's playlist. The whole run holds the run-lock
    (:meth:`Project.writing`), so two runs at once never make two playlists.
    """
    from playlister import sync as sync_mod
    from playlister.match.batch import needs_search
    from playlister.spotify import Catalog, UserApi

    with Project.writing(path) as project:
        tracks = project.select(options.tags)
        record = project.lock.record_for(options.tags)
        wanted = _wanted(project.tracklist.playlist, record, options)
        api = user_api or UserApi(settings)
        if not options.dry_run or record.id or record.creating_since:
            api.require_login()  # before any search: no login means nothing can be sent
        if options.market or any(needs_search(t, project.lock) for t in tracks):
            project.ensure_matched(
                tracks,
                catalog_factory or (lambda: Catalog(settings)),
                market=options.market,
                progress=progress,
            )

        def ask(changes: sync_mod.Changes) -> bool:
            empty = changes.create and not changes.items.target
            return confirm(changes.lines(), "Create an empty playlist?" if empty else "Apply?")

        result = sync_mod.create_or_sync(
            tracks,
            project.lock,
            api,
            wanted,
            save=project.save,
            record=record,
            options=options,
            confirm=ask,
            confirm_recreate=lambda message, changes: confirm_recreate(
                "\n".join([*changes.lines(), message])
            ),
        )
    return CreateResult(wanted.name, result, options.dry_run)


def _wanted(
    info: tracklist_mod.PlaylistInfo, record: lockfile.PlaylistRecord, options: CreateOptions
) -> sync_mod.Wanted:
    """The playlist's settings from the tracklist and the options, checked before any
    request: a subset's name is ``--name``, else the one it was made with, else the list's
    name with its tags; the cover is read and checked against Spotify's limit."""
    from playlister import sync as sync_mod
    from playlister.spotify import encode_cover

    if options.tags:
        name = options.name or record.name or f"{info.name} ({', '.join(options.tags)})"
    else:
        name = options.name or info.name
    if problem := tracklist_mod.spotify_text_problem("name", name):
        raise PlaylisterError(f"--name {problem}." if options.name else f"The playlist {problem}.")
    cover_b64 = cover_label = None
    if options.cover is not None:
        try:
            data = options.cover.read_bytes()
        except OSError as exc:
            raise PlaylisterError(
                f"{options.cover}: cannot read the cover image: {exc.strerror}"
            ) from exc
        cover_b64 = encode_cover(data, str(options.cover))
        cover_label = f"{options.cover.name}, {max(1, round(len(data) / 1024))} KB"
    public = info.public if options.public is None else options.public
    return sync_mod.Wanted(name, info.description, public, cover_b64, cover_label)


# --------------------------------------------------------------------------------- pin


@dataclass
class PinResult:
    """``playlister pin``: what was written into the tracklist."""

    settled: review_mod.Settled
    tracks_name: str

    def lines(self) -> list[str]:
        keys = ", ".join(f'{k} = "{v}"' for k, v in self.settled.changes.items())
        return [
            self.settled.message,
            f"Wrote {keys} into {self.tracks_name} (entry {self.settled.track.index}); "
            "the lockfile is updated, so `playlister match` will not search for it.",
        ]


def pin(
    path: str | Path,
    entry: str,
    uri: str | None,
    *,
    none: bool = False,
    stand_in: bool | None = None,
) -> PinResult:
    """Settle one entry without a terminal: pin ``uri`` (as the recording asked for, or as a
    stand-in), or mark it not on Spotify (``none``). ``entry``: its number or its title."""
    from playlister import review as review_mod

    if none == (uri is not None):
        raise PlaylisterError("give either a Spotify track link or --none (not on Spotify).")
    with Project.writing(path) as project:
        desk = review_mod.Desk(project)
        track = review_mod.find(project.tracklist, entry)
        if none:
            done = desk.not_on_spotify(track)
        else:
            assert uri is not None
            done = desk.pin(track, uri, stand_in=stand_in)
    return PinResult(done, project.tracklist.path.name)


# --------------------------------------------------------------------------------- review


@dataclass
class ReviewResult:
    """``playlister review``: what the session settled."""

    tally: review_mod.Tally
    tracks_name: str

    def lines(self) -> list[str]:
        return [self.tally.summary(self.tracks_name)]


def review(
    path: str | Path,
    settings: Settings,
    *,
    ask: review_mod.Ask,
    say: review_mod.Say,
    tags: Sequence[str] = (),
    terminal: bool = True,
    progress: Progress = _no_progress,
    catalog_factory: Callable[[], Searcher] | None = None,
) -> ReviewResult:
    """Walk every doubtful entry, writing each choice into the tracklist and the lockfile at
    once (so quitting, or Ctrl-C, keeps everything chosen so far). Entries not matched yet are
    matched first, as `match` would. Without a ``terminal`` to ask in, it refuses and says
    what scripts use instead."""
    from playlister import review as review_mod
    from playlister.spotify import Catalog

    if not terminal:
        raise PlaylisterError(
            "playlister review asks you about each doubtful entry, so it needs a terminal. In "
            "a script, list them with `playlister audit --json` and settle each with "
            "`playlister pin N URI` (or `playlister pin N --none`)."
        )
    with Project.writing(path) as project:
        tracks = project.select(tags)
        catalog: list[Searcher] = []

        def search_client() -> Searcher:
            if not catalog:
                catalog.append((catalog_factory or (lambda: Catalog(settings)))())
            return catalog[0]

        run = project.ensure_matched(tracks, search_client, progress=progress)
        if run.searched:
            n = run.searched
            say(
                f"Matched {n} {'entry' if n == 1 else 'entries'} not matched before "
                f"({run.requests} search requests; saved in {project.lock.path.name})."
            )
        tally = review_mod.run(
            review_mod.Desk(project), tracks, ask=ask, say=say, catalog=search_client
        )
    return ReviewResult(tally, project.tracklist.path.name)


# --------------------------------------------------------------------------------- import


@dataclass
class ImportCommandResult:
    """``playlister import``: the draft, and where it went."""

    result: ImportResult
    output: Path | None
    seeded: int = 0  # lockfile entries recorded from what the catalog confirmed
    seed_note: str | None = None  # why the lockfile was not seeded, when it could not be

    @property
    def text(self) -> str | None:
        """The draft for standard output, when it was not written to a file."""
        return None if self.output else self.result.toml

    def lines(self, verbose: bool = False) -> list[str]:
        """What goes to standard error: counts, what was left out, where it was written."""
        out = self.result.lines(verbose)
        if self.output is not None:
            verb = "Added to" if self.result.existing is not None else "Wrote the draft to"
            out.append(f"{verb} {self.output}; then `playlister check {self.output}`.")
        if self.seeded and self.output is not None:
            lock = lockfile.lock_path(self.output).name
            out.append(
                f"Recorded {self.seeded} match{'' if self.seeded == 1 else 'es'} in "
                f"{lock}: `playlister match` will not search for them again."
            )
        if self.seed_note:
            out.append(self.seed_note)
        return out

    def as_json(self) -> dict[str, Any]:
        return self.result.as_json()


def import_(
    source: str,
    settings: Settings,
    *,
    output: Path | None = None,
    append: bool = False,
    stdin: IO[str] | None = None,
    user_api: UserApi | None = None,
    offline: bool = False,
    catalog_factory: Callable[[], Searcher] | None = None,
) -> ImportCommandResult:
    """Draft a tracklist from an article, an Exportify CSV or one of the user's playlists.

    With ``append``, songs go at the end of ``output`` (default ``tracks.toml``), skipping
    those it already has; without, ``output`` must not exist yet (nothing is overwritten).
    With Spotify credentials (and not ``offline``) an article's candidates are kept only when
    the catalog confirms them, and with ``output`` the lockfile beside it records the matches.
    """
    from playlister import importer
    from playlister.errors import AuthError, SpotifyError
    from playlister.importer.seed import seed as seed_lock
    from playlister.spotify import UserApi

    if append and output is None:
        output = Path("tracks.toml")
    if output is not None:
        if output.suffix == ".lock":
            raise PlaylisterError(f"{output}: that is a lockfile; write the draft to a .toml file.")
        if output.exists() and not append:
            raise PlaylisterError(
                f"{output} already exists: pass --append to add the songs to it, or choose "
                "another file with -o."
            )
        if not output.parent.is_dir():
            raise PlaylisterError(f"{output}: the folder {output.parent} does not exist.")
    existing = output if append and output is not None and output.exists() else None
    playlist_id = importer.playlist_id_from_url(source)
    if playlist_id:
        api = user_api or UserApi(settings)
        found = api.playlist_tracks(playlist_id)
        if not found.tracks and found.owner and found.owner != api.current_user().get("id"):
            raise PlaylisterError(
                f"{source}: this playlist belongs to {found.owner}, and since 2026 Spotify "
                "gives an app in development mode no items of another user's playlist. Import "
                "a playlist of your own, or export this one with Exportify and import the CSV."
            )
        result = importer.from_spotify_items(
            found.tracks, found.name, source=source, existing=existing
        )
    else:
        search, why = _import_search(settings, offline, catalog_factory)
        try:
            result = importer.import_source(
                source, existing=existing, stdin=stdin, search=search, offline=why
            )
        except (SpotifyError, AuthError) as exc:
            said = str(exc).replace(" Work done so far has been kept.", "")
            raise PlaylisterError(
                f"{said} Nothing was written; `playlister import --offline` drafts from the "
                "rules alone, without the catalog."
            ) from exc
    if output is not None:
        try:
            atomic_write(output, result.toml)
        except OSError as exc:
            raise PlaylisterError(f"{output}: cannot write the draft: {exc.strerror}.") from exc
    done = ImportCommandResult(result, output)
    if output is not None and any(s.found for s in result.songs):
        try:
            with Project.writing(output) as project:
                done.seeded = len(seed_lock(project.lock, project.tracklist.tracks, result.songs))
                if done.seeded:
                    project.save()
        except PlaylisterError as exc:  # the draft is written; matching will search instead
            done.seed_note = f"The lockfile was not seeded: {exc}"
    return done


def _import_search(
    settings: Settings, offline: bool, catalog_factory: Callable[[], Searcher] | None
) -> tuple[importer.Search | None, str | None]:
    """The catalog search confirming an import's candidates, or None and why there is none."""
    from playlister.spotify import Catalog

    if offline:
        return None, "--offline was given"
    if catalog_factory is None:
        if not ((settings.client_id and settings.client_secret) or settings.access_token):
            return None, "no Spotify credentials (SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET)"
        catalog_factory = lambda: Catalog(settings)  # noqa: E731
    catalog = catalog_factory()
    return (lambda query: catalog.search_tracks(query, limit=10)), None


# --------------------------------------------------------------------------------- init


def init(path: str | Path) -> Message:
    """Write a commented starter tracklist at ``path``; never over an existing file."""
    from playlister.starter import STARTER

    path = Path(path)
    if path.exists() or path.is_symlink():
        raise PlaylisterError(
            f"{path} already exists; nothing was written. Edit it, or give "
            "another name: playlister init lists/new.toml"
        )
    if not path.parent.is_dir():
        raise PlaylisterError(f"{path}: the folder {path.parent} does not exist.")
    try:
        atomic_write(path, STARTER)
    except OSError as exc:
        raise PlaylisterError(f"{path}: cannot write it: {exc.strerror or exc}.") from None
    return Message(
        f"Wrote a starter tracklist to {path}: put your songs in it, then "
        f"`playlister check{'' if path == Path('tracks.toml') else ' ' + str(path)}`."
    )


# --------------------------------------------------------------------------------- login


@dataclass
class Message:
    text: str

    def lines(self) -> list[str]:
        return [self.text]


def login(
    settings: Settings,
    *,
    open_browser: bool = True,
    timeout: float = 120,
    read_redirect: Callable[[str], str] | None = None,
) -> Message:
    """Log in to Spotify and say as whom."""
    from dataclasses import replace

    from playlister.auth import login as auth_login
    from playlister.spotify import UserApi

    token = auth_login(
        settings, open_browser=open_browser, timeout=timeout, read_redirect=read_redirect
    )
    user = UserApi(replace(settings, access_token=token)).current_user()
    name = user.get("display_name") or user.get("id", "?")
    return Message(f"Logged in to Spotify as {name}.")


def logout(settings: Settings) -> Message:
    """Forget the cached login."""
    from playlister.auth import logout as auth_logout

    if auth_logout(settings):
        return Message("Logged out: the cached Spotify login was removed.")
    return Message("Not logged in: there was no cached Spotify login.")
