"""Scoring one candidate against what an entry asks for, as a list of named signals.

Each signal looks at one thing (the title, the artist, the version, the particulars of the
recording, the album, the year, the duration) and returns its weight and its note, the way
beets' ``autotag/distance.py`` adds up named penalties. Every number is in ``WEIGHTS``; the
total is computed from the signals:

    score = WEIGHTS["identity"] * (½ title similarity + ½ artist similarity) * version factor
            + the sum of the other signals' weights
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Levenshtein

from playlister.match.candidate import Candidate, Scored
from playlister.match.text import artist_key, fold, key, primary_artist
from playlister.match.versions import (
    ACOUSTIC,
    DEMO,
    DESCRIPTIVE,
    INSTRUMENTAL,
    KARAOKE,
    LIVE,
    NO_PARTICULARS,
    REMIX,
    RERECORDED,
    Particulars,
    Title,
    album_is_live,
    classify,
    is_impostor_artist,
    particulars,
    split_title,
)
from playlister.text import GUEST
from playlister.tracklist import Track

# The one table of numbers. Thresholds decide; factors multiply the identity score; the rest
# are added to it. resolve.py takes its acceptance thresholds from here too.
WEIGHTS: dict[str, float] = {
    # thresholds: similarity (0..1) of titles and artists
    "exact": 0.99,  # from which two names are the same words
    "same": 0.85,  # from which two names are taken to be the same
    "near": 0.80,  # ... from which a person should look
    "found": 0.95,  # a search result shows the title (or artist) was found
    "slip_min_length": 5.0,  # shortest title in which a one-letter slip is forgiven
    "numbers_differ": 0.6,  # the most two titles with different numbers can share
    # thresholds: scores (resolve.py)
    "match_min": 0.85,  # lowest score accepted without a person
    "margin": 0.05,  # lead over the next distinct recording needed to accept alone
    # identity
    "identity": 0.95,  # the most a perfect title and artist earn before the hints
    "short_title": 0.9,  # title agrees only without its bracketed words
    "lead_artist": 0.95,  # only the lead of a credit ("A feat. B") agrees
    "artist_and_band": 0.88,  # "Bruce Springsteen" vs "Bruce Springsteen & The E Street Band"
    "guest": 0.84,  # the wanted artist only guests
    "short_artist": 0.82,  # "Bowie" for "David Bowie": near (a person looks), never the same
    # version factors
    "version_exact": 1.0,
    "version_fulfils": 0.97,  # an unplugged take for "live"
    "version_shares_kind": 0.85,  # "live" for "live acoustic"
    "version_other": 0.75,  # another kind altogether ...
    "version_other_step": 0.05,  # ... less for every further kind it differs by
    "version_floor": 0.6,
    "impostor_cap": 0.5,  # karaoke, tribute and cover acts
    "other_take": 0.85,  # the kind asked for, but another take (other venue, year, session)
    "unconfirmed_take": 0.9,  # the kind asked for; nothing shows it is the take named
    # additions
    "same_named_version": 0.03,
    "not_named_version": -0.05,
    "other_named_version": -0.12,  # an unknown named version may be another recording
    "decorated_tie": -0.005,  # a remaster is the same recording; prefer the plain title
    "album_agrees": 0.03,
    "other_album": -0.02,
    "year_agrees": 0.02,
    "year_far": -0.01,  # reissues and compilations carry their own year
    "duration_agrees": 0.03,  # within 3 s
    "duration_near": 0.01,  # within 10 s
    "duration_off": -0.03,  # within 30 s
    "duration_far": -0.12,
    "wish_words": 0.04,  # times the share of the wish's words the candidate shows
    "wish_words_absent": -0.02,
    "wish_verbatim": 0.005,  # the version suffix is the entry's version word for word
}

# --- what the entry asks for ----------------------------------------------------------------

_KIND_NAMES = {
    "": "studio recording",
    LIVE: "live recording",
    DEMO: "demo or alternate take",
    REMIX: "remix",
    ACOUSTIC: "acoustic version",
    INSTRUMENTAL: "instrumental",
    RERECORDED: "re-recording",
    KARAOKE: "karaoke or cover version",
}
# Kinds whose takes are told apart by place, year and session.
_TAKES = frozenset({LIVE, DEMO, ACOUSTIC})


@dataclass(frozen=True)
class _Wanted:
    title: Title
    core_key: str
    short_key: str
    artist: str
    kinds: frozenset[str]
    details: frozenset[str]  # the version wish beyond its kind: "glastonbury", "1995"
    others: tuple[str, ...]  # keys of other named versions asked for ("nevermind version")
    wish: str  # the version wish as written, or "" for "the ordinary studio recording"
    take: Particulars  # what picks the take asked for (place, year, session)
    year: int | None = None  # the entry's ``year`` when a take is asked for: its recording
    # or its release, so it is checked against both


def wanted(track: Track) -> _Wanted:
    return _wanted_for(track.title, track.artist, track.album, track.version, track.year)


def _album_particulars(album: str) -> Particulars:
    """An album's particulars, when its name describes a take ("Live at Leeds", "Demos 2009")."""
    found = particulars(album)
    if (
        album_is_live(album)
        or (found.session and found.session[0])
        or (classify(album).kinds & {DEMO, ACOUSTIC})
    ):
        return found
    return NO_PARTICULARS


