"""Reading versions from titles and albums: the decorations Spotify appends and what they say.

``split_title`` takes " - 2015 Remaster", " (Live)" and " (feat. X)" off a title;
``classify`` reads one decoration in a single pass: its version kinds (live, demo, ...),
whether it is neutral (a remaster, an edit, a credit), and the particulars that pick one
recording out of several of a kind (``Particulars``: place, year, session). No classifier
calls another, so no title can send them round in circles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from playlister.match.text import _FEAT_TAIL, fold, key
from playlister.text import APOSTROPHES, FEAT, SPACE


@dataclass(frozen=True)
class Title:
    """A title taken apart: ``core`` without decorations, ``short`` also without any brackets."""

    core: str
    short: str
    decorations: tuple[str, ...]


_DASH_SUFFIX = re.compile(r"\s[-\u2013\u2014]\s")
_BRACKETS = re.compile(r"\s*[\(\[]([^\(\)\[\]]*)[\)\]]")
_CREDIT = re.compile(rf"^(?:{FEAT}|with|prod\.?|produced by|from)\s", re.I)
# A version word at the end of a bare title: "Ocean Avenue Acoustic", "The Pledge Remix".
# ("Live" is left out: "Dying To Live" and "Born to Live" are songs.)
_BARE_VERSION = re.compile(
    r"^(?P<core>\S.*\S)\s+(?P<version>(?:acoustic|remix|demo|instrumental)(?: version)?)$",
    re.I,
)


@lru_cache(maxsize=65536)
def split_title(title: str) -> Title:
    """Separate a title from Spotify's dash suffix and bracketed decorations.

    ``"Sweet Child O' Mine - Live In Paris / 1992"`` gives core ``"Sweet Child O' Mine"`` and
    decoration ``"Live In Paris / 1992"``. Brackets that read as part of the name, as in
    ``"(I Can't Get No) Satisfaction"``, stay in ``core`` (without the brackets) but not in
    ``short``, so that "Satisfaction" can still be recognised.
    """
    text = title.translate(APOSTROPHES).strip()
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
    core = SPACE.sub(" ", core).strip()
    feat = _FEAT_TAIL.search(" " + core)
    if feat and feat.start() > 0:
        decorations.append(core[feat.start() :].strip())
        core = core[: feat.start() - 1].strip()
    bare = _BARE_VERSION.match(core) if not decorations else None
    if bare and len(bare.group("core").split()) >= 2:
        core = bare.group("core")
        decorations.append(bare.group("version"))
    short = core
    for inner in kept:
        short = short.replace(inner, " ")
    short = SPACE.sub(" ", short).strip()
    return Title(core or title.strip(), short or core or title.strip(), tuple(decorations))


# Substantive version kinds: a different recording from the one a plain entry means.
LIVE, DEMO, REMIX, ACOUSTIC, INSTRUMENTAL, RERECORDED, KARAOKE = (
    "live",
    "demo",
    "remix",
    "acoustic",
    "instrumental",
    "re-recorded",
    "karaoke",
)
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            LIVE,
            r"\blive\b|\bao vivo\b|\ben vivo\b|\ben directo\b|\bunplugged\b|\bin concert\b"
            r"|\bsessions?\b|\bconcert\b|\bperformance\b|\bpeel\b|\blive lounge\b",
        ),
        (
            DEMO,
            r"\bdemo\b|\bouttake\b|\brehearsal\b|\bearly (?:take|version|mix)\b"
            r"|\balt(?:\.|ernate|ernative)? (?:take|version|mix|lyrics)\b|\btake \d+\b"
            r"|\bwork tape\b",
        ),
        (
            REMIX,
            r"\bre-?mix|\bre-?work\b|\bbootleg\b|\bvip\b|\bdub\b|\bextended\b|\bclub\b"
            r"|\bsped up\b|\bslowed\b|\bmashup\b|\bmix\b",
        ),
        (
            ACOUSTIC,
            r"\bacoustic\b|\bacustic[oa]\b|\bunplugged\b|\bstripped\b"
            r"|\bpiano version\b|\borchestral\b|\bsymphonic\b",
        ),
        (INSTRUMENTAL, r"\binstrumental\b|\bbacking track\b"),
        (RERECORDED, r"\bre-?recorded\b|\btaylor'?s version\b|\bnew recording\b"),
        # Not "tribute" or "cover": "Tribute Concert Version", "Jolene (Cover)" by the artist.
        (
            KARAOKE,
            r"\bkaraoke\b|\bin the style of\b|\bmade famous\b|\boriginally performed\b"
            r"|\bsound-?alike\b",
        ),
    )
)
# Mixes that are the same recording: "Original Mix" (the EDM default), "Radio Mix", "2011 Mix";
# an "Instrumental Mix" is an instrumental, not a remix.
_NEUTRAL_MIX = re.compile(
    r"\b(?:original|radio|single|album|mono|stereo|new stereo|\d{4}|lp|main|\d{4} stereo"
    r"|instrumental) mix\b"
)
_NEUTRAL_WORDS = frozenset(
    {
        "remaster",
        "remastered",
        "remasterizado",
        "remasterizada",
        "remasterise",
        "digital",
        "digitally",
        "version",
        "single",
        "album",
        "lp",
        "ep",
        "radio",
        "edit",
        "edited",
        "mono",
        "stereo",
        "original",
        "explicit",
        "clean",
        "uncut",
        "main",
        "deluxe",
        "edition",
        "expanded",
        "anniversary",
        "bonus",
        "track",
        "short",
        "the",
        "a",
        "of",
        "and",
        "mix",
        "45",
        "7",
        "12",
        "inch",
        "video",
        "studio",
        "vinyl",
        "cut",
        "mixed",
        "reissue",
        "hd",
        "hq",
        "soundtrack",
        "motion",
        "picture",
        "film",
        "movie",
    }
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_EDIT = re.compile(r"\bedit\b")


@dataclass(frozen=True)
class Reading:
    """What one decoration says: its version kinds, and whether it leaves the recording alone."""

    kinds: frozenset[str]
    neutral: bool


@lru_cache(maxsize=65536)
def classify(text: str) -> Reading:
    """Read ``text`` once: kinds ("Live at Wembley" -> {"live"}) and neutrality ("Remastered").

    A credit ("feat. X", "From the ... Soundtrack") is neutral; so is a remaster or edit of no
    kind, and text made only of neutral words. Someone's edit ("W&W Radio Edit", "Hardwell
    Edit") that is not all neutral words is a remix.
    """
    s = fold(text)
    plain = _NEUTRAL_MIX.sub(
        lambda m: " instrumental " if m.group(0).startswith("instrumental") else " ", s
    )
    kinds = {kind for kind, pattern in _KIND_PATTERNS if pattern.search(plain)}
    words = key(plain).split()
    all_neutral = all(w in _NEUTRAL_WORDS or _ORDINAL.match(w) for w in words)
    neutral = bool(_CREDIT.match(s)) or ("remaster" in s and not kinds) or all_neutral
    if not kinds and not neutral and _EDIT.search(s):
        kinds.add(REMIX)
    return Reading(frozenset(kinds), neutral)


def version_kinds(text: str) -> frozenset[str]:
    """The substantive version kinds named in ``text`` ("Live at Wembley" -> {"live"})."""
    return classify(text).kinds


def is_neutral(text: str) -> bool:
    """True for decorations that do not change the recording: remasters, edits, credits, years."""
    return classify(text).neutral


def is_decoration(text: str) -> bool:
    """True when bracketed ``text`` describes a version or a credit rather than the song."""
    if not text:
        return False
    reading = classify(text)
    return reading.neutral or bool(reading.kinds)


# An album holds live recordings only when its name says a performance: "Live at Leeds",
# "MTV Unplugged In New York", "Hallelujah (Live)", "Live In London", "Live! Live! Live!",
# "Live 1975-85". "Live Through This", "Live and Learn", "Dying To Live" do not.
_LIVE_ALBUM = re.compile(
    r"\blive (?:at|in|from|on|aus|en|au|@)\b|^live$|^live\s*(?:!|\d)|[\(\[]live\b"
    r"|\s[-\u2013:]\s*live\b|\blive[\)\]]|\blive$(?<=\s- live)|\bunplugged\b|\bin concert\b"
    r"|\bao vivo\b|\ben vivo\b|\ben directo\b|\blive (?:era|album|recordings?|tapes?)\b"
    r"|\blive 19\d\d\b|\blive 20\d\d\b"
)


@lru_cache(maxsize=65536)
def album_is_live(album: str) -> bool:
    """Albums like "MTV Unplugged In New York" or "Live at Leeds" hold live recordings."""
    return bool(_LIVE_ALBUM.search(fold(album)))


# --- particulars: what picks one recording out of several of a kind ----------------------------

# Sessions: a radio or studio session is not a concert. (family, name): Peel and Maida Vale
# sessions are BBC sessions; "BBC Session" names only the family; "Session" names neither.
_SESSIONS: tuple[tuple[re.Pattern[str], str | None, str | None], ...] = tuple(
    (re.compile(p), family, name)
    for p, family, name in (
        (r"\bpeel\b", "bbc", "peel"),
        (r"\bmaida vale\b", "bbc", "maida vale"),
        (r"\blive lounge\b", "bbc", "live lounge"),
        (r"\bbbc\b|\bradio (?:one|1)\b", "bbc", None),
        (r"\bkexp\b", "kexp", "kexp"),
        (
            r"\bspotify (?:sessions?|singles?)\b|\b(?:live )?(?:at|from) spotify\b",
            "spotify",
            "spotify",
        ),
        (r"\btiny desk\b", "npr", "tiny desk"),
        (r"\bdaytrotter\b", "daytrotter", "daytrotter"),
        (r"\baudiotree\b", "audiotree", "audiotree"),
        (r"\blike a version\b", "triple j", "like a version"),
        (r"\bsessions?\b", None, None),
    )
)
_YEAR = re.compile(r"\b(19[3-9]\d|20[0-4]\d)\b")
_SHORT_YEAR = re.compile(r"(?:^|[\s\-(])['\u2019](\d\d)\b")
# Words that describe a recording rather than name its take: the kind, prepositions.
DESCRIPTIVE = frozenset(
    {
        "live",
        "at",
        "in",
        "on",
        "from",
        "the",
        "of",
        "a",
        "and",
        "version",
        "recorded",
        "recording",
        "demo",
        "remix",
        "mix",
        "acoustic",
        "instrumental",
        "unplugged",
        "session",
        "sessions",
        "take",
        "edit",
        "studio",
        "original",
        "remaster",
        "remastered",
        "ao",
        "vivo",
        "en",
        "concert",
        "performance",
    }
)
# ... and those that name no place either: sessions, stations, generic venues.
_NOT_PLACE = DESCRIPTIVE | frozenset(
    {
        "peel",
        "bbc",
        "radio",
        "one",
        "kexp",
        "lounge",
        "spotify",
        "singles",
        "single",
        "tiny",
        "desk",
        "maida",
        "vale",
        "festival",
        "fest",
        "stadium",
        "arena",
        "hall",
        "theatre",
        "theater",
        "center",
        "centre",
        "club",
        "city",
        "park",
        "tour",
        "show",
        "night",
        "mtv",
        "tv",
        "new",
        "san",
        "los",
        "las",
        "st",
        "de",
        "la",
        "le",
        "el",
        "era",
        "album",
        "tapes",
        "tape",
        "deluxe",
        "edition",
        "expanded",
        "anniversary",
        "bonus",
        "track",
        "vol",
        "volume",
        "part",
        "disc",
        "cd",
        "with",
        "early",
        "alternate",
        "alt",
        "rehearsal",
        "outtake",
        "directo",
        "orchestra",
        "x",
        "aus",
        "au",
        "road",
        "street",
        "square",
        "garden",
        "gardens",
        "house",
        "studios",
        "hotel",
        "bar",
        "cafe",
        "music",
        "festivals",
    }
)


@dataclass(frozen=True)
class Particulars:
    """The details that tell recordings of one kind apart.

    ``places``: comparison keys of venue, city, festival or event words ("glastonbury",
    "wembley", "matador"); ``years``: years named ("1986"); ``session``: (family, name) of a
    radio or studio session, or None for a concert or studio take.
    """

    places: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    session: tuple[str | None, str | None] | None = None

    @property
    def named(self) -> bool:
        """Whether these pick a recording, beyond its kind (a bare "Session" does not)."""
        return bool(self.places or self.years or (self.session and self.session[0]))

    def __or__(self, other: Particulars) -> Particulars:
        session = self.session
        if other.session and (
            session is None
            or (other.session[0] and not session[0])
            or (other.session[1] and not session[1])
        ):
            session = other.session
        return Particulars(self.places | other.places, self.years | other.years, session)


NO_PARTICULARS = Particulars()


@lru_cache(maxsize=65536)
def particulars(text: str) -> Particulars:
    """The particulars ``text`` names: "Live at the Ritz, New York City / 1988" gives places
    {"ritz", "york"} and year 1988; "Peel Session" gives the session ("bbc", "peel")."""
    s = fold(text)
    years = {int(y) for y in _YEAR.findall(s)}
    years |= {(1900 if int(y) >= 40 else 2000) + int(y) for y in _SHORT_YEAR.findall(s)}
    session = next(
        ((family, name) for pattern, family, name in _SESSIONS if pattern.search(s)), None
    )
    places = {
        w
        for w in key(_YEAR.sub(" ", s)).split()
        if w not in _NOT_PLACE and not w.isdigit() and not _ORDINAL.match(w) and len(w) > 1
    }
    return Particulars(frozenset(places), frozenset(years), session)


_ARTIST_IMPOSTOR = re.compile(
    r"\bkaraoke\b|\btribute\b|\bin the style of\b|\bmade famous\b|\boriginally performed\b"
    r"|\bsound-?alikes?\b|\bbacking tracks?\b|\bcover(?:s| band)\b|\bhit crew\b|\bparty tyme\b"
    r"|\blullaby\b|\brockabye\b|\bstring quartet\b|\b8-?bit\b|\bpiano players?\b"
)


def is_impostor_artist(name: str) -> bool:
    """True for karaoke, tribute and cover acts, whose names often contain the real artist's."""
    return bool(_ARTIST_IMPOSTOR.search(fold(name)))
