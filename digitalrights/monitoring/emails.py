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

Tasks run these with ids; the cache remembers what was sent (``cache.add``
claims an entry before sending), so a retry or a second worker never sends
twice. The models have no "notified" column yet: a failed send is logged
and not tried again (see the README).
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q
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
# Without a record of the last digest (a cleared cache), only comments this
# recent are sent: older ones were told by an earlier digest.
DIGEST_LOOKBACK = 2 * DIGEST_EVERY
KEEP_MARKS = 60 * 60 * 24 * 400  # seconds: longer than a cycle

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

    Return the number of emails sent.
    """
    event = (
        AssessmentEvent.objects.select_related("assessment__city", "assessment__cycle")
        .filter(pk=event_id, kind=EventKind.TRANSITION)
        .first()
    )
    if event is None or event.to_state not in TOLD_STATES:
        return 0
    mark = f"monitoring:told:event:{event_id}"
    if not cache.add(mark, timezone.now().isoformat(), KEEP_MARKS):
        return 0
    try:
        return _event_send(event)
    except (smtplib.SMTPException, OSError):
        cache.delete(mark)  # nobody has it: a retry may send it
        raise


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


def _digest_mark(assessment_id: int) -> str:
    return f"monitoring:told:comments:{assessment_id}"


def comments_digest_send(*, assessment_id: int, now: datetime | None = None) -> int:
    """Tell the other side of the comments left since the last digest, if due.

    One email per person and assessment covers every comment since the last
    one, and goes out at most once per ``DIGEST_EVERY``; before that nothing
    is sent and ``comments_digests_send`` tries again later. Return the
    number of emails sent.
    """
    now = now or timezone.now()
    lock = f"{_digest_mark(assessment_id)}:lock"
    if not cache.add(lock, 1, 120):
        return 0  # another worker is on it; the next run catches up
    try:
        return _digest_send(assessment_id, now)
    finally:
        cache.delete(lock)


def _digest_send(assessment_id: int, now: datetime) -> int:
    mark = _digest_mark(assessment_id)
    told = cache.get(mark) or {}
    sent_at = told.get("sent_at")
    if sent_at is not None and sent_at > now - DIGEST_EVERY:
        return 0
    until = told.get("until") or now - DIGEST_LOOKBACK
    comments = list(
        ReviewComment.objects.filter(
            assessment_id=assessment_id, at__gt=until, at__lte=now
        )
        .select_related("indicator")
        .order_by("at", "pk")
    )
    if not comments:
        return 0
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
    cache.set(mark, {"sent_at": now, "until": comments[-1].at}, KEEP_MARKS)
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
            # Nobody has it: the next run sends these comments again.
            if told:
                cache.set(mark, told, KEEP_MARKS)
            else:
                cache.delete(mark)
            raise
        logger.exception("Monitoring comments digest %s stopped.", assessment.pk)
    return sent


def comments_digests_send(*, now: datetime | None = None) -> int:
    """Send every digest of comments that is due (the scheduler runs it)."""
    now = now or timezone.now()
    due = (
        ReviewComment.objects.filter(at__gt=now - DIGEST_LOOKBACK, at__lte=now)
        .values_list("assessment_id", flat=True)
        .distinct()
    )
    return sum(
        comments_digest_send(assessment_id=assessment_id, now=now)
        for assessment_id in sorted(set(due))
    )
