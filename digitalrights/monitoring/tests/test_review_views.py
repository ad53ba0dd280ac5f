"""The reviewers' pages, through the client: who may see them, and what
comments and decisions they take or refuse."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalrights.initiatives.services import LinkData
from digitalrights.membership.tests.factories import (
    RepresentationFactory,
    give_second_factor,
    sign_in,
)
from digitalrights.monitoring import services
from digitalrights.monitoring.models import (
    AssessmentState,
    Indicator,
    ReviewComment,
    ReviewDecision,
    Reviewer,
)
from digitalrights.workinggroups.models import WorkingGroupPage

from .factories import IndicatorFactory, framework, member_city, official_of, person

pytestmark = pytest.mark.django_db

# What the other tests of the review share (``from .test_review_views import *``).
__all__ = [
    "assessment",
    "city",
    "comment_data",
    "cycle",
    "indicator_of",
    "official",
    "other_reviewer",
    "reviewer",
    "reviewer_for",
    "staff",
    "version",
]

DAY = datetime.timedelta(days=1)


# Who is who -------------------------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="secretariat-review",
        email="monitoring-review@coalition.example.org",
        password=None,
    )
    give_second_factor(user)
    return user


@pytest.fixture
def version():
    """Indicators on principle 1 and 3 (working groups' in the demo) and 2
    (no working group: the secretariat reviews it)."""
    return framework(principles=(1, 2, 3), per_principle=2)


@pytest.fixture
def cycle(staff, version):
    now = timezone.now()
    return services.cycle_open(
        by=staff,
        year=2047,
        framework_version_id=version.pk,
        opens_at=now - DAY,
        deadline=now + 30 * DAY,
    )


@pytest.fixture
def city():
    return member_city()


@pytest.fixture
def official(city):
    return official_of(city)


def reviewer_for(principle: int, **fields):
    user = person(**fields)
    group = WorkingGroupPage.objects.live().filter(principle=principle).first()
    Reviewer.objects.create(user=user, working_group=group)
    return user


@pytest.fixture
def reviewer():
    """A reviewer of the working group on principle 1."""
    return reviewer_for(1, email="reviewer-one@example.org")


@pytest.fixture
def other_reviewer():
    """A reviewer of the working group on principle 3."""
    return reviewer_for(3, email="reviewer-three@example.org")


def answer_all(official, assessment):
    for indicator in assessment.cycle.framework_version.indicators.all():
        services.answer_save(
            user=official,
            assessment_id=assessment.pk,
            indicator_id=indicator.pk,
            level=3,
            justification="In place since last year.",
            links=[LinkData(url="https://city.example.org/register", label="Register")],
        )


@pytest.fixture
def assessment(official, city, cycle):
    assessment = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    answer_all(official, assessment)
    return services.assessment_submit(user=official, assessment_id=assessment.pk)


def page(assessment, principle: int = 1) -> str:
    return reverse("monitoring_review:assessment", args=[assessment.pk, principle])


def indicator_of(assessment, principle: int = 1) -> Indicator:
    return (
        assessment.cycle.framework_version.indicators.filter(principle_id=principle)
        .order_by("code")
        .first()
    )


def comment_data(target: str, text: str) -> dict:
    return {"action": "comment", "target": target, f"{target}-text": text}


# Who may see what -------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, assessment):
    for url in (reverse("monitoring_review:list"), page(assessment)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_a_reviewer_without_a_second_factor_is_sent_to_set_one_up(client, assessment):
    user = reviewer_for(1, second_factor=False)
    client.force_login(user)
    for url in (reverse("monitoring_review:list"), page(assessment)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_index")
    # Nor can they act by posting.
    response = client.post(page(assessment), comment_data("p1", "Sent anyway."))
    assert response.status_code == 302
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    "who, list_status, page_status",
    [
        ("official", 403, 403),
        ("official_elsewhere", 403, 403),
        ("other_reviewer", 200, 403),
        ("reviewer", 200, 200),
        ("staff", 200, 403),  # principle 1 has a working group: not theirs
    ],
)
def test_the_permission_matrix_of_a_principle_with_a_working_group(
    client, assessment, who, list_status, page_status, request
):
    people = {
        "official": lambda: request.getfixturevalue("official"),
        "official_elsewhere": lambda: official_of(member_city()),
        "other_reviewer": lambda: request.getfixturevalue("other_reviewer"),
        "reviewer": lambda: request.getfixturevalue("reviewer"),
        "staff": lambda: request.getfixturevalue("staff"),
    }
    sign_in(client, people[who]())
    assert client.get(reverse("monitoring_review:list")).status_code == list_status
    response = client.get(page(assessment, 1))
    assert response.status_code == page_status
    assert "no-cache" in response.headers.get("Cache-Control", "") or (
        page_status != 200
    )
    # Posting is refused alike, and changes nothing.
    response = client.post(page(assessment, 1), comment_data("p1", "Hello."))
    assert response.status_code in (page_status, 302)
    assert ReviewComment.objects.exists() == (page_status == 200)


def test_the_secretariat_reviews_the_principle_no_working_group_works_on(
    client, assessment, staff, reviewer
):
    sign_in(client, staff)
    assert client.get(page(assessment, 2)).status_code == 200
    listed = client.get(reverse("monitoring_review:list")).content.decode()
    assert page(assessment, 2) in listed
    assert page(assessment, 1) not in listed
    sign_in(client, reviewer)
    assert client.get(page(assessment, 2)).status_code == 403


def test_a_reviewer_acting_for_the_city_never_sees_its_review(client, assessment, city):
    user = reviewer_for(1)
    RepresentationFactory(user=user, city=city)
    sign_in(client, user)
    assert client.get(page(assessment)).status_code == 403
    listed = client.get(reverse("monitoring_review:list")).content.decode()
    assert page(assessment) not in listed


def test_unknown_assessments_principles_and_drafts_are_not_found(
    client, reviewer, official, city, cycle
):
    draft = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    sign_in(client, reviewer)
    assert client.get(page(draft)).status_code == 404
    assert client.get(page(draft, 9)).status_code == 404
    missing = reverse("monitoring_review:assessment", args=[draft.pk + 1000, 1])
    assert client.get(missing).status_code == 404
    assert client.post(missing, comment_data("p1", "Hi.")).status_code == 404


def test_a_principle_the_framework_does_not_ask_about_is_not_found(client, assessment):
    user = reviewer_for(4)
    sign_in(client, user)
    assert client.get(page(assessment, 4)).status_code == 404


# The list and the page ------------------------------------------------------------


def test_the_list_shows_what_waits_for_the_reviewers_principles_only(
    client, assessment, reviewer, other_reviewer, official, cycle
):
    sign_in(client, reviewer)
    listed = client.get(reverse("monitoring_review:list")).content.decode()
    assert str(assessment) in listed
    assert page(assessment, 1) in listed
    assert page(assessment, 3) not in listed
    services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)
    listed = client.get(reverse("monitoring_review:list")).content.decode()
    assert "Nothing waits for your review now." in listed
    # The other group's principle still waits for them.
    sign_in(client, other_reviewer)
    listed = client.get(reverse("monitoring_review:list")).content.decode()
    assert page(assessment, 3) in listed


def test_the_page_shows_the_answers_with_evidence_and_threads(
    client, assessment, reviewer, official
):
    indicator = indicator_of(assessment)
    services.review_comment(
        user=reviewer,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        text="Which register?",
    )
    services.review_comment(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        text="The one on our site.",
    )
    sign_in(client, reviewer)
    html = client.get(page(assessment)).content.decode()
    assert indicator.question in html
    assert "3 – In place" in html
    assert "In place since last year." in html
    assert 'href="https://city.example.org/register"' in html
    assert "Which register?" in html and "The one on our site." in html
    assert html.index("Which register?") < html.index("The one on our site.")
    # Answers of other principles are not on this page.
    other = indicator_of(assessment, 3)
    assert other.question not in html
    assert "Accept this principle" in html and "Ask for changes" in html
    assert official.email not in html


def test_the_page_takes_as_many_queries_with_more_indicators_and_comments(
    client, assessment, reviewer, official
):
    sign_in(client, reviewer)
    client.get(page(assessment))
    with CaptureQueriesContext(connection) as few:
        assert client.get(page(assessment)).status_code == 200
    version = assessment.cycle.framework_version
    indicators = [
        IndicatorFactory(framework_version=version, principle_id=1, code=f"1.{n}")
        for n in range(3, 9)
    ]
    for indicator in indicators:
        services.review_comment(
            user=reviewer,
            assessment_id=assessment.pk,
            indicator_id=indicator.pk,
            text="Not answered?",
        )
    client.get(page(assessment))  # the site's navigation, rebuilt once
    with CaptureQueriesContext(connection) as many:
        assert client.get(page(assessment)).status_code == 200
    assert len(many) == len(few)


# Comments -------------------------------------------------------------------------


def test_a_reviewer_comments_on_an_answer_and_on_the_principle(
    client, assessment, reviewer
):
    sign_in(client, reviewer)
    indicator = indicator_of(assessment)
    target = f"i{indicator.pk}"
    response = client.post(page(assessment), comment_data(target, "  Which one?  "))
    assert response.status_code == 302
    assert response.url == f"{page(assessment)}#thread-{target}"
    response = client.post(page(assessment), comment_data("p1", "Good overall."))
    assert response.status_code == 302
    comments = list(
        ReviewComment.objects.order_by("pk").values_list(
            "indicator_id", "principle_id", "by_reviewer", "text"
        )
    )
    assert comments == [
        (indicator.pk, 1, True, "Which one?"),
        (None, 1, True, "Good overall."),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Write the comment."),
        ("   \n ", "Write the comment."),
        ("x" * 5001, "Ensure this value has at most 5000 characters"),
    ],
)
def test_an_empty_or_overlong_comment_comes_back_with_what_was_typed(
    client, assessment, reviewer, text, message
):
    sign_in(client, reviewer)
    target = f"i{indicator_of(assessment).pk}"
    response = client.post(page(assessment), comment_data(target, text))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    if text.strip():
        assert text in html  # nothing typed is lost
    assert not ReviewComment.objects.exists()


def test_a_comment_on_an_unknown_or_other_principles_indicator_is_refused(
    client, assessment, reviewer
):
    sign_in(client, reviewer)
    other = indicator_of(assessment, 3)
    for target in (f"i{other.pk}", "i999999", "p3", "x", ""):
        response = client.post(page(assessment), comment_data(target, "Sneaky."))
        assert response.status_code == 400, target
        assert "not about an indicator of this principle" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_an_unknown_action_is_refused(client, assessment, reviewer):
    sign_in(client, reviewer)
    before = events_count(assessment)
    response = client.post(page(assessment), {"action": "publish"})
    assert response.status_code == 400
    assert events_count(assessment) == before
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED


def events_count(assessment) -> int:
    return assessment.events.count()


def test_a_get_never_changes_anything(client, assessment, reviewer):
    sign_in(client, reviewer)
    before = events_count(assessment)
    response = client.get(
        page(assessment),
        {"action": "accept", "decision-message": "Fine.", **comment_data("p1", "Hi")},
    )
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    assert events_count(assessment) == before
    assert not ReviewComment.objects.exists()
    assert not assessment.reviews.exclude(decision=ReviewDecision.PENDING).exists()


def test_posting_without_the_csrf_token_is_refused(assessment, reviewer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    sign_in(client, reviewer)
    response = client.post(page(assessment), {"action": "accept"})
    assert response.status_code == 403
    assert not assessment.reviews.exclude(decision=ReviewDecision.PENDING).exists()


# Decisions -------------------------------------------------------------------------


def test_a_reviewer_accepts_the_principle(client, assessment, reviewer):
    sign_in(client, reviewer)
    response = client.post(
        page(assessment), {"action": "accept", "decision-message": "Well shown."}
    )
    assert response.status_code == 302
    review = assessment.reviews.get(principle=1)
    assert review.decision == ReviewDecision.ACCEPTED
    assert review.decided_by == reviewer
    html = client.get(page(assessment)).content.decode()
    assert "Well shown." in html


def test_asking_for_changes_needs_a_message_and_keeps_what_was_typed(
    client, assessment, reviewer
):
    sign_in(client, reviewer)
    response = client.post(
        page(assessment), {"action": "changes", "decision-message": "   "}
    )
    assert response.status_code == 400
    assert "Say what the city should change." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    response = client.post(
        page(assessment), {"action": "changes", "decision-message": "y" * 5001}
    )
    assert response.status_code == 400
    assert "y" * 5001 in response.content.decode()
    response = client.post(
        page(assessment),
        {"action": "changes", "decision-message": "Give the register's address."},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.CHANGES_REQUESTED
    # The page stays readable, and takes comments, but no decision now.
    html = client.get(page(assessment)).content.decode()
    assert "Give the register&#x27;s address." in html
    assert "Accept this principle" not in html
    assert "Add the comment" in html


def test_nothing_is_taken_after_publication(
    client, assessment, reviewer, other_reviewer, staff
):
    services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)
    services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)
    services.review_accept(
        user=other_reviewer, assessment_id=assessment.pk, principle=3
    )
    services.assessment_publish(by=staff, assessment_id=assessment.pk)
    sign_in(client, reviewer)
    html = client.get(page(assessment)).content.decode()
    assert "it takes no comments or decisions now" in html
    assert "Add the comment" not in html
    before = events_count(assessment)
    response = client.post(page(assessment), comment_data("p1", "Late."))
    assert response.status_code == 400
    assert "takes no comments now" in response.content.decode()
    response = client.post(
        page(assessment), {"action": "changes", "decision-message": "Too late."}
    )
    assert response.status_code == 400
    assert "Published" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.PUBLISHED
    assert events_count(assessment) == before
    assert not ReviewComment.objects.exists()


def test_a_comment_sent_after_the_session_ended_comes_back_after_sign_in(
    client, assessment, reviewer
):
    target = f"i{indicator_of(assessment).pk}"
    response = client.post(page(assessment), comment_data(target, "Typed late."))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    sign_in(client, reviewer)
    html = client.get(page(assessment)).content.decode()
    assert "Typed late." in html
    assert "It is not sent yet" in html
    assert not ReviewComment.objects.exists()


def test_the_list_takes_as_many_queries_with_more_assessments(
    client, assessment, reviewer, cycle
):
    sign_in(client, reviewer)
    client.get(reverse("monitoring_review:list"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("monitoring_review:list")).status_code == 200
    for _n in range(3):
        city = member_city()
        official = official_of(city)
        other = services.assessment_start(
            user=official, geonameid=city.geonameid, cycle_id=cycle.pk
        )
        answer_all(official, other)
        services.assessment_submit(user=official, assessment_id=other.pk)
    client.get(reverse("monitoring_review:list"))  # the site's navigation
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("monitoring_review:list"))
    assert response.content.decode().count("/principles/1/") == 4
    assert len(many) == len(few)


def test_the_officials_list_leads_reviewers_to_their_list(client, reviewer, official):
    review_list = reverse("monitoring_review:list")
    sign_in(client, reviewer)
    assert (
        review_list in client.get(reverse("monitoring_officials:list")).content.decode()
    )
    sign_in(client, official)
    page = client.get(reverse("monitoring_officials:list")).content.decode()
    assert review_list not in page


def test_a_kept_comment_for_no_thread_of_the_page_is_dropped_quietly(
    client, assessment, reviewer
):
    other = indicator_of(assessment, 3)
    response = client.post(page(assessment), comment_data(f"i{other.pk}", "Odd."))
    assert response.status_code == 302
    sign_in(client, reviewer)
    response = client.get(page(assessment))
    assert response.status_code == 200
    assert 'class="error-summary"' not in response.content.decode()
    assert not ReviewComment.objects.exists()