@lru_cache(maxsize=4096)
def _wanted_for(
    title_text: str, artist: str, album: str | None, version: str | None, year: int | None = None
) -> _Wanted:
    title = split_title(title_text)
    kinds: set[str] = set()
    wish = (version or "").strip()
    take = particulars(wish) if wish else NO_PARTICULARS
    for text in (*title.decorations, wish):
        kinds |= classify(text).kinds
    decorated = [d for d in title.decorations if classify(d).kinds]
    for d in decorated:
        take = take | particulars(d)
    if not wish and decorated:
        wish = decorated[0]
    if album:
        from_album = _album_particulars(album)
        if album_is_live(album):  # "MTV Unplugged in New York" asks for live
            kinds.add(LIVE)
            wish = wish or album
        if kinds:
            take = take | from_album
    hint = year if kinds & _TAKES and not take.years else None
    if hint and wish and str(hint) not in wish:
        wish = f"{wish}, {hint}"  # "live, 1986": the reason names the year asked for
    details = frozenset(w for w in key(wish).split() if w not in DESCRIPTIVE)
    others = [d for d in (*title.decorations, version or "") if _is_other(d)]
    return _Wanted(
        title=title,
        core_key=key(title.core),
        short_key=key(title.short),
        artist=artist,
        kinds=frozenset(kinds),
        details=details if kinds else frozenset(),
        others=tuple(key(d) for d in others),
        wish=wish if kinds else "",
        take=take if kinds & _TAKES else NO_PARTICULARS,
        # A year the version names ("Live 1992") says more than the entry's year field.
        year=hint,
    )


def _is_other(decoration: str) -> bool:
    """A named version that is neither neutral nor a known kind: "Nevermind Version"."""
    reading = classify(decoration) if decoration else None
    return reading is not None and not reading.kinds and not reading.neutral


def _kinds_name(kinds: frozenset[str]) -> str:
    return " ".join(_KIND_NAMES.get(k, k) for k in sorted(kinds)) or _KIND_NAMES[""]


# --- similarity -------------------------------------------------------------------------------

# Numbers tell songs and albums apart however alike the letters: "Part 2", "Use Your Illusion
# II". ("i", "v" and "x" are left out: they are words too.)
_NUMBERS = re.compile(r"\b(?:\d+|ii|iii|iv|vi|vii|viii|ix|xi|xii)\b")
_UNPLUGGED = frozenset({LIVE, ACOUSTIC})


def _sim(a: str, b: str) -> float:
    """1 - edits / length, a swap of two letters counting as one edit (a typical typo)."""
    if not a or not b:
        return 0.0
    return OSA.normalized_similarity(a, b)


def is_slip(a: str, b: str) -> bool:
    """Whether keys ``a`` and ``b`` differ by one slip of the fingers in a title of five or more
    letters: a letter doubled or dropped ("Reaady", "Fireeball") or two swapped ("Glroy").

    A letter replaced by another is not a slip: "Story" and "Glory" are two songs.
    """
    if min(len(a), len(b)) < WEIGHTS["slip_min_length"] or a == b or OSA.distance(a, b) != 1:
        return False
    if len(a) == len(b):  # one edit under OSA, two under Levenshtein: a swap
        return Levenshtein.distance(a, b) == 2
    return not any(c.isdigit() for c in set(a) ^ set(b))


