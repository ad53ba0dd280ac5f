"""Confirmation emails over a real SMTP connection, as production sends them."""

import email
import email.policy
import socket
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.endorsements import services
from digitalrights.endorsements.models import Endorsement

from .test_services import sign

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.received = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port, and the settings that send to it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, server_hostname="localhost"
    )
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def parsed(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def test_emails_written_once_per_city_are_whole_and_each_their_own(smtp_server):
    # A name that needs encoding in the subject, in a language with accents.
    city = CityFactory(name="Sant Cugat del Vallès")
    other = CityFactory(name="Zürich")
    sign(city, email="ada@example.org", language="ca")
    sign(city, email="bob@example.org", language="ca")
    sign(other, email="ada@example.org", language="fr")
    # Plain ASCII addresses never take the ordinary, slower path.
    with mock.patch.object(
        services.EmailMessage, "send", side_effect=AssertionError("ordinary path")
    ):
        assert services.endorsement_send_confirmations() == 3

    messages = {
        (envelope.rcpt_tos[0], parsed(envelope)["Subject"]): parsed(envelope)
        for envelope in smtp_server.received
    }
    assert len(messages) == 3
    ids = {message["Message-ID"] for message in messages.values()}
    assert len(ids) == 3
    for (recipient, subject), message in messages.items():
        assert message["To"] == recipient
        assert message["Date"] is not None
        assert "1970" not in message["Date"]
        assert "placeholder" not in message.as_string()
        body = message.get_content()
        token = body.split("/confirm/")[1].split("/")[0]
        endorsement = services.endorsement_for_token(token)
        assert endorsement is not None
        assert endorsement.city.name in subject
        assert endorsement.city.name in body
        assert f"/{endorsement.language}/endorse/confirm/" in body
        assert services.personal_data.decrypt(endorsement.email_encrypted) == (
            recipient
        )


def test_the_prepared_email_says_what_an_ordinary_one_says(smtp_server):
    city = CityFactory(name="São Paulo")
    endorsement = sign(city, email="ada@example.org", language="es")
    services.endorsement_send_confirmations()
    [envelope] = smtp_server.received
    fast = parsed(envelope)
    draft = services.ConfirmationDraft(endorsement)
    assert draft.raw is not None
    # The same token (it carries the second it was made in).
    token = fast.get_content().split("/confirm/")[1].split("/")[0]
    assert services.endorsement_for_token(token) == endorsement
    ordinary = email.message_from_bytes(
        draft.message("ada@example.org", token).message().as_bytes(linesep="\r\n"),
        policy=email.policy.default,
    )
    for header in ("Subject", "From", "To", "Content-Type"):
        assert fast[header] == ordinary[header]
    assert fast.get_content() == ordinary.get_content()


def test_an_address_beyond_ascii_gets_an_ordinary_message(smtp_server):
    sign(CityFactory(), email="zoë@example.org")
    assert services.endorsement_send_confirmations() == 1
    [envelope] = smtp_server.received
    assert parsed(envelope)["To"] == "zoë@example.org"


def test_a_mail_server_failure_leaves_the_unsent_emails_due():
    city = CityFactory()
    for name in ("ada", "bob", "cy"):
        sign(city, email=f"{name}@example.org")
    real_send = services.ConfirmationDraft.send
    calls = []

    def fail_on_the_second(self, connection, address, token):
        calls.append(address)
        if len(calls) == 2:
            raise ConnectionRefusedError("the mail server went away")
        real_send(self, connection, address, token)

    with (
        mock.patch.object(services.ConfirmationDraft, "send", fail_on_the_second),
        pytest.raises(ConnectionRefusedError),
    ):
        services.endorsement_send_confirmations()
    assert len(mail.outbox) == 1
    due = Endorsement.objects.filter(confirmation_sent_at__isnull=True)
    assert due.count() == 2
    assert set(due.values_list("confirmations_sent", flat=True)) == {0}
    # The next run sends them.
    assert services.endorsement_send_confirmations() == 2
    assert len(mail.outbox) == 3


def test_an_address_the_mail_server_refuses_is_not_retried(smtp_server):
    sign(CityFactory(), email="ada@example.org")
    refused = services.smtplib.SMTPRecipientsRefused({"ada@example.org": (550, b"")})
    with mock.patch.object(services.ConfirmationDraft, "send", side_effect=refused):
        assert services.endorsement_send_confirmations() == 0
    assert services.endorsement_send_confirmations() == 0


def test_an_address_that_looks_like_a_placeholder_is_sent_as_it_is(smtp_server):
    address = f"{services.ConfirmationDraft.TOKEN}@example.org"
    sign(CityFactory(), email=address)
    assert services.endorsement_send_confirmations() == 1
    [envelope] = smtp_server.received
    assert envelope.rcpt_tos == [address]
    assert parsed(envelope)["To"] == address
    assert "/confirm/TOKENPLACEHOLDER" not in parsed(envelope).get_content()


@pytest.mark.parametrize("address", ["a@\ue000.com", "a@" + "ü" * 60 + ".com"])
def test_an_address_mail_cannot_be_sent_to_is_refused_by_the_form(client, address):
    city = CityFactory()
    response = client.post(
        f"/en/endorse/{city.geonameid}/", {"email": address, "name": ""}
    )
    assert response.status_code == 400
    assert "does not look like an email address" in response.content.decode()
    assert not Endorsement.objects.exists()


def test_an_address_that_cannot_be_sent_to_holds_up_no_one_else(smtp_server):
    city = CityFactory()
    # Stored before the form learnt to refuse it: it must not block the queue.
    sign(city, email="a@\ue000.com")
    sign(city, email="bob@example.org")
    assert services.endorsement_send_confirmations() == 1
    assert [e.rcpt_tos for e in smtp_server.received] == [["bob@example.org"]]
    assert services.endorsement_send_confirmations() == 0
