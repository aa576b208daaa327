"""Settings, token caches and servers that misbehave: each ends in one line, never a traceback
or a wait of minutes."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import APP_TOKEN, CLIENT_ID, CLIENT_SECRET

from playlister.auth import TokenCache
from playlister.config import DEFAULT_AUTH_URL, Settings
from playlister.errors import ConfigError, SpotifyError
from playlister.spotify import Catalog

SEARCH_BODY = {
    "tracks": {
        "items": [],
        "total": 0,
        "limit": 10,
        "offset": 0,
        "href": "x",
        "next": None,
        "previous": None,
    }
}


# --- settings ---


@pytest.mark.parametrize(
    "name, value, message",
    [
        (
            "PLAYLISTER_API_URL",
            "http://[::1/v1/",
            "PLAYLISTER_API_URL is not a valid URL (Invalid IPv6 URL): 'http://[::1/v1/'.",
        ),
        (
            "PLAYLISTER_AUTH_URL",
            "http://127.0.0.1:port/",
            "PLAYLISTER_AUTH_URL is not a valid URL (Port could not be cast to integer value as "
            "'port'): 'http://127.0.0.1:port/'.",
        ),
        (
            "PLAYLISTER_API_URL",
            "ftp://example.org/",
            "PLAYLISTER_API_URL must be an http(s) URL, not 'ftp://example.org/'.",
        ),
    ],
)
def test_a_malformed_url_setting_is_one_line(isolated_env, name, value, message):
    with pytest.raises(ConfigError) as info:
        Settings.from_env({name: value})
    assert str(info.value) == message


def test_a_dotenv_that_is_not_utf8_is_named(isolated_env):
    (isolated_env.cwd / ".env").write_bytes(b"# mine\nSPOTIPY_CLIENT_ID=caf\xe9\n")
    with pytest.raises(ConfigError) as info:
        Settings.from_env()
    assert str(info.value) == (
        f"{isolated_env.cwd / '.env'}: the .env file is not UTF-8 text (line 2); save it as UTF-8."
    )


# --- the app token's cache ---


def valid_token(**extra: object) -> dict[str, object]:
    return {
        "access_token": "cached",
        "token_type": "Bearer",
        "expires_in": 3600,
        "expires_at": int(time.time()) + 3600,
        **extra,
    }


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        json.dumps([1, 2]).encode(),
        json.dumps({"access_token": "cached", "token_type": "Bearer"}).encode(),  # no expires_at
        json.dumps(valid_token(expires_at="soon")).encode(),
        json.dumps(valid_token(expires_at=True)).encode(),
        json.dumps(valid_token(access_token=42)).encode(),
        json.dumps(valid_token(refresh_token=["x"])).encode(),
        b"[" * 100_000,
    ],
    ids=[
        "not-json",
        "bad-bytes",
        "a-list",
        "no-expiry",
        "expiry-text",
        "expiry-bool",
        "token-number",
        "refresh-list",
        "deep-nesting",
    ],
)
def test_a_damaged_token_cache_is_ignored_and_replaced(spotify_api, settings, content):
    settings.home.mkdir(mode=0o700)
    settings.client_token_path.write_bytes(content)
    spotify_api.get(spotify_api.api + "search", json=SEARCH_BODY)

    assert Catalog(settings).search_tracks("anything") == []

    assert len(spotify_api.token_calls()) == 1
    assert json.loads(settings.client_token_path.read_text())["access_token"] == APP_TOKEN


@pytest.mark.parametrize(
    "saved_for, reused",
    [
        ({"client_id": CLIENT_ID, "auth_url": DEFAULT_AUTH_URL}, True),
        ({"client_id": CLIENT_ID}, True),  # saved by an older playlister
        ({"client_id": "another-app", "auth_url": DEFAULT_AUTH_URL}, False),
        ({"client_id": CLIENT_ID, "auth_url": "http://127.0.0.1:9/"}, False),
    ],
)
def test_a_cached_token_is_reused_only_for_the_same_app_and_accounts_service(
    spotify_api, settings, saved_for, reused
):
    settings.home.mkdir(mode=0o700)
    settings.client_token_path.write_text(json.dumps(valid_token(**saved_for)))
    spotify_api.get(spotify_api.api + "search", json=SEARCH_BODY)

    Catalog(settings).search_tracks("anything")

    assert len(spotify_api.token_calls()) == (0 if reused else 1)
    sent = spotify_api.api_calls()[0].request.headers["Authorization"]
    assert sent == ("Bearer cached" if reused else f"Bearer {APP_TOKEN}")


def test_the_saved_token_names_its_app_and_accounts_service(spotify_api, settings):
    spotify_api.get(spotify_api.api + "search", json=SEARCH_BODY)
    Catalog(settings).search_tracks("anything")
    saved = json.loads(settings.client_token_path.read_text())
    assert (saved["client_id"], saved["auth_url"]) == (CLIENT_ID, DEFAULT_AUTH_URL)
    assert (
        TokenCache(
            settings.client_token_path, CLIENT_ID, auth_url=DEFAULT_AUTH_URL
        ).get_cached_token()
        is not None
    )


# --- servers that take a connection and never answer ---


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A base URL on 127.0.0.1 that accepts connections and never sends a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """A base URL on 127.0.0.1 answering 200 with a JSON body sent a byte every 0.2 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            head = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
            )
            for byte in [head[i : i + 1] for i in range(len(head))] + [b" "] * 500:
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(byte)
                except OSError:
                    return

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn = listener.accept()[0]
            except OSError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    thread.join()
    listener.close()


