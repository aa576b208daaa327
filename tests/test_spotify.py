"""The Spotify access layer: request shapes, rate limits, retries, lost writes, paging, secrets."""

from __future__ import annotations

import base64
import json
import logging
import stat
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses
from conftest import (
    APP_TOKEN,
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    USER_TOKEN,
    SpotifyApiMock,
    spec_problems,
)

from playlister.auth import SCOPES, TokenCache
from playlister.config import Settings
from playlister.errors import (
    AuthError,
    ConfigError,
    PlaylistGoneError,
    RateLimitError,
    SpotifyError,
    UncertainWriteError,
)
from playlister.spotify import Catalog, UserApi

RECORDINGS = [Path(__file__).parent / "data" / "spotify-search-responses"]
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"
SNAPSHOT = {"snapshot_id": "snap-2"}

# One genuine search result (spotDL's cassette for "Lost Identities Moments", 2022), trimmed of
# markets, images and links, so the core tests need no file from outside the repository.
_ARTISTS = [
    {
        "id": "76BHKmTZPOUV3itxUUXmkQ",
        "name": "Lost Identities",
        "type": "artist",
        "uri": "spotify:artist:76BHKmTZPOUV3itxUUXmkQ",
    },
    {
        "id": "1569hvm0IW3DHOfruYP2lM",
        "name": "Robbie Rosen",
        "type": "artist",
        "uri": "spotify:artist:1569hvm0IW3DHOfruYP2lM",
    },
]
MOMENTS = {
    "album": {
        "album_type": "single",
        "artists": _ARTISTS,
        "id": "3RcqBVGSyIoU6UgHhsChMS",
        "name": "Moments",
        "release_date": "2022-04-14",
        "release_date_precision": "day",
        "total_tracks": 1,
        "type": "album",
        "uri": "spotify:album:3RcqBVGSyIoU6UgHhsChMS",
    },
    "artists": _ARTISTS,
    "disc_number": 1,
    "duration_ms": 219789,
    "explicit": False,
    "external_ids": {"isrc": "GB2LD2210068"},
    "id": "7jS6ncdgTqzu51qQgQKvxU",
    "is_local": False,
    "name": "Moments",
    "popularity": 37,
    "track_number": 1,
    "type": "track",
    "uri": "spotify:track:7jS6ncdgTqzu51qQgQKvxU",
}
MOMENTS_BODY = {
    "tracks": {
        "href": "https://api.spotify.com/v1/search?query=Lost+Identities+Moments&type=track"
        "&offset=0&limit=10",
        "items": [MOMENTS],
        "limit": 10,
        "next": None,
        "offset": 0,
        "previous": None,
        "total": 1,
    }
}


def recorded_search(name: str) -> dict[str, Any]:
    """A genuine GET /search body recorded by another project's test suite (see MANIFEST.json)."""
    for folder in RECORDINGS:
        if (folder / name).is_file():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    pytest.skip(f"recorded search response {name} not available")


def spotify_error(status: int, message: str, reason: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "message": message}
    if reason:
        error["reason"] = reason
    return {"error": error}


def params(call: Any) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(call.request.url).query))


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def catalog(settings: Settings, sleeps: list[float]) -> Catalog:
    return Catalog(settings, sleep=sleeps.append)


@pytest.fixture
def logged_in(settings: Settings) -> Settings:
    """Settings whose user has run `playlister login` (a valid token in the cache)."""
    TokenCache(settings.user_token_path, CLIENT_ID).save_token_to_cache(
        {
            "access_token": USER_TOKEN,
            "token_type": "Bearer",
            "expires_in": 3600,
            "expires_at": int(time.time()) + 3600,
            "refresh_token": REFRESH_TOKEN,
            "scope": SCOPES,
        }
    )
    return settings


@pytest.fixture
def user(logged_in: Settings, sleeps: list[float]) -> UserApi:
    return UserApi(logged_in, sleep=sleeps.append)


# --- search ---


def test_search_caps_limit_at_10_passes_market_and_returns_track_objects(spotify_api, catalog):
    body = recorded_search("spotdl_test.json")
    spotify_api.get(spotify_api.api + "search", json=body)

    tracks = catalog.search_tracks("track:test", market="SE", limit=50)

    assert [t["uri"] for t in tracks] == [t["uri"] for t in body["tracks"]["items"]]
    (call,) = spotify_api.api_calls()
    assert params(call) == {
        "q": "track:test",
        "limit": "10",
        "offset": "0",
        "type": "track",
        "market": "SE",
    }
    assert call.request.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    assert catalog.requests == 1  # the token request is not counted
    assert len(spotify_api.token_calls()) == 1


