"""Stage 2, candidates: the rules that pair a title phrase with the artist named beside it, in
each unit, and merge mentions of one song. The vetoes (``vetoes``) are consulted as each
candidate is made; catalog confirmation (``confirm``) comes after, in ``playlister.importer``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playlister.importer.columns import column_role, refused, unsure
from playlister.importer.model import LeftOut, Song
from playlister.importer.records import fold_labelled, fold_m3u, fold_records
from playlister.importer.units import (
    Unit,
    _cell_text,
    _header_word,
    _unit,
    split_units,
)
from playlister.importer.vetoes import (
    DECOY_KINDS,
    LYRIC_NOUNS,
    _decoy_heading,
    _decoy_next_to,
    _lyric_cue,
    _sentence_decoy,
    _sentence_decoy_adjacent,
    cued,
)
from playlister.importer.words import (
    _ANSWER,
    _APOS,
    _BARE_URL,
    _BOLD,
    _CHAPTER_TIME,
    _DASH,
    _MD_LINK,
    _QUESTION,
    _SAME_BAND,
    _SENTENCE_END,
    CONTEXT,
    NAME_JOINERS,
    NOT_NAMES,
    SMALL_WORDS,
    SONG_HEADERS,
    SONG_NOUNS,
    VERSION_WORDS,
    _cap,
    _clause,
    _clip,
    _name_like,
    _quote_spans,
    _sentence,
    _sentence_start,
    _strip_punct,
    looks_like_title,
)
from playlister.match.text import artist_key, fold, key
from playlister.match.versions import version_kinds
from playlister.urls import video_id, youtube_video


@dataclass
class Candidate:
    """A song found at one place; merged with other mentions of the same song later."""

    song: Song
    unit: int
    pos: int
    strong: bool  # named with its artist, or set as a list/heading entry
    cited_in: str  # unit kind where it was found
    short_name: bool = False  # artist from a possessive or a subject: may be a surname


@dataclass
class Finder:
    """Runs the rules over a text; ``songs`` and ``left_out`` are the answer."""

    text: str
    candidates: list[Candidate] = field(default_factory=list)
    left: list[LeftOut] = field(default_factory=list)
    decoy_titles: dict[str, str] = field(default_factory=dict)
    section_song: Candidate | None = None
    known_artists: set[str] = field(default_factory=set)  # artist_key of every artist found
    units: list[Unit] = field(default_factory=list)
    # unit index -> the kind (film, album…) of the heading it sits under, for confirmation
    decoy_units: dict[int, str] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)  # unit index -> heading above it
    sided: int | None = None  # list lines that name both sides of a single
    requests: dict[str, str] = field(default_factory=dict)  # chatter -> the video requested
    cues: dict[int, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    dash_order: str | None = None  # the order the article's first dash block was read in

    def run(self) -> tuple[list[Song], list[LeftOut]]:
        # a playlist pasted one field a line becomes a table first (``records.py``)
        self.text, heads = fold_records(self.text)
        self.text, labelled = fold_labelled(self.text)
        heads += labelled
        self.text, entries = fold_m3u(self.text)
        heads += entries
        for text, reason in heads:
            self._leave(_clip(text), reason)
        units = self.units = split_units(self.text)
        self.cues = cue_lines(self.text, units)
        heading = ""
        song_section = False
        decoy_section: str | None = None
        dash_block: list[tuple[Unit, list[str]]] = []
        header_order: str | None = None
        asks_songs = False  # the last interview question asked about songs
        answer_due = False
        for i, unit in enumerate(units):
            if unit.kind == "url":
                self._attach_url_line(unit, units[i - 1] if i else None)
                continue
            before_unit = len(self.candidates)
            if unit.kind != "item" and dash_block:
                self._resolve_dash_block(dash_block, header_order)
                dash_block = []
            self._cue_lines(unit)
            if unit.kind == "table":
                self._table(unit)
                self.section_song = None
                continue
            answer = False
            if unit.role == "question":
                asks_songs = _asks_about_songs(unit.text, asks_songs)
                answer_due = True
            else:
                answer = asks_songs and (answer_due or bool(_ANSWER.match(unit.text)))
                answer_due = False
            if unit.kind == "heading":
                heading = unit.text
            self.headings[unit.index] = heading
            if unit.kind in ("heading", "short"):
                decoy_section = _decoy_heading(unit.text)
                order = _order_header(unit.text)
                if order:
                    header_order = order
                    continue
            before = len(self.candidates)
            if decoy_section:
                self.decoy_units[unit.index] = decoy_section
            if decoy_section and unit.kind == "item":
                self._leave(_clip(unit.text), f"listed under a heading about {decoy_section}s")
                continue
            self._quotes(unit, song_section, decoy_section, answer)
            self._links(unit)
            self._italics(unit)
            if len(self.candidates) == before and unit.kind in ("item", "heading", "short"):
                parts = self._dash_parts(unit)
                if parts and unit.kind == "item":
                    dash_block.append((unit, parts))
                    song_section = True
                    continue
                if parts:
                    self._resolve_dash_block([(unit, parts)], header_order)
                elif unit.kind == "item" or unit.kind == "heading":
                    self._by_line(unit)
            if not self._chat_request(unit, self.candidates[before_unit:]):
                self._section_video(unit, self.candidates[before_unit:])
            if unit.kind in ("heading", "short", "item"):
                # a credit block is complete: what follows it is not about its song
                song_section = len(self.candidates) > before and unit.role != "credits"
                if unit.kind != "item":
                    header_order = header_order if song_section else None
        if dash_block:
            self._resolve_dash_block(dash_block, header_order)
        return self._merge(), _dedupe(self.left)

    # -- bookkeeping

    def _leave(self, text: str, reason: str) -> None:
        self.left.append(LeftOut(text, reason))

    def _add(self, unit: Unit, pos: int, song: Song, strong: bool) -> Candidate:
        song.title = _tidy_title(song.title)
        if song.artist:
            song.artist = _tidy_name(song.artist)
        if not song.passage:
            song.passage = passage(unit, pos)
        cand = Candidate(song, unit.index, pos, strong, unit.kind)
        self.candidates.append(cand)
        if song.artist:
            self.known_artists.add(artist_key(song.artist))
        return cand

    # -- quoted titles

    def _quotes(
        self, unit: Unit, song_section: bool, decoy_section: str | None, answer: bool = False
    ) -> None:
        text = unit.text
        spans = _quote_spans(text)
        groups: list[list[tuple[int, int, str]]] = []
        for span in spans:
            if groups and re.fullmatch(
                r"\s*[,;]?\s*(?:and|&|or|,)?\s*", text[groups[-1][-1][1] : span[0]]
            ):
                groups[-1].append(span)
            else:
                groups.append([span])
        for group in groups:
            last_end = group[-1][1]
            artist, artist_end = _by_artist(text, last_end)
            if (
                artist
                and text[last_end:artist_end].lstrip().startswith("(")
                and not all(looks_like_title(_strip_punct(inner)) for _, _, inner in group)
            ):
                # a word in quotes with a name in brackets is a quip and its speaker:
                # ""obviously" (Kyle)"
                artist, artist_end = None, last_end
            same = _SAME_BAND.match(text, last_end)
            if not artist and same:
                artist = next(
                    (c.song.artist for c in reversed(self.candidates) if c.song.artist), None
                )
                artist_end = same.end()
            # "X" and "Y" both got an airing / opened with "X" and "Y": the cue covers all
            group_cue = len(group) > 1 and _song_cue(text[: group[0][0]], text[last_end:])
            # Q: Which song took longest?  A: "Afterlife." Two years.
            answer_cue = (
                answer
                and group is groups[0]
                and bool(_ANSWER_OPENING.fullmatch(text[: group[0][0]]))
            )
            for start, end, inner in group:
                self._one_quote(
                    unit,
                    start,
                    end,
                    inner,
                    artist if artist else None,
                    artist_end if artist else end,
                    group_cue or answer_cue,
                    song_section,
                    decoy_section,
                    answer_cue,
                )

    def _one_quote(
        self,
        unit: Unit,
        start: int,
        end: int,
        inner: str,
        by: str | None,
        after_end: int,
        group_cue: bool,
        song_section: bool,
        decoy_section: str | None,
        answer_cue: bool = False,
    ) -> None:
        text = unit.text
        title = _strip_punct(inner)
        shown = f"\u201c{title}\u201d"
        if not re.search(r"[^\W\d_]", title):
            return
        video = None if by else _video_title(title, text[end : end + 16])
        if video:
            by, title = video  # "Arctic Monkeys - 505": a number is a title beside its artist
        # what a rule reads around a quote is bounded, so a long paragraph stays linear
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        decoy = _decoy_next_to(before, after)
        if decoy:
            self.decoy_titles[key(title)] = decoy[0]
            self._leave(shown, f"{decoy[0]} title, not a song: \u201c{decoy[1]}\u201d next to it")
            return
        album_of = self._album_of_previous(unit, before, start, title)
        if album_of:
            self._leave(shown, f"album of \u201c{album_of}\u201d, not a song")
            return
        if answer_cue and not looks_like_title(title):
            group_cue = False
        if not by and unit.kind in ("heading", "short", "item"):
            by = _dash_artist(before, after)
        possessive = None if by else _possessive_artist(before)
        # "plays Cocteau Twins' "Heaven…"", "the acoustic version of Radiohead's "…"": what
        # comes before the name speaks of the song
        before_name = _before_name(before, possessive[0]) if possessive else before
        song_cue = (
            group_cue
            or _song_cue(before, after)
            or (before_name != before and _song_cue(before_name, after))
        )
        # "A: "…"" is the interviewee's turn, and "Music: "…"" a cue line's title (rule ``cue
        # line``), not a colon introducing a lyric
        cue = (
            None
            if re.fullmatch(r"\s*(?:Q|A|Question|Answer)\s*[:.]\s*", before)
            or cued(before, len(before))
            else _lyric_cue(before)
        )
        # rule ``title after a colon``: a bare colon before a short quote in capitals
        # ("ROSÉ & Bruno Mars: "APT." passed 50 million") introduces a title, not a remark
        if cue == ":" and _CAPITALISED_SHORT.fullmatch(title.strip()):
            cue = None
        if cue and not by and not song_cue:
            self._leave(shown, f"quoted lyric or speech, after \u201c{cue}\u201d")
            return
        subject = None
        if not by and not possessive and song_cue:
            subject = _subject_artist(text, start)
        artist = by or (possessive[0] if possessive else None) or subject
        # a cue alone ("the encore was "a mess"") does not make a sentence a title
        shaped = bool(by) or bool(possessive and possessive[1]) or looks_like_title(title)
        if len(title.split()) > 12 or not shaped:
            self._leave(shown, "reads as a sentence, not a title")
            return
        sentence = _sentence(text, start, end)
        if decoy_section and not by:
            self._leave(shown, f"under a heading about {decoy_section}s")
            return
        if unit.kind == "prose" and not song_cue and not (possessive and possessive[1]):
            kind = _sentence_decoy(_clause(text, start, after_end), title)
            if kind and (by or possessive):
                self._leave(shown, f"the sentence is about a {kind}, not a song")
                return
        if by or possessive or song_cue:
            pass
        elif (
            unit.kind in ("heading", "short", "item")
            and len(_quote_spans(text))
            and _strip_punct(text[:start]).strip() == ""
            and not text[end:].strip(" .,;:")
        ):
            pass  # a quoted title standing alone as a list entry or heading
        elif song_section and looks_like_title(title) and not _sentence_decoy_adjacent(sentence):
            pass  # a title in passing, inside the paragraphs about a song
        else:
            self._leave(shown, "no artist and nothing marks it as a song")
            return
        version = (
            _version_after(text, after_end)
            or _version_after(text, end)
            or _version_before(before_name)
        )
        song = Song(title=title, artist=artist, version=version)
        cand = self._add(unit, start, song, strong=bool(artist) or unit.kind != "prose")
        cand.short_name = bool(artist) and not by
        for link in unit.links:
            if (
                link.start <= start + 1
                and link.end >= end - 1
                or (start <= link.start and link.end <= end)
            ):
                _attach_link(cand.song, link.url)
        self._nearby_video(unit, cand, after_end)

    def _album_of_previous(self, unit: Unit, before: str, start: int, title: str) -> str | None:
        """`"Song" by Artist, from "Album"`: the second quote is the song's album."""
        if not re.search(
            r"\b(?:(?:from|off(?: of)?)\s+(?:the\s+|their\s+|his\s+|her\s+)?"
            r"(?:(?:album|record|lp|ep)\s+)?|on\s+(?:the|their|his|her)\s+"
            r"(?:album|record|lp|ep)\s+)$",
            before,
            re.I,
        ):
            return None
        for cand in reversed(self.candidates):
            if cand.unit == unit.index and start - cand.pos < 80:
                if not cand.song.album:
                    cand.song.album = _tidy_title(title)
                return cand.song.title
            break
        return None

    def _nearby_video(self, unit: Unit, cand: Candidate, after_end: int) -> None:
        """A YouTube link right after the song in the same line (`… (video: URL)`)."""
        if cand.song.youtube:
            return
        for link in unit.links:
            if after_end <= link.start <= after_end + 40 and link.url and video_id(link.url):
                between = unit.text[after_end : link.start]
                if "\u201c" not in between and '"' not in between:
                    cand.song.youtube = link.url
                    return

    # -- Markdown links, italics and bare URL lines

    def _links(self, unit: Unit) -> None:
        """`[Title](url) — Artist` and `[Title](url) by Artist` (the link is on the title)."""
        text = unit.text
        for link in unit.links:
            inner = text[link.start : link.end]
            if _quote_spans(inner) or not link.url or link.url == inner:
                continue
            if any(c.unit == unit.index and abs(c.pos - link.start) < 3 for c in self.candidates):
                continue
            after = text[link.end : link.end + CONTEXT]
            m = re.match(r"\s*[\u2013\u2014-]{1,2}\s*|\s*,?\s+by\s+", after)
            if not m or not looks_like_title(inner):
                self._link_on_known_title(inner, link.url)
                continue
            artist, end = _name_at(text, link.end + m.end())
            if not artist:
                continue
            song = Song(
                title=inner,
                artist=artist,
                version=_version_after(text, end) or _version_after(text, link.end),
            )
            _attach_link(song, link.url)
            self._add(unit, link.start, song, strong=True)

    def _link_on_known_title(self, inner: str, url: str | None) -> None:
        """`Listen: [Sunday Morning](youtube…)`: a link on a song's title is that song's."""
        k = key(_strip_punct(inner))
        for cand in reversed(self.candidates):
            if key(cand.song.title) == k:
                _attach_link(cand.song, url)
                return

    def _italics(self, unit: Unit) -> None:
        for span in unit.italics:
            inner = unit.text[span.start : span.end]
            if looks_like_title(inner) and inner[:1].isupper():
                self._leave(f"*{inner}*", "in italics, as album and film titles are set")

    def _chat_request(self, unit: Unit, new: list[Candidate]) -> bool:
        """Rule ``request and its reply``: a chat message that is a command with a video
        (``pixelbrie: !sr https://youtu.be/…``) asks for a song the link does not name; the
        bot's reply to that chatter (``@pixelbrie queued "Rick Astley - Never Gonna…"``)
        names it, and the video is that song's. True when the unit was one of the two."""
        ask = _REQUEST.match(unit.text)
        videos = [x.url for x in unit.links if x.url and video_id(x.url)]
        if ask and videos:
            # the video written out in full: the reply names the video, not the short link
            self.requests[ask.group(1).casefold()] = youtube_video(video_id(videos[0]) or "")
            return True
        reply = _REPLY.match(unit.text)
        url = self.requests.pop(reply.group(1).casefold(), None) if reply else None
        if url and len({key(c.song.title) for c in new}) == 1:
            _attach_link(new[0].song, url)
            return True
        return False

    def _section_video(self, unit: Unit, new: list[Candidate]) -> None:
        """Follow which song a section is about, so a video further down can join it.

        A heading or list line naming one song starts its section; a paragraph that names a
        different song ends it. A YouTube link in a paragraph that names no song (``Watch it
        here``) goes to the section's song.
        """
        current = self.section_song
        others = [c for c in new if current is None or key(c.song.title) != key(current.song.title)]
        only_links = bool(unit.links) and not re.sub(
            "|".join(re.escape(unit.text[x.start : x.end]) for x in unit.links), "", unit.text
        ).strip(" .,;:()-\u2013\u2014")
        if not new and only_links and unit.kind != "heading":
            if current is not None:
                for link in unit.links:
                    if link.url and video_id(link.url) and not current.song.youtube:
                        current.song.youtube = link.url
            return
        videos = [x.url for x in unit.links if x.url and video_id(x.url)]
        if unit.kind == "short" and not new and videos and current is not None:
            if not current.song.youtube:  # "edit: link for the lazy https://youtu.be/…"
                current.song.youtube = videos[0]
            return
        if unit.kind in ("heading", "short", "item"):
            titles = {key(c.song.title) for c in new}
            self.section_song = new[0] if len(titles) == 1 else None
            return
        if others:
            self.section_song = None
            return
        if current is not None and not new:
            for link in unit.links:
                if link.url and video_id(link.url) and not current.song.youtube:
                    current.song.youtube = link.url

    def _attach_url_line(self, unit: Unit, previous: Unit | None) -> None:
        """A YouTube (or Spotify) URL alone on the line after a song belongs to that song."""
        url = unit.links[0].url if unit.links else None
        if not url or previous is None:
            return
        mine = [c for c in self.candidates if c.unit == previous.index]
        if not mine and self.section_song is not None:
            mine = [self.section_song]
        if not mine:
            if video_id(url):
                self._leave(url, "a video with no song named just before it")
            return
        if len(mine) > 1:
            self._leave(url, "a video after a line naming several songs: which one is unclear")
            return
        _attach_link(mine[0].song, url)

    # -- tables

    def _table(self, unit: Unit) -> None:
        """A table with Song and Artist columns: one song a row; other tables are left out."""
        rows = [r for r in unit.rows if any(c.strip() for c in r)]
        if not rows:
            return
        header = [_header_word(c) for c in rows[0]]

        def col(names: set[str]) -> int | None:
            # "Performer / Composer": a header naming two roles counts for either
            return next(
                (
                    i
                    for i, h in enumerate(header)
                    if h in names or any(p in names for p in re.split(r"\s*/\s*", h))
                ),
                None,
            )

        song_col = col(SONG_HEADERS)
        named_song = song_col is not None  # a Song column, not a Music one, holds bare titles
        artist_col = col(ARTIST_HEADERS)
        roles = [column_role(c) for c in rows[0]]
        if song_col is None and "title" in roles:
            song_col = roles.index("title")
        if artist_col is None and "artist" in roles:
            artist_col = roles.index("artist")
        status_col = roles.index("status") if "status" in roles else None
        version_col = col({"version"})
        album_col = col({"album", "record", "lp", "from", "from the album"})
        if song_col is None:
            kinds = [DECOY_KINDS[h] for h in header if h in DECOY_KINDS]
            why = f"a row of a table of {kinds[0]}s" if kinds else "a table without a Song column"
            for row in rows[1:] if kinds else rows:
                self._leave(_clip(" | ".join(c for c in row if c)), why)
            return
        for row in rows[1:]:

            def cell(i: int | None, row: list[str] = row) -> str:
                return _cell_text(row[i]) if i is not None and i < len(row) else ""

            if status_col is not None and refused(cell(status_col)):
                self._leave(
                    _clip(" | ".join(c for c in row if c)),
                    f"its status says \u201c{cell(status_col)}\u201d",
                )
                continue
            if artist_col is None and (self._cell_as_line(unit, cell(song_col)) or not named_song):
                continue
            title, version = _split_bracket(cell(song_col).strip('"\u201c\u201d'))
            if not re.search(r"[^\W\d_]", title):
                continue
            named = cell(version_col)
            if (
                named
                and re.search(r"[^\W\d_]", named)
                and fold(named) not in ("studio", "original", "album")
            ):
                version = version or _cap(named)
            artist = "" if unsure(cell(artist_col)) else cell(artist_col)
            song = Song(
                title=title,
                artist=artist if re.search(r"\w", artist) else None,
                version=version,
                album=cell(album_col) or None,
                passage=_clip(" | ".join(_cell_text(c) for c in row if c.strip())),
            )
            for m in _MD_LINK.finditer(" ".join(row)):
                _attach_link(song, m.group(2))
            for m in _BARE_URL.finditer(" ".join(row)):
                _attach_link(song, m.group(0))
            self._add(unit, 0, song, strong=True)

    def _cell_as_line(self, table: Unit, text: str) -> bool:
        """A Music cell without an Artist column (``"Vogue" by Madonna``, ``Hozier – Take Me
        to Church``) read as a list line; True when a rule took a song from it."""
        before = len(self.candidates)
        # "Madonna, "Vogue"; SNAP!, "Rhythm Is a Dancer"": a cell of several entries
        entries = re.split(r"\s*;\s+", text) if len(_quote_spans(text)) > 1 else [text]
        for entry in entries:
            unit = _unit(table.index, "item", entry)
            at = len(self.candidates)
            self._quotes(unit, False, None)
            if len(self.candidates) > at:
                continue
            parts = self._dash_parts(unit)
            if parts:
                self._resolve_dash_block([(unit, parts)], None)
            else:
                self._by_line(unit)
        for cand in self.candidates[before:]:
            cand.cited_in, cand.pos = "table", 0  # a table's rows keep their order
        return len(self.candidates) > before

    # -- unquoted list lines

    def _dash_parts(self, unit: Unit) -> list[str] | None:
        # "[Hannah: the Iggy one]": a square bracket opened by a name and a colon is someone's
        # comment on the entry, neither a version nor a part of it
        text = _BRACKET_COMMENT.sub("", unit.text)
        body = re.split(r":\s+|\s+\|\s+", text, maxsplit=1)[0].strip()
        parts = [p.strip() for p in _DASH.split(body) if p.strip()]
        if len(parts) < 2:
            return None
        a, b = parts[0], _LIVE_ONE.sub("", parts[1])
        if not (_name_like(a) and _name_like(_split_bracket(b)[0])):
            return None
        return parts

    def _resolve_dash_block(
        self, block: list[tuple[Unit, list[str]]], header_order: str | None
    ) -> None:
        """Decide `Artist – Title` or `Title – Artist` for a whole list at once."""
        known = self.known_artists
        lefts = [artist_key(_split_bracket(p[0])[0]) for _, p in block]
        rights = [artist_key(_split_bracket(p[1])[0]) for _, p in block]
        score = 0  # > 0: artist first
        for (_, parts), lk, rk in zip(block, lefts, rights, strict=True):
            score += (lk in known) - (rk in known)
            score += (lefts.count(lk) > 1) - (rights.count(rk) > 1)
            score += bool(_split_bracket(parts[1])[1]) - bool(_split_bracket(parts[0])[1])
            # "Don't Bring Me Down - ELO": a band's initials in capitals are a name
            score += bool(_INITIALS.fullmatch(parts[0])) - bool(_INITIALS.fullmatch(parts[1]))
        # rule ``one list, one order``: a block the votes leave even takes the order an
        # earlier block of the same article was read in
        tie = self.dash_order or "artist-title"
        order = header_order or ("title-artist" if score < 0 else "artist-title" if score else tie)
        self.dash_order = order
        # ``double-sided singles``: `Artist - A side / B side` in a list of such lines
        sided = order == "artist-title" and self._sided_lines() >= 2
        for unit, parts in block:
            if sided and _SIDES.search(parts[1]):
                self._sides(unit, parts)
                continue
            first, second = parts[0], parts[1]
            artist, title = (first, second) if order == "artist-title" else (second, first)
            title, version = _split_bracket(title)
            artist, version2 = _split_bracket(artist)
            title = title.strip('"\u201c\u201d')
            version = version or version2
            live = _LIVE_ONE.search(artist)
            if live and not version:  # "Peter Frampton, the live one off Frampton Comes Alive!"
                artist, version = artist[: live.start()], f"Live ({live.group(1).strip()})"
            if not version and len(parts) > 2 and _is_version(parts[2]):
                version = parts[2]
            song = Song(title=title, artist=artist, version=version)
            for link in unit.links:
                _attach_link(song, link.url)
            self._add(unit, 0, song, strong=True)

    def _sided_lines(self) -> int:
        """How many of the article's list lines read `Artist - A side / B side`."""
        if self.sided is None:
            self.sided = 0
            for unit in self.units:
                parts = self._dash_parts(unit) if unit.kind == "item" else None
                self.sided += bool(parts and _SIDES.search(parts[1]))
        return self.sided

    def _sides(self, unit: Unit, parts: list[str]) -> None:
        """Both sides of a single, each a song by the line's artist; a split single's B side
        written ``B artist - B title`` is that artist's."""
        a_side, b_side = _SIDES.split(parts[1], maxsplit=1)
        sides = [(parts[0], a_side), (parts[0], b_side)]
        if len(parts) > 2 and not _is_version(parts[2]):
            sides[1] = (b_side, " - ".join(parts[2:]))
        for artist, title in sides:
            title, version = _split_bracket(title.strip())
            song = Song(title=title.strip('"\u201c\u201d'), artist=artist.strip(), version=version)
            self._add(unit, 0, song, strong=True)

    def _by_line(self, unit: Unit) -> None:
        """`Title by Artist` as a whole list line or heading, without quotes."""
        body = re.split(r":\s+", unit.text, maxsplit=1)[0].strip()
        for m in reversed(list(re.finditer(r"\s+by\s+", body))):
            title, rest = body[: m.start()].strip(), body[m.end() :]
            artist, end = _name_at(body, m.end())
            if (
                artist
                and looks_like_title(title)
                and not rest[len(artist) :].strip(" .,")
                or (artist and _is_version(_split_bracket(rest[len(artist) :].strip())[1] or ""))
            ):
                song = Song(title=title, artist=artist, version=_version_after(body, end))
                for link in unit.links:
                    _attach_link(song, link.url)
                self._add(unit, 0, song, strong=True)
                return
        if unit.kind == "item" and _name_like(body) and len(body.split()) <= 4:
            self._leave(_clip(body), "a name without a song")

    # -- cue lines: "Music: Title – Artist", "Track 3  Title – Artist", "▾ Title — Artist"

    def _cue_lines(self, unit: Unit) -> None:
        """Rule ``cue line``: a line opened by a word that says what follows is the music
        (``Music:``, ``Track:``, ``Song –``, ``Track 3``, ``music is``) or by a toggle's
        triangle (``▾``/``▸``, an outliner's entry) names one song in the rest of the line,
        written `Title – Artist`, `Artist – Title`, `Title, Artist`, `Title, by Artist`,
        `Title (artist)`, `Artist's "Title"` or `"Title" – Artist's version`; what follows
        a sentence's end or a bracket of notes is a note, not the song."""
        for read in self.cues.get(unit.index, []):
            title, artist, version = read
            if key(title) in self.decoy_titles:
                continue
            pos = max(0, unit.text.find(title))
            song = Song(title=title, artist=artist, version=version)
            for link in unit.links:
                _attach_link(song, link.url)
            cand = self._add(unit, pos, song, strong=True)
            cand.cited_in = "item"  # a line of its own: the catalog may read it either way

    # -- merging mentions of the same song

    def _merge(self) -> list[Song]:
        # the article's order: a list's dash lines are decided when the list ends, after
        # the quoted lines inside it were taken
        self.candidates.sort(key=lambda c: (c.unit, c.pos))
        known = [c.song.artist for c in self.candidates if c.song.artist and not c.short_name]
        names = _names_in(self.text)
        for cand in self.candidates:
            if cand.short_name and cand.song.artist:
                cand.song.artist = _expand_name(cand.song.artist, known, names)
        out: list[Candidate] = []
        by_title: dict[str, list[Candidate]] = {}  # what out holds, by title key
        for cand in self.candidates:
            s = cand.song
            kind = self.decoy_titles.get(key(s.title))
            if kind:
                self._leave(f"\u201c{s.title}\u201d", f"the article also names it as a {kind}")
                continue
            same_title = by_title.setdefault(key(s.title), [])
            twin = _twin(same_title, s)
            if twin is None:
                out.append(cand)
                same_title.append(cand)
                continue
            t = twin.song
            t.artist = t.artist or s.artist
            t.version = t.version or s.version
            t.youtube = t.youtube or s.youtube
            t.spotify = t.spotify or s.spotify
            t.album = t.album or s.album
            if cand.strong and cand.cited_in != "prose" and twin.cited_in == "prose":
                t.passage, twin.cited_in = s.passage, cand.cited_in
        return [c.song for c in out]


