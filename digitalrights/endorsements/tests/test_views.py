import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digitalrights.cities.models import City
from digitalrights.endorsements import services
from digitalrights.endorsements.models import CityTally, Endorsement

pytestmark = pytest.mark.django_db

AMSTERDAM = 2759794


@pytest.fixture
def city():
    return City.objects.get(geonameid=AMSTERDAM)


def endorse(client, data, geonameid=AMSTERDAM, **extra):
    return client.post(f"/en/endorse/{geonameid}/", data, **extra)


def test_the_city_page_has_the_form_and_the_count(client, city):
    html = client.get(city.get_absolute_url()).content.decode()
    assert 'action="/en/endorse/2759794/"' in html
    assert "0</strong> confirmed endorsements" in html
    assert "keep the commitments" in html
    assert "csrfmiddlewaretoken" not in html


def test_a_valid_endorsement_is_stored_and_leads_to_check_your_email(client, city):
    response = endorse(client, {"email": "ada@example.org", "name": "Ada"})
    assert response.status_code == 302
    assert response["Location"] == "/en/endorse/2759794/sent/"
    assert Endorsement.objects.filter(city=city).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page


def test_signing_twice_gives_the_same_answer_and_stores_nothing_more(client, city):
    first = endorse(client, {"email": "ada@example.org"})
    second = endorse(client, {"email": "ADA+again@example.org"})
    assert first["Location"] == second["Location"]
    assert Endorsement.objects.filter(city=city).count() == 1


def test_the_full_journey_counts_after_the_button_not_the_link(client, city):
    endorse(client, {"email": "ada@example.org"})
    services.endorsement_send_confirmations()
    [message] = mail.outbox
    link = message.body.split("http://127.0.0.1:8000")[1].split()[0]
    # A mail scanner follows the link: nothing is confirmed.
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my endorsement of Amsterdam" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert not CityTally.objects.filter(city=city, verified__gt=0).exists()
    # The person presses the button.
    done = client.post(link)
    assert "your endorsement counts" in done.content.decode()
    assert CityTally.objects.get(city=city).verified == 1
    html = client.get(city.get_absolute_url()).content.decode()
    assert "1</strong> confirmed endorsement" in html
    again = client.post(link)
    assert "Already confirmed" in again.content.decode()
    assert CityTally.objects.get(city=city).verified == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Please give your email address"),
        ({"email": "not an address"}, "does not look like an email address"),
        ({"email": "a@b.c" + "x" * 300}, "does not look like an email address"),
        (
            {"email": "ada@example.org", "name": "<script>alert(1)</script>"},
            "without the characters",
        ),
        ({"email": "ada@example.org", "name": "x" * 101}, "shorten your name"),
        (
            {"email": "ada@example.org", "website": "http://spam.example"},
            "must stay empty",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_kept(client, city, data, message):
    response = endorse(client, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "There is a problem" in html
    if data.get("email"):
        assert 'value="' + data["email"][:20] in html
    assert "<script>alert" not in html
    assert not Endorsement.objects.exists()


def test_a_ten_megabyte_body_is_refused_without_a_server_error(client):
    response = endorse(client, {"email": "ada@example.org", "name": "x" * 10_000_000})
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_an_unknown_city_is_a_not_found_page(client):
    response = endorse(client, {"email": "ada@example.org"}, geonameid=1)
    assert response.status_code == 404
    assert not Endorsement.objects.exists()


def test_over_the_limit_the_person_is_told_and_nothing_is_stored(
    client, city, settings
):
    from digitalrights.endorsements.models import EndorsementSettings

    rules = EndorsementSettings.load()
    rules.per_network_without_proof_per_hour = 1
    rules.save()
    endorse(client, {"email": "one@example.org"})
    response = endorse(client, {"email": "two@example.org", "name": "Two"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "try again in an hour" in html
    assert 'value="two@example.org"' in html
    assert Endorsement.objects.count() == 1


@pytest.mark.parametrize("token", ["x", "a" * 5000, "%00", "..%2F..%2Fetc"])
def test_a_forged_link_says_so_and_confirms_nothing(client, token):
    for method in (client.get, client.post):
        response = method(f"/en/endorse/confirm/{token}/")
        assert response.status_code in (400, 404)
    assert not CityTally.objects.filter(verified__gt=0).exists()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    email=st.text(max_size=300),
    name=st.text(max_size=200),
    news=st.sampled_from(["", "on", "yes", "\x00", "1" * 1000]),
    website=st.text(max_size=20),
)
def test_the_form_never_fails_with_a_server_error(client, email, name, news, website):
    data = {"email": email, "name": name, "wants_news": news, "website": website}
    response = endorse(client, data)
    assert response.status_code in (302, 400, 429)


def test_city_pages_keep_a_count_only_for_seconds(client, city, settings):
    from digitalrights.endorsements.tests.factories import endorse as endorse_city

    # A minute, so that a slow machine cannot see the copy expire mid-test.
    settings.LIVE_PAGE_CACHE_SECONDS = 60
    # The first view may create the endorsement settings, which retires it.
    client.get(city.get_absolute_url())
    client.get(city.get_absolute_url())
    endorse_city(city, confirm=True)
    # Endorsements never retire the page cache: the copy stays its seconds…
    cached = client.get(city.get_absolute_url()).content.decode()
    assert "0</strong> confirmed endorsements" in cached
    # …and a page kept no seconds at all shows the new count at once.
    settings.LIVE_PAGE_CACHE_SECONDS = 0
    client.get("/en/cities/2759794-amsterdam/?fresh")
    fresh = client.get("/en/cities/2759794-amsterdam/?fresh").content.decode()
    assert "1</strong> confirmed endorsement" in fresh
