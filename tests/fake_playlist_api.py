"""An in-memory, stateful stand-in for Spotify's playlist endpoints, with injectable faults.

One :class:`FakePlaylistApi` serves two transports:

* ``fake.install(rsps)`` registers callbacks on a ``responses.RequestsMock`` (unit tests);
* ``with fake.serve(latency=0.1) as base_url:`` runs it behind ``http.server`` on 127.0.0.1
  (benchmarks, end-to-end tests).

Endpoints: ``GET /me``, ``GET|POST /me/playlists``, ``GET|PUT /playlists/{id}`` (the GET
carries the first 100 items, as Spotify's does),
``GET|POST|PUT|DELETE /playlists/{id}/items``, ``PUT /playlists/{id}/images``. Limits are
enforced as Spotify does (≤100 URIs a write, ≤50 items a page) with 400s, so a client that
breaks them fails loudly. Faults (each fires once, on the n-th matching request):

* :meth:`lose_response`: apply the write, then lose the answer (a read timeout, or a 5xx);
* :meth:`rate_limit`: answer 429 with ``Retry-After`` without applying;
* :meth:`fail`: answer a 5xx without applying;
* :meth:`kill_after_writes`: after n writes, the next raises :class:`Killed` (a
  ``BaseException``, like the process dying) in the responses transport, before applying.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from playlister.sync import Add, Op, Remove, Replace

DEFAULT_BASE = "https://api.spotify.com/v1"
WRITE_METHODS = {"POST", "PUT", "DELETE"}


class Killed(BaseException):  # noqa: N818 - it is not an error, it is the process going away
    """The client process 'died' before sending this request."""


class _Lost(Exception):
    """Internal: the write was applied but its response must not arrive."""


@dataclass
class FakePlaylist:
    id: str
    name: str
    description: str = ""
    public: bool = False
    owner: str = "me"
    collaborative: bool = False
    items: list[str | None] = field(default_factory=list)
    version: int = 0
    images: list[str] = field(default_factory=list)

    @property
    def snapshot_id(self) -> str:
        return f"{self.id}-v{self.version}"


@dataclass
class Logged:
    """One request that reached the fake (faulty or not)."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int | None = None  # None: the response was lost

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


@dataclass
class _Fault:
    kind: str  # lose | kill | rate_limit | fail
    method: str | None
    path: str | None  # regex searched in the path
    nth: int
    status: int = 503
    retry_after: int = 1
    seen: int = 0
    fired: bool = False

    def matches(self, method: str, path: str) -> bool:
        if self.fired:
            return False
        if self.method and method != self.method:
            return False
        if self.path and not re.search(self.path, path):
            return False
        self.seen += 1
        if self.seen == self.nth:
            self.fired = True
            return True
        return False


