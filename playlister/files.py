"""Writing files safely: one atomic-write helper for the lockfile, the notes and token caches.

A crash never leaves a half-written file (write beside, fsync, rename over). Files made for
the user follow the umask like any editor's output; ``private`` files (token caches) are 0600.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    # os.umask can only be read by setting it; /proc tells without touching it.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, text: str, *, private: bool = False) -> None:
    """Replace ``path`` with ``text`` (UTF-8, ``\\n`` line ends) in one step.

    The temporary file is created 0600 (so a secret is never readable mid-write), then given
    the mode the umask implies unless ``private``.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            if not private:
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