def test_a_dripping_api_fails_the_search_at_the_deadline(isolated_env, dripping_server):
    settings = Settings.from_env(
        {"PLAYLISTER_ACCESS_TOKEN": "t", "PLAYLISTER_API_URL": dripping_server + "v1/"}
    )
    catalog = Catalog(settings, timeout=1)
    started = time.monotonic()

    with pytest.raises(SpotifyError) as info:
        catalog.search_tracks("anything")

    assert str(info.value) == (
        "Could not reach Spotify to search for 'anything': no complete answer within 1 s. "
        "Check the network connection and try again."
    )
    assert time.monotonic() - started < 1.5  # each byte came within the read timeout
    assert catalog.requests == 1


def test_a_dripping_accounts_service_fails_the_token_at_the_deadline(isolated_env, dripping_server):
    settings = Settings.from_env(
        {
            "SPOTIPY_CLIENT_ID": CLIENT_ID,
            "SPOTIPY_CLIENT_SECRET": CLIENT_SECRET,
            "PLAYLISTER_AUTH_URL": dripping_server,
        }
    )
    catalog = Catalog(settings, timeout=1)
    started = time.monotonic()

    with pytest.raises(SpotifyError, match="for the app's token: no complete answer within 1 s"):
        catalog.search_tracks("anything")
    assert time.monotonic() - started < 1.5


def test_a_silent_api_fails_the_search_after_one_read_timeout(isolated_env, silent_server):
    settings = Settings.from_env(
        {"PLAYLISTER_ACCESS_TOKEN": "t", "PLAYLISTER_API_URL": silent_server + "v1/"}
    )
    sleeps: list[float] = []
    catalog = Catalog(settings, timeout=1, sleep=sleeps.append)

    with pytest.raises(SpotifyError) as info:
        catalog.search_tracks("anything")

    assert str(info.value) == (
        "Could not reach Spotify to search for 'anything': no complete answer within 1 s. "
        "Check the network connection and try again."
    )
    assert catalog.requests == 1  # the deadline is the budget: not TRIES of them
    assert sleeps == []


def test_a_silent_accounts_service_is_named_and_not_retried_per_thread(isolated_env, silent_server):
    settings = Settings.from_env(
        {
            "SPOTIPY_CLIENT_ID": CLIENT_ID,
            "SPOTIPY_CLIENT_SECRET": CLIENT_SECRET,
            "PLAYLISTER_AUTH_URL": silent_server,
        }
    )
    catalog = Catalog(settings, timeout=1)
    errors: list[str] = []

    def search() -> None:
        try:
            catalog.search_tracks("anything")
        except SpotifyError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert (
        errors
        == [
            f"Could not reach Spotify's accounts service ({silent_server}) for the app's token: "
            "no complete answer within 1 s. Check the network connection (and PLAYLISTER_AUTH_URL "
            "if set), "
            "then try again."
        ]
        * 4
    )
    assert catalog.requests == 0  # no search was sent without a token


def test_token_caches_stay_private(spotify_api, settings):
    spotify_api.get(spotify_api.api + "search", json=SEARCH_BODY)
    Catalog(settings).search_tracks("anything")
    assert Path(settings.client_token_path).stat().st_mode & 0o777 == 0o600


def test_four_searches_refused_with_a_stale_token_refresh_it_once(spotify_api, settings):
    settings.home.mkdir(mode=0o700)
    settings.client_token_path.write_text(
        json.dumps(
            valid_token(access_token="stale", client_id=CLIENT_ID, auth_url=DEFAULT_AUTH_URL)
        )
    )
    barrier = threading.Barrier(4, timeout=10)

    def answer(request):  # all four are in flight with the stale token before any is refused
        if request.headers["Authorization"] == "Bearer stale":
            barrier.wait()
            return (
                401,
                {},
                json.dumps({"error": {"status": 401, "message": "Invalid access token"}}),
            )
        return 200, {}, json.dumps(SEARCH_BODY)

    spotify_api.add_callback("GET", spotify_api.api + "search", callback=answer)
    catalog = Catalog(settings)
    errors: list[BaseException] = []

    def search() -> None:
        try:
            catalog.search_tracks("anything")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert len(spotify_api.token_calls()) == 1
    assert catalog.requests == 8
