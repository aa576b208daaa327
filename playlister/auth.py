"""Logging in to Spotify as a user, and keeping the tokens safe.

The user's token lives in ``<home>/user-token.json`` (mode 0600, never in the working
directory: spotipy's default ``./.cache`` would be shared by every project and manager).
Login runs the authorization-code flow (with PKCE when no client secret is set), and its local
callback server is bounded by a timeout: spotipy's own waits forever when the client ID or the
redirect URI is wrong.
"""

from __future__ import annotations

import json
import os
import secrets
import time
import webbrowser
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from spotipy.cache_handler import CacheFileHandler
from spotipy.exceptions import SpotifyOauthError
from spotipy.oauth2 import SpotifyOAuth, SpotifyPKCE

from playlister import session
from playlister.config import SETUP_HINT, Settings
from playlister.errors import AuthError, ConfigError
from playlister.files import atomic_write
from playlister.logs import quiet_spotipy_logging as quiet_spotipy_logging

SCOPES = "playlist-modify-private playlist-modify-public playlist-read-private ugc-image-upload"
TOKEN_TIMEOUT = 10  # seconds for a request to the accounts service

_LOGIN_AGAIN = "Run `playlister login` again."
_CALLBACK_PAGE = (
    b"<html><body><h1>playlister received the login.</h1>You can close this tab.</body></html>"
)


# --- token files ---


