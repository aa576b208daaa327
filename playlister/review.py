"""Settling doubtful entries: the choices of ``playlister review`` and ``playlister pin``.

A choice (pin this track, pin it as a stand-in, not on Spotify, this video) is written into
the user's ``tracks.toml`` by :mod:`playlister.tracklist_edit` and recorded in the lockfile in
the same step, so the next ``match`` has nothing to search for the entry. The interactive loop
(:func:`run`) talks through two callables, ``ask`` and ``say``, so the CLI owns the terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from playlister import tracklist as tracklist_mod
from playlister import tracklist_edit, urls
from playlister.errors import PlaylisterError
from playlister.lockfile import Lock, LockEntry, MatchInfo
from playlister.match.batch import Searcher, pinned_entry
from playlister.match.candidate import Candidate
from playlister.match.score import assess
from playlister.match.text import fold
from playlister.state import Status, verdict
from playlister.tracklist import NOT_ON_SPOTIFY, Track, Tracklist

SHOWN = 5  # candidates listed per entry


@dataclass(frozen=True)
class Option:
    """A track offered for an entry, assessed against what the entry asks for."""

    info: MatchInfo
    score: float
    note: str
    answers_wish: bool  # the recording asked for (its version), not a stand-in
    same_song: bool  # the song asked for (maybe another take of it)

    @classmethod
    def of(cls, track: Track, info: MatchInfo) -> Option:
        cand = Candidate(
            uri=info.uri,
            title=info.title,
            artists=info.artists,
            album=info.album,
            year=info.year,
            duration_ms=info.duration_ms,
        )
        fit = assess(track, cand)
        return cls(
            info, fit.score, fit.scored.note, fit.same_song and fit.version_ok, fit.same_song
        )


def options(track: Track, entry: LockEntry | None) -> list[Option]:
    """The tracks matching found for ``track`` (its choice, then the alternatives), best first."""
    if entry is None:
        return []
    seen: dict[str, MatchInfo] = {}
    for info in (entry.match, *entry.alternatives):
        if info is not None:
            seen.setdefault(info.uri, info)
    found = [Option.of(track, info) for info in seen.values()]
    return sorted(found, key=lambda o: -o.score)


def search_options(track: Track, found: Sequence[dict[str, Any]]) -> list[Option]:
    """Options from raw search results (unplayable and local tracks left out), best first."""
    out: dict[str, Option] = {}
    for obj in found:
        if not isinstance(obj, dict) or obj.get("is_local") or obj.get("is_playable") is False:
            continue
        if not (obj.get("uri") or obj.get("id")):
            continue
        c = Candidate.from_api(obj)
        info = MatchInfo(
            uri=c.uri,
            title=c.title,
            artists=c.artists,
            album=c.album,
            year=c.year,
            duration_ms=c.duration_ms,
        )
        out.setdefault(c.uri, Option.of(track, info))
    return sorted(out.values(), key=lambda o: -o.score)


def wish(track: Track) -> str:
    """The recording asked for, as a question names it."""
    what = f"the \u2018{track.version}\u2019 recording" if track.version else "the studio recording"
    return f"{what} of \u201c{track.title}\u201d"


# ------------------------------------------------------------------------ writing a choice


@dataclass
class Settled:
    """What one choice did: the entry after it, the keys written, and a line saying so."""

    track: Track
    changes: dict[str, str | None]
    message: str


def find(tracklist: Tracklist, spec: str) -> Track:
    """Entry ``spec`` of the tracklist: its number (1-based), or its title (any case).

    A title that names several entries, or none, is an error listing what would do.
    """
    spec = spec.strip()
    tracks = tracklist.tracks
    if spec.isdigit():
        n = int(spec)
        if not 1 <= n <= len(tracks):
            raise PlaylisterError(
                f"{tracklist.path}: there is no entry {n}; the list has "
                f"{len(tracks)} (numbered as in `playlister audit`)."
            )
        return tracks[n - 1]
    same = [t for t in tracks if fold(t.title) == fold(spec)]
    if not same:
        same = [t for t in tracks if fold(spec) in fold(t.title)]
    if len(same) == 1:
        return same[0]
    if not same:
        raise PlaylisterError(
            f"{tracklist.path}: no entry is titled {spec!r}; give its number "
            "(see `playlister audit`) or its exact title."
        )
    listed = "; ".join(f"{t.index}. {t.label}" for t in same[:6])
    raise PlaylisterError(
        f"{tracklist.path}: {len(same)} entries fit {spec!r} ({listed}); "
        "give the number of the one you mean."
    )


class Project(Protocol):
    """A loaded tracklist and its lockfile, saved from one place (``app.Project`` is one)."""

    tracklist: Tracklist
    lock: Lock

    def save(self) -> None: ...


class Desk:
    """Writes choices for one project: the tracklist edit and the lockfile, in one step."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @property
    def tracklist(self) -> Tracklist:
        return self.project.tracklist

    def pin(
        self, track: Track, uri: str, *, stand_in: bool | None = None, info: MatchInfo | None = None
    ) -> Settled:
        """Pin ``uri`` for ``track``: as the recording asked for, or (``stand_in``) as a
        track standing in for it, ``version`` kept. None: a stand-in when ``uri`` is a known
        option that is not the recording asked for."""
        parsed = urls.track_uri(uri)
        if parsed is None:
            raise PlaylisterError(
                f"{uri!r} is not a Spotify track link: give spotify:track:<22 letters or "
                "digits> or https://open.spotify.com/track/<ID>."
            )
        known = {o.info.uri: o for o in options(track, self.project.lock.get(track))}
        if info is None and parsed in known:
            info = known[parsed].info
        if stand_in is None:  # another take of the song stands in; anything else is the pick
            option = known.get(parsed)
            stand_in = option is not None and option.same_song and not option.answers_wish
        key, other = ("stand_in", "spotify") if stand_in else ("spotify", "stand_in")
        new = self._write(track, {key: parsed, other: None}, info)
        what = f"a stand-in for {wish(track)}" if stand_in else "the recording asked for"
        shown = f"{info.title} \u2014 {', '.join(info.artists)} " if info else ""
        return Settled(
            new, {key: parsed}, f"{track.index}. {track.label}: pinned {shown}({parsed}) as {what}."
        )

    def not_on_spotify(self, track: Track) -> Settled:
        """Record that Spotify does not have the song: no later run searches for it."""
        new = self._write(track, {"spotify": NOT_ON_SPOTIFY, "stand_in": None}, None)
        return Settled(
            new,
            {"spotify": NOT_ON_SPOTIFY},
            f"{track.index}. {track.label}: marked as not on Spotify.",
        )

    def video(self, track: Track, url: str) -> Settled:
        """Give (or replace) the entry's YouTube video."""
        if urls.video_id(url) is None:
            raise PlaylisterError(
                f"{url!r} is not a YouTube video link (https://www.youtube."
                "com/watch?v=… or https://youtu.be/…)."
            )
        new = self._write(track, {"youtube": url.strip()}, None)
        return Settled(
            new,
            {"youtube": url.strip()},
            f"{track.index}. {track.label}: video set to {url.strip()}.",
        )

    def _write(self, track: Track, changes: dict[str, str | None], info: MatchInfo | None) -> Track:
        """Edit ``track``'s table in the file, reload it, record the entry, save the lock.

        The file is read again first and the entry found there by its artist, title and
        version (the file may have been edited while reviewing: entries added, moved); if it
        is gone, nothing is written.
        """
        path = self.tracklist.path
        current = tracklist_mod.load(path)
        same = [t for t in current.tracks if _identity(t) == _identity(track)]
        if not same:
            raise PlaylisterError(
                f"{path}: {track.label} is no longer in the file (it was edited meanwhile); "
                "nothing was written."
            )
        index = same[0].index
        tracklist_edit.write(path, index, changes)
        reloaded = tracklist_mod.load(path)
        new = reloaded.tracks[index - 1]
        lock = self.project.lock
        if new.settled:
            lock.put(pinned_entry(new, info))
        elif new.key != track.key and (old := lock.get(track)) is not None:
            lock.put(_rekeyed(old, new.key))
        self.project.tracklist = reloaded
        self.project.save()
        return new


