import io
import json

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.core import personal_data
from digitalrights.endorsements import services as endorsements
from digitalrights.endorsements.models import CityTally, Endorsement
from digitalrights.endorsements.tests.factories import endorse
from digitalrights.privacy import services

pytestmark = pytest.mark.django_db


def endorse_and_confirm(city, email="ada@example.org"):
    return endorse(city, email, name="Ada", confirm=True)


def ask(client, email, action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/your-data/", {"email": email, "action": action})
    return response


def run_tasks():
    from django.core.management import call_command

    call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True)


def link_from(message) -> str:
    return message.body.split("http://127.0.0.1:8000")[1].split()[0]


def test_the_privacy_page_says_what_is_kept(client):
    html = client.get("/en/your-data/").content.decode()
    assert "encrypted" in html
    assert "7 days" in html
    assert "Get a copy of your data, erase it, or stop the news" in html


@pytest.mark.django_db(transaction=True)
def test_a_person_gets_a_copy_of_their_data_by_emailed_link(client):
    endorse_and_confirm(CityFactory(name="Utrecht"), email="A.da+x@gmail.com")
    response = client.post(
        "/en/your-data/", {"email": "ada@gmail.com", "action": "copy"}
    )
    assert response.status_code == 302
    assert not DBTaskResult.objects.filter(args_kwargs__icontains="ada@").exists()
    run_tasks()
    [message] = mail.outbox
    assert message.to == ["ada@gmail.com"]
    link = link_from(message)
    page = client.get(link)
    assert "Utrecht" not in page.content.decode()
    shown = client.post(link).content.decode()
    assert "Utrecht" in shown
    download = client.post(link, {"format": "json"})
    data = json.loads(download.content)
    assert download["Content-Disposition"].startswith("attachment")
    assert data["endorsements"][0]["city"] == "Utrecht"
    assert data["endorsements"][0]["status"] == "verified"


@pytest.mark.django_db(transaction=True)
def test_erasing_deletes_the_endorsements_and_corrects_the_counts(client):
    city = CityFactory()
    endorse_and_confirm(city)
    endorse_and_confirm(city, email="someone.else@example.org")
    client.post("/en/your-data/", {"email": "ADA@example.org", "action": "erase"})
    run_tasks()
    link = link_from(mail.outbox[0])
    assert Endorsement.objects.count() == 2
    done = client.post(link).content.decode()
    assert "We deleted 1 record." in done
    assert Endorsement.objects.count() == 1
    assert CityTally.objects.get(city=city).verified == 1
    assert endorsements.tally_recount(repair=False) == {}


@pytest.mark.django_db(transaction=True)
def test_stopping_the_news_deletes_the_address_and_keeps_the_endorsements(client):
    city, other = CityFactory(), CityFactory()
    confirmed = endorse(city, "ada@example.org", wants_news=True, confirm=True)
    pending = endorse(other, "ada@example.org", wants_news=True)
    someone = endorse(city, "bob@example.org", wants_news=True, confirm=True)
    assert Endorsement.objects.get(pk=confirmed.pk).email_encrypted
    client.post("/en/your-data/", {"email": "Ada@Example.org", "action": "stop-news"})
    run_tasks()
    # The worker also sent the pending endorsement its confirmation email.
    [confirmation] = [m for m in mail.outbox if "/confirm/" in m.body]
    [message] = [m for m in mail.outbox if "/your-data/open/" in m.body]
    assert "send no more news" in message.body
    link = link_from(message)
    page = client.get(link).content.decode()
    assert "Send me no more news" in page
    # Opening the link changes nothing; pressing the button does.
    assert Endorsement.objects.get(pk=confirmed.pk).wants_news
    done = client.post(link).content.decode()
    assert "You will get no more news" in done
    assert "keeps it until you confirm it, or 7 days at most" in done
    confirmed.refresh_from_db()
    pending.refresh_from_db()
    someone.refresh_from_db()
    assert (confirmed.wants_news, confirmed.email_encrypted) == (False, "")
    assert confirmed.status == Endorsement.Status.VERIFIED
    # A pending endorsement keeps its address until it is confirmed or lapses.
    assert not pending.wants_news
    assert personal_data.decrypt(pending.email_encrypted) == "ada@example.org"
    assert someone.wants_news
    assert someone.email_encrypted
    assert CityTally.objects.get(city=city).verified == 2
    # Confirming later keeps no address either.
    token = confirmation.body.split("/confirm/")[1].split("/")[0]
    endorsements.endorsement_confirm(token=token)
    pending.refresh_from_db()
    assert pending.email_encrypted == ""


@pytest.mark.django_db(transaction=True)
def test_an_address_we_know_nothing_about_is_told_so(client):
    client.post("/en/your-data/", {"email": "nobody@example.org", "action": "copy"})
    run_tasks()
    [message] = mail.outbox
    assert "We keep nothing about it." in message.body
    assert "/your-data/open/" not in message.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Please give the email address you used."),
        ({"email": "nope", "action": "copy"}, "does not look like an email address"),
        (
            {"email": "ada@example.org", "action": "steal"},
            "Please choose what you would like.",
        ),
        ({"email": "ada@example.org"}, "Please choose what you would like."),
    ],
)
def test_bad_requests_are_refused_with_a_message(client, data, message):
    response = client.post("/en/your-data/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DBTaskResult.objects.filter(task_path__contains="privacy").exists()


def test_asking_too_often_is_refused(client):
    for _ in range(services.REQUESTS_PER_ADDRESS_PER_HOUR):
        client.post("/en/your-data/", {"email": "ada@example.org", "action": "copy"})
    response = client.post(
        "/en/your-data/", {"email": "ada@example.org", "action": "copy"}
    )
    assert response.status_code == 429
    assert "try again in an hour" in response.content.decode()


@pytest.mark.parametrize("token", ["x", "a" * 3000])
def test_a_forged_link_opens_nothing(client, token):
    for method in (client.get, client.post):
        response = method(f"/en/your-data/open/{token}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()


def test_an_old_link_has_expired(client):
    from unittest import mock

    from django.core import signing

    hashes = personal_data.email_hashes("ada@example.org")
    with mock.patch("time.time", return_value=0):
        token = signing.dumps({"h": hashes, "a": "erase"}, salt=services.LINK_SALT)
    assert services.data_request_for_token(token) is None


def test_rotating_the_key_keeps_every_address_readable(settings):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    endorse(CityFactory(), "kept@example.org", wants_news=True, confirm=True)
    new_key = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_ENCRYPTION_KEYS = [
        new_key,
        *settings.PERSONAL_DATA_ENCRYPTION_KEYS,
    ]
    call_command("personal_data_rotate", stdout=io.StringIO())
    settings.PERSONAL_DATA_ENCRYPTION_KEYS = [new_key]
    stored = Endorsement.objects.get().email_encrypted
    assert personal_data.decrypt(stored) == "kept@example.org"
