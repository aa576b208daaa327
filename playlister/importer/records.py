"""Records: a playlist copied off a web page, where each song is its title, artist, album and
time on lines of their own, or whose fields are labelled (a CUE sheet, an M3U file, a form),
read as the rows of a table.

Rules, each named for the tests:

* ``duration-closed records``: at least three groups of the same number (two to five) of
  short lines, each group closed by a duration line (``4:03``) and holding no other, the
  groups set apart by blank lines or only by the duration lines, are records; line 1 is the
  title and line 2 the artist (the order a player prints), a third line before the time the
  album, never the title.
* ``field header``: lines just above the records naming each field (``Song``, ``Artist``,
  ``Album``, ``Time``) give the fields' order instead, and are not a song.
* ``last rows set aside``: a sentence outside the records saying the last two (one to five)
  of the list are to be ignored, skipped or left out drops that many rows from the end of
  the last run of records, each left out with the reason.
* ``player chrome``: a paragraph of a player's buttons (``Play``, ``Shuffle``) above the
  records is dropped, and the paragraph above it, the playlist's name, owner and date, is
  left out as the playlist's heading, never read as a song.

* ``indented pairs``: at least three pairs of short lines, the title on one line (after
  its place, ``1  Pink Pony Club``) and the artist on the next, indented deeper, in a
  repeating pattern (a chart or a Wrapped screen typed out), are records of title and
  artist; lines indented alike (a poem's stanza, a wrapped sentence) are not.

* ``labelled records``: at least three records whose fields carry labels (a CUE sheet's
  ``TITLE "…"`` / ``PERFORMER "…"`` under each ``TRACK``, ``Title:`` / ``Artist:`` lines, an
  HTML page's ``class="title"`` / ``class="artist"``) are read by their labels; the list's own
  fields above them at another indent (the mix and its DJ) are its heading; a bracket naming
  the list's own performer (``(Lena Marsh Edit)``) is the DJ's cut, not a version.
* ``M3U playlist``: ``#EXTINF:secs,Artist - Title`` read by its label, what it lacks from the
  path's ``Artist\\Album\\NN Title`` folders (an album folder is never a song); a stream's
  URL and an audiobook's chapter are left out.

The records become one tab-separated table (header first) that the table reader takes, so a
row's title and artist are read from their columns; the catalog's ``swapped pair`` still
corrects a row whose fields were the other way round.
"""

from __future__ import annotations

import re
from collections import Counter

from playlister.importer.columns import column_role, title_case

_DURATION = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
_CHROME = frozenset({"play", "shuffle", "pause", "more", "download", "add", "share", "follow"})
_FIELD_WORDS = {"song", "songs", "title", "track", "name", "artist", "artists", "album", "time"}
_FIELD_WORDS |= {"duration", "length", "by"}
_MIN_RECORDS = 3
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_LAST_ASIDE = re.compile(
    r"\blast\s+(one|two|three|four|five|[1-5])\b[^.!?\n]{0,80}?"
    r"\b(?:ignore|skip|leave\s+(?:them\s+)?out|not\s+for|don'?t\s+(?:add|use|play|want))",
    re.I,
)
_MAX_FIELDS = 5


def _short(line: str) -> bool:
    """A field: a short line, not a label (``Updated:``) nor a sentence (". and")."""
    return 0 < len(line) <= 80 and not re.search(r"[:;,]$|[.?!]\s+[a-z]", line)


