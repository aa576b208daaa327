"""What every stage of the finder reads: the vocabulary, the Markdown shapes, title and
name shapes, and the sentence around a place in a unit (bounded, so long text stays linear)."""

from __future__ import annotations

import re

CONTEXT = 400  # characters of text a rule reads on either side of a quote


SONG_NOUNS = {
    "song",
    "songs",
    "track",
    "tracks",
    "single",
    "singles",
    "tune",
    "tunes",
    "ballad",
    "anthem",
    "hit",
    "b-side",
    "cover",
    "number",
    "jam",
    "classic",
    "demo",
    "cut",
    "opener",
    "closer",
}


SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "nor",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "up",
    "as",
    "is",
    "into",
    "onto",
    "over",
    "out",
    "n'",
    "o'",
    "'n'",
    "de",
    "la",
    "le",
    "y",
    "vs",
    "vs.",
    "per",
    "via",
    "off",
    "so",
    "if",
    "my",
    "me",
    "you",
    "your",
    "it",
    "its",
    "be",
    "are",
    "was",
    "not",
    "no",
    "all",
    "i",
    "we",
    "what",
    "when",
    "than",
    "that",
    "this",
    "who",
    "do",
}


NAME_JOINERS = {
    "and",
    "&",
    "of",
    "the",
    "n'",
    "'n'",
    "n’",
    "de",
    "del",
    "la",
    "le",
    "y",
    "von",
    "van",
    "du",
    "da",
    "dos",
    "+",
    "vs",
    "vs.",
    "x",
    "to",
    "for",
    "in",
}


NOT_NAMES = {
    "I",
    "We",
    "He",
    "She",
    "They",
    "It",
    "This",
    "That",
    "Then",
    "There",
    "But",
    "And",
    "So",
    "In",
    "On",
    "At",
    "As",
    "When",
    "While",
    "Which",
    "Who",
    "You",
    "My",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "If",
    "Or",
    "A",
    "An",
    "For",
    "From",
    "To",
    "With",
    "Is",
    "Was",
    "Those",
    "These",
    "Here",
    "Also",
    "After",
    "Before",
}


VERSION_WORDS = re.compile(
    r"\b(?:live|demo|unplugged|acoustic|sessions?|remix|mix|version|take|edit|performance|"
    r"rehearsal|instrumental|stripped|reprise|mono|bootleg|peel|concert)\b",
    re.I,
)


_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


_QUOTE_RES = (
    re.compile(r"\u201c([^\u201c\u201d\n]{1,160})\u201d"),
    re.compile(r'"([^"\n]{1,160})"'),
    # single quotes only in the strong form 'Title' by Artist: they double as apostrophes
    re.compile(r"(?<![\w\u2019'])\u2018([^\u2018\n]{1,120}?)\u2019(?=[,.]?\s+by\s)"),
    re.compile(r"(?<![\w'])'([^'\n]{1,120}?)'(?=[,.]?\s+by\s)"),
)