def test_search_without_results_returns_empty_list(spotify_api, catalog):
    spotify_api.get(
        spotify_api.api + "search", json=recorded_search("spotdl_The_HU___Sugaan_Essenna.json")
    )
    assert catalog.search_tracks("The HU Sugaan Essenna") == []
    assert "market" not in params(spotify_api.api_calls()[0])


# --- rate limits ---


def test_short_retry_after_is_waited_out_then_the_call_succeeds(spotify_api, catalog, sleeps):
    spotify_api.get(
        spotify_api.api + "search",
        status=429,
        headers={"Retry-After": "3"},
        json=spotify_error(429, "API rate limit exceeded"),
    )
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)

    tracks = catalog.search_tracks("Lost Identities Moments")

    assert [t["name"] for t in tracks] == ["Moments"]
    assert sleeps == [3.0]
    assert catalog.requests == 2


def test_day_long_retry_after_raises_rate_limit_without_waiting(spotify_api, catalog, sleeps):
    spotify_api.get(
        spotify_api.api + "search",
        status=429,
        headers={"Retry-After": "86400"},
        json=spotify_error(429, "API rate limit exceeded"),
    )

    with pytest.raises(RateLimitError) as info:
        catalog.search_tracks("anything")

    assert info.value.retry_after == 86400
    assert info.value.quota is False
    assert "24.0 h" in str(info.value)
    assert sleeps == []
    assert catalog.requests == 1


def test_quota_exceeded_is_reported_as_quota(spotify_api, user, sleeps):
    spotify_api.get(
        spotify_api.api + "me",
        status=429,
        headers={"Retry-After": "79892"},
        json=spotify_error(429, "Quota exceeded", reason="QUOTA_EXCEEDED"),
    )

    with pytest.raises(RateLimitError) as info:
        user.current_user()

    assert info.value.quota is True
    assert "daily request quota" in str(info.value)
    assert sleeps == []


def test_repeated_429s_give_up_after_a_few_waits(spotify_api, catalog, sleeps):
    spotify_api.get(spotify_api.api + "search", status=429, headers={"Retry-After": "1"})

    with pytest.raises(RateLimitError):
        catalog.search_tracks("anything")

    assert sleeps == [1.0] * 5
    assert catalog.requests == 6


# --- 5xx and network errors ---


def test_get_is_retried_after_server_errors(spotify_api, user, sleeps):
    spotify_api.get(
        spotify_api.api + "me", status=503, json=spotify_error(503, "Service unavailable")
    )
    spotify_api.get(spotify_api.api + "me", status=502, body="<html>Bad gateway</html>")
    spotify_api.get(spotify_api.api + "me", json={"id": "ann", "display_name": "Ann"})

    assert user.current_user()["display_name"] == "Ann"
    assert sleeps == [1.0, 2.0]  # exponential backoff
    assert user.requests == 3


def test_get_gives_up_after_three_server_errors(spotify_api, user):
    spotify_api.get(spotify_api.api + "me", status=500, json=spotify_error(500, "Server error"))

    with pytest.raises(SpotifyError) as info:
        user.current_user()

    assert info.value.status == 500
    assert "3 times" in str(info.value) and "try again later" in str(info.value)
    assert user.requests == 3


def test_dropped_connections_on_reads_are_retried_after_1_and_2_s(spotify_api, catalog, sleeps):
    spotify_api.get(spotify_api.api + "search", body=requests.ConnectionError("reset"))
    spotify_api.get(spotify_api.api + "search", body=requests.ConnectionError("reset"))
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)

    assert len(catalog.search_tracks("Lost Identities Moments")) == 1
    assert sleeps == [1.0, 2.0]


def test_a_timeout_is_not_retried_it_spent_the_whole_deadline(spotify_api, catalog, sleeps):
    spotify_api.get(spotify_api.api + "search", body=requests.ReadTimeout("read timed out"))
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)

    with pytest.raises(SpotifyError, match="no complete answer within 10 s"):
        catalog.search_tracks("Lost Identities Moments")
    assert (catalog.requests, sleeps) == (1, [])