ARTIST_HEADERS = {
    "artist",
    "artists",
    "artist(s)",
    "band",
    "performer",
    "performers",
    "by",
    "singer",
    "act",
    "musician",
    "musicians",
    "performed by",
}


def _twin(found: list[Candidate], s: Song) -> Candidate | None:
    """The earlier mention ``s`` repeats (among ``found``, those with its title): compatible
    artist and version."""
    for c in found:
        t = c.song
        if t.artist and s.artist and artist_key(t.artist) != artist_key(s.artist):
            continue
        if t.version and s.version and fold(t.version) != fold(s.version):
            continue
        return c
    return None


_PERFORMED = (
    r"(?:opened|opens|closed|closes|ended|ends|encored|kicked off|started|starts|"
    r"began|begins|finished|finishes|wrapped up|rounded off|signed off|peaked)"
    r"(?:,\s*[a-z]+(?:\s+[a-z]+)?,)?\s+(?:with|on)|went(?:\s+straight)?\s+into|"
    r"launched into|segued into|tore through|ripped through"
)


# verbs whose subject is the band on stage: "Wet Leg had already played "Chaise Longue""
_STAGE_VERBS = _PERFORMED + r"|played|plays|covered|covers|debuted|premiered|aired"


# a single's two sides: "A side / B side" (a slash with spaces; "AC/DC" is one name)
_SIDES = re.compile(r"\s+/\s+")

