"""Spotify Web API access: catalog search (app token) and the user's playlists (user token).

Every call goes through one policy (``_Api._call``), because spotipy's own defaults are unsafe
here: its urllib3 retry waits out any Retry-After (a day has been seen) and resends POSTs.
The policy:

* 429: wait ``Retry-After`` if it is at most ``max_wait`` seconds (a few times at most),
  else raise RateLimitError (``quota=True`` when Spotify says QUOTA_EXCEEDED).
* Every request has one deadline for the whole exchange (``timeout``, 10 s: connecting,
  sending, reading the complete answer; ``playlister.session``). A request that ran out of
  it is not retried: it has had its time, and a silent or dripping server would only double
  the wait. SpotifyError, one line.
* 5xx, dropped connection: reads and idempotent writes are retried after 1 s and 2 s, then
  SpotifyError; non-idempotent writes (add, reorder, create) are never resent and raise
  UncertainWriteError (so does one that timed out): the caller must read the playlist back.
* 401: AuthError; other 4xx: SpotifyError with Spotify's own message.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
import spotipy
from spotipy.exceptions import SpotifyException, SpotifyOauthError
from spotipy.oauth2 import SpotifyClientCredentials

from playlister import session
from playlister.auth import TOKEN_TIMEOUT, TokenCache, cached_user_token, user_auth_manager
from playlister.config import SETUP_HINT, Settings
from playlister.errors import (
    AuthError,
    PlaylisterError,
    PlaylistGoneError,
    RateLimitError,
    SpotifyError,
    UncertainWriteError,
)
from playlister.limits import (
    ITEMS_PAGE_SIZE,
    MAX_COVER_B64,
    MAX_URIS_PER_WRITE,
    PLAYLISTS_PAGE_SIZE,
    SEARCH_LIMIT_MAX,
)

TRIES = 3  # attempts for a call failing with 5xx / timeout / connection error
RATE_LIMIT_WAITS = 5  # 429 waits per call before giving up

T = TypeVar("T")


@dataclass(frozen=True)
class PlaylistTracks:
    """What ``UserApi.playlist_tracks`` reads: the playlist's name, owner and tracks."""

    name: str
    owner: str | None
    tracks: list[dict[str, Any]]


Sleep = Callable[[float], object]


@dataclass
class _Tries:
    """What one call has been through so far: failures, 429 waits, a token refetched."""

    failures: int = 0
    rate_waits: int = 0
    reauthorized: bool = False


