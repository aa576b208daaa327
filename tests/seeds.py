"""Where the seed articles are: the shared folder beside the repository (as laid out for CI
and for developers), or ``$PLAYLISTER_SEEDS``. They are other people's articles, so they are
read from there, never copied into the repository; tests that need them skip without them."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("PLAYLISTER_SEEDS", ROOT.parent / "shared" / "seeds"))