def _title_similarity(w: _Wanted, title: Title) -> float:
    core = key(title.core)
    # Agreeing only once bracketed words are dropped ("Satisfaction" for "(I Can't Get No)
    # Satisfaction") is weaker evidence than agreeing in full.
    sim = max(_sim(w.core_key, core), WEIGHTS["short_title"] * _sim(w.short_key, key(title.short)))
    return _numbered(sim, w.core_key, core)


def _numbered(sim: float, a: str, b: str) -> float:
    """``sim``, capped below "same" when ``a`` and ``b`` carry different numbers."""
    if set(_NUMBERS.findall(a)) == set(_NUMBERS.findall(b)):
        return sim
    return min(sim, WEIGHTS["numbers_differ"])


_CREDIT_LIST = re.compile(rf"\s*,\s*|\s+(?:&|and|\+|{GUEST})\s+", re.IGNORECASE)


def credit_names(credit: str) -> frozenset[str]:
    """The artists of a credit as people write it: "Zedd, Alessia Cara", "A & B", "A x B"."""
    return frozenset(artist_key(n) for n in _CREDIT_LIST.split(fold(credit)) if n.strip())


def _artist_similarity(wanted: str, artists: tuple[str, ...]) -> tuple[float, bool]:
    """(similarity, whether the wanted artist is only a guest on the candidate)."""
    if not artists:
        return 0.0, False
    whole = artist_key(wanted)
    lead = artist_key(primary_artist(wanted))
    first = artist_key(artists[0])
    best = max(_sim(whole, first), _sim(whole, artist_key(" & ".join(artists))))
    names = credit_names(wanted)
    if len(names) > 1 and names == frozenset().union(*(credit_names(a) for a in artists)):
        return 1.0, False  # the same artists, in any order
    if lead != whole:
        best = max(best, WEIGHTS["lead_artist"] * _sim(lead, first))
    if first.startswith(whole + " and ") or whole.startswith(first + " and "):
        best = max(best, WEIGHTS["artist_and_band"])
    if len(first) > len(whole) >= 3 and first.endswith(" " + whole):
        # Written short ("Bowie" for David Bowie): close enough for a person to look.
        best = max(best, WEIGHTS["short_artist"])
    # The wanted artist only guests on this recording: worth a look, never taken unasked.
    guest = max(
        (max(_sim(whole, artist_key(a)), _sim(lead, artist_key(a))) for a in artists[1:]),
        default=0.0,
    )
    if WEIGHTS["guest"] * guest > best:
        return WEIGHTS["guest"] * guest, True
    return best, False


# --- the take: particulars compared ---------------------------------------------------------


def candidate_take(cand: Candidate, title: Title) -> Particulars:
    """The particulars a candidate shows in its title's version suffix and its album."""
    take = _album_particulars(cand.album)
    for d in title.decorations:
        if classify(d).kinds:
            take = take | particulars(d)
    return take


def _session_name(session: tuple[str | None, str | None]) -> str:
    family, name = session
    return (
        f"{(name or family or '').title().replace('Bbc', 'BBC').replace('Kexp', 'KEXP')} "
        f"session".lstrip()
    )


def compare_takes(
    want: Particulars, have: Particulars, year: int | None, entry_year: int | None = None
) -> tuple[bool, bool, list[str]]:
    """(confirmed, contradicted, what differs) for the take ``want`` against ``have``.

    A session is not a concert, in either direction; a different venue or year is another
    take; a release older than the year wanted cannot hold it, one from that very year (a take
    naming no year of its own) is taken to be it. ``entry_year`` (the entry's
    ``year`` field) may be the take's year or its release's: the candidate's release ``year``
    agreeing confirms it; a take naming other years, or an older release, contradicts it.
    """
    confirmed, differs = False, []
    if (want.session is None) != (have.session is None):
        differs.append(f"a {_session_name(have.session)}" if have.session else "not a session")
    elif want.session and have.session:
        (wf, wn), (hf, hn) = want.session, have.session
        if wf and hf and wf != hf:
            differs.append(f"a {_session_name(have.session)}")
        elif wn and hn:
            if wn == hn:
                confirmed = True
            else:
                differs.append(f"a {_session_name(have.session)}")
        elif wf and hf == wf and not wn:
            confirmed = True
    if want.places and have.places:
        if want.places & have.places:
            confirmed = True
        else:
            differs.append("another place")
    if want.years:
        if have.years:
            if want.years & have.years:
                confirmed = True
            else:
                differs.append("from " + "/".join(str(y) for y in sorted(have.years)))
        elif year and year in want.years:  # "2009 demo": a demo released in 2009
            confirmed = True
        elif year and year < min(want.years):
            differs.append(f"released {year}")
    elif entry_year:
        if entry_year in have.years or year == entry_year:
            confirmed = True
        elif have.years:
            differs.append("from " + "/".join(str(y) for y in sorted(have.years)))
        elif year and year < entry_year:
            differs.append(f"released {year}")
    return confirmed, bool(differs), differs


