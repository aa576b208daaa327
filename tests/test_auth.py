"""Settings, login / logout and the user's token: what a user sees when setting up Spotify."""

from __future__ import annotations

import base64
import logging
import socket
import stat
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import responses
from conftest import CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, USER_TOKEN

from playlister import auth
from playlister.app import login
from playlister.auth import SCOPES, TokenCache, logout
from playlister.config import Settings
from playlister.errors import AuthError, ConfigError
from playlister.spotify import UserApi

PROFILE = {"id": "ann", "display_name": "Ann", "country": "SE"}


def user_token(settings: Settings) -> str:
    """The bearer token `playlister create` would send now (refreshing a saved login)."""
    return UserApi(settings)._access_token()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def save_login(settings: Settings, *, expires_in: int = 3600) -> None:
    TokenCache(settings.user_token_path, settings.client_id).save_token_to_cache(
        {
            "access_token": "old-user-token",
            "token_type": "Bearer",
            "expires_in": 3600,
            "expires_at": int(time.time()) + expires_in,
            "refresh_token": REFRESH_TOKEN,
            "scope": SCOPES,
        }
    )


# --- settings ---


def test_defaults_use_127_0_0_1_and_spotify_urls(isolated_env):
    s = Settings.from_env({"PLAYLISTER_HOME": str(isolated_env.home)})

    assert s.redirect_uri == "http://127.0.0.1:8888/callback"
    assert s.api_url == "https://api.spotify.com/v1/"
    assert s.auth_url == "https://accounts.spotify.com/"
    assert (s.client_id, s.client_secret, s.access_token) == (None, None, None)
    assert s.home == isolated_env.home


def test_custom_urls_get_a_trailing_slash_and_bad_ones_are_refused(isolated_env):
    s = Settings.from_env(
        {"PLAYLISTER_API_URL": "http://127.0.0.1:9000/v1", "PLAYLISTER_AUTH_URL": "http://x/a"}
    )
    assert (s.api_url, s.auth_url) == ("http://127.0.0.1:9000/v1/", "http://x/a/")

    with pytest.raises(ConfigError, match="PLAYLISTER_API_URL"):
        Settings.from_env({"PLAYLISTER_API_URL": "api.spotify.com"})


def test_dotenv_in_cwd_fills_in_but_real_environment_wins(isolated_env, monkeypatch):
    (isolated_env.cwd / ".env").write_text(
        "SPOTIPY_CLIENT_ID=from-file\nSPOTIPY_CLIENT_SECRET=secret-from-file\n"
    )
    monkeypatch.setenv("SPOTIPY_CLIENT_ID", "from-env")

    s = Settings.from_env()

    assert (s.client_id, s.client_secret) == ("from-env", "secret-from-file")
    assert s.home == isolated_env.home  # PLAYLISTER_HOME from the environment
    # A mapping passed in is used alone: neither os.environ nor ./.env.
    assert Settings.from_env({}).client_id is None


def test_missing_credentials_name_exactly_what_to_set(isolated_env):
    nothing = Settings.from_env({"SPOTIPY_CLIENT_ID": "  "})  # blank counts as unset
    with pytest.raises(ConfigError) as info:
        nothing.require_client(secret=True)
    assert "set SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET" in str(info.value)
    assert 'README section "Setting up Spotify"' in str(info.value)

    id_only = Settings.from_env({"SPOTIPY_CLIENT_ID": CLIENT_ID})
    id_only.require_client(secret=False)  # enough for a PKCE login
    with pytest.raises(ConfigError) as info:
        id_only.require_client(secret=True)
    assert "set SPOTIPY_CLIENT_SECRET " in str(info.value)
    assert "SPOTIPY_CLIENT_ID" not in str(info.value)


def test_localhost_redirect_is_refused_with_the_fix(settings):
    with pytest.raises(ConfigError, match=r"http://127\.0\.0\.1:8888/callback"):
        login(replace(settings, redirect_uri="http://localhost:8888/callback"))


# --- login ---


