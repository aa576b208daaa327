"""The fakes for Spotify search, shared by the tests and the benchmarks.

- ``Catalog``: a searchable catalog of track objects (``load_csv`` builds one from the real
  TidyTuesday data, ``make_track`` builds a single track by hand);
- ``CatalogSearch``: the ``search_tracks`` client matching needs, answering from a Catalog
  in-process and counting requests;
- ``CannedSearch``: a search callable answering given queries with recorded responses;
- ``FakeSpotify``: the catalog served over HTTP on 127.0.0.1, token endpoint included.

It imitates what matters to matching, as described in Spotify's 2026 API notes:

- ``POST /api/token`` (client credentials) returns a bearer token;
- ``GET /v1/search?q=&type=track&limit=&offset=&market=`` honours the field filters ``track:``,
  ``artist:``, ``album:`` and ``year:`` with whole-word, case- and accent-insensitive matching;
  free text is matched loosely against title, artist and album words (most words must match,
  a one-letter typo or swap in a long word is forgiven), the way Spotify's relevance search does;
- an apostrophe inside a filter value, or ``/``, ``+`` or a stray ``:`` anywhere, gives an empty
  result; ``limit`` over 10 or a query over 100 characters gives 400;
- results are ranked by relevance mixed with popularity, so a popular cover or a same-titled
  song by another artist can come first, as on the real service.

Responses have the real shape: ``{"tracks": {"items", "total", "limit", "offset", "href",
"next", "previous"}}`` with full track objects.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from rapidfuzz import process
from rapidfuzz.distance import OSA

DATA = Path(__file__).parent / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "search"
MAX_LIMIT = 10
MAX_QUERY = 100
_FIELD = re.compile(r"\b(track|artist|album|year|isrc|genre):", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[^\w]+")
_FEATURED = re.compile(r"[\(\[](?:feat\.?|ft\.?|featuring|with) ([^\)\]]+)[\)\]]", re.IGNORECASE)
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def words(text: str) -> list[str]:
    """Spotify-like tokens: folded, accents and apostrophes and dots gone, split on the rest."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "").replace("\u2019", "").replace(".", "")
    return [w for w in _WORD_SPLIT.sub(" ", text).replace("_", " ").split() if w]


def fake_id(name: str) -> str:
    """A stable 22-character Spotify-style ID for ``name``."""
    n = int.from_bytes(hashlib.sha256(name.encode()).digest()[:17], "big")
    out = []
    for _ in range(22):
        n, r = divmod(n, 62)
        out.append(_BASE62[r])
    return "".join(out)


def _artist(name: str) -> dict:
    aid = fake_id("artist:" + name)
    return {
        "external_urls": {"spotify": f"https://open.spotify.com/artist/{aid}"},
        "href": f"https://api.spotify.com/v1/artists/{aid}",
        "id": aid,
        "name": name,
        "type": "artist",
        "uri": f"spotify:artist:{aid}",
    }


def track_object(row: dict) -> dict:
    """A Spotify track object (as in search results) from one row of the TidyTuesday CSV."""
    names = [row["track_artist"]]
    for credit in _FEATURED.findall(row["track_name"]):
        names += [n.strip() for n in re.split(r",|&| and ", credit) if n.strip()]
    artists = [_artist(n) for n in dict.fromkeys(names)]
    album_name = row["track_album_name"]
    if album_name.casefold() == row["track_name"].casefold():
        album_type = "single"
    elif re.search(r"greatest|best of|hits|collection|essential|anthology", album_name, re.I):
        album_type = "compilation"
    else:
        album_type = "album"
    date = row["track_album_release_date"]
    precision = {4: "year", 7: "month"}.get(len(date), "day")
    tid, album_id = row["track_id"], row["track_album_id"]
    return {
        "album": {
            "album_type": album_type,
            "artists": artists[:1],
            "external_urls": {"spotify": f"https://open.spotify.com/album/{album_id}"},
            "href": f"https://api.spotify.com/v1/albums/{album_id}",
            "id": album_id,
            "images": [],
            "name": album_name,
            "release_date": date,
            "release_date_precision": precision,
            "type": "album",
            "uri": f"spotify:album:{album_id}",
        },
        "artists": artists,
        "disc_number": 1,
        "duration_ms": int(float(row["duration_ms"])),
        "explicit": False,
        "external_ids": {},
        "external_urls": {"spotify": f"https://open.spotify.com/track/{tid}"},
        "href": f"https://api.spotify.com/v1/tracks/{tid}",
        "id": tid,
        "is_local": False,
        "name": row["track_name"],
        "popularity": int(float(row["track_popularity"] or 0)),
        "preview_url": None,
        "track_number": 1,
        "type": "track",
        "uri": f"spotify:track:{tid}",
    }


def make_track(
    tid: str,
    title: str,
    artist: str,
    album: str,
    year: int,
    ms: int = 200_000,
    popularity: int = 50,
) -> dict:
    """A track object made by hand, in the same shape as the CSV's."""
    return track_object(
        {
            "track_id": tid,
            "track_name": title,
            "track_artist": artist,
            "track_album_name": album,
            "track_album_id": fake_id("album:" + album),
            "track_album_release_date": f"{year}-01-01",
            "duration_ms": str(ms),
            "track_popularity": str(popularity),
        }
    )