_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((https?://[^\s()]+)\)")


_ITALIC = re.compile(
    r"(?<![\w*])\*(?!\s)([^*\n]{1,120}?)(?<!\s)\*(?![\w*])"
    r"|(?<![\w_])_(?!\s)([^_\n]{1,120}?)(?<!\s)_(?![\w_])"
)


_BOLD_LEAD = re.compile(r"^(?:\*\*(.+?)\*\*|__(.+?)__)(?=\s|$)")


_BOLD = re.compile(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__")


_BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"\u201c\u201d]+")


# (rule ``checkbox``: a to-do list's "[x]" / "[ ]" / "☐" opens an entry as a bullet does)
_LIST_MARK = re.compile(
    r"^\s*(?:(?:[-*\u2022+]\s+)?(?:\[[ xX\u2713\u2714]\]|[\u2610\u2611\u2612])"
    r"|[-*\u2022+\u2013\u2014]|\(?\d{1,3}[.)]|#\d{1,4}[.:]?)\s+"
)


_HEADING = re.compile(r"^\s*(#{1,6})\s+")


_NUMBER_PREFIX = re.compile(r"^\s*(?:\(?\d{1,3}[.):]|#\d{1,3}[.:]?|No\.\s*\d+[.:]?)\s+")


# a video chapter's or a list line's leading time ("15:20", "1:02:03", "[4:05] -"), never
# part of the title; a number after it ("15:20 #6 ...") is the entry's place, also dropped
_CHAPTER_TIME = re.compile(
    r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+(?:[-\u2013\u2014|\u00b7]\s+)?"
    r"(?:(?:#\d{1,3}|\d{1,3}[.)])[.:]?\s+)?(?=\S)"
)


# a table column holding songs, by its header
SONG_HEADERS = {
    "song",
    "songs",
    "title",
    "track",
    "tracks",
    "song title",
    "track title",
    "track name",
    "tune",
    "single",
}


# a record's track position before an entry: "A1    ", "B12 ", "1-04\t", "3\t" (a vinyl side
# and number, a disc and number, or a number set off by a tab or a column gap); not "A1 - ..."
_TRACK_POSITION = re.compile(
    r"^\s*(?:[A-H]\d{1,2}[.)]?\s+|\d{1,2}-\d{1,2}\s+|\d{1,3}(?:\t|\s{2,}))(?![\u2013\u2014-]\s)"
)


# a running time after an entry, set off by a tab, a column gap or brackets: "   2:32", "(3:05)"
_DURATION_TAIL = re.compile(r"(?:\t|\s{2,}|\s*[(\[])\d{1,2}:\d{2}(?::\d{2})?[)\]]?\s*$")


# a chat export's or a transcript's line head: "[14/11/2026, 19:02:11] Priya: ", "[00:02:13]
# FELIX: "; the name after a timestamp is the speaker, never an artist
_TIMESTAMP_SPEAKER = re.compile(
    r"^\[[^\]\n]{0,30}\b\d{1,2}:\d{2}(?::\d{2})?[^\]\n]{0,12}\]\s*"
    r"(?:[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){0,2}\s?:\s+)?"
)


_DASH = re.compile(r"\s+[\u2013\u2014-]{1,2}\s+|\s*[\u2013\u2014]\s*(?=[A-Z\[\"\u201c])")


_SAME_BAND = re.compile(r"[,.]?\s*,?\s*(?:by\s+)?(?:the\s+)?same\s+(?:band|artist|group|singer)\b")


_BLOCKQUOTE = re.compile(r"^(?:>\s?)+")


_TABLE_ROW = re.compile(r"^\|.*\|$")


_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?\|?$")


_QUESTION = re.compile(r"^(?:Q|Question|Interviewer)\s*[:.]\s+", re.I)


_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]\s+", re.I)


# a paragraph that starts with a whole "Artist - Title." sentence, as comment threads write
_DASH_LEAD = re.compile(
    r"^([^.!?:;\"\u201c\u201d]{2,80}?\s[\u2013\u2014-]\s"
    r"[^.!?:;\"\u201c\u201d]{1,80}?)[.!]\s+(?=\S)"
)


# rule ``file path``: a file's path, folders and a file name with its extension
# ("Music/Fleetwood Mac/Rumours/07 The Chain.mp3"): its folders are no titles
PATH = re.compile(r"(?:[^\s/\\]+[\\/])+[^\n.!?/\\]{0,80}?\.[A-Za-z0-9]{2,4}\b")
_SENTENCE_END = re.compile(r"[.!?\u2026][\u201d\"')\]]*\s+(?=[A-Z\u201c\"\u2018(\[])")


def _quote_spans(text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in _QUOTE_RES:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            spans.append((m.start(), m.end(), m.group(1)))
    return sorted(spans)


def _strip_punct(text: str) -> str:
    return text.strip().strip(",.;:\u2026").strip()


def looks_like_title(text: str) -> bool:
    """True when ``text`` is set like a title: it starts with a capital and its words do too.

    Small words (of, the, and, is, you…) may be lower case: "Journey to the End of the East
    Bay", "How Soon Is Now?". "I always flirt with death" reads as a sentence.
    """
    words = [w for w in re.split(r"[\s/]+", _strip_punct(text)) if w]
    if not words or len(words) > 12:
        return False
    first = words[0].lstrip("(\"'\u2018\u201c[")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    for w in words[1:]:
        core = w.strip("()[]\"'\u2018\u2019\u201c\u201d,.!?:;-")
        if not core or not core[0].isalpha():
            continue
        if core[0].islower() and core.translate(_APOS).lower() not in SMALL_WORDS:
            return False
    return True


def _name_like(text: str) -> bool:
    t = _strip_punct(text)
    return (
        bool(t)
        and len(t.split()) <= 10
        and len(t) <= 90
        and looks_like_title(t)
        and not re.search(r"[.!?]\s", t)
    )


def _sentence_start(text: str, pos: int, reach: int = 2000) -> int:
    """Where the sentence holding ``pos`` starts, looking back at most ``reach`` characters
    (so that finding it for every quote of a long paragraph is not quadratic)."""
    lo = max(0, pos - reach)
    for m in _SENTENCE_END.finditer(text, lo, pos):
        lo = m.end()
    return lo


def _sentence(text: str, start: int, end: int) -> str:
    lo = 0
    lo = _sentence_start(text, start)
    nxt = _SENTENCE_END.search(text, end, end + 2000)
    return text[lo : nxt.start() + 1 if nxt else min(len(text), end + 2000)]


def _clause(text: str, start: int, end: int) -> str:
    """The sentence around a quote, cut at the neighbouring quotes: what speaks of this one."""
    sentence_lo = 0
    sentence_lo = _sentence_start(text, start)
    lo = max(
        sentence_lo,
        text.rfind("\u201d", sentence_lo, start) + 1,
        text.rfind('"', sentence_lo, start) + 1,
    )
    nxt = _SENTENCE_END.search(text, end, end + 2000)
    hi = nxt.start() + 1 if nxt else min(len(text), end + 2000)
    stops = [i for i in (text.find("\u201c", end, hi), text.find('"', end, hi)) if i != -1]
    hi = min([hi, *stops])
    return text[lo:start] + " " + text[end:hi]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0]
    return cut + " \u2026"


# Set-aside cues (vetoes.set_aside): words that name a song only to put it aside. Before a
# title, with nothing but articles, names and "original/version" words between: "not the
# Fleetwood Mac "Dreams"", "instead of X", "rather than X", "replaces the temp track (X)".
SET_ASIDE_BEFORE = (
    "not",
    "never",
    "instead of",
    "rather than",
    # "Dusty Springfield sang a different Look of Love": another song of the same name
    "a different",
    "in place of",
    "except",
    "replaces",
    "replaced",
    "replacing",
    "temp track",
    "temp",
    "didn't use",
    "did not use",
    "never used",
    "don't play",
    "do not play",
    "couldn't clear",
    "could not clear",
    "veto",
    "vetoed",
    "no to",
    # "left out": a reader's complaint names a song the list does not have
    "left out",
    "you forgot",
    # "watched title": a title being watched is a film or a show ("watching kill bill vol 1")
    "watching",
    "watched",
    "rewatching",
    "scene from",
    # "turned down by name": "no Kingston Town", "he puts up with UB40, but no X"
    "no",
    # "declined label": a form's field that lists what was turned down ("Declined:  X")
    "declined:",
    "rejected:",
    "turned down:",
)
# After a title, in its sentence: "X, which we could not clear", "X vetoed", "X … that's a no".
SET_ASIDE_AFTER = (
    "could not clear",
    "couldn't clear",
    "could not be cleared",
    "couldn't be cleared",
    "not cleared",
    "never cleared",
    "was not used",
    "wasn't used",
    "not used",
    "didn't use",
    "did not use",
    "didn't make it",
    "did not make it",
    "in the temp",
    "was the temp",
    "vetoed",
    "rejected",
    "that's a no",
    "thats a no",
    "is a no",
    "doesn't count",
    "does not count",
    "are not counting",
    "aren't counting",
    "not counting it",
    "won't count",
    "will not count",
    "never licensed",
    "it's my brother's",
    "it's my sister's",
    "it's my friend's",
    "it's my partner's",
    "was not licensed",
    "wasn't licensed",
    # "not theirs": "that's X and it isn't theirs" (another recording than the one they mean)
    "isn't theirs",
    "is not theirs",
    "isn't ours",
    "is not ours",
    "isn't mine",
    "is not mine",
)
# Between a set-aside cue and the title: only these small words (and names, quotes,
# brackets); "I could not stop playing X" has verbs between and is no cue.
SET_ASIDE_GAP = {
    "the",
    "a",
    "an",
    "that",
    "this",
    "his",
    "her",
    "their",
    "its",
    "our",
    "original",
    "version",
    "cover",
    "recording",
    "one",
    "of",
    "track",
    "song",
    "by",
    "temp",
    "s",
}
# Between a title and a set-aside cue after it: "(Hallelujah, Jeff Buckley), which we could
# not clear", "X was vetoed".
SET_ASIDE_LINKS = {
    "which",
    "that",
    "we",
    "was",
    "were",
    "is",
    "it",
    "got",
    "been",
    "has",
    "had",
    "and",
    "then",
    "just",
    "so",
    "they",
}
# Words after a title, in a sentence that carries a set-aside cue, that point the cue
# elsewhere: ""Into My Arms", which replaced the temp track we could not clear".
# "removed song": after a title, in its sentence, a song cut from a video or list for a
# copyright claim or taken down ("I had "Penny Lane" in here but got a copyright claim on it,
# so it's cut"); an edit ("with the intro removed") is still the song.
REMOVED_AFTER = re.compile(
    r"\b(?:copyright\s+(?:claim|strike|block)|taken\s+down|took\s+(?:it\s+)?down|"
    r"(?:was|got|been|it'?s|it\s+is)\s+(?:cut|removed|muted|blocked|pulled))\b",
    re.I,
)
# "not chosen": after a title, in its sentence, a clause saying the chooser left it out
# ("played Andy Stewart's X every Hogmanay, which she has not chosen").
NOT_CHOSEN_AFTER = re.compile(
    r"\b(?:which|that)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:(?:has|have|had|was|were|is|are)(?:\s+not|n['\u2019]t)\s+(?:been\s+)?"
    r"|(?:did|does|do)(?:\s+not|n['\u2019]t)\s+|never\s+)"
    r"(?:chosen|chose|choose|picked|pick|selected|select|included|include)\b",
    re.I,
)
# "retracted": a line that takes a queued request back ("@ruth removed "Artist - X" from the
# queue"): the verb before the title (its artist and a dash may stand between) and the queue
# or list after it.
RETRACTED_BEFORE = re.compile(
    r"\b(?:removed|deleted|pulled|dropped|took|taken|skipped)(?:\s+out)?\s+[\"\u201c\u2018']?"
    r"(?:[^\"\u201c\u201d\n]{0,40}?\s[-\u2013\u2014]\s)?$",
    re.I,
)
RETRACTED_AFTER = re.compile(
    r"^[^.!?\n]{0,60}?\bfrom\s+(?:the|my|our|your|their)\s+"
    r"(?:queue|playlist|list|set\s?list|rotation|line-?up)\b",
    re.I,
)
# Words between a title and a removal cue that make the removal another song's.
REMOVED_BLOCKERS = ("replac", "instead", "rather", "not the ")
SET_ASIDE_BLOCKERS = ("replac", "instead", "rather", "but ", "over ", "not the ")
# "the Amen break": a drum break named after its record is a sample, not a wanted song.
BREAK_WORDS = ("break", "breaks", "breakbeat", "breakbeats")
# A credit line of a release page ("Written-By – Ed Cobb", "Arranged By – Mike Terry") and a
# compilation's "Various": no artist of a song.
CREDIT_WORDS = {
    "written",
    "written-by",
    "producer",
    "produced",
    "arranged",
    "composed",
    "composer",
    "lyrics",
    "mixed",
    "engineer",
    "engineered",
    "recorded",
    "mastered",
    "various",
    "label",
    "format",
    "country",
    "released",
    "genre",
    "style",
    "barcode",
    "conductor",
    "orchestrated",
    "designed",
    "pressed",
}
# Sample cues (vetoes.sampled_cue): before a title, the record a song is built from: "it
# samples X", "contains a sample of X", "built on X". Not wanted unless the sentence names the
# sampler beside it as its own pair ("Ice Ice Baby" samples "Under Pressure").
SAMPLE_BEFORE = (
    "contains a sample of",
    "contains samples of",
    "sample of",
    "samples from",
    "samples",
    "sampled",
    "sampling",
    "built on",
    "interpolates",
    "interpolated",
    "interpolation of",
)
# A request turned down, after its title in the sentence or line: "X lost the vote", "X
# (marked explicit)", "X - no chance", "X: duplicate".
REFUSED_AFTER = (
    "lost the vote",
    "marked explicit",
    "no chance",
    "duplicate",
    "we said no",
    "turned down",
    "declined",
    # a request bot's refusal: "“Free Bird” is longer than the max length (5:00)"
    "longer than the max",
    "is too long",
)
# "not on it": after a title, the list, book or mix being discussed does not hold it ("X is
# not on it and never will be", "X is NOT going on it", "X isn't in the book"); not "not on
# the album" (a song off an album may still be wanted).
NOT_ON_AFTER = re.compile(
    r"\b(?:is|are|was|were)(?:\s+not|n['\u2019]t)\s+(?:going\s+)?(?:on|in|into)\s+"
    r"(?:it|there|(?:the|this|that|my|our|her|his|their)\s+"
    r"(?:list|playlist|book|novel|mix|mixtape|tape|set|setlist|film|show))\b",
    re.I,
)
# A Kindle copy's citation line ("Hollis, Claire. Wild Is the Wind (p. 402). Halyard Books.
# Kindle Edition."): the title it cites is the book's.
KINDLE_CITATION = re.compile(
    r"\b[^\W\d_][\w'\u2019-]*,\s+[^.\n]{1,60}\.\s+(.{1,150}?)\s+"
    r"\((?:p\.|pp\.|Kindle\s+Locations?|loc\.|location)\s*[\d\u2013-]+\)\.[^\n]*"
    r"\bKindle\s+Edition\b",
    re.I,
)
# A status that turns a request sheet's row down, in a column a header names "Status" (its
# first word): "NO", "NO - explicit", "DUPLICATE", a cross.
REFUSED_STATUS = frozenset(
    {"no", "rejected", "declined", "duplicate", "vetoed", "refused"}
    | {"reject", "veto", "dup", "denied", "removed", "cut", "dropped", "x", "\u2717", "\u274c"}
    | {"not"}
)
# The same in any cell after the title's own (no header to say it is the status): only the
# unmistakable words, since a notes cell may say "not the Take That one"; "N" (a
# clean-version column) and "OK" are not.
REFUSED_CELL = re.compile(
    r"^(?:no|rejected|declined|duplicate|vetoed|refused)(?:\s*[-\u2013:(].*)?$", re.I
)
# A songwriter named as such: "written by Prince", "penned by", "a Prince song". The
# performer, not the writer, is the artist a reader wants. Not "X wrote it": singers write
# their own ("Tracy Chapman wrote it at 19").
WRITER_BEFORE = re.compile(
    r"\b(?:(?:co-)?written|penned|composed|words|music|(?:co-)?writ(?:ten|ing) credit)"
    r"(?:\s+and\s+\w+)?\s+(?:by|to)\s+(?:the\s+)?$|\bsongwriter\s+$|\bwriter\s+$",
    re.I,
)
WRITER_AFTER = re.compile(r"^\s+(?:song|composition)s?\b(?!\s+(?:from|of|by))", re.I)
# Album cues without italics: "off Blonde", "from the album Blonde", "on the album".
# Also an album's place on a page: "the closer on X", "the opener of X", a cover image's caption
# ("Image for 'X'", as a Last.fm page pasted as text has it).
ALBUM_BEFORE = re.compile(
    r"\b(?:off(?:\s+of)?|(?:from|on)\s+(?:the|their|his|her)\s+(?:\d{4}\s+)?(?:album|record|lp|ep)"
    r"|(?:closer|opener|closing\s+track|opening\s+track|title\s+track)\s+(?:on|of|from|off)"
    # a whole record is an album: "the whole of Tusk", "all of Rumours"
    r"|\b(?:the\s+)?(?:whole|entire(?:ty)?)\s+of|\ball\s+of)\s+$"
    r"|\b(?:image|picture|artwork|cover\s+art|album\s+art)\s+(?:for|of)\s+['\u2018]$",
    re.I,
)
# After a title, a clause that calls it an album: "X, which is a whole album and a different
# link", "X is the album." (not "the album's best song", "an album highlight").
ALBUM_AFTER = re.compile(
    r"^[\s*_\u201d\u2019\"')\]]*,?\s*(?:(?:which|that)\s+)?(?:is|was)\s+"
    r"(?:the|an?|her|his|their|its)\s+(?:\w+\s+)?(?:album|lp|mixtape|compilation|box\s+set)"
    r"(?=\s*(?:[.,;:!?)\u2014]|and\b|but\b|$))",
    re.I,
)
# Rule ``album embed``: a music player's album card pasted as text names an album: after the
# title (and its artist) "Album · 2017 · 13 songs", or right after it "· 2004" (a track card's
# album and year).
ALBUM_EMBED_LINE = re.compile(
    r"^\s*(?:[^\s\u00b7]+\s+){0,4}?(?:album|ep|lp)\s*\u00b7\s*\d{4}\b", re.I
)
ALBUM_YEAR_LINE = re.compile(r"^\s*\u00b7\s*\d{4}\b")
# Rule ``albums section``: a page's section head naming albums ("Top Albums   Last 7 days",
# "Favourite records"); its entries are albums, up to the next section.
ALBUM_SECTION = re.compile(
    r"^\W*(?:top|favou?rite|recent|loved|best)\s+(?:albums|records|lps|eps)\b", re.I
)
# Rule ``set-aside section``: a list's section head saying its entries are left out ("Not
# ranked, on purpose", "Didn't make the list", "Honourable mentions I cut", "Left off").
SET_ASIDE_SECTION = re.compile(
    r"^\W*(?:not\s+ranked|not\s+ranking|unranked|left\s+(?:off|out)|"
    r"(?:didn['\u2019]?t|did\s+not)\s+make\s+(?:the\s+|it)|"
    r"honou?rable\s+mentions?\s+(?:i|we)\s+cut|cut\s+from\s+the\s+list|excluded|omitted)\b"
    # a collection's list of what it lacks: "Hunting (DON'T OWN)", "Records I don't own yet"
    r"|^[\w\s]{0,24}\W{0,2}(?:(?:don['\u2019]?t|do\s+not)\s+own|not\s+(?:yet\s+)?owned)\b",
    re.I,
)
# Rule ``music labelled below``: a line that labels the music of the entry above it ("Music:
# Happy, Pharrell Williams", "Track – Uptown Funk", "music is thank u, next"), naming it.
MUSIC_LABEL = re.compile(
    r"^\W*(?:music|track|song|tune|soundtrack)\s*(?::|\s[\u2013\u2014-]|\s+is\s)\s*(?=\S*[^\W\d_])",
    re.I,
)
# A section head of a profile page ("Top Tracks", "Recent Tracks"): it ends the one before.
SECTION_HEAD = re.compile(r"^\W*(?:top|favou?rite|recent|loved)\s+[A-Za-z]+\W*(?:\s{2,}.*)?$", re.I)
# Rule ``venue``: a place line, "Hammersmith Apollo, London", "Madison Square Garden, New
# York": a venue word, then a comma and a capitalised place.
VENUE = re.compile(
    r"^[\w'\u2019 .&-]*\b(?:Apollo|Arena|Academy|Stadium|Theatre|Theater|Ballroom|Palladium|"
    r"Garden|Bowl|Amphitheatre|Amphitheater|Pavilion|Auditorium|Dome|Hall|Forum|Centre|Center)"
    r",\s+[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*\s*$"
)
# Never songs, whatever the catalog holds: a date ("19th November 2026"), a list of chord
# names ("A, D and E", "G, C, D and Am"), a heading in capitals glued to the line after it
# ("LEAVING CHURCH Always Look on …").
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE = re.compile(
    rf"^\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)\s*$",
    re.I,
)
_CHORD = r"[A-G](?:#|b)?(?:m|maj|min|dim|aug|sus)?\d{0,2}(?:/[A-G](?:#|b)?)?"
CHORD_LIST = re.compile(rf"^\s*{_CHORD}(?:\s*(?:,|and|&|-|/)\s*{_CHORD})+\s*$")
GLUED_HEADING = re.compile(
    r"^\s*[A-Z][A-Z'\u2019&-]+(?:\s+[A-Z][A-Z'\u2019&-]+)+\s+[A-Z][a-z]+(?:\s|$)"
)