class TokenCache(CacheFileHandler):  # type: ignore[misc]  # spotipy ships no types
    """A spotipy token cache at an absolute path: file 0600 in a 0700 directory, atomic writes.

    ``client_id`` and ``auth_url`` are stored with the token; a token saved for another client
    ID or another accounts service is ignored, so changing SPOTIPY_CLIENT_ID or
    PLAYLISTER_AUTH_URL never reuses a token the new one has not granted. A damaged file (not
    JSON, not UTF-8, fields missing or of the wrong type) is ignored too, and replaced by the
    next token saved.
    """

    def __init__(
        self, path: Path, client_id: str | None = None, *, auth_url: str | None = None
    ) -> None:
        super().__init__(cache_path=str(path))
        self.path = path
        self.client_id = client_id
        self.auth_url = auth_url

    def get_cached_token(self) -> dict[str, Any] | None:
        try:
            info = json.loads(self.path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not _usable_token(info):
            return None
        for key, want in (("client_id", self.client_id), ("auth_url", self.auth_url)):
            if want and info.get(key, want) != want:
                return None
        return dict(info)

    def save_token_to_cache(self, token_info: dict[str, Any]) -> None:
        data = dict(token_info)
        if self.client_id:
            data["client_id"] = self.client_id
        if self.auth_url:
            data["auth_url"] = self.auth_url
        directory = self.path.parent
        try:
            if not directory.is_dir():
                directory.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(directory, 0o700)
            atomic_write(self.path, json.dumps(data), private=True)
        except OSError as exc:
            raise ConfigError(
                f"Cannot write the Spotify token file {self.path}: {exc.strerror or exc}. "
                "Set PLAYLISTER_HOME to a writable directory."
            ) from exc

    def delete(self) -> bool:
        """Remove the cache file; True if there was one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True


def _usable_token(info: Any) -> bool:
    """Whether a cache file's content has what spotipy reads, in the types it expects."""
    if not isinstance(info, dict):
        return False
    if not isinstance(info.get("access_token"), str) or not info["access_token"]:
        return False
    expires = info.get("expires_at")
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        return False
    return all(isinstance(info.get(k, ""), str) for k in ("refresh_token", "scope", "token_type"))


# --- the user's login ---


def user_auth_manager(settings: Settings) -> SpotifyOAuth | SpotifyPKCE:
    """A spotipy manager for the user's login: SpotifyOAuth with a secret, else SpotifyPKCE.

    Its token cache is ``settings.user_token_path`` and its URLs come from ``settings.auth_url``.
    """
    settings.require_client(secret=False)
    _check_redirect_uri(settings.redirect_uri)
    common: dict[str, Any] = {
        "client_id": settings.client_id,
        "redirect_uri": settings.redirect_uri,
        "scope": SCOPES,
        "cache_handler": TokenCache(
            settings.user_token_path, settings.client_id, auth_url=settings.auth_url
        ),
        "requests_session": session.Session(TOKEN_TIMEOUT),
        "requests_timeout": TOKEN_TIMEOUT,
        "open_browser": False,
    }
    manager: SpotifyOAuth | SpotifyPKCE
    if settings.client_secret:
        manager = SpotifyOAuth(client_secret=settings.client_secret, **common)
    else:
        manager = SpotifyPKCE(**common)
    manager.OAUTH_TOKEN_URL = settings.auth_url + "api/token"
    manager.OAUTH_AUTHORIZE_URL = settings.auth_url + "authorize"
    return manager


def login(
    settings: Settings,
    *,
    open_browser: bool = True,
    timeout: float = 120,
    read_redirect: Callable[[str], str] | None = None,
) -> str:
    """Log the user in (authorization-code flow), save the token, return the access token.

    With ``open_browser`` and a ``http://127.0.0.1:PORT/...`` redirect URI, the browser is
    opened and a local server waits at most ``timeout`` seconds for the callback. Otherwise
    ``read_redirect(authorize_url)`` must return the URL the browser was redirected to
    (the caller shows the URL and reads the paste; this function prints nothing).
    """
    manager = user_auth_manager(settings)
    state = secrets.token_urlsafe(16)
    authorize_url = manager.get_authorize_url(state)
    redirect = urlsplit(settings.redirect_uri)
    if open_browser and redirect.scheme == "http" and redirect.hostname == "127.0.0.1":
        redirected = _wait_for_callback(settings.redirect_uri, authorize_url, timeout)
    else:
        if read_redirect is None:
            raise ValueError("read_redirect is required unless the browser callback is used")
        if open_browser:
            webbrowser.open(authorize_url)
        redirected = read_redirect(authorize_url)
    code = _code_from_redirect(redirected.strip(), state)

    try:
        if isinstance(manager, SpotifyOAuth):
            token = manager.get_access_token(code, as_dict=False, check_cache=False)
        else:
            token = manager.get_access_token(code, check_cache=False)
    except SpotifyOauthError as exc:
        raise AuthError(
            f"Spotify refused the login ({_oauth_reason(exc)}). Check SPOTIPY_CLIENT_ID, "
            f"SPOTIPY_CLIENT_SECRET and SPOTIPY_REDIRECT_URI, then try again. {SETUP_HINT}"
        ) from exc
    except (requests.Timeout, requests.ConnectionError) as exc:
        raise AuthError(
            "Could not reach Spotify's accounts service to finish the login; "
            "check the network connection and try again."
        ) from exc
    return str(token)


def logout(settings: Settings) -> bool:
    """Forget the user's login (remove the token cache); True if there was one."""
    return TokenCache(settings.user_token_path).delete()


def cached_user_token(manager: SpotifyOAuth | SpotifyPKCE) -> str:
    """The saved login's access token, refreshed if expired.

    Network errors pass through as requests exceptions, so callers can retry them.
    """
    cache: TokenCache = manager.cache_handler
    info = cache.get_cached_token()
    if not info:
        raise AuthError("Not logged in to Spotify: run `playlister login` first.")
    try:
        info = manager.validate_token(info)
    except SpotifyOauthError as exc:
        if exc.error == "invalid_grant":
            cache.delete()
            raise AuthError(
                f"Your Spotify login was revoked or has expired. {_LOGIN_AGAIN}"
            ) from exc
        raise AuthError(
            f"Could not refresh the Spotify login ({_oauth_reason(exc)}). {_LOGIN_AGAIN}"
        ) from exc
    if not info:
        # validate_token returns None when the saved login lacks a scope we now need.
        raise AuthError(
            f"The saved Spotify login lacks permissions playlister needs. {_LOGIN_AGAIN}"
        )
    return str(info["access_token"])


# --- helpers ---


def _check_redirect_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.hostname == "localhost":
        raise ConfigError(
            f"SPOTIPY_REDIRECT_URI {uri} uses 'localhost', which Spotify no longer accepts: use "
            f"http://127.0.0.1:{parts.port or 8888}{parts.path}, in the app's dashboard too. "
            f"{SETUP_HINT}"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"SPOTIPY_REDIRECT_URI must be an http(s) URL, not {uri!r}. {SETUP_HINT}")


def _code_from_redirect(url: str, state: str) -> str:
    query = dict(parse_qsl(urlsplit(url).query))
    if "error" in query:
        raise AuthError(f"Spotify login was not granted ({query['error']}).")
    if "code" not in query:
        raise AuthError(
            "That is not the URL Spotify redirected to: it has no ?code=... part. "
            "Copy the whole address from the browser after approving the login."
        )
    if query.get("state") != state:
        raise AuthError(
            "The login answer does not belong to this login attempt (state mismatch); "
            "try `playlister login` again."
        )
    return query["code"]


def _oauth_reason(exc: SpotifyOauthError) -> str:
    if exc.error and exc.error_description:
        return f"{exc.error}: {exc.error_description}"
    return str(exc.error or exc)


def _wait_for_callback(redirect_uri: str, authorize_url: str, timeout: float) -> str:
    """Open the browser and wait on 127.0.0.1 for Spotify's redirect; return its full URL."""
    redirect = urlsplit(redirect_uri)
    port = redirect.port or 80
    expected_path = redirect.path.rstrip("/") or "/"
    received: list[str] = []

    class Callback(BaseHTTPRequestHandler):
        timeout = 5  # a browser's idle pre-connection must not block the wait

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if (urlsplit(self.path).path.rstrip("/") or "/") != expected_path:
                self.send_error(404)
                return
            received.append(f"{redirect.scheme}://{redirect.netloc}{self.path}")
            body = _CALLBACK_PAGE
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    try:
        server = HTTPServer(("127.0.0.1", port), Callback)
    except OSError as exc:
        raise AuthError(
            f"Cannot listen on 127.0.0.1:{port} for the login callback ({exc.strerror or exc}). "
            "Close whatever uses that port, or run `playlister login --no-browser`."
        ) from exc
    with server:
        if not webbrowser.open(authorize_url):
            raise AuthError("Could not open a web browser: run `playlister login --no-browser`.")
        deadline = time.monotonic() + timeout
        while not received:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AuthError(
                    f"No answer from the Spotify login within {timeout:g} s. The client ID "
                    f"(SPOTIPY_CLIENT_ID) or the redirect URI is probably wrong: the app's "
                    f"Redirect URIs in the Spotify dashboard must include exactly "
                    f"{redirect_uri}. {SETUP_HINT}"
                )
            server.timeout = remaining
            server.handle_request()
    return received[0]
