"""The audit: every entry's verdict as a table, a JSON document, and a report with an exit code.

Like black's ``Report``, the audit only counts; the exit code is derived from the counts, so
the CLI never decides success on its own. Every status shown here comes from ``state.verdict``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from playlister import urls
from playlister.lockfile import Lock, LockEntry
from playlister.state import STATUS_ORDER, Status, Verdict, shared_tracks, verdict
from playlister.terminal import counted, one_line
from playlister.tracklist import Track

NOT_YET = "not matched yet: run `playlister match`"
STAND_IN = "stand-in: "  # marks a substitute's track in the match table


@dataclass(frozen=True)
class Row:
    """One selected entry, what the lockfile says of it (None: not matched yet), its verdict."""

    number: int
    track: Track
    entry: LockEntry | None
    verdict: Verdict
    shares: tuple[int, ...] = ()  # numbers of the other rows resolved to the same track

    @property
    def status(self) -> Status:
        return self.verdict.status

    @property
    def fallback(self) -> str | None:
        """Where to listen instead: for missing entries and substitutes only."""
        return self.verdict.fallback

    @property
    def reason(self) -> str:
        if self.entry is None:
            settled = self.verdict.settled
            return f"settled in the tracklist ({settled})" if settled else NOT_YET
        return self.verdict.why or self.entry.reason

    def as_dict(self) -> dict[str, Any]:
        """The entry as it appears in ``--json`` output."""
        e = self.entry
        return {
            "number": self.number,
            "title": self.track.title,
            "artist": self.track.artist,
            "version": self.track.version,
            "tags": list(self.track.tags),
            "status": self.status.value,
            "uri": e.uri if e else None,
            "url": self.verdict.spotify_url,
            "score": e.score if e else None,
            "reason": self.reason,
            "fallback": self.fallback,
            "youtube": self.verdict.video,  # the tracklist's own field, as `import` names it
            "video": self.verdict.video,  # the same; the name before schema 1's `youtube`
            "match": e.match.as_dict() if e and e.match else None,
            "alternatives": [
                {"uri": a.uri, "url": a.url, "score": a.score, "note": a.note, **a.as_dict()}
                for a in (e.alternatives if e else ())
            ],
            "checked": e.checked if e else None,
            "shares_track_with": list(self.shares),
        }


def rows(tracks: Sequence[Track], lock: Lock) -> list[Row]:
    """Every selected entry, numbered in tracklist order, with its lock entry and verdict."""
    number = {t.key: i for i, t in enumerate(tracks, start=1)}
    shared = {
        t.key: tuple(number[o.key] for o in group if o is not t)
        for group in shared_tracks(tracks, lock).values()
        for t in group
    }
    out = []
    for i, t in enumerate(tracks, start=1):
        entry = lock.get(t)
        out.append(Row(i, t, entry, verdict(t, entry), shared.get(t.key, ())))
    return out


def shared_lines(rows: Sequence[Row]) -> list[str]:
    """One line per track that two or more entries resolve to (``match`` prints them)."""
    by_number = {r.number: r for r in rows}
    out = []
    for r in rows:
        if r.shares and r.number < min(r.shares):
            names = " and ".join(f"#{n} {by_number[n].track.title}" for n in (r.number, *r.shares))
            out.append(
                f"! {names} resolve to one Spotify track; the playlist holds it once "
                "(pin another recording for one of them, or remove one)"
            )
    return out


def to_json(rows: Sequence[Row], pin_args: str = "") -> dict[str, Any]:
    """The document ``--json`` prints: ``{"tracks": [...]}`` in tracklist order, each entry
    with ``settle``, the command that settles it (None: nothing left to do)."""
    tracks = []
    for row in rows:
        action = settle_action(row, pin_args)
        tracks.append({**row.as_dict(), "settle": action[0] if action else None})
    return {"tracks": tracks}


@dataclass(frozen=True)
class Audit:
    """Counts of a lockfile's entries and the exit code they imply."""

    rows: tuple[Row, ...]
    strict: bool = False
    pin_args: str = ""  # what `playlister pin` needs to find the tracklist ("-f FILE"), if any

    @property
    def counts(self) -> Counter[Status]:
        return Counter(r.status for r in self.rows)

    def is_problem(self, row: Row) -> bool:
        if self.strict:
            return row.status is not Status.MATCHED or bool(row.shares)
        return row.status.needs_person

    @property
    def flagged(self) -> list[Row]:
        """Every entry that is not a clean match or shares its track, in tracklist order."""
        return [r for r in self.rows if r.status is not Status.MATCHED or r.shares]

    @property
    def exit_code(self) -> int:
        """0 when every entry is matched or has a fallback; 1 when any needs a person."""
        return 1 if any(self.is_problem(r) for r in self.rows) else 0

    @property
    def play_all_url(self) -> str | None:
        """One YouTube link playing every fallback video with a known ID, in order."""
        ids = []
        for r in self.rows:
            if r.fallback and r.track.youtube:
                vid = urls.video_id(r.track.youtube)
                if vid:
                    ids.append(vid)
        return urls.watch_videos(ids)

    def summary(self) -> str:
        return summary(self.rows) + (": needs attention" if self.exit_code else ": ok")

    def as_json(self) -> dict[str, Any]:
        """``audit --json``: the entries (each with the command that settles it, if any),
        counts by status, the play-all link, the exit code."""
        doc = to_json(self.rows, self.pin_args)
        doc.update(
            summary=counts_json(self.rows), play_all=self.play_all_url, exit_code=self.exit_code
        )
        return doc


def counts_json(rows: Sequence[Row]) -> dict[str, int]:
    """Entries by status for ``--json``: every status, in a fixed order, zeros included."""
    c = Counter(r.status for r in rows)
    return {s.value: c[s] for s in STATUS_ORDER}


