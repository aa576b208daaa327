"""Stage 3, vetoes: the context that says a quoted phrase is not a song (a film, book, album or
show named as such, a heading about them, quoted speech or lyrics). Each returns what it saw,
so the left-out line can name it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from playlister.importer.model import LeftOut, Song
from playlister.importer.words import (
    _SENTENCE_END,
    ALBUM_AFTER,
    ALBUM_BEFORE,
    ALBUM_EMBED_LINE,
    ALBUM_SECTION,
    ALBUM_YEAR_LINE,
    BREAK_WORDS,
    CHORD_LIST,
    CREDIT_WORDS,
    DATE,
    GLUED_HEADING,
    KINDLE_CITATION,
    MUSIC_LABEL,
    NOT_CHOSEN_AFTER,
    NOT_ON_AFTER,
    REFUSED_AFTER,
    REFUSED_CELL,
    REMOVED_AFTER,
    REMOVED_BLOCKERS,
    RETRACTED_AFTER,
    RETRACTED_BEFORE,
    SAMPLE_BEFORE,
    SECTION_HEAD,
    SET_ASIDE_AFTER,
    SET_ASIDE_BEFORE,
    SET_ASIDE_BLOCKERS,
    SET_ASIDE_GAP,
    SET_ASIDE_LINKS,
    SET_ASIDE_SECTION,
    SONG_NOUNS,
    VENUE,
    WRITER_AFTER,
    WRITER_BEFORE,
    _sentence,
    _sentence_start,
)
from playlister.match.text import artist_key, key
from playlister.match.versions import classify


class Unit(Protocol):
    """What the vetoes read of a ``units.Unit`` (units imports this module, so not it)."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def lead(self) -> int: ...
    @property
    def glued(self) -> bool: ...


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


_SONGS_FROM = re.compile(
    r"\b(?:songs?|tracks?|singles?|cuts?)\s+(?:taken\s+)?(?:from|off(?:\s+of)?)\s*[\"\u201c\u2018']?$",
    re.I,
)


# Rule ``read aloud``: a title a running order labels as a text read aloud ("Reading:
# "Warning" (Jenny Joseph)", "Poem – "If—""): a poem or a passage, not a song.
READ_ALOUD = re.compile(
    r"\b(reading|poem|recitation|eulogy)\s*(?::|\s[\u2013\u2014-])\s*"
    r"[\"\u201c\u2018*_]?$",
    re.I,
)
# Rule ``offered in a question``: "or Vacation by the Go-Go's?" only offers the title as an
# alternative, asking; it is no request until someone takes it up (names it again).
ASKED_BEFORE = re.compile(r"(?:^|[\[(:,;]|\s)or\s+(?:maybe\s+|perhaps\s+)?[\"\u201c\u2018]?$", re.I)
ASKED_AFTER = re.compile(r"^[\"\u201d\u2019]?(?:,?\s+(?:by|from)\s+[^?.!;\n]{1,40})?\s*\?")
# Rule ``named as a book``: a clause that gives a book's or film's name ("the book I keep
# going on about is X", "his autobiography, which is also called X"); not when a song word
# comes between ("the film's theme song is X" names a song).
_NAMED_AS = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|my|our)|['\u2019]s)\s+"
    r"(book|novel|memoir|autobiography|biography|film|movie|documentary)\b"
    r"(?P<gap>[^.;:!?()\"\u201c]{0,40}?)\b(?:is|was)\s+(?:also\s+)?"
    r"(?:(?:called|titled|named)\s+)?[\"\u201c\u2018*_]?$",
    re.I,
)
_SONG_WORD = re.compile(r"\b(?:song|track|single|tune|theme|soundtrack|anthem)s?\b", re.I)
_STAGED = re.compile(
    r"(\w+['\u2019]s\s+)?\b(production|staging|revival)\s+of\s+[\"\u201c\u2018*_]?$", re.I
)


def _decoy_next_to(before: str, after: str) -> tuple[str, str] | None:
    """An album, film, book or show word right before or after a quoted title."""
    b = re.sub(r"\s*(?:\b(?:called|titled|named)\b|[,:(\[])\s*$", "", before.rstrip())
    b = re.sub(r"\s*\b(?:called|titled|named)\s*$", "", b)
    # a title songs are said to come from holds them ("one song from X", "two tracks off X")
    m = _SONGS_FROM.search(b[-60:])
    if m:
        return "album", m.group(0).strip()
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


# "The music in this book", "Music from the film": music of the book or the film, not them
_MUSIC_OF = re.compile(
    r"\b(?:music|soundtrack|score)\s+(?:in|of|from|for|behind)\s+(?:the|this|my|our|a|her|his)\b",
    re.I,
)


def _decoy_heading(text: str) -> str | None:
    words = {w.lower() for w in re.findall(r"[\w-]+", text)}
    if words & {"song", "songs", "track", "tracks", "playlist", "singles", "tracklist"}:
        return None
    if _MUSIC_OF.search(text):
        return None  # rule ``music of a book or film``: the heading is about the music
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


# --- set aside: songs named only to be put aside ------------------------------------------------

# "the Andrew Oldham Orchestra's version of": a named singer's version of an original
_COVER_OF = re.compile(
    r"\b[A-Z][\w.&-]*['\u2019]s?\s+((?:version|cover|take|recording|rendition|remake)\s+of)\b",
)
# after a title: "(her Hurt, not the Johnny Cash one)" sets aside the named singer's recording
_NOT_THE_ONE = re.compile(
    r"[^.;!?]{0,40}?\bnot\s+(?:the\s+)?((?:[A-Z][\w.&'\u2019-]*\s+)+)"
    r"(?:one|version|original|cover|recording|take)\b"
)
OPENING_CHARS = 300  # how far into the body an article names its subject
# "where is X?": a reader's question about a song the list does not have
_WHERE_IS = re.compile(r"\bwhere(?:['\u2019]s|\s+is|\s+was|\s+are)\s+([^.!?;,]{0,45})$", re.I)
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")


