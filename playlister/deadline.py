"""An overall deadline for one blocking call (a whole HTTP exchange), standard library only.

Socket timeouts bound each read, not the exchange: a server that sends one byte every few
seconds, or drips its headers, keeps a request alive for ever. ``run_within`` runs the call on
a daemon thread and stops waiting for it at the deadline. The abandoned thread ends when its
own socket timeout fires; a process never waits for it at exit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    """The call was not finished within its deadline."""


def run_within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``'s result (or its exception), or DeadlineExceeded after ``seconds``.

    A signal still reaches the waiting (main) thread at once.
    """
    done = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the waiting thread, re-raised there
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name="playlister-request", daemon=True).start()
    if not done.wait(max(0.0, seconds)):
        raise DeadlineExceeded(f"not finished within {seconds:g} s")
    if failure:
        raise failure[0]
    return outcome[0]
