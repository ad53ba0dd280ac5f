"""Hourly counters in the shared cache, for limits on what one source does.

With Redis, every counter a request touches, and the one-time token it may
carry, are counted in one round trip (a pipeline of ``SET NX``, ``INCR`` and
``EXPIRE``): under a flood of requests, round trips, not arithmetic, are what
a limit costs. The local-memory cache of a laptop
counts them one after the other.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

HOUR = 3600


@dataclass(frozen=True)
class Once:
    """A key that may be claimed once, for ``seconds`` (a one-time token)."""

    key: str
    seconds: int


def hourly_counts(
    sources: Sequence[tuple[str, str]],
    *,
    once: Once | None = None,
    now: datetime.datetime | None = None,
) -> tuple[list[int], bool]:
    """Count one more use by each (scope, source) this clock hour.

    Return the counts, and whether ``once`` was claimed now for the first
    time (True when there is none), all in one round trip to Redis.
    ``source`` should already be a hash: the cache is no place for an
    address or a name.
    """
    now = now or timezone.now()
    keys = [f"ratelimit:{scope}:{source}:{now:%Y%m%d%H}" for scope, source in sources]
    client = redis_client()
    if client is None:
        first = once is None or cache.add(once.key, 1, timeout=once.seconds)
        return [_count_locally(key) for key in keys], first
    pipeline = client.pipeline(transaction=False)
    if once is not None:
        pipeline.set(
            cache.make_and_validate_key(once.key), 1, nx=True, ex=max(once.seconds, 1)
        )
    for key in keys:
        full_key = cache.make_and_validate_key(key)
        pipeline.incr(full_key)
        # Renewed at each use; the key names its hour, so it lives two at most.
        pipeline.expire(full_key, HOUR)
    replies = pipeline.execute()
    first = True
    if once is not None:
        first = bool(replies.pop(0))
    return [int(count) for count in replies[::2]], first


def hourly_count_within(
    scope: str, source: str, limit: int, *, now: datetime.datetime | None = None
) -> bool:
    """Count one more use by ``source`` this clock hour; False once over ``limit``."""
    counts, _first = hourly_counts([(scope, source)], now=now)
    return counts[0] <= limit


def redis_client():
    """Return this process's Redis client, or None when the cache is not Redis."""
    if not hasattr(cache, "client"):  # django-redis has one; local memory has not
        return None
    return cache.client.get_client(write=True)


def _count_locally(key: str) -> int:
    cache.add(key, 0, timeout=HOUR)
    try:
        return cache.incr(key)
    except ValueError:
        # Evicted between add and incr: this is the first use again.
        cache.set(key, 1, timeout=HOUR)
        return 1
