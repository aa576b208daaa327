"""The sheet's view model: what the liner notes say, computed once for every format.

``build_sheet`` turns the tracklist and the lock into a :class:`Sheet` of :class:`SongView`.
It holds display strings only (typographic quotes and dashes already applied, whitespace
collapsed) and links; the templates decide the layout and escape for their own syntax.
Every entry's state and links come from :func:`playlister.state.verdict`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from playlister import urls
from playlister.errors import PlaylisterError
from playlister.lockfile import Lock, LockEntry, MatchInfo, PlaylistRecord
from playlister.state import Status, verdict
from playlister.text import fold
from playlister.tracklist import Track, Tracklist


@dataclass(frozen=True)
class Link:
    """A labelled URL; ``label`` is what is printed in its place on paper."""

    label: str
    url: str

    @property
    def is_web(self) -> bool:
        """Only http(s) URLs are ever turned into links or codes."""
        try:
            parts = urlsplit(self.url)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and bool(parts.netloc)


@dataclass(frozen=True)
class Fact:
    """One labelled line about where to hear a song, e.g. "Recording: Crimes (2004) · 2:51"."""

    label: str
    text: str
    link: Link | None = None


@dataclass(frozen=True)
class SongView:
    """One song as the sheet shows it, whatever the format."""

    number: int
    title: str
    artist: str
    place: str | None  # where it sits in the film
    notes: tuple[str, ...]  # paragraphs
    recording: str  # short, for the tracklist overview ("" when nothing is known)
    time: str | None  # running time of the recording the code plays, m:ss
    facts: tuple[Fact, ...]  # the first one's link is where the code points
    listen: Link  # where the song's code points: verdict.listen
    on_spotify: bool  # the code opens Spotify (else YouTube)


@dataclass(frozen=True)
class Sheet:
    """The whole sheet: header, songs and footer."""

    name: str
    description: tuple[str, ...]  # paragraphs
    selection: str | None  # which tags were asked for
    playlist: Link | None  # the whole list: the Spotify playlist, or the videos in a row
    songs: tuple[SongView, ...]
    count: str  # "13 songs." or "13 songs, 48:10 in all."
    where: str  # where the links play: "on Spotify", "on YouTube", or both

    @property
    def has_times(self) -> bool:
        return any(s.time for s in self.songs)


def build_sheet(tracklist: Tracklist, lock: Lock | None, *, tags: Sequence[str] = ()) -> Sheet:
    """Compute everything the sheet says, once, for all formats.

    Raises ``TracklistError`` for a tag that selects nothing and ``PlaylisterError`` for a
    tracklist with no songs.
    """
    wanted = (tags,) if isinstance(tags, str) else tuple(tags)
    selected = tracklist.select(wanted)
    if not selected:
        raise PlaylisterError(
            f"{tracklist.path}: the tracklist has no songs, so there are no notes to print."
        )
    entries = [lock.get(t) if lock is not None else None for t in selected]
    songs = tuple(_song(n, t, e) for n, (t, e) in enumerate(zip(selected, entries, strict=True), 1))

    selection = None
    if wanted:
        selection = (
            f"Songs tagged {' or '.join(_one_line(w) for w in wanted)}: "
            f"{len(selected)} of {len(tracklist.tracks)}."
        )
    return Sheet(
        name=smarten(_one_line(tracklist.playlist.name)) or "Liner notes",
        description=tuple(smarten(p) for p in _paragraphs(tracklist.playlist.description)),
        selection=selection,
        playlist=_playlist(lock.playlist_for(wanted) if lock is not None else None, songs),
        songs=songs,
        count=_count(songs),
        where=_where(songs),
    )


def _playlist(record: PlaylistRecord | None, songs: Sequence[SongView]) -> Link | None:
    """The selection's Spotify playlist once created (a ``--tag`` subset's own); with nothing
    on Spotify, the videos in a row."""
    if record is not None and record.id:
        return Link("The playlist on Spotify", urls.spotify_playlist(record.id))
    if any(s.on_spotify for s in songs):
        return None
    ids = list(dict.fromkeys(vid for s in songs if (vid := urls.video_id(s.listen.url))))
    play_all = urls.watch_videos(ids)
    if play_all is None or len(ids) < 2:  # one video already has its song's own code
        return None
    return Link(f"The {len(ids)} videos in a row on YouTube", play_all)


def _count(songs: Sequence[SongView]) -> str:
    times = [_seconds(s.time) for s in songs if s.time]
    count = _plural(len(songs), "song")
    if times and len(times) == len(songs):
        count += f", {_clock(sum(times) * 1000, hours=True)} in all"
    return count + "."


def _where(songs: Sequence[SongView]) -> str:
    spotify = sum(1 for s in songs if s.on_spotify)
    if spotify == len(songs):
        return "on Spotify"
    if spotify == 0:
        return "on YouTube"
    return "on Spotify, or on YouTube when the recording wanted is not on Spotify"


# ---------------------------------------------------------------- one song


def _song(number: int, track: Track, entry: LockEntry | None) -> SongView:
    v = verdict(track, entry)
    match = entry.match if entry is not None else None
    own = _described(track.version, track.album, track.year)
    own_time = _clock(track.duration_ms) if track.duration_ms else None
    youtube = "YouTube" if v.video and v.listen == v.video else "YouTube search"
    on_youtube = Link(youtube, v.listen)

    facts: list[Fact]
    time = own_time
    if v.status is Status.MATCHED and v.spotify_url:
        spotify = Link("Spotify", v.spotify_url)
        found = _match_text(track, match) if match else own
        if match and match.duration_ms:
            time = _clock(match.duration_ms)
        facts = [Fact("Recording", _join(found, time), spotify)]
        if v.video:  # the entry's own video is never dropped because Spotify had a match
            facts.append(Fact("Video", "", Link("YouTube", v.video)))
        listen, recording = spotify, found
    elif v.status is Status.SUBSTITUTE and v.spotify_url:
        stand_in = _match_text(track, match, with_title=True) if match else ""
        stand_in_time = _clock(match.duration_ms) if match and match.duration_ms else None
        facts = [
            Fact("Recording wanted", _join(own, own_time), on_youtube),
            Fact(
                "Stand-in on Spotify",
                _join(stand_in, stand_in_time),
                Link("Spotify", v.spotify_url),
            ),
        ]
        listen, recording = on_youtube, own
    elif v.status is Status.MISSING:
        facts = [Fact("Not on Spotify", _join(own, own_time), on_youtube)]
        listen, recording = on_youtube, own or "Not on Spotify"
    else:  # not matched yet, or waiting for review: the reader just needs somewhere to listen
        label = "Recording wanted" if track.version else "Recording"
        facts = [Fact(label, _join(own, own_time), on_youtube)]
        listen, recording = on_youtube, own
    return SongView(
        number=number,
        title=smarten(_one_line(track.title)),
        artist=smarten(_one_line(track.artist)),
        place=_place(track),
        notes=tuple(smarten(p) for p in _paragraphs(track.note)),
        recording=recording,
        time=time,
        facts=tuple(facts),
        listen=listen,
        on_spotify=listen.url == v.spotify_url,
    )


def _match_text(track: Track, m: MatchInfo, *, with_title: bool = False) -> str:
    """The Spotify recording: its title where it differs (or is asked for), artists, album."""
    title = _one_line(m.title)
    shown = with_title or fold(title) != fold(track.title)
    text = f"“{smarten(title)}”" if shown and title else ""
    artists = _one_line(", ".join(m.artists))
    if artists and fold(artists) != fold(track.artist):
        text = f"{text} by {smarten(artists)}".strip()
    album = _described(None, m.album, m.year)
    return ", ".join(p for p in (text, album) if p)


def _described(version: str | None, album: str | None, year: int | None) -> str:
    """ "Live at Glastonbury", "Crimes (2004)", "Live · Crimes (2004)", "1977" or ""."""
    record = smarten(_one_line(album or ""))
    if year:
        record = f"{record} ({year})" if record else str(year)
    return _join(smarten(_one_line(version or "")), record)


def _place(track: Track) -> str | None:
    act = _one_line(track.act or "")
    if act and not act.casefold().startswith("act"):
        act = f"Act {act}"  # a bare "2" or "II"; the loader already spells whole numbers out
    parts = [smarten(p) for p in (act, _one_line(track.scene or "")) if p]
    return ", ".join(parts) or None


# ---------------------------------------------------------------- text helpers


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _clock(ms: int, *, hours: bool = False) -> str:
    seconds = round(ms / 1000)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if hours and h:
        return f"{h}:{m:02d}:{s:02d}"
    return f"{h * 60 + m}:{s:02d}"


def _seconds(clock: str) -> int:
    m, s = clock.split(":")
    return int(m) * 60 + int(s)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _one_line(text: str) -> str:
    """Whitespace collapsed, control characters (a terminal's escapes) dropped."""
    return _CONTROL.sub("", " ".join(text.split()))


def _paragraphs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    paras = (_one_line(p) for p in re.split(r"\n\s*\n", text))
    return tuple(p for p in paras if p)


_OPEN_BEFORE = r"(^|(?<=[\s(\[{—–/-]))"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"---"), "—"),
    (re.compile(r"--"), "–"),
    (re.compile(r"(?<=\s)-(?=\s)"), "–"),
    (re.compile(r"\.\.\."), "…"),
    (re.compile(r"(?<=\s)'([nN])'(?=\s)"), r"’\1’"),  # rock 'n' roll
    (re.compile(_OPEN_BEFORE + r"'(?=\d\ds\b)"), "’"),  # the '90s
    (re.compile(_OPEN_BEFORE + r'"'), "“"),
    (re.compile(r'"'), "”"),
    (re.compile(_OPEN_BEFORE + r"'"), "‘"),
    (re.compile(r"'"), "’"),
)


def smarten(text: str) -> str:
    """Typographic quotes, apostrophes, dashes and ellipses for straight ASCII ones.

    "Don't" → "Don’t", "\"Blue\"" → "“Blue”", " - " and "--" → "–", "---" → "—". Only for
    prose and names: URLs never pass through here.
    """
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