def _identity(track: Track) -> tuple[str, str, str]:
    """What the loader allows only once in a list: artist, title and version."""
    return fold(track.artist), fold(track.title), fold(track.version or "")


def _rekeyed(entry: LockEntry, key: str) -> LockEntry:
    return replace(entry, key=key)


# ------------------------------------------------------------------------ the review loop


Ask = Callable[[str], str]
Say = Callable[[str], None]


@dataclass
class Tally:
    """What a review session did."""

    doubtful: int = 0
    pinned: int = 0
    stand_ins: int = 0
    absent: int = 0
    videos: int = 0
    skipped: int = 0
    quit: bool = False
    searches: int = 0
    lines: list[str] = field(default_factory=list)

    def summary(self, tracks_name: str) -> str:
        if not self.doubtful:
            return f"Nothing to review: every entry is a clean match or settled in {tracks_name}."
        settled = self.pinned + self.stand_ins + self.absent
        parts = []
        if self.pinned:
            parts.append(f"{self.pinned} pinned")
        if self.stand_ins:
            parts.append(
                f"{self.stand_ins} pinned as "
                + ("a stand-in" if self.stand_ins == 1 else "stand-ins")
            )
        if self.absent:
            parts.append(f"{self.absent} not on Spotify")
        left = self.doubtful - settled
        text = (
            f"Settled {settled} of {self.doubtful} doubtful "
            f"{'entry' if self.doubtful == 1 else 'entries'}"
            + (f" ({', '.join(parts)})" if parts else "")
        )
        if self.videos:
            text += f"; {self.videos} video{'s' if self.videos != 1 else ''} set"
        text += f"; {left} left" + (" (quit early)" if self.quit else "") + "."
        if settled or self.videos:
            text += f" Written into {tracks_name} and its lockfile."
        return text


