"""Shared fixtures: an isolated environment, test settings, and a fake Spotify that checks requests.

* ``isolated_env`` (autouse): every test gets an empty PLAYLISTER_HOME in a tmp dir (and
  platformdirs' config dir points into tmp too), no SPOTIPY_* / PLAYLISTER_* variables, a
  fresh tmp working directory (so no stray ``.env`` is read and anything written to the cwd is
  visible), ``webbrowser.open`` recorded instead of opening a browser, and outgoing
  connections refused unless they go to 127.0.0.1.
* ``settings``: ``Settings`` with a test client ID and secret and the default Spotify URLs.
* ``spotify_api``: a ``responses`` mock with the accounts token endpoint already faked.
  Register API answers with e.g. ``spotify_api.get(spotify_api.api + "search", json=...)``.
  At teardown every request made to the API base is checked against Spotify's OpenAPI spec
  (``tests/openapi.py``) and must carry a bearer token; any problem fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import webbrowser
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl

import openapi
import platformdirs
import pytest
import responses
from fake_playlist_api import FakePlaylistApi

from playlister.auth import SCOPES, quiet_spotipy_logging
from playlister.config import DEFAULT_API_URL, DEFAULT_AUTH_URL, Settings

APP_TOKEN = "test-app-token"  # what the fake token endpoint grants for client credentials
USER_TOKEN = "test-user-token"  # ... for an authorization code or a refresh token
REFRESH_TOKEN = "test-refresh-token"
CLIENT_ID = "test-client-id"
CLIENT_SECRET = "test-client-secret"

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True, scope="session")
def spotipy_logging_as_in_main() -> None:
    """What ``playlister.cli.main`` sets up: spotipy's logger quiet, secrets redacted."""
    quiet_spotipy_logging()


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SimpleNamespace]:
    """Isolate a test from the user's environment, files, browser and network.

    Yields a namespace with ``home`` (PLAYLISTER_HOME, not yet created), ``cwd`` (the empty
    working directory) and ``opened`` (URLs passed to ``webbrowser.open``; set
    ``on_open`` to a callable to act as the browser, e.g. to follow a login redirect).
    """
    for name in list(os.environ):
        if name.startswith(("SPOTIPY_", "PLAYLISTER_")):
            monkeypatch.delenv(name)
    env = SimpleNamespace(home=tmp_path / "home", cwd=tmp_path / "cwd", opened=[], on_open=None)
    env.cwd.mkdir()
    monkeypatch.setenv("PLAYLISTER_HOME", str(env.home))
    # Settings.from_env({...}) without PLAYLISTER_HOME must not reach the real config dir either.
    monkeypatch.setattr(
        platformdirs, "user_config_dir", lambda *a, **k: str(tmp_path / "user-config")
    )
    monkeypatch.chdir(env.cwd)

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        env.opened.append(url)
        if env.on_open is not None:
            env.on_open(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)

    real_connect = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: Any) -> Any:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK:
            raise OSError(f"tests must not reach the network (tried {address[0]})")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield env


@pytest.fixture
def settings(isolated_env: SimpleNamespace) -> Settings:
    """Settings with a test client ID and secret, default URLs, home in the tmp dir."""
    return Settings.from_env(
        {
            "SPOTIPY_CLIENT_ID": CLIENT_ID,
            "SPOTIPY_CLIENT_SECRET": CLIENT_SECRET,
            "PLAYLISTER_HOME": str(isolated_env.home),
        }
    )


class SpotifyApiMock(responses.RequestsMock):
    """A ``responses`` mock of Spotify; ``api`` is the API base, ``token_url`` the token endpoint.

    ``api_calls()`` lists the calls made to the API (not the token endpoint);
    ``token_calls()`` the calls to the token endpoint, ``token_forms()`` their form fields.
    """

    api = DEFAULT_API_URL
    token_url = DEFAULT_AUTH_URL + "api/token"

    def api_calls(self) -> list[Any]:
        return [c for c in self.calls if c.request.url.startswith(self.api)]

    def token_calls(self) -> list[Any]:
        return [c for c in self.calls if c.request.url.startswith(self.token_url)]

    def token_forms(self) -> list[dict[str, str]]:
        forms = []
        for call in self.token_calls():
            body = call.request.body or ""
            forms.append(dict(parse_qsl(body.decode() if isinstance(body, bytes) else body)))
        return forms


def _fake_token_endpoint(request: Any) -> tuple[int, dict[str, str], str]:
    """Spotify's token endpoint: an app token for client credentials, else a user token."""
    form = dict(parse_qsl(request.body or ""))
    if form.get("grant_type") == "client_credentials":
        token = {"access_token": APP_TOKEN, "token_type": "Bearer", "expires_in": 3600}
    else:
        token = {
            "access_token": USER_TOKEN,
            "token_type": "Bearer",
            "expires_in": 3600,
            "refresh_token": REFRESH_TOKEN,
            "scope": SCOPES,
        }
    return 200, {"Content-Type": "application/json"}, json.dumps(token)


@pytest.fixture
def spotify_api() -> Iterator[SpotifyApiMock]:
    """A fake Spotify: the token endpoint answers; every API request is checked at the end.

    Nothing else is registered: add the API answers a test needs. Unregistered URLs raise
    ``requests.ConnectionError``. Replace the token answer with
    ``spotify_api.replace(responses.POST, spotify_api.token_url, ...)``.
    """
    with SpotifyApiMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.POST, mock.token_url, callback=_fake_token_endpoint)
        yield mock
        problems = spec_problems(mock)  # before exiting: responses forgets the calls on exit
    if problems:
        pytest.fail("Requests the Spotify API would not accept:\n" + "\n".join(problems))


def spec_problems(mock: SpotifyApiMock) -> list[str]:
    """Every way the API calls recorded by ``mock`` break the spec or lack a bearer token."""
    problems = []
    for call in mock.api_calls():
        request = call.request
        problems += openapi.check_request(
            request.method,
            request.url,
            body=request.body,
            content_type=request.headers.get("Content-Type"),
            base=mock.api,
        )
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            problems.append(f"{request.method} {request.url}: no bearer token")
    return problems


@pytest.fixture
def fake(spotify_api: SpotifyApiMock) -> FakePlaylistApi:
    """The fake playlist API (``fake_playlist_api.py``), installed on ``spotify_api``."""
    fake = FakePlaylistApi()
    fake.install(spotify_api, spotify_api.api)
    return fake