def recorded(name: str) -> tuple[dict, ...]:
    """The track objects of one recorded search response: ``genuine_X`` is a real response
    from ``tests/data/spotify-search-responses/X.json``; other names are hard cases built in
    ``tests/fixtures/search/``."""
    if name.startswith("genuine_"):
        path = DATA / "spotify-search-responses" / f"{name.removeprefix('genuine_')}.json"
    else:
        path = FIXTURES / f"{name}.json"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["tracks"]["items"])


def load_csv(path: Path) -> list[dict]:
    """Track objects for the CSV's distinct track IDs, in file order."""
    seen: dict[str, dict] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["track_id"] not in seen:
                seen[row["track_id"]] = track_object(row)
    return list(seen.values())


class QueryError(ValueError):
    """The query is one Spotify answers with 400."""


class Catalog:
    """The searchable catalog: inverted word indexes over title, artist and album."""

    def __init__(self, tracks: Iterable[dict]) -> None:
        self.tracks = list(tracks)
        self._fields: list[dict[str, frozenset[str]]] = []
        self._index: dict[str, dict[str, set[int]]] = {
            f: {} for f in ("track", "artist", "album", "any")
        }
        self._years: list[int | None] = []
        for i, t in enumerate(self.tracks):
            fields = {
                "track": frozenset(words(t["name"])),
                "artist": frozenset(w for a in t["artists"] for w in words(a["name"])),
                "album": frozenset(words(t["album"]["name"])),
            }
            fields["any"] = fields["track"] | fields["artist"] | fields["album"]
            self._fields.append(fields)
            for name, ws in fields.items():
                for w in ws:
                    self._index[name].setdefault(w, set()).add(i)
            date = t["album"].get("release_date") or ""
            self._years.append(int(date[:4]) if date[:4].isdigit() else None)
        self._vocab = list(self._index["any"])
        self.by_id = {t["id"]: t for t in self.tracks}

    @lru_cache(maxsize=65536)  # noqa: B019 - one catalog per run, lives as long as the process
    def _spellings(self, word: str) -> tuple[str, ...]:
        """Catalog words a free-text ``word`` may stand for: itself, or one typo away if long."""
        if len(word) < 5:
            return (word,) if word in self._index["any"] else ()
        near = process.extract(word, self._vocab, scorer=OSA.distance, score_cutoff=1, limit=None)
        return tuple(w for w, _, _ in near)

    def search(self, q: str, limit: int = 5, offset: int = 0) -> tuple[list[dict], int]:
        """(page of track objects, total) for query ``q``; raises QueryError like a 400."""
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError("Invalid limit")
        if not 0 <= offset <= 1000:
            raise QueryError("Invalid offset")
        if len(q) > MAX_QUERY:
            raise QueryError("Query too long")
        hits = self._match(q)
        return [self.tracks[i] for i in hits[offset : offset + limit]], len(hits)

    def _match(self, q: str) -> list[int]:
        if "/" in q or "+" in q:
            return []
        pieces = _FIELD.split(q)
        free_text, filters = pieces[0], list(zip(pieces[1::2], pieces[2::2], strict=True))
        if ":" in free_text or any(":" in value for _, value in filters):
            return []
        ids: set[int] | None = None
        for name, value in filters:
            name = name.lower()
            value = value.strip().strip('"')
            if "'" in value or "\u2019" in value:
                return []
            if name == "year":
                ids = self._by_year(value, ids)
            elif name in ("track", "artist", "album"):
                for w in words(value):
                    posting = self._index[name].get(w, set())
                    ids = set(posting) if ids is None else ids & posting
            else:
                return []  # isrc / genre are not in this catalog
            if ids is not None and not ids:
                return []
        free = words(free_text)
        counts: Counter[int] = Counter()
        if free:
            for w in free:
                matched: set[int] = set()
                for spelling in self._spellings(w):
                    matched |= self._index["any"][spelling]
                for i in matched if ids is None else matched & ids:
                    counts[i] += 1
            # Spotify's relevance search tolerates a missing word or two in longer queries.
            need = max(1, math.ceil(0.6 * len(free)))
            ids = {i for i, n in counts.items() if n >= need}
        if not ids:
            return []
        wanted = set(free) | {w for name, v in filters if name.lower() == "track" for w in words(v)}

        def relevance(i: int) -> tuple[float, str]:
            title = self._fields[i]["track"]
            found = counts[i] / len(free) if free else 1.0
            cover = len(title & wanted) / len(title) if title else 0.0
            return (
                -(3 * found + cover + 1.5 * self.tracks[i]["popularity"] / 100),
                self.tracks[i]["id"],
            )

        return sorted(ids, key=relevance)

    def _by_year(self, value: str, ids: set[int] | None) -> set[int]:
        m = re.fullmatch(r"\s*(\d{4})(?:\s*-\s*(\d{4}))?\s*", value)
        if not m:
            return set()
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        pool = range(len(self.tracks)) if ids is None else ids
        return {i for i in pool if self._years[i] is not None and lo <= self._years[i] <= hi}


