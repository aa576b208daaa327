"""The importer's one error: a source that cannot be read, named in a single line."""

from __future__ import annotations

from playlister.errors import PlaylisterError


class SourceError(PlaylisterError):
    """A SOURCE for ``playlister import`` is missing, unreadable, too big or not text.

    ``str(exc)`` is one line that starts with the source, e.g.
    ``notes.txt: no such file.`` or ``https://example.org/a: timed out after 10 s.``
    """

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.detail = message
        super().__init__(f"{source}: {message}")
