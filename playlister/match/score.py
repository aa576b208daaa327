"""Scoring one candidate against what an entry asks for: title, artist, version, hints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from playlister.match.candidate import Candidate, Scored
from playlister.match.text import artist_key, fold, key, primary_artist
from playlister.match.versions import (
    ACOUSTIC,
    DEMO,
    INSTRUMENTAL,
    KARAOKE,
    LIVE,
    REMIX,
    RERECORDED,
    Title,
    album_is_live,
    is_impostor_artist,
    is_neutral,
    split_title,
    version_kinds,
)
from playlister.tracklist import Track

SAME = 0.85  # title and artist similarity from which two names are taken to be the same
NEAR = 0.80  # ... from which a person should look

# --- what the entry asks for ----------------------------------------------------------------

_KIND_NAMES = {
    "": "studio recording", LIVE: "live recording", DEMO: "demo or alternate take",
    REMIX: "remix", ACOUSTIC: "acoustic version", INSTRUMENTAL: "instrumental",
    RERECORDED: "re-recording", KARAOKE: "karaoke or cover version",
}
_DETAIL_STOP = frozenset({
    "live", "at", "in", "on", "from", "the", "of", "a", "and", "version", "recorded", "recording",
    "demo", "remix", "mix", "acoustic", "instrumental", "unplugged", "session", "sessions", "take",
    "edit", "studio", "original", "remaster", "remastered", "ao", "vivo", "en", "concert",
    "performance"
})


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


def wanted(track: Track) -> _Wanted:
    return _wanted_for(track.title, track.artist, track.album, track.version)


@lru_cache(maxsize=4096)
def _wanted_for(title_text: str, artist: str, album: str | None, version: str | None) -> _Wanted:
    title = split_title(title_text)
    kinds: set[str] = set()
    wish = (version or "").strip()
    for text in (*title.decorations, wish):
        kinds |= version_kinds(text)
    decorated = [d for d in title.decorations if version_kinds(d)]
    if not wish and decorated:
        wish = decorated[0]
    if album and album_is_live(album):  # "MTV Unplugged in New York" asks for live
        kinds.add(LIVE)
        wish = wish or album
    details = frozenset(w for w in key(wish).split() if w not in _DETAIL_STOP)
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
    )


def _is_other(decoration: str) -> bool:
    """A named version that is neither neutral nor a known kind: "Nevermind Version"."""
    return bool(decoration) and not version_kinds(decoration) and not is_neutral(decoration)


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


def _title_similarity(w: _Wanted, title: Title) -> float:
    core = key(title.core)
    # Agreeing only once bracketed words are dropped ("Satisfaction" for "(I Can't Get No)
    # Satisfaction") is weaker evidence than agreeing in full.
    sim = max(_sim(w.core_key, core), 0.9 * _sim(w.short_key, key(title.short)))
    return _numbered(sim, w.core_key, core)


def _numbered(sim: float, a: str, b: str) -> float:
    """``sim``, capped below "same" when ``a`` and ``b`` carry different numbers."""
    return sim if set(_NUMBERS.findall(a)) == set(_NUMBERS.findall(b)) else min(sim, 0.6)


def _artist_similarity(wanted: str, artists: tuple[str, ...]) -> tuple[float, bool]:
    """(similarity, whether the wanted artist is only a guest on the candidate)."""
    if not artists:
        return 0.0, False
    whole = artist_key(wanted)
    lead = artist_key(primary_artist(wanted))
    first = artist_key(artists[0])
    best = max(_sim(whole, first), _sim(whole, artist_key(" & ".join(artists))))
    if lead != whole:
        best = max(best, 0.95 * _sim(lead, first))
    # "Bruce Springsteen" vs "Bruce Springsteen & The E Street Band", either way round.
    if first.startswith(whole + " and ") or whole.startswith(first + " and "):
        best = max(best, 0.88)
    # The wanted artist only guests on this recording: worth a look, never taken unasked.
    guest = max(
        (max(_sim(whole, artist_key(a)), _sim(lead, artist_key(a))) for a in artists[1:]),
        default=0.0,
    )
    if 0.84 * guest > best:
        return 0.84 * guest, True
    return best, False


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
    recording: tuple[str, str, frozenset[str]]  # same title+artist+version kind = same recording

    @property
    def score(self) -> float:
        return self.scored.score

    @property
    def same_song(self) -> bool:
        # A typo in the title or in the artist is forgiven, not both at once.
        return (
            self.title_sim >= SAME and self.artist_sim >= SAME
            and max(self.title_sim, self.artist_sim) >= 0.99
            and not self.impostor and KARAOKE not in self.kinds
        )

    @property
    def plausible(self) -> bool:
        return self.title_sim >= NEAR and self.artist_sim >= NEAR and not self.impostor


def _candidate_kinds(cand: Candidate, title: Title) -> frozenset[str]:
    kinds: set[str] = set()
    for decoration in title.decorations:
        kinds |= version_kinds(decoration)
    if album_is_live(cand.album):
        kinds.add(LIVE)
    album = fold(cand.album)
    if "karaoke" in album:
        kinds.add(KARAOKE)
    return frozenset(kinds)


def _fulfils(kinds: frozenset[str], wanted: frozenset[str]) -> bool:
    """Whether a recording of ``kinds`` is what a wish for ``wanted`` asks for.

    An unplugged session is live and acoustic: it answers a wish for either.
    """
    return kinds == wanted or (bool(wanted) and wanted < kinds and kinds - wanted <= _UNPLUGGED)


def assess(track: Track, cand: Candidate) -> Fit:
    w = wanted(track)
    title = split_title(cand.title)
    t_sim = _title_similarity(w, title)
    a_sim, guest = _artist_similarity(track.artist, cand.artists)
    kinds = _candidate_kinds(cand, title)
    impostor = any(is_impostor_artist(a) for a in cand.artists) and not is_impostor_artist(
        track.artist
    )
    notes: list[str] = []

    if t_sim >= 0.99 and a_sim >= 0.99:
        notes.append("title and artist agree")
    else:
        if t_sim < 0.99:
            notes.append(
                f"title differs ({t_sim:.0%})" if t_sim >= NEAR else "another song"
            )
        if guest:
            notes.append(f"{track.artist} only guests (led by {cand.artists[0]})")
        elif a_sim < 0.99:
            shown = ", ".join(cand.artists) or "no artist"
            notes.append(
                f"artist spelled differently ({a_sim:.0%})" if a_sim >= SAME
                else f"other artist ({shown})"
            )
    if impostor:
        notes.append("karaoke, tribute or cover artist")

    # How far this recording is from the one asked for.
    version_ok = _fulfils(kinds, w.kinds)
    version_note = ""
    if kinds == w.kinds:
        factor = 1.0
        if kinds:
            version_note = f"{_kinds_name(kinds)} as wanted"
    elif version_ok:
        factor = 0.97
        version_note = f"{_kinds_name(kinds)} for '{w.wish}'"
    else:
        # Sharing a kind ("live" for "live acoustic") is closer than sharing none.
        near = 0.85 if kinds & w.kinds else 0.75 - 0.05 * (len(kinds ^ w.kinds) - 1)
        factor = max(0.6, near)
        version_note = f"{_kinds_name(kinds)}; {w.wish or 'studio'} wanted"
    if version_note and t_sim >= NEAR:  # the version of another song is beside the point
        notes.append(version_note)
    if impostor or (KARAOKE in kinds and KARAOKE not in w.kinds):
        factor = min(factor, 0.5)

    adjust = 0.0
    others = [d for d in title.decorations if _is_other(d)]
    if w.others:
        if any(_sim(o, key(d)) >= SAME for o in w.others for d in others):
            adjust += 0.03
            notes.append("same named version")
        else:
            adjust -= 0.05
            notes.append("not the named version asked for")
    elif others:
        adjust -= 0.12  # an unknown named version may be another recording: let a person look
        notes.append(f"other version: {others[0]}")
    elif title.decorations and not kinds:
        adjust -= 0.005  # a remaster is the same recording, but prefer the plain title on a tie

    if track.album:
        wanted_album, album = key(split_title(track.album).core), key(split_title(cand.album).core)
        if _numbered(_sim(wanted_album, album), wanted_album, album) >= SAME:
            adjust += 0.03
            notes.append("album agrees")
        else:
            adjust -= 0.02
            notes.append("other album")
    if track.year and cand.year:
        if cand.year == track.year:
            adjust += 0.02
            notes.append("year agrees")
        elif abs(cand.year - track.year) > 1:
            adjust -= 0.01  # reissues and compilations carry their own year
    if track.duration_ms and cand.duration_ms:
        off = abs(cand.duration_ms - track.duration_ms) / 1000
        if off <= 3:
            adjust += 0.03
            notes.append("duration agrees")
        elif off <= 10:
            adjust += 0.01
        elif off <= 30:
            adjust -= 0.03
            notes.append(f"duration off by {off:.0f} s")
        else:
            adjust -= 0.12
            notes.append(f"duration off by {off:.0f} s")
    if w.details and version_ok:
        words = set(key(" ".join((*title.decorations, cand.album, str(cand.year or "")))).split())
        found = len(w.details & words) / len(w.details)
        if found:
            adjust += 0.04 * found
            notes.append(f"matches '{w.wish}'")
        else:
            adjust -= 0.02
            notes.append(f"not the '{w.wish}' recording")

    value = 0.95 * (0.5 * t_sim + 0.5 * a_sim) * factor + adjust
    song = (key(title.core), artist_key(cand.artists[0]) if cand.artists else "")
    return Fit(
        scored=Scored(cand, round(min(1.0, max(0.0, value)), 4), "; ".join(notes)),
        title_sim=t_sim,
        artist_sim=a_sim,
        kinds=kinds,
        version_ok=version_ok,
        impostor=impostor,
        song=song,
        recording=(*song, kinds),
    )


def score(track: Track, cand: Candidate) -> Scored:
    """How well ``cand`` fits ``track`` (0..1), with a short reason."""
    return assess(track, cand).scored