# --- the signals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """One signal's verdict: its weight (a factor or an addition, see ``WEIGHTS``), its note."""

    name: str
    weight: float
    note: str = ""


@dataclass
class _Ctx:
    track: Track
    w: _Wanted
    cand: Candidate
    title: Title
    t_sim: float
    a_sim: float
    guest: bool
    kinds: frozenset[str]
    impostor: bool
    slip: bool
    take_ok: bool = True
    take_note: str = ""


def _identity_notes(c: _Ctx) -> Signal:
    notes: list[str] = []
    if c.t_sim >= WEIGHTS["exact"] and c.a_sim >= WEIGHTS["exact"]:
        notes.append("title and artist agree")
    else:
        if c.slip:
            notes.append("title misspelt by one letter")
        elif c.t_sim < WEIGHTS["exact"]:
            notes.append(
                f"title differs ({c.t_sim:.0%})" if c.t_sim >= WEIGHTS["near"] else "another song"
            )
        if c.guest:
            notes.append(f"{c.track.artist} only guests (led by {c.cand.artists[0]})")
        elif c.a_sim < WEIGHTS["exact"]:
            shown = ", ".join(c.cand.artists) or "no artist"
            notes.append(
                f"artist spelled differently ({c.a_sim:.0%})"
                if c.a_sim >= WEIGHTS["same"]
                else f"artist written short? ({shown})"
                if c.a_sim == WEIGHTS["short_artist"]
                else f"other artist ({shown})"
            )
    if c.impostor:
        notes.append("karaoke, tribute or cover artist")
    return Signal("identity", 0.0, "; ".join(notes))


def _version(c: _Ctx) -> Signal:
    """The version factor: how far this recording's kind is from the one asked for."""
    w, kinds = c.w, c.kinds
    if kinds == w.kinds:
        factor, note = (
            WEIGHTS["version_exact"],
            (f"{_kinds_name(kinds)} as wanted" if kinds else ""),
        )
    elif _fulfils(kinds, w.kinds):
        factor, note = WEIGHTS["version_fulfils"], f"{_kinds_name(kinds)} for '{w.wish}'"
    else:
        # Sharing a kind ("live" for "live acoustic") is closer than sharing none.
        near = (
            WEIGHTS["version_shares_kind"]
            if kinds & w.kinds
            else WEIGHTS["version_other"]
            - WEIGHTS["version_other_step"] * (len(kinds ^ w.kinds) - 1)
        )
        factor = max(WEIGHTS["version_floor"], near)
        note = f"{_kinds_name(kinds)}; {w.wish or 'studio'} wanted"
    if _fulfils(kinds, w.kinds) and not c.take_ok:
        factor = min(
            factor,
            WEIGHTS["other_take"] if c.take_note.startswith("not") else WEIGHTS["unconfirmed_take"],
        )
        note = c.take_note
    if c.impostor or (KARAOKE in kinds and KARAOKE not in w.kinds):
        factor = min(factor, WEIGHTS["impostor_cap"])
    # The version of another song is beside the point.
    return Signal("version", factor, note if c.t_sim >= WEIGHTS["near"] or c.slip else "")


def _named_version(c: _Ctx) -> Signal:
    others = [d for d in c.title.decorations if _is_other(d)]
    if c.w.others:
        if any(_sim(o, key(d)) >= WEIGHTS["same"] for o in c.w.others for d in others):
            return Signal("same_named_version", WEIGHTS["same_named_version"], "same named version")
        return Signal(
            "not_named_version", WEIGHTS["not_named_version"], "not the named version asked for"
        )
    if others:
        return Signal(
            "other_named_version", WEIGHTS["other_named_version"], f"other version: {others[0]}"
        )
    if c.title.decorations and not c.kinds:
        return Signal("decorated_tie", WEIGHTS["decorated_tie"])
    return Signal("named_version", 0.0)