class _Api:
    """The shared call policy; subclasses supply the access token and 401 wording."""

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float = 10,
        max_wait: float = 60,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.settings = settings
        self.requests = 0
        self.writes = 0
        self._timeout = timeout
        self._max_wait = max_wait
        self._sleep = sleep
        self._count_lock = threading.Lock()
        self._local = threading.local()
        self._setup_auth()

    # -- hooks --

    def _setup_auth(self) -> None:
        """Prepare whatever ``_access_token`` needs; raise ConfigError if it can't."""
        raise NotImplementedError

    def _access_token(self) -> str:
        raise NotImplementedError

    def _forget_token(self, token: str) -> bool:
        """After a 401 for ``token``: drop it if it is still the cached one; True to retry once."""
        return False

    def _unauthorized(self, message: str) -> AuthError:
        """The error for a 401 (``message`` is Spotify's)."""
        raise NotImplementedError

    # -- machinery --

    def _count(self, method: str) -> None:
        with self._count_lock:
            self.requests += 1
            if method != "GET":
                self.writes += 1

    def _client(self) -> spotipy.Spotify:
        # One client (and session) per thread: requests sessions are not documented thread-safe.
        client = getattr(self._local, "client", None)
        if client is None:
            client = spotipy.Spotify(
                requests_session=session.Session(self._timeout, on_send=self._count),
                retries=0,
                status_retries=0,
                requests_timeout=self._timeout,
            )
            client.prefix = self.settings.api_url
            self._local.client = client
        return client

    def _call(
        self,
        what: str,
        fn: Callable[[spotipy.Spotify], T],
        *,
        idempotent: bool,
        playlist_id: str | None = None,
        gone: tuple[int, ...] = (),
    ) -> T:
        """Run ``fn(client)`` under the retry / error policy; ``what`` completes "failed to ..."."""
        tries = _Tries()
        while True:
            sent = False
            token = ""
            try:
                client = self._client()
                token = self._access_token()
                client.set_auth(token)
                sent = True
                return fn(client)
            except SpotifyException as exc:
                self._after_answer(
                    exc,
                    what,
                    tries,
                    token=token,
                    idempotent=idempotent,
                    playlist_id=playlist_id,
                    gone=gone,
                )
            except (requests.Timeout, requests.ConnectionError) as exc:
                self._after_no_answer(exc, what, tries, sent=sent, idempotent=idempotent)

    def _after_answer(
        self,
        exc: SpotifyException,
        what: str,
        tries: _Tries,
        *,
        token: str,
        idempotent: bool,
        playlist_id: str | None,
        gone: tuple[int, ...],
    ) -> None:
        """Spotify answered with an error: return to try again (after any wait), else raise."""
        status = exc.http_status
        message = _spotify_message(exc)
        if status == 429:
            self._wait_out_rate_limit(exc, tries)
        elif status == 401:
            if tries.reauthorized or not self._forget_token(token):
                raise self._unauthorized(message) from exc
            tries.reauthorized = True
        elif playlist_id is not None and status in gone:
            raise PlaylistGoneError(playlist_id) from exc
        elif status >= 500:
            if not idempotent:
                raise UncertainWriteError(
                    _uncertain(what, f"Spotify answered {status}: {message}"), status=status
                ) from exc
            self._back_off(
                tries,
                exc,
                lambda: SpotifyError(
                    f"Spotify failed to {what}: server error {status} ({message}) "
                    f"{TRIES} times in a row. This is usually temporary: try again later.",
                    status=status,
                ),
            )
        else:
            raise SpotifyError(
                f"Spotify refused to {what} ({status}: {message}).{_refusal_hint(status)}",
                status=status,
            ) from exc

    def _wait_out_rate_limit(self, exc: SpotifyException, tries: _Tries) -> None:
        wait = _retry_after(exc.headers)
        if wait is None:
            wait = float(2**tries.rate_waits)
        if wait > self._max_wait or tries.rate_waits >= RATE_LIMIT_WAITS:
            raise RateLimitError(wait, quota=exc.reason == "QUOTA_EXCEEDED") from exc
        tries.rate_waits += 1
        self._sleep(wait)

    def _after_no_answer(
        self,
        exc: requests.RequestException,
        what: str,
        tries: _Tries,
        *,
        sent: bool,
        idempotent: bool,
    ) -> None:
        """No answer: a dropped connection is tried again; a spent deadline ends the call.

        The deadline covers the whole exchange, so a silent or dripping server has had all
        of it: trying again would only double the wait.
        """
        timed_out = isinstance(exc, requests.Timeout)
        cause = (
            f"no complete answer within {self._timeout:g} s"
            if timed_out
            else "the connection failed"
        )
        if sent and not idempotent:
            raise UncertainWriteError(_uncertain(what, cause)) from exc
        if timed_out:
            raise SpotifyError(
                f"Could not reach Spotify to {what}: {cause}. Check the network connection "
                "and try again."
            ) from exc
        self._back_off(
            tries,
            exc,
            lambda: SpotifyError(
                f"Could not reach Spotify to {what}: {cause}, {TRIES} times in a row. Check the "
                "network connection and try again."
            ),
        )

    def _back_off(self, tries: _Tries, exc: Exception, error: Callable[[], SpotifyError]) -> None:
        """Count a failure; raise ``error()`` after TRIES, else wait 1 s, 2 s, ... and return."""
        tries.failures += 1
        if tries.failures >= TRIES:
            raise error() from exc
        self._sleep(float(2 ** (tries.failures - 1)))


