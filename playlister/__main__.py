"""The ``playlister`` command's entry point (and ``python -m playlister``).

Ctrl-C or SIGTERM is handled from the first moment: while the CLI is still being imported
nothing has been read or written, so a signal then ends the process at once, quietly, with
the shell's usual status (130, 143) instead of a ``KeyboardInterrupt`` traceback from deep in
an import. The CLI installs its own handlers (which save what was done) before it runs.
"""

import os
import signal


def _stop_at_once(signum: int, frame: object) -> None:
    try:
        os.write(2, b"\nStopped.\n")
    finally:
        os._exit(128 + signum)


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGINT, _stop_at_once)
    signal.signal(signal.SIGTERM, _stop_at_once)
    from playlister.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
