"""Writing a choice back into the user's own ``tracks.toml``, changing nothing else.

The tracklist is hand-edited: its comments, key order, spacing, quoting and line ends are the
user's. ``tomlkit`` keeps every byte of a document it did not change; this module adds the
one thing it does not do on its own: a new key goes after the last key of its ``[[track]]``
table, so a comment written above the next table stays with that table, and takes the file's
own line end (``\\r\\n`` files stay ``\\r\\n``).
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, InlineTable, Item, Table

from playlister.errors import TracklistError
from playlister.files import atomic_write, read_input

BOM = "\ufeff"
_TRACK_HEADER = re.compile(r"^\s*\[\[\s*track\s*\]\][ \t]*(?:#[^\n]*)?\r?\n$")


def edit_text(
    text: str, index: int, changes: Mapping[str, str | None], *, path: str | Path = "tracks.toml"
) -> str:
    """``text`` with entry ``index`` (1-based) given ``changes`` (None removes a key).

    An existing key keeps its place and its trailing comment; a new one is added after the
    entry's last key. Everything else is returned byte for byte: only the entry's own body is
    rendered again by tomlkit and put back in its place (a whole-document render would respell
    every ``[[ track ]]`` header like the first one). The result is parsed again and must hold
    exactly the data asked for, or nothing is returned.
    """
    doc = tomlkit.parse(text)
    tracks = doc.get("track")
    if not isinstance(tracks, AoT | list) or not 1 <= index <= len(tracks):
        raise TracklistError(path, f"has no entry {index} to write into")
    spans = _body_spans(text, tracks) if isinstance(tracks, AoT) else None
    table = tracks[index - 1]
    newline = "\r\n" if "\r\n" in text else "\n"
    for key, value in changes.items():
        if value is None:
            if key in table:
                del table[key]
        elif key in table:
            old = table.item(key)
            new = tomlkit.item(value)
            new.trivia.indent = old.trivia.indent
            new.trivia.comment_ws = old.trivia.comment_ws
            new.trivia.comment = old.trivia.comment
            new.trivia.trail = old.trivia.trail
            table[key] = new
        elif isinstance(table, InlineTable):
            table[key] = value
        else:
            _append(table, key, tomlkit.item(value), newline)
    if spans is None:
        result = doc.as_string()
    else:
        start, end = spans[index - 1]
        result = text[:start] + table.as_string() + text[end:]
    _check(text, result, index, changes, path)
    return result


def _body_spans(text: str, tracks: AoT) -> list[tuple[int, int]] | None:
    """Where each ``[[track]]`` table's body (the text after its header line) lies in
    ``text``, or None if a body cannot be found right after a header."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for table in tracks:
        body = table.as_string()
        start = text.find(body, pos)
        while start != -1 and not _after_header(text, start):
            start = text.find(body, start + 1)
        if start == -1:
            return None
        spans.append((start, start + len(body)))
        pos = start + len(body)
    return spans


def _after_header(text: str, at: int) -> bool:
    """Whether the line before offset ``at`` is a ``[[track]]`` header (``at`` starts a line)."""
    if at == 0 or text[at - 1] != "\n":
        return False
    line_start = text.rfind("\n", 0, at - 1) + 1
    return bool(_TRACK_HEADER.match(text[line_start:at]))


def _check(
    old: str, new: str, index: int, changes: Mapping[str, str | None], path: str | Path
) -> None:
    """The edited text must parse to the old data with exactly ``changes`` applied."""
    want = tomllib.loads(old)
    entry = want["track"][index - 1]
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    try:
        ok = tomllib.loads(new) == want
    except tomllib.TOMLDecodeError:
        ok = False
    if not ok:
        raise TracklistError(
            path,
            f"entry {index} could not be edited safely (an unusual "
            "layout); nothing was written. Add the key by hand: "
            + ", ".join(f"{k} = {v!r}" for k, v in changes.items() if v),
        )


def _append(table: Table, key: str, item: Item, newline: str) -> None:
    """Add ``key`` after the table's last key (before the blank lines and comments that end
    it, which belong to whatever follows)."""
    body: Container = table.value
    keys = [k for k, _ in body.body if k is not None]
    item.trivia.trail = newline
    if not keys:
        table.append(key, item)
        return
    last = body.item(keys[-1].key)
    if not isinstance(last, Item):  # a table split in pieces: tomlkit places the key itself
        table.append(key, item)
        return
    if not last.trivia.trail.endswith("\n"):  # the file's last line, without a line end
        last.trivia.trail += newline
    indent = last.trivia.indent
    item.trivia.indent = indent
    body._insert_after(keys[-1].key, key, item)


def write(path: str | Path, index: int, changes: Mapping[str, str | None]) -> None:
    """Apply ``changes`` to entry ``index`` of the tracklist at ``path``, atomically.

    The byte-order mark and the file's mode are kept; a failed write leaves the file as it was.
    """
    path = Path(path)
    target = path.resolve()  # a symlinked tracklist stays a symlink: its target is written
    try:
        raw = read_input(target)
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        raise TracklistError(path, f"cannot be read: {exc.strerror or exc}.") from None
    if not os.access(target, os.W_OK):
        raise TracklistError(
            path,
            "is read-only; nothing was written. Make it writable (chmod u+w), then choose again.",
        )
    text = raw.decode("utf-8")
    bom = text.startswith(BOM)
    new = edit_text(text.removeprefix(BOM), index, changes, path=path)
    try:
        atomic_write(target, (BOM if bom else "") + new)
        os.chmod(target, mode)
    except OSError as exc:
        raise TracklistError(
            path, f"cannot be written: {exc.strerror or exc}. It was left as it was."
        ) from None