def set_aside_cue(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The set-aside cue that puts the title at ``text[start:end]`` aside, and the words
    between them (a name there says whose recording is set aside).

    Before it, with only articles, names and "original/version" words between ("NOT the
    Fleetwood Mac "Dreams"", "instead of X", "replaces the temp track (X"); after it, in its
    sentence and unblocked ("X, which we could not clear", "highway to hell vetoed"); or a
    drum break named after its record ("the Amen break"); or another singer's version of
    the original ("the Andrew Oldham Orchestra's version of the Stones' "The Last Time"",
    not "the acoustic version of Radiohead's …")."""
    lo = _sentence_start(text, start, 300)
    before = text[lo:start]
    low = before.casefold()
    around = re.search(r"\b(left|no)\s+[\"\u201c*_]?$", before, re.I)
    if around and re.match(
        r"[\"\u201d*_]?\s+" + ("off\\b" if around.group(1).lower() == "left" else "either\\b"),
        text[end : end + 12],
    ):  # "I left X off", "so no X either"
        return f"{around.group(1).lower()} \u2026 " + (
            "off" if around.group(1).lower() == "left" else "either"
        ), ""
    for cue in SET_ASIDE_BEFORE:
        for m in re.finditer(rf"(?<![\w'\u2019]){re.escape(cue)}(?![\w'\u2019])", low):
            gap = before[m.end() :]
            if len(gap) <= 45 and _gap_is_small(gap) and not (cue == "no" and "\n" in gap):
                return cue, gap  # a cell's "No" ends its row, not the next row's title
    where = _WHERE_IS.search(before)
    if where and _gap_is_small(where.group(1)) and re.match(r"[^.!?;\n]{0,40}\?", text[end:]):
        return "where is \u2026?", where.group(1)  # "where is the Velvets' X?": missed, not on it
    cover = _COVER_OF.search(before)
    gap = before[cover.end() :] if cover else ""
    if (
        cover
        and len(gap) <= 45
        and _gap_is_small(gap)
        # the original's singer named between ("… of the Stones' "X""): "Billie Holiday's
        # recording of "Strange Fruit"" is hers
        and re.search(r"\b[A-Z][\w.&-]*(?:['\u2019]s|s['\u2019])(?!\w)", gap)
    ):
        return cover.group(1), gap
    after = text[end : end + 80]
    hi = _SENTENCE_END.search(after)
    tail = after[: hi.start() + 1] if hi else after
    t = tail.casefold()
    for cue in SET_ASIDE_AFTER:
        at = t.find(cue)
        if at < 0 or (at and t[at - 1].isalnum()):
            continue
        gap = tail[:at]
        if (
            len(gap) <= 50
            and not any(b in gap.casefold() for b in SET_ASIDE_BLOCKERS)
            and _gap_is_small(gap, SET_ASIDE_GAP | SET_ASIDE_LINKS, stops=r"[.!?;]")
        ):
            return cue, ""
    for rx in (REMOVED_AFTER, NOT_CHOSEN_AFTER):
        removed = rx.search(tail)
        if removed and not any(b in tail[: removed.start()].casefold() for b in REMOVED_BLOCKERS):
            return " ".join(removed.group(0).casefold().split()), ""
    other = _NOT_THE_ONE.match(tail)
    if other:  # "Hurt (her Hurt, not the Johnny Cash one)": that singer's is set aside
        return "not the \u2026 one", other.group(1)
    brk = re.match(r"[\u201d\u2019'\"*_]*\s+(" + "|".join(BREAK_WORDS) + r")\b(?!-)", after, re.I)
    return (brk.group(1).lower(), "") if brk else None


# "It's gone from the book and it's not on the list either": a sentence whose subject is the
# song just named, by pronoun, that puts it out
_PRONOUN_OUT = re.compile(
    r"It(?:['\u2019]s)?\b[^.!?]{0,60}?\b(?:gone\s+from|cut\s+from|"
    r"(?:is\s+)?not\s+on\s+(?:the|my|this|our)\s+(?:list|playlist)|isn['\u2019]t\s+on\s+"
    r"(?:the|my|this|our)\s+(?:list|playlist)|(?:was|got|been)\s+(?:cut|dropped|removed))\b"
)


# "Born to Run is NOT going on it": the title as the subject of a refusal of the list
_OUTRIGHT = re.compile(
    r"[\"\u201d\u2019'*_]*\s+(?:(?:is|was)\s+(?:not|never)|isn['\u2019]t|won['\u2019]t\s+be)\s+"
    r"(?:going\s+on|getting\s+on|making)\s+(?:it|the\s+(?:list|playlist|tape|mix|cut)|"
    r"(?:my|this|our)\s+(?:list|playlist|tape|mix))\b",
    re.I,
)


def refused_outright(text: str, end: int) -> bool:
    """Rule ``refused outright``: a title that is the subject of a refusal ("Born to Run is
    NOT going on it", "X isn't making the list") in the last place naming it is set aside,
    whatever the places before it asked (a reply suggesting it): the last word decides."""
    return bool(_OUTRIGHT.match(text, end))


def pronoun_verdict(text: str, start: int, end: int) -> str | None:
    """Rule ``pronoun verdict``: the song named at ``text[start:end]`` is put out by the
    sentence after the ones naming it that speaks of it as "it" ("My editor pointed out that
    "Two Tribes" came out in June. It's gone from the book and it's not on the list")."""
    title = key(text[start:end])
    pos = end
    for _ in range(4):
        stop = _SENTENCE_END.search(text, pos)
        if not stop:
            return None
        m = re.match(r"\s*", text[stop.end() :])
        at = stop.end() + (m.end() if m else 0)
        nxt = _SENTENCE_END.search(text, at)
        sentence = text[at : nxt.end() if nxt else len(text)]
        if _PRONOUN_OUT.match(sentence):
            return "a later sentence puts it out"
        if not title or title not in key(sentence):
            return None  # the next sentence speaks of something else
        pos = at + 1
    return None


def _gap_is_small(gap: str, small: set[str] = SET_ASIDE_GAP, stops: str = r"[.!?;,]") -> bool:
    """Only ``small`` words, capitalised names, quotes and brackets between a cue and a title
    ("the Fleetwood Mac "Dreams""); "I could not stop playing X" has verbs between."""
    for w in re.findall(r"[^\W\d_][\w'\u2019-]*", gap):
        if w[0].isupper() and w.casefold() not in small:
            continue  # a name
        if re.sub(r"['\u2019]s$", "", w.casefold()) not in small:
            return False
    return not re.search(stops, gap)


def _mentions(text: str, title: str) -> list[tuple[int, int]]:
    """Where ``text`` names ``title`` (case, spacing and apostrophes folded)."""
    words = re.findall(r"[^\W_]+", title)
    if not words:
        return []
    pattern = r"[\W_]{1,3}".join(re.escape(w) for w in words)
    return [
        (m.start(), m.end()) for m in re.finditer(rf"(?<![^\W_]){pattern}(?![^\W_])", text, re.I)
    ]


def _names(artist: str, text: str) -> bool:
    """Whether ``text`` names ``artist``: in full, or by a surname of four letters or more."""
    k = artist_key(artist)
    bare = re.sub(r"['\u2019]s\b", "", text)  # "Ravel's" names Ravel
    if k and f" {k} " in f" {key(bare)} ":
        return True
    last = artist.split()[-1] if len(artist.split()) > 1 else ""
    return len(last) >= 4 and bool(re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text, re.I))


def _aside_for(song: Song, found: tuple[str, str] | None) -> str | None:
    """The cue, when it sets aside this song's recording: a cue naming someone between it
    and the title ("NOT the Fleetwood Mac "Dreams"") sets aside only theirs, not the
    Cranberries' "Dreams" the same sentence wants."""
    if found is None:
        return None
    cue, gap = found
    names = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", gap) if w[0].isupper()]
    if names and song.artist and not _names(song.artist, gap):
        return None
    return cue


def set_aside(units: Sequence[Unit], songs: list[Song]) -> tuple[list[Song], list[LeftOut]]:
    """The songs not named only to be set aside, and a left-out line for each one that is.

    A song is set aside when every place the article names it (with its artist, where any
    place does) carries a set-aside cue (``set_aside_cue``), or when its artist's only
    mention is a footnote comparing another recording of a title the body names (``[^3]:
    Aretha Franklin's "Son of a Preacher Man" is on …``) by a singer the article's opening
    (its subject) does not name. A ``removed song`` (cut for a copyright claim) and ``not
    their title`` ("not the sza kill bill") are set aside too; ``subject's song``: another
    artist's recording set aside as a cover, when the title was drafted only once, stays
    with its artist to fill in. A request is decided by its last place (``last word``,
    ``taken back``), and a sentence's stance holds for its later mentions of the title
    (``one sentence, one stance``)."""
    opening = " ".join(u.text for u in units if not _FOOTNOTE.match(u.text))[:OPENING_CHARS]
    # the units holding each word, so finding a title's mentions reads only the units that
    # hold its rarest word (a 4,000-line list stays linear)
    holding: dict[str, list[Unit]] = {}
    for u in units:
        if u.kind != "url":
            for w in dict.fromkeys(re.findall(r"[^\W_]+", u.text.casefold())):
                holding.setdefault(w, []).append(u)

    def mentions(title: str) -> list[tuple[Unit, int, int]]:
        words = re.findall(r"[^\W_]+", title.casefold())
        rarest = min((holding.get(w, []) for w in words), key=len, default=[])
        return [(u, s, e) for u in rarest for s, e in _mentions(u.text, title)]

    sections = section_cues(units) | options_cues(units)
    off_list = named_off_the_list(units)
    entry_lines = music_below(units)
    named = {t.title: mentions(t.title) for t in songs}
    entries: dict[int, set[str]] = {}
    for t in songs:
        for u, _, e in named[t.title]:
            if in_entry(u, e):
                entries.setdefault(id(u), set()).update([artist_key(t.artist)] if t.artist else [])
    notes = entry_notes(units, entries)
    titles = [(key(t.title), t.title) for t in songs]
    # rule ``cited book``: a Kindle copy's citation line names the book the page is from
    books = {key(m.group(1)) for u in units for m in KINDLE_CITATION.finditer(u.text)}
    artists = {t.artist for t in songs if t.artist}
    title_count = Counter(k for k, _ in titles)
    kept: list[Song] = []
    left: list[LeftOut] = []
    for song in songs:
        places = named[song.title]
        if song.artist:
            own = [p for p in places if _names(song.artist, _sentence(p[0].text, p[1], p[2]))]
            places = own or places
        shown = f"\u201c{song.title}\u201d" + (f" by {song.artist}" if song.artist else "")
        never = never_a_song(song)
        if never:
            left.append(LeftOut(shown, f"never a song: {never}"))
            continue
        if song.artist and song.artist.split()[-1].casefold() in off_list:
            left.append(LeftOut(shown, "set aside: its composer's piece is not on the list"))
            continue
        if key(song.title) in books:
            left.append(LeftOut(shown, "a book: the page's citation line names it"))
            continue
        own_key = key(song.title)
        # (the last word: a refusal someone takes back later, "Fine. X by Y, you win", stands
        # no more)
        if named[song.title] and refused_outright(
            named[song.title][-1][0].text, named[song.title][-1][2]
        ):
            left.append(
                LeftOut(shown, "set aside: refused outright (\u201cX is not going on it\u201d)")
            )
            continue
        cues = [
            sections.get(id(u))
            or (
                "entry notes"
                if note_mention(song, notes.get(id(u)), s) and not cued(u.text, s)
                else None
            )
            or album_embed(u.text, e)
            or _aside_for(song, set_aside_cue(u.text, s, e))
            or _not_theirs(song, u.text, s)
            or refused_cell(u.text, s)
            or lost_tally(u.text, s, e)
            or pronoun_verdict(u.text, s, e)
            # the other titles, read only when a sample cue needs them (a long list stays linear)
            or passing_cue(u.text, s, e, (t for k, t in titles if k != own_key))
            or path_folder(u.text, s, e)
            for u, s, e in places
        ]
        cues = _entry_name(places, cues, entry_lines)
        cues = same_sentence(places, cues)
        # a place inside someone's quoted remark ("Tom: "X will get played anyway"") neither
        # asks for the song nor sets it aside: the other places decide, when there are any
        said = [not in_speech(u.text, s, e) for u, s, e in places]
        decisive = [c for c, d in zip(cues, said, strict=True) if d] if any(said) else cues
        if places and all(decisive):
            left.append(LeftOut(shown, _reason(str(decisive[0]))))
            continue
        # rule ``last word``: a request is decided by the last place naming it; when that
        # place turns it down ("X is NOT going on it") or takes it back ("removed X from the
        # queue"), the places that asked for it before do not keep it
        last = _last_word(song, places, named[song.title], artists)
        if last:
            left.append(LeftOut(shown, _reason(last) + ", after it was asked for"))
            continue
        if places and retracted(places[-1][0].text, places[-1][1], places[-1][2]):
            left.append(LeftOut(shown, "set aside: taken back from the queue after it was named"))
            continue
        cover = _set_aside_cover(song, places, named[song.title])
        if cover:
            left.append(LeftOut(shown, f"set aside: {cover}"))
            if not _names(song.artist or "", opening) and title_count[own_key] == 1:
                # "subject's song": the article's own mention is of its subject's recording
                # (a track listing), so the title stays, its artist to be found
                kept.append(replace(song, artist=None))
            continue
        if (
            song.artist
            and places
            and all(_FOOTNOTE.match(u.text) for u, _, _ in places)
            and any(not _FOOTNOTE.match(u.text) for u, _, _ in named[song.title])
            and not _names(song.artist, opening)
        ):
            left.append(
                LeftOut(shown, "set aside: a footnote's other recording of a song the body names")
            )
            continue
        kept.append(song)
    return kept, left


# --- samples, refused requests, albums, covers, songwriters, never songs ----------------------


def same_sentence(
    places: Sequence[tuple[Unit, int, int]], cues: list[str | None]
) -> list[str | None]:
    """Rule ``one sentence, one stance``: a sentence that sets a title aside sets it aside
    wherever it names it again ("no, the Stones' Brown Sugar is not on it, I don't care how
    much brown sugar is in the recipe"): a later place with no cue of its own takes the
    stance (``_stance``) of an earlier one in its sentence and line. An earlier place does
    not take a later one's ("Sam Cooke, Wonderful World (not …; that's "What a Wonderful
    World" and it isn't theirs)" wants the first)."""
    if all(cues) or not any(c and _stance(c) for c in cues):
        return cues
    starts = [
        max(_sentence_start(u.text, s, 300), u.text.rfind("\n", 0, s) + 1) for u, s, _ in places
    ]
    out = list(cues)
    for i, (u, s, _) in enumerate(places):
        if out[i] is None:
            out[i] = next(
                (
                    c
                    for (v, t, _), lo, c in zip(places, starts, cues, strict=True)
                    if c and v is u and lo == starts[i] and t < s and _stance(c)
                ),
                None,
            )
    return out


def _stance(cue: str) -> bool:
    """A cue that is the sentence's stance on the song (turned down, set aside), not a word
    about one mention (an album's cover image, a sample, a heading)."""
    return cue != "entry notes" and not cue.startswith(("album:", "show:", "sample:", "read:"))


def path_folder(text: str, start: int, end: int) -> str | None:
    """Rule ``folder in a path``: a title set between path separators ("..\\Music\\Fleetwood
    Mac\\Rumours\\07 The Chain.mp3") names a folder, an artist's or an album's, not a song;
    the file's own name, at the path's end, is the song."""
    if start and text[start - 1] in "\\/" and text[end : end + 1] in ("\\", "/"):
        return "album: a folder in a path"
    return None


def _last_word(
    song: Song,
    places: Sequence[tuple[Unit, int, int]],
    every: Sequence[tuple[Unit, int, int]],
    artists: set[str],
) -> str | None:
    """The refusal in the last place naming the title, when it decides the request: the last
    of the song's own places, or a later place naming the title with no artist at all ("Born
    to Run, mate." … "Born to Run is NOT going on it"). Not inside someone's quoted remark."""
    if not places:
        return None
    u, s, e = places[-1]
    if every[-1] != places[-1]:  # ``places`` are some of ``every``, in the text's order
        v, t, f = every[-1]
        if not any(_names(a, _sentence(v.text, t, f)) for a in artists):
            u, s, e = v, t, f
    cue = passing_cue(u.text, s, e)
    if cue and cue.startswith("refused:") and not in_speech(u.text, s, e):
        return cue
    return None


def retracted(text: str, start: int, end: int) -> bool:
    """Rule ``taken back``: the last place naming a song takes the request back ("@mod
    removed "Artist - X" from the queue"); a request named again after it stands."""
    if not RETRACTED_AFTER.match(text[end : end + 80]):
        return False
    lo = max(0, text.rfind("\n", 0, start) + 1, start - 80)
    return RETRACTED_BEFORE.search(text[lo:start]) is not None


def _not_theirs(song: Song, text: str, start: int) -> str | None:
    """``not their title``: "not the sza kill bill", "not the Smashing Pumpkins' Landslide"
    sets aside that artist's recording of the title, however the chat spells the name."""
    before = text[max(0, start - len(song.artist or "") - 40) : start]
    if not song.artist or "not" not in before.casefold():
        return None
    name = re.escape(song.artist).replace(r"\ ", r"\s+")
    pattern = rf"\bnot\s+(?:the\s+)?{name}(?:['\u2019]s?)?\s+[\"\u201c\u2018']?$"
    return "not" if re.search(pattern, before, re.I) else None


def _reason(cue: str) -> str:
    if cue == "entry notes":
        return "named only in the notes below another song's entry"
    kind, _, word = cue.partition(": ")
    if kind == "named":
        return word
    what = {
        "sample": "sampled",
        "refused": "turned down",
        "album": "an album",
        "show": "a show",
        "read": "read aloud",
        "offered": "only offered as an alternative, asking",
        "named as": "the name of a book or film",
    }.get(kind)
    if what is None:
        return f"set aside: \u201c{cue}\u201d next to it"
    return f"{what}: \u201c{word}\u201d next to it"


def passing_cue(text: str, start: int, end: int, others: Iterable[str] = ()) -> str | None:
    """Rules ``sampled``, ``turned down`` and ``album without italics``: the cue that names the
    title at ``text[start:end]`` only in passing, as ``kind: words``.

    ``sampled``: "it samples X", "Contains a sample of X", "built on X" (``SAMPLE_BEFORE``),
    unless the line names, before the cue, another song as the sampler's own half of a pair
    (""Ice Ice Baby" samples "Under Pressure"", as an "A \u2190 B" list line does);
    ``turned down``: "X lost the vote", "X (marked explicit)" (``REFUSED_AFTER``), "X isn't
    in the book" (``NOT_ON_AFTER``), in its sentence with only small words between;
    ``album without italics``: "off X", "from the album X" (``ALBUM_BEFORE``)."""
    lo = max(_sentence_start(text, start, 300), text.rfind("\n", 0, start) + 1)
    before = text[lo:start]
    low = before.casefold()
    for cue in SAMPLE_BEFORE:
        for m in re.finditer(rf"(?<![\w'\u2019]){re.escape(cue)}(?![\w'\u2019])", low):
            gap = before[m.end() :]
            if len(gap) > 30 or not _gap_is_small(gap):
                continue
            head = before[: m.start()]
            if re.search(r"[\"\u201c\u2190]", head) or any(_mentions(head, t) for t in others):
                return None  # a pair: the sampler is named beside it
            return f"sample: {cue}"
    staged = _STAGED.search(before)
    if staged and not staged.group(1):
        # a title put on stage ("the Year 10 production of X"), not a producer's ("Visconti's
        # production of X"): a show. Read after the catalog, whose word on the title's artist
        # still leads the search to the artist's other songs
        return f"show: {staged.group(2)} of"
    named_as = _NAMED_AS.search(before)
    if named_as and not _SONG_WORD.search(named_as.group("gap")):
        return f"named as: the {named_as.group(1).lower()}"
    read = READ_ALOUD.search(before)
    if read:
        return f"read: {read.group(1).lower()}"
    if ALBUM_BEFORE.search(before) and not re.search(r"[\"\u201c*_]", before[-2:]):
        return f"album: {ALBUM_BEFORE.search(before).group(0).strip()}"  # type: ignore[union-attr]
    after = text[end : end + 80]
    called = ALBUM_AFTER.match(after)
    if called:
        return f"album: {called.group(0).strip(' ,*_')}"
    if ASKED_BEFORE.search(before) and ASKED_AFTER.match(after):
        return "offered: or \u2026?"
    hi = re.search(r"[.!?;\n]", after)
    tail = after[: hi.start()] if hi else after
    t = tail.casefold()
    for cue in REFUSED_AFTER:
        at = t.find(cue)
        if at < 0 or (at and t[at - 1].isalnum()):
            continue
        if len(tail[:at]) <= 40 and _gap_is_small(tail[:at], SET_ASIDE_GAP | SET_ASIDE_LINKS):
            return f"refused: {cue}"
    off = NOT_ON_AFTER.search(tail)
    gap = tail[: off.start()] if off else ""
    if off and len(gap) <= 40 and _gap_is_small(gap, SET_ASIDE_GAP | SET_ASIDE_LINKS):
        return f"refused: {' '.join(off.group(0).split())}"
    return None


def section_cues(units: Sequence[Unit]) -> dict[int, str]:
    """Rules ``albums section`` and ``set-aside section``: the list entries (by ``id``) under
    a section head that names albums ("Top Albums   Last 7 days", ``ALBUM_SECTION``) or says
    its entries are left out ("Not ranked, on purpose:", ``SET_ASIDE_SECTION``), up to the
    next heading, paragraph or section head."""
    out: dict[int, str] = {}
    current: str | None = None
    for u in units:
        line = u.text.strip()
        if len(line) <= 60 and (ALBUM_SECTION.match(line) or SET_ASIDE_SECTION.match(line)):
            current = (
                "album: albums section"
                if ALBUM_SECTION.match(line)
                else f"{SET_ASIDE_SECTION.match(line).group(0).strip(' *:').lower()}"  # type: ignore[union-attr]
            )
            continue
        if u.kind != "item" or SECTION_HEAD.match(line):
            current = None
        elif current:
            out[id(u)] = current
    return out


# Rule ``options, then the choice``: a form's "Options we sent:" field (and its unlabelled
# lines below) followed straight away by a "Couple's choice:" field offered those songs; the
# choice is the one wanted. Options with no choice after them stay (nothing chose between).
_OPTIONS_LABEL = re.compile(r"^\W*(?:options?|shortlist|suggestions?)\b[^:\n]{0,30}:", re.I)
_CHOICE_LABEL = re.compile(
    r"^\W*(?:[\w'\u2019]+\s+){0,2}(?:choice|chosen|picked|pick|decision)\b[^:\n]{0,20}:", re.I
)
_ANY_LABEL = re.compile(r"^\W*[\w'\u2019][\w'\u2019 ]{0,30}:\s")


def options_cues(units: Sequence[Unit]) -> dict[int, str]:
    """The lines (by ``id``) of an options field that a choice field right after it settles
    (rule ``options, then the choice``)."""
    out: dict[int, str] = {}
    offered: list[int] = []
    for u in units:
        line = u.text.strip()
        if _OPTIONS_LABEL.match(line):
            offered = [id(u)]
        elif offered and _CHOICE_LABEL.match(line):
            out.update((i, "options: offered before the choice") for i in offered)
            offered = []
        elif offered and u.kind == "item" and not _ANY_LABEL.match(line):
            offered.append(id(u))
        else:
            offered = []
    return out


# Rule ``the composer's piece not on it``: "The Bach, the Beethoven, the Purcell and the Star
# Wars cue are NOT on it" names pieces by their composers and keeps them off the list.
_BY_NAME_ITEM = re.compile(
    r"^[Tt]he\s+([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)"
    r"(?:\s+(?:cue|one|piece|song|track|number|aria))?$"
)


def named_off_the_list(units: Sequence[Unit]) -> set[str]:
    """The names (folded) a clause made only of "the Name" items says are not on the list."""
    out: set[str] = set()
    for u in units:
        for m in NOT_ON_AFTER.finditer(u.text):
            head = u.text[: m.start()]
            clause = re.split(r"[.!?;:(\n]", head)[-1].strip()
            items = [i.strip() for i in re.split(r",|\band\b", clause) if i.strip()]
            found = [_BY_NAME_ITEM.match(i) for i in items]
            if items and all(found):
                out.update(f.group(1).casefold() for f in found if f)
    return out


ENTRY_KINDS = ("heading", "short", "item")


ENTRY_NAME = "named: the entry's own name, its music labelled below"


def music_below(units: Sequence[Unit]) -> dict[int, int]:
    """Rule ``music labelled below``: an entry line (a routine, a scene, a programme's item)
    whose next line labels its music ("Music: Happy, Pharrell Williams", "Track: …", "music
    is …") gives the entry's own name, not a song: the labelled line holds the music. Only
    in a running order, where at least ``MIN_ENTRIES`` entries do so. By ``id``: each such
    entry line, and its music line, -> the entry line's ``id``."""
    out: dict[int, int] = {}
    shown = [u for u in units if u.kind != "url"]
    for u, below in zip(shown, shown[1:], strict=False):
        if u.kind in ENTRY_KINDS and MUSIC_LABEL.match(below.text):
            out[id(u)] = out[id(below)] = id(u)
    # a running order's shape: entry after entry labels its music, not one passing remark
    return out if len(out) >= 2 * MIN_ENTRIES else {}


def _entry_name(
    places: Sequence[tuple[Unit, int, int]], cues: list[str | None], entry: dict[int, int]
) -> list[str | None]:
    """``music labelled below``: a title on an entry line so named is the entry's name, and
    so is the same title met again inside its music line ("Rise" above "Music: Andra Day's
    "Rise Up"")."""
    named = {id(u) for u, _, _ in places if entry.get(id(u)) == id(u)}
    return [
        c or (ENTRY_NAME if entry.get(id(u), -1) in named else None)
        for (u, _, _), c in zip(places, cues, strict=True)
    ]


MIN_ENTRIES = 3  # entries with notes that make an article a run of entries


def in_entry(unit: Unit, end: int) -> bool:
    """Whether a title ending at ``end`` sits in an entry's own line: a heading, short line
    or list item, or a paragraph's opening line (``Unit.lead``)."""
    return unit.kind in ENTRY_KINDS or (unit.kind == "prose" and 0 < end <= unit.lead)


_RANK_LEAD = re.compile(r"^(?:[A-Za-z]{1,8}\.?\s*)?#?\d{1,3}[.):]?\s")  # "60 ", "LOT 307 "


def entry_notes(
    units: Sequence[Unit], entries: dict[int, set[str]]
) -> dict[int, tuple[int, frozenset[str] | None]]:
    """Rule ``entry notes``: in an article laid out as a run of entries, each a line naming
    a song (``entries``: the units, by ``id``, whose own line names one, with the artist
    keys of the songs it names) with prose notes below it, where each unit's notes begin:
    ``id`` -> (offset, whose songs the notes may name as more entries).

    In a paragraph opened by its entry line (a countdown's "60" / "Beck – Loser" above its
    blurb; an entry cut from the front of its paragraph, ``Unit.glued``, as a bold lead is)
    the notes annotate that one entry: a song named there (an influence, a sample, the
    album, the band's other single) is a mention, so none may (``None``); such a paragraph
    whose opening is ranked like the others is an entry even when its song was not found.
    Under a heading or a line standing alone, the section may go on to more songs by its
    entry's artist ("the SZA song "Snooze" nearly made this list too"), so only another
    artist's song there is a mention (a comparison, the sampled record, the original).
    Short and list lines reach only the paragraph below them, headings to the next line of
    their kind. Empty unless at least ``MIN_ENTRIES`` entries carry notes."""
    out: dict[int, tuple[int, frozenset[str] | None]] = {}
    ranked = sum(1 for u in units if id(u) in entries and u.lead and _RANK_LEAD.match(u.text))
    under: Unit | None = None  # the entry line whose notes the prose below it is
    noted: set[int] = set()  # the entries that carry notes
    for u in units:
        if u.kind == "prose" and u.lead:
            # a paragraph opened by a line of its own is the next entry, or no entry
            if id(u) in entries or (ranked >= MIN_ENTRIES and _RANK_LEAD.match(u.text)):
                out[id(u)] = (u.lead, None)
                noted.add(id(u))
            under = None
        elif u.kind == "prose" and under is not None:
            out[id(u)] = (0, None if under.glued else frozenset(entries[id(under)]))
            noted.add(id(under))
            under = under if under.kind == "heading" else None
        elif u.kind in ENTRY_KINDS:
            under = u if id(u) in entries else None
        elif u.kind != "url":
            under = None
    return out if len(noted) >= MIN_ENTRIES else {}


# a cue line's label ("Music: ", "Track 3  ", "music is "), not past a sentence's end
_CUED = re.compile(
    r"(?:^|[\s(])(?:music|track|song|tune|soundtrack)(?:[ \t]+\d{1,3})?"
    r"(?:[ \t]*:|[ \t]+[\u2013\u2014-]|[ \t]+is|[ \t]{2,}(?=\S))[^.!?:]{0,80}$",
    re.I,
)


def cued(text: str, start: int) -> bool:
    """Whether the title at ``start`` follows a cue line's label (rule ``cue line``): the
    line says it names the music of its entry, so it is that entry's song, not a note."""
    return bool(_CUED.search(text[max(0, start - 90) : start]))


def note_mention(song: Song, notes: tuple[int, frozenset[str] | None] | None, start: int) -> bool:
    """Whether the title at ``start`` is a mention in an entry's notes (``entry_notes``)."""
    if notes is None or start < notes[0]:
        return False
    artists = notes[1]
    if artists is None:
        return True
    return bool(song.artist and artists and artist_key(song.artist) not in artists)


def album_embed(text: str, end: int) -> str | None:
    """Rule ``album embed``: a player card pasted as text names an album: the title is
    followed at once by " · 2004" (a track card's album and year), or, past at most four
    words (its artist), by "Album · 2017 · 13 songs" (``ALBUM_EMBED_LINE``)."""
    after = text[end : end + 60]
    if ALBUM_YEAR_LINE.match(after):
        return "album: \u00b7 year"
    return "album: Album \u00b7" if ALBUM_EMBED_LINE.match(after) else None


_TALLY_ITEM = re.compile(r"([^,;:()]+?)\s*\((\d{1,4})\)")
_PLACES = re.compile(
    r"\b(?:limited\s+to|only|just|no\s+more\s+than|room\s+for)\s+(one|two|three|a\s+single|[123])"
    r"\s+(?:song|track|tune|record|of\s+(?:them|their|his|her))",
    re.I,
)
_COUNT = {"one": 1, "two": 2, "three": 3, "a single": 1}


def lost_tally(text: str, start: int, end: int) -> str | None:
    """Rule ``lost the vote``: a title in a vote's tally ("Vote: Voulez-Vous (4), Dancing
    Queen (2)") for a number of places the text sets before it ("limited to one song"),
    with more titles ahead of it than there are places."""
    count = re.match(r"\s*\((\d{1,4})\)", text[end : end + 10])
    if not count:
        return None
    limit = None
    for m in _PLACES.finditer(text[max(0, start - 300) : start]):
        word = " ".join(m.group(1).lower().split())
        limit = int(word) if word.isdigit() else _COUNT[word]
    if limit is None:
        return None
    lo = _sentence_start(text, start, 300)
    hi = _SENTENCE_END.search(text, end)
    tally = [int(m.group(2)) for m in _TALLY_ITEM.finditer(text[lo : hi.start() if hi else None])]
    ahead = sum(1 for n in tally if n > int(count.group(1)))
    return "refused: lost the vote" if len(tally) >= 2 and ahead >= limit else None


def in_speech(text: str, start: int, end: int) -> bool:
    """Whether the title at ``text[start:end]`` sits inside a remark quoted after its
    speaker's name ("Tom: "Dancing Queen will get played anyway."") and is not all of it."""
    lo = max(text.rfind(q, 0, start) for q in '"\u201c')
    if lo < 0 or not re.search(r"\b[A-Z][\w.'\u2019-]*:\s*$", text[max(0, lo - 40) : lo]):
        return False
    close = min((i for i in (text.find(q, lo + 1) for q in '"\u201d') if i >= 0), default=-1)
    return close >= end and close - lo - 1 > end - start + 3


def refused_cell(text: str, start: int) -> str | None:
    """Rule ``turned down``, in a pasted sheet: a cell after the title's own cell (tab or
    ``|`` separated) that is a refusal status ("NO", "NO - explicit", "DUPLICATE")."""
    line_lo = text.rfind("\n", 0, start) + 1
    line_hi = text.find("\n", start)
    line = text[line_lo : line_hi if line_hi >= 0 else len(text)]
    sep = "\t" if "\t" in line else "|" if line.count("|") >= 3 else ""
    if not sep:
        return None
    at = start - line_lo
    cells = line.split(sep)
    pos = 0
    for n, cell in enumerate(cells):
        if pos <= at < pos + len(cell) + 1:
            later = [c.strip() for c in cells[n + 1 :]]
            hit = next((c for c in later if REFUSED_CELL.match(c)), None)
            return f"refused: {hit}" if hit else None
        pos += len(cell) + 1
    return None


_NAMED_VERSION = re.compile(r"\b(?:version|ver\.?)\s*$", re.I)


def carried_version(song: Song) -> Song:
    """Rule ``named version``: a bracket that names a release's own label for a recording
    ("Twin Version", "Spanish Version"), neither a kind of recording the matcher tells apart
    (live, acoustic, demo, remix, re-recorded) nor a neutral decoration (remaster, radio
    edit), is cut from the title but not carried: the text names the song, and the
    catalog's suffix for that release ("- Twin Ver.") is not spelled the article's way."""
    version = song.version
    if not version or not _NAMED_VERSION.search(version):
        return song
    reading = classify(version)
    return song if reading.kinds or reading.neutral else replace(song, version=None)


def never_a_song(song: Song) -> str | None:
    """Rule ``never a song``: a title that is a date ("19th November 2026"), a list of chord
    names ("G, C, D and Am"), a venue and its place ("Hammersmith Apollo, London"), or a
    title or artist that starts with a heading in capitals glued to the line after it
    ("LEAVING CHURCH Always Look on the Bright Side of Life")."""
    if DATE.match(song.title) or (song.artist and DATE.match(song.artist)):
        return "a date"
    if VENUE.match(song.title):
        return "a venue and its place"
    if CHORD_LIST.match(song.title):
        return "a list of chords"
    if any(GLUED_HEADING.match(x or "") for x in (song.title, song.artist)):
        return "a heading in capitals"
    return None


_COVER_WORDS = r"(?:cover|version|rendition|remake|take|recording)"
_COVER_WORD_BEFORE = re.compile(rf"{_COVER_WORDS}\s+of\s+(?:the\s+)?[\"\u201c\u2018*_]?$", re.I)


def _set_aside_cover(
    song: Song, own: Sequence[tuple[Unit, int, int]], every: Sequence[tuple[Unit, int, int]]
) -> str | None:
    """Rule ``another artist's cover``: every place naming this artist's recording calls it
    their cover or version of the title ("the Baseballs rockabilly cover of Umbrella"), and
    the article names the title elsewhere without them (the original it wants). A cover
    named alone ("Johnny Cash's cover of Hurt") is the one wanted."""
    if not song.artist or not own:
        return None
    if not all(_COVER_WORD_BEFORE.search(u.text[max(0, s - 80) : s]) for u, s, _ in own):
        return None  # one place without a cover word: no need to build its pattern
    name = r"[\W_]{1,3}".join(re.escape(w) for w in re.findall(r"[^\W_]+", song.artist))
    for u, s, _ in own:
        before = u.text[max(0, s - 80) : s]
        if not re.search(
            rf"(?<![^\W_]){name}(?:['\u2019]s?)?\s+(?:[a-z-]+\s+){{0,2}}{_COVER_WORDS}\s+of\s+"
            r"(?:the\s+)?[\"\u201c\u2018*_]?$",
            before,
            re.I,
        ):
            return None
    elsewhere = [p for p in every if not _names(song.artist, _sentence(p[0].text, p[1], p[2]))]
    return f"the cover by {song.artist}; the title is named elsewhere" if elsewhere else None


def writer_only(name: str, text: str) -> bool:
    """Rule ``performer, not songwriter``: ``text`` names ``name`` (or its surname) and every
    time as the song's writer ("written by Prince", "Willie Nelson wrote it", "a Prince
    song"), never as a performer."""
    words = [name, *([name.split()[-1]] if len(name.split()) > 1 else [])]
    seen = False
    full: list[tuple[int, int]] = []
    for w in words:
        for m in re.finditer(rf"(?<![\w'\u2019]){re.escape(w)}(?!\w)", text, re.I):
            if any(s <= m.start() < e for s, e in full):
                continue  # the surname of a full name already read
            full.append(m.span())
            seen = True
            if not (
                WRITER_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
                or WRITER_AFTER.match(text[m.end() : m.end() + 30])
                or _wrote_for_another(text, m.start(), m.end())
            ):
                return False
    return seen


_WROTE = re.compile(r"^['\u2019]?s?\s+(?:wrote|penned|composed)\b", re.I)
_POSSESSIVE = re.compile(r"\b([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['\u2019]s?\s", re.U)


def _wrote_for_another(text: str, start: int, end: int) -> bool:
    """``performer, not songwriter``: "X wrote it" names the writer when its sentence gives
    the song to another singer by name ("Aretha's Respect (Otis Redding wrote it …)", "which
    Carole King wrote, although it follows James Taylor's record"); alone, it may be the
    singer's own ("Tracy Chapman wrote it at 19")."""
    if not _WROTE.match(text[end : end + 30]):
        return False
    lo = max(_sentence_start(text, start, 400), 0)
    hi = _SENTENCE_END.search(text, end)
    sentence = text[lo : hi.start() if hi else len(text)]
    name = text[start:end].casefold()
    return any(
        name not in m.group(1).casefold()
        and m.group(1).casefold() not in name
        and m.group(1).casefold() not in _NOT_OWNERS
        for m in _POSSESSIVE.finditer(sentence)
    )


# "It's", "That's", "Let's": contractions, not a singer's name
_NOT_OWNERS = {"it", "that", "he", "she", "there", "here", "what", "who", "let", "where"}


# --- named too plainly to drop --------------------------------------------------------------------


def strongly_named(unit: Unit, title: str, artist: str) -> str | None:
    """How plainly ``unit`` names the song, when it names it too plainly to drop though the
    catalog knows no track by its artist ("Time Will Pass You By" by Tobi Legend): a quoted
    title with "by Artist" in a sentence, or a list line or heading that is just "Artist -
    Title" (or "Title - Artist", "Title by Artist"). Plain prose phrases, credit lines
    ("Written-By – Ed Cobb") and a compilation's "Various" are not."""
    words = {w.casefold() for w in re.findall(r"[\w-]+", artist)}
    if words & CREDIT_WORDS or not re.search(r"[^\W\d_]", artist):
        return None
    t = r"[\W_]{1,3}".join(re.escape(w) for w in re.findall(r"[^\W_]+", title))
    a = r"[\W_]{1,3}".join(re.escape(w) for w in re.findall(r"[^\W_]+", artist))
    if not t or not a:
        return None
    text = unit.text
    if re.search(
        rf"[\"\u201c\u2018']{t}[,.!?]?[\"\u201d\u2019']\s*,?\s+by\s+(?:the\s+)?{a}(?![^\W_])",
        text,
        re.I,
    ):
        return "a quoted title with \u201cby\u201d its artist"
    if re.search(
        rf"[\"\u201c\u2018']{t}[,.!?]?[\"\u201d\u2019']\s*\(\s*(?:the\s+)?{a}\s*\)", text, re.I
    ):
        return "a quoted title with its artist in brackets"
    if unit.kind not in ("item", "short", "heading"):
        return None
    if title.isupper() and artist.isupper():
        # rule ``capitals head``: a line in capitals on both sides ("1. CEREMONY – FIRST
        # DANCE") is a form's section head, not an entry; an unknown song needs a line that
        # is written, not shouted
        return None
    dash = r"\s*(?:[\u2013\u2014:-]|\s-)\s*"
    qt = rf"[\"\u201c]?{t}[\"\u201d]?"
    line = rf"^\W*(?:{a}{dash}{qt}|{qt}(?:{dash}|\s+by\s+){a})\W*$"
    if re.search(line, text.strip(), re.I):
        return "a list line of artist and title"
    return None
