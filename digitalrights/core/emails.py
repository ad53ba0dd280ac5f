"""Emails to people: rendered in each reader's language, sent one by one.

Every app that tells people of a step (membership, initiatives, monitoring)
renders a subject and a body template per language and sends each person
their own copy, so that no one sees who else got it.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import override

logger = logging.getLogger(__name__)


def email_render(
    template: str, context: dict, language: str, to: Iterable[str] = ()
) -> EmailMessage:
    """Render ``template``'s subject and body in ``language`` as one email.

    ``template`` names two files, ``<template>_subject.txt`` and
    ``<template>_body.txt``. Values that depend on the language (lazy labels,
    ``format_lazy`` URLs) are rendered in it too.
    """
    with override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=list(to))


def email_send_each(
    people: Iterable[tuple[str, str]], template: str, context: dict, *, what: str
) -> int:
    """Send one email to each of ``people`` (address, language); return how many.

    Rendered once per language. Raise if nobody got it, so that the caller's
    task tries again; a refused address is skipped, and a failure once some
    have it only stops the rest (trying again would repeat it to them).
    ``what`` names the notice in the log, never an address.
    """
    people = list(people)
    drafts: dict[str, EmailMessage] = {}
    sent = 0
    for address, language in people:
        draft = drafts.get(language) or email_render(template, context, language)
        drafts[language] = draft
        message = EmailMessage(subject=draft.subject, body=draft.body, to=[address])
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused:
            logger.warning("%s refused for one address.", what)
            continue
        except (smtplib.SMTPException, OSError):
            if not sent:
                raise
            logger.exception("%s reached %s of %s people.", what, sent, len(people))
            break
        sent += 1
    return sent