def test_network_down_gives_a_clear_error(spotify_api, catalog):
    spotify_api.get(spotify_api.api + "search", body=requests.ConnectionError("unreachable"))

    with pytest.raises(SpotifyError, match="Could not reach Spotify.*network"):
        catalog.search_tracks("anything")
    assert catalog.requests == 3


WRITES = {
    "add_items": (
        responses.POST,
        f"playlists/{PLAYLIST}/items",
        lambda api: api.add_items(PLAYLIST, ["spotify:track:4iV5W9uYEdYUVa79Axb7Rh"]),
    ),
    "reorder_items": (
        responses.PUT,
        f"playlists/{PLAYLIST}/items",
        lambda api: api.reorder_items(PLAYLIST, 3, 0),
    ),
    "create_playlist": (
        responses.POST,
        "me/playlists",
        lambda api: api.create_playlist("Mix", "for the road", False),
    ),
}
LOST = {
    "500": {"status": 500, "json": spotify_error(500, "Server error")},
    "timeout": {"body": requests.ReadTimeout("read timed out")},
    "connection reset": {"body": requests.ConnectionError("connection reset by peer")},
}


@pytest.mark.parametrize("lost", LOST)
@pytest.mark.parametrize("write", WRITES)
def test_non_idempotent_write_with_lost_answer_is_uncertain_and_never_resent(
    spotify_api, user, sleeps, write, lost
):
    method, path, run = WRITES[write]
    spotify_api.add(method, spotify_api.api + path, **LOST[lost])
    spotify_api.add(method, spotify_api.api + path, json=SNAPSHOT | {"id": PLAYLIST})

    with pytest.raises(UncertainWriteError, match="not resent"):
        run(user)

    assert len(spotify_api.api_calls()) == 1
    assert user.writes == 1
    assert sleeps == []


@pytest.mark.parametrize("lost", ["503", "dropped"])
@pytest.mark.parametrize("write", ["replace_items", "remove_items"])
def test_idempotent_writes_are_retried(spotify_api, user, sleeps, write, lost):
    method = responses.PUT if write == "replace_items" else responses.DELETE
    url = spotify_api.api + f"playlists/{PLAYLIST}/items"
    if lost == "503":
        spotify_api.add(method, url, status=503, json=spotify_error(503, "Service unavailable"))
    else:
        spotify_api.add(method, url, body=requests.ConnectionError("reset by peer"))
    spotify_api.add(method, url, json=SNAPSHOT)
    uris = ["spotify:track:4iV5W9uYEdYUVa79Axb7Rh", "spotify:track:1301WleyT98MSxVHPZCA6M"]

    assert getattr(user, write)(PLAYLIST, uris) == "snap-2"

    first, second = spotify_api.api_calls()
    assert first.request.body == second.request.body
    assert user.writes == 2
    assert sleeps == [1.0]


# --- playlists ---


def _entry(n: int) -> dict[str, Any]:
    return {
        "added_at": "2026-01-01T00:00:00Z",
        "is_local": False,
        "item": {"type": "track", "id": f"t{n}", "uri": f"spotify:track:t{n}"},
    }


def test_playlist_items_are_read_page_by_page_in_order_with_nulls(spotify_api, user):
    entries: list[Any] = [_entry(n) for n in range(120)]
    entries[7] = None  # Spotify may send a null entry ...
    entries[60]["item"] = None  # ... or an entry whose item is gone
    url = spotify_api.api + f"playlists/{PLAYLIST}/items"
    for offset in (0, 50, 100):
        page = entries[offset : offset + 50]
        more = offset + 50 < len(entries)
        spotify_api.get(
            url,
            match=[
                responses.matchers.query_param_matcher(
                    {"limit": "50", "offset": str(offset)}, strict_match=False
                )
            ],
            json={
                "href": url,
                "items": page,
                "limit": 50,
                "offset": offset,
                "total": 120,
                "previous": None,
                "next": f"{url}?offset={offset + 50}&limit=50" if more else None,
            },
        )

    uris = user.playlist_item_uris(PLAYLIST)

    expected: list[str | None] = [f"spotify:track:t{n}" for n in range(120)]
    expected[7] = expected[60] = None
    assert uris == expected
    assert [params(c)["offset"] for c in spotify_api.api_calls()] == ["0", "50", "100"]


