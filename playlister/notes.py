"""The liner notes: the selected songs as a readable sheet in plain text, Markdown or HTML.

``render_notes`` builds one view model (a ``Sheet`` of ``SongView``) from the tracklist and
the lock, then hands it to a small function per format. The view model holds display
strings only; each format escapes them for its own syntax.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from playlister import urls
from playlister.errors import PlaylisterError
from playlister.lockfile import Lock, LockEntry
from playlister.state import Status, verdict
from playlister.tracklist import Track, Tracklist

FORMATS = ("text", "markdown", "html")
MIN_WIDTH = 20


@dataclass(frozen=True)
class Link:
    label: str
    url: str

    @property
    def is_web(self) -> bool:
        """Only http(s) URLs are ever turned into links."""
        try:
            parts = urlsplit(self.url)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and bool(parts.netloc)


@dataclass(frozen=True)
class SongView:
    """One song as the sheet shows it, whatever the format."""

    number: int
    title: str
    artist: str
    recording: str | None  # version · album (year)
    place: str | None  # where it sits in the film
    notes: tuple[str, ...]  # paragraphs, whitespace collapsed
    tags: tuple[str, ...]
    kind: Status
    status: str | None  # e.g. "substitute: …", "not on Spotify"; None when simply matched
    links: tuple[Link, ...]  # the first is where to listen


@dataclass(frozen=True)
class Sheet:
    """The whole sheet: header, songs and footer."""

    name: str
    description: tuple[str, ...]  # paragraphs
    selection: str | None  # which tags were asked for
    playlist: Link | None
    songs: tuple[SongView, ...]
    counts: str
    source: str


def render_notes(
    tracklist: Tracklist,
    lock: Lock | None,
    *,
    fmt: str = "text",
    tags: Sequence[str] = (),
    width: int = 80,
) -> str:
    """The liner notes for the songs of ``tracklist`` carrying any of ``tags`` (all if none).

    Raises ``ValueError`` for an unknown ``fmt`` (or a text ``width`` under 20) and
    ``PlaylisterError`` when the selection is empty.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "text" and width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH}, not {width}")
    sheet = build_sheet(tracklist, lock, tags=tags)
    if fmt == "markdown":
        return _markdown(sheet)
    if fmt == "html":
        return _html(sheet)
    return _text(sheet, width)


# ---------------------------------------------------------------- view model


def build_sheet(tracklist: Tracklist, lock: Lock | None, *, tags: Sequence[str] = ()) -> Sheet:
    """Compute everything the sheet says, once, for all formats."""
    wanted = (tags,) if isinstance(tags, str) else tuple(tags)
    selected = tracklist.select(wanted)  # raises TracklistError for a tag matching nothing
    if not selected:
        raise PlaylisterError(_empty_message(tracklist, wanted))
    entries = [lock.get(t) if lock is not None else None for t in selected]
    songs = tuple(_song(n, t, e) for n, (t, e) in enumerate(zip(selected, entries, strict=True), 1))

    selection = None
    if wanted:
        selection = (
            f"Songs tagged {' or '.join(wanted)}: {len(selected)} of {len(tracklist.tracks)}."
        )
    playlist = None
    if lock is not None and lock.playlist_id:
        playlist = Link("Playlist on Spotify", urls.spotify_playlist(lock.playlist_id))
    if lock is not None and any(e is not None for e in entries):
        source = f"Spotify matches come from the lockfile {lock.path.name}."
    else:
        source = "Nothing is matched on Spotify yet: run 'playlister match' to look the songs up."
    return Sheet(
        name=_one_line(tracklist.playlist.name) or "Liner notes",
        description=_paragraphs(tracklist.playlist.description),
        selection=selection,
        playlist=playlist,
        songs=songs,
        counts=_counts(songs),
        source=source,
    )


def _empty_message(tracklist: Tracklist, tags: tuple[str, ...]) -> str:
    if not tags:
        return f"{tracklist.path}: the tracklist has no songs, so there are no notes to print."
    # Tracklist.select already raises for a tag that selects nothing; kept as a safety net.
    asked = " or ".join(f'"{t}"' for t in tags)
    return f"{tracklist.path}: no song is tagged {asked}, so there are no notes to print."