class CatalogSearch:
    """``search_tracks`` over a Catalog, in-process: counts requests and records queries.

    ``fail_after``: raise a day-long quota 429 once that many requests were answered.
    """

    def __init__(self, catalog: Catalog | Iterable[dict], fail_after: int | None = None) -> None:
        self.catalog = catalog if isinstance(catalog, Catalog) else Catalog(catalog)
        self.requests = 0
        self.queries: list[str] = []
        self.lookups: list[str] = []
        self.fail_after = fail_after

    def search_tracks(
        self, query: str, *, market: str | None = None, limit: int = 10
    ) -> list[dict]:
        from playlister.errors import RateLimitError

        if self.fail_after is not None and self.requests >= self.fail_after:
            raise RateLimitError(86_400, quota=True)
        self.requests += 1
        self.queries.append(query)
        return self.catalog.search(query, limit=limit)[0]

    def track(self, uri: str, *, market: str | None = None) -> dict | None:
        """``GET /tracks/{id}``: the track object, or None (Spotify's 404)."""
        self.requests += 1
        self.lookups.append(uri)
        return self.catalog.by_id.get(uri.rsplit(":", 1)[-1])


class CannedSearch:
    """A search callable answering some queries (a recorded response's name, or a list of
    track objects) and everything else with nothing; ``sent`` lists the queries."""

    def __init__(self, answers: dict[str, str | list[dict]]) -> None:
        self.answers = answers
        self.sent: list[str] = []

    def __call__(self, query: str) -> list[dict]:
        self.sent.append(query)
        answer = self.answers.get(query, [])
        return list(recorded(answer) if isinstance(answer, str) else answer)


class FakeSpotify:
    """The catalog behind a ThreadingHTTPServer on 127.0.0.1 (a free port); use as a context.

    Only tokens it granted are accepted (anything else is a 401, as for a token Spotify has
    forgotten). ``delay``: seconds each search after the first ``slow_after`` waits before
    answering (a server that slows down, or hangs, mid-run).
    """

    def __init__(self, catalog: Catalog, *, delay: float = 0.0, slow_after: int = 0) -> None:
        self.catalog = catalog
        self.delay = delay
        self.slow_after = slow_after
        self.search_requests = 0
        self.token_requests = 0
        self.rejected = 0
        self.granted: set[str] = set()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # A client that gave up mid-answer (a killed run) is expected, not worth a traceback.
        self._server.handle_error = lambda request, client_address: None  # type: ignore
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def api_url(self) -> str:
        return self.base_url + "v1/"

    @property
    def token_url(self) -> str:
        return self.base_url + "api/token"

    def __enter__(self) -> FakeSpotify:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else every response waits ~40 ms for an ACK

            def log_message(self, *args: object) -> None:  # keep the benchmark's output clean
                pass

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, message: str) -> None:
                self._send(status, {"error": {"status": status, "message": message}})

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                if urlsplit(self.path).path.rstrip("/") != "/api/token":
                    self._error(404, "Not found")
                elif form.get("grant_type") != ["client_credentials"]:
                    self._send(400, {"error": "unsupported_grant_type"})
                else:
                    with fake._lock:
                        fake.token_requests += 1
                        token = f"fake-{fake.token_requests}"
                        fake.granted.add(token)
                    self._send(
                        200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}
                    )

            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                if url.path.rstrip("/") != "/v1/search":
                    self._error(404, "Not found")
                    return
                auth = self.headers.get("Authorization", "")
                if not auth.startswith("Bearer "):
                    self._error(401, "No token provided")
                    return
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                with fake._lock:
                    fake.search_requests += 1
                    slow = fake.search_requests > fake.slow_after
                    known = auth.removeprefix("Bearer ") in fake.granted
                    fake.rejected += not known
                if fake.delay and slow:
                    time.sleep(fake.delay)
                if not known:
                    self._error(401, "Invalid access token")
                    return
                if params.get("type") != "track":
                    self._error(400, "This fake only searches tracks")
                    return
                try:
                    limit = int(params.get("limit", 5))
                    offset = int(params.get("offset", 0))
                    items, total = fake.catalog.search(params.get("q", ""), limit, offset)
                except (QueryError, ValueError) as exc:
                    self._error(400, str(exc) or "Bad request")
                    return
                if params.get("market"):
                    items = [dict(item, is_playable=True) for item in items]
                self._send(200, {"tracks": self._page(params, items, total, limit, offset)})

            def _page(self, params: dict, items: list, total: int, limit: int, offset: int) -> dict:
                def href(off: int) -> str:
                    query = urlencode({**params, "offset": off, "limit": limit})
                    return f"https://api.spotify.com/v1/search?{query}"

                return {
                    "href": href(offset),
                    "items": items,
                    "limit": limit,
                    "next": href(offset + limit) if offset + limit < total else None,
                    "offset": offset,
                    "previous": href(max(0, offset - limit)) if offset else None,
                    "total": total,
                }

        return Handler
