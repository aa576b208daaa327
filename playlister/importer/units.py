"""Stage 1, units: the text cut into headings, list items, short lines, URL lines, tables and
paragraphs, with Markdown links and italics taken out and remembered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playlister.importer.columns import credit_block, delimited_rows
from playlister.importer.vetoes import _sentence_decoy
from playlister.importer.words import (
    _BARE_URL,
    _BLOCKQUOTE,
    _BOLD,
    _BOLD_LEAD,
    _CHAPTER_TIME,
    _DASH,
    _DASH_LEAD,
    _DURATION_TAIL,
    _HEADING,
    _ITALIC,
    _LIST_MARK,
    _MD_LINK,
    _NUMBER_PREFIX,
    _QUESTION,
    _SENTENCE_END,
    _TABLE_ROW,
    _TABLE_RULE,
    _TIMESTAMP_SPEAKER,
    _TRACK_POSITION,
    SONG_HEADERS,
    _name_like,
)


@dataclass
class Span:
    start: int
    end: int
    url: str | None = None


@dataclass
class Unit:
    """One line or paragraph, with Markdown links and italics taken out and remembered."""

    index: int
    kind: str  # "heading" | "item" | "short" | "url" | "prose"
    raw: str
    text: str
    links: list[Span] = field(default_factory=list)
    italics: list[Span] = field(default_factory=list)
    # "question" for an interviewer's line, "credits" for a credit block, "ranked" for a
    # countdown's entry line taken out of the paragraph of its blurb
    role: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, header first
    block: int = -1  # the paragraph of one-field lines it came from (a record), else -1
    # a paragraph opened by a line of its own (a countdown's "60" / "Beck – Loser" above its
    # blurb): ``text[:lead]`` is that opening, the rest its notes; 0 when there is none
    lead: int = 0
    # an entry line cut from the front of the paragraph its notes go on in (a bold lead,
    # "Artist - Title." before a comment), not standing apart from them by a blank line
    glued: bool = False
    # a line of the block of short lines the article opens with (a letterhead: the school,
    # the document's title, its date), when more of the article follows it
    opening: bool = False


def split_units(text: str) -> list[Unit]:
    """Cut text into headings, list items, short lines, URL lines, tables and paragraphs."""
    units: list[Unit] = []
    para: list[str] = []
    raw_para: list[str] = []  # the same lines unstripped, for a table set in columns
    cell_para: list[str] = []  # the same lines with their tabs, for a pasted spreadsheet
    table: list[str] = []
    block: list[Unit] = []  # the article's opening lines, when they are a block of their own

    def flush() -> None:
        first = len(units)
        _flush()
        _read_paragraph(units, first, block)

    def _flush() -> None:
        if table:
            units.append(_table_unit(len(units), table))
            table.clear()
        columns = delimited_rows(cell_para) or (
            _fixed_width_rows(raw_para) if len(para) >= 3 else None
        )
        raw_para_copy = list(raw_para)
        raw_para.clear()
        cell_para.clear()
        credits = credit_block(para)
        if credits:
            # a film's music credits: one entry, the performer as its artist
            units.append(_unit(len(units), "item", credits[0]))
            units[-1].raw = "\n".join(para)
            units[-1].role = "credits"
            para.clear()
        if columns:
            raw = "\n".join(para)
            units.append(Unit(len(units), "table", raw, raw, rows=columns))
            para.clear()
        _figure_rows(para, raw_para_copy, units)
        if len(para) >= 2 and _entry_lines(para):
            # a list set as bare lines (or a table flattened to lines): a unit each
            block = len(units)
            for line in para:
                units.append(_unit(len(units), "item", line))
                units[-1].block = block
            para.clear()
        _entry_above_blurb(para, units)
        if para:
            joined = " ".join(p.strip() for p in para)
            question = bool(_QUESTION.match(joined))
            lead = _BOLD_LEAD.match(joined)
            if lead and len(lead.group(1) or lead.group(2)) <= 120:
                # "**Nick Drake — Pink Moon.** Two minutes of…": the bold lead is the entry
                head = (lead.group(1) or lead.group(2)).strip().rstrip(".:")
                whole = not joined[lead.end() :].strip()
                units.append(_unit(len(units), _classify(head, True), head))
                # an interviewer's question set in bold, alone in its paragraph
                if question or (whole and head.endswith("?")):
                    units[-1].role = "question"
                    question = False
                joined = joined[lead.end() :].strip()
            else:
                lead = _DASH_LEAD.match(joined)
                if lead and _dash_lead_is_entry(lead.group(1), joined[lead.end() :]):
                    # "Sufjan Stevens - Casimir Pulaski Day. every single time."
                    units.append(_unit(len(units), "short", lead.group(1)))
                    joined = joined[lead.end() :].strip()
            if joined:
                units.append(_unit(len(units), _classify(joined, len(para) == 1), joined))
                units[-1].lead = _lead_length(para, joined)
                if question:
                    units[-1].role = "question"
            para.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip().replace("\u00a0", " ").strip()
        stripped = _BLOCKQUOTE.sub("", stripped).strip()
        head = _TIMESTAMP_SPEAKER.match(stripped)
        if head:
            # a chat message or a transcript turn starts a unit of its own; the lines after
            # it without a head are its continuation
            flush()
            stripped = stripped[head.end() :]
        if _TABLE_ROW.match(stripped):
            if para:
                flush()
            table.append(stripped)
            continue
        if table:
            flush()
        if not stripped:
            flush()
            continue
        if _HEADING.match(stripped) or _LIST_MARK.match(stripped) or _only_url(stripped):
            flush()
            units.append(_unit(len(units), _classify(stripped, True), stripped))
            continue
        para.append(stripped)
        raw_para.append(line.replace("\u00a0", " ").expandtabs(8).rstrip())
        cell_para.append(line.replace("\u00a0", " ").rstrip("\n"))
    flush()
    for u in block if len(units) > len(block) else []:
        u.opening = True
    return units


def _read_paragraph(units: list[Unit], first: int, block: list[Unit]) -> None:
    """What the units one paragraph gave (``units[first:]``) say of each other: an entry line
    cut from its front is glued to the notes after it; the article's first paragraph, when it
    is all short lines, is its opening block (``block``)."""
    for entry, notes in zip(units[first:], units[first + 1 :], strict=False):
        entry.glued = entry.kind != "prose" and notes.kind == "prose"
    if first == 0 and len(units) >= 2 and all(u.kind == "item" for u in units):
        block.extend(units)


def _fixed_width_rows(lines: list[str]) -> list[list[str]] | None:
    """A plain-text table set in columns (a cue sheet, a printed tracklist) whose first line
    heads a Title or Song column: its rows of cells, header first; else None.

    Columns are the dash runs of a rule line under the header if there is one; else each
    starts where a header word starts after a gap blank on every line, so a header word set one
    space from the next ("SRC/SCR USE") heads its own column and a title's spaces do not cut
    it. An indented line carries on the cell above it (a wrapped note)."""
    rules = [ln for ln in lines if re.fullmatch(r"\s*[-=]{2,}(?:\s+[-=]{2,})+\s*", ln)]
    keep = [ln for ln in lines if ln.strip() and not re.fullmatch(r"[-=+|\s]+", ln)]
    starts = [ln for ln in keep if not ln[:1].isspace()]
    if len(starts) < 3 or not re.search(r"\S\s{2,}\S", starts[0]):
        return None
    if rules:
        begins = [m.start() for m in re.finditer(r"[-=]+", rules[0])]
    else:
        head = starts[0]
        width = max(len(ln) for ln in starts)
        blank = [all(p >= len(ln) or ln[p] == " " for ln in starts) for p in range(width)]
        begins = [0] + [
            p for p in range(1, len(head)) if blank[p - 1] and head[p] != " " and not blank[p]
        ]

    def cells(line: str) -> list[str]:
        ends: list[int | None] = [*begins[1:], None]
        return [line[a:b].strip() for a, b in zip(begins, ends, strict=True)]

    header = cells(starts[0])
    if len(begins) < 3 or not any(_header_word(c) in SONG_HEADERS for c in header):
        return None
    rows = [header]
    for ln in keep[1:]:
        if ln[:1].isspace():
            if len(rows) > 1:
                indent = len(ln) - len(ln.lstrip())
                at = max(i for i, a in enumerate(begins) if a <= indent or i == 0)
                rows[-1][at] = f"{rows[-1][at]} {ln.strip()}".strip()
            continue
        rows.append(cells(ln))
    return rows if len(rows) > 2 else None


# one cell of a log's leading figures: "1 km", "5:38", "0.21", "90s jog", "4:46 /km"
_FIGURE_CELL = re.compile(r"\d[\d.:,]*(?:\s?/?[^\W\d]{1,5}(?:/[^\W\d]{1,3})?)?(?:\s[a-z]{1,5})?")


def _figure_lead(line: str) -> str | None:
    """Rule ``figures before the entry``: a log's row (a run's splits, a set's timings) sets
    its figures in columns apart by two spaces or more before the entry; the entry after
    them, else None."""
    cells = re.split(r"\s{2,}", line.strip())
    n = 0
    while n < len(cells) - 1 and _FIGURE_CELL.fullmatch(cells[n]):
        n += 1
    return "  ".join(cells[n:]) if n else None


def _figure_rows(para: list[str], raw: list[str], units: list[Unit]) -> None:
    """A paragraph of log rows (two or more lines led by figure columns): each row a unit
    of its own, its figures dropped; a line indented under a row carries it on, and any
    other line (a section's label) stands alone."""
    if len(raw) != len(para) or sum(_figure_lead(ln) is not None for ln in para) < 2:
        return
    if any(re.fullmatch(r"[-=]{2,}(?:\s+[-=]{2,})+", ln) for ln in para):
        return  # a table ruled under its header: its columns are read as a table
    rows: list[tuple[bool, list[str]]] = []
    for line, raw_line in zip(para, raw, strict=True):
        entry = _figure_lead(line)
        if entry is None and rows and raw_line[:1].isspace():
            rows[-1][1].append(line)
        else:
            rows.append((entry is not None, [entry if entry is not None else line]))
    for is_row, row in rows:
        text = " ".join(row)
        units.append(_unit(len(units), "item" if is_row else _classify(text, True), text))
    para.clear()


def _entry_lines(lines: list[str]) -> bool:
    """Lines that each stand alone as an entry: short, none ending or opening a sentence
    across the break (``played\nthe song``), as hard-wrapped prose does."""
    for n, line in enumerate(lines):
        if _classify(line, True) != "short" or len(line) > 120:
            return False
        if n and line[:1].islower():
            return False
    return True


# "Shook Ones, Pt. II", "Vol. 2": a full stop that ends no sentence
_ABBREVIATION = re.compile(r"\b(Pt|Pts|Vol|No|Op|Mr|Mrs|Ms|Dr|St|Jr|Sr)\.(?=\s)")
_RANK_LINE = re.compile(r"^(?:No\.?\s*|#)?\d{1,3}[.)]?$")


def _entry_above_blurb(para: list[str], units: list[Unit]) -> None:
    """Rule ``entry above its blurb``: a countdown's paragraph that opens with its place on a
    line of its own ("56"), then an ``Artist – Title`` line shorter than the blurb's lines
    and not ending a sentence, then the blurb hard-wrapped: the entry is a unit of its own
    (the place dropped), so the blurb's first words are not read into its title."""
    if len(para) < 3 or not _RANK_LINE.match(para[0]):
        return
    line, rest = para[1], para[2:]
    if (
        len(line) > 80
        or len(line) >= 0.8 * max(len(r) for r in rest)
        or re.search(r"[.!?:;,]$", line)
        or not rest[0][:1].isupper()
        or not _dash_lead_is_entry(_ABBREVIATION.sub(r"\1", line), " ".join(rest))
    ):
        return
    units.append(_unit(len(units), "short", line))
    units[-1].role = "ranked"  # a countdown's entry: the paragraph after it is its blurb
    del para[:2]


_RANK = re.compile(r"^(?:[A-Za-z]{1,8}\.?\s*)?#?\d{1,3}[.):]?$")  # "60", "#12", "LOT 307"


def _lead_length(para: list[str], joined: str) -> int:
    """How much of a paragraph's text (``joined``, when no lead was cut from it) its opening
    line holds (a rank alone on a line and the line after it), when that line stands apart
    from the prose below it: much shorter than the wrapped lines and not carried on into
    them; else 0."""
    n = 2 if _RANK.match(para[0]) else 1
    if len(para) <= n or joined != " ".join(p.strip() for p in para):
        return 0
    head, rest = para[n - 1], para[n:]
    if (
        len(head) > 80
        or re.search(r"[,;:]$|[a-z\u201d\"][.!?]\s+[\[(\u201c\"]?[A-Z]", head)
        or len(head) > 0.7 * max(len(line) for line in rest)
        or not re.match(r"[\"\u201c\u2018'(\[A-Z0-9]", rest[0])
    ):
        return 0
    return len(_unit(0, "prose", " ".join(p.strip() for p in para[:n])).text)


def _dash_lead_is_entry(lead: str, rest: str) -> bool:
    """Both sides of the lead are names, and the next sentence does not call it an album."""
    parts = [p for p in _DASH.split(lead) if p.strip()]
    if len(parts) != 2 or not all(_name_like(p) for p in parts):
        return False
    nxt = _SENTENCE_END.split(rest, maxsplit=1)[0]
    return _sentence_decoy(nxt, "\x00") is None


def _header_word(cell: str) -> str:
    return " ".join(re.sub(r"[*_`#:]", " ", cell).lower().split())


def _cell_text(cell: str) -> str:
    """A table cell's words: links to their text, emphasis marks dropped."""
    text = _MD_LINK.sub(lambda m: m.group(1), cell)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    text = _BARE_URL.sub("", text)
    return " ".join(text.split()).strip(" \u2013\u2014-")


def _table_unit(index: int, lines: list[str]) -> Unit:
    """A Markdown table: its rows of cells (separator rows dropped), header first."""
    rows = [
        [c.strip() for c in ln.strip().strip("|").split("|")]
        for ln in lines
        if not _TABLE_RULE.match(ln)
    ]
    raw = "\n".join(lines)
    return Unit(index, "table", raw, raw, rows=rows)


def _only_url(line: str) -> bool:
    s = line.strip("<> ")
    m = _MD_LINK.fullmatch(s)
    if m:
        return m.group(1).strip().lower().startswith(("http", "www."))
    return bool(_BARE_URL.fullmatch(s))


def _classify(line: str, single: bool) -> str:
    if _HEADING.match(line):
        return "heading"
    if _only_url(line):
        return "url"
    if _LIST_MARK.match(line):
        return "item"
    if (
        single
        and len(line) <= 140
        and not re.search(r"[.!?:;,]$", line.rstrip("\u201d\"'"))
        and not re.search(r"[a-z\u201d\"][.!?]\s+[\[(\u201c\"]?[A-Z]", line)
    ):
        return "short"
    return "prose"


def _unit(index: int, kind: str, raw: str) -> Unit:
    body = raw
    if kind == "heading":
        body = _HEADING.sub("", body)
    elif kind == "item":
        body = _LIST_MARK.sub("", body)
    if kind in ("heading", "item", "short"):
        body = _CHAPTER_TIME.sub("", body)
        body = _TRACK_POSITION.sub("", body)
        body = _DURATION_TAIL.sub("", body)
        body = _NUMBER_PREFIX.sub("", body)
    body = _BOLD.sub(lambda m: m.group(1) or m.group(2), body)
    links: list[Span] = []
    italics: list[Span] = []
    out: list[str] = []
    pos = 0
    tokens = sorted(
        [(m.start(), m.end(), "link", m) for m in _MD_LINK.finditer(body)]
        + [(m.start(), m.end(), "italic", m) for m in _ITALIC.finditer(body)],
        key=lambda t: t[0],
    )
    length = 0
    for start, end, what, m in tokens:
        if start < pos:
            continue
        out.append(body[pos:start])
        length += start - pos
        inner = m.group(1) if what == "link" else (m.group(1) or m.group(2))
        span = Span(length, length + len(inner), m.group(2) if what == "link" else None)
        (links if what == "link" else italics).append(span)
        out.append(inner)
        length += len(inner)
        pos = end
    out.append(body[pos:])
    text = "".join(out)
    for m in _BARE_URL.finditer(text):
        links.append(Span(m.start(), m.end(), m.group(0).rstrip(".,;:")))
    return Unit(index, kind, raw, text, links, italics)
