"""A local Spotify Web API on 127.0.0.1, for driving the installed ``playlister`` end to end.

One stateful server holds what the journeys need, in the 2026 shapes:

- ``POST /api/token`` (client credentials): an app token;
- ``GET /v1/search?type=track``: the catalog (``fake_catalog.Catalog``: field filters, at most
  10 results, apostrophes in filters find nothing);
- ``GET /v1/tracks/{id}``: one track, 404 for an ID it does not hold, 400 for a malformed one;
- ``/v1/me``, ``/v1/me/playlists``, ``/v1/playlists/{id}[/items|/images]``: the user's account,
  served by ``fake_playlist_api.FakePlaylistApi`` (creates, items, details, cover).

Every request is checked against Spotify's OpenAPI spec (``openapi.check_request``) and its
token: the account's endpoints take only the user's token (``USER_TOKEN``), search and lookups
take an app token or the user's. ``problems`` collects every violation, so a journey can assert
there were none. ``latency`` delays every answer (a slow server, time to press Ctrl-C).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import openapi
from fake_catalog import Catalog, QueryError
from fake_playlist_api import FakePlaylistApi, Killed, _Lost, json_server

USER_TOKEN = "journey-user-token"
_TRACK_ID = re.compile(r"[0-9A-Za-z]{22}")


@dataclass
class Seen:
    """One request that reached the server."""

    method: str
    path: str  # under /v1, e.g. /search, /tracks/ID, /me/playlists
    status: int


class LocalSpotify:
    """Search, lookups, token and playlists behind one ThreadingHTTPServer; use as a context."""

    def __init__(self, tracks: Iterable[dict], *, latency: float = 0.0) -> None:
        self.catalog = Catalog(tracks)
        self.account = FakePlaylistApi()
        self.latency = latency
        self.seen: list[Seen] = []
        self.problems: list[str] = []
        self._app_tokens: set[str] = set()
        self._lock = threading.Lock()
        self._serving = json_server(self._record, lambda: self.latency)
        self._server: ThreadingHTTPServer | None = None

    # ---- what a journey reads

    @property
    def base_url(self) -> str:
        assert self._server is not None, "use LocalSpotify as a context manager"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def api_url(self) -> str:
        return self.base_url + "v1/"

    def count(self, method: str, path_pattern: str) -> int:
        """Requests seen whose method and path (under /v1) match."""
        return sum(
            1 for s in self.seen if s.method == method and re.fullmatch(path_pattern, s.path)
        )

    @property
    def searches(self) -> int:
        return self.count("GET", r"/search")

    @property
    def lookups(self) -> int:
        return self.count("GET", r"/tracks/[^/]+")

    @property
    def writes(self) -> int:
        return sum(
            1 for s in self.seen if s.method in ("POST", "PUT", "DELETE") and s.path != "/api/token"
        )

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Until no request is being handled: a write a killed run sent lands (or not) before
        the next command runs, as it would at Spotify."""
        assert self._server is not None
        deadline = time.monotonic() + timeout
        while self._server.in_flight:  # type: ignore[attr-defined]
            assert time.monotonic() < deadline, "the server is still handling a request"
            time.sleep(0.01)

    def playlists(self) -> list[Any]:
        """The user's playlists, oldest first."""
        return list(self.account.playlists.values())

    def env(self) -> dict[str, str]:
        """What playlister needs to talk to this server as a logged-in user."""
        return {
            "SPOTIPY_CLIENT_ID": "journey-client-id",
            "SPOTIPY_CLIENT_SECRET": "journey-client-secret",
            "PLAYLISTER_API_URL": self.api_url,
            "PLAYLISTER_AUTH_URL": self.base_url,
            "PLAYLISTER_ACCESS_TOKEN": USER_TOKEN,
        }

    def __enter__(self) -> LocalSpotify:
        self._server = self._serving.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._serving.__exit__(None, None, None)

    # ---- serving

    def _answer(
        self, method: str, raw_path: str, headers: Any, body: bytes
    ) -> tuple[int, dict[str, str], str] | None:
        """(status, headers, body), or None to drop the connection (a lost answer)."""
        parts = urlsplit(raw_path)
        if method == "POST" and parts.path.rstrip("/") == "/api/token":
            return self._token(body)
        if not parts.path.startswith("/v1/"):
            return _error(404, "Not found")
        path = parts.path[len("/v1") :]
        url = "https://api.spotify.com" + raw_path
        problems = openapi.check_request(
            method, url, body=body or None, content_type=headers.get("Content-Type")
        )
        token = headers.get("Authorization", "").removeprefix("Bearer ")
        account = not (path == "/search" or path.startswith("/tracks/"))
        allowed = token == USER_TOKEN or (not account and token in self._app_tokens)
        if not allowed:
            problems.append(f"{method} {path}: no valid token for this endpoint")
        with self._lock:
            self.problems += problems
        if not allowed:
            return _error(401, "Invalid access token")
        if path == "/search":
            return self._search(parse_qs(parts.query))
        if m := re.fullmatch(r"/tracks/([^/]+)", path):
            return self._track(m.group(1))
        try:
            return self.account.handle(method, raw_path, body)
        except (_Lost, Killed):
            return None

    def _token(self, body: bytes) -> tuple[int, dict[str, str], str]:
        form = parse_qs(body.decode())
        if form.get("grant_type") != ["client_credentials"]:
            return 400, {}, json.dumps({"error": "unsupported_grant_type"})
        with self._lock:
            token = f"journey-app-{len(self._app_tokens) + 1}"
            self._app_tokens.add(token)
        return (
            200,
            {},
            json.dumps({"access_token": token, "token_type": "Bearer", "expires_in": 3600}),
        )

    def _search(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], str]:
        params = {k: v[0] for k, v in query.items()}
        try:
            limit = int(params.get("limit", 5))
            offset = int(params.get("offset", 0))
            items, total = self.catalog.search(params.get("q", ""), limit, offset)
        except (QueryError, ValueError) as exc:
            return _error(400, str(exc) or "Bad request")
        page = {
            "href": "https://api.spotify.com/v1/search",
            "items": items,
            "limit": limit,
            "offset": offset,
            "total": total,
            "previous": None,
            "next": None if offset + limit >= total else "https://api.spotify.com/v1/search",
        }
        return 200, {}, json.dumps({"tracks": page})

    def _track(self, track_id: str) -> tuple[int, dict[str, str], str]:
        if not _TRACK_ID.fullmatch(track_id):
            return _error(400, "Invalid base62 id")
        found = self.catalog.by_id.get(track_id)
        if found is None:
            return _error(404, "Resource not found")
        return 200, {}, json.dumps(found)

    def _record(
        self, method: str, raw_path: str, headers: Any, body: bytes
    ) -> tuple[int, dict[str, str], str] | None:
        answer = self._answer(method, raw_path, headers, body)
        path = urlsplit(raw_path).path.removeprefix("/v1")
        with self._lock:
            self.seen.append(Seen(method, path, answer[0] if answer else 0))
        return answer


def _error(status: int, message: str) -> tuple[int, dict[str, str], str]:
    return status, {}, json.dumps({"error": {"status": status, "message": message}})
