"""Queries that read endorsements."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncHour

from digitalrights.cities.models import City
from digitalrights.core import local

from .models import (
    CityResponse,
    CityTally,
    Endorsement,
    EndorsementSettings,
    parse_milestones,
)

RULES_KEY = "endorsements:rules"
RULES_LOCAL_SECONDS = 5


@dataclass(frozen=True)
class Limits:
    """How many endorsements an hour one source may make."""

    per_network: int
    per_address: int
    per_network_without_proof: int


@dataclass(frozen=True)
class Rules:
    """What the secretariat set in Settings → Endorse my city."""

    limits: Limits
    milestones: tuple[int, ...]


@local.memo(seconds=RULES_LOCAL_SECONDS)
def endorsement_rules() -> Rules:
    """Return the secretariat's rules, read from the database once a minute.

    Each process keeps them a few seconds more in its own memory, which
    spares a signature a round trip to the cache. Saving the settings
    forgets them (apps.py): in the process that saved at once, in the
    others within RULES_LOCAL_SECONDS.
    """

    def read() -> Rules:
        saved = EndorsementSettings.load()
        return Rules(
            limits=Limits(
                per_network=saved.per_network_per_hour,
                per_address=saved.per_address_per_hour,
                per_network_without_proof=saved.per_network_without_proof_per_hour,
            ),
            milestones=tuple(parse_milestones(saved.milestones)),
        )

    return cache.get_or_set(RULES_KEY, read, timeout=60)


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


def city_endorsements(city: City) -> CityEndorsements:
    """Return the verified count, milestone progress and standing of a city."""
    tally = CityTally.objects.filter(city=city).values_list("verified", flat=True)
    verified = next(iter(tally), 0)
    milestones = endorsement_rules().milestones
    passed = [m for m in milestones if m <= verified]
    upcoming = [m for m in milestones if m > verified]
    response = CityResponse.objects.filter(city=city, published=True).first()
    if city.is_member:
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


def endorsement_counts() -> list[dict]:
    """Return every city with confirmed endorsements and its count, highest first.

    These are public data: the same figures as on the city pages, which
    anyone can check against the published method (one per confirmed
    address and city).
    """
    rows = (
        CityTally.objects.filter(verified__gt=0)
        .select_related("city__membership")
        .order_by("-verified", "city__name")
    )
    return [
        {
            "geonameid": tally.city.geonameid,
            "city": tally.city.name,
            "country": tally.city.country_code,
            "member": tally.city.is_member,
            "confirmed_endorsements": tally.verified,
            "updated_at": tally.updated_at,
            "url": tally.city.get_absolute_url(),
        }
        for tally in rows
    ]


@dataclass(frozen=True)
class EndorsementFilter:
    """Which endorsements the secretariat looks at, or would invalidate."""

    city_id: int | None = None
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None
    email_domain: str = ""
    network_hash: str = ""
    name_contains: str = ""
    status: str = ""

    def as_dict(self) -> dict:
        return {
            key: value.isoformat() if isinstance(value, datetime.datetime) else value
            for key, value in vars(self).items()
            if value not in (None, "")
        }

    @classmethod
    def from_dict(cls, data: dict) -> EndorsementFilter:
        values = dict(data)
        for key in ("since", "until"):
            if values.get(key):
                values[key] = datetime.datetime.fromisoformat(values[key])
        return cls(**values)


def endorsement_filter(rules: EndorsementFilter):
    """Return the endorsements a filter matches."""
    rows = Endorsement.objects.all()
    if rules.city_id:
        rows = rows.filter(city_id=rules.city_id)
    if rules.since:
        rows = rows.filter(created_at__gte=rules.since)
    if rules.until:
        rows = rows.filter(created_at__lt=rules.until)
    if rules.email_domain:
        rows = rows.filter(email_domain=rules.email_domain.lower())
    if rules.network_hash:
        rows = rows.filter(network_hash=rules.network_hash)
    if rules.name_contains:
        rows = rows.filter(name__icontains=rules.name_contains)
    if rules.status:
        rows = rows.filter(status=rules.status)
    return rows


@dataclass(frozen=True)
class IntegrityReport:
    """What the secretariat watches: volumes, sources, and alerts."""

    by_status: dict[str, int]
    per_hour: list[tuple[datetime.datetime, int]]
    top_domains: list[tuple[str, int]]
    top_networks: list[tuple[str, int]]
    alerts: list[tuple[str, str, int]]


def _top(
    rows, field: str, *, limit: int | None = 10, above: int = 0
) -> list[tuple[str, int]]:
    """Return the most frequent values of a field (seen more than ``above``)."""
    counted = (
        rows.order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
        .filter(n__gt=above)
        .values_list(field, "n")
        .order_by("-n", field)
    )
    return list(counted[:limit] if limit else counted)


def endorsement_integrity(
    rules: EndorsementFilter, *, now: datetime.datetime, alert_per_hour: int
) -> IntegrityReport:
    """Return counts by status, per hour, by source, and the sources over the alert."""
    rows = endorsement_filter(rules)
    by_status = dict(
        rows.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    per_hour = list(
        rows.order_by()
        .annotate(hour=TruncHour("created_at"))
        .values_list("hour")
        .annotate(n=Count("pk"))
        .values_list("hour", "n")
        .order_by("-hour")[:48]
    )
    top_domains = _top(rows, "email_domain")
    top_networks = _top(rows, "network_hash")
    last_hour = Endorsement.objects.filter(
        created_at__gte=now - datetime.timedelta(hours=1)
    )
    alerts = [
        (kind, source, n)
        for kind, field in (("domain", "email_domain"), ("network", "network_hash"))
        for source, n in _top(last_hour, field, limit=None, above=alert_per_hour)
    ]
    return IntegrityReport(by_status, per_hour, top_domains, top_networks, alerts)
