import datetime
import re
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from digitalrights.workinggroups.times import (
    instant_of_wall_clock,
    wall_clock_of_instant,
)

UTC = datetime.UTC


def _wall(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("wall_clock", "zone", "instant"),
    [
        ("2030-02-12 10:00", "Europe/Amsterdam", "2030-02-12 09:00"),
        ("2030-07-01 10:00", "Europe/Amsterdam", "2030-07-01 08:00"),
        ("2030-07-01 10:00", "America/Toronto", "2030-07-01 14:00"),
        ("2030-07-01 10:00", "Asia/Kolkata", "2030-07-01 04:30"),
        # The minute before the clocks go forward, and the one they land on.
        ("2030-03-31 01:59", "Europe/Amsterdam", "2030-03-31 00:59"),
        ("2030-03-31 03:00", "Europe/Amsterdam", "2030-03-31 01:00"),
        # Skipped in New York that night, not in Amsterdam.
        ("2030-03-10 02:30", "Europe/Amsterdam", "2030-03-10 01:30"),
    ],
)
def test_wall_clock_is_read_in_the_meeting_time_zone(wall_clock, zone, instant):
    expected = _wall(instant).replace(tzinfo=UTC)
    assert instant_of_wall_clock(_wall(wall_clock), zone) == expected
    assert wall_clock_of_instant(expected, zone) == _wall(wall_clock)


@pytest.mark.parametrize(
    ("wall_clock", "zone"),
    [
        ("2030-10-27 02:30", "Europe/Amsterdam"),
        ("2030-10-27 02:00", "Europe/Amsterdam"),
        ("2030-11-03 01:15", "America/New_York"),
        # Lord Howe Island puts its clocks back half an hour.
        ("2030-04-07 01:45", "Australia/Lord_Howe"),
    ],
)
def test_time_read_twice_is_refused_naming_time_and_zone(wall_clock, zone):
    message = f"{wall_clock} happens twice in {zone}"
    with pytest.raises(ValidationError, match=re.escape(message)) as error:
        instant_of_wall_clock(_wall(wall_clock), zone)
    assert error.value.code == "ambiguous_time"


@pytest.mark.parametrize(
    ("wall_clock", "zone"),
    [
        ("2030-03-31 02:00", "Europe/Amsterdam"),
        ("2030-03-31 02:30", "Europe/Amsterdam"),
        ("2030-03-10 02:30", "America/New_York"),
        # Samoa skipped 30 December 2011 altogether.
        ("2011-12-30 12:00", "Pacific/Apia"),
    ],
)
def test_time_the_clocks_skip_is_refused_naming_time_and_zone(wall_clock, zone):
    message = f"{wall_clock} does not exist in {zone}"
    with pytest.raises(ValidationError, match=re.escape(message)) as error:
        instant_of_wall_clock(_wall(wall_clock), zone)
    assert error.value.code == "nonexistent_time"


@pytest.mark.parametrize("wall_clock", ["0001-01-01 00:00", "9999-12-31 23:59"])
def test_absurd_years_are_refused(wall_clock):
    with pytest.raises(
        ValidationError,
        match=re.escape("A meeting must take place between the years 2000 and 2100."),
    ):
        instant_of_wall_clock(_wall(wall_clock), "Pacific/Kiritimati")


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", ""])
def test_unknown_time_zone_is_refused(zone):
    with pytest.raises(ValidationError, match="is not a time zone"):
        instant_of_wall_clock(_wall("2030-02-12 10:00"), zone)


@given(
    wall_clock=st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),
        max_value=datetime.datetime(2100, 12, 31, 23, 59),
    ),
    zone=st.sampled_from(sorted(zoneinfo.available_timezones())),
)
def test_every_time_is_either_read_back_as_typed_or_refused(wall_clock, zone):
    try:
        instant = instant_of_wall_clock(wall_clock, zone)
    except ValidationError as error:
        assert error.code in {"ambiguous_time", "nonexistent_time"}
        return
    assert instant.utcoffset() == datetime.timedelta(0)
    assert wall_clock_of_instant(instant, zone) == wall_clock
