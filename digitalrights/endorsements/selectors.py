"""Queries that read endorsements."""

from __future__ import annotations

from dataclasses import dataclass

from digitalrights.cities.models import City

from .models import CityResponse, CityTally, EndorsementSettings, parse_milestones


@dataclass(frozen=True)
class CityEndorsements:
    """What a city page shows of its residents' endorsements."""

    verified: int
    next_milestone: int | None
    # The milestone passed last, from which progress to the next is shown.
    previous_milestone: int
    standing: str  # "joined", "responded" or "waiting"
    response: CityResponse | None

    @property
    def progress_percent(self) -> int:
        if self.next_milestone is None:
            return 100
        span = self.next_milestone - self.previous_milestone
        return int(100 * (self.verified - self.previous_milestone) / span)


def city_endorsements(city: City, *, is_member: bool) -> CityEndorsements:
    """Return the verified count, milestone progress and standing of a city."""
    tally = CityTally.objects.filter(city=city).values_list("verified", flat=True)
    verified = next(iter(tally), 0)
    milestones = parse_milestones(EndorsementSettings.load().milestones)
    passed = [m for m in milestones if m <= verified]
    upcoming = [m for m in milestones if m > verified]
    response = CityResponse.objects.filter(city=city, published=True).first()
    if is_member:
        standing = "joined"
    elif response is not None:
        standing = "responded"
    else:
        standing = "waiting"
    return CityEndorsements(
        verified=verified,
        next_milestone=upcoming[0] if upcoming else None,
        previous_milestone=passed[-1] if passed else 0,
        standing=standing,
        response=response,
    )
