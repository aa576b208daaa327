"""spotipy's logger: quiet, and redacted should someone turn it back up.

Its own module, without spotipy, so the CLI can set it up at start-up for free.
"""

from __future__ import annotations

import logging
import re

# spotipy logs Authorization headers, token request bodies and every HTTP error.
_SECRET = re.compile(
    r"((?:Bearer|Basic)\s+)[^\s'\"},]+"
    r"|(['\"](?:access_token|refresh_token|code|code_verifier|client_secret)['\"]:\s*['\"])"
    r"[^'\"]*"
)


class _RedactSecrets(logging.Filter):
    """Blank out tokens and credentials in spotipy's log records, whatever the level."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET.sub(lambda m: (m.group(1) or m.group(2)) + "[redacted]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def quiet_spotipy_logging() -> None:
    """Silence spotipy's logger, and redact secrets should someone turn it back up.

    Every spotipy failure is re-raised as a playlister exception with a clear message, so its
    own ERROR records would only duplicate them on stderr; its DEBUG records leak tokens.
    """
    logging.getLogger("spotipy").setLevel(logging.CRITICAL)
    for name in ("spotipy.client", "spotipy.oauth2", "spotipy.cache_handler"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactSecrets) for f in logger.filters):
            logger.addFilter(_RedactSecrets())