KEYS_HELP = (
    "number: pin that track \u00b7 s: skip \u00b7 e: search again \u00b7 u: paste a "
    "Spotify link \u00b7 n: not on Spotify \u00b7 y: YouTube video \u00b7 q: quit"
)


def run(
    desk: Desk, tracks: Sequence[Track], *, ask: Ask, say: Say, catalog: Callable[[], Searcher]
) -> Tally:
    """Walk the doubtful entries of ``tracks`` in list order, writing each choice at once."""
    tally = Tally()
    lock = desk.project.lock
    todo = [t for t in tracks if verdict(t, lock.get(t)).doubtful]
    tally.doubtful = len(todo)
    for n, track in enumerate(todo, start=1):
        if not _one(desk, track, n, len(todo), ask=ask, say=say, catalog=catalog, tally=tally):
            tally.quit = True
            break
    return tally


def _one(
    desk: Desk,
    track: Track,
    n: int,
    total: int,
    *,
    ask: Ask,
    say: Say,
    catalog: Callable[[], Searcher],
    tally: Tally,
) -> bool:
    """Settle one entry; False when the person quits."""
    entry = desk.project.lock.get(track)
    shown = options(track, entry)
    say("")
    for line in entry_lines(track, entry, n, total):
        say(line)
    say_options(shown, say)
    while True:
        answer = ask(_prompt(shown)).strip()
        key = answer.lower()
        try:
            if key in ("q", "quit"):
                return False
            if key in ("s", "skip", ""):
                if key == "":
                    say(KEYS_HELP)
                    continue
                tally.skipped += 1
                return True
            if key.isdigit():
                k = int(key)
                if not 1 <= k <= len(shown):
                    say(
                        f"There is no candidate {k}; choose 1 to {len(shown)}."
                        if shown
                        else "There are no candidates: e searches, u takes a link."
                    )
                    continue
                _pin(
                    desk, track, shown[k - 1].info.uri, shown[k - 1], ask=ask, say=say, tally=tally
                )
                return True
            if key == "e":
                words = ask("Search Spotify for:").strip()
                if not words:
                    continue
                client = catalog()
                before = client.requests
                found = client.search_tracks(words, market=desk.project.lock.market, limit=10)
                tally.searches += client.requests - before
                shown = search_options(track, found)[:SHOWN]
                if not shown:
                    say(f"Nothing found for {words!r}; try other words, or u / n.")
                say_options(shown, say)
                continue
            if key == "u":
                link = ask("Spotify track link or URI:").strip()
                if not link:
                    continue
                uri = urls.track_uri(link)
                if uri is None:
                    say(
                        "That is not a Spotify track link (https://open.spotify.com/track/… or "
                        "spotify:track:…)."
                    )
                    continue
                known = next((o for o in shown if o.info.uri == uri), None)
                _pin(desk, track, uri, known, ask=ask, say=say, tally=tally)
                return True
            if key == "n":
                say(desk.not_on_spotify(track).message)
                tally.absent += 1
                return True
            if key == "y":
                link = ask("YouTube video link:").strip()
                if not link:
                    continue
                done = desk.video(track, link)
                track = done.track
                tally.videos += 1
                say(done.message)
                continue
            say(f"Unknown key {answer!r}. {KEYS_HELP}")
        except PlaylisterError as exc:
            say(str(exc))


