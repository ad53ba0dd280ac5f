"""Queries of the algorithm register, and the checks officials pass."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from digitalrights.cities.geography import country_name
from digitalrights.cities.models import City, MemberStatus
from digitalrights.membership.selectors import (
    cities_represented_by,
    city_access_for_official,
    second_factor_check,
)

from .models import AlgorithmEntry, RiskLevel, SystemStatus

PAGE_SIZE = 20
# The facets of the public register, in the order the page shows them.
FACETS = ("city", "country", "status", "risk")
# What each facet filters on.
FACET_COLUMNS = {
    "city": "city__geonameid",
    "country": "country_code",
    "status": "status",
    "risk": "risk",
}


def _not_yours() -> PermissionDenied:
    return PermissionDenied(
        _("This register entry is not one of your cities', or does not exist.")
    )


def member_check(city: City) -> None:
    """Raise PermissionDenied unless ``city`` belongs to the coalition now."""
    if not city.is_member:
        raise PermissionDenied(
            _(
                "Only member cities of the coalition keep an algorithm register"
                " here. %(city)s is not a member now."
            )
            % {"city": city.name}
        )


def city_access_for_register(
    *, user: AbstractBaseUser | AnonymousUser, geonameid: int
) -> City:
    """Return the city if ``user`` may keep its register, or raise.

    Signed in with a second factor, confirmed as the city's official
    (membership's one check), and the city a member now: as for initiatives.
    """
    city = city_access_for_official(user=user, geonameid=geonameid)
    member_check(city)
    return city


def entry_access_for_official(
    *,
    user: AbstractBaseUser | AnonymousUser,
    entry_id: int,
    lock: bool = False,
) -> AlgorithmEntry:
    """Return an entry of a member city ``user`` represents, or raise.

    PermissionDenied with one message whether it exists or not, another when
    the city is no longer a member; with ``lock``, the row stays locked until
    the surrounding transaction ends.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to act for a city."))
    second_factor_check(user)
    entries = AlgorithmEntry.objects.select_related("city", "city__membership")
    if lock:
        entries = entries.select_for_update(of=("self",))
    entry = entries.filter(pk=entry_id).first()
    if entry is None:
        raise _not_yours()
    try:
        city_access_for_official(user=user, geonameid=entry.city.geonameid)
    except PermissionDenied:
        raise _not_yours() from None
    member_check(entry.city)
    return entry


def member_cities_of_official(user: AbstractBaseUser) -> QuerySet[City]:
    """Return the member cities whose register ``user`` keeps."""
    return (
        cities_represented_by(user)
        .filter(membership__status=MemberStatus.ACTIVE)
        .order_by("name")
    )


def entries_for_officials(cities: list[City]) -> dict[int, list[AlgorithmEntry]]:
    """Return every entry of ``cities``, drafts too, by city id."""
    found: dict[int, list[AlgorithmEntry]] = {city.pk: [] for city in cities}
    for entry in AlgorithmEntry.objects.filter(city__in=cities).order_by(
        "city_id", "-updated_at", "-pk"
    ):
        found[entry.city_id].append(entry)
    return found


def entry_published_get(*, pk: int) -> AlgorithmEntry | None:
    """Return the published entry ``pk`` with its city, or None."""
    return (
        AlgorithmEntry.objects.published()
        .select_related("city", "city__membership")
        .filter(pk=pk)
        .first()
    )


def entries_published_of_city(city: City) -> list[AlgorithmEntry]:
    """Return what the city page lists: its published entries. One query."""
    return list(
        AlgorithmEntry.objects.published()
        .filter(city=city)
        .only("pk", "slug", "title", "status", "risk", "language", "published_at")
        .order_by("title", "pk")
    )


# The public register ---------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


def _filtered(
    selected: dict[str, tuple[str, ...]], *, leave_out: str | None = None
) -> QuerySet[AlgorithmEntry]:
    """Return the published entries matching every chosen facet.

    Values of one facet widen the choice (any of them); facets narrow it
    (all of them).
    """
    entries = AlgorithmEntry.objects.published()
    for facet, values in selected.items():
        if facet != leave_out and values:
            entries = entries.filter(**{f"{FACET_COLUMNS[facet]}__in": values})
    return entries


def _counts(selected: dict[str, tuple[str, ...]], facet: str) -> Counter:
    column = FACET_COLUMNS[facet]
    rows = (
        _filtered(selected, leave_out=facet)
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
    )
    return Counter({str(row[column]): row["n"] for row in rows})


def register_facets(selected: dict[str, tuple[str, ...]]) -> list[Facet]:
    """Return each facet with its values and how many entries each would show.

    A value's count applies the other facets chosen, so that choosing it
    shows that many. Cities and countries are those with published entries
    (and any chosen), statuses and risks every one there is.
    """
    facets = []
    counts = _counts(selected, "city")
    chosen = set(selected.get("city", ()))
    cities = City.objects.filter(
        geonameid__in=[int(v) for v in {*counts, *chosen} if v.isdigit()]
    ).only("geonameid", "name", "country_code")
    facets.append(
        Facet(
            "city",
            _("City"),
            sorted(
                (
                    FacetValue(
                        str(city.geonameid),
                        city.name,
                        counts[str(city.geonameid)],
                        str(city.geonameid) in chosen,
                    )
                    for city in cities
                ),
                key=lambda value: value.label.casefold(),
            ),
        )
    )
    counts = _counts(selected, "country")
    chosen = set(selected.get("country", ()))
    facets.append(
        Facet(
            "country",
            _("Country"),
            sorted(
                (
                    FacetValue(code, country_name(code), counts[code], code in chosen)
                    for code in {*counts, *chosen}
                ),
                key=lambda value: value.label.casefold(),
            ),
        )
    )
    for key, label, choices in (
        ("status", _("Status"), SystemStatus.choices),
        ("risk", _("Risk category"), RiskLevel.choices),
    ):
        counts = _counts(selected, key)
        chosen = set(selected.get(key, ()))
        facets.append(
            Facet(
                key,
                label,
                [
                    FacetValue(value, str(name), counts[value], value in chosen)
                    for value, name in choices
                ],
            )
        )
    return facets


def register_entries(selected: dict[str, tuple[str, ...]]) -> QuerySet[AlgorithmEntry]:
    """Return the published entries matching the facets, newest first."""
    return (
        _filtered(selected)
        .select_related("city")
        .only(
            "pk",
            "slug",
            "title",
            "summary",
            "language",
            "status",
            "risk",
            "department",
            "published_at",
            "city__name",
            "city__country_code",
        )
        .order_by("-published_at", "-pk")
    )
