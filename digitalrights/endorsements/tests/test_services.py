import datetime
import threading
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import connection
from django.utils import timezone

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.core import personal_data
from digitalrights.endorsements import services
from digitalrights.endorsements.models import CityTally, Endorsement

pytestmark = pytest.mark.django_db

LIMITS = services.Limits(
    per_network=1000, per_address=10, per_network_without_proof=100
)


def sign(city, email="ada@example.org", **overrides):
    arguments = {
        "city": city,
        "email": email,
        "name": "",
        "wants_news": False,
        "language": "en",
        "ip": "203.0.113.9",
        "proof_of_work": False,
        "limits": LIMITS,
    } | overrides
    return services.endorsement_sign(**arguments)


def confirm_link_token(message) -> str:
    return message.body.split("/confirm/")[1].split("/")[0]


def test_signing_keeps_no_readable_address_or_ip():
    endorsement = sign(CityFactory(), email="Ada@Example.org", ip="203.0.113.9")
    stored = Endorsement.objects.get(pk=endorsement.pk)
    row = " ".join(str(value) for value in vars(stored).values())
    assert "ada@example.org" not in row.lower()
    assert "203.0.113" not in row
    assert personal_data.decrypt(stored.email_encrypted) == "Ada@Example.org"
    assert stored.status == Endorsement.Status.PENDING
    assert stored.email_domain == "example.org"


def test_second_signature_with_same_address_changes_nothing():
    city = CityFactory()
    first = sign(city, email="a.da+x@gmail.com", name="Ada")
    again = sign(city, email="ADA@googlemail.com", name="Someone else")
    assert again.pk == first.pk
    assert Endorsement.objects.filter(city=city).count() == 1
    assert Endorsement.objects.get(pk=first.pk).name == "Ada"


def test_the_same_person_may_endorse_several_cities():
    sign(CityFactory())
    sign(CityFactory())
    assert Endorsement.objects.count() == 2


def test_a_confirmation_email_is_sent_once_and_once_more_on_signing_again():
    city = CityFactory()
    sign(city)
    assert services.endorsement_send_confirmations() == 1
    assert services.endorsement_send_confirmations() == 0
    sign(city)
    assert services.endorsement_send_confirmations() == 1
    sign(city)
    sign(city)
    assert services.endorsement_send_confirmations() == 0
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == ["ada@example.org"]
    assert city.name in mail.outbox[0].subject


def test_the_confirmation_email_is_in_the_signers_language():
    city = CityFactory(name="Girona")
    sign(city, language="ca")
    services.endorsement_send_confirmations()
    [message] = mail.outbox
    assert "/ca/endorse/confirm/" in message.body
    assert "Girona" in message.subject
    assert message.subject != "Confirm your endorsement of Girona"


def test_confirming_counts_once_and_forgets_the_address():
    city = CityFactory()
    sign(city)
    services.endorsement_send_confirmations()
    token = confirm_link_token(mail.outbox[0])
    result, endorsement = services.endorsement_confirm(token=token)
    assert result == services.Confirmation.CONFIRMED
    assert endorsement.email_encrypted == ""
    assert endorsement.confirmed_at is not None
    again, _ = services.endorsement_confirm(token=token)
    assert again == services.Confirmation.ALREADY_CONFIRMED
    assert CityTally.objects.get(city=city).verified == 1


def test_no_more_news_between_reading_and_confirming_keeps_no_address():
    endorsement = sign(CityFactory(), wants_news=True)
    token = services.confirmation_token(endorsement)
    real_state = services.confirmation_state

    def news_stopped_meanwhile(token, now=None):
        found = real_state(token, now)
        services.endorsements_stop_news([endorsement.email_hash])
        return found

    with mock.patch.object(services, "confirmation_state", news_stopped_meanwhile):
        result, confirmed = services.endorsement_confirm(token=token)
    assert result == services.Confirmation.CONFIRMED
    assert confirmed.email_encrypted == ""
    assert Endorsement.objects.get(pk=endorsement.pk).email_encrypted == ""


def test_an_address_that_asked_for_news_is_kept_encrypted():
    city = CityFactory()
    sign(city, wants_news=True)
    services.endorsement_send_confirmations()
    _, endorsement = services.endorsement_confirm(
        token=confirm_link_token(mail.outbox[0])
    )
    assert personal_data.decrypt(endorsement.email_encrypted) == "ada@example.org"


@pytest.mark.parametrize(
    "token",
    [
        "",
        "nonsense",
        signing.dumps({"e": 1, "h": "0" * 16}, salt="another salt"),
        signing.dumps({"e": 10**12, "h": "0" * 16}, salt=services.CONFIRMATION_SALT),
        signing.dumps({"e": "x"}, salt=services.CONFIRMATION_SALT),
        signing.dumps([1, 2], salt=services.CONFIRMATION_SALT),
    ],
)
def test_forged_tokens_confirm_nothing(token):
    result, endorsement = services.endorsement_confirm(token=token)
    assert result == services.Confirmation.INVALID
    assert endorsement is None


