"""Text from elsewhere (Spotify's catalog, an article, a server's error) made safe to print.

A catalog title can hold escape sequences: printed raw they move the cursor, clear the screen
or retitle the window. ``printable`` removes every control character (C0 but newline and tab,
DEL, C1) and the bidirectional overrides that reorder what a line appears to say; a tab or a
line break inside one field becomes a space with ``one_line``.
"""

from __future__ import annotations

import re

# C0 but \t and \n, DEL, C1, and the bidi embeddings/overrides/isolates (U+202A-E, U+2066-9).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# What json.dumps(ensure_ascii=False) leaves raw and a terminal may still act on.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` without control characters (newlines and tabs kept)."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """One field's text for a table cell or a message: line breaks and tabs become a space."""
    return printable(_BREAKS.sub(" ", text))


def json_safe(document: str) -> str:
    """A JSON document with the characters JSON may carry raw escaped as ``\\uXXXX``."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``1 song``, ``2 songs``, ``0 entries`` (``plural`` when adding an s is wrong)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
