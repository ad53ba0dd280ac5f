"""Queries that read the cities data."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import ExtractYear

from .geography import normalise_name
from .models import City, Member, MemberStatus

MIN_QUERY_LENGTH = 2


def city_search(query: str, *, limit: int = 20) -> list[City]:
    """Return gazetteer cities with a name beginning with ``query``.

    Any spelling the gazetteer knows matches (alternate names, other
    languages and scripts), ignoring accents, case and punctuation; larger
    cities first.
    """
    if len(normalise_name(query)) < MIN_QUERY_LENGTH:
        return []
    return list(cities_named(query).select_related("membership")[:limit])


def cities_named(query: str, cities: QuerySet[City] | None = None) -> QuerySet[City]:
    """Return the cities any of whose names begins with ``query``.

    A city called exactly that comes first, then larger ones first. Accents,
    case and punctuation are ignored (``normalise_name``); the public finder
    and the admin's city chooser both search this way.
    """
    cities = City.objects.all() if cities is None else cities
    name = normalise_name(query)
    # A city called exactly that comes before larger ones whose names only
    # begin so: "Porto" finds Porto before Porto Alegre.
    exact = Case(
        When(search_names__contains=f"|{name}|", then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        cities.filter(search_names__contains=f"|{name}")
        .alias(exact=exact)
        .order_by("exact", "-population", "name")
    )


def member_list(
    *,
    country: str | None = None,
    region: str | None = None,
    year: int | None = None,
    include_former: bool = False,
) -> QuerySet[Member]:
    """Return member cities, optionally filtered, in order of joining."""
    members = Member.objects.select_related("city").order_by("joined_on", "city__name")
    if not include_former:
        members = members.filter(status=MemberStatus.ACTIVE)
    if country:
        members = members.filter(city__country_code=country)
    if region:
        members = members.filter(city__region_code=region)
    if year:
        members = members.filter(joined_on__year=year)
    return members


def member_facets() -> dict[str, list]:
    """Return the countries, regions and years that current members span."""
    active = Member.objects.filter(status=MemberStatus.ACTIVE)
    return {
        "countries": sorted(set(active.values_list("city__country_code", flat=True))),
        "regions": sorted(set(active.values_list("city__region_code", flat=True))),
        "years": sorted(
            set(
                active.annotate(year=ExtractYear("joined_on")).values_list(
                    "year", flat=True
                )
            )
        ),
    }


def member_count() -> int:
    """Return the number of current member cities."""
    return Member.objects.filter(status=MemberStatus.ACTIVE).count()
