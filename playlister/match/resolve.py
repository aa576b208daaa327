"""Deciding one entry: choose among scored candidates, and run the query ladder until sure.

A wrong match is worse than no match: a same-titled song by another artist, or another song by
the right artist, is never accepted, however high Spotify ranks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from playlister.match.candidate import Candidate, MatchResult, Scored
from playlister.match.queries import ladder
from playlister.match.score import WEIGHTS, Fit, assess, wanted
from playlister.state import Status
from playlister.tracklist import Track

PAGE = 10  # results a search returns (Spotify's limit): a full page may hide more

# --- deciding -----------------------------------------------------------------------------------


def _fits(track: Track, candidates: Iterable[Candidate]) -> list[Fit]:
    unique: dict[str, Candidate] = {}
    for cand in candidates:
        unique.setdefault(cand.uri, cand)
    fits = [assess(track, c) for c in unique.values()]
    fits.sort(key=lambda f: -f.score)  # stable: Spotify's order breaks ties
    return fits


def _distinct(fits: list[Fit], chosen: Fit | None, limit: int = 3) -> tuple[Scored, ...]:
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


def _result(
    status: Status,
    fit: Fit | None,
    reason: str,
    fits: list[Fit],
    *,
    wanted: str = "",
    found: tuple[str, ...] = (),
) -> MatchResult:
    return MatchResult(
        status=status,
        candidate=fit.scored.candidate if fit else None,
        score=fit.score if fit else 0.0,
        reason=reason,
        alternatives=_distinct(fits, fit),
        queries=(),
        wanted=wanted,
        found=found,
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _wish(track: Track) -> str:
    w = wanted(track)
    return w.wish or (track.version or "the studio recording")


def _found(songs: list[Fit]) -> list[str]:
    """Each distinct take of the song found, studio first: "the studio take", "a Peel ..."."""
    takes: list[str] = []
    for fit in sorted(songs, key=lambda f: bool(f.kinds)):
        if fit.take not in takes:
            takes.append(fit.take)
    return takes[:4]


def _slip_rival(best: Fit, fits: list[Fit]) -> Fit | None:
    """Another song by the artist as close to the slipped title as ``best``: then a slip rule
    cannot tell which was meant."""
    if not (best.slip or best.title_sim < WEIGHTS["exact"]):
        return None
    return next(
        (
            f
            for f in fits
            if f.song != best.song
            and f.artist_sim >= WEIGHTS["exact"]
            and not f.impostor
            and (f.slip or f.title_sim >= best.title_sim)
        ),
        None,
    )


def decide(track: Track, candidates: Iterable[Candidate]) -> MatchResult:
    """Choose among ``candidates`` for ``track``: matched, substitute, review or missing.

    Matched only when the recording is the one asked for: the kind agrees and no particular
    the entry names (venue, year, session) contradicts the candidate's. Otherwise the song's
    studio recording stands in as a substitute (another take only where no studio one
    exists), with a reason naming what was wanted and what was found.

    Pure: the same candidates give the same answer whatever order Spotify returned them in,
    except that Spotify's order breaks exact ties between copies of one recording.
    """
    fits = _fits(track, candidates)
    wanted_label = f"\u201c{track.title}\u201d by {track.artist}"
    songs = [f for f in fits if f.same_song]
    exact = [f for f in songs if f.version_ok]

    if exact:
        best = exact[0]
        # Another recording that also answers the wish (a second live take) is no rival.
        rival = next(
            (
                f
                for f in fits
                if f.recording != best.recording and not (f.version_ok and f.song == best.song)
            ),
            None,
        )
        label = best.scored.candidate.label
        slip_rival = _slip_rival(best, fits)
        if slip_rival is not None:
            return _result(
                Status.REVIEW,
                best,
                f"Ambiguous spelling: {label} and {slip_rival.scored.candidate.label} are both "
                f"close to \u201c{track.title}\u201d; a person must choose.",
                fits,
            )
        if rival and best.score - rival.score < WEIGHTS["margin"]:
            return _result(
                Status.REVIEW,
                best,
                f"Ambiguous: {label} and {rival.scored.candidate.label} fit almost equally "
                f"({best.score:.2f} vs {rival.score:.2f}); a person must choose.",
                fits,
            )
        if best.score < WEIGHTS["match_min"]:
            return _result(
                Status.REVIEW,
                best,
                f"Weak match: {label} ({best.scored.note}); please check.",
                fits,
            )
        return _result(Status.MATCHED, best, f"Matched {label}: {best.scored.note}.", fits)

    if songs:
        studio = [f for f in songs if not f.kinds] if wanted(track).kinds else []
        pool = studio or songs
        best = pool[0]
        rival = next((f for f in pool if f.song != best.song), None)
        label = best.scored.candidate.label
        if rival and best.score - rival.score < WEIGHTS["margin"]:
            return _result(
                Status.REVIEW,
                best,
                f"Ambiguous: neither {label} nor {rival.scored.candidate.label} is the "
                f"recording asked for, and they fit almost equally; a person must choose.",
                fits,
            )
        wish = _wish(track)
        found = _found(songs)
        return _result(
            Status.SUBSTITUTE,
            best,
            f"{wish[:1].upper() + wish[1:]} wanted; not on Spotify: found {_and(found)}. "
            f"Standing in: {label} ({best.scored.note}).",
            fits,
            wanted=wish,
            found=tuple(found),
        )

    near = [f for f in fits if f.plausible]
    if near:
        best = near[0]
        return _result(
            Status.REVIEW,
            best,
            f"Not sure: closest to {wanted_label} is {best.scored.candidate.label} "
            f"({best.scored.note}).",
            fits,
        )
    closest = f"; closest: {fits[0].scored.candidate.label} ({fits[0].scored.note})" if fits else ""
    return _result(
        Status.MISSING,
        None,
        f"No recording of {wanted_label} among {len(fits)} search results{closest}.",
        fits,
    )


# --- running the ladder -----------------------------------------------------------------------


def _usable(obj: object) -> bool:
    return (
        isinstance(obj, dict)
        and bool(obj.get("uri") or obj.get("id"))
        and not obj.get("is_local")
        and obj.get("is_playable") is not False
    )


def resolve(track: Track, search: Callable[[str], list[dict[str, Any]]]) -> MatchResult:
    """Run the ladder through ``search`` (query -> Spotify track objects) until confident.

    Stops at a match, or at a substitute; the precise query with the version word ("live") is
    only sent when the plain precise query filled its page, so the take may lie beyond. When
    the precise query finds nothing, the second search asks for the artist's catalog: a page
    that is not full is every song Spotify holds by that artist, so if none is close absence
    is settled in two searches. Otherwise absence is settled once a free-text search (which
    forgives a slip of the fingers) has run and results show the artist's other songs or the
    title by other artists. Rungs that only fix the artist's spelling are skipped once results
    show Spotify knows that spelling, the catalog rung too, and the title-only rung also once
    the title has turned up (by other artists). Unplayable (``is_playable: false``) and local
    tracks are ignored.
    """
    seen: dict[str, Candidate] = {}
    sent: list[str] = []
    result = decide(track, ())
    artist_found = title_found = full = free_sent = catalog_seen = False
    rungs = ladder(track)
    has_version_rung = any(kind == "precise+version" for _, kind in rungs)
    for query, kind in rungs:
        if (
            (kind in ("artist variant", "catalog") and artist_found)
            or (kind == "title only" and (artist_found or title_found))
            or (kind == "precise+version" and not full)
        ):
            continue
        sent.append(query)
        page = search(query) or []
        full = len(page) >= PAGE
        free_sent = free_sent or kind == "free"
        for obj in page:
            if _usable(obj):
                cand = Candidate.from_api(obj)
                seen.setdefault(cand.uri, cand)
                fit = assess(track, cand)
                artist_found = artist_found or fit.artist_sim >= WEIGHTS["found"]
                title_found = title_found or fit.title_sim >= WEIGHTS["found"]
        # A catalog page with room to spare holds every song by the artist.
        catalog_seen = catalog_seen or (kind == "catalog" and artist_found and not full)
        result = decide(track, seen.values())
        version_next = kind == "precise" and full and has_version_rung
        if result.status is Status.MATCHED or (
            result.status is Status.SUBSTITUTE and not version_next
        ):
            break
        if (
            len(sent) >= 2
            and result.status is Status.MISSING
            and (catalog_seen or (free_sent and (artist_found or title_found)))
        ):
            break
    return replace(result, queries=tuple(sent))
