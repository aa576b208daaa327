"""Reading a SOURCE: a text, Markdown, HTML or CSV file, ``-`` for stdin, or an http(s) URL.

Everything comes back as a ``Document`` of decoded text and what kind of text it is, so the
finder never cares where the words came from. URLs are fetched with the standard library
(one GET, a timeout, a byte cap): no extra dependency is worth it for a single request.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO, Literal

from playlister.deadline import DeadlineExceeded, run_within
from playlister.importer.errors import SourceError

Kind = Literal["text", "markdown", "html", "csv"]

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown",
               "text/csv": "csv"}
_SUFFIXES: dict[str, Kind] = {".html": "html", ".htm": "html", ".xhtml": "html",
                              ".md": "markdown", ".markdown": "markdown", ".csv": "csv"}
USER_AGENT = "playlister-import/0.1 (+https://github.com/)"


@dataclass(frozen=True)
class Document:
    """Decoded text of a source; ``label`` is how messages and the draft name the source."""

    text: str
    kind: Kind
    label: str
    stem: str  # a fallback playlist name: the file or last URL path part without suffix


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_source(source: str, *, stdin: IO[str] | None = None, timeout: float = 10,
                max_bytes: int = 5_000_000) -> Document:
    """Read ``source`` into a ``Document``; raise ``SourceError`` naming it when that fails."""
    if source == "-":
        if stdin is None:
            import sys
            stdin = sys.stdin
        try:
            text = stdin.read(max_bytes + 1)
        except UnicodeDecodeError as exc:
            raise SourceError("stdin", f"is not UTF-8 text (byte {exc.start}).") from None
        if len(text) > max_bytes:
            raise SourceError("stdin", f"is bigger than the {_size(max_bytes)} limit.")
        return Document(text, sniff(text), "stdin", "stdin")
    if is_url(source):
        # The timeout bounds the whole fetch, not each read: a dripping server fails on time.
        try:
            return run_within(timeout, lambda: _fetch(source, timeout=timeout,
                                                      max_bytes=max_bytes))
        except DeadlineExceeded:
            raise SourceError(source, f"timed out after {timeout:g} s.") from None
    return _read_file(source, max_bytes=max_bytes)


def sniff(text: str, suffix: str = "") -> Kind:
    """Guess the kind of text from the file suffix, else from how it starts."""
    if suffix.lower() in _SUFFIXES:
        return _SUFFIXES[suffix.lower()]
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    first = head.split("\n", 1)[0]
    if "track name" in first and "artist name" in first and "," in first:
        return "csv"
    return "text"


def _read_file(source: str, *, max_bytes: int) -> Document:
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SourceError(source, "is a directory, not an article.")
        if size > max_bytes:
            raise SourceError(source, f"is {_size(size)}, bigger than the {_size(max_bytes)} "
                                      "limit.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(source, "no such file.") from None
    except PermissionError:
        raise SourceError(source, "cannot be read: permission denied.") from None
    except OSError as exc:
        raise SourceError(source, f"cannot be read: {exc.strerror}.") from None
    text = _decode(source, raw, "utf-8")
    return Document(text, sniff(text, path.suffix), path.name, path.stem)


def _fetch(url: str, *, timeout: float, max_bytes: int) -> Document:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, text/plain;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
            if status != 200:
                raise SourceError(url, f"the server answered {status} {response.reason}, "
                                       "not 200 OK.")
            headers: Message = response.headers
            ctype = headers.get_content_type()
            if ctype not in _HTML_TYPES and ctype not in _TEXT_TYPES:
                raise SourceError(url, f"is {ctype}, not text or HTML.")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(url, f"is {_size(int(length))}, bigger than the "
                                       f"{_size(max_bytes)} limit.")
            raw = response.read(max_bytes + 1)
            if len(raw) > max_bytes:
                raise SourceError(url, f"is bigger than the {_size(max_bytes)} limit.")
            charset = headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        exc.close()
        raise SourceError(url, f"the server answered {exc.code} {exc.reason}, not 200 OK.") \
            from None
    except TimeoutError:
        raise SourceError(url, f"timed out after {timeout:g} s.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise SourceError(url, f"timed out after {timeout:g} s.") from None
        raise SourceError(url, f"could not be fetched: {exc.reason}.") from None
    except (OSError, ValueError) as exc:
        raise SourceError(url, f"could not be fetched: {exc}.") from None
    text = _decode(url, raw, charset)
    kind: Kind = "html" if ctype in _HTML_TYPES else _TEXT_TYPES[ctype]  # type: ignore[assignment]
    if kind == "text":
        kind = sniff(text)
    stem = url.rstrip("/").rsplit("/", 1)[-1].split("?")[0].rsplit(".", 1)[0] or url
    return Document(text, kind, url, stem)


def _decode(source: str, raw: bytes, charset: str) -> str:
    try:
        text = raw.decode(charset)
    except UnicodeDecodeError as exc:
        what = "UTF-8" if charset.lower().replace("_", "-") in ("utf-8", "utf8") else charset
        raise SourceError(source, f"is not {what} text (byte {exc.start}).") from None
    except LookupError:
        raise SourceError(source, f"declares an unknown character set {charset!r}.") from None
    return text.removeprefix("\ufeff")


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.0f} kB"
    return f"{n} bytes"