_LEAD_IN = re.compile(
    r"(?:(?:by then|then|later(?: on)?|next|finally|eventually|earlier|"
    r"after that|before that|tonight|last night|halfway through|midway "
    r"through|soon after|naturally|inevitably|of course|and|but|so)"
    r"\s*,?\s+)?",
    re.I,
)


_AUX = re.compile(
    rf"(?:\s+(?:had|have|has|then|already|also|finally|eventually|duly|"
    rf"promptly|inevitably|later|first|even|again|just|both|all|still))*"
    rf"\s+(?:{_STAGE_VERBS})\b"
)


_ANSWER_OPENING = re.compile(
    r"\s*(?:(?:A|Answer)\s*[:.]\s*)?(?:(?:still|probably|maybe|"
    r"definitely|obviously|honestly|oh|well|easily|always|and|or|"
    r"yes|no|hmm|so|um)\s*[,.!]?\s*){0,2}",
    re.I,
)


_LABEL_WORDS = (
    set(DECOY_KINDS)
    | SONG_NOUNS
    | LYRIC_NOUNS
    | {
        "best",
        "worst",
        "listen",
        "watch",
        "read",
        "see",
        "also",
        "bonus",
        "mention",
        "pick",
        "picks",
        "favourite",
        "favorite",
        "top",
        "day",
        "week",
        "month",
        "year",
        "update",
        "edit",
        "note",
        "live",
        "video",
        "now",
        "playing",
        "part",
        "chapter",
        "scene",
        "side",
        "disc",
        "act",
        "q",
        "a",
        "no",
        "winner",
        "runner-up",
        "honourable",
        "honorable",
        "verdict",
        "highlight",
        "standout",
        "setlist",
        "encore",
        "spotify",
        "youtube",
        "stream",
        "buy",
        "question",
        "answer",
        "interviewer",
        "credit",
        "credits",
        "photo",
        "caption",
        "source",
        "via",
        "tags",
        "tag",
        "genre",
        "label",
        "released",
        "release",
        "runtime",
    }
)


