"""Emails about assessments: who hears of each step, in their own language.

- submitted (or sent again): the reviewers of each principle still waiting
  for review (the secretariat for a principle no working group works on);
- changes asked for: the city's confirmed officials;
- every principle accepted: the secretariat, who publishes;
- published: the city's confirmed officials;
- comments: the other side of the thread (reviewers' comments to the city,
  the city's replies to the principle's reviewers), as one digest per
  assessment and hour at most, however many comments a burst holds.

An email says what happened and where to read it, never who did it: names
and addresses of reviewers and officials stay on the pages, which ask for a
second factor. The reviewers' message when they ask for changes is quoted,
since the officials read it on their page anyway.

Tasks run these with ids. The database remembers what was sent: a history
entry or comment is locked while its emails go out and gets its
``notified_at`` only once they have, so a retry or a second worker never
sends twice, and a send that reached nobody leaves it due: the scheduler's
``assessment_notifications_resend`` and ``comments_digests_send`` try again.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy

from digitalrights.core.emails import email_send_each
from digitalrights.core.principles import Principle
from digitalrights.membership.models import (
    MembershipSettings,
    Representation,
    RepresentationStatus,
)

from .models import (
    Assessment,
    AssessmentEvent,
    AssessmentState,
    EventKind,
    ReviewComment,
    ReviewDecision,
    Reviewer,
)
from .selectors import principles_with_working_group

logger = logging.getLogger(__name__)

# Transitions that someone must hear of, and the template that tells them.
TOLD_STATES = {
    AssessmentState.SUBMITTED: "monitoring/email/submitted",
    AssessmentState.CHANGES_REQUESTED: "monitoring/email/changes",
    AssessmentState.ACCEPTED: "monitoring/email/accepted",
    AssessmentState.PUBLISHED: "monitoring/email/published",
}
# Comments reach the other side at most once per assessment and hour.
DIGEST_EVERY = timedelta(hours=1)
# A step whose email has not gone out this long after is sent again.
RESEND_AFTER_MINUTES = 5

Person = tuple[str, str]  # address, language


def _language_of(user) -> str:
    shipped = {code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or ""
    return language if language in shipped else settings.LANGUAGE_CODE


def officials_of(city_id: int) -> list[Person]:
    """Return the city's confirmed officials, each in the language they chose."""
    return sorted(
        {
            r.user.email: r.language or settings.LANGUAGE_CODE
            for r in Representation.objects.filter(
                city_id=city_id, status=RepresentationStatus.CONFIRMED
            ).select_related("user")
            if r.user.email and r.user.is_active
        }.items()
    )


def _secretariat_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                user_permissions__codename="change_assessment",
                user_permissions__content_type__app_label="monitoring",
            )
            | Q(
                groups__permissions__codename="change_assessment",
                groups__permissions__content_type__app_label="monitoring",
            )
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )


def secretariat() -> list[Person]:
    """Return who publishes: the secretariat's address in Membership settings,
    or else every active staff member who may, in their admin language."""
    address = MembershipSettings.load().notify_secretariat
    if address:
        return [(address, settings.LANGUAGE_CODE)]
    return sorted({u.email: _language_of(u) for u in _secretariat_users()}.items())


def reviewers_of(assessment: Assessment, principles: set[int]) -> dict[str, dict]:
    """Return who reviews ``principles`` of the assessment, by address.

    Each value holds the person's language and the principles they review
    here. Nobody reviews a city they act for, so they are left out.
    """
    with_group = principles_with_working_group()
    people: dict[str, dict] = {}
    insiders = set(
        Representation.objects.filter(
            city_id=assessment.city_id, status=RepresentationStatus.CONFIRMED
        ).values_list("user_id", flat=True)
    )

    def add(user, principle: int) -> None:
        if user.pk in insiders:
            return
        entry = people.setdefault(
            user.email, {"language": _language_of(user), "principles": set()}
        )
        entry["principles"].add(principle)

    grouped = sorted(principles & with_group)
    if grouped:
        for role in Reviewer.objects.filter(
            working_group__live=True,
            working_group__principle_id__in=grouped,
            user__is_active=True,
        ).select_related("user", "user__wagtail_userprofile", "working_group"):
            if role.user.email:
                add(role.user, role.working_group.principle_id)
    orphans = sorted(principles - with_group)
    if orphans:
        for user in _secretariat_users():
            for principle in orphans:
                add(user, principle)
    return people


