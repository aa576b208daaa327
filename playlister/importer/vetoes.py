"""Stage 3, vetoes: the context that says a quoted phrase is not a song (a film, book, album or
show named as such, a heading about them, quoted speech or lyrics). Each returns what it saw,
so the left-out line can name it."""

from __future__ import annotations

import re

from playlister.importer.words import SONG_NOUNS

# Words that, right next to a quoted title, make it something other than a song.
DECOY_KINDS = {
    "album": "album",
    "albums": "album",
    "record": "album",
    "records": "album",
    "lp": "album",
    "ep": "album",
    "mixtape": "album",
    "compilation": "album",
    "soundtrack": "album",
    "soundtracks": "album",
    "film": "film",
    "films": "film",
    "movie": "film",
    "movies": "film",
    "documentary": "film",
    "documentaries": "film",
    "doc": "film",
    "biopic": "film",
    "comedy": "film",
    "drama": "film",
    "psychodrama": "film",
    "thriller": "film",
    "picture": "film",
    "musical": "film",
    "short": "film",
    "feature": "film",
    "book": "book",
    "books": "book",
    "novel": "book",
    "memoir": "book",
    "biography": "book",
    "autobiography": "book",
    "poem": "book",
    "magazine": "book",
    "zine": "book",
    "essay": "book",
    "show": "show",
    "shows": "show",
    "series": "show",
    "sitcom": "show",
    "episode": "show",
    "podcast": "show",
    "play": "show",
    "opera": "show",
}


# Only right after a name: "the House theme" is a show's; before one, "the Bond theme
# "Skyfall"" is a song.
AFTER_DECOYS = {"theme": "show", "themes": "show"}


# In a whole sentence only the unambiguous ones count ("play" and "show" are verbs too).
SENTENCE_DECOYS = {
    "album",
    "albums",
    "lp",
    "ep",
    "film",
    "films",
    "movie",
    "movies",
    "documentary",
    "documentaries",
    "biopic",
    "book",
    "books",
    "novel",
    "memoir",
    "sitcom",
    "series",
    "psychodrama",
    "comedy",
    "drama",
}


LYRIC_NOUNS = {
    "lyric",
    "lyrics",
    "line",
    "lines",
    "chorus",
    "verse",
    "refrain",
    "hook",
    "words",
    "motto",
    "slogan",
    "tagline",
    "quote",
    "title",
    "phrase",
    "mantra",
}


SPEECH_VERBS = {
    "says",
    "said",
    "say",
    "saying",
    "asks",
    "asked",
    "ask",
    "told",
    "tells",
    "tell",
    "goes",
    "go",
    "went",
    "sings",
    "sang",
    "sing",
    "singing",
    "yells",
    "yelled",
    "screams",
    "screamed",
    "shouts",
    "shouted",
    "wrote",
    "writes",
    "reads",
    "whispers",
    "whispered",
    "replied",
    "replies",
    "adds",
    "added",
    "explains",
    "explained",
    "recalls",
    "recalled",
    "continued",
    "promises",
    "thinking",
    "thought",
    "like",
    "quipped",
    "joked",
    "insists",
    "insisted",
}


def _decoy_next_to(before: str, after: str) -> tuple[str, str] | None:
    """An album, film, book or show word right before or after a quoted title."""
    b = re.sub(r"\s*(?:\b(?:called|titled|named)\b|[,:(\[])\s*$", "", before.rstrip())
    b = re.sub(r"\s*\b(?:called|titled|named)\s*$", "", b)
    words = re.findall(r"[\w'\u2019-]+", b[-60:])
    if words:
        last = words[-1].lower()
        prev = words[-2].lower() if len(words) > 1 else ""
        verb_like = prev == "to" and last in ("record", "play", "feature", "show")
        ambiguous = last in ("short", "feature", "picture", "play", "show")
        if (
            last in DECOY_KINDS
            and not verb_like
            and (not ambiguous or prev in ("the", "a", "his", "her", "their", "its"))
        ):
            return DECOY_KINDS[last], words[-1]
    m = re.match(r"[,.]?\s*(?:\(|,)?\s*(?:the\s+|a\s+)?(?:\d{4}\s+)?([A-Za-z]+)\b", after)
    if (
        m
        and m.group(1).lower() in DECOY_KINDS
        and m.group(1).lower()
        not in ("play", "show", "short", "feature", "picture", "shows", "comedy", "drama")
    ):
        return DECOY_KINDS[m.group(1).lower()], m.group(1)
    m = re.match(r"\s+(theme|themes)\b", after, re.I)
    if m:
        return AFTER_DECOYS[m.group(1).lower()], m.group(1)
    return None


def _lyric_cue(before: str) -> str | None:
    """`the chorus is "…"`, `those lyrics, "…"`, `which goes, "…"`, `she says, "…"`."""
    words = re.findall(r"[\w'\u2019]+|[,:]", before[-50:])
    if not words:
        return None
    tail = [w.lower() for w in words[-4:]]
    ends_with_mark = tail[-1] in (",", ":")
    for w in reversed(tail):
        if w in LYRIC_NOUNS:
            return str(w)
        if w in SPEECH_VERBS and (ends_with_mark or w not in ("like", "thinking", "thought")):
            return str(w)
    if ends_with_mark and before.rstrip().endswith(":"):
        return ":"
    return None


def _sentence_decoy(sentence: str, title: str) -> str | None:
    """A film/album word in the sentence and no song word: the quote is likely not a song."""
    words = {w.lower() for w in re.findall(r"[\w-]+", sentence.replace(title, " "))}
    if words & SONG_NOUNS - {"cut", "number", "classic", "hit", "cover", "jam"}:
        return None
    found = words & SENTENCE_DECOYS
    return DECOY_KINDS[sorted(found)[0]] if found else None


def _sentence_decoy_adjacent(sentence: str) -> bool:
    return (
        False
        if not sentence
        else bool(
            re.search(
                r"\b(?:films?|movies?|albums?|books?|novels?)\s+(?:like|such as)\b", sentence, re.I
            )
        )
    )


def _decoy_heading(text: str) -> str | None:
    words = {w.lower() for w in re.findall(r"[\w-]+", text)}
    if words & {"song", "songs", "track", "tracks", "playlist", "singles", "tracklist"}:
        return None
    for w in (
        "albums",
        "album",
        "records",
        "lps",
        "films",
        "film",
        "movies",
        "movie",
        "books",
        "book",
        "documentaries",
        "shows",
        "series",
        "reading",
    ):
        if w in words:
            return {"lps": "album", "reading": "book"}.get(w, DECOY_KINDS.get(w, "album"))
    return None