def _lower_name(text: str) -> bool:
    """One lower-case word set as a name on an entry's line: "boygenius", "alt-J"."""
    t = text.strip()
    return (
        bool(re.fullmatch(r"[a-z][a-z0-9]{2,}(?:-[A-Za-z0-9]+)*", t))
        and t not in SMALL_WORDS
        and t not in SONG_NOUNS
    )


def _is_label(text: str) -> bool:
    """`Best song`, `Album of the year`, `Day 2`, `Q`: a label before a colon, not a name."""
    words = re.findall(r"[\w'\u2019-]+", text.lower())
    return any(w in _LABEL_WORDS or w.isdigit() for w in words)


def _asks_about_songs(question: str, previous: bool) -> bool:
    """An interviewer's question about songs, or a follow-up (`And the one…?`) to one."""
    words = set(re.findall(r"[a-z'-]+", question.lower()))
    if words & {"song", "songs", "track", "tracks", "single", "singles", "tune", "tunes", "b-side"}:
        return True
    if words & set(DECOY_KINDS):
        return False
    body = _BOLD.sub(lambda m: m.group(1) or m.group(2), _QUESTION.sub("", question))
    return previous and bool(
        re.match(
            r"(?:and|what about|how about|which other|another|"
            r"any other)\b",
            body,
            re.I,
        )
    )


