"""Queries of the framework and assessments, and who may act on them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from digitalrights.cities.models import City
from digitalrights.initiatives.models import Initiative
from digitalrights.initiatives.selectors import member_check
from digitalrights.membership.selectors import (
    cities_represented_by,
    city_access_for_official,
    second_factor_check,
)
from digitalrights.register.models import AlgorithmEntry

from .models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Cycle,
    CycleState,
    EvidenceDocument,
    FrameworkVersion,
    Indicator,
    Level,
    PrincipleReview,
    ReviewComment,
    Reviewer,
)

# The secretariat: publishes assessments, starts corrections, reviews the
# principles no working group works on.
SECRETARIAT_PERMISSION = "monitoring.change_assessment"
SECRETARIAT_VIEW_PERMISSION = "monitoring.view_assessment"


# The framework ------------------------------------------------------------------


def framework_indicators(version: FrameworkVersion | int) -> QuerySet[Indicator]:
    """Return a version's indicators, by principle then in their order."""
    version_id = version if isinstance(version, int) else version.pk
    return (
        Indicator.objects.filter(framework_version_id=version_id)
        .select_related("comparable_to")
        .order_by("principle_id", "sort_order", "pk")
    )


def framework_levels(version: FrameworkVersion | int) -> QuerySet[Level]:
    version_id = version if isinstance(version, int) else version.pk
    return Level.objects.filter(framework_version_id=version_id).order_by("value")


def framework_version_list() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.select_related("based_on").order_by(
        "-created_at", "-pk"
    )


# Cycles ------------------------------------------------------------------------


def cycle_list() -> QuerySet[Cycle]:
    return Cycle.objects.select_related("framework_version").order_by("-year")


def cycles_open() -> QuerySet[Cycle]:
    return cycle_list().filter(state=CycleState.OPEN)


# Who may act -------------------------------------------------------------------


def _not_yours() -> PermissionDenied:
    return PermissionDenied(
        _("This assessment is not one of your cities', or does not exist.")
    )


def assessment_access_for_official(
    *,
    user: AbstractBaseUser | AnonymousUser,
    assessment_id: int,
    lock: bool = False,
) -> Assessment:
    """Return an assessment of a member city ``user`` represents, or raise.

    PermissionDenied, with one message whether it exists or not; the person
    must be signed in with a second factor and confirmed as the city's
    official (membership's check), and the city a member now. With
    ``lock``, the row stays locked until the surrounding transaction ends.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to act for a city."))
    second_factor_check(user)
    assessments = Assessment.objects.select_related(
        "city", "city__membership", "cycle", "cycle__framework_version"
    )
    if lock:
        assessments = assessments.select_for_update(of=("self",))
    assessment = assessments.filter(pk=assessment_id).first()
    if assessment is None:
        raise _not_yours()
    try:
        city_access_for_official(user=user, geonameid=assessment.city.geonameid)
    except PermissionDenied:
        raise _not_yours() from None
    member_check(assessment.city)
    return assessment


def city_access_for_assessments(
    *, user: AbstractBaseUser | AnonymousUser, geonameid: int
) -> City:
    """Return the city if ``user`` may start its assessment, or raise."""
    city = city_access_for_official(user=user, geonameid=geonameid)
    member_check(city)
    return city


def principles_with_working_group() -> set[int]:
    """Return the principles some live working group works on."""
    from digitalrights.workinggroups.models import WorkingGroupPage

    return set(
        WorkingGroupPage.objects.live()
        .filter(principle__isnull=False)
        .values_list("principle_id", flat=True)
    )


def reviewed_principles(user: AbstractBaseUser | AnonymousUser) -> set[int]:
    """Return the principles ``user`` reviews, through their working groups.

    The secretariat reviews the principles that no live working group works
    on, so that every assessment can be reviewed.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    principles = set(
        Reviewer.objects.filter(user=user, working_group__live=True).values_list(
            "working_group__principle_id", flat=True
        )
    )
    principles.discard(None)
    if user.has_perm(SECRETARIAT_PERMISSION):
        principles |= set(range(1, 6)) - principles_with_working_group()
    return principles