class Catalog(_Api):
    """Catalog search with the app's own token (client-credentials flow, no user login).

    Thread-safe: one HTTP session per thread, one token fetch at a time. Without a client
    secret but with PLAYLISTER_ACCESS_TOKEN set, that user token is used instead.
    """

    def _setup_auth(self) -> None:
        settings = self.settings
        self._token_lock = threading.Lock()
        self._credentials: SpotifyClientCredentials | None = None
        self._token_failure: str | None = None
        if (settings.client_id and settings.client_secret) or not settings.access_token:
            settings.require_client(secret=True)
            self._credentials = SpotifyClientCredentials(
                client_id=settings.client_id,
                client_secret=settings.client_secret,
                requests_session=session.Session(min(TOKEN_TIMEOUT, self._timeout)),
                requests_timeout=min(TOKEN_TIMEOUT, self._timeout),
                cache_handler=TokenCache(
                    settings.client_token_path, settings.client_id, auth_url=settings.auth_url
                ),
            )
            self._credentials.OAUTH_TOKEN_URL = settings.auth_url + "api/token"

    def search_tracks(
        self, query: str, *, market: str | None = None, limit: int = SEARCH_LIMIT_MAX
    ) -> list[dict[str, Any]]:
        """Search tracks; returns the raw track objects (``tracks.items``), best first.

        ``limit`` is clamped to 1..10 (Spotify's limit since 2026). Pass ``market`` so results
        carry ``is_playable`` and relinked copies.
        """
        limit = max(1, min(SEARCH_LIMIT_MAX, limit))
        result = self._call(
            f"search for {query!r}",
            lambda sp: sp.search(q=query, limit=limit, type="track", market=market),
            idempotent=True,
        )
        items = _as_dict(result, "search").get("tracks", {}).get("items") or []
        return [item for item in items if item]  # Spotify sometimes pads results with null

    def track(self, uri: str, *, market: str | None = None) -> dict[str, Any] | None:
        """Look a track up by its URI (``GET /tracks/{id}``): its object, or None when Spotify
        has no such track (404, or 400 for an ID it rejects)."""
        track_id = uri.rsplit(":", 1)[-1]
        try:
            result = self._call(
                f"look up the track {uri}",
                lambda sp: sp._get(f"tracks/{track_id}", market=market),
                idempotent=True,
            )
        except SpotifyError as exc:
            if exc.status in (400, 404):
                return None
            raise
        found = _as_dict(result, "track")
        return found if found.get("id") else None

    def _access_token(self) -> str:
        if self._credentials is None:
            return self.settings.access_token or ""
        with self._token_lock:
            # One thread fetches; the others wait here, then share its token (or its failure).
            if self._token_failure is not None:
                raise SpotifyError(self._token_failure)
            failures = 0
            while True:
                try:
                    return str(self._credentials.get_access_token(as_dict=False))
                except SpotifyOauthError as exc:
                    raise AuthError(
                        f"Spotify rejected the app credentials ({exc.error or exc}). Check "
                        f"SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET. {SETUP_HINT}"
                    ) from exc
                except (KeyError, TypeError, ValueError) as exc:  # an answer without a token
                    self._token_failure = (
                        f"Spotify's accounts service ({self.settings.auth_url}) sent an answer "
                        "without a usable token. Check PLAYLISTER_AUTH_URL, or try again later."
                    )
                    raise SpotifyError(self._token_failure) from exc
                except (requests.Timeout, requests.ConnectionError) as exc:
                    failures += 1
                    timed_out = isinstance(exc, requests.Timeout)
                    if failures < TRIES and not timed_out:
                        self._sleep(float(2 ** (failures - 1)))
                        continue
                    cause = (
                        f"no complete answer within {min(TOKEN_TIMEOUT, self._timeout):g} s"
                        if timed_out
                        else f"the connection failed {failures} times in a row"
                    )
                    self._token_failure = (
                        f"Could not reach Spotify's accounts service ({self.settings.auth_url}) "
                        f"for the app's token: {cause}. Check the network connection (and "
                        "PLAYLISTER_AUTH_URL if set), then try again."
                    )
                    raise SpotifyError(self._token_failure) from exc

    def _forget_token(self, token: str) -> bool:
        if self._credentials is None:
            return False
        with self._token_lock:
            # Of four searches refused at once, only the first forgets the token: the others
            # find a fresh one already cached and simply retry with it.
            cache = self._credentials.cache_handler
            cached = cache.get_cached_token()
            if cached is not None and cached.get("access_token") == token:
                cache.delete()
            return True

    def _unauthorized(self, message: str) -> AuthError:
        if self._credentials is None:
            return AuthError(
                f"Spotify rejected PLAYLISTER_ACCESS_TOKEN ({message}); it has probably "
                "expired. Set a fresh one, or set SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET."
            )
        return AuthError(
            f"Spotify rejected the app's token ({message}). Check SPOTIPY_CLIENT_ID and "
            f"SPOTIPY_CLIENT_SECRET. {SETUP_HINT}"
        )