def _before_name(before: str, name: str) -> str:
    """The text before a possessive name (`plays ` in `plays Cocteau Twins' "…"`)."""
    at = before.rfind(name.split()[0])
    return before[:at] if at >= 0 else before


def _subject_artist(text: str, start: int) -> str | None:
    """The band that is the subject of a stage verb before the quote at ``start``.

    `The National opened with "Eucalyptus", …, then went straight into "…"`: the name must
    open the sentence (after a lead-in like "By then") and be followed at once by a stage
    verb (played, opened with, covered…); a later quote in the sentence is the same band's
    only if no other name comes between. Singers named alone ("Berninger dedicated…") are
    not taken: "dedicated" and "sang" are not stage verbs here.
    """
    lo = 0
    lo = _sentence_start(text, start)
    s = text[lo:start]
    lead = _LEAD_IN.match(s)
    name, end = _name_at(s, lead.end() if lead else 0)
    if not name or name.split()[0] in NOT_NAMES or name.lower() == "the":
        return None
    verb = _AUX.match(s, end)
    if not verb:
        return None
    tail = s[verb.end() :]
    if not tail.strip():
        return name
    bare = tail
    for q_start, q_end, _ in reversed(_quote_spans(tail)):
        bare = bare[:q_start] + " " + bare[q_end:]
    if re.search(r"[A-Z;:]|\b(?:he|she|they|it|we|i)\b", bare):
        return None
    ok = re.search(rf"(?:\b(?:{_STAGE_VERBS})|[\u201d\"]\s*(?:,|and|&|or))\s*$", tail, re.I)
    return name if ok else None


def _names_in(text: str) -> list[str]:
    """Capitalised names in the text ("Fontaines D.C.", "Bruce Springsteen"), for expanding a
    short name ("Fontaines", "Springsteen") the text has given in full elsewhere."""
    out: list[str] = []
    joiners = ("of", "the", "and", "&", "de", "la", "del", "van", "von")

    def close(words: list[str]) -> None:
        while words and words[-1] in joiners:
            words.pop()
        while words and words[0] in NOT_NAMES - {"The"}:
            words.pop(0)  # "And Weezer's" at a sentence start
        if words:
            out.append(" ".join(words))
            # "Bruce Springsteen and Pam Springsteen": each of them, as well as both
            parts = " ".join(words).replace(" & ", " and ").split(" and ")
            out.extend(p.strip() for p in parts if len(parts) > 1 and p.strip())
        words.clear()

    for m in re.finditer(
        r"[A-Z][\w.'\u2019&-]*(?:\s+(?:[A-Z][\w.'\u2019&-]*|of|the|and|&|"
        r"de|la|del|van|von))*",
        text,
    ):
        words: list[str] = []
        for word in m.group(0).split():
            ends = word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word)
            word = word.rstrip(".") if ends else word
            possessive = re.search(r"(?:'s|\u2019s|s'|s\u2019)$", word)
            if word in NOT_NAMES - {"The"}:
                close(words)
                continue
            if possessive:
                word = re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", word)
            words.append(word)
            if ends or possessive:
                close(words)  # "…Chapman's. The Springsteen song": the name ends there
        close(words)
    return out


def _expand_name(name: str, known: list[str], names: list[str]) -> str:
    """A short artist name as the article spells it in full, if it does so one way only."""
    k = artist_key(name).split()
    if not k:
        return name
    for full in known:
        if artist_key(full).split() == k:
            return full
    longer: dict[str, str] = {}
    for full in [*known, *names]:
        fk = artist_key(full).split()
        if len(fk) > len(k) and (fk[: len(k)] == k or fk[-len(k) :] == k):
            longer.setdefault(" ".join(fk), full)
    if len(longer) == 1:
        return next(iter(longer.values()))
    return name


# what a performer does with a song: "put out", "released", "recorded" (never "wrote")
_RELEASED = re.compile(r"(?:\s*\([^()]{0,80}\))?\s+(?:put\s+out|released|recorded|issued)\b")


def _by_artist(text: str, end: int) -> tuple[str | None, int]:
    """The artist in `"Title" by Artist` (or `"Title," by`), or in brackets right after the
    title (`"Title" (Artist)`: a name alone in them, not a version or a part), and where the
    name ends."""
    m = re.match(r"[,.]?\s*,?\s+by\s+", text[end:])
    if m:
        return _name_at(text, end + m.end())
    m = re.match(r",?\s+which\s+(?=(?:[Tt]he\s+)?[A-Z])", text[end:])
    if m:  # rule ``which Artist put out``: ""Soul Deep", which The Council Collective … put out"
        name, at = _name_at(text, end + m.end())
        if name and _RELEASED.match(text, at):
            return name, at
    m = re.match(r"\s*\((?=[A-Z])", text[end:])
    if m:
        name, at = _name_at(text, end + m.end())
        if (
            name
            and text[at : at + 1] == ")"
            and not _is_version(name)
            and not re.search(r"\b(?:part|pt|vol|no|reprise|intro|outro|interlude)\b", name, re.I)
        ):
            return name, at + 1
    return None, end