def review_check(
    *, user: AbstractBaseUser | AnonymousUser, assessment: Assessment, principle: int
) -> None:
    """Raise PermissionDenied unless ``user`` may review ``principle`` here.

    A reviewer needs a second factor, and never reviews a city they act for.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to review assessments."))
    if principle not in reviewed_principles(user):
        raise PermissionDenied(
            _(
                "Only the reviewers of the working group on this principle can"
                " review it."
            )
        )
    if not user.has_perm(SECRETARIAT_PERMISSION):
        # The admin asks the secretariat for theirs (ADMIN_REQUIRE_SECOND_FACTOR).
        second_factor_check(user)
    if cities_represented_by(user).filter(pk=assessment.city_id).exists():
        raise PermissionDenied(
            _("You act for this city, so you cannot review its assessment.")
        )


def secretariat_check(user: AbstractBaseUser | AnonymousUser) -> None:
    if not user.is_authenticated or not user.has_perm(SECRETARIAT_PERMISSION):
        raise PermissionDenied(_("Only the secretariat can do this."))


def is_official_of(user: AbstractBaseUser | AnonymousUser, city_id: int) -> bool:
    return bool(
        user.is_authenticated
        and cities_represented_by(user).filter(pk=city_id).exists()
    )


def document_access(
    *, user: AbstractBaseUser | AnonymousUser, document_id: int, proved: bool
) -> EvidenceDocument:
    """Return an evidence document ``user`` may read, or raise PermissionDenied.

    Anyone may read the documents of a published assessment (the current
    version or one a correction replaced). Before that: the city's officials
    (a draft is theirs alone), and once it is sent, the reviewers of the
    document's principle and the secretariat, each with their session
    ``proved`` by a second factor (the secretariat: where the admin asks for
    one). Anyone else is told it does not exist.
    """
    from django.conf import settings

    refused = PermissionDenied(_("This document does not exist, or is not public."))
    document = (
        EvidenceDocument.objects.select_related(
            "answer__indicator", "answer__assessment"
        )
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise refused
    assessment = document.answer.assessment
    if assessment.state == AssessmentState.PUBLISHED:
        return document
    if not user.is_authenticated or not user.is_active:
        raise refused
    if proved and is_official_of(user, assessment.city_id):
        return document
    if assessment.state == AssessmentState.DRAFT:
        raise refused
    staff_proved = proved or not settings.ADMIN_REQUIRE_SECOND_FACTOR
    if staff_proved and user.has_perm(SECRETARIAT_VIEW_PERMISSION):
        return document
    if proved:
        try:
            review_check(
                user=user,
                assessment=assessment,
                principle=document.answer.indicator.principle_id,
            )
        except PermissionDenied:
            raise refused from None
        return document
    raise refused


# Assessments -------------------------------------------------------------------


def assessment_list(
    *, cycle_id: int | None = None, state: str = "", city_id: int | None = None
) -> QuerySet[Assessment]:
    """Return assessments for the secretariat, newest cycle first.

    Drafts are the city's own until submitted: they are counted, not shown.
    """
    assessments = Assessment.objects.select_related("city", "cycle").order_by(
        "-cycle__year", "city__name", "-version"
    )
    if cycle_id:
        assessments = assessments.filter(cycle_id=cycle_id)
    if state:
        assessments = assessments.filter(state=state)
    if city_id:
        assessments = assessments.filter(city_id=city_id)
    return assessments


def assessments_of_city(city: City) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(city=city)
        .select_related("cycle")
        .order_by("-cycle__year", "-version")
    )


def assessments_to_review(user: AbstractBaseUser) -> QuerySet[Assessment]:
    """Return submitted assessments with a principle ``user`` has yet to decide."""
    principles = reviewed_principles(user)
    return (
        Assessment.objects.filter(
            state=AssessmentState.SUBMITTED,
            reviews__principle_id__in=principles,
            reviews__decision="pending",
        )
        .exclude(city__in=cities_represented_by(user))
        .select_related("city", "cycle")
        .distinct()
        .order_by("submitted_at")
    )


def assessment_detail(assessment_id: int) -> Assessment | None:
    """Return an assessment with its answers, evidence, reviews and comments."""
    return (
        Assessment.objects.select_related(
            "city", "cycle", "cycle__framework_version", "corrects"
        )
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("indicator")
                .prefetch_related(
                    "links",
                    "documents",
                    Prefetch(
                        "initiatives", queryset=Initiative.objects.only("pk", "title")
                    ),
                    Prefetch(
                        "register_entries",
                        queryset=AlgorithmEntry.objects.only("pk", "title"),
                    ),
                )
                .order_by(
                    "indicator__principle_id", "indicator__sort_order", "indicator_id"
                ),
            ),
            Prefetch("reviews", queryset=PrincipleReview.objects.order_by("principle")),
            Prefetch(
                "comments",
                queryset=ReviewComment.objects.select_related("author", "indicator"),
            ),
            "corrections",
        )
        .filter(pk=assessment_id)
        .first()
    )


def assessment_history(assessment: Assessment) -> QuerySet[AssessmentEvent]:
    return assessment.events.select_related("actor", "indicator").order_by("at", "pk")


def evidence_initiatives(city: City) -> QuerySet[Initiative]:
    """Return the city's published initiatives, which answers may point to."""
    return Initiative.objects.published().filter(city=city).order_by("title")


def evidence_register_entries(city: City) -> QuerySet[AlgorithmEntry]:
    """Return the city's published algorithm register entries, for evidence."""
    return AlgorithmEntry.objects.published().filter(city=city).order_by("title")


def official_assessment_cities(user: AbstractBaseUser) -> QuerySet[City]:
    return cities_represented_by(user).select_related("membership")
