"""Find the Spotify recording a tracklist entry means, or say honestly that there is none.

Three steps, kept apart so each can be tested alone:

- ``build_queries``: the search ladder, a precise query first and fallbacks after it, every
  query cleaned of what Spotify's search chokes on;
- ``score`` / ``decide``: pure judgement of candidates against the entry, with a margin between
  the best and the next *distinct* recording;
- ``resolve``: runs the ladder through a caller-supplied ``search`` function and stops at the
  first confident decision.

A wrong match is worse than no match: a same-titled song by another artist, or another song by
the right artist, is never accepted, however high Spotify ranks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import OSA

from playlister.normalize import (
    ACOUSTIC,
    DEMO,
    INSTRUMENTAL,
    KARAOKE,
    LIVE,
    REMIX,
    RERECORDED,
    Title,
    album_is_live,
    artist_key,
    fold,
    is_impostor_artist,
    is_neutral,
    key,
    primary_artist,
    split_title,
    version_kinds,
)
from playlister.tracklist import Track

MATCHED, SUBSTITUTE, REVIEW, MISSING = "matched", "substitute", "review", "missing"

MAX_QUERY = 100
SAME = 0.85  # title and artist similarity from which two names are taken to be the same
NEAR = 0.80  # ... from which a person should look
MATCH_MIN = 0.85  # lowest score accepted without a person
MARGIN = 0.05  # lead over the next distinct recording needed to accept without a person


@dataclass(frozen=True)
class Candidate:
    """One Spotify track, reduced to what matching needs."""

    uri: str
    title: str
    artists: tuple[str, ...]
    album: str
    year: int | None
    duration_ms: int | None
    album_type: str | None = None

    @classmethod
    def from_api(cls, obj: dict) -> Candidate:
        """Build from a Spotify track object as found in search results."""
        album = obj.get("album") or {}
        date = str(album.get("release_date") or "")
        uri = obj.get("uri") or f"spotify:track:{obj['id']}"
        return cls(
            uri=uri,
            title=obj.get("name") or "",
            artists=tuple(a.get("name") or "" for a in obj.get("artists") or ()),
            album=album.get("name") or "",
            year=int(date[:4]) if date[:4].isdigit() else None,
            duration_ms=obj.get("duration_ms"),
            album_type=album.get("album_type"),
        )

    @property
    def label(self) -> str:
        artists = ", ".join(self.artists) or "unknown artist"
        where = ", ".join(str(x) for x in (self.album, self.year) if x)
        return f"\u201c{self.title}\u201d by {artists}" + (f" ({where})" if where else "")


@dataclass(frozen=True)
class Scored:
    """A candidate with its score (0..1) and a short human reason."""

    candidate: Candidate
    score: float
    note: str


@dataclass(frozen=True)
class MatchResult:
    """The decision for one entry, with what an audit needs to check it."""

    status: str
    candidate: Candidate | None
    score: float
    reason: str
    alternatives: tuple[Scored, ...]
    queries: tuple[str, ...]


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


def _wanted(track: Track) -> _Wanted:
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
class _Fit:
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


def _assess(track: Track, cand: Candidate) -> _Fit:
    w = _wanted(track)
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
    return _Fit(
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
    return _assess(track, cand).scored


# --- deciding -----------------------------------------------------------------------------------


def _fits(track: Track, candidates: Iterable[Candidate]) -> list[_Fit]:
    unique: dict[str, Candidate] = {}
    for cand in candidates:
        unique.setdefault(cand.uri, cand)
    fits = [_assess(track, c) for c in unique.values()]
    fits.sort(key=lambda f: -f.score)  # stable: Spotify's order breaks ties
    return fits


def _distinct(fits: list[_Fit], chosen: _Fit | None, limit: int = 3) -> tuple[Scored, ...]:
    """The best-scored representative of each recording other than the chosen one."""
    seen = {chosen.recording} if chosen else set()
    out: list[Scored] = []
    for fit in fits:
        if fit.recording not in seen:
            seen.add(fit.recording)
            out.append(fit.scored)
            if len(out) == limit:
                break
    return tuple(out)


def _result(status: str, fit: _Fit | None, reason: str, fits: list[_Fit]) -> MatchResult:
    return MatchResult(
        status=status,
        candidate=fit.scored.candidate if fit else None,
        score=fit.score if fit else 0.0,
        reason=reason,
        alternatives=_distinct(fits, fit),
        queries=(),
    )


def decide(track: Track, candidates: Iterable[Candidate]) -> MatchResult:
    """Choose among ``candidates`` for ``track``: matched, substitute, review or missing.

    Pure: the same candidates give the same answer whatever order Spotify returned them in,
    except that Spotify's order breaks exact ties between copies of one recording.
    """
    fits = _fits(track, candidates)
    wanted = f"\u201c{track.title}\u201d by {track.artist}"
    songs = [f for f in fits if f.same_song]
    exact = [f for f in songs if f.version_ok]

    if exact:
        best = exact[0]
        # Another recording that also answers the wish (a second live take) is no rival.
        rival = next(
            (f for f in fits
             if f.recording != best.recording
             and not (f.version_ok and f.song == best.song and f.kinds != best.kinds)),
            None,
        )
        label = best.scored.candidate.label
        if rival and best.score - rival.score < MARGIN:
            return _result(
                REVIEW, best,
                f"Ambiguous: {label} and {rival.scored.candidate.label} fit almost equally "
                f"({best.score:.2f} vs {rival.score:.2f}); a person must choose.",
                fits,
            )
        if best.score < MATCH_MIN:
            return _result(
                REVIEW, best, f"Weak match: {label} ({best.scored.note}); please check.", fits
            )
        return _result(MATCHED, best, f"Matched {label}: {best.scored.note}.", fits)

    if songs:
        best = songs[0]
        rival = next((f for f in songs if f.song != best.song), None)
        label = best.scored.candidate.label
        if rival and best.score - rival.score < MARGIN:
            return _result(
                REVIEW, best,
                f"Ambiguous: neither {label} nor {rival.scored.candidate.label} is the "
                f"recording asked for, and they fit almost equally; a person must choose.",
                fits,
            )
        return _result(
            SUBSTITUTE, best,
            f"Substitute {label}: {best.scored.note}; the wanted recording was not found.",
            fits,
        )

    near = [f for f in fits if f.plausible]
    if near:
        best = near[0]
        return _result(
            REVIEW, best,
            f"Not sure: closest to {wanted} is {best.scored.candidate.label} "
            f"({best.scored.note}).",
            fits,
        )
    closest = f"; closest: {fits[0].scored.candidate.label} ({fits[0].scored.note})" if fits else ""
    return _result(
        MISSING, None,
        f"No recording of {wanted} among {len(fits)} search results{closest}.",
        fits,
    )


# --- the search ladder ------------------------------------------------------------------------

_UNSAFE = re.compile(r"[/:+\"()\[\]{}*,;!?#|\\]|\s-+\s|^-+\s|\s-+$")
_CONNECTORS = frozenset({"&", "and", "n", "'n'", "n'", "'n", "+"})
_GUESTS = frozenset({"feat", "feat.", "ft", "ft.", "featuring", "with", "x", "vs", "vs."})
_N_JOINED = re.compile(r"(?<=\w)'n'(?=\w)", re.IGNORECASE)
_VERSION_WORD = {LIVE: "live", DEMO: "demo", REMIX: "remix", ACOUSTIC: "acoustic",
                 INSTRUMENTAL: "instrumental"}


def _words(text: str, *, filter_value: bool, credit: bool = False) -> tuple[list[str], list[str]]:
    """Split ``text`` into (safe words, apostrophe words) for one part of a query.

    Connectors ('&', "and", 'n'), a leading "The" and, in an artist ``credit``, guest markers
    ("feat.") are dropped: whole-word matching would otherwise demand Spotify's exact spelling
    of them. Apostrophe words are returned apart when ``filter_value`` is true: Spotify finds
    nothing for them inside a field filter, so they must go into the free text.
    """
    words: list[str] = []
    quoted: list[str] = []
    raw = _UNSAFE.sub(" ", text.replace("\u2019", "'").replace("\u2018", "'")).split()
    for i, word in enumerate(raw):
        low = word.casefold()
        if low in _CONNECTORS or (credit and low in _GUESTS) or (i == 0 and low == "the"):
            continue
        for part in _N_JOINED.sub(" ", word).split():  # "Rock'n'Roll" -> "Rock", "Roll"
            if not part.strip("'-."):
                continue
            (quoted if "'" in part and filter_value else words).append(part)
    return words, quoted


def _query(*free: str, **fields: str) -> str:
    """Compose one query, moving apostrophe words out of filters and keeping within 100 chars."""
    loose: list[str] = []
    for text in free:
        loose.extend(_words(text, filter_value=False, credit=True)[0])
    parts: dict[str, list[str]] = {}
    quoted: list[str] = []
    for name, value in fields.items():
        words, q = _words(value, filter_value=True, credit=name == "artist")
        quoted.extend(q)
        if words:
            parts[name] = words
    loose = list(dict.fromkeys(quoted + loose))

    def render() -> str:
        filters = [f"{name}:{' '.join(words)}" for name, words in parts.items() if words]
        return " ".join([*loose, *filters])

    # Over-long: shorten the album, then the free words, then the title, then the artist.
    for name in ("album", "free", "track", "artist"):
        words = loose if name == "free" else parts.get(name, [])
        keep = 0 if name in ("album", "free") else 1
        while len(render()) > MAX_QUERY and len(words) > keep:
            words.pop()
    text = render()
    return text if len(text) <= MAX_QUERY else text[:MAX_QUERY].rsplit(" ", 1)[0]


def _ladder(track: Track) -> list[tuple[str, str]]:
    """(query, rung kind) pairs, most precise first, without repeats."""
    w = _wanted(track)
    title = w.title.core
    artist = track.artist
    version = " ".join(_VERSION_WORD[k] for k in sorted(w.kinds) if k in _VERSION_WORD)
    rungs: list[tuple[str, str]] = []
    if version:
        rungs.append((_query(version, track=title, artist=artist), "precise+version"))
    rungs.append((_query(track=title, artist=artist), "precise"))
    rungs.append((_query(title, artist), "free"))
    if w.short_key != w.core_key and w.title.short:
        rungs.append((_query(track=w.title.short, artist=artist), "short title"))
    album = split_title(track.album).core if track.album else ""
    if album and key(album) != w.core_key:  # a single named after the song adds nothing
        longest = max(_words(title, filter_value=False)[0], key=len, default="")
        rungs.append((_query(longest, album=album, artist=artist), "album"))
    for variant in (primary_artist(artist), re.split(r"\s(?:&|and)\s", artist)[0]):
        if variant and variant != artist:
            rungs.append((_query(track=title, artist=variant), "artist variant"))
    rungs.append((_query(track=title), "title only"))
    seen: set[str] = set()
    out = []
    for query, kind in rungs:
        if query and query not in seen:
            seen.add(query)
            out.append((query, kind))
    return out


def build_queries(track: Track) -> list[str]:
    """The search ladder for ``track``: each query cleaned for Spotify and at most 100 chars."""
    return [query for query, _ in _ladder(track)]


# --- running the ladder -----------------------------------------------------------------------


def _usable(obj: object) -> bool:
    return (
        isinstance(obj, dict)
        and bool(obj.get("uri") or obj.get("id"))
        and not obj.get("is_local")
        and obj.get("is_playable") is not False
    )


def resolve(track: Track, search: Callable[[str], list[dict]]) -> MatchResult:
    """Run the ladder through ``search`` (query -> Spotify track objects) until confident.

    Stops at a match, or at a substitute once the plain precise query has been tried. Rungs that
    only fix the artist's spelling are skipped once results show Spotify knows that spelling,
    and the title-only rung also once the title has turned up (by other artists).
    Unplayable (``is_playable: false``) and local tracks are ignored.
    """
    seen: dict[str, Candidate] = {}
    sent: list[str] = []
    result = decide(track, ())
    artist_found = title_found = False
    for query, kind in _ladder(track):
        if (kind == "artist variant" and artist_found) or (
            kind == "title only" and (artist_found or title_found)
        ):
            continue
        sent.append(query)
        for obj in search(query) or ():
            if _usable(obj):
                cand = Candidate.from_api(obj)
                seen.setdefault(cand.uri, cand)
                fit = _assess(track, cand)
                artist_found = artist_found or fit.artist_sim >= 0.95
                title_found = title_found or fit.title_sim >= 0.95
        result = decide(track, seen.values())
        if result.status == MATCHED or (result.status == SUBSTITUTE and kind != "precise+version"):
            break
    return replace(result, queries=tuple(sent))
