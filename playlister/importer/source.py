"""Reading a SOURCE: a text, Markdown, HTML or CSV file, ``-`` for stdin, or an http(s) URL.

Everything comes back as a ``Document`` of decoded text and what kind of text it is, so the
finder never cares where the words came from. URLs are fetched with the standard library
(one GET, a timeout, a byte cap): no extra dependency is worth it for a single request.

Whatever the source, reading it ends within ``timeout`` seconds *overall* and after at most
``max_bytes``: a server dripping a byte every two seconds, a FIFO nobody writes to, or
``/dev/zero`` each end in one line, never a hang.
"""

from __future__ import annotations

import http.client
import os
import re
import select
import socket
import stat
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO, Literal

from playlister.importer.errors import SourceError

Kind = Literal["text", "markdown", "html", "csv"]

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/csv": "csv",
}
_SUFFIXES: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
}
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


def read_source(
    source: str, *, stdin: IO[str] | None = None, timeout: float = 10, max_bytes: int = 5_000_000
) -> Document:
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
        return _fetch(source, timeout=timeout, max_bytes=max_bytes)
    return _read_file(source, max_bytes=max_bytes, timeout=timeout)


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


def _read_file(source: str, *, max_bytes: int, timeout: float = 10) -> Document:
    path = Path(source)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(source, "is a directory, not an article.")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise SourceError(source, "is a device, not an article.")
        if stat.S_ISREG(mode):
            size = path.stat().st_size
            if size > max_bytes:
                raise SourceError(
                    source, f"is {_size(size)}, bigger than the {_size(max_bytes)} limit."
                )
            raw = path.read_bytes()
        else:  # a FIFO or a shell's <(…): read as it comes, within the deadline
            raw = _read_pipe(source, max_bytes=max_bytes, timeout=timeout)
    except FileNotFoundError:
        raise SourceError(source, "no such file.") from None
    except PermissionError:
        raise SourceError(source, "cannot be read: permission denied.") from None
    except OSError as exc:
        raise SourceError(source, f"cannot be read: {exc.strerror or exc}.") from None
    if len(raw) > max_bytes:  # the file grew while being read
        raise SourceError(source, f"is bigger than the {_size(max_bytes)} limit.")
    text = _decode(source, raw, "utf-8")
    return Document(text, sniff(text, path.suffix), path.name, path.stem)


def _read_pipe(source: str, *, max_bytes: int, timeout: float) -> bytes:
    """Everything a FIFO gives until its writer closes it, within ``timeout`` seconds overall.

    Opened without blocking (an open of a FIFO waits for a writer otherwise), then read as
    ``select`` says data is there; a read of nothing after that means the writer is done.
    """
    deadline = time.monotonic() + timeout
    fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    got = 0
    try:
        while got <= max_bytes:
            left = deadline - time.monotonic()
            ready = select.select([fd], [], [], max(0.0, left))[0] if left > 0 else []
            if not ready:
                raise SourceError(
                    source,
                    f"sent nothing more for {timeout:g} s and was not "
                    "closed: is anything writing to it?",
                )
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    finally:
        os.close(fd)
    if got > max_bytes:
        raise SourceError(source, f"is bigger than the {_size(max_bytes)} limit.")
    return b"".join(chunks)


def _fetch(url: str, *, timeout: float, max_bytes: int) -> Document:
    """GET ``url`` on a helper thread, giving up after ``timeout`` seconds in all.

    The socket's own timeout only bounds each read: a server that drips a byte every two
    seconds never trips it. The helper stops reading once the deadline has passed.
    """
    box: dict[str, Document | BaseException] = {}
    stop = threading.Event()

    def work() -> None:
        try:
            box["doc"] = _fetch_now(url, timeout=timeout, max_bytes=max_bytes, stop=stop)
        except BaseException as exc:  # raised again on the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="playlister-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()
        raise SourceError(url, f"timed out after {timeout:g} s.")
    outcome = box.get("doc", box.get("error"))
    if isinstance(outcome, BaseException):
        raise outcome
    assert isinstance(outcome, Document)
    return outcome


def _fetch_now(url: str, *, timeout: float, max_bytes: int, stop: threading.Event) -> Document:
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
            if status != 200:
                raise SourceError(
                    url, f"the server answered {status} {response.reason}, not 200 OK."
                )
            headers: Message = response.headers
            ctype = headers.get_content_type()
            if ctype not in _HTML_TYPES and ctype not in _TEXT_TYPES:
                raise SourceError(url, f"is {ctype}, not text or HTML.")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(
                    url, f"is {_size(int(length))}, bigger than the {_size(max_bytes)} limit."
                )
            chunks: list[bytes] = []
            got = 0
            while got <= max_bytes and not stop.is_set():
                chunk = response.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
            raw = b"".join(chunks)
            if len(raw) > max_bytes:
                raise SourceError(url, f"is bigger than the {_size(max_bytes)} limit.")
            charset = headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        exc.close()
        raise SourceError(
            url, f"the server answered {exc.code} {exc.reason}, not 200 OK."
        ) from None
    except TimeoutError:
        raise SourceError(url, f"timed out after {timeout:g} s.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise SourceError(url, f"timed out after {timeout:g} s.") from None
        raise SourceError(url, f"could not be fetched: {exc.reason}.") from None
    except http.client.HTTPException as exc:  # a garbage status line, broken headers
        raise SourceError(
            url, f"the server's answer is not HTTP ({type(exc).__name__}: {_shown(str(exc))})."
        ) from None
    except (OSError, ValueError) as exc:
        raise SourceError(url, f"could not be fetched: {exc}.") from None
    text = _decode(url, raw, charset)
    kind: Kind = "html" if ctype in _HTML_TYPES else _TEXT_TYPES[ctype]  # type: ignore[assignment]
    if kind == "text":
        kind = sniff(text)
    stem = url.rstrip("/").rsplit("/", 1)[-1].split("?")[0].rsplit(".", 1)[0] or url
    return Document(text, kind, url, stem)


def _shown(text: str, width: int = 40) -> str:
    """``text`` quoted on one line, control characters escaped, clipped to ``width``."""
    shown = repr(text[:width] + ("…" if len(text) > width else ""))
    return shown


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


# a word with a UTF-8 character read as Windows-1252 or Latin-1 ("RÃ¶yksopp", "donâ€™t")
_MOJIBAKE = re.compile(r"\S*[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]\S*")


def unmangle(text: str) -> str:
    """Rule ``mojibake repaired``: each word whose letters are UTF-8 bytes read as
    Windows-1252 ("RÃ¶yksopp") is read back as UTF-8 ("Röyksopp"), as a person reads past
    the garbling; a word that does not decode so (a real "Ã") is left as written."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                return word.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return word

    return _MOJIBAKE.sub(fix, text)
