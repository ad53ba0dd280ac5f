"""Hourly counters in the shared cache, for limits on what one source does."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.utils import timezone

HOUR = 3600


def hourly_count_within(
    scope: str, source: str, limit: int, *, now: datetime.datetime | None = None
) -> bool:
    """Count one more use by ``source`` this clock hour; False once over ``limit``.

    ``source`` should already be a hash: the cache is no place for an
    address or a name.
    """
    now = now or timezone.now()
    key = f"ratelimit:{scope}:{source}:{now:%Y%m%d%H}"
    cache.add(key, 0, timeout=HOUR)
    try:
        used = cache.incr(key)
    except ValueError:
        # Evicted between add and incr: this is the first use again.
        cache.set(key, 1, timeout=HOUR)
        used = 1
    return used <= limit
