"""Reading versions from titles and albums: the decorations Spotify appends and their kinds.

``split_title`` takes " - 2015 Remaster", " (Live)" and " (feat. X)" off a title;
``version_kinds`` names what kind of recording a decoration describes (live, demo, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from playlister.match.text import _APOSTROPHES, _FEAT_TAIL, _SPACE, fold, key


@dataclass(frozen=True)
class Title:
    """A title taken apart: ``core`` without decorations, ``short`` also without any brackets."""

    core: str
    short: str
    decorations: tuple[str, ...]


_DASH_SUFFIX = re.compile(r"\s[-\u2013\u2014]\s")
_BRACKETS = re.compile(r"\s*[\(\[]([^\(\)\[\]]*)[\)\]]")
_CREDIT = re.compile(r"^(?:feat\.?|ft\.?|featuring|with|prod\.?|produced by|from)\s", re.I)


@lru_cache(maxsize=65536)
def split_title(title: str) -> Title:
    """Separate a title from Spotify's dash suffix and bracketed decorations.

    ``"Sweet Child O' Mine - Live In Paris / 1992"`` gives core ``"Sweet Child O' Mine"`` and
    decoration ``"Live In Paris / 1992"``. Brackets that read as part of the name, as in
    ``"(I Can't Get No) Satisfaction"``, stay in ``core`` (without the brackets) but not in
    ``short``, so that "Satisfaction" can still be recognised.
    """
    text = title.translate(_APOSTROPHES).strip()
    decorations: list[str] = []
    parts = _DASH_SUFFIX.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        text = parts[0]
        decorations.append(parts[1].strip())
    kept: list[str] = []

    def bracket(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if is_decoration(inner):
            decorations.append(inner)
            return ""
        kept.append(inner)
        return " " + inner + " "

    core, previous = text, None
    while core != previous:  # innermost brackets first: "(feat. GC (Gate Citizens))"
        previous, core = core, _BRACKETS.sub(bracket, core)
    core = _SPACE.sub(" ", core).strip()
    feat = _FEAT_TAIL.search(" " + core)
    if feat and feat.start() > 0:
        decorations.append(core[feat.start():].strip())
        core = core[: feat.start() - 1].strip()
    short = core
    for inner in kept:
        short = short.replace(inner, " ")
    short = _SPACE.sub(" ", short).strip()
    return Title(core or title.strip(), short or core or title.strip(), tuple(decorations))


# Substantive version kinds: a different recording from the one a plain entry means.
LIVE, DEMO, REMIX, ACOUSTIC, INSTRUMENTAL, RERECORDED, KARAOKE = (
    "live", "demo", "remix", "acoustic", "instrumental", "re-recorded", "karaoke",
)
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (LIVE, r"\blive\b|\bao vivo\b|\ben vivo\b|\ben directo\b|\bunplugged\b|\bin concert\b"
               r"|\bsessions?\b|\bconcert\b|\bperformance\b"),
        (DEMO, r"\bdemo\b|\bouttake\b|\brehearsal\b|\bearly (?:take|version|mix)\b"
               r"|\balt(?:\.|ernate|ernative)? (?:take|version|mix|lyrics)\b|\btake \d+\b"
               r"|\bwork tape\b"),
        (REMIX, r"\bre-?mix|\bre-?work\b|\bbootleg\b|\bvip\b|\bdub\b|\bextended\b|\bclub\b"
                r"|\bsped up\b|\bslowed\b|\bmashup\b|\bmix\b"),
        (ACOUSTIC, r"\bacoustic\b|\bacustic[oa]\b|\bunplugged\b|\bstripped\b"
                   r"|\bpiano version\b|\borchestral\b|\bsymphonic\b"),
        (INSTRUMENTAL, r"\binstrumental\b|\bbacking track\b"),
        (RERECORDED, r"\bre-?recorded\b|\btaylor'?s version\b|\bnew recording\b"),
        # Not "tribute" or "cover": "Tribute Concert Version", "Jolene (Cover)" by the artist.
        (KARAOKE, r"\bkaraoke\b|\bin the style of\b|\bmade famous\b|\boriginally performed\b"
                  r"|\bsound-?alike\b"),
    )
)
# Mixes that are the same recording: "Original Mix" (the EDM default), "Radio Mix", "2011 Mix".
_NEUTRAL_MIX = re.compile(
    r"\b(?:original|radio|single|album|mono|stereo|new stereo|\d{4}|lp|main|\d{4} stereo)"
    r" mix\b"
)
_NEUTRAL_WORDS = frozenset({
    "remaster", "remastered", "remasterizado", "remasterizada", "remasterise", "digital",
    "digitally", "version", "single", "album", "lp", "ep", "radio", "edit", "edited",
    "mono", "stereo", "original", "explicit", "clean", "uncut", "main", "deluxe", "edition",
    "expanded", "anniversary", "bonus", "track", "short", "the", "a", "of", "and", "mix", "45",
    "7", "12", "inch", "video", "studio", "vinyl", "cut", "mixed", "reissue", "hd", "hq"
})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")


@lru_cache(maxsize=65536)
def version_kinds(text: str) -> frozenset[str]:
    """The substantive version kinds named in ``text`` ("Live at Wembley" -> {"live"})."""
    s = _NEUTRAL_MIX.sub(" ", fold(text))
    kinds = {kind for kind, pattern in _KIND_PATTERNS if pattern.search(s)}
    # "W&W Radio Edit", "Hardwell Edit": someone's edit is a remix; a "Radio Edit" is not.
    if not kinds and re.search(r"\bedit\b", s) and not is_neutral(s):
        kinds.add(REMIX)
    return frozenset(kinds)


def is_neutral(text: str) -> bool:
    """True for decorations that do not change the recording: remasters, edits, credits, years."""
    s = fold(text)
    if _CREDIT.match(s):
        return True
    if "remaster" in s and not version_kinds(s):  # "2012 Collection Remaster"
        return True
    words = key(_NEUTRAL_MIX.sub(" ", s)).split()
    return all(w in _NEUTRAL_WORDS or _ORDINAL.match(w) for w in words)


def is_decoration(text: str) -> bool:
    """True when bracketed ``text`` describes a version or a credit rather than the song."""
    return bool(text) and (is_neutral(text) or bool(version_kinds(text)))


@lru_cache(maxsize=65536)
def album_is_live(album: str) -> bool:
    """Albums like "MTV Unplugged In New York" or "Live at Leeds" hold live recordings.

    ("Live Through This" does not: "live" has to read as a description.)
    """
    s = fold(album)
    return bool(
        re.search(r"\blive (?:at|in|from|on|aus|en|au)\b|\blive$|^live\b(?! through)"
                  r"|\(live\b|\bunplugged\b|\bin concert\b|\bao vivo\b|\ben vivo\b", s)
    )


_ARTIST_IMPOSTOR = re.compile(
    r"\bkaraoke\b|\btribute\b|\bin the style of\b|\bmade famous\b|\boriginally performed\b"
    r"|\bsound-?alikes?\b|\bbacking tracks?\b|\bcover(?:s| band)\b|\bhit crew\b|\bparty tyme\b"
    r"|\blullaby\b|\brockabye\b|\bstring quartet\b|\b8-?bit\b|\bpiano players?\b"
)


def is_impostor_artist(name: str) -> bool:
    """True for karaoke, tribute and cover acts, whose names often contain the real artist's."""
    return bool(_ARTIST_IMPOSTOR.search(fold(name)))
