"""The secretariat's listing: every entry, edit, and take one off the site."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digitalrights.membership.tests.factories import UserFactory
from digitalrights.register import services
from digitalrights.register.models import EntryState

from .factories import AlgorithmEntryFactory, published

pytestmark = pytest.mark.django_db

LISTING = reverse("wagtailsnippets_register_algorithmentry:list")


@pytest.fixture
def staff_client(client, django_user_model):
    staff = django_user_model.objects.create_superuser(
        username="secretariat", email="sec@coalition.example.org", password="x" * 20
    )
    client.force_login(staff)
    return client


def test_the_secretariat_sees_every_entry_drafts_too(staff_client):
    published(title="A public one")
    AlgorithmEntryFactory(title="A city's draft")
    page = staff_client.get(LISTING).content.decode()
    assert "A public one" in page and "A city&#x27;s draft" in page
    assert reverse("register_unpublish", args=[1]).rsplit("/", 3)[0] in page


def test_the_listing_filters_by_risk(staff_client):
    published(title="Risky one", risk="high")
    published(title="Harmless one", risk="minimal")
    page = staff_client.get(LISTING, {"risk": "high"}).content.decode()
    assert "Risky one" in page and "Harmless one" not in page


def test_the_secretariat_takes_an_entry_off_the_site(staff_client, client):
    entry = published()
    confirm = staff_client.get(reverse("register_unpublish", args=[entry.pk]))
    assert confirm.status_code == 200
    response = staff_client.post(reverse("register_unpublish", args=[entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT


def test_the_secretariat_edits_an_entry_and_the_rules_hold(staff_client):
    entry = published(title="Before")
    url = reverse("wagtailsnippets_register_algorithmentry:edit", args=[entry.pk])
    form = staff_client.get(url).context["form"]
    data = {
        name: "" if value is None else value
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["city"] = entry.city.pk
    data["uses_personal_data"] = ""
    bad = {**data, "title": "After", "code_url": "javascript:alert(1)"}
    assert staff_client.post(url, bad).status_code == 200
    entry.refresh_from_db()
    assert entry.title == "Before"
    response = staff_client.post(url, {**data, "title": "After"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "After" and entry.state == EntryState.PUBLISHED


def test_nobody_else_unpublishes(client):
    entry = published()
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        services.entry_unpublish(user=user, entry_id=entry.pk)
    client.force_login(user)
    response = client.post(reverse("register_unpublish", args=[entry.pk]))
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.is_published