def _song(number: int, track: Track, entry: LockEntry | None) -> SongView:
    v = verdict(track, entry)
    video = [Link("YouTube", v.video)] if v.video else []
    status: str | None
    if v.status is Status.MATCHED and v.spotify_url:
        links = [Link("Spotify", v.spotify_url), *video]
        status = None
    elif v.status is Status.SUBSTITUTE and entry is not None and v.spotify_url:
        links = [Link("Spotify", v.spotify_url)]
        links += [Link("YouTube (the version wanted)", v.video)] if v.video else []
        status = f"substitute: {_describe_match(track, entry)}"
    else:
        links = video or [Link("YouTube search", v.search_url)]
        status = {
            Status.UNMATCHED: "not matched on Spotify yet",
            Status.MISSING: "not on Spotify",
        }.get(v.status, "Spotify match waiting for review")
    return SongView(
        number=number,
        title=_one_line(track.title),
        artist=_one_line(track.artist),
        recording=_recording(track),
        place=_place(track),
        notes=_paragraphs(track.note),
        tags=tuple(_one_line(t) for t in track.tags),
        kind=v.status,
        status=status,
        links=tuple(links),
    )


def _describe_match(track: Track, entry: LockEntry) -> str:
    m = entry.match
    if m is None:
        return "a different recording"
    text = _one_line(m.title)
    artists = ", ".join(m.artists)
    if artists and _one_line(artists).casefold() != _one_line(track.artist).casefold():
        text += f" by {_one_line(artists)}"
    if m.album:
        text += f" — {_one_line(m.album)}"
    if m.year:
        text += f" ({m.year})"
    return text


def _recording(track: Track) -> str | None:
    album = _one_line(track.album or "")
    album = f"album {album}" if album else ""
    if track.year:
        album = f"{album} ({track.year})" if album else str(track.year)
    parts = [p for p in (_one_line(track.version or ""), album) if p]
    return " · ".join(parts) or None


def _place(track: Track) -> str | None:
    act = _one_line(track.act or "")
    if act and not act.casefold().startswith("act"):
        act = f"Act {act}"  # a bare "2" or "II"; the loader already spells whole numbers out
    parts = [p for p in (act, _one_line(track.scene or "")) if p]
    return ", ".join(parts) or None


def _fields(song: SongView) -> list[tuple[str, str]]:
    """The labelled one-line facts about a song, in sheet order, empty ones left out."""
    fields = [
        ("Recording wanted", song.recording),
        ("In the film", song.place),
        ("Tags", ", ".join(song.tags)),
    ]
    return [(label, value) for label, value in fields if value]


def _counts(songs: Sequence[SongView]) -> str:
    def n(kind: Status) -> int:
        return sum(1 for s in songs if s.kind is kind)

    substitutes = n(Status.SUBSTITUTE)
    on_spotify = n(Status.MATCHED) + substitutes
    return (
        f"{_plural(len(songs), 'song')}: {on_spotify} on Spotify "
        f"({_plural(substitutes, Status.SUBSTITUTE.value)}), {n(Status.MISSING)} missing, "
        f"{n(Status.REVIEW)} to review, {n(Status.UNMATCHED)} not matched yet."
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    paras = (_one_line(p) for p in re.split(r"\n\s*\n", text))
    return tuple(p for p in paras if p)


# ---------------------------------------------------------------- text


def _text(sheet: Sheet, width: int) -> str:
    out: list[str] = []
    title = _wrap(sheet.name, width)
    out += title
    out.append("=" * max(len(line) for line in title))
    for para in sheet.description:
        out += ["", *_wrap(para, width)]
    if sheet.selection or sheet.playlist:
        out.append("")
        if sheet.selection:
            out += _wrap(sheet.selection, width)
        if sheet.playlist:
            out += _wrap(f"{sheet.playlist.label}: {sheet.playlist.url}", width, url=True)

    digits = len(str(len(sheet.songs)))
    indent = " " * (digits + 2)
    for song in sheet.songs:
        out.append("")
        head = f"{song.number:>{digits}}. "
        out += _wrap(f"{song.title} — {song.artist}", width, indent, first=head)
        for label, value in _fields(song):
            out += _wrap(f"{label}: {value}", width, indent)
        for i, para in enumerate(song.notes):
            out += [""] * (i > 0) + _wrap(para, width, indent)
        if song.status:
            out += _wrap(song.status[0].upper() + song.status[1:] + ".", width, indent)
        for link in song.links:
            out += _wrap(f"{link.label}: {link.url}", width, indent, url=True)

    out += ["", "-" * width, *_wrap(sheet.counts, width), *_wrap(sheet.source, width)]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int, indent: str = "", *, first: str | None = None,
          url: bool = False) -> list[str]:
    """Wrap prose to ``width``; lines holding a URL never break inside it."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=not url,
        break_on_hyphens=not url,
    )


# ---------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$!])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^(\d+)(?=[.)])|^(?=[-+=])")


def _md(text: str) -> str:
    """Escape Markdown-significant characters so a value renders as typed."""
    return _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text))


def _md_block(text: str) -> str:
    """Escape a paragraph, including what would make its start a list or a heading."""
    return _MD_LINE_START.sub(lambda m: (m[1] or "") + "\\", _md(text), count=1)


def _md_link(link: Link) -> str:
    if not link.is_web:
        return f"{_md(link.label)}: {_md(link.url)}"
    url = "".join(f"%{ord(c):02X}" if c in " ()<>[]\\`" else c for c in link.url)
    return f"[{_md(link.label)}]({url})"


def _markdown(sheet: Sheet) -> str:
    out = [f"# {_md(sheet.name)}"]
    for para in sheet.description:
        out += ["", _md_block(para)]
    meta = []
    if sheet.selection:
        meta.append(f"*{_md(sheet.selection)}*")
    if sheet.playlist:
        meta.append(_md_link(sheet.playlist))
    if meta:
        out += ["", "  \n".join(meta)]

    for song in sheet.songs:
        out += ["", f"## {song.number}. {_md(song.title)} — {_md(song.artist)}"]
        fields = [f"- **{label}:** {_md(value)}" for label, value in _fields(song)]
        if fields:
            out += ["", *fields]
        for para in song.notes:
            out += ["", _md_block(para)]
        listen = [f"*{_md(song.status)}*"] if song.status else []
        listen += [_md_link(link) for link in song.links]
        out += ["", "**Listen:** " + " · ".join(listen)]

    out += ["", "---", "", _md(sheet.counts), "", _md(sheet.source)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- html

_CSS = """\
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #222; background: #fff;
       max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin: 0 0 .4rem; }
