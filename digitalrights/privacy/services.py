"""Self-service copies, erasure and the end of news, by emailed link.

Nobody needs an account: a person gives their address, and only its mailbox
receives the link that opens their data. The link carries the keyed hashes
of the address, signed, never the address itself.
"""

from __future__ import annotations

import enum

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from digitalrights.core import personal_data
from digitalrights.core.ratelimit import hourly_count_within
from digitalrights.endorsements import services as endorsements

LINK_SALT = "privacy.request"
LINK_HOURS = 24
REQUESTS_PER_ADDRESS_PER_HOUR = 3


class Action(enum.StrEnum):
    COPY = "copy"
    ERASE = "erase"
    STOP_NEWS = "stop-news"


class TooManyRequests(Exception):
    """The same address asked too often in the last hour."""


def data_request(*, email: str, action: Action, language: str) -> None:
    """Send the person a link to their data, or say we hold none."""
    if not hourly_count_within(
        "privacy-request",
        personal_data.email_hash(email),
        REQUESTS_PER_ADDRESS_PER_HOUR,
    ):
        raise TooManyRequests
    from .tasks import send_data_link

    # The task's arguments are stored in the database: encrypted, then.
    sealed = personal_data.encrypt(email)
    transaction.on_commit(
        lambda: send_data_link.enqueue(
            sealed_email=sealed, action=str(action), language=language
        )
    )


def data_link_send(*, sealed_email: str, action: Action, language: str) -> None:
    """Email the link (or the news that nothing is kept) to the address."""
    email = personal_data.decrypt(sealed_email)
    if email is None:
        return
    hashes = personal_data.email_hashes(email)
    holds_data = bool(endorsements.endorsements_of(hashes))
    with translation.override(language):
        token = signing.dumps(
            {"h": hashes, "a": str(action)}, salt=LINK_SALT, compress=True
        )
        path = reverse("privacy:open", kwargs={"token": token})
        context = {
            "action": str(action),
            "holds_data": holds_data,
            "url": settings.SITE_URL.rstrip("/") + path,
            "hours": LINK_HOURS,
        }
        subject = render_to_string("privacy/email/link_subject.txt", context).strip()
        body = render_to_string("privacy/email/link_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[email]).send()


def data_request_for_token(token: str) -> tuple[list[str], Action] | None:
    """Return the hashes and action a link names, or None if forged or old."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_HOURS * 3600)
        hashes = [str(h) for h in data["h"]][:5]
        action = Action(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return hashes, action


def data_copy(hashes: list[str]) -> dict:
    """Return a copy of everything kept about the person."""
    return {
        "exported_at": timezone.now().isoformat(),
        "endorsements": endorsements.endorsements_of(hashes),
    }


def data_erase(hashes: list[str]) -> int:
    """Erase everything kept about the person; return how many records."""
    return endorsements.endorsements_erase(hashes)


def data_stop_news(hashes: list[str]) -> int:
    """Send the person no more news, and keep their address no longer."""
    return endorsements.endorsements_stop_news(hashes)