def _album(c: _Ctx) -> Signal:
    if not c.track.album:
        return Signal("album", 0.0)
    wanted_album = key(split_title(c.track.album).core)
    album = key(split_title(c.cand.album).core)
    if _numbered(_sim(wanted_album, album), wanted_album, album) >= WEIGHTS["same"]:
        return Signal("album_agrees", WEIGHTS["album_agrees"], "album agrees")
    return Signal("other_album", WEIGHTS["other_album"], "other album")


def _year(c: _Ctx) -> Signal:
    want, have = c.track.year, c.cand.year
    if not (want and have):
        return Signal("year", 0.0)
    if have == want:
        return Signal("year_agrees", WEIGHTS["year_agrees"], "year agrees")
    if abs(have - want) > 1:
        return Signal("year_far", WEIGHTS["year_far"])
    return Signal("year", 0.0)


def _duration(c: _Ctx) -> Signal:
    want, have = c.track.duration_ms, c.cand.duration_ms
    if not (want and have):
        return Signal("duration", 0.0)
    off = abs(have - want) / 1000
    if off <= 3:
        return Signal("duration_agrees", WEIGHTS["duration_agrees"], "duration agrees")
    if off <= 10:
        return Signal("duration_near", WEIGHTS["duration_near"])
    name = "duration_off" if off <= 30 else "duration_far"
    return Signal(name, WEIGHTS[name], f"duration off by {off:.0f} s")


def _wish_words(c: _Ctx) -> Signal:
    w = c.w
    if not (w.details and _fulfils(c.kinds, w.kinds)):
        return Signal("wish_words", 0.0)
    words = set(key(" ".join((*c.title.decorations, c.cand.album, str(c.cand.year or "")))).split())
    found = len(w.details & words) / len(w.details)
    if found:
        # Of two copies of one take ("MTV Unplugged In New York" the album, "- MTV Unplugged"
        # the suffix), the one titled word for word as asked comes first.
        asked = key(c.track.version or "")
        verbatim = bool(asked) and any(key(d) == asked for d in c.title.decorations)
        return Signal(
            "wish_words",
            WEIGHTS["wish_words"] * found + (WEIGHTS["wish_verbatim"] if verbatim else 0.0),
            f"matches '{w.wish}'",
        )
    note = "" if c.take_note else f"not the '{w.wish}' recording"
    return Signal("wish_words_absent", WEIGHTS["wish_words_absent"], note)


# Order is the order of the notes in a reason.
SIGNALS: tuple[Callable[[_Ctx], Signal], ...] = (
    _identity_notes,
    _version,
    _named_version,
    _album,
    _year,
    _duration,
    _wish_words,
)
_FACTORS = frozenset({"version"})


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    scored: Scored
    title_sim: float
    artist_sim: float
    kinds: frozenset[str]
    version_ok: bool  # the recording asked for, at the detail the entry gives
    impostor: bool
    song: tuple[str, str]  # who and what: several recordings can share it
    recording: tuple[object, ...]  # same title, artist, version kind and take = same recording
    slip: bool = False  # the title agrees only once a one-letter slip is forgiven
    take: str = ""  # how this take reads in a reason: "the studio take", "a Peel Session (...)"
    signals: tuple[Signal, ...] = ()

    @property
    def score(self) -> float:
        return self.scored.score

    @property
    def same_song(self) -> bool:
        # A typo in the title or in the artist is forgiven, not both at once.
        if self.impostor or KARAOKE in self.kinds:
            return False
        if self.slip:
            return self.artist_sim >= WEIGHTS["exact"]
        return (
            self.title_sim >= WEIGHTS["same"]
            and self.artist_sim >= WEIGHTS["same"]
            and max(self.title_sim, self.artist_sim) >= WEIGHTS["exact"]
        )

    @property
    def plausible(self) -> bool:
        near = WEIGHTS["near"]
        return (
            (self.title_sim >= near or self.slip) and self.artist_sim >= near and not self.impostor
        )


def _candidate_kinds(cand: Candidate, title: Title) -> frozenset[str]:
    kinds: set[str] = set()
    for decoration in title.decorations:
        kinds |= classify(decoration).kinds
    album = fold(cand.album)
    if album_is_live(cand.album):
        kinds.add(LIVE)
        if "unplugged" in album.split():  # "MTV Unplugged In New York": live and acoustic
            kinds.add(ACOUSTIC)
    if "karaoke" in album:
        kinds.add(KARAOKE)
    return frozenset(kinds)