def _name_at(text: str, pos: int) -> tuple[str | None, int]:
    """A capitalised name starting at ``pos`` ("Guns N’ Roses", "The Blood Brothers")."""
    words: list[str] = []
    i = pos
    window = text[pos : pos + CONTEXT]  # a name is short: reading further would be quadratic
    for m in re.finditer(r"\S+", window):
        raw = m.group(0)
        word = raw.rstrip(",.;:!?)\u201d\"\u2019'")
        if raw.endswith(("\u2019", "'")) and word.lower() in ("n",):
            word = raw  # Guns N’ Roses
        bare = word.rstrip("\u2019'")
        if re.fullmatch(r"(?:19|20)\d\d", bare):
            break
        if word.lower() in ("the",) and not words:
            ok = True
        elif not bare:
            break
        elif (
            not words
            and bare[0].islower()
            and bare.lower() not in SMALL_WORDS
            and (
                word != raw
                or not text[pos + m.end() : pos + m.end() + CONTEXT].strip()
                or re.search(r"[A-Z0-9]|\w-\w", bare[1:])
            )
        ):
            words.append(word)  # a lower-case name at the end of a clause: "by boygenius."
            i = pos + m.start() + len(word)
            break
        elif word.lower() in NAME_JOINERS or word.lower().translate(_APOS) in NAME_JOINERS:
            ok = bool(words)
        elif (bare[0].isupper() or bare[0].isdigit()) and (
            word not in NOT_NAMES or (not words and word == "X")
        ):
            ok = True
        else:
            ok = False
        if not ok or (words and word in NOT_NAMES):
            break
        if raw[0] in '\u201c"(':
            break
        if raw == word + "," and re.match(
            r"\s*[A-Z][\w\u2019']*\s+(?:&|and)\s+[A-Z]", window[m.end() :]
        ):
            word = raw  # "Earth, Wind & Fire"
        words.append(word)
        i = pos + m.start() + len(word)
        if (
            word != raw
            and not re.fullmatch(r"[A-Z]\.", raw)
            and not raw.endswith(("N\u2019", "N'", "n\u2019", "n'"))
        ):
            break
        if len(words) >= 7:
            break
    while (
        words
        and (
            words[-1].lower() in NAME_JOINERS or words[-1].lower().translate(_APOS) in NAME_JOINERS
        )
        and words[-1].lower() not in ("n'", "n\u2019")
    ):
        words.pop()
    if not words:
        return None, pos
    name = " ".join(words)
    if name.lower().startswith("the "):
        name = "The " + name[4:]
    at = text.find(words[-1], pos)
    end = at + len(words[-1]) if at != -1 else i
    return name, end


def _possessive_artist(before: str) -> tuple[str, bool] | None:
    """`Artist’s "Title"`, `the Artist song "Title"`: the name and whether a song noun says so.

    Returns (artist, named_as_song) or None.
    """
    b = before.rstrip()
    if b.endswith(":"):
        return None  # "Best song: "X"" is a label, not a name
    m = re.search(r"(?:[,]\s*)?(?:\s(?:called|titled|named))?,?$", b)
    b = b[: m.start()] if m else b
    words = b.split()
    if len(words) >= 2 and words[-1] == "whose" and words[-2].endswith(","):
        words = [*words[:-2], words[-2].rstrip(",") + "'s"]  # Bartees Strange, whose "…"
    between: list[str] = []
    while (
        words
        and words[-1].islower()
        and len(between) < 4
        and not words[-1].endswith(("\u2019s", "'s", "\u2019", "'"))
    ):
        between.insert(0, words.pop())
    song_noun = bool(between) and between[-1].strip(",") in SONG_NOUNS
    if between and not song_noun:
        return None
    if not words:
        return None
    last = words[-1]
    possessive = re.match(r"^(.*?)(?:\u2019s|'s|\u2019|')$", last)
    if possessive:
        words[-1] = possessive.group(1)
    elif not song_noun or len(between) != 1:
        return None  # "the Rancid song": only the noun may sit between name and quote
    name: list[str] = []
    while words:
        w = words[-1]
        core = w.strip("(")
        if not core or (name and re.search(r"[,.;:!?)\u201d\"]$", w)):
            break
        if core[0].isupper() or core[0].isdigit():
            if core in NOT_NAMES and name:
                break
            name.insert(0, words.pop())
        elif core.lower() in NAME_JOINERS and name and words[:-1] and (words[-2][:1].isupper()):
            name.insert(0, words.pop())
        else:
            break
        if len(name) >= 6:
            break
    if not name or name[0] in NOT_NAMES and len(name) == 1:
        return None
    if name[0] in ("The",) and len(name) == 1:
        return None
    artist = " ".join(name)
    if not _name_like(artist) or artist.split()[0] in NOT_NAMES - {"The"}:
        return None
    return artist, song_noun


def _dash_artist(before: str, after: str) -> str | None:
    """`Artist – "Title"` or `"Title" – Artist` as a whole list line or heading."""
    m = re.fullmatch(r"\s*(.+?)\s*[\u2013\u2014-]{1,2}\s*", before)
    if m and _name_like(m.group(1)):
        return m.group(1).strip()
    # "10. Caroline Polachek: "Welcome to My Island"" (the whole line, or with a comment
    # after a dash: "Renato Carosone: "Tu Vuò Fà L'Americano" — cheeky"; not "Best song: …")
    m = re.fullmatch(r"\s*(.+?)\s*[:,]\s*", before)
    rest = re.sub(r"^\s*[\[(][^()\[\]]*[\])]", "", after)
    if (
        m
        and (_name_like(m.group(1)) or _lower_name(m.group(1)))
        and not _is_label(m.group(1))
        # (a comment in lower case: "[MUSIC: "Teardrop" — Massive Attack]" names its artist)
        and re.fullmatch(r"[\s.,;:!]*(?:\s[\u2013\u2014-]{1,2}\s+[a-z].*)?", rest, re.S)
    ):
        return m.group(1).strip()
    rest = re.sub(r"^[,.]?\s*[\[(][^()\[\]]*[\])]", "", after)
    m = re.fullmatch(r"[,.]?\s*[\u2013\u2014-]{1,2}\s*(.+?)[\s.]*", rest)
    if m and _name_like(_split_bracket(m.group(1))[0]):
        return _split_bracket(m.group(1))[0]
    return None


def _song_cue(before: str, after: str) -> bool:
    """`the song "X"`, `a song called "X"`, `her song, "X"`, `"X" is a song…`."""
    if re.search(
        r"\b(?:lyrics|words|chorus|verse|lines?|refrain|melody|riff|video|"
        r"cover|version|recording|demo|performance|take|bridge|intro|outro|solo|"
        r"coda|middle eight|breakdown|key change|crescendo|guitars?|piano|drums|"
        r"bass|bassline|horns|strings|synths?|vocals?|harmonies)\s+(?:of|to|on|in)"
        r"\s+$",
        before,
        re.I,
    ):
        return True
    if re.search(rf"\b(?:{_PERFORMED})\s+$", before, re.I):
        return True
    if re.search(
        r"\b(?:played|plays|playing|play|put on|puts on|spun|spins|covered|covers|"
        r"covering|blasted|blasting|requested|requests|dedicated|dedicates|"
        r"came out for|came back (?:out )?for|returned for)\s+$",
        before,
        re.I,
    ):
        return True
    if re.search(
        r"\b(?:the|their|her|his|its)\s+(?:encore|opener|closer|set[- ]closer|"
        r"set[- ]opener|first song|last song|final song)\s+(?:was|is)\s+$",
        before,
        re.I,
    ):
        return True
    if re.search(
        r"\b(?:song|track|single|tune|ballad|anthem|b-side)s?"
        r"(?:\s+(?:called|titled|named))?\s*[,:]?\s*$",
        before,
        re.I,
    ):
        return True
    if re.match(
        r"[,.]?\s*,?\s*(?:written by\b|from (?:her|his|their|the band's|the) "
        r"(?:\w+\s+){0,2}(?:album|record|lp|ep)\b|(?:went|got|reached) to number"
        r"|(?:hit|reached) number|topped the charts?)",
        after,
        re.I,
    ):
        return True  # "X", from her first album …; "X", written by Prince, went to number one
    if re.match(
        r"[,.]?\s*(?:(?:both|all|each)\s+)?(?:got|get|gets|had|have)\s+an?\s+"
        r"(?:airing|outing|encore|singalong)\b",
        after,
        re.I,
    ):
        return True
    return bool(
        re.match(
            r"[,.]?\s*(?:is|was)\s+(?:\w+\s+){0,3}(?:song|track|single|tune|"
            r"ballad|anthem|b-side)\b",
            after,
            re.I,
        )
    )