class UserApi(_Api):
    """The logged-in user's profile and playlists.

    Uses PLAYLISTER_ACCESS_TOKEN as is when set, else the token saved by ``playlister login``
    (refreshed when expired). ``writes`` counts write requests sent (POST/PUT/DELETE).
    Not meant to be shared between threads.
    """

    def _setup_auth(self) -> None:
        settings = self.settings
        self._manager = None if settings.access_token else user_auth_manager(settings)

    def require_login(self) -> None:
        """Raise AuthError now, before any search, when there is no usable login (a saved
        login is refreshed here if it has expired)."""
        self._access_token()

    def current_user(self) -> dict[str, Any]:
        """The user's profile (GET /me): ``id``, ``display_name``, ``country``, ..."""
        return _as_dict(
            # spotipy's current_user() asks for "me/"; the documented path is "me".
            self._call("read your profile", lambda sp: sp._get("me"), idempotent=True),
            "profile",
        )

    def create_playlist(self, name: str, description: str, public: bool) -> dict[str, Any]:
        """Create a playlist (POST /me/playlists); returns it. Never resent on a lost answer."""
        result = self._call(
            f"create the playlist {name!r}",
            lambda sp: sp.current_user_playlist_create(
                name, public=public, description=description
            ),
            idempotent=False,
        )
        return _as_dict(result, "new playlist")

    def get_playlist(self, playlist_id: str) -> dict[str, Any]:
        """The playlist object, with its ``snapshot_id`` and first 100 items (``items``, for
        the user's own playlists); PlaylistGoneError if deleted (404) or not the user's (403)."""
        result = self._call(
            "read the playlist",
            lambda sp: sp.playlist(playlist_id),
            idempotent=True,
            playlist_id=playlist_id,
            gone=(403, 404),
        )
        return _as_dict(result, "playlist")

    def playlist_items(
        self, playlist_id: str, first: dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any] | None]:
        """Every entry's item object in playlist order (None where Spotify gives none).

        ``first``: the items page embedded in ``get_playlist``'s answer (its first 100 items):
        only what lies beyond it is read, 50 a page. Without it every page is read.
        """
        offset = 0
        page = first
        while True:
            if page is None:

                def read(sp: spotipy.Spotify, offset: int = offset) -> Any:
                    return sp.playlist_items(playlist_id, limit=ITEMS_PAGE_SIZE, offset=offset)

                page = _as_dict(
                    self._call(
                        "read the playlist's items",
                        read,
                        idempotent=True,
                        playlist_id=playlist_id,
                        gone=(403, 404),
                    ),
                    "playlist items",
                )
            entries = page.get("items") or []
            for entry in entries:
                # Since 2026 the entry's object is under "item"; "track" is the deprecated name.
                item = (entry.get("item", entry.get("track")) if entry else None) or None
                yield item if isinstance(item, dict) else None
            offset += len(entries)
            if not entries or not page.get("next"):
                return
            page = None

    def playlist_item_uris(
        self,
        playlist_id: str,
        first: dict[str, Any] | None = None,
        *,
        labels: dict[str, str] | None = None,
    ) -> list[str | None]:
        """Every item's URI in playlist order; None where Spotify gives no item.

        ``first`` as for :meth:`playlist_items`. ``labels``, if given, receives
        URI → "Name — Artist, ..." for the items read.
        """
        uris: list[str | None] = []
        for item in self.playlist_items(playlist_id, first):
            uris.append(item.get("uri") if item else None)
            if labels is not None and item and item.get("uri") and item.get("name"):
                artists = ", ".join(
                    str(a.get("name"))
                    for a in item.get("artists") or []
                    if isinstance(a, dict) and a.get("name")
                )
                labels[item["uri"]] = str(item["name"]) + (f" — {artists}" if artists else "")
        return uris

    def my_playlists(self) -> Iterator[dict[str, Any]]:
        """The playlists the user owns or follows (GET /me/playlists, 50 a page), newest
        first as Spotify lists them; each a simplified playlist object."""
        offset = 0
        while True:

            def read(sp: spotipy.Spotify, offset: int = offset) -> Any:
                return sp.current_user_playlists(limit=PLAYLISTS_PAGE_SIZE, offset=offset)

            page = _as_dict(
                self._call("list your playlists", read, idempotent=True), "your playlists"
            )
            entries = [e for e in page.get("items") or [] if isinstance(e, dict)]
            yield from entries
            offset += PLAYLISTS_PAGE_SIZE
            if not entries or not page.get("next"):
                return

    def playlist_tracks(self, playlist_id: str) -> PlaylistTracks:
        """A playlist's name, owner and track objects in order, for ``playlister import``.

        Episodes, local files and unavailable entries are left out.
        """
        playlist = self.get_playlist(playlist_id)
        first = playlist.get("items")
        tracks = [
            item
            for item in self.playlist_items(
                playlist_id, first if isinstance(first, dict) and "items" in first else None
            )
            if item and item.get("type", "track") == "track" and not item.get("is_local")
        ]
        owner = playlist.get("owner")
        return PlaylistTracks(
            name=str(playlist.get("name") or playlist_id),
            owner=owner.get("id") if isinstance(owner, dict) else None,
            tracks=tracks,
        )

    def add_items(self, playlist_id: str, uris: list[str], position: int | None = None) -> str:
        """Add up to 100 URIs (at ``position``, else at the end); returns the snapshot_id.

        Not idempotent: a lost answer raises UncertainWriteError and nothing is resent.
        """
        _check_batch(uris, allow_empty=False)
        body: dict[str, Any] = {"uris": list(uris)}
        if position is not None:
            body["position"] = position
        # spotipy's playlist_add_items sends a bare JSON array; the API documents an object.
        result = self._call(
            "add items to the playlist",
            lambda sp: sp._post(f"playlists/{_playlist_id(sp, playlist_id)}/items", payload=body),
            idempotent=False,
            playlist_id=playlist_id,
            gone=(404,),
        )
        return _snapshot(result)

    def replace_items(self, playlist_id: str, uris: list[str]) -> str:
        """Make the playlist exactly these (at most 100) URIs; [] empties it. -> snapshot_id."""
        _check_batch(uris, allow_empty=True)
        result = self._call(
            "replace the playlist's items",
            lambda sp: sp.playlist_replace_items(playlist_id, list(uris)),
            idempotent=True,
            playlist_id=playlist_id,
            gone=(404,),
        )
        return _snapshot(result)

    def remove_items(
        self, playlist_id: str, uris: list[str], snapshot_id: str | None = None
    ) -> str:
        """Remove every occurrence of up to 100 URIs; returns the new snapshot_id."""
        _check_batch(uris, allow_empty=False)
        result = self._call(
            "remove items from the playlist",
            lambda sp: sp.playlist_remove_all_occurrences_of_items(
                playlist_id, list(uris), snapshot_id=snapshot_id
            ),
            idempotent=True,
            playlist_id=playlist_id,
            gone=(404,),
        )
        return _snapshot(result)

    def reorder_items(
        self,
        playlist_id: str,
        range_start: int,
        insert_before: int,
        range_length: int = 1,
        snapshot_id: str | None = None,
    ) -> str:
        """Move ``range_length`` items from ``range_start`` to before ``insert_before``.

        Not idempotent: a lost answer raises UncertainWriteError and nothing is resent.
        """
        result = self._call(
            "reorder the playlist",
            lambda sp: sp.playlist_reorder_items(
                playlist_id,
                range_start=range_start,
                insert_before=insert_before,
                range_length=range_length,
                snapshot_id=snapshot_id,
            ),
            idempotent=False,
            playlist_id=playlist_id,
            gone=(404,),
        )
        return _snapshot(result)

    def update_details(
        self,
        playlist_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        public: bool | None = None,
    ) -> None:
        """Change the playlist's name, description or visibility (PUT, idempotent)."""
        self._call(
            "update the playlist's details",
            lambda sp: sp.playlist_change_details(
                playlist_id, name=name, description=description, public=public
            ),
            idempotent=True,
            playlist_id=playlist_id,
            gone=(404,),
        )

    def upload_cover(self, playlist_id: str, jpeg_b64: str) -> None:
        """Set the playlist's cover from a base64 JPEG (at most 256 KB encoded)."""
        if len(jpeg_b64) > MAX_COVER_B64:
            raise ValueError(
                f"cover image is {len(jpeg_b64)} bytes base64-encoded; Spotify takes at most "
                f"{MAX_COVER_B64}"
            )
        self._call(
            "upload the playlist cover",
            lambda sp: sp.playlist_upload_cover_image(playlist_id, jpeg_b64),
            idempotent=True,
            playlist_id=playlist_id,
            gone=(404,),
        )

    def _access_token(self) -> str:
        if self._manager is None:
            return self.settings.access_token or ""
        return cached_user_token(self._manager)

    def _unauthorized(self, message: str) -> AuthError:
        if self._manager is None:
            return AuthError(
                f"Spotify rejected PLAYLISTER_ACCESS_TOKEN ({message}); it has probably "
                "expired. Set a fresh one, or unset it and run `playlister login`."
            )
        return AuthError(
            f"Spotify rejected the saved login ({message}). Run `playlister login` again."
        )