.description { font-style: italic; }
.meta { font-size: .92em; }
ol.songs { list-style: none; padding: 0; margin: 1.5rem 0; }
li.song { border-top: 1px solid #ccc; padding-top: .8rem; margin-bottom: 1.2rem; }
li.song h2 { font-size: 1.15rem; margin: 0 0 .3rem; }
.num { color: #666; }
.artist { font-weight: normal; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem;
     margin: .3rem 0; font-size: .92em; }
dt { font-weight: bold; }
dd { margin: 0; }
.note p { margin: .4rem 0; }
.listen { font-size: .92em; }
.status { font-style: italic; }
footer { border-top: 2px solid #222; margin-top: 2rem; padding-top: .6rem; font-size: .9em; }
a { color: #1a5fb4; }
@page { margin: 18mm 16mm; }
@media print {
  body { color: #000; background: #fff; max-width: none; margin: 0; padding: 0;
         font-size: 10.5pt; }
  a, a:visited { color: #000; text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: .85em; word-break: break-all; }
  .num { color: #000; }
  li.song { border-color: #000; page-break-inside: avoid; break-inside: avoid; }
  h1, h2 { page-break-after: avoid; break-after: avoid; }
}
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_link(link: Link) -> str:
    if not link.is_web:
        return f"{_h(link.label)}: {_h(link.url)}"
    return f'<a href="{_h(link.url)}">{_h(link.label)}</a>'


def _html(sheet: Sheet) -> str:
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(sheet.name)} — liner notes</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_h(sheet.name)}</h1>",
    ]
    out += [f'<p class="description">{_h(p)}</p>' for p in sheet.description]
    if sheet.selection:
        out.append(f'<p class="meta">{_h(sheet.selection)}</p>')
    if sheet.playlist:
        out.append(f'<p class="meta">{_html_link(sheet.playlist)}</p>')
    out += ["</header>", '<ol class="songs">']

    for song in sheet.songs:
        out += [
            f'<li class="song" id="song-{song.number}">',
            f'<h2><span class="num">{song.number}.</span> <span class="title">{_h(song.title)}'
            f'</span> — <span class="artist">{_h(song.artist)}</span></h2>',
        ]
        rows = [f"<dt>{label}</dt><dd>{_h(value)}</dd>" for label, value in _fields(song)]
        if rows:
            out += ["<dl>", *rows, "</dl>"]
        if song.notes:
            out.append('<div class="note">' + "".join(f"<p>{_h(p)}</p>" for p in song.notes)
                       + "</div>")
        listen = [f'<span class="status">{_h(song.status)}</span>'] if song.status else []
        listen += [_html_link(link) for link in song.links]
        out += ['<p class="listen">Listen: ' + " · ".join(listen) + "</p>", "</li>"]

    out += [
        "</ol>",
        "<footer>",
        f'<p class="counts">{_h(sheet.counts)}</p>',
        f'<p class="source">{_h(sheet.source)}</p>',
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
