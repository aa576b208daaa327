"""The requests session every Spotify call goes through: no retries, one deadline per request.

``timeout`` (seconds) bounds the whole exchange, connecting, sending and reading the complete
answer, not each read: a server that drips its answer fails the request on time. Every request
sent is reported to ``on_send`` (its method), so callers can count reads and writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from playlister.deadline import DeadlineExceeded, run_within


class RequestDeadline(requests.Timeout):
    """No complete answer within the request's deadline."""


class Session(requests.Session):
    """A requests session without retries whose requests each end within ``timeout`` s."""

    def __init__(self, timeout: float, on_send: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.timeout = timeout
        self._on_send = on_send
        adapter = HTTPAdapter(max_retries=0)
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if self._on_send is not None:
            self._on_send(request.method or "GET")
        if kwargs.get("stream"):
            return super().send(request, **kwargs)
        # Each socket read also gets the deadline, so the abandoned thread ends soon after.
        kwargs["timeout"] = self.timeout
        try:
            return run_within(self.timeout, lambda: requests.Session.send(self, request, **kwargs))
        except DeadlineExceeded:
            raise RequestDeadline(
                f"no complete answer within {self.timeout:g} s", request=request
            ) from None
