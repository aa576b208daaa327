"""Settings: Spotify credentials, endpoints and where tokens are kept, read from the environment.

Everything comes from environment variables (or a ``.env`` file in the working directory), so
the same code runs against the real Spotify and against a fake in tests.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from dotenv import dotenv_values

from playlister.errors import ConfigError

DEFAULT_REDIRECT_URI = "http://127.0.0.1:8888/callback"
DEFAULT_API_URL = "https://api.spotify.com/v1/"
DEFAULT_AUTH_URL = "https://accounts.spotify.com/"
SETUP_HINT = 'See the README section "Setting up Spotify".'


@dataclass(frozen=True)
class Settings:
    """Where to reach Spotify, as whom, and where to keep tokens."""

    client_id: str | None
    client_secret: str | None
    redirect_uri: str
    api_url: str
    auth_url: str
    access_token: str | None
    home: Path

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, dotenv: Path | None = None
    ) -> Settings:
        """Read settings from ``env``; with ``env=None``, from ``os.environ`` plus ``./.env``.

        A ``.env`` file (``dotenv``, or ``./.env`` when ``env`` is None) only fills in what the
        real environment leaves unset. Empty values count as unset.
        """
        values: dict[str, str] = {}
        if env is None:
            env = os.environ
            dotenv = dotenv if dotenv is not None else Path.cwd() / ".env"
        if dotenv is not None and dotenv.is_file():
            values.update({k: v for k, v in _read_dotenv(dotenv).items() if v is not None})
        values.update(env)

        def get(name: str) -> str | None:
            value = values.get(name)
            return (value.strip() or None) if value else None

        home = get("PLAYLISTER_HOME")
        return cls(
            client_id=get("SPOTIPY_CLIENT_ID"),
            client_secret=get("SPOTIPY_CLIENT_SECRET"),
            redirect_uri=get("SPOTIPY_REDIRECT_URI") or DEFAULT_REDIRECT_URI,
            api_url=_base_url("PLAYLISTER_API_URL", get("PLAYLISTER_API_URL") or DEFAULT_API_URL),
            auth_url=_base_url(
                "PLAYLISTER_AUTH_URL", get("PLAYLISTER_AUTH_URL") or DEFAULT_AUTH_URL
            ),
            access_token=get("PLAYLISTER_ACCESS_TOKEN"),
            home=(
                Path(home).expanduser()
                if home
                else Path(platformdirs.user_config_dir("playlister", appauthor=False))
            ),
        )

    @property
    def user_token_path(self) -> Path:
        """The logged-in user's token cache."""
        return self.home / "user-token.json"

    @property
    def client_token_path(self) -> Path:
        """The app's client-credentials token cache (catalog search)."""
        return self.home / "client-token.json"

    def require_client(self, *, secret: bool) -> None:
        """Raise ConfigError unless the app's client ID (and, if ``secret``, secret) are set."""
        missing = []
        if not self.client_id:
            missing.append("SPOTIPY_CLIENT_ID")
        if secret and not self.client_secret:
            missing.append("SPOTIPY_CLIENT_SECRET")
        if missing:
            what = " and ".join(missing)
            raise ConfigError(
                f"Spotify app credentials are missing: set {what} (in the environment or in a "
                f".env file in this directory), from your app in the Spotify developer "
                f"dashboard. {SETUP_HINT}"
            )


def _read_dotenv(path: Path) -> dict[str, str | None]:
    """The ``.env`` file's variables; a file that is not UTF-8 text is one clear error."""
    try:
        path.read_bytes().decode("utf-8")
        return dict(dotenv_values(path, encoding="utf-8"))
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}: the .env file is not UTF-8 text (line {line}); save it as UTF-8."
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the .env file: {exc.strerror or exc}.") from None


def _base_url(name: str, url: str) -> str:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        host = parts.hostname
    except ValueError as exc:
        raise ConfigError(f"{name} is not a valid URL ({exc}): {url!r}.") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ConfigError(f"{name} must be an http(s) URL, not {url!r}.")
    return url if url.endswith("/") else url + "/"
