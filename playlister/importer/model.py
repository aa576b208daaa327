"""What an import produces: songs found, passages left out, and the result handed to the CLI."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Song:
    """A song the source names; ``artist`` is None when the text never says whose it is.

    ``passage`` is the short stretch of the source that cites it, quoted as a comment in the
    draft (never as the note: notes are the curator's own words).
    """

    title: str
    artist: str | None
    version: str | None = None
    youtube: str | None = None
    album: str | None = None
    spotify: str | None = None
    year: int | None = None
    duration_ms: int | None = None
    passage: str = ""
    # the catalog's search page that confirmed the song (seeds the lockfile); not in the draft
    found: list[dict[str, Any]] = field(default_factory=list, repr=False, compare=False)
    confirmed: str = ""  # the rule by which the catalog confirmed it ("swapped pair, from …")
    # why the catalog did not confirm a song the article names with its artist, kept anyway
    # (a song Spotify lacks is exactly one the curator must hear about)
    not_found: str = ""

    def as_json(self) -> dict[str, Any]:
        out = {
            "title": self.title,
            "artist": self.artist,
            "version": self.version,
            "youtube": self.youtube,
            "album": self.album,
            "spotify": self.spotify,
            "year": self.year,
            "duration_ms": self.duration_ms,
            "passage": self.passage,
        }
        if self.confirmed:  # only a draft the catalog confirmed says how
            out["confirmed"] = self.confirmed
        if self.not_found:
            out["not_found"] = self.not_found
        return out


# What kind of reason a left-out line gives, for grouping ``-v``: (pattern, group).
_GROUPS = (
    (r"not in the catalog", "not in the catalog"),
    (r"not searched", "not searched (the search budget was spent)"),
    (r"quoted lyric or speech", "quoted lyric or speech"),
    (r"set aside", "set aside"),
    (r"(\w+) title, not a song", "vetoed as {0}"),
    (r"the sentence is about an? (\w+)", "vetoed as {0}"),
    (r"(?:listed )?under a heading about (\w+?)s\b", "vetoed as {0}"),
    (r"the article also names it as an? (\w+)", "vetoed as {0}"),
    (r"album of", "vetoed as album"),
    (r"in italics", "in italics, as album and film titles are set"),
)
# How many left-out lines of one group ``-v`` shows before counting the rest.
SHOWN_PER_GROUP = 8


def _detail(item: LeftOut, group: str) -> str:
    """What a left-out line adds to its text and group's heading: the reason, less what they
    already say ("no track titled “X”" of the line for “X” is "no such track")."""
    reason = item.reason
    title = item.text.split(" by ")[0].strip()
    reason = reason.replace(f"no track titled {title}", "no such track")
    if reason == group:
        return ""
    if reason.startswith(group):
        return ": " + reason[len(group) :].lstrip(":, ")
    return f": {reason}"


@dataclass(frozen=True)
class LeftOut:
    """Something that looked like a song but was not taken, and why."""

    text: str
    reason: str

    @property
    def group(self) -> str:
        """The kind of reason ("vetoed as film", "not in the catalog"), for grouping."""
        for pattern, group in _GROUPS:
            m = re.match(pattern, self.reason)
            if m:
                return group.format(*m.groups())
        return self.reason.split(":")[0]

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "reason": self.reason, "group": self.group}


def left_out_lines(left: list[LeftOut], most: int = SHOWN_PER_GROUP) -> list[str]:
    """One line a left-out candidate, grouped by the kind of reason (in the order the groups
    first come up), at most ``most`` a group and a count of the rest: a long article's
    hundreds of phrases stay readable."""
    groups: dict[str, list[LeftOut]] = {}
    for item in dict.fromkeys(left):
        groups.setdefault(item.group, []).append(item)
    out: list[str] = []
    for group, items in groups.items():
        out.append(f"  left out, {group} ({len(items)}):")
        out += [f"    {x.text}{_detail(x, group)}" for x in items[:most]]
        if len(items) > most:
            out.append(f"    \u2026 and {len(items) - most} more {group}")
    return out


@dataclass
class CatalogCheck:
    """How a draft was checked against the catalog: searches spent, or why it was not."""

    searches: int = 0
    limit: int = 0
    confirmed: int = 0
    unconfirmed: int = 0
    not_found: int = 0  # songs named with their artist that the catalog lacks, kept
    offline: str | None = None  # why the catalog was not asked (then the draft is unconfirmed)

    def line(self) -> str:
        if self.offline is not None:
            return f"Unconfirmed draft: {self.offline}; the songs were found by the rules alone."
        spent = f"{self.searches} search{'' if self.searches == 1 else 'es'}"
        lacking = (
            f", {self.not_found} named with {'its' if self.not_found == 1 else 'their'}"
            " artist kept though Spotify has no such track (check them)"
            if self.not_found
            else ""
        )
        return (
            f"Confirmed by the Spotify catalog: {self.confirmed} kept{lacking}, "
            f"{self.unconfirmed} candidate{'' if self.unconfirmed == 1 else 's'} not "
            f"found ({spent}, at most {self.limit} an article)."
        )


@dataclass
class ImportResult:
    """The outcome of one import: what to print, write or show as JSON."""

    songs: list[Song]
    left_out: list[LeftOut]
    name: str
    source: str
    toml: str
    existing: str | None = None  # the tracklist appended to, if any
    skipped: list[Song] = field(default_factory=list)  # already in ``existing``
    check: CatalogCheck | None = None  # None: not said (a library call without a catalog)

    def lines(self, verbose: bool = False) -> list[str]:
        """What to print on stderr: counts, and with ``verbose`` each passage left out."""
        n = len(self.songs)
        parts = [f"{n} song{'' if n == 1 else 's'} found in {self.source}"]
        unknown = sum(1 for s in self.songs if not s.artist)
        if unknown:
            parts.append(f"{unknown} without an artist (fill in)")
        versions = sum(1 for s in self.songs if s.version)
        if versions:
            parts.append(f"{versions} with a version")
        videos = sum(1 for s in self.songs if s.youtube)
        if videos:
            parts.append(f"{videos} with a YouTube link")
        if self.existing is not None:
            parts.append(f"{len(self.skipped)} already in {self.existing}")
        lo = len(self.left_out)
        parts.append(
            f"{lo} passage{'' if lo == 1 else 's'} left out"
            + ("" if verbose or not lo else " (--verbose to see them)")
        )
        out = ["; ".join(parts) + "."]
        if self.check is not None:
            out.append(self.check.line())
        if verbose:
            out += [
                f"  confirmed: \u201c{s.title}\u201d by {s.artist}: {s.confirmed}"
                for s in self.songs
                if s.confirmed
            ]
            out += [
                f"  kept, not on Spotify: \u201c{s.title}\u201d by {s.artist}: {s.not_found}"
                for s in self.songs
                if s.not_found
            ]
            out += left_out_lines(self.left_out)
            out += [
                f"  already there: {s.title} ({s.artist or 'artist unknown'})" for s in self.skipped
            ]
        return out

    def as_json(self) -> dict[str, Any]:
        check = (
            None
            if self.check is None
            else {
                "confirmed": self.check.offline is None,
                "searches": self.check.searches,
                "limit": self.check.limit,
                "unconfirmed": self.check.unconfirmed,
                "offline": self.check.offline,
            }
        )
        return {
            "name": self.name,
            "source": self.source,
            "existing": self.existing,
            "catalog": check,
            "songs": [s.as_json() for s in self.songs],
            "left_out": [x.as_json() for x in self.left_out],
            "skipped": [s.as_json() for s in self.skipped],
        }