def summary(rows: Sequence[Row]) -> str:
    """``13 songs, 10 matched, 2 substitute, 1 missing``: counts in a fixed order."""
    c = Counter(r.status for r in rows)
    parts = [counted(len(rows), "song"), f"{c[Status.MATCHED]} matched"]
    for status in STATUS_ORDER[1:]:
        if c[status]:
            parts.append(f"{c[status]} {status.value}")
    sharing = sum(1 for r in rows if r.shares)
    if sharing:
        parts.append(f"{sharing} sharing one track")
    return ", ".join(parts)


def settle_action(row: Row, pin_args: str = "") -> tuple[str, str] | None:
    """(the one command that settles a doubtful entry, what it does), or None when nothing is
    left to do. The entry's number is its place in the whole tracklist, as ``pin`` counts."""
    if row.verdict.settled is not None or row.status is Status.MATCHED:
        return None
    if row.status is Status.UNMATCHED:
        return "playlister match", "finds it on Spotify"
    n = row.track.index
    extra = f" {pin_args}" if pin_args else ""
    e = row.entry
    uri = e.uri if e and e.match else None
    if row.status is Status.SUBSTITUTE and uri:
        return (
            f"playlister pin {n} {uri} --stand-in{extra}",
            "keeps this stand-in; or choose another in `playlister review`",
        )
    if row.status is Status.REVIEW and uri:
        return (
            f"playlister pin {n} {uri}{extra}",
            "if it is the one; else choose in `playlister review`",
        )
    if row.status is Status.MISSING:
        return (
            f"playlister pin {n} --none{extra}",
            "records it is not on Spotify; or pin a link in `playlister review`",
        )
    return "playlister review", "choose among the candidates"


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: max(0, n - 1)] + "…"


def table(rows: Sequence[Row], *, width: int = 100) -> str:
    """The match table: number, title, artist, status, and what was matched with its score.

    A substitute's track is marked "stand-in: " so it cannot be mistaken for a match.
    """
    heads = ("#", "Title", "Artist", "Status", "Matched", "Artists", "Album", "Year", "Score")
    body = []
    for r in rows:
        m = r.entry.match if r.entry else None
        shown = m.title if m else "—"
        if m and r.status is Status.SUBSTITUTE:
            shown = f"{STAND_IN}{shown}"  # not the recording wanted: never read as a match
        body.append(
            tuple(
                one_line(cell)
                for cell in (
                    str(r.number),
                    r.track.title,
                    r.track.artist,
                    r.status.value,
                    shown,
                    ", ".join(m.artists) if m else "—",
                    m.album if m and m.album else "—",
                    str(m.year) if m and m.year else "—",
                    f"{r.entry.score:.2f}" if r.entry else "—",
                )
            )
        )
    widths = [
        max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(heads)
    ]
    # Shrink the free-text columns, widest first, until the table fits.
    flexible = [1, 2, 4, 5, 6]
    while sum(widths) + 2 * (len(widths) - 1) > width:
        i = max(flexible, key=lambda j: widths[j])
        if widths[i] <= 8:
            break
        widths[i] -= 1
    lines = ["  ".join(_cut(h, w).ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    for b in body:
        lines.append(
            "  ".join(_cut(c, w).ljust(w) for c, w in zip(b, widths, strict=True)).rstrip()
        )
    return "\n".join(lines)


def audit_text(result: Audit, *, width: int = 100) -> str:
    """The audit as a person reads it: each flagged entry, then the play-all link and counts."""
    out: list[str] = []
    flagged = result.flagged
    if not flagged:
        out.append("Every entry is a clean match.")
    for r in flagged:
        e = r.entry
        mark = "!" if result.is_problem(r) else "-"
        score = f" (score {e.score:.2f})" if e else ""
        out.append(
            f"{mark} {r.number}. {r.track.title} — {r.track.artist}: {r.status.value}{score}"
        )
        if r.status is Status.SUBSTITUTE:
            # What stands in, and the recording wanted with where to hear it.
            wish = r.track.version or "the studio recording"
            out.append(f"    wanted: {wish} — {r.verdict.fallback or r.verdict.search_url}")
        elif r.track.version:
            out.append(f"    wanted: {r.track.version}")
        out.append(f"    reason: {r.reason}")
        if r.shares:
            others = ", ".join(f"#{n}" for n in r.shares)
            out.append(
                f"    shares its Spotify track with {others}: the playlist holds it "
                "once; pin another recording for one of them, or remove one"
            )
        if e and e.match and r.status is not Status.MISSING:
            m = e.match
            year = f", {m.year}" if m.year else ""
            label = "stands in" if r.status is Status.SUBSTITUTE else "chosen"
            out.append(f"    {label}: {m.title} — {', '.join(m.artists)} ({m.album}{year}) {m.url}")
        for a in (e.alternatives if e else ())[:3]:
            note = f"; {a.note}" if a.note else ""
            score_a = f"{a.score:.2f}" if a.score is not None else "?"
            out.append(
                _cut(
                    f"    closest: {a.title} — {', '.join(a.artists)} ({a.album}) "
                    f"score {score_a}{note}",
                    max(width, 60),
                )
            )
            out.append(f"      {a.url}")  # never cut: a link must stay whole to be followed
        if r.fallback:
            out.append(f"    listen: {r.fallback}")
            if not r.track.youtube:
                out.append("    tip: add a `youtube` link to this entry for a known video")
        action = settle_action(r, result.pin_args)
        if action:
            out.append(f"    to settle: {action[0]}  ({action[1]})")
    play_all = result.play_all_url
    if play_all:
        out.append("")
        out.append(f"Play every fallback video in a row: {play_all}")
    out.append("")
    out.append(result.summary())
    return "\n".join(out)