@pytest.mark.parametrize("secret", [CLIENT_SECRET, None], ids=["client-secret", "pkce"])
def test_login_with_pasted_redirect_url(spotify_api, settings, isolated_env, secret):
    settings = replace(settings, client_secret=secret)
    spotify_api.get(spotify_api.api + "me", json=PROFILE)
    shown: list[str] = []

    def paste(url: str) -> str:
        shown.append(url)
        state = query(url)["state"]
        return f"  {settings.redirect_uri}?{urlencode({'code': 'AQ-code', 'state': state})}\n"

    profile = login(settings, open_browser=False, read_redirect=paste)

    assert profile.lines() == [f"Logged in to Spotify as {PROFILE['display_name']}."]
    assert isolated_env.opened == []  # no browser
    (url,) = shown
    assert url.startswith("https://accounts.spotify.com/authorize?")
    asked = query(url)
    assert asked["client_id"] == CLIENT_ID
    assert asked["redirect_uri"] == settings.redirect_uri
    assert set(asked["scope"].split()) == set(SCOPES.split())
    (form,) = spotify_api.token_forms()
    assert form["grant_type"] == "authorization_code"
    assert form["code"] == "AQ-code"
    assert form["redirect_uri"] == settings.redirect_uri
    (token_call,) = spotify_api.token_calls()
    if secret:
        assert token_call.request.headers["Authorization"].startswith("Basic ")
    else:
        assert asked["code_challenge_method"] == "S256"
        assert form["client_id"] == CLIENT_ID and len(form["code_verifier"]) >= 43
    (me,) = spotify_api.api_calls()
    assert me.request.headers["Authorization"] == f"Bearer {USER_TOKEN}"
    # The login is kept, privately, and later commands use it.
    assert stat.S_IMODE(settings.user_token_path.stat().st_mode) == 0o600
    assert user_token(settings) == USER_TOKEN
    assert list(isolated_env.cwd.iterdir()) == []


def test_login_refuses_an_answer_for_another_attempt(spotify_api, settings):
    def paste(url: str) -> str:
        return f"{settings.redirect_uri}?code=AQ-code&state=forged"

    with pytest.raises(AuthError, match="state mismatch"):
        login(settings, open_browser=False, read_redirect=paste)
    assert spotify_api.token_calls() == []
    assert not settings.user_token_path.exists()


def test_login_denied_by_the_user(spotify_api, settings):
    def paste(url: str) -> str:
        return f"{settings.redirect_uri}?error=access_denied&state={query(url)['state']}"

    with pytest.raises(AuthError, match="access_denied"):
        login(settings, open_browser=False, read_redirect=paste)


def test_login_with_a_code_spotify_rejects(spotify_api, settings):
    spotify_api.replace(
        responses.POST,
        spotify_api.token_url,
        status=400,
        json={"error": "invalid_grant", "error_description": "Invalid authorization code"},
    )

    def paste(url: str) -> str:
        return f"{settings.redirect_uri}?code=stale&state={query(url)['state']}"

    with pytest.raises(AuthError, match="Invalid authorization code"):
        login(settings, open_browser=False, read_redirect=paste)
    assert not settings.user_token_path.exists()


def test_login_through_the_browser_callback(spotify_api, settings, isolated_env):
    settings = replace(settings, redirect_uri=f"http://127.0.0.1:{free_port()}/callback")
    spotify_api.get(spotify_api.api + "me", json=PROFILE)
    pages: list[int] = []
    visitors: list[threading.Thread] = []

    def browser(url: str) -> None:
        # Act as the browser: a stray favicon request, then Spotify's redirect.
        def visit() -> None:
            base = settings.redirect_uri.rsplit("/", 1)[0]
            try:
                urllib.request.urlopen(base + "/favicon.ico", timeout=5)
            except HTTPError as exc:
                pages.append(exc.code)
            redirect = f"{settings.redirect_uri}?code=AQ-code&state={query(url)['state']}"
            with urllib.request.urlopen(redirect, timeout=5) as answer:
                pages.append(answer.status)

        visitors.append(threading.Thread(target=visit, daemon=True))
        visitors[0].start()

    isolated_env.on_open = browser

    assert login(settings, timeout=10).lines() == [
        f"Logged in to Spotify as {PROFILE['display_name']}."
    ]
    visitors[0].join(timeout=5)
    assert pages == [404, 200]  # the browser got a page saying the login was received
    assert spotify_api.token_forms()[0]["code"] == "AQ-code"


