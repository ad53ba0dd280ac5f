import datetime

from django.core.cache import cache
from django.utils import timezone

from digitalrights.core.ratelimit import hourly_count_within


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
