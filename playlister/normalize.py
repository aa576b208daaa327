"""Text folding shared by the loader (duplicate detection) and the matcher."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-fold, strip accents, straighten typographic quotes and collapse white space."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE.sub(" ", text.casefold()).strip()
