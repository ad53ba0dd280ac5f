import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from digitalrights.core.ratelimit import (
    Once,
    hourly_count_within,
    hourly_counts,
    redis_client,
)


def test_a_source_is_counted_per_hour_and_stopped_over_the_limit():
    now = timezone.now().replace(minute=10)
    assert hourly_count_within("test", "abc", 2, now=now)
    assert hourly_count_within("test", "abc", 2, now=now)
    assert not hourly_count_within("test", "abc", 2, now=now)
    assert hourly_count_within("test", "other", 2, now=now)
    assert hourly_count_within("test", "abc", 2, now=now + datetime.timedelta(hours=1))


def test_a_counter_evicted_mid_count_starts_again_rather_than_failing(monkeypatch):
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: True)
    assert hourly_count_within("test", "evicted", 1)


def test_several_sources_and_a_one_time_key_are_counted_together():
    now = timezone.now()
    once = Once("test:token", 60)
    counts, first = hourly_counts([("a", "x"), ("b", "x")], once=once, now=now)
    assert (counts, first) == ([1, 1], True)
    counts, first = hourly_counts([("a", "x"), ("b", "y")], once=once, now=now)
    assert (counts, first) == ([2, 1], False)
    assert hourly_counts([("a", "x")], now=now) == ([3], True)


def test_redis_counters_expire_with_their_hour():
    client = redis_client()
    if client is None:
        pytest.skip("needs Redis (REDIS_URL)")
    now = timezone.now()
    hourly_counts([("ttl", "x")], once=Once("test:ttl-token", 30), now=now)
    counter = cache.make_and_validate_key(f"ratelimit:ttl:x:{now:%Y%m%d%H}")
    assert 3500 < client.ttl(counter) <= 3600
    assert 0 < client.ttl(cache.make_and_validate_key("test:ttl-token")) <= 30
