"""Queries of initiatives, and the permission checks officials pass."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils.translation import gettext as _

from digitalrights.cities.models import City, MemberStatus
from digitalrights.core.models import Principle, Topic
from digitalrights.membership.models import Representation
from digitalrights.membership.selectors import (
    cities_represented_by,
    city_access_for_official,
    second_factor_check,
)

from .models import (
    ChangeState,
    Initiative,
    InitiativeChange,
    InitiativeChangeImage,
    InitiativeEvent,
    InitiativeImage,
    InitiativeLink,
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

    PermissionDenied with one message whether it exists or not, and
    another when the city is no longer a member; with ``lock``, the row
    stays locked until the surrounding transaction ends.
    """
    initiative = _initiative_of_official(
        user=user, initiative_id=initiative_id, lock=lock
    )
    member_check(initiative.city)
    return initiative


def _initiative_of_official(
    *,
    user: AbstractBaseUser | AnonymousUser,
    initiative_id: int,
    lock: bool = False,
) -> Initiative:
    """Return an initiative of a city ``user`` represents, member or not."""
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


def former_member_cities_of_official(user: AbstractBaseUser) -> QuerySet[City]:
    """Return the cities ``user`` represents that have left the coalition."""
    return (
        cities_represented_by(user)
        .filter(membership__status=MemberStatus.FORMER)
        .order_by("name")
    )


def initiatives_for_officials(cities: list[City]) -> dict[int, list[Initiative]]:
    """Return every initiative of ``cities``, in any state, by city id.

    Each says whether a change to it waits (``change_state``).
    """
    found: dict[int, list[Initiative]] = {city.pk: [] for city in cities}
    for initiative in (
        Initiative.objects.filter(city__in=cities)
        .annotate(change_state=F("pending_change__state"))
        .order_by("city_id", "-updated_at", "-pk")
    ):
        found[initiative.city_id].append(initiative)
    return found


def topics_all() -> QuerySet[Topic]:
    """Return the managed vocabulary of topics, with their translated names."""
    return Topic.objects.prefetch_related("names")