def _version_after(text: str, pos: int) -> str | None:
    """`(Live at Glastonbury)` or `, live at Wembley` or ` – Demo` right after a song."""
    rest = text[pos:]
    m = re.match(r"\s*[\[(]([^()\[\]]{2,80})[\])]", rest)
    if m and _is_version(m.group(1)):
        return _cap(m.group(1).strip())
    m = re.match(
        r"\s*[,;]?\s*(?:[\u2013\u2014-]\s*)?((?:live|recorded live|performed live)"
        r"\s+(?:at|from|in|on)\s+(?:the\s+)?[A-Z0-9][^.,;:()\u201c\"]{1,60})",
        rest,
    )
    if m:
        return _cap(m.group(1).strip())
    m = re.match(r"\s*[\u2013\u2014-]\s*([^.,;:()\u201c\"]{2,60})$", rest)
    if m and _is_version(m.group(1)):
        return _cap(m.group(1).strip())
    return None


def _version_before(before: str) -> str | None:
    """`the live version of "X"`, `the demo of "X"`, `an unplugged take on "X"`."""
    m = re.search(
        r"\bthe\s+(live|demo|acoustic|unplugged|instrumental|stripped)"
        r"(?:\s+(?:version|take|recording|performance|cut))?\s+(?:of|on)\s*$",
        before,
        re.I,
    )
    return _cap(m.group(1)) if m else None


def _is_version(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 80 and (bool(version_kinds(t)) or bool(VERSION_WORDS.search(t)))


def _split_bracket(text: str) -> tuple[str, str | None]:
    """`Blue (Live at Glastonbury)` -> ("Blue", "Live at Glastonbury"); others kept whole."""
    text = _VIDEO_TAGS.sub("", text) or text
    m = re.match(r"^(.*?)\s*[\[(]([^()\[\]]{2,80})[\])]\s*$", text.strip())
    if m and m.group(1) and _is_version(m.group(2)):
        return m.group(1).strip(), _cap(m.group(2).strip())
    return text.strip(), None


def _order_header(text: str) -> str | None:
    t = text.lower()
    if re.fullmatch(r"\W*(?:title|song|track)\s*[\u2013\u2014/-]\s*(?:artist|band)\W*", t):
        return "title-artist"
    if re.fullmatch(r"\W*(?:artist|band)\s*[\u2013\u2014/-]\s*(?:title|song|track)\W*", t):
        return "artist-title"
    return None


def _attach_link(song: Song, url: str | None) -> None:
    if not url:
        return
    if video_id(url) and not song.youtube:
        song.youtube = url
    elif (
        re.match(r"https?://open\.spotify\.com/(?:intl-[a-z-]+/)?track/[A-Za-z0-9]{22}", url)
        and not song.spotify
    ):
        song.spotify = url.split("?")[0]


# a chat message that is a command ("pixelbrie: !sr …"), and a reply to a chatter ("@pixelbrie …")
_REQUEST = re.compile(r"^@?([\w.-]+):\s*![a-z]\w*\b", re.I)
_REPLY = re.compile(r"^@([\w.-]+)\b")
# What video sites add to a title: "(Official Video)", "[HD]", "(Remastered 2009)".
_VIDEO_TAGS = re.compile(
    r"\s*[\[(](?:official(?:\s+(?:music|lyric|hd|4k))*(?:\s+(?:video|audio))?"
    r"(?:\s+remaster(?:ed)?)?|"
    r"(?:music\s+|lyric\s+)?video|lyrics?|audio|hd|hq|4k|visuali[sz]er|"
    r"(?:\d{4}\s+)?remaster(?:ed)?(?:\s+(?:\d{4}|in\s+(?:4k|hd)))?(?:\s+version)?)[\])]",
    re.I,
)
# a video's own title, quoted: "Rick Astley - Never Gonna Give You Up (Official Music Video)"
_VIDEO_TITLE = re.compile(r"(.+?)\s+[\u2013\u2014-]\s+(.+)")


def _video_title(inner: str, after: str = "") -> tuple[str, str] | None:
    """Rule ``quoted video title``: a quoted ``Artist - Title`` that is a video's or a
    track's title, as a request bot or a player prints it (with a video site's tag, "(Official
    Video)", or its length after it, ``"Arctic Monkeys - 505" (4:13)``), is read as its
    artist and song, the tag dropped; the catalog's swapped pair still turns a ``Title -
    Artist`` round. With a tag, the artist may be written in lower case ("a-ha")."""
    tagged = bool(_VIDEO_TAGS.search(inner))
    if not tagged and not re.match(r"[\s,]*[(\[]?\d{1,2}:\d{2}\b", after):
        return None
    m = _VIDEO_TITLE.fullmatch(_VIDEO_TAGS.sub("", inner).strip())
    if not m or not _name_like(_split_bracket(m.group(2))[0]):
        return None
    artist = m.group(1).strip()
    if not (_name_like(artist) or tagged and len(artist.split()) <= 6):
        return None
    return artist, m.group(2).strip()


# Rule ``cue line``: a line opened by a word saying the music follows, or a toggle's triangle
_CUE = re.compile(
    r"^[ \t]*(?:\d{1,3}[.)][ \t]+)?(?:[\u25b6\u25b8\u25b9\u25bc\u25be\u25bf][ \t]*"
    r"|(?:music|track|song|tune|soundtrack)(?:[ \t]+\d{1,3}(?=[ \t]))?"
    r"(?:[ \t]*:[ \t]*|[ \t]+[\u2013\u2014-][ \t]+|[ \t]+is[ \t]+|[ \t]{2,}(?=\S)))",
    re.I,
)
_NOT_SENTENCE_END = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "ft",
    "feat",
    "jr",
    "sr",
    "vs",
    "no",
    "vol",
    "pt",
}
# "Birdy's version", "Calum Scott's slowed-down version": the performer, not a name in full
_POSSESSIVE_ONE = re.compile(r"^(.+?)['\u2019]s\s+[a-z].*$")
_FEAT = re.compile(r"\s+(?:ft\.?|feat\.?|featuring)\s+.*$", re.I)
_NOTE_WORDS = re.compile(r"^(?:from|the|a|an|not|as|i\.e|originally|with|for|via|see)\b", re.I)


def cue_lines(text: str, units: list[Unit]) -> dict[int, list[tuple[str, str, str | None]]]:
    """The songs of the text's cue lines, by the unit (line or paragraph) each is in."""
    out: dict[int, list[tuple[str, str, str | None]]] = {}
    at = 0
    # (a table's cells, split at tabs, each open a line of their own)
    for line in re.split(r"[\n\t]", text):
        m = _CUE.match(line)
        read = _cue_song(line[m.end() :]) if m else None
        if read is None:
            continue
        probe = " ".join(line[m.end() :].split())[:30] if m else ""
        for n in range(at, len(units)):
            if probe in " ".join(units[n].text.split()) or probe in " ".join(units[n].raw.split()):
                out.setdefault(units[n].index, []).append(read)
                at = n
                break
    return out


def _first_sentence(text: str) -> str:
    """``text`` up to its first sentence's end ("Mr. Sandman", "ft. X", "B.O.T.A." end none)."""
    for m in re.finditer(r"([.!?])\s+(?=[A-Z\"\u201c])", text):
        word = re.search(r"(\S+)$", text[: m.start()])
        w = word.group(1) if word else ""
        if m.group(1) == "." and (
            w.lower() in _NOT_SENTENCE_END or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", w)
        ):
            continue
        return text[: m.start() + (m.group(1) != ".")]
    return text


