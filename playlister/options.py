"""What the user asked of a command, built once by the CLI: plain data, cheap to import."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CreateOptions:
    """``playlister create``'s options.

    ``name`` and ``public`` override the tracklist's ``[playlist]`` settings; ``tags`` picks
    a subset, which gets its own playlist; ``cover`` is a JPEG to upload.
    """

    name: str | None = None
    public: bool | None = None
    tags: tuple[str, ...] = ()
    market: str | None = None
    prune: bool = False
    dry_run: bool = False
    cover: Path | None = None
