"""Artist-anchored lookup: a song of a named artist, found by the catalog and then in the text.

Rules that spot title phrases miss titles nobody marked: "fast car tracy chapman", "Mine was
Torn. Natalie Imbruglia.", an essay that names its singer once and then her songs bare. A
reader who knows the artist's songs spots them anyway. Here the catalog plays that reader:

* ``artist's song in the text``: for each artist the article names (one the catalog already
  confirmed a song of, or a name an ``artist:`` search confirms), the catalog's tracks of that
  artist (one search, at most 10 tracks) are looked for, word for word, in the units that name
  the artist and the units beside them (the whole article for its subject, an artist named in
  its first lines).

Guards, since an artist's catalog holds ordinary words ("Memphis", "Hebden Bridge", "Dusty"):
an occurrence is kept only when it is written as a title (capitalised, quoted, or in a
message written all in lower case), is not in italics (an album or a film), not after a word
that makes it a noun or a place ("a Wall of Sound pastiche", "in Hebden Bridge"), not vetoed
by context, and not the article's own title or a label. A one-word title needs more: quotes,
the artist's name right beside it, or a capital in mid-sentence ("Mine was Torn.") and the
artist named in the same or the next unit. A title that is (part of) the artist's name is
never taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playlister.importer.units import Unit
from playlister.importer.vetoes import _decoy_next_to, _sentence_decoy
from playlister.importer.words import NOT_NAMES, PATH, _quote_spans, _sentence
from playlister.match.text import artist_key, key
from playlister.match.versions import split_title

MAX_NAMES = 25  # artist searches one article may spend on names it gives
MAX_MESSAGES = 15  # searches one article may spend on lower-case chat messages
SUBJECT_CHARS = 300  # how far into an article its subject is named

Ask = Callable[[str], list[dict[str, Any]] | None]

# Words after which a capitalised phrase is a noun or a place, not a title.
_NOUN_BEFORE = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "in",
    "at",
    "near",
    "into",
    "of",
    "to",
    "from",
    "our",
    "my",
    "your",
    "his",
    "her",
    "their",
    "its",
}
# What before a phrase makes it an album, a film or a book ("from the album", "read").
_VETO_BEFORE = re.compile(
    r"(?:\b(?:from|off)(?:\s+the)?(?:\s+album)?|\b(?:songs?|tracks?)\s+on|"
    r"\b(?:is|was|are|were|appears?|appeared)\s+on(?:\s+the)?|"
    # a recording is on an album: "David Bowie's, on Station to Station", "the version on"
    r"(?:\w['\u2019]s?|\b(?:version|recording|one))\s*,?\s+on(?:\s+the)?|"
    r"\b(?:watch|watched|watching|saw|seen|see|read|reading|reread|bought|buy)"
    r"(?:\s+the)?(?:\s+(?:film|movie|book|show|album))?)\s*$",
    re.I,
)
AFTER_VETO = re.compile(
    r"^[\s,]*(?:(?:is|was|are|were)\s+)?(?:the|an?|her|his|their|its)\s+"
    r"(?:\w+\s+)?(?:album|record|lp|ep|film|movie|book|novel|series|show|"
    r"suite|soundtrack|documentary|theme)\b"
    r"|^\s*on\s+(?:vinyl|cd|cassette|tape|lp)\b",
    re.I,
)
# Between a title and its artist's name: only punctuation and a "by", "from", "'s".
_BESIDE = re.compile(r"^[\s\W]*(?:(?:by|from|feat\.?)[\s\W]*)?$", re.I)
_SPEAKER = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?[^:\s][^:]{0,30}:\s+")
# Names written in lower case: after "by", or in brackets ("country roads (john denver)").
_LOWER_NAMES = re.compile(
    r"\bby\s+([a-z][\w.&'\u2019 -]{1,40}?)(?=[.,!?;)]|\s*$)|\(([^()]{2,40})\)"
)
_CAPS_NAME = re.compile(
    r"(?:[A-Z][\w.&+!\u00c0-\u017f-]*)(?:(?:\s+|\s+(?:and|of|the|&|\+)\s+)"
    r"(?:[A-Z][\w.&+!\u00c0-\u017f-]*)){0,3}"
)


@dataclass
class Found:
    """A song of a named artist that the text names word for word."""

    unit: int
    pos: int
    title: str
    artist: str
    track: dict[str, Any]
    why: str


def artist_names(
    units: list[Unit],
    known: list[str],
    skip: set[str],
    met: set[str] | None = None,
    most: int = MAX_NAMES,
) -> list[str]:
    """Names an artist search may confirm: the artists already confirmed, then capitalised
    names (a possessive's owner too) and lower-case names after "by" or in brackets; not a
    quoted phrase or a title in ``skip`` (keys of the songs kept). A name the catalog has
    already shown as an artist (``met``: artist keys in the pages searched so far) comes
    first."""
    out: dict[str, tuple[int, str]] = {}
    for name in known:
        out.setdefault(artist_key(name), (0, name))
    for unit in units:
        text = unit.text
        quoted = quoted_spans(text)
        found = [(m.start(), m.group(0), False) for m in _CAPS_NAME.finditer(text)]
        found += [
            (m.start(m.lastindex or 0), m.group(m.lastindex or 0), True)
            for m in _LOWER_NAMES.finditer(text)
        ]
        for at, raw, lower in (
            (a, p, low) for a, f, low in found for p in re.split(r"[.!?]\s+", f)
        ):
            if text[at + len(raw) : at + len(raw) + 1] == ":":
                continue  # a speaker's or a label's name ("FELIX:", "Ceremony:")
            if any(s <= at < e for s, e in quoted):
                continue  # a quoted phrase is a title
            name = re.sub(r"['\u2019]s?$", "", raw.strip(" .,!?-")).strip()
            name = re.sub(r"^[Tt]he\s+(?=\S)", "The ", name)
            k = artist_key(name)
            if (
                len(k) < 3
                or k in out
                or key(name) in skip
                or len(name.split()) > 4
                or name in NOT_NAMES
                or name.split()[0] in NOT_NAMES
                or (name.isupper() and len(name) > 4)  # a shouted word, a speaker ("AMARA")
            ):
                continue
            # a name of several words first, then a word capitalised mid-sentence, then a
            # sentence's first word (as often "Okay" or "Mine" as "Hanson") or a lower-case
            # word in brackets ("(florence)", as often "(host)")
            opening = bool(re.search(r"(?:^|[.!?:\u201c\"])\W*$", text[:at]))
            single = len(name.split()) == 1
            rank = 4 if single and (opening or lower) else 3 if single else 2
            # a name the catalog has shown as an artist, or one right after "by" (introduced
            # as a song's artist: "teenage dirtbag by Wheatus"), is asked about first
            by = re.search(r"\bby\s+$", text[max(0, at - 4) : at])
            rank = 1 if (met and k in met) or by else rank
            out[k] = (rank, name)
    ranked = sorted(out.values(), key=lambda r: r[0])  # stable: the article's order within
    return [name for _, name in ranked][: len(known) + most]


def artist_tracks(name: str, ask: Ask) -> list[dict[str, Any]] | None:
    """The catalog's tracks credited to ``name`` (one search), or None past the budget."""
    apostrophe = "'" in name or "\u2019" in name  # Spotify finds nothing for one in a filter
    page = ask(name if apostrophe else f'artist:"{name}"')
    if page is None:
        return None
    return [t for t in page if credit(t, name)]


def credit(track: dict[str, Any], name: str) -> str:
    """The catalog's spelling of the artist of ``track`` that ``name`` names: the same name,
    or the leader of a band named after them ("florence" for "Florence + The Machine");
    "" when none does."""
    want = artist_key(name)
    for a in track.get("artists") or ():
        got = artist_key(str((a or {}).get("name") or ""))
        if want and (got == want or got.startswith(f"{want} and ")):
            return str(a.get("name"))
    return ""


def mentions(text: str, artist: str) -> list[tuple[int, int]]:
    """Where ``text`` names ``artist``: in full (any case, "the" optional, a possessive)."""
    bare = re.sub(r"^the\s+", "", artist, flags=re.I)
    words = [re.escape(w) for w in re.split(r"\s+", bare) if w]
    if not words:
        return []
    pattern = r"(?<![\w])(?:the\s+)?" + r"\s+".join(words) + r"(?:['\u2019]s)?(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]


def _title_pattern(title: str) -> re.Pattern[str] | None:
    """The title as it may be written: any case, apostrophes optional, punctuation between
    words loose ("don't stop believin" for "Don't Stop Believin'")."""
    words = re.findall(r"\w+", title.replace("'", "").replace("\u2019", ""))
    if not words:
        return None
    opt = "['\u2019]?"
    parts = [opt.join(re.escape(c) for c in w) + opt for w in words]
    return re.compile(
        r"(?<![\w'\u2019])" + r"[\s,!?&()\"\u201c\u201d.:-]*?\s*".join(parts) + r"(?!\w)", re.I
    )


def title_forms(name: str) -> list[str]:
    """A catalog title as an article may write it: without its "- Remastered" tail, and its
    last comma part when that has two words or more ("Country Roads")."""
    core = split_title(name).core
    forms = [core]
    if ", " in core:
        tail = core.rsplit(", ", 1)[1]
        if len(tail.split()) >= 2:
            forms.append(tail)
    return forms


def strip_speaker(text: str) -> str:
    """A chat message or a transcript turn without its timestamp and speaker."""
    return _SPEAKER.sub("", text, count=1)


def lower_message(text: str) -> bool:
    """A chat message written all in lower case (its speaker's name aside)."""
    body = strip_speaker(text)
    return bool(re.search(r"[a-z]", body)) and not re.search(r"[A-Z]", body)


def find_in_unit(
    unit: Unit,
    title: str,
    artist: str,
    *,
    near: bool,
    quoted: list[tuple[int, int]],
    vetoed: set[str],
    also: str = "",
    only_beside: bool = False,
) -> tuple[int | None, str]:
    """Where ``unit`` writes ``title`` as a song of ``artist`` (``near``: the artist is named
    in this unit or the next; ``also``: the name as the article writes it) and which guard let
    it in; or None and why the first occurrence was refused ("" when there is none).
    ``only_beside``: a line (not prose), whose other phrases are as often its album or label
    ("Spellbound / Juju"), gives a song only set right beside its artist."""
    if key(title) in vetoed or not re.search(r"[^\W\d_]", title):
        return None, ""
    ak = artist_key(artist)
    pattern = _title_pattern(title)
    if pattern is None:
        return None, ""
    text = unit.text
    names = mentions(text, artist) + (mentions(text, also) if also else [])
    refused = ""
    for m in pattern.finditer(text):
        if any(s <= m.start() < e for s, e in names):
            continue  # inside the artist's own name
        if key(title) == ak or key(title) in ak.split():
            return None, "the artist's own name, not a song"  # "Dusty" by Dusty Springfield
        why = _refused(unit, m, quoted)
        if not why:
            ok, why = _evidence(unit, m, title, names, quoted, near=near, only_beside=only_beside)
            if ok:
                return m.start(), why
        refused = refused or why
    return None, refused


def _refused(unit: Unit, m: re.Match[str], quoted: list[tuple[int, int]]) -> str:
    """Why context says an occurrence is not a song ("" when it does not)."""
    text, start, end = unit.text, m.start(), m.end()
    before, after = text[:start], text[end:]
    if any(x.start < end and start < x.end for x in unit.italics):
        return "in italics, as album and film titles are set"
    if after.lstrip("*_\u201d\"'").startswith(":"):
        return "a label before a colon"
    if any(s <= start and end <= e and text[s:e].strip(" ,.!?") != m.group(0) for s, e in quoted):
        return "part of a longer quoted title"
    if len(m.group(0)) > 3 and m.group(0).isupper() and not text.isupper():
        return "a shouted label, in capitals"
    if any(p.start() <= start and end <= p.end() for p in PATH.finditer(text)):
        return "a folder of a file's path"
    if (
        _decoy_next_to(before.rstrip("\u201c\u2018'\"*_ "), after.lstrip("\u201d\u2019'\"*_"))
        or _VETO_BEFORE.search(before)
        or AFTER_VETO.match(after.lstrip("\u201d\u2019'\"*_"))
        or _sentence_decoy(_sentence(text, start, end), m.group(0))
    ):
        return "the words around it name an album, a film, a book or a show"
    return ""


def _evidence(
    unit: Unit,
    m: re.Match[str],
    title: str,
    names: list[tuple[int, int]],
    quoted: list[tuple[int, int]],
    *,
    near: bool,
    only_beside: bool,
) -> tuple[bool, str]:
    """Whether an occurrence is written as a title, and the guard that says so (or why not)."""
    text, start, end = unit.text, m.start(), m.end()
    before = text[:start]
    in_quotes = any(s <= start and end <= e for s, e in quoted)
    # the name right after the title, or right before it (each read on its own side: a name
    # before the title is not "beside" it for want of words after the title)
    beside = any(
        (s >= end and s - end <= 12 and _BESIDE.match(text[end:s]))
        or (
            e <= start
            and start - e <= 12
            and _BESIDE.match(re.sub(r"['\u2019]s$", "", text[e:start]))
        )
        for s, e in names
    )
    one_word = len(re.findall(r"\w+", title)) == 1
    if beside:
        return True, ("one-word " if one_word else "") + "title beside its artist's name"
    if only_beside:
        return False, "a line's phrase not beside its artist's name (an album or a label)"
    prev = re.findall(r"[\w'\u2019]+", before[-30:])
    if (
        prev
        and prev[-1].lower() in _NOUN_BEFORE
        and not in_quotes
        and not title.lower().startswith(prev[-1].lower())
    ):
        return False, f"after \u201c{prev[-1]}\u201d: a noun or a place, not a title"
    capitalised = all(
        w[0].isupper() or w.lower() in _SMALL for w in re.findall(r"[^\W_][\w'\u2019]*", m.group(0))
    )
    if one_word:
        mid = bool(prev) and not re.search(
            r"[.!?:;\u2014]\s*$", before.rstrip("\u201c\"'*_ ")[-3:] + " "
        )
        if in_quotes:
            return True, "one-word title in quotation marks"
        if near and capitalised and mid and title not in NOT_NAMES:
            return True, "one-word title capitalised mid-sentence"
        return (
            False,
            "a one-word title needs quotes, its artist beside it or a capital mid-sentence",
        )
    if capitalised:
        return True, "title in quotation marks" if in_quotes else "capitalised title"
    if lower_message(text):
        return True, "title in a lower-case message"
    return False, "not written as a title (lower case in a sentence)"


_SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "from"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` inside quotation marks (inner span)."""
    return [(s + 1, e - 1) for s, e, _ in _quote_spans(text)]
