"""Writing files safely: one atomic-write helper for the lockfile, the notes and token caches.

A crash never leaves a half-written file (write beside, fsync, rename over). Files made for
the user follow the umask like any editor's output; ``private`` files (token caches) are 0600.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

MAX_INPUT_BYTES = 20 * 1024 * 1024  # far past any real tracklist or lockfile


class NotAFileError(OSError):
    """The path is a FIFO, a device, a socket or a directory: reading it could block forever."""


class TooLargeError(OSError):
    """The file is larger than anything playlister writes or a person types."""


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

    A symlink is followed and its target replaced, so the link stays a link. An existing file
    keeps its mode (a 0600 lockfile stays 0600); a new one gets the mode the umask implies.
    A ``private`` file (a token cache) is 0600 whatever it was. The temporary file is created
    0600, so a secret is never readable mid-write. Anything but a regular file (a FIFO, a
    device, a folder) is refused with NotAFileError, never replaced.
    """
    target = Path(os.path.realpath(path))
    mode = _mode_to_keep(target)
    if private:
        mode = 0o600
    elif mode is None:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def check_writable_target(path: str | Path) -> None:
    """Raise NotAFileError unless ``path`` (links followed) is a regular file or not there yet."""
    _mode_to_keep(Path(os.path.realpath(path)))


def _mode_to_keep(target: Path) -> int | None:
    """The permission bits of the regular file at ``target``; None if there is none yet."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        )
        raise NotAFileError(errno.EINVAL, f"it is {kind}, not a regular file", str(target))
    return stat.S_IMODE(info.st_mode)


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def read_input(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Checked before reading, so a FIFO or a device is refused at once instead of blocking,
    and a huge file instead of being read whole. Opened without blocking, so a FIFO swapped
    in after the check cannot hang the open either.
    """
    path = Path(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(f"{path} is not a regular file")
        if info.st_size > limit:
            raise TooLargeError(f"{path} is {info.st_size} bytes")
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise TooLargeError(f"{path} is over {limit} bytes")
    return b"".join(chunks)
