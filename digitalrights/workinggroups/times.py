"""A meeting's times as read on the clocks of its own time zone.

A meeting is kept as an instant (UTC) and typed and shown as its place reads
it. Twice a year, in zones with summer time, the clocks skip an hour (a time
that never happens) or repeat one (a time that happens twice); such a time
does not say when the meeting is, so it is refused rather than guessed.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Far enough for any real meeting, past or to come; near enough that every
# instant can be written in any zone and stored by every database.
FIRST_YEAR = 2000
LAST_YEAR = 2100

# How a time is named in a message: as the admin's date picker writes it.
TIME_FORMAT = "%Y-%m-%d %H:%M"


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """Return the IANA time zone ``name``, or raise ValidationError."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone. Choose one from the list, such "
                "as Europe/Madrid."
            ),
            code="unknown_time_zone",
            params={"value": name},
        ) from None


def instant_of_wall_clock(wall_clock: datetime, time_zone: str) -> datetime:
    """Return the instant, in UTC, when clocks in ``time_zone`` read ``wall_clock``.

    Raise ValidationError, naming the time and the zone, if the clocks never
    read it (they go forward past it), read it twice (they go back over it),
    or if it is outside the years a meeting may take place in.
    """
    if wall_clock.tzinfo is not None:
        raise ValueError("A wall-clock time has no time zone of its own.")
    zone = zone_named(time_zone)
    params = {"time": wall_clock.strftime(TIME_FORMAT), "zone": time_zone}
    if not FIRST_YEAR <= wall_clock.year <= LAST_YEAR:
        raise ValidationError(
            _("A meeting must take place between the years %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    # The instants the clocks read this time at: fold 0 is the first reading,
    # fold 1 the second, where the clocks go back.
    instants = set()
    for fold in (0, 1):
        candidate = wall_clock.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if candidate.astimezone(zone).replace(tzinfo=None, fold=0) == wall_clock:
            instants.add(candidate)
    if not instants:
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks skip it when "
                "they go forward. Choose another time."
            ),
            code="nonexistent_time",
            params=params,
        )
    if len(instants) > 1:
        raise ValidationError(
            _(
                "%(time)s happens twice in %(zone)s: the clocks pass it twice "
                "when they go back. Choose another time."
            ),
            code="ambiguous_time",
            params=params,
        )
    return instants.pop()


def wall_clock_of_instant(instant: datetime, time_zone: str) -> datetime:
    """Return what clocks in ``time_zone`` read at ``instant``, without a zone."""
    try:
        zone = zone_named(time_zone)
    except ValidationError:
        zone = zoneinfo.ZoneInfo("UTC")
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)