def _images(model=InitiativeImage) -> Prefetch:
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(*RENDITIONS)
    return Prefetch(
        "images",
        queryset=model.objects.prefetch_related(Prefetch("image", queryset=images)),
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

    The same check as ``initiative_access_for_official``, except that a
    former member's initiatives are shown too (read-only: ``is_editable``
    and the others say no); then everything the page shows, in a fixed few
    queries however rich the initiative.
    """
    initiative = _initiative_of_official(user=user, initiative_id=initiative_id)
    prefetch_related_objects(
        [initiative],
        "principles",
        Prefetch("topics", queryset=topics_all()),
        "links",
        _images(),
    )
    return initiative


def initiative_change_get(initiative: Initiative) -> InitiativeChange | None:
    """Return the change waiting on ``initiative``, with its pictures, or None."""
    return (
        InitiativeChange.objects.filter(initiative_id=initiative.pk)
        .prefetch_related(_images(InitiativeChangeImage))
        .first()
    )


def change_preview(initiative: Initiative, change: InitiativeChange) -> Initiative:
    """Return ``initiative`` as it would be with ``change``, to show; never save it.

    It answers ``principles.all``, ``topics.all``, ``links.all`` and
    ``images.all`` like a loaded initiative, so the same templates show it.
    """
    from .services import TEXT_FIELDS, change_data

    data = change_data(change.content)
    preview = copy.copy(initiative)
    for name in TEXT_FIELDS:
        setattr(preview, name, getattr(data, name))
    topics = {topic.pk: topic for topic in topics_all().filter(pk__in=data.topics)}
    preview._prefetched_objects_cache = {
        "principles": list(Principle.objects.filter(number__in=data.principles)),
        "topics": [topics[pk] for pk in data.topics if pk in topics],
        "links": [
            InitiativeLink(url=link.url, label=link.label, position=position)
            for position, link in enumerate(data.links)
        ],
        "images": list(change.images.all()),
    }
    return preview


@dataclass
class FieldChange:
    """One field of an initiative, before and after a pending change."""

    label: str
    before: str
    after: str
    written: bool = False  # in the initiative's language, not the interface's


@dataclass
class PictureChange:
    """One picture a pending change adds, removes or describes again."""

    what: str  # "added", "removed" or "described"
    before: InitiativeImage | None
    after: InitiativeChangeImage | None


def change_differences(
    initiative: Initiative, preview: Initiative
) -> tuple[list[FieldChange], list[PictureChange]]:
    """Return what a pending change alters: fields, then pictures.

    ``initiative`` is the published version and ``preview`` the one from
    ``change_preview``, both loaded with their vocabulary, links and pictures.
    """

    def shown(obj: Initiative, name: str) -> str:
        if name == "principles":
            return "\n".join(p.label for p in obj.principles.all())
        if name == "topics":
            return "\n".join(t.label for t in obj.topics.all())
        if name == "links":
            return "\n".join(
                f"{link.label} – {link.url}" if link.label else link.url
                for link in obj.links.all()
            )
        if name == "status":
            return str(obj.get_status_display())
        if name == "language":
            return str(obj.get_language_display())
        value = getattr(obj, name)
        if value is None:
            return ""
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    names = [
        "title",
        "summary",
        "body",
        "language",
        "principles",
        "topics",
        "status",
        "started_on",
        "ended_on",
        "contact",
        "contact_email",
        "code_url",
        "licence",
        "links",
    ]
    labels = {
        "principles": _("Principles"),
        "topics": _("Topics"),
        "links": _("Links"),
    }
    fields = []
    for name in names:
        before, after = shown(initiative, name), shown(preview, name)
        if before != after:
            label = labels.get(name) or Initiative._meta.get_field(name).verbose_name
            fields.append(
                FieldChange(
                    str(label).capitalize(),
                    before,
                    after,
                    written=name in ("title", "summary", "body", "contact"),
                )
            )
    published = {picture.pk: picture for picture in initiative.images.all()}
    pictures = []
    for picture in preview.images.all():
        before = published.pop(picture.picture_id, None)
        if before is None:
            pictures.append(PictureChange("added", None, picture))
        elif (before.alt, before.caption) != (picture.alt, picture.caption):
            pictures.append(PictureChange("described", before, picture))
    pictures += [PictureChange("removed", p, None) for p in published.values()]
    return fields, pictures


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
    """Return the initiative's history, oldest first.

    Each entry carries ``actor_role``: the role its official gave when asking
    to represent the city, shown to the city's other officials instead of
    their address (review #15).
    """
    roles = (
        Representation.objects.filter(
            user_id=OuterRef("actor_id"), city_id=initiative.city_id
        )
        .order_by("-requested_at")
        .values("role")[:1]
    )
    return (
        initiative.events.select_related("actor")
        .annotate(actor_role=Subquery(roles))
        .order_by("at", "pk")
    )


def _waiting() -> Q:
    """Match initiatives the secretariat has to act on: sent, or a change waits."""
    return Q(state=ModerationState.SUBMITTED) | Q(
        state=ModerationState.PUBLISHED, pending_change__state=ChangeState.WAITING
    )


CHANGE_WAITING = "change_waiting"  # the queue's filter for waiting changes


def moderation_queue(
    *, state: str = "", city_id: int | None = None, principle: int | None = None
) -> QuerySet[Initiative]:
    """Return initiatives for the secretariat: those waiting first, oldest first.

    An initiative waits when it was sent, or when a change to it was
    (``state=CHANGE_WAITING`` lists those only). Drafts are the city's own
    business and never listed.
    """
    initiatives = Initiative.objects.exclude(state=ModerationState.DRAFT)
    if state == CHANGE_WAITING:
        initiatives = initiatives.filter(
            state=ModerationState.PUBLISHED,
            pending_change__state=ChangeState.WAITING,
        )
    elif state:
        initiatives = initiatives.filter(state=state)
    if city_id:
        initiatives = initiatives.filter(city_id=city_id)
    if principle:
        initiatives = initiatives.filter(principles=principle)
    return (
        initiatives.select_related("city")
        .annotate(
            waiting=Case(
                When(_waiting(), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            change_state=F("pending_change__state"),
            waiting_since=Case(
                When(
                    pending_change__state=ChangeState.WAITING,
                    then=F("pending_change__updated_at"),
                ),
                default=F("submitted_at"),
            ),
        )
        .order_by("waiting", "waiting_since", "-updated_at", "pk")
    )


def moderation_waiting_count() -> int:
    return Initiative.objects.filter(_waiting()).count()


def cities_with_initiatives() -> QuerySet[City]:
    """Return the cities that have any initiative beyond a draft, by name."""
    shown = Initiative.objects.exclude(state=ModerationState.DRAFT)
    return City.objects.filter(pk__in=shown.values("city_id")).order_by("name")