def test_a_token_for_another_address_confirms_nothing():
    endorsement = sign(CityFactory())
    forged = signing.dumps(
        {"e": endorsement.pk, "h": "f" * 16}, salt=services.CONFIRMATION_SALT
    )
    result, _ = services.endorsement_confirm(token=forged)
    assert result == services.Confirmation.INVALID


def test_a_week_old_link_has_expired_and_the_endorsement_is_then_deleted():
    city = CityFactory()
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    endorsement = sign(city, now=eight_days_ago)
    token = services.confirmation_token(endorsement)
    result, _ = services.endorsement_confirm(token=token)
    assert result == services.Confirmation.EXPIRED
    assert services.endorsement_expire() == 1
    assert not Endorsement.objects.filter(pk=endorsement.pk).exists()
    assert not CityTally.objects.filter(city=city, verified__gt=0).exists()


def test_over_the_hourly_limit_nothing_is_stored():
    city = CityFactory()
    limits = services.Limits(per_network=2, per_address=10, per_network_without_proof=2)
    sign(city, email="one@example.org", limits=limits)
    sign(city, email="two@example.org", limits=limits)
    with pytest.raises(services.RateLimited) as limited:
        sign(city, email="three@example.org", limits=limits)
    assert limited.value.scope == "network"
    assert Endorsement.objects.filter(city=city).count() == 2
    sign(city, email="three@example.org", ip="198.51.100.1", limits=limits)


def test_one_address_is_limited_across_cities():
    limits = services.Limits(
        per_network=100, per_address=2, per_network_without_proof=100
    )
    sign(CityFactory(), limits=limits)
    sign(CityFactory(), limits=limits)
    with pytest.raises(services.RateLimited, match="address"):
        sign(CityFactory(), limits=limits)


def test_the_recount_finds_and_repairs_a_wrong_count():
    city = CityFactory()
    sign(city)
    services.endorsement_send_confirmations()
    services.endorsement_confirm(token=confirm_link_token(mail.outbox[0]))
    CityTally.objects.filter(city=city).update(verified=41)
    assert services.tally_recount(repair=False) == {city.pk: (41, 1)}
    services.tally_recount(repair=True)
    assert services.tally_recount(repair=False) == {}
    assert CityTally.objects.get(city=city).verified == 1


@pytest.mark.django_db(transaction=True)
def test_counts_agree_with_the_signatures_after_concurrent_confirming():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; this needs PostgreSQL.")
    city = CityFactory()
    endorsements = [sign(city, email=f"p{n}@example.org") for n in range(40)]
    tokens = [services.confirmation_token(e) for e in endorsements]
    # Every link is pressed twice, from two threads at once.
    work = tokens + tokens

    def confirm(chunk):
        for token in chunk:
            services.endorsement_confirm(token=token)
        connection.close()

    threads = [threading.Thread(target=confirm, args=(work[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert CityTally.objects.get(city=city).verified == 40
    assert services.tally_recount(repair=False) == {}


def test_the_recount_command_fails_on_a_wrong_count_and_repairs_it():
    from django.core.management import CommandError, call_command

    city = CityFactory()
    CityTally.objects.create(city=city, verified=3)
    with pytest.raises(CommandError, match="1 count"):
        call_command("endorsement_recount")
    call_command("endorsement_recount", repair=True)
    call_command("endorsement_recount")
    assert CityTally.objects.get(city=city).verified == 0


def test_reaching_a_milestone_tells_the_secretariat_and_the_city_once(
    django_capture_on_commit_callbacks,
):
    from digitalrights.endorsements.models import (
        CityContact,
        EndorsementSettings,
        MilestoneReached,
    )

    rules = EndorsementSettings.load()
    rules.milestones = "2, 3"
    rules.notify_secretariat = "secretariat@example.org"
    rules.save()
    city = CityFactory(name="Leiden")
    CityContact.objects.create(
        city=city, name="Mayor's office", email="mayor@example.org"
    )
    endorsements = [sign(city, email=f"p{n}@example.org") for n in range(3)]
    tokens = [services.confirmation_token(e) for e in endorsements]
    with django_capture_on_commit_callbacks(execute=True):
        services.endorsement_confirm(token=tokens[0])
    assert not MilestoneReached.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.endorsement_confirm(token=tokens[1])
    assert callbacks, "a notification task was enqueued"
    notice = MilestoneReached.objects.get(city=city)
    assert notice.threshold == 2
    mail.outbox.clear()
    assert services.milestone_notify(notice_id=notice.pk) is True
    assert services.milestone_notify(notice_id=notice.pk) is False
    [message] = mail.outbox
    assert sorted(message.to) == ["mayor@example.org", "secretariat@example.org"]
    assert "Leiden: 2 confirmed endorsements" in message.subject
    services.endorsement_confirm(token=tokens[2])
    assert sorted(MilestoneReached.objects.values_list("threshold", flat=True)) == [
        2,
        3,
    ]
