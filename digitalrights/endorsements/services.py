"""Every change to endorsements goes through one of these functions."""

from __future__ import annotations

import datetime
import enum
import logging
import re
import smtplib
from collections import Counter
from contextlib import nullcontext
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, TextField, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from digitalrights.cities.models import City
from digitalrights.core import local, personal_data
from digitalrights.core.ratelimit import Once, hourly_counts

from .models import (
    CityContact,
    CityTally,
    Endorsement,
    EndorsementSettings,
    Invalidation,
    MilestoneReached,
)
from .selectors import EndorsementFilter, Limits, endorsement_filter, endorsement_rules

__all__ = ["Limits"]  # signers and tests pass limits of their own

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "endorsements.confirm"
# A pending endorsement lapses after this long; its data is then deleted.
PENDING_DAYS = 7
# Everyone gets one confirmation email, and one more if they sign again.
MAX_CONFIRMATIONS = 2
SEND_BATCH = 200


class RateLimited(Exception):
    """Too many endorsements from one network or address in the last hour."""

    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


class ProofReplayed(Exception):
    """The proof of work sent with the form was used before."""


class Confirmation(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already confirmed"
    EXPIRED = "expired"
    INVALID = "invalid"


def endorsement_sign(
    *,
    city: City,
    email: str,
    name: str,
    wants_news: bool,
    language: str,
    ip: str,
    proof_of_work: bool,
    proof_once: Once | None = None,
    now: datetime.datetime | None = None,
    limits: Limits | None = None,
) -> Endorsement:
    """Record an endorsement, or find the one this address already made.

    Signing again for the same city changes nothing; the person gets the
    same answer, and at most one more confirmation email. Over an hourly
    limit, raise RateLimited and store nothing. ``proof_once`` is the key of
    a solved proof of work, claimed here in the same round trip to the cache
    as the hourly counts: used before, it raises ProofReplayed.
    """
    now = now or timezone.now()
    limits = limits or endorsement_rules().limits
    hashes = personal_data.email_hashes(email)
    network = personal_data.network_hash(ip)
    network_limit = (
        limits.per_network if proof_of_work else limits.per_network_without_proof
    )
    (by_address, by_network), proof_first = hourly_counts(
        [("endorse-address", hashes[0]), ("endorse-network", network)],
        once=proof_once,
        now=now,
    )
    if not proof_first:
        raise ProofReplayed()
    if by_address > limits.per_address:
        raise RateLimited("address")
    if by_network > network_limit:
        raise RateLimited("network")
    endorsement = Endorsement(
        city=city,
        email_hash=hashes[0],
        email_encrypted=personal_data.encrypt(email.strip()),
        email_domain=personal_data.email_domain(email),
        network_hash=network,
        name=name.strip(),
        wants_news=wants_news,
        language=language,
        proof_of_work=proof_of_work,
        created_at=now,
    )
    try:
        # One statement needs no transaction of its own (that would be two
        # more round trips); inside someone else's, a savepoint keeps a
        # duplicate from spoiling it.
        with _savepoint_if_in_transaction():
            endorsement.save(force_insert=True)
    except IntegrityError:
        existing = Endorsement.objects.filter(city=city, email_hash__in=hashes).first()
        if existing is None:
            raise
        _allow_one_more_confirmation(existing)
        return existing
    _schedule_sender()
    return endorsement


def _savepoint_if_in_transaction():
    connection = transaction.get_connection()
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _allow_one_more_confirmation(endorsement: Endorsement) -> None:
    """Queue the confirmation email again, once, for a pending endorsement."""
    Endorsement.objects.filter(
        pk=endorsement.pk,
        status=Endorsement.Status.PENDING,
        confirmations_sent__lt=MAX_CONFIRMATIONS,
        confirmation_sent_at__isnull=False,
    ).update(confirmation_sent_at=None)
    _schedule_sender()


# The worker sends every email that is due, so one task a second is enough
# however many sign; the scheduler's minutely run catches any that is lost.
_sender = local.Throttle(seconds=1)


def _schedule_sender() -> None:
    """Enqueue the email sender, at most once a second in each process."""
    if _sender.ready():
        from .tasks import send_confirmations

        transaction.on_commit(send_confirmations.enqueue)


def confirmation_token(endorsement: Endorsement) -> str:
    """Return the secret part of the confirmation link."""
    return signing.dumps(
        {"e": endorsement.pk, "h": endorsement.email_hash[:16]},
        salt=CONFIRMATION_SALT,
        compress=True,
    )


def endorsement_for_token(token: str) -> Endorsement | None:
    """Return the endorsement a confirmation token names, or None if forged."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT)
        pk, hash_prefix = int(data["e"]), str(data["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    endorsement = Endorsement.objects.select_related("city").filter(pk=pk).first()
    if endorsement is None or endorsement.email_hash[:16] != hash_prefix:
        return None
    return endorsement


def confirmation_state(
    token: str, now: datetime.datetime | None = None
) -> tuple[Confirmation | None, Endorsement | None]:
    """Return what pressing a link's button would do: None means confirm.

    The page the link opens and the button's POST both ask this, so they
    never disagree.
    """
    now = now or timezone.now()
    endorsement = endorsement_for_token(token)
    if endorsement is None or endorsement.status == Endorsement.Status.INVALIDATED:
        return Confirmation.INVALID, None
    if endorsement.status == Endorsement.Status.VERIFIED:
        return Confirmation.ALREADY_CONFIRMED, endorsement
    if endorsement.created_at < now - datetime.timedelta(days=PENDING_DAYS):
        return Confirmation.EXPIRED, endorsement
    return None, endorsement


def endorsement_confirm(
    *, token: str, now: datetime.datetime | None = None
) -> tuple[Confirmation, Endorsement | None]:
    """Confirm the endorsement a link names; it counts from now on.

    Confirming twice changes nothing. The address is deleted unless the
    person asked for news.
    """
    now = now or timezone.now()
    refusal, endorsement = confirmation_state(token, now)
    if refusal is not None:
        return refusal, endorsement
    with transaction.atomic():
        confirmed = Endorsement.objects.filter(
            pk=endorsement.pk, status=Endorsement.Status.PENDING
        ).update(
            status=Endorsement.Status.VERIFIED,
            confirmed_at=now,
            # Decided by the row as it is when updated, not as it was read:
            # a "no more news" in between must not leave the address kept.
            email_encrypted=Case(
                When(wants_news=True, then=F("email_encrypted")),
                default=Value(""),
                output_field=TextField(),
            ),
        )
        if not confirmed:
            return Confirmation.ALREADY_CONFIRMED, endorsement
        _tally_add(endorsement.city_id, 1)
        _note_milestone(endorsement.city_id, now)
    endorsement.refresh_from_db(
        fields=["status", "confirmed_at", "email_encrypted", "wants_news"]
    )
    return Confirmation.CONFIRMED, endorsement


def _note_milestone(city_id: int, now: datetime.datetime) -> None:
    """Record a milestone the city's count has just reached; notify on commit.

    Counts rise one at a time under a row lock, so each value is seen by one
    confirmation only; the unique constraint keeps a milestone from being
    noted twice when erasures bring a count down and up again.
    """
    verified = (
        CityTally.objects.filter(city_id=city_id)
        .values_list("verified", flat=True)
        .first()
    )
    if verified not in endorsement_rules().milestones:
        return
    notice, created = MilestoneReached.objects.get_or_create(
        city_id=city_id, threshold=verified, defaults={"reached_at": now}
    )
    if created:
        from .tasks import notify_milestone

        transaction.on_commit(lambda: notify_milestone.enqueue(notice_id=notice.pk))


def milestone_notify(*, notice_id: int, now: datetime.datetime | None = None) -> bool:
    """Tell the secretariat and the city's contact, once; False if done before."""
    claimed = MilestoneReached.objects.filter(
        pk=notice_id, notified_at__isnull=True
    ).update(notified_at=now or timezone.now())
    if not claimed:
        return False
    notice = MilestoneReached.objects.select_related("city").get(pk=notice_id)
    recipients = []
    secretariat = EndorsementSettings.load().notify_secretariat
    if secretariat:
        recipients.append(secretariat)
    contact = CityContact.objects.filter(city=notice.city).first()
    if contact is not None:
        recipients.append(contact.email)
    context = {
        "city_name": notice.city.name,
        "threshold": notice.threshold,
        "city_url": settings.SITE_URL.rstrip("/") + notice.city.get_absolute_url(),
    }
    # Staff and city contacts share no language with the site's visitors:
    # write in the site's default language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("endorsements/email/milestone_subject.txt", context)
        body = render_to_string("endorsements/email/milestone_body.txt", context)
    if recipients:
        EmailMultiAlternatives(subject=subject.strip(), body=body, to=recipients).send()
    return True


def _uncount(rows: list[tuple[int, int, str]]) -> None:
    """Take the verified ones among (id, city id, status) rows out of the counts."""
    verified = Counter(
        city_id
        for _pk, city_id, status in rows
        if status == Endorsement.Status.VERIFIED
    )
    for city_id, amount in verified.items():
        _tally_add(city_id, -amount)


def _tally_add(city_id: int, amount: int) -> None:
    updated = CityTally.objects.filter(city_id=city_id).update(
        verified=F("verified") + amount, updated_at=timezone.now()
    )
    if not updated:
        CityTally.objects.get_or_create(city_id=city_id)
        CityTally.objects.filter(city_id=city_id).update(
            verified=F("verified") + amount, updated_at=timezone.now()
        )


def endorsement_send_confirmations(
    *, now: datetime.datetime | None = None, batch: int = SEND_BATCH
) -> int:
    """Send the confirmation email of every pending endorsement that needs one.

    Safe to run in several workers at once: each email is claimed by an
    update that only one of them can make, before it is sent.
    """
    now = now or timezone.now()
    sent = 0
    drafts: dict[tuple[str, int], ConfirmationDraft] = {}
    # One SMTP connection for the whole run, not one per email.
    with get_connection() as connection:
        while batch_rows := _claim_confirmations(now, batch):
            for index, endorsement in enumerate(batch_rows):
                try:
                    sent += _send_confirmation(endorsement, connection, drafts)
                except Exception:
                    # The mail server is away or refuses us: what was
                    # claimed and not sent is due again, for the next run.
                    # (A message the server took just before it failed may
                    # then go out twice; none is lost.)
                    _release_confirmations(batch_rows[index:])
                    raise
    return sent


def _send_confirmation(endorsement: Endorsement, connection, drafts: dict) -> int:
    """Send one confirmation email; return 1 if sent, 0 if it cannot be."""
    address = personal_data.decrypt(endorsement.email_encrypted)
    if address is None:
        logger.warning("Endorsement %s has no readable address.", endorsement.pk)
        return 0
    key = (endorsement.language, endorsement.city_id)
    if key not in drafts:
        drafts[key] = ConfirmationDraft(endorsement)
    try:
        drafts[key].send(connection, address, confirmation_token(endorsement))
    except (ValueError, UnicodeError, smtplib.SMTPRecipientsRefused) as error:
        # This address cannot be written to or is refused for good: sending
        # again would fail again, and must not hold up everyone else's.
        logger.warning(
            "Endorsement %s's email cannot be sent: %r", endorsement.pk, error
        )
        return 0
    except smtplib.SMTPDataError as error:
        if error.smtp_code < 500:
            raise
        logger.warning(
            "The mail server refused endorsement %s's email.", endorsement.pk
        )
        return 0
    return 1


def _release_confirmations(endorsements: list[Endorsement]) -> None:
    Endorsement.objects.filter(pk__in=[e.pk for e in endorsements]).update(
        confirmation_sent_at=None, confirmations_sent=F("confirmations_sent") - 1
    )


def _claim_confirmations(now: datetime.datetime, batch: int) -> list[Endorsement]:
    """Mark a batch of due confirmation emails as sent, and return it.

    Rows another worker holds are skipped (SKIP LOCKED on PostgreSQL; SQLite
    lets one writer in at a time), so no email goes out twice.
    """
    with transaction.atomic():
        due = list(
            Endorsement.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("city")
            .filter(
                status=Endorsement.Status.PENDING,
                confirmation_sent_at__isnull=True,
                confirmations_sent__lt=MAX_CONFIRMATIONS,
                created_at__gte=now - datetime.timedelta(days=PENDING_DAYS),
            )
            .order_by("created_at")[:batch]
        )
        Endorsement.objects.filter(pk__in=[e.pk for e in due]).update(
            confirmation_sent_at=now, confirmations_sent=F("confirmations_sent") + 1
        )
    return due


class ConfirmationDraft:
    """The confirmation email of one city in one language, written once.

    A crowd signing for one city gets thousands of emails that differ only in
    the recipient and the link. Rendering the templates and building the
    message with Python's email package cost more than two milliseconds of
    CPU per email (most of it folding and encoding the same headers again),
    so the message is built once with placeholders, and each email over SMTP
    is those bytes with the placeholders replaced (a tenth of the cost).
    Other mail backends (the outbox folder, tests' memory) and any address
    that is not plain ASCII get an ordinary message.
    """

    TO = "to.placeholder@example.invalid"
    TOKEN = "TOKENPLACEHOLDER"  # noqa: S105 (where the link's token goes)
    MESSAGE_ID = "<message-id.placeholder@example.invalid>"
    DATE = "Thu, 01 Jan 1970 00:00:00 -0000"
    _NAMES = (TO, TOKEN, MESSAGE_ID, DATE)
    _PLACEHOLDERS = re.compile(
        b"(" + b"|".join(re.escape(n.encode()) for n in _NAMES) + b")"
    )

    def __init__(self, endorsement: Endorsement) -> None:
        with translation.override(endorsement.language):
            link = settings.SITE_URL.rstrip("/") + reverse(
                "endorsements:confirm", kwargs={"token": self.TOKEN}
            )
            context = {
                "city_name": endorsement.city.name,
                "confirm_url": link,
                "privacy_url": settings.SITE_URL.rstrip("/")
                + reverse("privacy:privacy"),
                "days": PENDING_DAYS,
            }
            self.subject = render_to_string(
                "endorsements/email/confirm_subject.txt", context
            ).strip()
            self.body = render_to_string("endorsements/email/confirm_body.txt", context)
        message = self.message(self.TO, self.TOKEN)
        message.extra_headers = {"Message-ID": self.MESSAGE_ID, "Date": self.DATE}
        raw = message.message().as_bytes(linesep="\r\n")
        # The envelope sender as Django's SMTP backend would give it.
        self.from_email = sanitize_address(
            message.from_email, message.encoding or settings.DEFAULT_CHARSET
        )
        # Split once at the placeholders, so that each email is one join and
        # nothing a signer typed is ever taken for a placeholder.
        self.parts: list[bytes] | None = self._PLACEHOLDERS.split(raw)
        found = self.parts[1::2]
        if sorted(found) != sorted(p.encode() for p in self._NAMES):
            self.parts = None  # encoded past recognition: build each message

    @property
    def raw(self) -> bytes | None:
        """The prepared message, placeholders in place (None if unprepared)."""
        return None if self.parts is None else b"".join(self.parts)

    def message(self, address: str, token: str, connection=None) -> EmailMessage:
        """Return the email for one address, built as any other."""
        return EmailMessage(
            subject=self.subject,
            body=self.body.replace(self.TOKEN, token),
            to=[address],
            connection=connection,
        )

    def send(self, connection, address: str, token: str) -> None:
        """Send the email for one address through an open connection."""
        smtp = getattr(connection, "connection", None)
        if (
            self.parts is None
            or not isinstance(connection, SMTPBackend)
            or smtp is None
            or not address.isascii()
            or "\n" in address
            or "\r" in address
        ):
            self.message(address, token, connection).send()
            return
        values = {
            self.TO.encode(): address.encode(),
            self.TOKEN.encode(): token.encode(),
            self.MESSAGE_ID.encode(): make_msgid(domain=DNS_NAME).encode(),
            self.DATE.encode(): formatdate(
                localtime=settings.EMAIL_USE_LOCALTIME
            ).encode(),
        }
        # Even parts are the message's own text, odd ones its placeholders.
        raw = b"".join(
            values[part] if index % 2 else part for index, part in enumerate(self.parts)
        )
        smtp.sendmail(self.from_email, [address], raw)


def endorsement_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete pending endorsements older than PENDING_DAYS; return how many."""
    now = now or timezone.now()
    deleted, _ = Endorsement.objects.filter(
        status=Endorsement.Status.PENDING,
        created_at__lt=now - datetime.timedelta(days=PENDING_DAYS),
    ).delete()
    return deleted


def tally_recount(*, repair: bool) -> dict[int, tuple[int, int]]:
    """Compare each city's count with its verified endorsements.

    Return {city id: (stored, actual)} for every city that differs, and when
    ``repair`` is set, correct them.
    """
    actual = dict(
        Endorsement.objects.filter(status=Endorsement.Status.VERIFIED)
        .values_list("city_id")
        .annotate(n=Count("pk"))
        .values_list("city_id", "n")
    )
    stored = dict(CityTally.objects.values_list("city_id", "verified"))
    wrong = {
        city_id: (stored.get(city_id, 0), actual.get(city_id, 0))
        for city_id in set(actual) | set(stored)
        if stored.get(city_id, 0) != actual.get(city_id, 0)
    }
    if repair:
        with transaction.atomic():
            for city_id, (_stored, count) in wrong.items():
                CityTally.objects.update_or_create(
                    city_id=city_id, defaults={"verified": count}
                )
    return wrong


def endorsements_of(hashes: list[str]) -> list[dict]:
    """Return everything kept about the person with these address hashes."""
    rows = (
        Endorsement.objects.filter(email_hash__in=hashes)
        .select_related("city")
        .order_by("created_at")
    )
    return [
        {
            "city": endorsement.city.name,
            "country": endorsement.city.country_code,
            "status": endorsement.status,
            "status_label": str(endorsement.get_status_display()),
            "signed_at": endorsement.created_at.isoformat(),
            "confirmed_at": endorsement.confirmed_at.isoformat()
            if endorsement.confirmed_at
            else None,
            "name": endorsement.name,
            "wants_news": endorsement.wants_news,
            "language": endorsement.language,
            "email_kept": bool(endorsement.email_encrypted),
            "email_domain": endorsement.email_domain,
        }
        for endorsement in rows
    ]


def endorsements_erase(hashes: list[str]) -> int:
    """Delete every endorsement of the person; confirmed ones leave the counts."""
    with transaction.atomic():
        rows = list(
            Endorsement.objects.select_for_update()
            .filter(email_hash__in=hashes)
            .values_list("pk", "city_id", "status")
        )
        _uncount(rows)
        Endorsement.objects.filter(pk__in=[pk for pk, _c, _s in rows]).delete()
    return len(rows)


def endorsements_stop_news(hashes: list[str]) -> int:
    """Send the person no more news; return how many endorsements asked for it.

    Their endorsements stay and count; a confirmed one no longer keeps the
    address (a pending one keeps it until it is confirmed or lapses, as
    every pending endorsement does).
    """
    with transaction.atomic():
        mine = Endorsement.objects.filter(email_hash__in=hashes)
        stopped = mine.filter(wants_news=True).update(wants_news=False)
        mine.exclude(status=Endorsement.Status.PENDING).exclude(
            email_encrypted=""
        ).update(email_encrypted="")
    return stopped


def invalidation_create(
    *, user, rules: EndorsementFilter, reason: str, now: datetime.datetime | None = None
) -> Invalidation:
    """Record the decision to void what a filter matches; the worker does it."""
    if not rules.as_dict():
        raise ValueError("An invalidation needs at least one filter.")
    matching = endorsement_filter(rules).exclude(status=Endorsement.Status.INVALIDATED)
    invalidation = Invalidation(
        created_by=user,
        created_at=now or timezone.now(),
        reason=reason,
        filters=rules.as_dict(),
        previewed=matching.count(),
    )
    invalidation.full_clean()
    invalidation.save()
    from .tasks import run_invalidation

    transaction.on_commit(
        lambda: run_invalidation.enqueue(invalidation_id=invalidation.pk)
    )
    return invalidation


def invalidation_run(*, invalidation_id: int, batch: int = 500) -> int:
    """Void the endorsements an invalidation's filter matches, in batches.

    Counts are corrected in the same transaction as each batch; running it
    again finds nothing left to do.
    """
    invalidation = Invalidation.objects.get(pk=invalidation_id)
    rules = EndorsementFilter.from_dict(invalidation.filters)
    # Only what existed when the decision was taken.
    matching = (
        endorsement_filter(rules)
        .filter(created_at__lte=invalidation.created_at)
        .exclude(status=Endorsement.Status.INVALIDATED)
    )
    done = 0
    while True:
        with transaction.atomic():
            rows = list(
                matching.select_for_update().values_list("pk", "city_id", "status")[
                    :batch
                ]
            )
            if not rows:
                break
            _uncount(rows)
            Endorsement.objects.filter(pk__in=[pk for pk, _c, _s in rows]).update(
                status=Endorsement.Status.INVALIDATED,
                invalidation=invalidation,
                email_encrypted="",
            )
            done += len(rows)
    Invalidation.objects.filter(pk=invalidation.pk).update(
        invalidated=F("invalidated") + done,
        status=Invalidation.Status.DONE,
        finished_at=timezone.now(),
    )
    return done


def endorsements_reencrypt(*, batch: int = 500) -> int:
    """Encrypt every kept address again with the current key (key rotation)."""
    done = 0
    rows = Endorsement.objects.exclude(email_encrypted="").order_by("pk")
    last = 0
    while chunk := list(rows.filter(pk__gt=last).only("pk", "email_encrypted")[:batch]):
        for endorsement in chunk:
            endorsement.email_encrypted = personal_data.reencrypt(
                endorsement.email_encrypted
            )
        Endorsement.objects.bulk_update(chunk, ["email_encrypted"])
        done += len(chunk)
        last = chunk[-1].pk
    return done