def test_login_without_callback_times_out_with_a_hint(settings, isolated_env):
    settings = replace(settings, redirect_uri=f"http://127.0.0.1:{free_port()}/callback")
    started = time.monotonic()

    with pytest.raises(AuthError) as info:
        login(settings, timeout=0.3)

    assert time.monotonic() - started < 3
    assert len(isolated_env.opened) == 1  # the browser was sent to Spotify
    message = str(info.value)
    assert "SPOTIPY_CLIENT_ID" in message and settings.redirect_uri in message


def test_login_with_the_callback_port_taken(settings):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(AuthError, match=f"127.0.0.1:{port}.*--no-browser"):
            login(replace(settings, redirect_uri=f"http://127.0.0.1:{port}/callback"), timeout=1)


@pytest.mark.parametrize("spotipy_debug", [False, True], ids=["root-debug", "spotipy-debug"])
def test_login_never_logs_or_prints_secrets(spotify_api, settings, caplog, capsys, spotipy_debug):
    caplog.set_level(logging.DEBUG)
    if spotipy_debug:  # someone turned spotipy's own logger back up: records are redacted
        caplog.set_level(logging.DEBUG, logger="spotipy")
    spotify_api.get(spotify_api.api + "me", json=PROFILE)

    login(
        settings,
        open_browser=False,
        read_redirect=lambda url: (
            f"{settings.redirect_uri}?code=AQ-code&state={query(url)['state']}"
        ),
    )
    save_login(settings, expires_in=-10)
    user_token(settings)  # a refresh

    out, err = capsys.readouterr()
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    for secret in (USER_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, basic, "AQ-code", "old-user-token"):
        assert secret not in caplog.text + out + err
    assert ("Sending POST request" in caplog.text) is spotipy_debug


# --- logout and the saved login ---


def test_logout_forgets_the_login(settings):
    save_login(settings)

    assert logout(settings) is True
    assert not settings.user_token_path.exists()
    assert logout(settings) is False
    with pytest.raises(AuthError, match="playlister login"):
        user_token(settings)


def test_without_login_user_token_says_to_log_in(settings):
    with pytest.raises(AuthError, match="run `playlister login`"):
        user_token(settings)


def test_access_token_setting_is_used_as_is(isolated_env):
    settings = Settings.from_env({"PLAYLISTER_ACCESS_TOKEN": "BQ-pasted"})
    assert user_token(settings) == "BQ-pasted"


def test_expired_login_is_refreshed_and_saved(spotify_api, settings):
    save_login(settings, expires_in=-10)

    assert user_token(settings) == USER_TOKEN

    (form,) = spotify_api.token_forms()
    assert form == {"grant_type": "refresh_token", "refresh_token": REFRESH_TOKEN}
    saved = TokenCache(settings.user_token_path).get_cached_token()
    assert saved["access_token"] == USER_TOKEN and saved["expires_at"] > time.time()
    assert stat.S_IMODE(settings.user_token_path.stat().st_mode) == 0o600
    assert user_token(settings) == USER_TOKEN
    assert len(spotify_api.token_calls()) == 1  # the fresh token is reused


def test_revoked_login_is_cleared_and_user_told_to_log_in(spotify_api, settings):
    save_login(settings, expires_in=-10)
    spotify_api.replace(
        responses.POST,
        spotify_api.token_url,
        status=400,
        json={"error": "invalid_grant", "error_description": "Refresh token revoked"},
    )

    with pytest.raises(AuthError, match="playlister login"):
        user_token(settings)
    assert not settings.user_token_path.exists()


def test_token_files_are_never_world_readable_even_mid_write(settings, monkeypatch):
    # The token is written to a 0600 temp file and renamed, never chmod-ed after the fact.
    modes: list[int] = []
    real_replace = auth.os.replace

    def spy(src: str, dst: Path) -> None:
        modes.append(stat.S_IMODE(Path(src).stat().st_mode))
        real_replace(src, dst)

    monkeypatch.setattr(auth.os, "replace", spy)
    save_login(settings)

    assert modes == [0o600]
    assert stat.S_IMODE(settings.home.stat().st_mode) == 0o700
    assert [p.name for p in settings.home.iterdir()] == ["user-token.json"]
