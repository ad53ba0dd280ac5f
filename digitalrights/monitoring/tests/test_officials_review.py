# ruff: noqa: F405
"""The city's side of the review, on the officials' assessment page: the
reviewers' decisions, replies in the threads, and corrections."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digitalrights.membership.tests.factories import sign_in
from digitalrights.monitoring import services
from digitalrights.monitoring.models import (
    Assessment,
    ReviewComment,
)

from .factories import member_city, official_of
from .test_review_views import *  # noqa: F403 (the same people and assessment)

pytestmark = pytest.mark.django_db


def page(assessment) -> str:
    return reverse("monitoring_officials:assessment", args=[assessment.pk])


def reply_data(target: str, text: str) -> dict:
    return {"action": "reply", "target": target, f"{target}-text": text}


@pytest.fixture
def signed_in(client, official):
    sign_in(client, official)
    return client


@pytest.fixture
def sent_back(assessment, reviewer):
    indicator = indicator_of(assessment)
    services.review_comment(
        user=reviewer,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        text="Which register is it?",
    )
    services.review_request_changes(
        user=reviewer,
        assessment_id=assessment.pk,
        principle=1,
        message="Link the register itself.",
    )
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def published(assessment, reviewer, other_reviewer, staff):
    services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)
    services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)
    services.review_accept(
        user=other_reviewer, assessment_id=assessment.pk, principle=3
    )
    return services.assessment_publish(by=staff, assessment_id=assessment.pk)


# Who may ---------------------------------------------------------------------------


def test_anonymous_and_second_factorless_people_change_nothing(client, sent_back, city):
    target = f"i{indicator_of(sent_back).pk}"
    response = client.post(page(sent_back), reply_data(target, "Here it is."))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    client.force_login(official_of(city, second_factor=False))
    response = client.post(page(sent_back), reply_data(target, "Here it is."))
    assert response.status_code == 302
    assert response.url == reverse("mfa_index")
    assert not ReviewComment.objects.filter(by_reviewer=False).exists()


@pytest.mark.parametrize("who", ["elsewhere", "reviewer"])
def test_others_cannot_reply_for_the_city(client, sent_back, reviewer, who):
    user = official_of(member_city()) if who == "elsewhere" else reviewer
    sign_in(client, user)
    target = f"i{indicator_of(sent_back).pk}"
    assert client.get(page(sent_back)).status_code == 403
    response = client.post(page(sent_back), reply_data(target, "Not mine."))
    assert response.status_code == 403
    response = client.post(
        page(sent_back), {"action": "correct", "correction-note": "x"}
    )
    assert response.status_code == 403
    assert ReviewComment.objects.count() == 1


# Decisions and replies ---------------------------------------------------------------


def test_the_city_sees_which_principles_were_sent_back_and_why(
    signed_in, sent_back, reviewer
):
    html = signed_in.get(page(sent_back)).content.decode()
    assert "Changes asked for" in html
    assert "Link the register itself." in html
    assert "Which register is it?" in html
    assert reviewer.email not in html
    assert "Send the reply" in html


def test_the_city_sees_an_accepted_principle(signed_in, assessment, reviewer):
    services.review_accept(
        user=reviewer, assessment_id=assessment.pk, principle=1, message="Clear."
    )
    html = signed_in.get(page(assessment)).content.decode()
    assert "Review: <strong>Accepted</strong>" in html
    assert "Clear." in html
    assert "Review: <strong>Waiting for review</strong>" in html


def test_the_city_replies_in_the_thread_and_on_the_principle(
    signed_in, sent_back, official
):
    target = f"i{indicator_of(sent_back).pk}"
    response = signed_in.post(page(sent_back), reply_data(target, " The city's. "))
    assert response.status_code == 302
    assert response.url == f"{page(sent_back)}#thread-{target}"
    response = signed_in.post(page(sent_back), reply_data("p1", "Done, see 1.1."))
    assert response.status_code == 302
    replies = list(
        ReviewComment.objects.filter(by_reviewer=False)
        .order_by("pk")
        .values_list("indicator_id", "principle_id", "author_id", "text")
    )
    assert replies == [
        (int(target[1:]), 1, official.pk, "The city's."),
        (None, 1, official.pk, "Done, see 1.1."),
    ]
    html = signed_in.get(page(sent_back)).content.decode()
    assert html.index("Which register is it?") < html.index("The city&#x27;s.")


@pytest.mark.parametrize(
    "target, text, status, message",
    [
        ("i{first}", "", 400, "Write the reply."),
        ("i{first}", "z" * 5001, 400, "at most 5000 characters"),
        ("i999999", "Hello.", 400, "not about a question of this assessment"),
        ("p9", "Hello.", 400, "not about a question of this assessment"),
        ("p4", "Hello.", 400, "not about a question of this assessment"),
        ("nonsense", "Hello.", 400, "not about a question of this assessment"),
    ],
)
def test_a_refused_reply_comes_back_with_what_was_typed(
    signed_in, sent_back, target, text, status, message
):
    first = f"i{indicator_of(sent_back).pk}"
    target = target.format(first=first[1:])
    response = signed_in.post(page(sent_back), reply_data(target, text))
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    if target == first and text:
        assert text in html  # nothing typed is lost
    assert not ReviewComment.objects.filter(by_reviewer=False).exists()


def test_a_draft_takes_no_replies(signed_in, official, city, cycle):
    draft = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    html = signed_in.get(page(draft)).content.decode()
    assert "Send the reply" not in html
    response = signed_in.post(page(draft), reply_data("p1", "Early."))
    assert response.status_code == 400
    assert not ReviewComment.objects.exists()


def test_an_unknown_action_and_a_get_change_nothing(signed_in, sent_back):
    before = sent_back.events.count()
    assert signed_in.post(page(sent_back), {"action": "publish"}).status_code == 400
    response = signed_in.get(page(sent_back), reply_data("p1", "By GET."))
    assert response.status_code == 200
    assert sent_back.events.count() == before
    assert not ReviewComment.objects.filter(by_reviewer=False).exists()


# Corrections -----------------------------------------------------------------------


def test_an_official_starts_a_correction_with_its_note(signed_in, published):
    html = signed_in.get(page(published)).content.decode()
    assert 'value="correct"' in html
    response = signed_in.post(
        page(published), {"action": "correct", "correction-note": "   "}
    )
    assert response.status_code == 400
    assert "Say what the correction changes, and why." in response.content.decode()
    response = signed_in.post(
        page(published), {"action": "correct", "correction-note": "n" * 2001}
    )
    assert response.status_code == 400
    assert "n" * 2001 in response.content.decode()
    response = signed_in.post(
        page(published),
        {"action": "correct", "correction-note": "Indicator 1.1 named the wrong year."},
    )
    correction = Assessment.objects.get(corrects=published)
    assert response.status_code == 302
    assert response.url == page(correction)
    assert correction.version == 2
    assert correction.correction_note == "Indicator 1.1 named the wrong year."
    assert correction.answers.count() == published.answers.count()
    # The published one offers no second correction, and says where it is.
    html = signed_in.get(page(published)).content.decode()
    assert 'value="correct"' not in html
    assert page(correction) in html
    response = signed_in.post(
        page(published), {"action": "correct", "correction-note": "Again."}
    )
    assert response.status_code == 400
    assert "already under way" in response.content.decode()
    assert Assessment.objects.filter(corrects=published).count() == 1


def test_only_a_published_assessment_can_be_corrected(signed_in, sent_back):
    assert 'value="correct"' not in signed_in.get(page(sent_back)).content.decode()
    response = signed_in.post(
        page(sent_back), {"action": "correct", "correction-note": "Why not."}
    )
    assert response.status_code == 400
    assert "Only the published version" in response.content.decode()
    assert not Assessment.objects.filter(corrects=sent_back).exists()


def test_a_reply_sent_after_the_session_ended_comes_back(client, sent_back, official):
    response = client.post(page(sent_back), reply_data("p1", "Typed, then away."))
    assert response.status_code == 302
    sign_in(client, official)
    html = client.get(page(sent_back)).content.decode()
    assert "Typed, then away." in html
    assert "It is not sent yet" in html
    assert not ReviewComment.objects.filter(by_reviewer=False).exists()


def test_the_page_is_never_cached(signed_in, sent_back):
    response = signed_in.get(page(sent_back))
    assert "no-cache" in response.headers["Cache-Control"]


def test_a_published_assessment_takes_no_replies(signed_in, published):
    assert "Send the reply" not in signed_in.get(page(published)).content.decode()
    response = signed_in.post(page(published), reply_data("p1", "Too late."))
    assert response.status_code == 400
    assert "takes no comments now" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_the_page_takes_as_many_queries_with_more_indicators_and_comments(
    signed_in, sent_back, reviewer, official
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import IndicatorFactory

    signed_in.get(page(sent_back))
    with CaptureQueriesContext(connection) as few:
        assert signed_in.get(page(sent_back)).status_code == 200
    version = sent_back.cycle.framework_version
    for n in range(3, 9):
        indicator = IndicatorFactory(
            framework_version=version, principle_id=1, code=f"1.{n}"
        )
        for user in (reviewer, official):
            services.review_comment(
                user=user,
                assessment_id=sent_back.pk,
                indicator_id=indicator.pk,
                text="Not answered?",
            )
    signed_in.get(page(sent_back))  # the site's navigation, rebuilt once
    with CaptureQueriesContext(connection) as many:
        response = signed_in.get(page(sent_back))
    assert response.content.decode().count("Not answered?") == 12
    assert len(many) == len(few)


def test_a_kept_reply_for_no_thread_of_the_page_is_dropped_quietly(
    client, sent_back, official
):
    response = client.post(page(sent_back), reply_data("p9", "Odd."))
    assert response.status_code == 302
    sign_in(client, official)
    response = client.get(page(sent_back))
    assert response.status_code == 200
    assert 'class="error-summary"' not in response.content.decode()