class FakePlaylistApi:
    """A fake Spotify account holding playlists; see the module docstring."""

    def __init__(self, user_id: str = "me", *, page_max: int = 50) -> None:
        self.user_id = user_id
        self.page_max = page_max
        self.playlists: dict[str, FakePlaylist] = {}
        self.log: list[Logged] = []
        self._faults: list[_Fault] = []
        self._kill_after: int | None = None
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # ---- state

    def add_playlist(
        self,
        items: list[str | None] | tuple[str | None, ...] = (),
        *,
        id: str | None = None,
        name: str = "Old",
        owner: str | None = None,
        **kw: Any,
    ) -> FakePlaylist:
        """Put a playlist in the account (or someone else's, with ``owner``)."""
        pid = id or self._new_id()
        pl = FakePlaylist(id=pid, name=name, owner=owner or self.user_id, items=list(items), **kw)
        self.playlists[pid] = pl
        return pl

    def items(self, playlist_id: str) -> list[str | None]:
        return list(self.playlists[playlist_id].items)

    @property
    def writes(self) -> list[Logged]:
        """Write requests that reached the server (applied or not)."""
        return [r for r in self.log if r.is_write]

    def kinds(self) -> list[str]:
        """The writes as short names: create, add, replace, reorder, remove, details, cover."""
        return [_kind(r) for r in self.writes]

    # ---- faults

    def lose_response(
        self,
        method: str = "POST",
        path: str = r"/items$",
        *,
        nth: int = 1,
        status: int | None = None,
        kill: bool = False,
    ) -> None:
        """Apply the n-th matching request, then lose its answer: a read timeout (responses
        transport; a dropped connection over HTTP), or ``status`` (e.g. 502) if given. With
        ``kill``, the client dies while waiting: :class:`Killed` is raised after applying."""
        self._faults.append(
            _Fault("kill" if kill else "lose", method, path, nth, status=status or 0)
        )

    def rate_limit(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        nth: int = 1,
        retry_after: int = 1,
    ) -> None:
        """Answer the n-th matching request with 429 and ``Retry-After``, applying nothing."""
        self._faults.append(_Fault("rate_limit", method, path, nth, retry_after=retry_after))

    def fail(
        self, method: str | None = None, path: str | None = None, *, nth: int = 1, status: int = 503
    ) -> None:
        """Answer the n-th matching request with a 5xx, applying nothing."""
        self._faults.append(_Fault("fail", method, path, nth, status=status))

    def kill_after_writes(self, n: int | None) -> None:
        """After ``n`` more writes, the next write raises :class:`Killed` (``None``: never)."""
        self._kill_after = None if n is None else len(self.writes) + n

    # ---- dispatch

    def handle(
        self, method: str, url: str, body: bytes | str | None
    ) -> tuple[int, dict[str, str], str]:
        """Serve one request. Raises :class:`Killed`, or ``_Lost`` after applying."""
        parts = urlsplit(url)
        path = re.sub(r"^.*?/v1", "", parts.path) or "/"
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        raw = body.decode() if isinstance(body, bytes) else (body or "")
        data: Any = raw
        if raw and not path.endswith("/images"):
            try:
                data = json.loads(raw)
            except ValueError:
                data = raw
        with self._lock:
            entry = Logged(method, path, query, data)
            if (
                method in WRITE_METHODS
                and self._kill_after is not None
                and len(self.writes) >= self._kill_after
            ):
                self._kill_after = None
                raise Killed(f"killed before {method} {path}")
            self.log.append(entry)
            fault = next((f for f in self._faults if f.matches(method, path)), None)
            if fault and fault.kind == "rate_limit":
                entry.status = 429
                return _error(
                    429, "API rate limit exceeded", {"Retry-After": str(fault.retry_after)}
                )
            if fault and fault.kind == "fail":
                entry.status = fault.status
                return _error(fault.status, "Service unavailable")
            status, headers, text = self._route(method, path, query, data)
            if fault and fault.kind == "kill":
                raise Killed(f"killed while {method} {path} was in flight (it was applied)")
            if fault and fault.kind == "lose":
                if fault.status:
                    entry.status = fault.status
                    return _error(fault.status, "Bad gateway")
                raise _Lost(f"{method} {path} applied, response lost")
            entry.status = status
            return status, headers, text

    def _route(
        self, method: str, path: str, query: dict[str, str], data: Any
    ) -> tuple[int, dict[str, str], str]:
        if path == "/me" and method == "GET":
            return _ok(
                {
                    "id": self.user_id,
                    "display_name": self.user_id,
                    "type": "user",
                    "uri": f"spotify:user:{self.user_id}",
                }
            )
        if path == "/me/playlists" and method == "GET":
            limit = int(query.get("limit", 20))
            offset = int(query.get("offset", 0))
            if not 1 <= limit <= 50:
                return _error(400, "Invalid limit")
            return _ok(self._my_playlists(offset, limit))
        if path == "/me/playlists" and method == "POST":
            if not isinstance(data, dict) or not data.get("name"):
                return _error(400, "Missing name")
            pl = self.add_playlist(
                name=data["name"],
                description=data.get("description", ""),
                public=bool(data.get("public", True)),
            )
            return _ok(self._playlist_json(pl), 201)
        m = re.fullmatch(r"/playlists/([^/]+)(/items|/images)?", path)
        if not m:
            return _error(404, "Not found")
        pl = self.playlists.get(m.group(1))
        if pl is None:
            return _error(404, "Resource not found")
        sub = m.group(2)
        mine = pl.owner == self.user_id or pl.collaborative
        if sub is None and method == "GET":
            return _ok(self._playlist_json(pl, items=mine))
        if not mine:
            return _error(403, "You cannot modify or read items of a playlist you don't own")
        if sub is None and method == "PUT":
            for k in ("name", "description", "public"):
                if k in data:
                    setattr(pl, k, data[k])
            return 200, {}, ""
        if sub == "/images" and method == "PUT":
            try:
                raw = base64.b64decode(data, validate=True)
            except ValueError:
                return _error(400, "Bad base64")
            if len(data) > 256 * 1024 or not raw.startswith(b"\xff\xd8"):
                return _error(400, "Bad image")
            pl.images = [data]
            return 202, {}, ""
        if sub == "/items":
            return self._items(pl, method, query, data)
        return _error(405, "Method not allowed")

    def _items(
        self, pl: FakePlaylist, method: str, query: dict[str, str], data: Any
    ) -> tuple[int, dict[str, str], str]:
        data = data if isinstance(data, dict) else {}
        if method == "GET":
            limit = int(query.get("limit", 20))
            offset = int(query.get("offset", 0))
            if not 1 <= limit <= self.page_max:
                return _error(400, "Invalid limit")
            return _ok(self._page(pl, offset, limit))
        if method == "POST":
            uris = query["uris"].split(",") if "uris" in query else data.get("uris", [])
            if not uris or len(uris) > 100:
                return _error(400, "You can add at most 100 items per request")
            pos = query.get("position", data.get("position"))
            pos = len(pl.items) if pos is None else int(pos)
            if not 0 <= pos <= len(pl.items):
                return _error(400, "Index out of bounds")
            pl.items[pos:pos] = uris
            return self._snap(pl, 201)
        if method == "PUT":
            if "uris" in query or "uris" in data:
                uris = query["uris"].split(",") if "uris" in query else data["uris"]
                uris = [u for u in uris if u]
                if len(uris) > 100:
                    return _error(400, "You can set at most 100 items per request")
                pl.items = list(uris)
                return self._snap(pl)
            start, before = data.get("range_start"), data.get("insert_before")
            length = data.get("range_length", 1)
            n = len(pl.items)
            if (
                start is None
                or before is None
                or not (start >= 0 and start + length <= n and 0 <= before <= n and length >= 1)
            ):
                return _error(400, "Index out of bounds")
            block = pl.items[start : start + length]
            del pl.items[start : start + length]
            at = before if before < start else before - length
            if before > start and before < start + length:
                at = start  # inside its own range: no change
            pl.items[at:at] = block
            return self._snap(pl)
        if method == "DELETE":
            gone = [d.get("uri") for d in data.get("items", [])]
            if not gone or len(gone) > 100:
                return _error(400, "You can remove at most 100 items per request")
            drop = set(gone)
            pl.items = [u for u in pl.items if u is None or u not in drop]
            return self._snap(pl)
        return _error(405, "Method not allowed")

    # ---- JSON shapes

    def _new_id(self) -> str:
        return f"pl{next(self._ids):020d}"[:22]

    def _snap(self, pl: FakePlaylist, status: int = 200) -> tuple[int, dict[str, str], str]:
        pl.version += 1
        return _ok({"snapshot_id": pl.snapshot_id}, status)

    def _page(self, pl: FakePlaylist, offset: int, limit: int) -> dict[str, Any]:
        href = f"{DEFAULT_BASE}/playlists/{pl.id}/items"
        chunk = pl.items[offset : offset + limit]
        end = offset + len(chunk)
        return {
            "href": f"{href}?offset={offset}&limit={limit}",
            "items": [_entry(u) for u in chunk],
            "limit": limit,
            "offset": offset,
            "total": len(pl.items),
            "next": f"{href}?offset={end}&limit={limit}" if end < len(pl.items) else None,
            "previous": (
                f"{href}?offset={max(0, offset - limit)}&limit={limit}" if offset else None
            ),
        }

    def _my_playlists(self, offset: int, limit: int) -> dict[str, Any]:
        """``GET /me/playlists``: simplified objects, the newest first (as Spotify lists)."""
        href = f"{DEFAULT_BASE}/me/playlists"
        newest_first = list(reversed(self.playlists.values()))
        chunk = newest_first[offset : offset + limit]
        end = offset + len(chunk)
        items = []
        for pl in chunk:
            simple = self._playlist_json(pl, items=False)
            simple["items"] = {
                "href": f"{DEFAULT_BASE}/playlists/{pl.id}/items",
                "total": len(pl.items),
            }
            items.append(simple)
        return {
            "href": f"{href}?offset={offset}&limit={limit}",
            "items": items,
            "limit": limit,
            "offset": offset,
            "total": len(newest_first),
            "next": f"{href}?offset={end}&limit={limit}" if end < len(newest_first) else None,
            "previous": None if not offset else f"{href}?offset={max(0, offset - limit)}",
        }

    def _playlist_json(self, pl: FakePlaylist, *, items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "collaborative": pl.collaborative,
            "description": pl.description,
            "external_urls": {"spotify": f"https://open.spotify.com/playlist/{pl.id}"},
            "href": f"{DEFAULT_BASE}/playlists/{pl.id}",
            "id": pl.id,
            "images": [],
            "name": pl.name,
            "owner": {"id": pl.owner, "type": "user", "display_name": pl.owner},
            "public": pl.public,
            "snapshot_id": pl.snapshot_id,
            "type": "playlist",
            "uri": f"spotify:playlist:{pl.id}",
        }
        if items:
            out["items"] = self._page(pl, 0, 100)
        return out

    # ---- transports

    def install(self, rsps: Any, base: str = DEFAULT_BASE) -> None:
        """Register this fake on a ``responses.RequestsMock`` for every route under ``base``."""
        pattern = re.compile(re.escape(base.rstrip("/")) + r"/(me|playlists)(/.*)?(\?.*)?$")

        def callback(request: Any) -> Any:
            try:
                return self.handle(request.method, request.url, request.body)
            except _Lost as exc:
                return requests.exceptions.ReadTimeout(str(exc), request=request)

        for method in ("GET", "POST", "PUT", "DELETE"):
            rsps.add_callback(method, pattern, callback=callback, content_type="application/json")

    @contextlib.contextmanager
    def serve(self, latency: float = 0.0) -> Iterator[str]:
        """Serve on 127.0.0.1 (a free port) with ``latency`` seconds per request; yields the
        base URL (``http://127.0.0.1:PORT/v1/``). A lost response drops the connection."""

        def answer(
            method: str, path: str, headers: Any, body: bytes
        ) -> tuple[int, dict[str, str], str] | None:
            try:
                return self.handle(method, path, body)
            except (_Lost, Killed):
                return None

        with json_server(answer, lambda: latency) as server:
            yield f"http://127.0.0.1:{server.server_address[1]}/v1/"


