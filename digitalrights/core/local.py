"""What one process keeps in its own memory for a few seconds.

The shared cache costs a network round trip; some answers can be a few
seconds old in each process instead (the rules the secretariat sets, the
city a form is for), and some work needs doing at most once a second per
process. Tests call ``forget()`` so that nothing leaks from one to the next.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from cachetools.func import ttl_cache

_forgetters: list[Callable[[], None]] = []


def memo(seconds: float, maxsize: int = 256):
    """Keep a function's answers, per arguments, for ``seconds`` in this process.

    Exceptions are not kept: a call that raises is made again next time.
    """

    def decorate(function):
        kept = ttl_cache(maxsize=maxsize, ttl=seconds)(function)
        _forgetters.append(kept.cache_clear)
        return kept

    return decorate


class Throttle:
    """Say yes at most once every ``seconds`` in this process."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._last = float("-inf")
        self._lock = threading.Lock()
        _forgetters.append(self.reset)

    def ready(self) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.seconds:
                return False
            self._last = now
            return True

    def reset(self) -> None:
        with self._lock:
            self._last = float("-inf")


def on_forget(forgetter: Callable[[], None]) -> None:
    """Call ``forgetter`` whenever ``forget()`` is: for a store of one's own."""
    _forgetters.append(forgetter)


def forget() -> None:
    """Forget everything kept by ``memo`` and every ``Throttle``."""
    for forgetter in _forgetters:
        forgetter()
