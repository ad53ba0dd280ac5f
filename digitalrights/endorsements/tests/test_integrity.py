import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.endorsements import services
from digitalrights.endorsements.models import CityTally, Endorsement, Invalidation
from digitalrights.endorsements.selectors import (
    EndorsementFilter,
    endorsement_integrity,
)
from digitalrights.endorsements.tests.factories import endorse

pytestmark = pytest.mark.django_db


def sign(city, email, ip="203.0.113.9", confirm=False):
    return endorse(city, email, ip=ip, confirm=confirm)


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x")
    client.force_login(user)
    return client


def test_the_report_counts_by_status_source_and_hour_and_raises_alerts():
    city = CityFactory()
    for n in range(4):
        sign(city, f"bot{n}@spam.example", ip="198.51.100.7", confirm=n < 2)
    sign(city, "ada@example.org", ip="203.0.113.9")
    report = endorsement_integrity(
        EndorsementFilter(city_id=city.pk), now=timezone.now(), alert_per_hour=3
    )
    assert report.by_status == {"verified": 2, "pending": 3}
    assert report.top_domains[0] == ("spam.example", 4)
    assert report.top_networks[0][1] == 4
    assert ("domain", "spam.example", 4) in report.alerts
    assert [kind for kind, _source, _n in report.alerts].count("network") == 1
    assert sum(n for _hour, n in report.per_hour) == 5


def test_invalidating_by_domain_voids_matches_and_corrects_counts(
    django_capture_on_commit_callbacks,
):
    city = CityFactory()
    for n in range(3):
        sign(city, f"bot{n}@spam.example", confirm=True)
    sign(city, "ada@example.org", confirm=True)
    user = get_user_model().objects.create_user("sec")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidation = services.invalidation_create(
            user=user,
            rules=EndorsementFilter(email_domain="spam.example"),
            reason="A flood from a throwaway domain.",
        )
    assert invalidation.previewed == 3
    assert len(callbacks) == 1
    assert services.invalidation_run(invalidation_id=invalidation.pk) == 3
    assert services.invalidation_run(invalidation_id=invalidation.pk) == 0
    assert CityTally.objects.get(city=city).verified == 1
    assert services.tally_recount(repair=False) == {}
    invalidation.refresh_from_db()
    assert invalidation.invalidated == 3
    assert invalidation.status == "done"
    assert Endorsement.objects.filter(invalidation=invalidation).count() == 3


def test_later_signatures_are_not_swept_up_by_an_earlier_decision():
    city = CityFactory()
    sign(city, "one@spam.example")
    user = get_user_model().objects.create_user("sec")
    invalidation = services.invalidation_create(
        user=user,
        rules=EndorsementFilter(email_domain="spam.example"),
        reason="Flood.",
        now=timezone.now() - datetime.timedelta(seconds=1),
    )
    sign(city, "two@spam.example")
    assert services.invalidation_run(invalidation_id=invalidation.pk) == 0


def test_an_invalidation_without_a_filter_is_refused():
    user = get_user_model().objects.create_user("sec")
    with pytest.raises(ValueError, match="at least one filter"):
        services.invalidation_create(user=user, rules=EndorsementFilter(), reason="x")


def test_the_admin_page_previews_then_records_the_decision(staff):
    city = CityFactory()
    for n in range(2):
        sign(city, f"bot{n}@spam.example", ip="198.51.100.7")
    page = staff.get("/admin/endorsements/integrity/", {"network": "198.51.100.0/24"})
    assert page.status_code == 200
    assert "2 endorsements match this filter now." in page.content.decode()
    refused = staff.post(
        "/admin/endorsements/integrity/", {"network": "198.51.100.0/24"}, follow=True
    )
    assert "Say why, for the record." in refused.content.decode()
    assert not Invalidation.objects.exists()
    done = staff.post(
        "/admin/endorsements/integrity/",
        {"network": "198.51.100.0/24", "reason": "One network, two minutes."},
        follow=True,
    )
    assert "2 endorsements will be invalidated" in done.content.decode()
    assert Invalidation.objects.get().filters["network_hash"]


@pytest.mark.parametrize(
    "query",
    [
        {"city": "abc"},
        {"city": "1"},
        {"since": "yesterday"},
        {"network": "not a network"},
        {"status": "everything"},
        {"email_domain": "x" * 1000},
    ],
)
def test_bad_filters_give_messages_not_errors(staff, query):
    response = staff.get("/admin/endorsements/integrity/", query)
    assert response.status_code == 200
    assert "error-message" in response.content.decode()


def test_people_without_the_permission_are_kept_out(client):
    user = get_user_model().objects.create_user("editor", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/endorsements/integrity/")
    # Wagtail turns a refusal into a redirect to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_link_of_an_invalidated_endorsement_offers_no_button(client):
    city = CityFactory()
    endorsement = sign(city, "bot@spam.example")
    user = get_user_model().objects.create_user("sec")
    invalidation = services.invalidation_create(
        user=user, rules=EndorsementFilter(email_domain="spam.example"), reason="Flood."
    )
    services.invalidation_run(invalidation_id=invalidation.pk)
    link = f"/en/endorse/confirm/{services.confirmation_token(endorsement)}/"
    page = client.get(link)
    assert page.status_code == 400
    assert "This link does not work" in page.content.decode()
    assert "<button" not in page.content.decode().split("<main")[1]
