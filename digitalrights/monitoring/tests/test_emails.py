# ruff: noqa: F405
"""Who hears of each step of an assessment, in which language, and never twice."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from wagtail.users.models import UserProfile

from digitalrights.membership.models import Representation
from digitalrights.membership.tests.factories import RepresentationFactory
from digitalrights.monitoring import emails, services
from digitalrights.monitoring.models import (
    AssessmentEvent,
    AssessmentState,
    EventKind,
    ReviewComment,
)

from .factories import official_of
from .test_review_views import *  # noqa: F403 (the same people and assessment)
from .test_review_views import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _earlier_tasks_left_alone():
    """Leave out the tasks the demo's loading enqueued before the tests."""
    from django_tasks_db.models import DBTaskResult

    EARLIER.clear()
    EARLIER.update(DBTaskResult.objects.values_list("pk", flat=True))


EARLIER: set = set()


def run_enqueued() -> int:
    """Run monitoring's tasks this test enqueued, as the worker would."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    for result in (
        DBTaskResult.objects.ready()
        .filter(task_path__startswith="digitalrights.monitoring.")
        .exclude(pk__in=EARLIER)
    ):
        arguments = result.args_kwargs
        result.task.call(*arguments["args"], **arguments["kwargs"])
        result.set_successful(None)
        ran += 1
    return ran


def to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def prefer(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def draft(official, city, cycle):
    draft = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    answer_all(official, draft)
    return draft


def submit(official, draft, capture):
    with capture(execute=True):
        services.assessment_submit(user=official, assessment_id=draft.pk)
    run_enqueued()


def test_each_principles_reviewers_hear_of_a_submission_in_their_language(
    draft,
    official,
    reviewer,
    other_reviewer,
    staff,
    city,
    django_capture_on_commit_callbacks,
):
    prefer(other_reviewer, "fr")
    # Acting for the city, this reviewer never reviews it, nor hears of it.
    insider = reviewer_for(1, email="insider@example.org")
    RepresentationFactory(user=insider, city=city)
    submit(official, draft, django_capture_on_commit_callbacks)

    [one] = to(reviewer.email)
    assert one.subject == f"To review: the 2047 assessment of {city.name}"
    assert f"/en/officials/monitoring/review/{draft.pk}/principles/1/" in one.body
    [three] = to(other_reviewer.email)
    assert f"/fr/officials/monitoring/review/{draft.pk}/principles/3/" in three.body
    [secretariat] = to(staff.email)
    assert f"/officials/monitoring/review/{draft.pk}/principles/2/" in secretariat.body
    assert not to(insider.email)
    assert not to(official.email)
    assert len(mail.outbox) == 3
    for message in mail.outbox:  # nobody's address but the recipient's
        for address in (official.email, reviewer.email, staff.email, insider.email):
            if message.to != [address]:
                assert address not in message.body


def test_the_city_hears_when_changes_are_asked_for_and_never_who_asked(
    draft, official, reviewer, staff, city, django_capture_on_commit_callbacks
):
    colleague = official_of(city)
    Representation.objects.filter(user=colleague).update(language="nl")
    submit(official, draft, django_capture_on_commit_callbacks)
    services.review_accept(user=staff, assessment_id=draft.pk, principle=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_request_changes(
            user=reviewer,
            assessment_id=draft.pk,
            principle=1,
            message="Link the register itself.",
        )
    assert run_enqueued() == 1
    [first] = to(official.email)
    assert first.subject == f"Changes asked for: the 2047 assessment of {city.name}"
    assert "Link the register itself." in first.body
    assert f"/en/officials/monitoring/{draft.pk}/" in first.body
    assert reviewer.email not in first.body
    [second] = to(colleague.email)
    assert f"/nl/officials/monitoring/{draft.pk}/" in second.body
    assert len(mail.outbox) == 2

    # Sent again: principle 2 stays accepted, 3 has no reviewer here; only
    # the reviewers of the principle sent back hear.
    mail.outbox.clear()
    submit(official, draft, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert mail.outbox[0].subject.startswith("Sent again for review")


def test_the_secretariat_hears_of_acceptance_and_the_city_of_publication(
    draft,
    official,
    reviewer,
    other_reviewer,
    staff,
    city,
    django_capture_on_commit_callbacks,
):
    submit(official, draft, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_accept(user=reviewer, assessment_id=draft.pk, principle=1)
        services.review_accept(user=staff, assessment_id=draft.pk, principle=2)
    run_enqueued()
    assert mail.outbox == []  # one principle still waits
    with django_capture_on_commit_callbacks(execute=True):
        services.review_accept(user=other_reviewer, assessment_id=draft.pk, principle=3)
    run_enqueued()
    [accepted] = mail.outbox
    assert accepted.to == [staff.email]
    assert accepted.subject == f"To publish: the 2047 assessment of {city.name}"
    assert f"/admin/monitoring/assessments/{draft.pk}/" in accepted.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_publish(by=staff, assessment_id=draft.pk)
    run_enqueued()
    [published] = mail.outbox
    assert published.to == [official.email]
    assert published.subject == f"Published: the 2047 assessment of {city.name}"


def test_a_step_is_told_once_however_often_its_task_runs(
    draft, official, reviewer, staff, other_reviewer, django_capture_on_commit_callbacks
):
    submit(official, draft, django_capture_on_commit_callbacks)
    count = len(mail.outbox)
    event = AssessmentEvent.objects.filter(assessment=draft, to_state="submitted").get()
    assert event.notified_at is not None
    assert emails.assessment_event_notify(event_id=event.pk) == 0
    assert len(mail.outbox) == count
    # An entry nobody needs to hear of is marked told when it is written.
    draft_event = AssessmentEvent.objects.filter(
        assessment=draft, to_state="draft"
    ).get()
    assert draft_event.notified_at == draft_event.at
    assert emails.assessment_event_notify(event_id=draft_event.pk) == 0
    assert emails.assessment_event_notify(event_id=10**9) == 0


def refuse(*args, **kwargs):
    raise OSError("The mail server is down.")


def test_a_failed_send_leaves_the_step_due_for_the_resend_job(
    draft, official, reviewer, staff, other_reviewer, monkeypatch
):
    services.assessment_submit(user=official, assessment_id=draft.pk)
    event = AssessmentEvent.objects.filter(assessment=draft, to_state="submitted").get()
    assert event.notified_at is None

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):
        emails.assessment_event_notify(event_id=event.pk)
    event.refresh_from_db()
    assert event.notified_at is None
    # Failing again in the job, it stays due, and the job goes on.
    later = event.at + datetime.timedelta(minutes=emails.RESEND_AFTER_MINUTES + 1)
    assert emails.assessment_notifications_resend(now=later) == 0
    event.refresh_from_db()
    assert event.notified_at is None
    monkeypatch.undo()

    # The job waits a few minutes, for the task to try first.
    assert emails.assessment_notifications_resend(now=event.at) == 0
    assert mail.outbox == []
    assert emails.assessment_notifications_resend(now=later) == 3
    event.refresh_from_db()
    assert event.notified_at is not None
    assert len(mail.outbox) == 3
    # A second run, or the task's own retry, sends nothing twice.
    assert emails.assessment_notifications_resend(now=later) == 0
    assert emails.assessment_event_notify(event_id=event.pk) == 0
    assert len(mail.outbox) == 3


def test_a_send_that_reached_some_is_not_repeated_to_them(
    draft, official, reviewer, staff, other_reviewer, monkeypatch
):
    services.assessment_submit(user=official, assessment_id=draft.pk)
    event = AssessmentEvent.objects.filter(assessment=draft, to_state="submitted").get()
    sent = []

    def first_only(message, *args, **kwargs):
        if sent:
            raise OSError("The mail server went away.")
        sent.append(message.to)
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", first_only)
    assert emails.assessment_event_notify(event_id=event.pk) == 1
    monkeypatch.undo()
    event.refresh_from_db()
    assert event.notified_at is not None
    later = event.at + datetime.timedelta(minutes=emails.RESEND_AFTER_MINUTES + 1)
    assert emails.assessment_notifications_resend(now=later) == 0
    assert mail.outbox == []


def test_the_resend_job_is_scheduled():
    from digitalrights.core.scheduler import JOBS
    from digitalrights.monitoring import tasks

    assert tasks.resend_assessment_notifications in [job.task for job in JOBS]
    assert tasks.resend_assessment_notifications.call() == 0


def at_once(work, times: int = 2) -> list:
    """Run ``work`` in so many threads at once, as workers would; its results."""
    results = []

    def run():
        try:
            results.append(work())
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(times)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sorted(results)


def slowly(told: list):
    """Send nothing, slowly enough for another worker to arrive meanwhile."""

    def send(what, *args):
        told.append(what)
        time.sleep(0.5)
        return 1

    return send


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_step_send_it_once(monkeypatch):
    from digitalrights.core.vocabulary import vocabulary_ensure

    from .factories import AssessmentFactory

    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; this needs PostgreSQL.")
    vocabulary_ensure()  # a flushed database has lost what migrations made
    event = AssessmentEvent.objects.create(
        assessment=AssessmentFactory(),
        kind=EventKind.TRANSITION,
        from_state=AssessmentState.SUBMITTED,
        to_state=AssessmentState.ACCEPTED,
    )
    told = []
    monkeypatch.setattr(emails, "_event_send", slowly(told))

    assert at_once(lambda: emails.assessment_event_notify(event_id=event.pk)) == [0, 1]
    assert told == [event]
    event.refresh_from_db()
    assert event.notified_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_digest_send_it_once(monkeypatch):
    from digitalrights.core.vocabulary import vocabulary_ensure

    from .factories import AssessmentFactory

    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; this needs PostgreSQL.")
    vocabulary_ensure()
    assessment = AssessmentFactory()
    ReviewComment.objects.create(
        assessment=assessment, principle_id=1, text="Which register?"
    )
    told = []
    monkeypatch.setattr(emails, "_digest_send", slowly(told))

    assert at_once(emails.comments_digests_send) == [0, 1]
    assert told == [assessment.pk]
    assert not ReviewComment.objects.filter(notified_at__isnull=True).exists()


def test_the_migration_marks_what_was_written_before_it_as_told(
    draft, official, reviewer, staff, other_reviewer
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("digitalrights.monitoring.migrations.0005_notified_at")
    services.assessment_submit(user=official, assessment_id=draft.pk)
    services.review_comment(
        user=reviewer, assessment_id=draft.pk, principle=1, text="Which register?"
    )
    AssessmentEvent.objects.update(notified_at=None)
    ReviewComment.objects.update(notified_at=None)

    migration.mark_told(apps, None)

    for row in (*AssessmentEvent.objects.all(), *ReviewComment.objects.all()):
        assert row.notified_at == row.at
    far = timezone.now() + datetime.timedelta(days=1)
    assert emails.assessment_notifications_resend(now=far) == 0
    assert emails.comments_digests_send(now=far) == 0
    assert mail.outbox == []


# Comments ---------------------------------------------------------------------------


def comment(user, assessment, text, capture, **where):
    with capture(execute=True):
        services.review_comment(
            user=user, assessment_id=assessment.pk, text=text, **where
        )
    return run_enqueued()


def test_a_burst_of_comments_makes_one_email_per_person_an_hour(
    draft,
    official,
    reviewer,
    other_reviewer,
    staff,
    city,
    django_capture_on_commit_callbacks,
):
    colleague = official_of(city)
    submit(official, draft, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    indicator = indicator_of(draft)
    for text in ("Which register?", "And since when?", "Who runs it?"):
        comment(
            reviewer,
            draft,
            text,
            django_capture_on_commit_callbacks,
            indicator_id=indicator.pk,
        )
    [first] = to(official.email)
    assert len(to(colleague.email)) == 1
    assert first.subject == f"Reviewers' comments on the 2047 assessment of {city.name}"
    assert f"indicator {indicator.code}: 1" in first.body
    assert "Which register?" not in first.body  # read on the site, signed in
    assert reviewer.email not in first.body
    assert not to(reviewer.email)  # nobody hears of their own comments
    assert len(mail.outbox) == 2

    sent_at = ReviewComment.objects.order_by("pk").first().at
    assert (
        emails.comments_digests_send(now=sent_at + datetime.timedelta(minutes=59)) == 0
    )
    assert len(mail.outbox) == 2
    hour_on = timezone.now() + datetime.timedelta(minutes=61)
    assert emails.comments_digests_send(now=hour_on) == 2
    [_first, digest] = to(official.email)
    assert "2 comments" in digest.body
    assert f"indicator {indicator.code}: 2" in digest.body
    # Every comment is marked told, so a retry, or the next run, sends
    # nothing twice.
    assert not ReviewComment.objects.filter(notified_at__isnull=True).exists()
    assert emails.comments_digests_send(now=hour_on) == 0
    assert emails.comments_digests_send(now=hour_on + datetime.timedelta(hours=2)) == 0
    assert len(mail.outbox) == 4


def test_a_failed_digest_leaves_its_comments_for_the_next_run(
    draft, official, reviewer, other_reviewer, staff, monkeypatch
):
    services.assessment_submit(user=official, assessment_id=draft.pk)
    for text in ("Which register?", "And since when?"):
        services.review_comment(
            user=reviewer, assessment_id=draft.pk, principle=1, text=text
        )
    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):
        emails.comments_digest_send(assessment_id=draft.pk)
    # The scheduler's run logs it and goes on with other assessments.
    assert emails.comments_digests_send() == 0
    assert ReviewComment.objects.filter(notified_at__isnull=True).count() == 2
    monkeypatch.undo()

    assert emails.comments_digests_send() == 1
    [told] = to(official.email)
    assert "the principle as a whole: 2" in told.body
    assert not ReviewComment.objects.filter(notified_at__isnull=True).exists()
    assert emails.comments_digests_send() == 0
    assert emails.comments_digest_send(assessment_id=draft.pk) == 0
    assert len(mail.outbox) == 1


def test_a_digest_nobody_is_there_to_read_marks_its_comments(
    draft, official, reviewer, other_reviewer, staff
):
    services.assessment_submit(user=official, assessment_id=draft.pk)
    services.review_comment(
        user=reviewer, assessment_id=draft.pk, principle=1, text="Which register?"
    )
    Representation.objects.filter(city=draft.city).delete()
    assert emails.comments_digests_send() == 0
    assert not ReviewComment.objects.filter(notified_at__isnull=True).exists()
    assert mail.outbox == []


def test_the_citys_reply_reaches_the_principles_reviewers_only(
    draft,
    official,
    reviewer,
    other_reviewer,
    staff,
    city,
    django_capture_on_commit_callbacks,
):
    submit(official, draft, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    comment(
        official,
        draft,
        "See the register's page.",
        django_capture_on_commit_callbacks,
        principle=1,
    )
    [reply] = mail.outbox
    assert reply.to == [reviewer.email]
    assert reply.subject == f"The city replied: the 2047 assessment of {city.name}"
    assert "the principle as a whole: 1" in reply.body
    assert f"/officials/monitoring/review/{draft.pk}/principles/1/" in reply.body
    assert official.email not in reply.body


def test_the_comment_digests_are_scheduled():
    from digitalrights.core.scheduler import JOBS
    from digitalrights.monitoring import tasks

    assert tasks.send_comments_digests in [job.task for job in JOBS]


def test_a_correction_sent_for_review_says_it_is_one(
    draft,
    official,
    reviewer,
    other_reviewer,
    staff,
    django_capture_on_commit_callbacks,
):
    services.assessment_submit(user=official, assessment_id=draft.pk)
    for user, principle in ((reviewer, 1), (staff, 2), (other_reviewer, 3)):
        services.review_accept(user=user, assessment_id=draft.pk, principle=principle)
    services.assessment_publish(by=staff, assessment_id=draft.pk)
    correction = services.assessment_correct(
        by=official, assessment_id=draft.pk, note="The year of 1.1 was wrong."
    )
    submit(official, correction, django_capture_on_commit_callbacks)
    [told] = to(reviewer.email)
    assert "It is a correction (version 2) of the published assessment" in told.body
    assert f"/review/{correction.pk}/principles/1/" in told.body
    assert "The year of 1.1 was wrong." not in told.body  # read on the page