def _outside_brackets(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``pattern`` that is not inside a bracket."""
    for m in pattern.finditer(text):
        before = text[: m.start()]
        if before.count("(") <= before.count(")") and before.count("[") <= before.count("]"):
            return m
    return None


def _cue_artist(text: str) -> str:
    """The performer in what follows a title: up to a comma or bracket, a possessive's name."""
    text = re.split(r",\s|\s+\(|\s*;", text, maxsplit=1)[0].strip().rstrip("&+ ").strip()
    m = _POSSESSIVE_ONE.match(text)
    return m.group(1) if m else text


def _cue_song(value: str) -> tuple[str, str, str | None] | None:
    """(title, artist, version) of the song a cue line names, or None."""
    value = _first_sentence(value.strip()).strip()
    if not re.search(r"(?:\b[A-Za-z]\.)+$|\.\.$", value):  # "J.A.N.", "Fred again.."
        value = value.rstrip(".")
    # "thank u, next (ariana grande)", "Uptown Funk ft. Bruno Mars (Mark Ronson)"
    # (what follows its bracket is a note in lower case: "– we use the clean edit")
    m = re.match(r"^(.+?)\s*\(([^()]{2,40})\)\s*(?:[\u2013\u2014-]\s+[a-z].*)?$", value)
    if (
        m
        and not _is_version(m.group(2))
        and not _NOTE_WORDS.match(m.group(2))
        and not _DASH.search(m.group(1))
        and len(m.group(2).split()) <= 4
        and not re.search(r"\d", m.group(2))
        and (_FEAT.search(m.group(1)) or m.group(2) == m.group(2).lower() or "," in m.group(1))
    ):
        return _cue_pair(_FEAT.sub("", m.group(1)), m.group(2), None)
    quoted = re.match(r"^[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]\s*(.*)$", value)
    if quoted:  # '"This Is Me" from The Greatest Showman, performed by Keala Settle'
        rest = quoted.group(2)
        after = re.match(r"^[\u2013\u2014-]+\s*", rest) or re.search(r"\bby\s+", rest)
        return _cue_pair(quoted.group(1), _cue_artist(rest[after.end() :]), None) if after else None
    dash = _outside_brackets(value, _DASH)
    if dash:
        a, b = value[: dash.start()].strip(), value[dash.end() :].strip()
        a_title, a_version = _split_bracket(a)
        b_title, b_version = _split_bracket(b)
        bracketed = "(" in b_title and "(" not in a_title
        if (
            re.match(r"^[\"\u201c]", b) or bracketed
        ):  # "Crystal Waters – Gypsy Woman (She's Homeless)"
            return _cue_pair(b_title, _cue_artist(a_title), b_version)
        return _cue_pair(a_title, _cue_artist(b), a_version)
    value = re.sub(r"\s*\([^()]*\)\s*$", "", value) if not _split_bracket(value)[1] else value
    by = _outside_brackets(value, re.compile(r",?\s+by\s+"))
    if by:
        return _cue_pair(value[: by.start()], _cue_artist(value[by.end() :]), None)
    m = re.match(r"^(.+?)['\u2019]s\s+[\"\u201c](.+?)[\"\u201d]", value)
    if m:
        return _cue_pair(m.group(2), m.group(1), None)
    sep = _outside_brackets(value, re.compile(r"\s+[\u00b7/|]\s+|,\s+"))
    if sep:
        title, version = _split_bracket(value[: sep.start()])
        return _cue_pair(title, _cue_artist(value[sep.end() :]), version)
    return None


def _cue_pair(title: str, artist: str, version: str | None) -> tuple[str, str, str | None] | None:
    title = title.strip().strip('"\u201c\u201d').strip()
    artist = artist.strip().strip('"\u201c\u201d').strip()
    # the cue says it is a song: a title in lower case or with full stops ("thank u, next",
    # "Mr. Sandman", "B.O.T.A.") is still one, but neither side may be a sentence
    for part, most in ((title, 12), (artist, 6)):
        if not re.search(r"[^\W\d_]", part) or len(part.split()) > most or len(part) > 90:
            return None
        if re.search(r"[!?;:]\s|\.\s+[a-z]", part):
            return None
    if key(title) == key(artist) or not key(title):
        return None
    return title, artist, version


# rule ``the live one``: a note after the artist asking for one live recording by its album
_LIVE_ONE = re.compile(
    r",\s+the\s+live\s+(?:one|version|recording|take|cut)\s+(?:off|from|on)\s+"
    r"([A-Z0-9][^.,;:()\[\]]*?[!?]?)(?:\s+[a-z][\w\s'\u2019]*)?(?=\s*[.,;:(]|\s*$)"
)
_CAPITALISED_SHORT = re.compile(r"[A-Z0-9][\w'\u2019.!?&-]*(?:\s+[A-Z0-9][\w'\u2019.!?&-]*){0,3}")
_INITIALS = re.compile(r"[A-Z]{2,4}")
_BRACKET_COMMENT = re.compile(r"\s*\[[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*)?:\s[^\[\]]*\]")
_FEATURED = re.compile(r"\s*[(\[](?:feat\.?|ft\.?|featuring)\s[^()\[\]]+[)\]]\s*$", re.I)


def _tidy_title(text: str) -> str:
    """Straighten typographic apostrophes (Don’t -> Don't), as hand-written tracklists do, and
    drop a video site's tags ("(Official Video)", "[HD]", "(Remastered 2009)") and a closing
    featured artist's credit ("(feat. Post Malone)")."""
    t = " ".join(_VIDEO_TAGS.sub("", _strip_punct(text)).split()).translate(_APOS)
    # "chapter prefix": a leading chapter time and its place ("15:20 #6 God Only Knows"); a
    # title that only starts with a number ("#9 Dream", "7 Rings") keeps it
    t = _CHAPTER_TIME.sub("", t)
    # a title still in British single quotes ("Michael Jackson, 'Man in the Mirror'");
    # an apostrophe at one end only stays ("'Round Midnight", "Rockin'")
    quoted = re.fullmatch(r"'([^'\s][^']*(?:'\w[^']*)*[^'\s])'", t)
    if quoted:
        t = quoted.group(1)
    # "featured credit": "Fortnight (feat. Post Malone)" is the song "Fortnight"; the guest
    # is a credit of the recording, not a word of its title
    t = _FEATURED.sub("", t) or t
    return _strip_punct(t) or " ".join(_strip_punct(text).split()).translate(_APOS)


def _tidy_name(text: str) -> str:
    """Collapse spaces, straighten apostrophes, drop trailing punctuation but not an initial's
    full stop ("Fontaines D.C.")."""
    name = " ".join(text.split()).translate(_APOS).strip(" ,;:")
    if name.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", name):
        name = name.rstrip(".")
    return name


def passage(unit: Unit, pos: int, width: int = 110) -> str:
    """The sentence around ``pos`` in ``unit``, clipped to about ``width`` characters."""
    text = unit.text
    if unit.kind != "prose":
        return _clip(text, width)
    lo = 0
    lo = _sentence_start(text, pos)
    nxt = _SENTENCE_END.search(text, pos + 1, pos + 2000)
    hi = nxt.start() + 1 if nxt else min(len(text), pos + 2000)
    sent = text[lo:hi].strip()
    if len(sent) <= width:
        return sent
    at = pos - lo
    start = max(0, min(at - width // 3, len(sent) - width))
    if start:
        start = sent.find(" ", start) + 1 or start
    piece = sent[start : start + width]
    if start + width < len(sent):
        piece = piece.rsplit(" ", 1)[0] + " \u2026"
    return ("\u2026 " if start else "") + piece.strip()


def _dedupe(items: list[LeftOut]) -> list[LeftOut]:
    return list(dict.fromkeys(items))


def find_songs(text: str) -> tuple[list[Song], list[LeftOut]]:
    """Songs named in ``text`` in order of first mention, and what was left out and why."""
    return Finder(text).run()
