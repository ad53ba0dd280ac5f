from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from digitalrights.cities.models import City


class Endorsement(models.Model):
    """A resident's request that their city join (or keep its commitments).

    The address is kept readable (encrypted) only until the person confirms,
    or as long as they asked for news; the keyed hash that tells one person
    from another stays, and cannot be read back.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        VERIFIED = "verified", _("Confirmed")
        INVALIDATED = "invalidated", _("Invalidated")

    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("city"),
    )
    email_hash = models.CharField(_("keyed hash of the address"), max_length=64)
    email_encrypted = models.TextField(_("encrypted address"), blank=True)
    email_domain = models.CharField(_("email domain"), max_length=255)
    network_hash = models.CharField(_("keyed hash of the network"), max_length=16)
    name = models.CharField(_("name"), max_length=100, blank=True)
    wants_news = models.BooleanField(_("wants news"), default=False)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    proof_of_work = models.BooleanField(
        _("solved the proof-of-work challenge"), default=False
    )
    created_at = models.DateTimeField(_("signed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The signature is its own outbox: a worker sends the confirmation email
    # of every pending signature that has none yet, so signing costs one write.
    confirmation_sent_at = models.DateTimeField(
        _("confirmation email sent at"), null=True, blank=True
    )
    confirmations_sent = models.PositiveSmallIntegerField(
        _("confirmation emails sent"), default=0
    )
    invalidation = models.ForeignKey(
        "Invalidation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="endorsements",
        verbose_name=_("invalidated by"),
    )

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "email_hash"], name="one_endorsement_per_address"
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(confirmed_at__isnull=False),
                name="verified_endorsement_has_confirmation_time",
            ),
        ]
        indexes = [
            models.Index(fields=["city", "status"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["email_domain", "created_at"]),
            models.Index(fields=["network_hash", "created_at"]),
            models.Index(fields=["email_hash"]),
            models.Index(
                fields=["created_at"],
                condition=Q(status="pending", confirmation_sent_at__isnull=True),
                name="endorsement_outbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.get_status_display()} · {self.created_at:%Y-%m-%d}"


class CityTally(models.Model):
    """The verified endorsement count of a city, kept as signatures change.

    Always equal to the number of verified endorsements; ``endorsement_recount``
    checks and repairs that.
    """

    city = models.OneToOneField(
        City,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="endorsement_tally",
        verbose_name=_("city"),
    )
    verified = models.PositiveIntegerField(_("verified endorsements"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("endorsement count")
        verbose_name_plural = _("endorsement counts")
        ordering = ["-verified"]

    def __str__(self) -> str:
        return f"{self.city}: {self.verified}"


class CityResponse(models.Model):
    """What a city answered to its residents' endorsements, once published."""

    city = models.OneToOneField(
        City,
        on_delete=models.CASCADE,
        related_name="endorsement_response",
        verbose_name=_("city"),
    )
    responded_on = models.DateField(_("responded on"))
    response = models.TextField(
        _("response"), help_text=_("The city's answer, as it will be published.")
    )
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("city response")
        verbose_name_plural = _("city responses")
        ordering = ["-responded_on"]

    def __str__(self) -> str:
        return str(self.city)


def parse_milestones(text: str) -> list[int]:
    """Return the milestones written as "100, 1000, 10000", in order."""
    numbers = [part.strip().replace(" ", "") for part in text.split(",")]
    return sorted({int(number) for number in numbers if number})


@register_setting(icon="group")
class EndorsementSettings(BaseGenericSetting):
    """The rules of "Endorse my city" that the secretariat may change."""

    per_network_per_hour = models.PositiveIntegerField(
        _("endorsements an hour from one network"),
        default=1000,
        validators=[MinValueValidator(1)],
        help_text=_(
            "For people who solved the proof-of-work challenge. A network is "
            "a /24 IPv4 or /48 IPv6 block; a mobile operator may put many "
            "people behind one."
        ),
    )
    per_network_without_proof_per_hour = models.PositiveIntegerField(
        _("endorsements an hour from one network, without JavaScript"),
        default=100,
        validators=[MinValueValidator(1)],
        help_text=_(
            "For browsers that cannot run the proof-of-work challenge; the "
            "confirmation email is then the only check, so keep this lower."
        ),
    )
    per_address_per_hour = models.PositiveIntegerField(
        _("endorsements an hour from one email address"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    milestones = models.CharField(
        _("milestones"),
        max_length=200,
        default="100, 1000, 10000",
        help_text=_("Verified counts worth celebrating, separated by commas."),
    )
    alert_per_hour = models.PositiveIntegerField(
        _("alert above this many endorsements an hour from one source"),
        default=300,
        validators=[MinValueValidator(1)],
        help_text=_("A source is one email domain or one network."),
    )
    notify_secretariat = models.EmailField(
        _("secretariat address for milestones"),
        blank=True,
        help_text=_(
            "Told once when a city reaches a milestone. The city's own contact, "
            "if set under City contacts, is told too."
        ),
    )

    class Meta:
        verbose_name = _("Endorse my city")

    def clean(self) -> None:
        try:
            milestones = parse_milestones(self.milestones)
        except ValueError:
            milestones = []
        if not milestones or milestones[0] < 1:
            raise ValidationError(
                {
                    "milestones": _(
                        "Write whole numbers above zero separated by commas, "
                        "for example: 100, 1000, 10000."
                    )
                }
            )


class CityContact(models.Model):
    """Who at a city hears when its residents' endorsements reach a milestone."""

    city = models.OneToOneField(
        City,
        on_delete=models.CASCADE,
        related_name="endorsement_contact",
        verbose_name=_("city"),
    )
    name = models.CharField(_("name or office"), max_length=200)
    email = models.EmailField(_("email address"))

    class Meta:
        verbose_name = _("city contact")
        verbose_name_plural = _("city contacts")
        ordering = ["city__name"]

    def __str__(self) -> str:
        return f"{self.city}: {self.name}"


class MilestoneReached(models.Model):
    """A city reached a milestone; those concerned are told once."""

    city = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        related_name="endorsement_milestones",
        verbose_name=_("city"),
    )
    threshold = models.PositiveIntegerField(_("milestone"))
    reached_at = models.DateTimeField(_("reached at"), default=timezone.now)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone reached")
        verbose_name_plural = _("milestones reached")
        ordering = ["-reached_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "threshold"], name="one_notice_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.city}: {self.threshold}"


class Invalidation(models.Model):
    """The secretariat's decision to void endorsements matching a filter.

    Kept as the audit record: who, when, why, which filter, how many.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("decided at"), default=timezone.now)
    reason = models.TextField(_("reason"))
    filters = models.JSONField(_("filter"))
    previewed = models.PositiveIntegerField(_("matching when decided"))
    invalidated = models.PositiveIntegerField(_("invalidated"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invalidation")
        verbose_name_plural = _("invalidations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} · {self.invalidated}"
