"""The shared vocabulary that the coalition files its work under.

Initiatives, toolkit resources and working groups are filed under the
declaration's principles and under topics. Both are tables so that every app
can relate to them with a plain many-to-many field and filter with an index.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from .principles import Principle as PrincipleNumber


class Principle(models.Model):
    """One of the declaration's five principles, keyed by its number.

    The five rows are made by a migration; their names are the interface's
    (``core.principles``), translated like every other string.
    """

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, choices=PrincipleNumber.choices
    )

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["number"]

    def __str__(self) -> str:
        return str(PrincipleNumber(self.number).label)

    @property
    def label(self) -> str:
        return str(self)


class Topic(ClusterableModel):
    """A subject in the coalition's managed vocabulary, such as broadband.

    The name is English; ``names`` holds it in the other shipped languages.
    """

    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("A short name for addresses, such as 'data-sharing'."),
    )
    name = models.CharField(_("name in English"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), InlinePanel("names")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Return the name in the active language, else in English.

        Load topics with ``prefetch_related("names")``.
        """
        language = get_language() or settings.LANGUAGE_CODE
        for name in self.names.all():
            if name.language == language and name.name:
                return name.name
        return self.name


def translated_languages() -> list[tuple[str, str]]:
    """Return the shipped languages other than the default, as choices."""
    return [(c, n) for c, n in settings.LANGUAGES if c != settings.LANGUAGE_CODE]


class TopicName(models.Model):
    """A topic's name in one of the shipped languages."""

    topic = ParentalKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="names"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=translated_languages
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("topic name")
        verbose_name_plural = _("topic names")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "language"], name="topic_name_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class HistoryEntry(models.Model):
    """What every history keeps: who acted, for whom, when and why.

    An app's history (of an initiative, a membership application) adds what
    the entry is about and what changed.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_secretariat = models.BooleanField(_("by the secretariat"), default=False)
    message = models.TextField(_("message"), blank=True, max_length=5000)
    at = models.DateTimeField(_("at"), default=timezone.now)
    # Set once the other side has been emailed, so a retry sends nothing twice.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