def _fulfils(kinds: frozenset[str], wanted: frozenset[str]) -> bool:
    """Whether a recording of ``kinds`` is what a wish for ``wanted`` asks for.

    An unplugged session is live and acoustic: it answers a wish for either.
    """
    return kinds == wanted or (bool(wanted) and wanted < kinds and kinds - wanted <= _UNPLUGGED)


def describe_take(cand: Candidate, title: Title, kinds: frozenset[str]) -> str:
    """A take as a reason names it: "the studio take", "a Peel Session (The Radio One ...)"."""
    if not kinds:
        return "the studio take"
    named = next((d for d in title.decorations if classify(d).kinds), "")
    told = particulars(named) if named else NO_PARTICULARS
    what = named if told.named or told.session else _kinds_name(kinds)
    where = ", ".join(str(x) for x in (cand.album, cand.year) if x)
    return f"a {what}" + (f" ({where})" if where else "")


def _take_key(cand: Candidate, title: Title, kinds: frozenset[str]) -> tuple[object, ...]:
    """What tells this take from others of its kind: its places, years and session."""
    if not kinds & _TAKES:
        return ()
    take = candidate_take(cand, title)
    return (take.places, take.years, take.session)


def assess(track: Track, cand: Candidate) -> Fit:
    """Every signal for ``cand`` against ``track``, and the total they make."""
    w = wanted(track)
    title = split_title(cand.title)
    t_sim = _title_similarity(w, title)
    cand_core = key(title.core)
    slip = (
        t_sim < WEIGHTS["same"]
        and _numbered(1.0, w.core_key, cand_core) == 1.0
        and is_slip(w.core_key, cand_core)
    )
    a_sim, guest = _artist_similarity(track.artist, cand.artists)
    kinds = _candidate_kinds(cand, title)
    impostor = any(is_impostor_artist(a) for a in cand.artists) and not is_impostor_artist(
        track.artist
    )
    ctx = _Ctx(
        track,
        w,
        cand,
        title,
        WEIGHTS["same"] if slip else t_sim,
        a_sim,
        guest,
        kinds,
        impostor,
        slip,
    )
    if _fulfils(kinds, w.kinds) and (w.take.named or w.take.session or w.year or (LIVE in kinds)):
        have = candidate_take(cand, title)
        want = w.take
        asked = key(track.version or "")
        if asked and any(key(d) == asked for d in title.decorations):
            # The suffix the entry names, word for word ("Live at the Village, Los Angeles,
            # CA" on a "Spotify Session" album): that take; only the year field may differ.
            want, have = NO_PARTICULARS, Particulars(years=have.years)
        if w.kinds & _TAKES or have.session:
            confirmed, contradicted, differs = compare_takes(want, have, cand.year, w.year)
            if contradicted:
                ctx.take_ok = False
                ctx.take_note = f"not the '{w.wish}' recording: {', '.join(differs)}"
            elif (want.named or w.year) and not confirmed:
                ctx.take_ok = False
                ctx.take_note = f"{_kinds_name(kinds)}; nothing shows it is '{w.wish}'"
    signals = tuple(signal(ctx) for signal in SIGNALS)
    factor = 1.0
    adjust = 0.0
    for s in signals:
        if s.name in _FACTORS:
            factor *= s.weight
        else:
            adjust += s.weight
    value = WEIGHTS["identity"] * (0.5 * ctx.t_sim + 0.5 * a_sim) * factor + adjust
    song = (key(title.core), artist_key(cand.artists[0]) if cand.artists else "")
    return Fit(
        scored=Scored(
            cand, round(min(1.0, max(0.0, value)), 4), "; ".join(s.note for s in signals if s.note)
        ),
        title_sim=t_sim,
        artist_sim=a_sim,
        kinds=kinds,
        version_ok=_fulfils(kinds, w.kinds) and ctx.take_ok,
        impostor=impostor,
        song=song,
        recording=(*song, kinds, _take_key(cand, title, kinds)),
        slip=slip,
        take=describe_take(cand, title, kinds),
        signals=signals,
    )


def score(track: Track, cand: Candidate) -> Scored:
    """How well ``cand`` fits ``track`` (0..1), with a short reason."""
    return assess(track, cand).scored
