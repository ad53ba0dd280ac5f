"""The officials' self-assessment pages, through the client."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalrights.membership.tests.factories import sign_in
from digitalrights.monitoring import services
from digitalrights.monitoring.models import Answer, AssessmentState, Cycle

from .factories import framework, member_city, official_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return member_city()


@pytest.fixture
def official(city):
    return official_of(city)


@pytest.fixture
def cycle():
    now = timezone.now()
    return Cycle.objects.create(
        year=2053,
        framework_version=framework(principles=(1,), per_principle=2),
        opens_at=now - datetime.timedelta(days=1),
        deadline=now + datetime.timedelta(days=30),
    )


@pytest.fixture
def signed_in(client, official):
    sign_in(client, official)
    return client


@pytest.fixture
def assessment(official, city, cycle):
    return services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )


def indicators(cycle):
    return list(cycle.framework_version.indicators.order_by("code"))


def answer_url(assessment, indicator) -> str:
    return reverse("monitoring_officials:answer", args=[assessment.pk, indicator.pk])


def post_data(**changes) -> dict:
    data = {
        "level": "2",
        "justification": "We started last spring.",
        "link_url_0": "https://city.example.org/plan",
        "link_label_0": "The plan",
        "save": "1",
    }
    data.update(changes)
    return data


def test_an_official_starts_the_assessment_of_an_open_cycle(signed_in, city, cycle):
    page = signed_in.get(reverse("monitoring_officials:list")).content.decode()
    assert "Start the 2053 assessment" in page
    response = signed_in.post(
        reverse("monitoring_officials:start", args=[city.geonameid, cycle.pk])
    )
    assessment = city.assessments.get()
    assert response.url == reverse(
        "monitoring_officials:assessment", args=[assessment.pk]
    )
    page = signed_in.get(response.url).content.decode()
    assert "not answered yet" in page
    assert "Choose a level for indicator 1.1." in page


def test_answering_one_question_goes_on_to_the_next(signed_in, assessment, cycle):
    first, second = indicators(cycle)
    page = signed_in.get(answer_url(assessment, first)).content.decode()
    assert first.question in page
    assert "independently evaluated" in page
    response = signed_in.post(answer_url(assessment, first), post_data(next="1"))
    assert response.url == answer_url(assessment, second)
    answer = Answer.objects.get(assessment=assessment, indicator=first)
    assert (answer.level, answer.justification) == (2, "We started last spring.")
    assert [link.url for link in answer.links.all()] == [
        "https://city.example.org/plan"
    ]


def test_autosave_answers_without_a_page(signed_in, assessment, cycle):
    first = indicators(cycle)[0]
    response = signed_in.post(
        answer_url(assessment, first),
        post_data(level="", justification="Half typed"),
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 204
    answer = Answer.objects.get(assessment=assessment, indicator=first)
    assert (answer.level, answer.justification) == (None, "Half typed")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"link_url_0": "javascript:alert(1)"}, "starts with http:// or https://"),
        ({"level": "9"}, "Choose one of the framework"),
    ],
)
def test_a_refused_answer_comes_back_with_what_was_typed(
    signed_in, assessment, cycle, changes, message
):
    first = indicators(cycle)[0]
    response = signed_in.post(
        answer_url(assessment, first),
        post_data(justification="Kept as typed", **changes),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Kept as typed" in page
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_another_citys_official_cannot_open_or_answer(client, assessment, cycle):
    stranger = official_of(member_city())
    sign_in(client, stranger)
    first = indicators(cycle)[0]
    overview = reverse("monitoring_officials:assessment", args=[assessment.pk])
    assert client.get(overview).status_code == 403
    assert client.get(answer_url(assessment, first)).status_code == 403
    assert client.post(answer_url(assessment, first), post_data()).status_code == 403
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_sending_the_assessment_then_it_waits_unchanged(signed_in, assessment, cycle):
    submit = reverse("monitoring_officials:submit", args=[assessment.pk])
    page = signed_in.post(submit, follow=True).content.decode()
    assert "Choose a level for indicator 1.1." in page
    for indicator in indicators(cycle):
        signed_in.post(answer_url(assessment, indicator), post_data())
    page = signed_in.post(submit, follow=True).content.decode()
    assert "sent to the working groups" in page
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    first = indicators(cycle)[0]
    page = signed_in.get(answer_url(assessment, first)).content.decode()
    assert "Wait for the reviewers" in page
    response = signed_in.post(answer_url(assessment, first), post_data(level="4"))
    assert response.status_code == 400
    assert Answer.objects.get(assessment=assessment, indicator=first).level == 2
