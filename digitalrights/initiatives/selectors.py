"""Queries of initiatives, and the permission checks officials pass."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils.translation import gettext as _

from digitalrights.cities.models import City, MemberStatus
from digitalrights.core.models import Topic
from digitalrights.membership.selectors import (
    cities_represented_by,
    city_access_for_official,
    second_factor_check,
)

from .models import (
    Initiative,
    InitiativeEvent,
    InitiativeImage,
    KeptPicture,
    ModerationState,
)

FEED_LENGTH = 50
# Renditions the pages show; made when a picture is added, so that showing
# a page never writes to the database.
RENDITION_LARGE = "max-800x600|format-webp|webpquality-75"
RENDITION_THUMBNAIL = "max-240x180|format-webp|webpquality-75"
RENDITIONS = (RENDITION_LARGE, RENDITION_THUMBNAIL)


def _not_yours() -> PermissionDenied:
    return PermissionDenied(
        _("This initiative is not one of your cities', or does not exist.")
    )


def member_check(city: City) -> None:
    """Raise PermissionDenied unless ``city`` belongs to the coalition now."""
    if not city.is_member:
        raise PermissionDenied(
            _(
                "Only member cities of the coalition share initiatives here."
                " %(city)s is not a member now."
            )
            % {"city": city.name}
        )


def city_access_for_initiatives(
    *, user: AbstractBaseUser | AnonymousUser, geonameid: int
) -> City:
    """Return the city if ``user`` may propose initiatives for it, or raise.

    The person must be signed in with a second factor and confirmed as the
    city's official (membership's one check), and the city a member now.
    """
    city = city_access_for_official(user=user, geonameid=geonameid)
    member_check(city)
    return city


def initiative_access_for_official(
    *,
    user: AbstractBaseUser | AnonymousUser,
    initiative_id: int,
    lock: bool = False,
) -> Initiative:
    """Return an initiative of a member city ``user`` represents, or raise.

    PermissionDenied with one message whether it exists or not; with
    ``lock``, the row stays locked until the surrounding transaction ends.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to act for a city."))
    second_factor_check(user)
    initiatives = Initiative.objects.select_related("city", "city__membership")
    if lock:
        initiatives = initiatives.select_for_update(of=("self",))
    initiative = initiatives.filter(pk=initiative_id).first()
    if initiative is None:
        raise _not_yours()
    try:
        city_access_for_official(user=user, geonameid=initiative.city.geonameid)
    except PermissionDenied:
        raise _not_yours() from None
    member_check(initiative.city)
    return initiative


def kept_pictures_of(
    *, user: AbstractBaseUser | AnonymousUser, tokens: list[str]
) -> dict[str, KeptPicture]:
    """Return the pictures kept for ``user`` among ``tokens``, by token.

    Anything else sent as a token (another person's, an expired one, or not
    a token at all) is simply not found.
    """
    wanted = set()
    for token in tokens:
        try:
            wanted.add(uuid.UUID(str(token)))
        except ValueError:
            continue
    if not wanted or not user.is_authenticated:
        return {}
    return {
        str(kept.token): kept
        for kept in KeptPicture.objects.filter(user_id=user.pk, token__in=wanted)
    }


def member_cities_of_official(user: AbstractBaseUser) -> QuerySet[City]:
    """Return the member cities ``user`` may propose initiatives for."""
    return (
        cities_represented_by(user)
        .filter(membership__status=MemberStatus.ACTIVE)
        .order_by("name")
    )


def initiatives_for_officials(cities: list[City]) -> dict[int, list[Initiative]]:
    """Return every initiative of ``cities``, in any state, by city id."""
    found: dict[int, list[Initiative]] = {city.pk: [] for city in cities}
    for initiative in Initiative.objects.filter(city__in=cities).order_by(
        "city_id", "-updated_at", "-pk"
    ):
        found[initiative.city_id].append(initiative)
    return found


def topics_all() -> QuerySet[Topic]:
    """Return the managed vocabulary of topics, with their translated names."""
    return Topic.objects.prefetch_related("names")


def _images() -> Prefetch:
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(*RENDITIONS)
    return Prefetch(
        "images",
        queryset=InitiativeImage.objects.prefetch_related(
            Prefetch("image", queryset=images)
        ),
    )


def with_everything(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Load what a full page of an initiative shows, in a fixed few queries."""
    return initiatives.select_related("city", "city__membership").prefetch_related(
        "principles",
        Prefetch("topics", queryset=topics_all()),
        "links",
        _images(),
    )


def initiative_page_for_official(
    *, user: AbstractBaseUser | AnonymousUser, initiative_id: int
) -> Initiative:
    """Return what the official's page of an initiative shows, or raise.

    The same check as ``initiative_access_for_official``; then everything
    the page shows, in a fixed few queries however rich the initiative.
    """
    initiative = initiative_access_for_official(user=user, initiative_id=initiative_id)
    prefetch_related_objects(
        [initiative],
        "principles",
        Prefetch("topics", queryset=topics_all()),
        "links",
        _images(),
    )
    return initiative


def initiative_published_get(*, pk: int) -> Initiative | None:
    """Return the published initiative ``pk`` with all it shows, else None."""
    return with_everything(Initiative.objects.published()).filter(pk=pk).first()


def initiatives_published_of_city(city: City) -> list[Initiative]:
    """Return what the city page lists: its published initiatives, newest first.

    One query, however many there are.
    """
    return list(
        Initiative.objects.published()
        .filter(city=city)
        .only("pk", "slug", "title", "summary", "status", "language", "published_at")
        .order_by("-published_at", "-pk")
    )


def initiatives_feed(
    *, principle: int | None = None, city: City | None = None
) -> list[Initiative]:
    """Return the latest published initiatives for a feed (FEED_LENGTH at most)."""
    initiatives = Initiative.objects.published()
    if principle is not None:
        initiatives = initiatives.filter(principles=principle)
    if city is not None:
        initiatives = initiatives.filter(city=city)
    return list(
        initiatives.select_related("city", "city__membership")
        .prefetch_related("principles", Prefetch("topics", queryset=topics_all()))
        .order_by("-published_at", "-pk")[:FEED_LENGTH]
    )


def initiative_history(initiative: Initiative) -> QuerySet[InitiativeEvent]:
    return initiative.events.select_related("actor").order_by("at", "pk")


def moderation_queue(
    *, state: str = "", city_id: int | None = None, principle: int | None = None
) -> QuerySet[Initiative]:
    """Return initiatives for the secretariat: those waiting first, oldest first.

    Drafts are the city's own business and never listed.
    """
    initiatives = Initiative.objects.exclude(state=ModerationState.DRAFT)
    if state:
        initiatives = initiatives.filter(state=state)
    if city_id:
        initiatives = initiatives.filter(city_id=city_id)
    if principle:
        initiatives = initiatives.filter(principles=principle)
    return (
        initiatives.select_related("city")
        .annotate(
            waiting=Case(
                When(state=ModerationState.SUBMITTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "submitted_at", "-updated_at", "pk")
    )


def moderation_waiting_count() -> int:
    return Initiative.objects.filter(state=ModerationState.SUBMITTED).count()


def cities_with_initiatives() -> QuerySet[City]:
    """Return the cities that have any initiative beyond a draft, by name."""
    shown = Initiative.objects.exclude(state=ModerationState.DRAFT)
    return City.objects.filter(pk__in=shown.values("city_id")).order_by("name")
