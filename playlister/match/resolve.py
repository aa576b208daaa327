"""Deciding one entry: choose among scored candidates, and run the query ladder until sure.

A wrong match is worse than no match: a same-titled song by another artist, or another song by
the right artist, is never accepted, however high Spotify ranks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from playlister.match.candidate import Candidate, MatchResult, Scored
from playlister.match.queries import ladder
from playlister.match.score import Fit, assess
from playlister.state import Status
from playlister.tracklist import Track

MATCH_MIN = 0.85  # lowest score accepted without a person
MARGIN = 0.05  # lead over the next distinct recording needed to accept without a person

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


def _result(status: Status, fit: Fit | None, reason: str, fits: list[Fit]) -> MatchResult:
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
                Status.REVIEW, best,
                f"Ambiguous: {label} and {rival.scored.candidate.label} fit almost equally "
                f"({best.score:.2f} vs {rival.score:.2f}); a person must choose.",
                fits,
            )
        if best.score < MATCH_MIN:
            return _result(
                Status.REVIEW, best, f"Weak match: {label} ({best.scored.note}); please check.",
                fits,
            )
        return _result(Status.MATCHED, best, f"Matched {label}: {best.scored.note}.", fits)

    if songs:
        best = songs[0]
        rival = next((f for f in songs if f.song != best.song), None)
        label = best.scored.candidate.label
        if rival and best.score - rival.score < MARGIN:
            return _result(
                Status.REVIEW, best,
                f"Ambiguous: neither {label} nor {rival.scored.candidate.label} is the "
                f"recording asked for, and they fit almost equally; a person must choose.",
                fits,
            )
        return _result(
            Status.SUBSTITUTE, best,
            f"Substitute {label}: {best.scored.note}; the wanted recording was not found.",
            fits,
        )

    near = [f for f in fits if f.plausible]
    if near:
        best = near[0]
        return _result(
            Status.REVIEW, best,
            f"Not sure: closest to {wanted} is {best.scored.candidate.label} "
            f"({best.scored.note}).",
            fits,
        )
    closest = f"; closest: {fits[0].scored.candidate.label} ({fits[0].scored.note})" if fits else ""
    return _result(
        Status.MISSING, None,
        f"No recording of {wanted} among {len(fits)} search results{closest}.",
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
    for query, kind in ladder(track):
        if (kind == "artist variant" and artist_found) or (
            kind == "title only" and (artist_found or title_found)
        ):
            continue
        sent.append(query)
        for obj in search(query) or ():
            if _usable(obj):
                cand = Candidate.from_api(obj)
                seen.setdefault(cand.uri, cand)
                fit = assess(track, cand)
                artist_found = artist_found or fit.artist_sim >= 0.95
                title_found = title_found or fit.title_sim >= 0.95
        result = decide(track, seen.values())
        if result.status is Status.MATCHED or (
            result.status is Status.SUBSTITUTE and kind != "precise+version"
        ):
            break
    return replace(result, queries=tuple(sent))