def _pin(
    desk: Desk, track: Track, uri: str, option: Option | None, *, ask: Ask, say: Say, tally: Tally
) -> None:
    """Pin ``uri``; when it is not known to be the recording asked for, ask whether it is."""
    if option is not None and option.answers_wish:
        as_wanted = True
    else:
        reply = ask(f"Is this {wish(track)}? [y/N]").strip().lower()
        as_wanted = reply in ("y", "yes")
    done = desk.pin(track, uri, stand_in=not as_wanted, info=option.info if option else None)
    if as_wanted:
        tally.pinned += 1
    else:
        tally.stand_ins += 1
    say(done.message)


def _prompt(shown: Sequence[Option]) -> str:
    numbers = f"1-{len(shown)}" if len(shown) > 1 else ("1" if shown else "")
    keys = "/".join(x for x in (numbers, "s", "e", "u", "n", "y", "q") if x)
    return f"[{keys}]?"


def entry_lines(track: Track, entry: LockEntry | None, n: int, total: int) -> list[str]:
    """What was asked, the verdict and its reason."""
    v = verdict(track, entry)
    out = [f"[{n}/{total}] {track.index}. {_safe(track.title)} \u2014 {_safe(track.artist)}"]
    asked = [x for x in (track.version, track.album, str(track.year) if track.year else None) if x]
    if asked:
        out.append(f"  asked for: {_safe(', '.join(asked))}")
    reason = v.why or (
        entry.reason if entry else "not matched yet: run `playlister match` for candidates"
    )
    out.append(f"  verdict: {v.status.value} \u2014 {_safe(reason)}")
    if v.status is Status.SUBSTITUTE and entry and entry.match:
        out.append(
            f"  standing in now: {_safe(entry.match.title)} ({urls.spotify_track(entry.match.uri)})"
        )
    if track.youtube:
        out.append(f"  video: {track.youtube}")
    return out


def say_options(shown: Sequence[Option], say: Say) -> None:
    """The numbered candidates, each with what differs, its score and its link."""
    for i, o in enumerate(shown[:SHOWN], start=1):
        m = o.info
        facts = ", ".join(
            x for x in (m.album, str(m.year) if m.year else "", _clock(m.duration_ms)) if x
        )
        say(f"  {i}) {_safe(m.title)} \u2014 {_safe(', '.join(m.artists))} ({_safe(facts)})")
        # The matcher's note says what agrees too; only what differs helps a choice.
        parts = [x for x in o.note.split("; ") if x and x != "title and artist agree"]
        differs = _safe("; ".join(parts)) if parts else "nothing"
        what = (
            "the recording asked for"
            if o.answers_wish
            else "another take: would stand in"
            if o.same_song
            else "another song?"
        )
        say(f"     score {o.score:.2f}; {what}; differs: {differs}")
        say(f"     {urls.spotify_track(m.uri)}")


def _clock(ms: int | None) -> str:
    if not ms:
        return ""
    s = round(ms / 1000)
    return f"{s // 60}:{s % 60:02d}"


def _safe(text: str) -> str:
    """Text from Spotify or the file with control characters (terminal escapes) dropped."""
    return "".join(c for c in text if c in "\t" or unicodedata.category(c) != "Cc")