Answer = tuple[int, dict[str, str], str]


@contextlib.contextmanager
def json_server(
    answer: Callable[[str, str, Any, bytes], Answer | None],
    latency: Callable[[], float] = lambda: 0.0,
) -> Iterator[ThreadingHTTPServer]:
    """A ThreadingHTTPServer on 127.0.0.1 (a free port) answering every request with
    ``answer(method, path, headers, body)``: (status, headers, JSON text), or None to drop the
    connection (a lost answer). Each request first waits ``latency()`` seconds. The server's
    ``in_flight`` counts requests being handled (a killed client's too)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, Nagle's algorithm and
            # the client's delayed ACK add ~40 ms to every answer.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _any(self) -> None:
            with server.flight_lock:  # type: ignore[attr-defined]
                server.in_flight += 1  # type: ignore[attr-defined]
            try:
                self._handle()
            finally:
                with server.flight_lock:  # type: ignore[attr-defined]
                    server.in_flight -= 1  # type: ignore[attr-defined]

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if wait := latency():
                time.sleep(wait)
            got = answer(self.command, self.path, self.headers, body)
            if got is None:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(2)
                return
            status, headers, text = got
            payload = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # Requests being handled now, a killed client's included (their writes still land).
    server.in_flight = 0  # type: ignore[attr-defined]
    server.flight_lock = threading.Lock()  # type: ignore[attr-defined]
    # A client killed mid-answer (a Ctrl-C) is expected, not worth a traceback.
    server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _entry(uri: str | None) -> dict[str, Any]:
    item = None
    if uri is not None:
        tid = uri.rsplit(":", 1)[-1]
        item = {"id": tid, "uri": uri, "type": "track", "name": f"Track {tid}", "is_local": False}
    return {
        "added_at": "2026-01-01T00:00:00Z",
        "added_by": {"id": "me"},
        "is_local": False,
        "item": item,
    }


def _ok(obj: Any, status: int = 200) -> tuple[int, dict[str, str], str]:
    return status, {}, json.dumps(obj)


def _error(
    status: int, message: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    return status, headers or {}, json.dumps({"error": {"status": status, "message": message}})


def _kind(r: Logged) -> str:
    if r.path == "/me/playlists":
        return "create"
    if r.path.endswith("/images"):
        return "cover"
    if not r.path.endswith("/items"):
        return "details"
    if r.method == "POST":
        return "add"
    if r.method == "DELETE":
        return "remove"
    body = r.body if isinstance(r.body, dict) else {}
    return "replace" if "uris" in body or "uris" in r.query else "reorder"


def simulate(current: Sequence[str | None], ops: Iterable[Op]) -> list[str | None]:
    """The playlist after ``ops``, applied as Spotify would."""
    items = list(current)
    for op in ops:
        if isinstance(op, Remove):
            gone = set(op.uris)
            items = [u for u in items if u is None or u not in gone]
        elif isinstance(op, Replace):
            items = list(op.uris)
        elif isinstance(op, Add):
            pos = len(items) if op.position is None else op.position
            items[pos:pos] = op.uris
        else:
            block = items[op.range_start : op.range_start + op.range_length]
            del items[op.range_start : op.range_start + op.range_length]
            at = (
                op.insert_before
                if op.insert_before < op.range_start
                else op.insert_before - op.range_length
            )
            items[at:at] = block
    return items
