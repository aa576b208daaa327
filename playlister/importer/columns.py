"""Columns and credit blocks: a pasted spreadsheet (tab-, ``|``-, ``;``- or comma-separated),
a table's named columns, and a film's music credits (``"TITLE"`` then ``Written by`` /
``Performed by`` lines), read as a person reads them.

Rules, each named for the tests:

* ``delimited table``: lines that split on one delimiter into the same number of cells (at
  least two, over at least three lines) under a header naming a title column are a table;
  other delimiters than tabs need an artist column named too (a comma in a sentence is no
  column).
* ``column roles``: a header cell names its column's role by its words, brackets and
  questions aside: "Song title", "Artist (if you know it)", "Mr Okafor - status", "Music".
* ``unsure artist``: an artist cell saying "dunno" or "not sure" leaves the artist blank.
* ``status column``: a row whose status says no, rejected, vetoed, duplicate… is not wanted.
* ``all-caps title``: a credit's ALL-CAPS title is shown in title case.
* ``credit block``: a quoted title alone on its line, then credit lines; the performer is the
  artist, never the songwriter; a sample's lines are the sample's, not the song's.
"""

from __future__ import annotations

import csv
import re

from playlister.importer.words import REFUSED_STATUS

# the words a header uses for each role; a header cell takes the first role one of its words
# names, so "Song title" is a title column and "Performed by" an artist one
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "title": ("song", "songs", "title", "track", "tracks", "tune", "single", "music"),
    "artist": ("artist", "artists", "performer", "performers", "band", "singer", "by", "act"),
    "status": ("status", "approved", "decision", "verdict"),
}
_MIN_ROWS = 3
# a header naming another thing than the song or its singer: "Album title", "Composer"
_OTHER_THINGS = frozenset(
    {"album", "albums", "film", "movie", "book", "show", "episode", "record", "lp", "ep"}
    | {"label", "year", "date", "length", "duration", "composer", "writer", "songwriter"}
    | {"written", "writers", "producer", "produced", "games", "game", "artwork", "cover"}
)


def column_role(cell: str) -> str | None:
    """``title``, ``artist`` or ``status`` when a header cell names that column, else None."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]|[*_`#:?]", " ", cell).lower()
    words = re.findall(r"[a-z]+", text)
    if not words or len(words) > 5 or any(w in _OTHER_THINGS for w in words):
        return None
    if "performed" in words or "sung" in words or "by" in words:
        return "artist"  # "Music by", "Performed by": a name, never the title
    for role, names in ROLE_WORDS.items():
        if any(w in names for w in words):
            return role
    return None


def refused(status: str) -> bool:
    """A status cell that turns its row down: ``NO``, ``NO - explicit``, ``DUPLICATE``."""
    words = re.findall(r"[^\W_]+|[\u2717\u274c]", status.lower())
    return bool(words) and words[0] in REFUSED_STATUS


# a form's answer saying the artist is not known: "dunno, the guardians of the galaxy one"
_UNSURE = re.compile(
    r"^\W*(?:dunno|don'?t know|do not know|not sure|no idea|idk|unknown|unsure|\?+|n/?a|tbc)\b",
    re.I,
)


def unsure(cell: str) -> bool:
    """An artist cell that says the requester does not know the artist."""
    return bool(_UNSURE.match(cell.strip()))


def delimited_rows(lines: list[str]) -> list[list[str]] | None:
    """The cells of lines pasted from a spreadsheet, header first; None if they are not one.

    The first row must name a title column (tab-separated lines without one stay lines: a
    numbered tracklist ``1<TAB>Artist – Title``); ``|``, ``;`` or comma-separated lines an
    artist column too, so that prose with commas is never cut into cells."""
    if len(lines) < _MIN_ROWS:
        return None
    for delim in ("\t", "|", ";", ","):
        if not all(delim in ln for ln in lines):
            continue
        if delim == "\t":
            rows = [ln.split("\t") for ln in lines]
        elif delim == "|":
            rows = [[c for c in ln.strip().strip("|").split("|")] for ln in lines]
        else:
            rows = list(csv.reader(lines, delimiter=delim, skipinitialspace=True))
        rows = [[c.strip() for c in r] for r in rows]
        width = len(rows[0])
        # a spreadsheet drops a row's empty cells at its end, never in its middle
        if width < 2 or any(len(r) > width or len(r) < 2 for r in rows):
            continue
        rows = [r + [""] * (width - len(r)) for r in rows]
        roles = [column_role(c) for c in rows[0]]
        if "title" not in roles or delim != "\t" and "artist" not in roles:
            continue
        return rows
    return None


# a credit line naming what a recording borrows: "Contains a sample of", "Includes elements of"
_SAMPLE_CUE = (
    r"(?:contains|includes?|features?)\s+(?:a\s+)?"
    r"(?:samples?|excerpts?|elements?|interpolations?)\b"
)
# the credit lines of a film's or an album's music credits
_CREDIT = re.compile(
    r"^(?:(?:written|composed|performed|produced|arranged|sung|music|lyrics|words)"
    r"(?:\s+(?:and|&)\s+(?:written|composed|performed|produced|arranged|sung))*"
    r"(?:\s+(?:by|for))?\b|courtesy\s+of\b|by\s+arrangement\b|under\s+licen[cs]e\b|"
    rf"{_SAMPLE_CUE}|(?:p|c)\s*\d{{4}}\b)",
    re.I,
)
_PERFORMER = re.compile(r"^(?:[\w\s&]*\s)?(?:performed|sung)\s+by\s+(.+)$", re.I)
_SAMPLE = re.compile(rf"^{_SAMPLE_CUE}", re.I)
_FEATURING = re.compile(r"\s+(?:featuring|feat\.?|ft\.?|with)\s+.*$", re.I)
_QUOTED_LINE = re.compile(r"^[\"\u201c]([^\"\u201c\u201d]{1,120})[\"\u201d]$")
_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on"}
_SMALL |= {"or", "the", "to", "with", "nor", "vs"}


def title_case(title: str) -> str:
    """An ALL-CAPS title in title case ("ME AND BOBBY McGEE" -> "Me and Bobby McGee"); a
    title with lower-case letters is left as written."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    words = title.split(" ")
    out = []
    for n, word in enumerate(words):
        if not word.isupper() or len(word) == 1 and word.isalpha() and n:
            out.append(word)  # "McGEE", "2", a lone "U" stay as written
        elif 0 < n < len(words) - 1 and word.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)


def credit_block(lines: list[str]) -> tuple[str, list[str]] | None:
    """A quoted title alone on the first line followed by credit lines: the block as one
    entry line (``"Title" by Performer``) and the lines read as a sample's or a writer's,
    which are left out; None if the lines are not a credit block.

    The performer is the artist; a ``Written by`` name never is (the songwriter's own
    recording is another song); lines after ``Contains a sample of`` describe the sample."""
    if len(lines) < 2:
        return None
    m = _QUOTED_LINE.match(lines[0].strip())
    if not m or not _CREDIT.match(lines[1].strip()):
        return None
    title = title_case(m.group(1).strip())
    performer = None
    rest: list[str] = []
    for n, line in enumerate(lines[1:], 1):
        line = line.strip()
        if _SAMPLE.match(line):
            rest = lines[n:]
            break
        p = _PERFORMER.match(line)
        if p and performer is None:
            performer = _FEATURING.sub("", p.group(1)).strip(" ,")
    entry = f"\u201c{title}\u201d" + (f" by {performer}" if performer else "")
    return entry, rest