def _groups(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line spans of candidate records: paragraphs, also cut after each
    duration line, so that records pasted without blank lines between them separate."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for n, line in enumerate([*lines, ""]):
        if not line.strip():
            if start is not None:
                spans.append((start, n))
            start = None
            continue
        if start is None:
            start = n
        if _DURATION.match(line.strip()):
            spans.append((start, n + 1))
            start = None
    return spans


def _is_record(lines: list[str], span: tuple[int, int], width: int) -> bool:
    body = [ln.strip() for ln in lines[span[0] : span[1]]]
    return (
        len(body) == width
        and bool(_DURATION.match(body[-1]))
        and not any(_DURATION.match(b) for b in body[:-1])
        and all(_short(b) for b in body[:-1])
    )


def _header(fields: list[str], width: int) -> list[str] | None:
    """The header of a records run: the field names given above it, else line 1 the
    title, line 2 the artist, a third line the album (one before the time) and the time."""
    if len(fields) == width and all(
        w in _FIELD_WORDS for f in fields for w in re.findall(r"[a-z]+", f.lower())
    ):
        roles = [column_role(f) for f in fields]
        if "title" in roles and "artist" in roles:
            return [f.strip() for f in fields]
    names = ["Title", "Artist"] + ["Other"] * (width - 2)
    if width == 4:
        names[2] = "Album"
    names[-1] = "Time"
    return names


def _indent(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def _pair_at(lines: list[str], n: int) -> bool:
    """A title line with its artist on the next line, indented deeper."""
    if n + 1 >= len(lines):
        return False
    a, b = lines[n], lines[n + 1]
    return (
        bool(a.strip())
        and bool(b.strip())
        and _indent(b) > _indent(a)
        and _short(a.strip())
        and _short(b.strip())
        and not a.rstrip().endswith(".")
        and not _DURATION.match(b.strip())
        and "\t" not in a.strip()
    )


def _fold_pairs(lines: list[str]) -> list[str]:
    """Each run of three or more indented pairs as a table of title and artist, set apart
    by blank lines so that the table reader takes it whole."""
    out: list[str] = []
    n = 0
    while n < len(lines):
        end = n
        while _pair_at(lines, end) and (end == n or _indent(lines[end]) == _indent(lines[n])):
            end += 2
        if (end - n) // 2 < _MIN_RECORDS:
            out.append(lines[n])
            n += 1
            continue
        out += ["", "Title\tArtist"]
        for i in range(n, end, 2):
            title = _PLACE.sub("", lines[i].strip())
            out.append(f"{title}\t{lines[i + 1].strip()}")
        out.append("")
        n = end
    return out


_PLACE = re.compile(r"^(?:#?\d{1,3}[.):]?)\s+(?=\S)")


def fold_records(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with each run of one-field-a-line records turned into a tab-separated table,
    and the lines left out on the way (the playlist's heading) with their reasons."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _fold_pairs(lines)
    spans = _groups(lines)
    out: list[str | None] = list(lines)
    left: list[tuple[str, str]] = []
    runs: list[tuple[int, int]] = []  # (first record span, end span) of each run
    n = 0
    while n < len(spans):
        width = spans[n][1] - spans[n][0]
        run = n
        while (
            run < len(spans)
            and 2 <= width <= _MAX_FIELDS
            and _is_record(lines, spans[run], width)
            and (run == n or _between_blank(lines, spans[run - 1][1], spans[run][0]))
        ):
            run += 1
        if run - n < _MIN_RECORDS:
            n += 1
            continue
        first, last = spans[n][0], spans[run - 1][1]
        above = n - 1
        fields: list[str] = []
        if above >= 0 and spans[above][1] - spans[above][0] == width:
            fields = [ln.strip() for ln in lines[spans[above][0] : spans[above][1]]]
            if _header(fields, width) == fields:
                first = spans[above][0]
            else:
                fields = []
        header = _header(fields, width) or []
        left += _chrome_above(lines, out, first)
        rows = ["\t".join(header)] + [
            "\t".join(ln.strip() for ln in lines[a:b]) for a, b in spans[n:run]
        ]
        out[first:last] = [*rows, *[None] * (last - first - len(rows))]
        runs.append((n, run))
        n = run
    if runs:
        left += _last_aside(lines, out, spans, runs[-1])
    return "\n".join(ln for ln in out if ln is not None), left


def _last_aside(
    lines: list[str], out: list[str | None], spans: list[tuple[int, int]], run: tuple[int, int]
) -> list[tuple[str, str]]:
    """Drop the last rows of the list that a sentence outside it sets aside."""
    outside = " ".join(ln for ln in out if ln is not None and "\t" not in ln)
    m = _LAST_ASIDE.search(" ".join(outside.split()))
    if not m:
        return []
    word = m.group(1).lower()
    count = min(_COUNTS.get(word) or int(word), run[1] - run[0] - 1)
    gone = spans[run[1] - count : run[1]]
    texts = {"\t".join(ln.strip() for ln in lines[a:b]) for a, b in gone}
    for i, ln in enumerate(out):
        if ln in texts:
            out[i] = None
    why = f"the text sets aside the last {word} of the list"
    return [(" / ".join(lines[a].strip() for a in range(a0, b0 - 1)), why) for a0, b0 in gone]


def _between_blank(lines: list[str], a: int, b: int) -> bool:
    return all(not ln.strip() for ln in lines[a:b])


def _chrome_above(lines: list[str], out: list[str | None], first: int) -> list[tuple[str, str]]:
    """Drop a player's buttons just above the records, and leave out the paragraph above
    them (the playlist's name, owner and date) as the playlist's heading."""
    paras = _paragraphs(lines, first)
    if not paras:
        return []
    a, b = paras[-1]
    if not all(ln.strip().lower() in _CHROME for ln in lines[a:b]):
        return []
    for i in range(a, b):
        out[i] = None
    if len(paras) < 2:
        return []
    a, b = paras[-2]
    head = [ln.strip() for ln in lines[a:b]]
    for i in range(a, b):
        out[i] = None
    return [(" / ".join(head), "the pasted playlist's heading (its name, owner, date)")]


def _paragraphs(lines: list[str], end: int) -> list[tuple[int, int]]:
    """The blank-separated paragraphs of ``lines[:end]``, as (start, end) spans."""
    paras: list[tuple[int, int]] = []
    start: int | None = None
    for n in range(end + 1):
        blank = n == end or not lines[n].strip()
        if blank and start is not None:
            paras.append((start, n))
            start = None
        elif not blank and start is None:
            start = n
    return paras


# --- labelled records: fields read by their labels ----------------------------------------

# ``Title: Ring of Fire`` / ``Artist: Johnny Cash``, or a CUE sheet's ``TITLE "Ring of Fire"``
# (a capitalised keyword before a quoted value)
_LABELLED = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<label>[A-Za-z][A-Za-z ]{0,23}?)[ \t]*:[ \t]*(?P<value>\S.*?)"
    r"|(?P<key>[A-Z][A-Z ]{1,23}?)[ \t]+[\"\u201c](?P<quoted>[^\"\u201c\u201d]+)[\"\u201d])"
    r"[ \t]*$"
)
# a line of a record that is a field of its own (``INDEX 01 04:12:00``, ``Duration: 3:33``)
_KEYWORD_LINE = re.compile(r"^[ \t]*(?:[A-Z]{2,}\b|[A-Za-z][A-Za-z ]{0,23}:)")
_ARTIST_LABELS = {"artist", "artists", "performer", "performers", "band", "by", "performed"}
_TITLE_LABELS = {"title", "song", "track", "name", "tune"}
_MAX_GAP = 8  # lines between a record's title and its artist


def _label_role(label: str) -> str | None:
    """``title`` or ``artist`` when a field's label names that role (``PERFORMER``, ``Song
    title``, ``track-name``), else None; a label naming something else (``Album title``,
    ``Composer``, ``Songwriter``) names neither."""
    words = re.findall(r"[a-z]+", label.lower())
    if not words or len(words) > 3 or column_role(label) is None:
        return None
    if any(w in _ARTIST_LABELS for w in words):
        return "artist"
    if any(w in _TITLE_LABELS for w in words):
        return "title"
    return None


def _fields(lines: list[str]) -> list[tuple[int, int, str, str, str]]:
    """(line, indent, label, role, value) of every labelled title or artist field."""
    out = []
    for n, line in enumerate(lines):
        m = _LABELLED.match(line)
        if not m:
            continue
        label = (m.group("label") or m.group("key") or "").strip()
        value = (m.group("value") or m.group("quoted") or "").strip()
        role = _label_role(label)
        if role and re.search(r"[^\W\d_]", value):
            # a CUE sheet's "LOVE SPACE" shown in title case
            value = value.strip('"\u201c\u201d')
            value = title_case(value) if len(re.sub(r"\W", "", value)) > 3 else value
            out.append((n, _indent(line), label.lower(), role, value))
    return out


def _labelled_pairs(lines: list[str]) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """The records of labelled fields: a title field and an artist field a few lines apart,
    with the labels the records use most (``TITLE`` and ``PERFORMER``, not a credit's
    ``Singer:``) at the indent most of them share; ((line, title), (line, artist)) each."""
    fields = _fields(lines)
    labels: dict[str, Counter[str]] = {"title": Counter(), "artist": Counter()}
    for _, _, label, role, _ in fields:
        labels[role][label] += 1
    if not labels["title"] or not labels["artist"]:
        return []
    wanted = {labels["title"].most_common(1)[0][0], labels["artist"].most_common(1)[0][0]}
    fields = [f for f in fields if f[2] in wanted]
    depth = Counter(f[1] for f in fields).most_common(1)[0][0]
    fields = [f for f in fields if f[1] == depth]
    pairs = []
    n = 0
    while n + 1 < len(fields):
        a, b = fields[n], fields[n + 1]
        if a[3] != b[3] and b[0] - a[0] <= _MAX_GAP:
            title, artist = (a, b) if a[3] == "title" else (b, a)
            pairs.append(((title[0], title[4]), (artist[0], artist[4])))
            n += 2
        else:
            n += 1
    return pairs


def fold_labelled(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Rule ``labelled records``: at least three records whose fields are labelled
    (``TITLE "…"`` and ``PERFORMER "…"`` under each ``TRACK`` of a CUE sheet, ``Title:`` and
    ``Artist:`` lines of a form) become a table of title and artist, so each song is read by
    its labels; the records' other fields (songwriter, composer, comments, timings) are not
    songs. Fields at another indent above the records (a CUE sheet's own ``PERFORMER`` and
    ``TITLE``: the mix and its DJ) are the list's heading, left out."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pairs = _labelled_pairs(lines)
    if len(pairs) < _MIN_RECORDS:
        return text, []
    first = min(pairs[0][0][0], pairs[0][1][0])
    last = max(pairs[-1][0][0], pairs[-1][1][0])
    # the record's opening line above its first field (``TRACK 01 AUDIO``, ``Disc one``)
    while first > 0 and lines[first - 1].strip() and _indent(lines[first - 1]) > 0:
        first -= 1
    while (
        last + 1 < len(lines) and lines[last + 1].strip() and _KEYWORD_LINE.match(lines[last + 1])
    ):
        last += 1
    left: list[tuple[str, str]] = []
    top = first
    while top > 0 and lines[top - 1].strip() and _KEYWORD_LINE.match(lines[top - 1]):
        top -= 1
    fields = _fields(lines[top:first])
    if fields:
        left.append(
            (" / ".join(f[4] for f in fields), "the list's own title and performer (its heading)")
        )
    # a bracket naming the list's own performer ("(Lena Marsh Edit)" in her mix) is the DJ's
    # cut for the set, not a release to look for
    own = [re.escape(f[4]) for f in fields if f[3] == "artist"]
    mine = re.compile(rf"\s*[(\[](?:{'|'.join(own)})\b[^()\[\]]*[)\]]", re.I) if own else None
    rows = (
        ["", "Title\tArtist"]
        + [f"{mine.sub('', t) if mine else t}\t{a}" for (_, t), (_, a) in pairs]
        + [""]
    )
    # a sentence between the records (a note on one) stays, after them, to be read as prose
    paired = {n for pair in pairs for n, _ in pair}
    notes = [
        ln
        for n, ln in enumerate(lines[first : last + 1], first)
        if n not in paired
        and not _KEYWORD_LINE.match(ln)
        and (len(ln.split()) >= 6 or re.search(r"[.!?]$", ln.strip()))
    ]
    rows += [f"{ln.strip()}\n" for ln in notes]
    return "\n".join([*lines[:top], *rows, *lines[last + 1 :]]), left


# --- a playlist file pasted: M3U ------------------------------------------------------------

_EXTINF = re.compile(r"^#EXTINF:\s*(-?\d+(?:\.\d+)?)[^,]*,(.*)$", re.I)
_AUDIO = re.compile(r"\.(?:mp3|m4a|aac|flac|ogg|oga|opus|wav|wma|aiff?|alac|ape|mpc)$", re.I)
_NOT_MUSIC = {"audiobook", "audiobooks", "podcast", "podcasts", "audio books", "spoken word"}
_TRACK_NO = re.compile(r"^(?:\d{1,3}(?:-\d{1,3})?)(?:\s*[-.]\s*|\s+)(?=\S)")


def _location(line: str) -> bool:
    """A playlist entry's file or stream: a path to an audio file, or a URL."""
    s = line.strip()
    return (
        bool(s)
        and not s.startswith("#")
        and (bool(_AUDIO.search(s)) or s.lower().startswith(("http://", "https://")))
    )


def _entry(shown: str, location: str) -> tuple[str, str, str] | str:
    """(title, artist, album) of one M3U entry, from its ``#EXTINF`` text (``Artist -
    Title``) and, for what that lacks, its path (``Artist\\Album\\07 Title.mp3``); else why it
    is no song (a stream, an audiobook)."""
    if location.lower().startswith(("http://", "https://")):
        return "a radio stream, not a song"
    parts = [p for p in re.split(r"[\\/]", location.strip()) if p and p not in (".", "..")]
    if any(p.lower() in _NOT_MUSIC for p in parts[:-1]):
        return "an audiobook or podcast in the playlist, not a song"
    stem = _TRACK_NO.sub("", re.sub(r"\.[A-Za-z0-9]{2,4}$", "", parts[-1] if parts else ""))
    folders = parts[:-1]
    album = folders[-1] if len(folders) >= 2 else ""
    artist = folders[-2] if len(folders) >= 3 else ""
    title = stem
    if " - " in stem and not artist:
        artist, title = (s.strip() for s in stem.split(" - ", 1))
    if shown:
        if " - " in shown:
            artist, title = (s.strip() for s in shown.split(" - ", 1))
        else:
            title = shown.strip()
    return title, artist, album


def fold_m3u(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Rule ``M3U playlist``: an extended M3U pasted whole (``#EXTM3U``, ``#EXTINF:secs,Artist
    - Title`` then the file's path) becomes a table of title, artist and album: an entry read
    by its ``#EXTINF`` label, what that lacks (an artist, or the whole label) by its path's
    ``Artist\\Album\\NN Title`` folders; the album folder is never a song. A stream's URL and
    an audiobook's chapter are left out, and the playlist's ``#PLAYLIST:`` name."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if sum(1 for ln in lines if _EXTINF.match(ln.strip())) < _MIN_RECORDS:
        return text, []
    out: list[str] = []
    left: list[tuple[str, str]] = []
    rows: list[str] = []
    shown: str | None = None
    in_list = False
    for line in lines:
        s = line.strip()
        info = _EXTINF.match(s)
        if s.upper().startswith("#EXTM3U") or info or (in_list and s.startswith("#EXT")):
            in_list = True
            if s.upper().startswith("#PLAYLIST:"):
                left.append((s.split(":", 1)[1].strip(), "the playlist's name, not a song"))
            if info:
                shown = info.group(2).strip()
            continue
        if in_list and _location(s):
            got = _entry(shown or "", s)
            shown = None
            if isinstance(got, str):
                left.append((s, got))
            elif re.search(r"[^\W\d_]", got[0]):
                rows.append("\t".join(got))
            continue
        if in_list:
            out += ["", "Title\tArtist\tAlbum", *rows, ""]
            rows, in_list = [], False
        out.append(line)
    if in_list:
        out += ["", "Title\tArtist\tAlbum", *rows, ""]
    return "\n".join(out), left