def _site(page) -> str:
    return format_lazy("{}{}", settings.SITE_URL.rstrip("/"), page)


def _principle_names(principles) -> list:
    return [Principle(number).label for number in sorted(principles)]


def _send(template: str, context: dict, people: list[Person], what: str) -> int:
    """Send one email to each person, in their language; return how many."""
    return email_send_each(people, template, context, what=f"Monitoring email {what}")


def assessment_event_notify(*, event_id: int) -> int:
    """Tell whoever must act next that an assessment changed state; never twice.

    The entry stays locked while the emails go out and is marked sent only
    after, so a second worker waits and then finds it sent, and a send that
    reached nobody leaves it due (``assessment_notifications_resend`` tries
    again). Return the number of emails sent.
    """
    with transaction.atomic():
        event = (
            AssessmentEvent.objects.select_for_update(of=("self",))
            .select_related("assessment__city", "assessment__cycle")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None:
            return 0
        sent = 0
        if event.kind == EventKind.TRANSITION and event.to_state in TOLD_STATES:
            sent = _event_send(event)
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return sent


def assessment_notifications_resend(*, now: datetime | None = None) -> int:
    """Send again what a failed task left unsent, a few minutes on.

    Comments need nothing here: ``comments_digests_send`` takes every comment
    nobody has heard of yet. Return the number of emails sent.
    """
    now = now or timezone.now()
    before = now - timedelta(minutes=RESEND_AFTER_MINUTES)
    due = AssessmentEvent.objects.filter(notified_at__isnull=True, at__lt=before)
    sent = 0
    for event_id in list(due.order_by("at", "pk").values_list("pk", flat=True)):
        try:
            sent += assessment_event_notify(event_id=event_id)
        except (smtplib.SMTPException, OSError):
            # Still due: the next run tries again; the others go out now.
            logger.exception("Monitoring email event %s failed again.", event_id)
    return sent


def _event_send(event: AssessmentEvent) -> int:
    assessment = event.assessment
    template = TOLD_STATES[event.to_state]
    context = {
        "city_name": assessment.city.name,
        "year": assessment.cycle.year,
        "version": assessment.version,
        "state": AssessmentState(event.to_state).label,
    }
    officials_page = _site(
        reverse_lazy("monitoring_officials:assessment", args=[assessment.pk])
    )
    if event.to_state == AssessmentState.SUBMITTED:
        waiting = set(
            assessment.reviews.filter(decision=ReviewDecision.PENDING).values_list(
                "principle_id", flat=True
            )
        )
        people = reviewers_of(assessment, waiting)
        # Grouped by the principles each person reviews: one text per group.
        by_principles = defaultdict(list)
        for address, entry in people.items():
            by_principles[frozenset(entry["principles"])].append(
                (address, entry["language"])
            )
        resubmitted = (
            assessment.reviews.exclude(decision=ReviewDecision.PENDING).exists()
            or assessment.events.filter(
                kind=EventKind.TRANSITION, to_state=AssessmentState.CHANGES_REQUESTED
            ).exists()
        )
        sent = 0
        for principles, group in sorted(
            by_principles.items(), key=lambda item: sorted(item[0])
        ):
            page = reverse_lazy(
                "monitoring_review:assessment", args=[assessment.pk, min(principles)]
            )
            try:
                sent += _send(
                    template,
                    {
                        **context,
                        "resubmitted": resubmitted,
                        "principles": _principle_names(principles),
                        "url": _site(page),
                        "list_url": _site(reverse_lazy("monitoring_review:list")),
                    },
                    group,
                    f"event {event.pk}",
                )
            except (smtplib.SMTPException, OSError):
                if not sent:
                    raise
                # Some have it: sending again would repeat it to them.
                logger.exception("Monitoring email event %s stopped.", event.pk)
                break
        return sent
    if event.to_state == AssessmentState.CHANGES_REQUESTED:
        asked = set(
            assessment.reviews.filter(
                decision=ReviewDecision.CHANGES_REQUESTED
            ).values_list("principle_id", flat=True)
        )
        return _send(
            template,
            {
                **context,
                "principles": _principle_names(asked),
                "message": event.message,
                "url": officials_page,
            },
            officials_of(assessment.city_id),
            f"event {event.pk}",
        )
    if event.to_state == AssessmentState.ACCEPTED:
        return _send(
            template,
            {
                **context,
                "url": _site(
                    reverse_lazy("monitoring_assessment", args=[assessment.pk])
                ),
            },
            secretariat(),
            f"event {event.pk}",
        )
    return _send(
        template,
        {**context, "url": officials_page},
        officials_of(assessment.city_id),
        f"event {event.pk}",
    )


# Comments -----------------------------------------------------------------------


def comments_digest_send(*, assessment_id: int, now: datetime | None = None) -> int:
    """Tell the other side of the comments nobody has heard of yet, if due.

    One email per person and assessment covers every such comment, and goes
    out at most once per ``DIGEST_EVERY`` after the assessment's last one;
    before that nothing is sent and ``comments_digests_send`` tries again
    later. The comments stay locked while the emails go out and are marked
    after, so a retry or a second worker sends nothing twice, and a send that
    reached nobody leaves them for the next run. Return the number of emails
    sent.
    """
    now = now or timezone.now()
    comments_of = ReviewComment.objects.filter(assessment_id=assessment_id)
    with transaction.atomic():
        comments = list(
            comments_of.select_for_update(of=("self",))
            .filter(notified_at__isnull=True, at__lte=now)
            .select_related("indicator")
            .order_by("at", "pk")
        )
        if not comments:
            return 0
        last = comments_of.filter(notified_at__isnull=False).aggregate(
            last=Max("notified_at")
        )["last"]
        if last is not None and last > now - DIGEST_EVERY:
            return 0
        sent = _digest_send(assessment_id, comments)
        comments_of.filter(pk__in=[c.pk for c in comments]).update(notified_at=now)
    return sent


def _digest_send(assessment_id: int, comments: list[ReviewComment]) -> int:
    assessment = Assessment.objects.select_related("city", "cycle").get(
        pk=assessment_id
    )
    # What each person hears of: (principle, indicator code or "") -> count.
    heard: dict[str, dict] = {}
    officials = officials_of(assessment.city_id)
    reviewers = reviewers_of(assessment, {c.principle_id for c in comments})
    for comment in comments:
        topic = (
            comment.principle_id,
            comment.indicator.code if comment.indicator else "",
        )
        if comment.by_reviewer:
            people = {address: language for address, language in officials}
            side = "city"
        else:
            people = {
                address: entry["language"]
                for address, entry in reviewers.items()
                if comment.principle_id in entry["principles"]
            }
            side = "reviewer"
        for address, language in people.items():
            entry = heard.setdefault(
                address,
                {"language": language, "side": side, "topics": defaultdict(int)},
            )
            entry["topics"][topic] += 1
    sent = 0
    try:
        for address, entry in sorted(heard.items()):
            topics = sorted(entry["topics"].items())
            first_principle = topics[0][0][0]
            url = (
                reverse_lazy("monitoring_officials:assessment", args=[assessment.pk])
                if entry["side"] == "city"
                else reverse_lazy(
                    "monitoring_review:assessment",
                    args=[assessment.pk, first_principle],
                )
            )
            context = {
                "city_name": assessment.city.name,
                "year": assessment.cycle.year,
                "to_city": entry["side"] == "city",
                "count": sum(count for _topic, count in topics),
                "topics": [
                    {
                        "principle": Principle(principle).label,
                        "code": code,
                        "count": count,
                    }
                    for (principle, code), count in topics
                ],
                "url": _site(url),
            }
            sent += _send(
                "monitoring/email/comments",
                context,
                [(address, entry["language"])],
                f"comments of assessment {assessment.pk}",
            )
    except (smtplib.SMTPException, OSError):
        if not sent:
            raise  # nobody has it: the comments stay due
        # Some have it: sending again would repeat it to them.
        logger.exception("Monitoring comments digest %s stopped.", assessment.pk)
    return sent


def comments_digests_send(*, now: datetime | None = None) -> int:
    """Send every digest of comments that is due, or that a failed send left.

    The scheduler runs it. Return the number of emails sent.
    """
    now = now or timezone.now()
    due = (
        ReviewComment.objects.filter(notified_at__isnull=True, at__lte=now)
        .values_list("assessment_id", flat=True)
        .distinct()
    )
    sent = 0
    for assessment_id in sorted(set(due)):
        try:
            sent += comments_digest_send(assessment_id=assessment_id, now=now)
        except (smtplib.SMTPException, OSError):
            # Still due: the next run tries again; the others go out now.
            logger.exception("Monitoring comments digest %s failed.", assessment_id)
    return sent
