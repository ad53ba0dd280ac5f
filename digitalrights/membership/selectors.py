"""Queries of membership data, and the permission checks officials pass."""

from __future__ import annotations

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from digitalrights.cities.models import City

from .models import (
    WAITING_FOR_SECRETARIAT,
    Application,
    ApplicationDocument,
    ApplicationStatus,
    ChecklistPage,
    MembershipSettings,
    Representation,
    RepresentationStatus,
)


def has_second_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Return whether the person signs in with a second factor."""
    return user.is_authenticated and is_mfa_enabled(user)


def session_proved_second_factor(request: HttpRequest) -> bool:
    """Return whether this session's sign-in used the person's second factor.

    Having a second factor is not enough: a session opened some other way
    (a password alone) must not act for a city. allauth records each step of
    a sign-in in the session; setting up a factor counts too, as it took a
    valid code or a passkey (see apps.py).
    """
    user = request.user
    # The session's records first (no query); then whether the factor is
    # still there (one query).
    used = any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, user)
    )
    return used and has_second_factor(user)


def second_factor_check(user: AbstractBaseUser | AnonymousUser) -> None:
    """Raise PermissionDenied unless the person has a second factor."""
    if not has_second_factor(user):
        raise PermissionDenied(
            _("Set up two-factor authentication before you act for a city.")
        )


def representations_of(user: AbstractBaseUser) -> QuerySet[Representation]:
    """Return every representation of ``user``, newest first, with its city."""
    return Representation.objects.filter(user=user).select_related(
        "city", "city__membership"
    )


def cities_represented_by(user: AbstractBaseUser) -> QuerySet[City]:
    """Return the cities ``user`` may act for now."""
    return City.objects.filter(
        representations__user=user,
        representations__status=RepresentationStatus.CONFIRMED,
    )


def city_access_for_official(
    *, user: AbstractBaseUser | AnonymousUser, geonameid: int
) -> City:
    """Return the city ``geonameid`` if ``user`` may change its data.

    Raise PermissionDenied otherwise, with the same message whether the city
    exists or not, and another when the person has no second factor yet.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to act for a city."))
    second_factor_check(user)
    city = (
        cities_represented_by(user)
        .select_related("profile")
        .filter(geonameid=geonameid)
        .first()
    )
    if city is None:
        raise PermissionDenied(
            _("You do not represent this city. Ask to represent it first.")
        )
    return city


def representations_waiting() -> QuerySet[Representation]:
    """Return the requests the secretariat has not decided yet, oldest first."""
    return (
        Representation.objects.filter(status=RepresentationStatus.REQUESTED)
        .select_related("user", "city")
        .order_by("requested_at")
    )


def checklist_live(language: str | None = None) -> ChecklistPage | None:
    """Return the live checklist in ``language`` (else the default one)."""
    pages = ChecklistPage.objects.live().select_related("locale")
    language = language or get_language()
    found = None
    if language:
        found = pages.filter(locale__language_code=language).first()
    return found or pages.filter(locale=Locale.get_default()).first() or pages.first()


def checklist_actions(language: str | None = None) -> dict:
    """Return the live checklist's actions by key, in page order."""
    checklist = checklist_live(language)
    return {a.key: a for a in checklist.action_list()} if checklist else {}


def application_access_for_official(
    *, user: AbstractBaseUser | AnonymousUser, application_id: int, lock: bool = False
) -> Application:
    """Return an application of a city ``user`` represents, or raise.

    PermissionDenied, with one message whether it exists or not; with
    ``lock``, the row is locked until the surrounding transaction ends.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to act for a city."))
    second_factor_check(user)
    applications = Application.objects.select_related("city", "city__membership")
    if lock:
        applications = applications.select_for_update(of=("self",))
    application = applications.filter(
        pk=application_id,
        city__in=cities_represented_by(user),
    ).first()
    if application is None:
        raise PermissionDenied(
            _("This application is not one of your cities', or does not exist.")
        )
    return application


def applications_of_city(city: City) -> QuerySet[Application]:
    return Application.objects.filter(city=city).order_by("-version")


def application_timeline(application: Application):
    """Return the application's timeline, oldest first.

    Each entry carries ``actor_role``: the role its official gave when asking
    to represent the city, shown to the city's officials instead of their
    address (as an initiative's history does).
    """
    roles = (
        Representation.objects.filter(
            user_id=OuterRef("actor_id"), city_id=application.city_id
        )
        .order_by("-requested_at")
        .values("role")[:1]
    )
    return (
        application.events.select_related("actor")
        .annotate(actor_role=Subquery(roles))
        .order_by("at", "pk")
    )


def document_access(
    *, user: AbstractBaseUser | AnonymousUser, document_id: int, proved: bool
) -> ApplicationDocument:
    """Return a document ``user`` may read, or raise PermissionDenied.

    Staff who review applications and the city's officials may read it, if
    their session ``proved`` its second factor (staff: where the admin asks
    for one); once the application is approved, anyone may.
    """
    from django.conf import settings

    document = (
        ApplicationDocument.objects.select_related("application")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise PermissionDenied(_("This document does not exist, or is not public."))
    if document.application.status == ApplicationStatus.APPROVED:
        return document
    if not user.is_authenticated:
        raise PermissionDenied(_("This document does not exist, or is not public."))
    staff_proved = proved or not settings.ADMIN_REQUIRE_SECOND_FACTOR
    if staff_proved and user.has_perm("membership.view_application"):
        return document
    if (
        proved
        and cities_represented_by(user).filter(pk=document.application.city_id).exists()
    ):
        return document
    raise PermissionDenied(_("This document does not exist, or is not public."))


def review_queue(
    *, status: str = "", region: str = "", older_than_days: int | None = None
) -> QuerySet[Application]:
    """Return applications for the secretariat, oldest waiting first."""
    applications = Application.objects.select_related("city").order_by(
        "submitted_at", "created_at"
    )
    applications = (
        applications.filter(status=status)
        if status
        else applications.filter(status__in=WAITING_FOR_SECRETARIAT)
    )
    if region:
        applications = applications.filter(city__region_code=region)
    if older_than_days:
        since = timezone.now() - timezone.timedelta(days=older_than_days)
        applications = applications.filter(submitted_at__lt=since)
    return applications


def overdue_after_days() -> int:
    return MembershipSettings.load().overdue_after_days


def latest_applications(city_ids: list[int]) -> dict[int, Application]:
    """Return the newest application of each city, by city id."""
    latest: dict[int, Application] = {}
    for application in Application.objects.filter(city_id__in=city_ids).order_by(
        "city_id", "-version"
    ):
        latest.setdefault(application.city_id, application)
    return latest


def user_display(user) -> str:
    """Name a person by their email address (allauth's ACCOUNT_USER_DISPLAY)."""
    return user.email or str(user.pk)