@pytest.mark.parametrize("status", [404, 403])
def test_deleted_or_foreign_playlist_is_gone(spotify_api, user, status):
    spotify_api.get(
        spotify_api.api + f"playlists/{PLAYLIST}",
        status=status,
        json=spotify_error(status, "Not found"),
    )

    with pytest.raises(PlaylistGoneError) as info:
        user.get_playlist(PLAYLIST)

    assert info.value.playlist_id == PLAYLIST
    assert user.requests == 1


def test_add_items_sends_a_documented_body_and_returns_the_snapshot(spotify_api, user):
    spotify_api.post(spotify_api.api + f"playlists/{PLAYLIST}/items", status=201, json=SNAPSHOT)
    uris = ["spotify:track:4iV5W9uYEdYUVa79Axb7Rh", "spotify:episode:512ojhOuo1ktJprKbVcKyQ"]

    assert user.add_items(PLAYLIST, uris, position=3) == "snap-2"

    (call,) = spotify_api.api_calls()
    assert json.loads(call.request.body) == {"uris": uris, "position": 3}


def test_more_than_100_uris_are_refused_before_anything_is_sent(spotify_api, user):
    with pytest.raises(ValueError, match="at most 100"):
        user.add_items(PLAYLIST, [f"spotify:track:{n:022d}" for n in range(101)])
    assert spotify_api.api_calls() == []


def test_create_playlist_uses_me_playlists(spotify_api, user):
    spotify_api.post(
        spotify_api.api + "me/playlists",
        status=201,
        json={"id": PLAYLIST, "name": "Mix", "snapshot_id": "snap-1"},
    )

    playlist = user.create_playlist("Mix", "for the road", public=False)

    assert playlist["id"] == PLAYLIST
    body = json.loads(spotify_api.api_calls()[0].request.body)
    assert body | {"collaborative": False} == {
        "name": "Mix",
        "description": "for the road",
        "public": False,
        "collaborative": False,
    }


def test_upload_cover_sends_base64_jpeg(spotify_api, user):
    spotify_api.put(spotify_api.api + f"playlists/{PLAYLIST}/images", status=202)

    user.upload_cover(PLAYLIST, "/9j/4AAQSkZJRg==")

    (call,) = spotify_api.api_calls()
    assert call.request.headers["Content-Type"] == "image/jpeg"
    assert call.request.body == "/9j/4AAQSkZJRg=="


# --- errors from Spotify ---


def test_rejected_user_token_says_to_log_in_again(spotify_api, user):
    spotify_api.get(
        spotify_api.api + "me", status=401, json=spotify_error(401, "The access token expired")
    )

    with pytest.raises(AuthError, match="playlister login"):
        user.current_user()
    assert user.requests == 1


def test_rejected_app_token_is_refetched_once_then_reported(spotify_api, catalog):
    spotify_api.get(
        spotify_api.api + "search", status=401, json=spotify_error(401, "Invalid access token")
    )

    with pytest.raises(AuthError) as info:
        catalog.search_tracks("anything")

    assert "SPOTIPY_CLIENT_ID" in str(info.value) and "SPOTIPY_CLIENT_SECRET" in str(info.value)
    assert len(spotify_api.token_calls()) == 2
    assert catalog.requests == 2


def test_wrong_app_credentials_are_reported(spotify_api, catalog):
    spotify_api.replace(
        responses.POST,
        spotify_api.token_url,
        status=400,
        json={"error": "invalid_client", "error_description": "Invalid client"},
    )

    with pytest.raises(AuthError, match="SPOTIPY_CLIENT_SECRET"):
        catalog.search_tracks("anything")
    assert catalog.requests == 0


def test_other_client_errors_carry_spotifys_message_and_are_not_retried(spotify_api, catalog):
    spotify_api.get(
        spotify_api.api + "search", status=400, json=spotify_error(400, "Invalid limit")
    )

    with pytest.raises(SpotifyError) as info:
        catalog.search_tracks("anything")

    assert info.value.status == 400
    assert "Invalid limit" in str(info.value)
    assert catalog.requests == 1


# --- credentials, token files, secrets ---


