import time

import pytest

from digitalrights.core import local


def test_a_memo_keeps_answers_per_argument_until_forgotten():
    calls = []

    @local.memo(seconds=60)
    def double(number):
        calls.append(number)
        return number * 2

    assert [double(2), double(2), double(3)] == [4, 4, 6]
    assert calls == [2, 3]
    local.forget()
    assert double(2) == 4
    assert calls == [2, 3, 2]


def test_a_memo_does_not_keep_an_exception():
    calls = []

    @local.memo(seconds=60)
    def fails_once():
        calls.append(1)
        if len(calls) == 1:
            raise LookupError
        return "found"

    with pytest.raises(LookupError):
        fails_once()
    assert fails_once() == "found"


def test_a_throttle_says_yes_once_per_period():
    throttle = local.Throttle(seconds=0.05)
    assert throttle.ready()
    assert not throttle.ready()
    time.sleep(0.06)
    assert throttle.ready()
    throttle.reset()
    assert throttle.ready()
