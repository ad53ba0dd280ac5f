"""Each member city's public register of the algorithmic systems it uses.

An entry follows the sections of the Eurocities Algorithmic Transparency
Standard (basic information, use case, data, algorithm, oversight,
metadata) in the coalition's own words. The city's officials write and
publish entries; the secretariat may take one off the site. A published
entry has a stable id and address (``get_absolute_url``), so other parts of
the site may cite it as evidence.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from digitalrights.cities.models import City
from digitalrights.initiatives.models import written_languages

SUMMARY_MAX = 600
TEXT_MAX = 4000
web_address = URLValidator(
    schemes=["http", "https"],
    message=_("Give a web address that starts with http:// or https://."),
)


class SystemStatus(models.TextChoices):
    """Where the system is in its life, from planned to retired."""

    PLANNED = "planned", pgettext_lazy("algorithmic system", "Planned")
    PILOTING = "piloting", _("Piloting")
    IN_USE = "in_use", _("In use")
    RETIRED = "retired", _("Retired")


class RiskLevel(models.TextChoices):
    """The risk categories of the EU AI Act, as the Eurocities standard uses."""

    MINIMAL = "minimal", _("Minimal risk")
    LIMITED = "limited", _("Limited risk")
    HIGH = "high", _("High risk")
    UNACCEPTABLE = "unacceptable", _("Unacceptable risk")


RISK_HELP = _(
    "Minimal: no effect on anyone's rights, such as a spam filter. Limited:"
    " people must know they deal with an algorithm, such as a chatbot. High:"
    " it weighs in on decisions about people's rights, benefits, safety or"
    " access to services. Unacceptable: forbidden, such as social scoring;"
    " list it only as retired."
)


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AlgorithmEntryQuerySet(models.QuerySet):
    def published(self) -> AlgorithmEntryQuerySet:
        return self.filter(state=EntryState.PUBLISHED)


class AlgorithmEntry(models.Model):
    """One algorithmic system a member city uses, told to its residents."""

    # Basic information
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="algorithm_entries",
    )
    # Copied from the city so that the register filters by country from an
    # index, without a join.
    country_code = models.CharField(_("country code"), max_length=2, editable=False)
    title = models.CharField(
        _("name of the system"),
        max_length=200,
        help_text=_("The name residents know it by, such as 'Parking scan car'."),
    )
    slug = models.SlugField(_("slug"), max_length=200, editable=False)
    summary = models.TextField(
        _("summary"),
        validators=[MaxLengthValidator(SUMMARY_MAX)],
        help_text=_("In plain words, for residents: what the system does."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=written_languages,
        default="en",
        help_text=_("The language this entry is written in."),
    )
    department = models.CharField(
        _("responsible service"),
        max_length=200,
        help_text=_("The city department or service that answers for it."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SystemStatus.choices,
        default=SystemStatus.IN_USE,
    )
    started_on = models.DateField(_("in use since"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    risk = models.CharField(
        _("risk category"),
        max_length=12,
        choices=RiskLevel.choices,
        help_text=RISK_HELP,
    )
    # Use case
    purpose = models.TextField(
        _("use case"),
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_(
            "Why the city uses it, which decisions it supports and who is affected."
        ),
    )
    # Data
    data = models.TextField(
        _("data"),
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_(
            "Which data it uses, where the data come from and how long they are kept."
        ),
    )
    uses_personal_data = models.BooleanField(_("uses personal data"), default=False)
    # Algorithm
    how_it_works = models.TextField(
        _("how it works"),
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("The kind of model or the rules it follows, and how it was built."),
    )
    supplier = models.CharField(
        _("supplier"),
        max_length=200,
        blank=True,
        help_text=_("The company or body that built it, if not the city itself."),
    )
    code_url = models.CharField(
        _("source code"),
        max_length=500,
        blank=True,
        validators=[web_address],
        help_text=_("Where its source code is published, if it is."),
    )
    # Oversight
    human_oversight = models.TextField(
        _("human oversight"),
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("Who checks its results, how often, and who may overrule it."),
    )
    objection = models.TextField(
        _("how to object"),
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("How a resident can object to a decision or appeal against it."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        help_text=_("The team or role to ask about it, such as 'Parking Service'."),
    )
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_("A work address shown on the page; not a personal one."),
    )
    more_info_url = models.CharField(
        _("more information"),
        max_length=500,
        blank=True,
        validators=[web_address],
        help_text=_("A page of the city about the system, if there is one."),
    )
    # Metadata
    state = models.CharField(
        _("publication"),
        max_length=10,
        choices=EntryState.choices,
        default=EntryState.DRAFT,
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    objects = AlgorithmEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("algorithm register entry")
        verbose_name_plural = _("algorithm register entries")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["city", "state"]),
            # The register's facets, each read from published entries only.
            *(
                models.Index(
                    fields=[facet, "-published_at"],
                    condition=Q(state="published"),
                    name=f"register_pub_{facet}"[:30],
                )
                for facet in ("country_code", "status", "risk")
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(state="published"),
                name="register_published",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(retired_on__gte=models.F("started_on")),
                name="register_retired_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status="retired") | Q(retired_on__isnull=True),
                name="register_retired_on_only_when_retired",
            ),
            models.CheckConstraint(
                condition=~Q(risk="unacceptable") | Q(status="retired"),
                name="register_unacceptable_only_retired",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.slug = slugify(self.title)[:200] or "algorithm"
        self.country_code = self.city.country_code
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("register:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == SystemStatus.RETIRED and self.retired_on is None:
            errors["retired_on"] = _("Give the date the system was retired.")
        if self.status != SystemStatus.RETIRED and self.retired_on is not None:
            errors["retired_on"] = _(
                "Leave the retirement date empty unless the system is retired."
            )
        elif (
            self.retired_on is not None
            and self.started_on is not None
            and self.retired_on < self.started_on
        ):
            errors["retired_on"] = _(
                "The system cannot be retired before it was first used."
            )
        if self.risk == RiskLevel.UNACCEPTABLE and self.status != SystemStatus.RETIRED:
            errors["risk"] = _(
                "A system of unacceptable risk may not be used: list it only as"
                " retired."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.state == EntryState.PUBLISHED

    @property
    def is_deletable(self) -> bool:
        """Return whether its officials may delete it: a draft only."""
        return self.state == EntryState.DRAFT