def test_catalog_without_credentials_names_what_to_set(isolated_env):
    settings = Settings.from_env({"PLAYLISTER_HOME": str(isolated_env.home)})

    with pytest.raises(ConfigError) as info:
        Catalog(settings)

    message = str(info.value)
    assert "SPOTIPY_CLIENT_ID" in message and "SPOTIPY_CLIENT_SECRET" in message
    assert "Setting up Spotify" in message


def test_app_token_is_cached_privately_under_home_and_nothing_lands_in_cwd(
    spotify_api, catalog, settings, isolated_env
):
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)
    catalog.search_tracks("Lost Identities Moments")

    cache = settings.home / "client-token.json"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings.home.stat().st_mode) == 0o700
    assert json.loads(cache.read_text())["access_token"] == APP_TOKEN
    assert list(isolated_env.cwd.iterdir()) == []

    # A second run reuses the cached token: no new token request.
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)
    Catalog(settings).search_tracks("Lost Identities Moments")
    assert len(spotify_api.token_calls()) == 1


def test_access_token_setting_is_used_as_bearer_without_login(spotify_api, isolated_env):
    settings = Settings.from_env(
        {"PLAYLISTER_ACCESS_TOKEN": "BQ-pasted-token", "PLAYLISTER_HOME": str(isolated_env.home)}
    )
    spotify_api.get(spotify_api.api + "me", json={"id": "ann"})

    assert UserApi(settings).current_user() == {"id": "ann"}

    (call,) = spotify_api.api_calls()
    assert call.request.headers["Authorization"] == "Bearer BQ-pasted-token"
    assert spotify_api.token_calls() == []
    assert not isolated_env.home.exists()


def test_debug_logging_never_shows_tokens(spotify_api, logged_in, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)
    spotify_api.get(spotify_api.api + "me", status=404, json=spotify_error(404, "Not found"))

    Catalog(logged_in).search_tracks("Lost Identities Moments")
    with pytest.raises(SpotifyError):
        UserApi(logged_in).current_user()

    out, err = capsys.readouterr()
    for secret in (APP_TOKEN, USER_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, "Authorization"):
        assert secret not in caplog.text + out + err


def test_spotipy_debug_records_are_redacted_if_someone_enables_them(spotify_api, catalog, caplog):
    caplog.set_level(logging.DEBUG, logger="spotipy")
    spotify_api.get(spotify_api.api + "search", json=MOMENTS_BODY)

    catalog.search_tracks("Lost Identities Moments")

    assert "Sending GET" in caplog.text and "[redacted]" in caplog.text
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    for secret in (APP_TOKEN, CLIENT_SECRET, basic):
        assert secret not in caplog.text


def test_catalog_is_safe_to_share_between_threads(spotify_api, catalog):
    body = MOMENTS_BODY
    spotify_api.get(spotify_api.api + "search", json=body)
    results: list[list[dict[str, Any]]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                results.append(catalog.search_tracks("Lost Identities Moments"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert len(results) == 20 and all(r[0]["name"] == "Moments" for r in results)
    assert catalog.requests == 20
    assert len(spotify_api.token_calls()) == 1


def test_user_with_a_login_for_another_app_must_log_in_again(spotify_api, logged_in):
    other_app = replace(logged_in, client_id="another-client-id")

    with pytest.raises(AuthError, match="playlister login"):
        UserApi(other_app).current_user()
    assert spotify_api.api_calls() == []


def test_spec_check_catches_requests_spotify_would_refuse():
    with SpotifyApiMock(assert_all_requests_are_fired=False) as mock:
        mock.get(mock.api + "search", json={})
        mock.post(mock.api + "users/ann/playlists", json={})
        mock.post(mock.api + f"playlists/{PLAYLIST}/items", json={})
        bearer = {"Authorization": "Bearer x"}
        requests.get(
            mock.api + "search", params={"q": "x", "type": "track", "limit": 50}, headers=bearer
        )
        requests.post(mock.api + "users/ann/playlists", json={"name": "Mix"}, headers=bearer)
        requests.post(mock.api + f"playlists/{PLAYLIST}/items", json=["spotify:track:x"])
        problems = "\n".join(spec_problems(mock))

    assert "limit='50' is above the maximum 10" in problems
    assert "POST /users/{user_id}/playlists is deprecated" in problems
    assert "JSON body should be a object" in problems
    assert f"POST {mock.api}playlists/{PLAYLIST}/items: no bearer token" in problems
