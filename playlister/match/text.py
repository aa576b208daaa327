"""The matcher's comparison keys, built on ``playlister.text.fold``.

``key`` and ``artist_key`` turn titles and artist names as people write them and as Spotify
spells them into comparable keys. (``fold`` is re-exported for the matcher's modules.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from playlister.text import FEAT, GUEST
from playlister.text import fold as fold

# --- comparison keys -------------------------------------------------------------------------

# "rock'n'roll", "rock 'n' roll", "rock 'n roll", "guns n' roses": the 'n' between two words.
_N_JOINED = re.compile(r"(?<=\w)\s*'n'\s*(?=\w)")
_N_LOOSE = re.compile(r"(?<=\s)(?:'n'?|n')(?=\s)")
_NON_WORD = re.compile(r"[^\w]+")
_FEAT_TAIL = re.compile(rf"\s(?:{FEAT})\s.*$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A comparison key: folded, '&' / "and" / 'n' unified, punctuation dropped, no leading "the".

    "Guns N' Roses", "Guns N Roses" and "guns and roses" share a key, as do "Rock'n'Roll" and
    "Rock 'N' Roll", "The Sex Pistols" and "Sex Pistols", "Don’t Cry" and "Dont Cry".
    """
    s = fold(text)
    s = _N_JOINED.sub(" and ", s)
    s = _N_LOOSE.sub(" and ", f" {s} ")
    s = s.replace("&", " and ").replace(" + ", " and ").replace("'", "").replace(".", "")
    words = _NON_WORD.sub(" ", s).replace("_", " ").split()
    words = ["and" if w == "n" and 0 < i < len(words) - 1 else w for i, w in enumerate(words)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words) or s.replace(" ", "")  # "$$$" is a title too


def artist_key(text: str) -> str:
    """``key`` of an artist credit without its "feat. X" tail."""
    return key(_FEAT_TAIL.sub("", fold(text)))


_CREDIT_SPLIT = re.compile(rf"\s(?:{GUEST})\s", re.IGNORECASE)
GUEST_WORD = re.compile(rf"(?:{GUEST})", re.IGNORECASE)  # fullmatch: a word marking a guest


def primary_artist(text: str) -> str:
    """The lead artist of a credit such as "Calvin Harris feat. Dua Lipa" ("Calvin Harris").

    Only explicit guest markers split a credit: "Simon & Garfunkel" stays whole.
    """
    return _CREDIT_SPLIT.split(text, maxsplit=1)[0].strip()
