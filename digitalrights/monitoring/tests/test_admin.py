"""The secretariat's monitoring pages in the Wagtail admin."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from digitalrights.monitoring.models import (
    Assessment,
    AssessmentState,
    Cycle,
    FrameworkVersion,
)

from .factories import AssessmentFactory, CycleFactory, framework, person

pytestmark = pytest.mark.django_db

ASSESSMENTS = reverse("monitoring_assessments")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin-test", email="admin@coalition.example.org", password=None
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def edit_url(version) -> str:
    return reverse(
        "wagtailsnippets_monitoring_frameworkversion:edit", args=[version.pk]
    )


def frozen(version: FrameworkVersion) -> FrameworkVersion:
    version.frozen_at = timezone.now()
    version.save(update_fields=["frozen_at"])
    return version


def test_an_open_version_is_edited_and_a_frozen_one_only_shown(staff_client):
    open_version = framework()
    assert staff_client.get(edit_url(open_version)).status_code == 200
    version = frozen(framework())
    response = staff_client.get(edit_url(version), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "monitoring_framework_version", args=[version.pk]
    )
    assert "can no longer change" in page
    assert version.indicators.first().question in page
    before = version.label
    staff_client.post(edit_url(version), {"label": "changed"})
    version.refresh_from_db()
    assert version.label == before
    delete = reverse(
        "wagtailsnippets_monitoring_frameworkversion:delete", args=[version.pk]
    )
    staff_client.post(delete)
    assert FrameworkVersion.objects.filter(pk=version.pk).exists()


def test_a_new_version_is_made_from_a_frozen_one_in_the_admin(staff_client):
    version = frozen(framework())
    response = staff_client.post(
        reverse("monitoring_framework_version", args=[version.pk]),
        {"label": "next year", "notes": "Sharper questions."},
    )
    copy = FrameworkVersion.objects.get(label="next year")
    assert response.url == edit_url(copy)
    assert copy.based_on == version
    assert copy.indicators.count() == version.indicators.count()


def test_opening_a_cycle_in_the_admin_freezes_its_version(staff_client):
    version = framework()
    response = staff_client.post(
        reverse("wagtailsnippets_monitoring_cycle:add"),
        {
            "year": "2051",
            "framework_version": str(version.pk),
            "opens_at": "2051-01-10 09:00",
            "deadline": "2051-03-31 23:59",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    cycle = Cycle.objects.get(year=2051)
    version.refresh_from_db()
    assert version.is_frozen
    assert cycle.opened_by is not None


def test_a_cycle_without_indicators_is_refused_with_the_reason(staff_client):
    empty = FrameworkVersion.objects.create(label="empty")
    response = staff_client.post(
        reverse("wagtailsnippets_monitoring_cycle:add"),
        {
            "year": "2052",
            "framework_version": str(empty.pk),
            "opens_at": "2052-01-10 09:00",
            "deadline": "2052-03-31 23:59",
        },
    )
    assert response.status_code == 200
    assert "at least two levels" in response.content.decode()
    assert not Cycle.objects.filter(year=2052).exists()


def test_closing_a_cycle_in_the_admin(staff_client):
    cycle = CycleFactory()
    response = staff_client.post(
        reverse("wagtailsnippets_monitoring_cycle:edit", args=[cycle.pk]),
        {
            "opens_at": "2050-01-10 09:00",
            "deadline": "2050-03-31 23:59",
            "state": "closed",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    cycle.refresh_from_db()
    assert cycle.state == "closed" and cycle.closed_at is not None


def test_the_secretariat_sees_sent_assessments_and_counts_drafts(staff_client):
    sent = AssessmentFactory(
        state=AssessmentState.SUBMITTED, submitted_at=timezone.now()
    )
    draft = AssessmentFactory(cycle=sent.cycle)
    page = staff_client.get(ASSESSMENTS).content.decode()
    assert sent.city.name in page
    assert draft.city.name not in page
    assert "1 draft under way" in page
    detail = reverse("monitoring_assessment", args=[draft.pk])
    assert staff_client.get(detail, follow=True).status_code == 404


def test_the_secretariat_publishes_an_accepted_assessment(staff_client):
    assessment = AssessmentFactory(
        state=AssessmentState.ACCEPTED,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
        accepted_at=timezone.now(),
    )
    url = reverse("monitoring_assessment", args=[assessment.pk])
    assert "Publish" in staff_client.get(url).content.decode()
    staff_client.post(url, {"decision": "publish"})
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.PUBLISHED and assessment.is_current
    response = staff_client.post(url, {"decision": "publish"}, follow=True)
    assert "Only an assessment its reviewers accepted" in response.content.decode()


def test_staff_without_the_permission_see_no_assessment(client):
    user = person(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assessment = AssessmentFactory(state=AssessmentState.SUBMITTED)
    # Wagtail sends a refused person back to the admin's home page.
    refused = client.get(ASSESSMENTS)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    url = reverse("monitoring_assessment", args=[assessment.pk])
    assert client.get(url)["Location"] == "/admin/"
    assert client.post(url, {"decision": "publish"})["Location"] == "/admin/"
    assert Assessment.objects.get(pk=assessment.pk).state == "submitted"


def test_a_viewer_sees_assessments_but_cannot_publish(client):
    user = person(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_assessment"),
    )
    client.force_login(user)
    assessment = AssessmentFactory(
        state=AssessmentState.ACCEPTED, accepted_at=timezone.now()
    )
    url = reverse("monitoring_assessment", args=[assessment.pk])
    assert "Publish" not in client.get(url).content.decode()
    client.post(url, {"decision": "publish"})
    assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.ACCEPTED


def test_the_monitoring_menu_and_its_lists_open(staff_client):
    framework()
    CycleFactory()
    home = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Monitoring" in home
    for name in ("frameworkversion", "cycle", "reviewer"):
        url = reverse(f"wagtailsnippets_monitoring_{name}:list")
        assert staff_client.get(url).status_code == 200, url
    add = reverse("wagtailsnippets_monitoring_frameworkversion:add")
    assert staff_client.get(add).status_code == 200


def test_editing_a_version_names_comparable_indicators_in_few_queries(
    staff_client, django_assert_max_num_queries
):
    for _i in range(3):
        framework(principles=(1, 2, 3), per_principle=3)
    version = framework(principles=(1, 2, 3, 4, 5), per_principle=5)
    with django_assert_max_num_queries(150):
        response = staff_client.get(edit_url(version))
    assert response.status_code == 200
