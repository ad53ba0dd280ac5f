"""The toolkit: policies, guidelines, clauses, templates and tools to reuse.

The secretariat keeps the resources in the admin; each is a file (a Wagtail
document) or a link, filed under principles and topics.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from digitalrights.cities.geography import normalise_name as fold
from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic
from digitalrights.initiatives.models import spdx_identifier, written_languages


class ResourceKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    GUIDELINE = "guideline", _("Guideline")
    PROCUREMENT = "procurement", _("Procurement clause")
    TEMPLATE = "template", _("Template")
    TOOL = "tool", _("Tool")


class ResourceQuerySet(models.QuerySet):
    def published(self) -> ResourceQuerySet:
        return self.filter(live=True)


class Resource(index.Indexed, models.Model):
    """Something a city made or uses that others may take and adapt."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, editable=False)
    summary = models.TextField(
        _("summary"),
        max_length=1000,
        help_text=_("What it is, who made it and how others can use it."),
    )
    kind = models.CharField(_("type"), max_length=12, choices=ResourceKind.choices)
    principles = models.ManyToManyField(
        Principle, verbose_name=_("principles"), related_name="resources"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="resources", blank=True
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=written_languages,
        default="en",
        help_text=_("The language of the document or tool."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        validators=[spdx_identifier],
        help_text=_(
            "Under what terms others may reuse it, as an SPDX identifier such as"
            " CC-BY-4.0. Leave empty if it is not known."
        ),
    )
    source_city = models.ForeignKey(
        City,
        verbose_name=_("source city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
    )
    # Copied from the source city so that search can filter without a join.
    country_code = models.CharField(
        _("country code"), max_length=2, blank=True, editable=False
    )
    source_organisation = models.CharField(
        _("source organisation"),
        max_length=200,
        blank=True,
        help_text=_("Who made it, if not a city (for example a university)."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    version_date = models.DateField(
        _("version of"), help_text=_("The date of the version shared here.")
    )
    live = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished resources are seen only in the admin."),
    )
    created_at = models.DateTimeField(_("added on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("source_organisation"),
        index.SearchField("folded_text"),
        index.AutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("live"),
        index.FilterField("kind"),
        index.FilterField("source_city"),
        index.FilterField("country_code"),
        index.FilterField("language"),
        index.FilterField("created_at"),
    ]

    class Meta:
        verbose_name = _("toolkit resource")
        verbose_name_plural = _("toolkit resources")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["live", "-created_at"]),
            models.Index(fields=["kind", "live"]),
            models.Index(fields=["language", "live"]),
            models.Index(fields=["country_code", "live"]),
            # The API's keyset pages (opendata.toolkit.ORDERS), either way.
            models.Index(
                fields=["version_date", "id"],
                condition=Q(live=True),
                name="toolkit_live_version_date",
            ),
            models.Index(
                fields=["title", "id"],
                condition=Q(live=True),
                name="toolkit_live_title",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | Q(document__isnull=False),
                name="resource_has_file_or_link",
            ),
            models.CheckConstraint(
                condition=Q(source_city__isnull=False) | ~Q(source_organisation=""),
                name="resource_has_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.slug = slugify(self.title)[:200] or "resource"
        self.country_code = self.source_city.country_code if self.source_city else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("toolkit:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if not self.document_id and not self.url:
            message = _("Give the resource a file, a link or both.")
            errors["document"] = message
            errors["url"] = message
        if not self.source_city_id and not self.source_organisation.strip():
            message = _(
                "Give the city that made the resource or, if it was not a city,"
                " the organisation."
            )
            errors["source_city"] = message
            errors["source_organisation"] = message
        if errors:
            raise ValidationError(errors)

    @property
    def source_name(self) -> str:
        if self.source_city:
            return self.source_city.name
        return self.source_organisation

    @property
    def language_name(self) -> str:
        """Return the name of the resource's language in the visitor's."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.get_language_display()

    @property
    def link_host(self) -> str:
        """Return the host name of the link, to say where it leads."""
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")

    @property
    def licence_url(self) -> str:
        """Return the SPDX page of a single licence; empty for an expression."""
        if not self.licence or " " in self.licence:
            return ""
        return f"https://spdx.org/licenses/{self.licence}.html"

    def folded_text(self) -> str:
        """Return the text without accents or case, so 'bogota' finds Bogotá."""
        return fold(f"{self.title} {self.summary} {self.source_organisation}")
