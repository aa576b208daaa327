"""The library's exceptions: one small hierarchy the CLI turns into readable messages.

Every exception here carries a message a person can act on; ``str(exc)`` is that message.
Library code raises these and never prints; ``playlister.cli`` converts them (and spotipy's
``SpotifyBaseException``) into ``click.ClickException``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path


class PlaylisterError(Exception):
    """Base class for every error playlister reports to the user."""


class TracklistError(PlaylisterError):
    """The tracklist file is missing or invalid.

    The message names the file, and where known the line, the entry and the field, e.g.
    ``tracks.toml, line 14, track 3 ("Blue"), field 'youtube': not a YouTube video URL``.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        line: int | None = None,
        entry: int | None = None,
        title: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.entry = entry
        self.title = title
        self.field = field
        self.detail = message
        where = [self.path]
        if line is not None:
            where.append(f"line {line}")
        if entry is not None:
            label = f"track {entry}"
            if title:
                label += f' ("{title}")'
            where.append(label)
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}")


class LockfileError(PlaylisterError):
    """The lockfile is unreadable, or holds nothing yet for the asked command."""


class ConfigError(PlaylisterError):
    """A setting is missing or wrong (credentials, URLs, paths)."""


class AuthError(PlaylisterError):
    """Logging in failed, timed out, or no user login is available."""


class SpotifyError(PlaylisterError):
    """The Spotify API failed in a way retries could not fix."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class RateLimitError(SpotifyError):
    """Spotify asked us to wait longer than we are willing to (or the daily quota is spent).

    ``retry_after`` is in seconds; ``retry_at`` is the UTC time it is safe to try again.
    """

    def __init__(self, retry_after: float, *, quota: bool = False) -> None:
        self.retry_after = retry_after
        self.quota = quota
        self.retry_at = datetime.now(UTC) + timedelta(seconds=retry_after)
        why = "the app's daily request quota is used up" if quota else "too many requests"
        when = self.retry_at.strftime("%Y-%m-%d %H:%M UTC")
        super().__init__(
            f"Spotify rate limit: {why}; it asks us to wait {_human(retry_after)}. "
            f"Try again after {when}. Work done so far has been kept.",
            status=429,
        )


class UncertainWriteError(SpotifyError):
    """A playlist write's response was lost: the server may or may not have applied it.

    Callers must read the playlist back before doing anything else; never resend blindly.
    """


class PlaylistGoneError(PlaylisterError):
    """The playlist recorded in the lockfile no longer exists or is not the user's."""

    def __init__(self, playlist_id: str, message: str | None = None) -> None:
        self.playlist_id = playlist_id
        super().__init__(
            message
            or f"The playlist recorded in the lockfile ({playlist_id}) is gone: it was deleted "
            "or does not belong to the logged-in user."
        )


def _human(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h"


class TracklistErrors(TracklistError):
    """Several problems in one tracklist, reported together; ``problems`` holds each one."""

    def __init__(self, path: str | Path, problems: list[TracklistError]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(path, f"{len(problems)} problems:\n{lines}")


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM (raised by the CLI's signal handler in place of KeyboardInterrupt).

    A matching run it passes through records ``kept`` (entries of the selection now in the
    lockfile), ``left`` (still to match) and the lockfile's ``lock_name``, so the CLI can say
    what survived.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.kept: int | None = None
        self.left = 0
        self.lock_name = ""

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal's number (130 for SIGINT, 143 for TERM)."""
        return 128 + self.signum
