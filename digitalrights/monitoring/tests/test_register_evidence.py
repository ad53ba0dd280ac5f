"""The city's published algorithm register entries as evidence of an answer."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from digitalrights.membership.tests.factories import sign_in
from digitalrights.monitoring import services
from digitalrights.monitoring.models import Answer, AssessmentState, Cycle
from digitalrights.monitoring.scores import scores_record
from digitalrights.register.services import entry_withdraw
from digitalrights.register.tests.factories import AlgorithmEntryFactory, published

from .factories import framework, member_city, official_of

pytestmark = pytest.mark.django_db

REFUSED = "Choose among your city&#x27;s published algorithm register entries."
FIELD_LABEL = "Your city&#x27;s algorithm register entries that show it"


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
        year=2054,
        framework_version=framework(principles=(1,), per_principle=2),
        opens_at=now - datetime.timedelta(days=1),
        deadline=now + datetime.timedelta(days=30),
    )


@pytest.fixture
def assessment(official, city, cycle):
    return services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )


@pytest.fixture
def signed_in(client, official):
    sign_in(client, official)
    return client


@pytest.fixture
def ours(city):
    return published(city=city, title="Parking scan car")


@pytest.fixture
def indicator(cycle):
    return cycle.framework_version.indicators.order_by("code").first()


def answer_url(assessment, indicator) -> str:
    return reverse("monitoring_officials:answer", args=[assessment.pk, indicator.pk])


def post_data(**changes) -> dict:
    data = {"level": "3", "justification": "The register says so.", "save": "1"}
    data.update(changes)
    return data


def entries_of(assessment, indicator) -> list[int]:
    answer = Answer.objects.get(assessment=assessment, indicator=indicator)
    return list(answer.register_entries.values_list("pk", flat=True))


def checked(page: str, entry) -> bool:
    pattern = rf'<input[^>]*name="register_entries" value="{entry.pk}"[^>]*>'
    return any("checked" in tag for tag in re.findall(pattern, page))


def published_now(assessment):
    """Publish ``assessment`` as review would have, for the public pages."""
    type(assessment).objects.filter(pk=assessment.pk).update(
        state=AssessmentState.PUBLISHED, is_current=True, published_at=timezone.now()
    )
    scores_record(assessment_id=assessment.pk)


def public_page(client, city) -> str:
    response = client.get(reverse("monitoring:city", args=[city.geonameid]))
    assert response.status_code == 200
    return response.content.decode()


# Picking them --------------------------------------------------------------------


def test_an_official_picks_own_published_entries_and_the_public_sees_them(
    client, signed_in, assessment, indicator, ours, city
):
    elsewhere = published(title="Another city's chatbot")
    draft = AlgorithmEntryFactory(city=city, title="Unfinished draft")
    page = signed_in.get(answer_url(assessment, indicator)).content.decode()
    assert FIELD_LABEL in page and "Parking scan car" in page
    assert elsewhere.title not in page and draft.title not in page
    response = signed_in.post(
        answer_url(assessment, indicator), post_data(register_entries=[ours.pk])
    )
    assert response.status_code == 302
    assert entries_of(assessment, indicator) == [ours.pk]
    # Shown checked when the official comes back to the answer.
    assert checked(
        signed_in.get(answer_url(assessment, indicator)).content.decode(), ours
    )
    client.logout()
    published_now(assessment)
    page = public_page(client, city)
    assert "Parking scan car" in page and ours.get_absolute_url() in page


def test_the_field_is_left_out_when_the_city_has_no_published_entry(
    signed_in, assessment, indicator, city
):
    AlgorithmEntryFactory(city=city, title="Unfinished draft")
    page = signed_in.get(answer_url(assessment, indicator)).content.decode()
    assert FIELD_LABEL not in page and "Unfinished draft" not in page


@pytest.mark.parametrize("which", ["elsewhere", "draft", "unknown", "nonsense"])
def test_another_citys_entry_a_draft_or_a_bogus_id_is_refused_and_nothing_changes(
    signed_in, assessment, indicator, ours, city, which
):
    signed_in.post(
        answer_url(assessment, indicator), post_data(register_entries=[ours.pk])
    )
    hostile = {
        "elsewhere": lambda: published().pk,
        "draft": lambda: AlgorithmEntryFactory(city=city).pk,
        "unknown": lambda: 987654321,
        "nonsense": lambda: "1 OR 1=1",
    }[which]()
    response = signed_in.post(
        answer_url(assessment, indicator),
        post_data(justification="Typed again", register_entries=[ours.pk, hostile]),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert REFUSED in page
    assert "Typed again" in page and checked(page, ours)
    answer = Answer.objects.get(assessment=assessment, indicator=indicator)
    assert answer.justification == "The register says so."
    assert entries_of(assessment, indicator) == [ours.pk]


def test_the_service_refuses_entries_that_are_not_the_citys_published_ones(
    official, assessment, indicator, ours, city
):
    for other in (published(), AlgorithmEntryFactory(city=city)):
        with pytest.raises(ValidationError, match="published algorithm register"):
            services.answer_save(
                user=official,
                assessment_id=assessment.pk,
                indicator_id=indicator.pk,
                level=3,
                register_entry_ids=[ours.pk, other.pk],
            )
    assert not Answer.objects.filter(assessment=assessment).exists()
    saved = services.answer_save(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        level=3,
        register_entry_ids=[ours.pk],
    )
    assert list(saved.register_entries.all()) == [ours]


def test_an_entry_is_evidence_enough_for_a_level_that_needs_it(
    official, assessment, cycle, ours
):
    for indicator in cycle.framework_version.indicators.all():
        services.answer_save(
            user=official,
            assessment_id=assessment.pk,
            indicator_id=indicator.pk,
            level=3,
            justification="In the register.",
            register_entry_ids=[ours.pk],
        )
    assert services.assessment_missing(assessment) == []


# Nothing picked is lost --------------------------------------------------------


def test_autosave_keeps_the_picked_entries(signed_in, assessment, indicator, ours):
    response = signed_in.post(
        answer_url(assessment, indicator),
        post_data(level="", register_entries=[ours.pk]),
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 204
    assert entries_of(assessment, indicator) == [ours.pk]


def test_entries_picked_when_the_session_ended_come_back_checked(
    client, official, assessment, indicator, ours
):
    url = answer_url(assessment, indicator)
    client.post(url, post_data(register_entries=[ours.pk]))
    assert not Answer.objects.filter(assessment=assessment).exists()
    sign_in(client, official)
    page = client.get(url).content.decode()
    assert "not saved yet" in page
    assert checked(page, ours)


# Where they are shown ------------------------------------------------------------


def test_a_withdrawn_entry_disappears_from_the_public_page(
    client, official, assessment, indicator, ours, city
):
    kept = published(city=city, title="Waste route planner")
    services.answer_save(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        level=3,
        register_entry_ids=[ours.pk, kept.pk],
    )
    published_now(assessment)
    assert "Parking scan car" in public_page(client, city)
    entry_withdraw(user=official, entry_id=ours.pk)
    page = public_page(client, city)
    assert "Parking scan car" not in page
    assert "Waste route planner" in page
    # The answer still points to it, should the city publish it again.
    assert set(entries_of(assessment, indicator)) == {ours.pk, kept.pk}


def test_a_correction_copies_the_entries(official, assessment, indicator, ours):
    services.answer_save(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        level=3,
        register_entry_ids=[ours.pk],
    )
    published_now(assessment)
    correction = services.assessment_correct(
        by=official, assessment_id=assessment.pk, note="Level of 1.1 was wrong."
    )
    assert entries_of(correction, indicator) == [ours.pk]
    assert entries_of(assessment, indicator) == [ours.pk]


def test_the_report_names_the_entries(client, official, assessment, indicator, ours):
    import io

    from pypdf import PdfReader

    services.answer_save(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicator.pk,
        level=3,
        register_entry_ids=[ours.pk],
    )
    published_now(assessment)
    url = reverse("monitoring:city_report", args=[assessment.city.geonameid])
    reader = PdfReader(io.BytesIO(client.get(url).content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Parking scan car (algorithm register)" in text


def test_reviewers_and_the_secretariat_see_the_entries(
    client, official, assessment, cycle, ours, django_user_model
):
    from digitalrights.membership.tests.factories import give_second_factor

    from .test_review_views import reviewer_for

    for indicator in cycle.framework_version.indicators.all():
        services.answer_save(
            user=official,
            assessment_id=assessment.pk,
            indicator_id=indicator.pk,
            level=3,
            justification="In the register.",
            register_entry_ids=[ours.pk],
        )
    services.assessment_submit(user=official, assessment_id=assessment.pk)
    sign_in(client, reviewer_for(1))
    url = reverse("monitoring_review:assessment", args=[assessment.pk, 1])
    page = client.get(url).content.decode()
    assert "“Parking scan car” (algorithm register)" in page
    staff = django_user_model.objects.create_superuser(
        username="secretariat-register", email="s@example.org", password=None
    )
    give_second_factor(staff)
    sign_in(client, staff)
    page = client.get(reverse("monitoring_assessment", args=[assessment.pk]))
    assert "Parking scan car (algorithm register)" in page.content.decode()