def encode_cover(data: bytes, source: str) -> str:
    """Base64 of a JPEG cover, checked against Spotify's limit before any request is made.

    ``source`` names the file in the error message.
    """
    if not data.startswith(b"\xff\xd8\xff"):
        raise PlaylisterError(f"{source}: the cover must be a JPEG image (this file is not one).")
    encoded = base64.b64encode(data).decode("ascii")
    if len(encoded) > MAX_COVER_B64:
        raise PlaylisterError(
            f"{source}: the cover is {len(encoded) / 1024:.0f} KB once base64-encoded; Spotify "
            f"accepts at most {MAX_COVER_B64 // 1024} KB (a JPEG of about 190 KB). Make the "
            "image smaller."
        )
    return encoded


# --- helpers ---


def _spotify_message(exc: SpotifyException) -> str:
    # spotipy formats msg as "<url>:\n <Spotify's message>"
    _, sep, tail = (exc.msg or "").partition(":\n ")
    message = " ".join((tail if sep else exc.msg or "").split())  # may be a whole HTML page
    if not message or message == "None":
        return f"HTTP {exc.http_status}"
    return message if len(message) <= 200 else message[:199] + "…"


def _retry_after(headers: Any) -> float | None:
    value = (headers or {}).get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _refusal_hint(status: int) -> str:
    if status == 403:
        return (
            " In development mode only users on the app's allow-list (at most 5, set in "
            "the Spotify dashboard) may use it."
        )
    return ""


def _uncertain(what: str, cause: str) -> str:
    return (
        f"Could not tell whether Spotify managed to {what} ({cause}). It was not resent: "
        "the playlist must be read back before anything else is changed."
    )


def _check_batch(uris: list[str], *, allow_empty: bool) -> None:
    if len(uris) > MAX_URIS_PER_WRITE:
        raise ValueError(f"{len(uris)} URIs in one request; Spotify takes at most 100")
    if not uris and not allow_empty:
        raise ValueError("no URIs given")


def _playlist_id(sp: spotipy.Spotify, playlist_id: str) -> str:
    return str(sp._get_id("playlist", playlist_id))


def _as_dict(result: Any, what: str) -> dict[str, Any]:
    if not isinstance(result, dict):
        raise SpotifyError(f"Spotify sent an unexpected answer for the {what}: {result!r:.100}")
    return result


def _snapshot(result: Any) -> str:
    snapshot = _as_dict(result, "playlist change").get("snapshot_id")
    if not isinstance(snapshot, str):
        raise SpotifyError("Spotify's answer to a playlist change has no snapshot_id.")
    return snapshot
