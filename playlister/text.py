"""Text folding shared by the loader, the matcher and the notes: one notion of "the same text".

The bottom of the package (nothing of playlister's below it): the tracklist's duplicate check
and the matcher's comparison keys (``playlister.match.text``) fold alike. The words that
mark a guest in an artist credit are spelled here once, for every pattern built on them.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})
SPACE = re.compile(r"\s+")
# "A feat. B", "A ft B", "A featuring B": a guest follows.
FEAT = r"feat\.?|ft\.?|featuring"
# ... and the words that join a lead and a guest without saying "featuring".
GUEST = FEAT + r"|with|x|vs\.?"


def fold(text: str) -> str:
    """Case-fold, strip accents, straighten typographic quotes and collapse white space."""
    text = unicodedata.normalize("NFKD", text.translate(APOSTROPHES).translate(QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return SPACE.sub(" ", text.casefold()).strip()
