"""The coalition's working groups, their member cities, meetings and outputs.

Working groups are Wagtail pages, so the secretariat edits and translates them
like the rest of the site; each meeting is a row of its group's page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic


class WorkingGroupIndexPage(Page):
    """The list of working groups, with every meeting to come."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["workinggroups.WorkingGroupPage"]
    parent_page_types = ["content.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("working groups page")


class WorkingGroupPage(Page):
    """One working group: what it works on, who takes part, when it meets."""

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("What the group works on.")
    )
    body = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_groups",
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_groups",
    )
    coordinator = models.ForeignKey(
        City,
        verbose_name=_("coordinating city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_groups",
    )
    member_cities = ParentalManyToManyField(
        City,
        verbose_name=_("member cities"),
        related_name="working_groups",
        blank=True,
    )
    outputs = ParentalManyToManyField(
        "toolkit.Resource",
        verbose_name=_("outputs"),
        related_name="working_groups",
        blank=True,
        help_text=_("Toolkit resources the group produced."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("principle"),
        FieldPanel("topic"),
        FieldPanel("coordinator"),
        FieldPanel("member_cities"),
        FieldPanel("outputs"),
        InlinePanel("meetings", heading=_("Meetings")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["workinggroups.WorkingGroupIndexPage"]

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def clean(self) -> None:
        super().clean()
        if not self.topic_id and not self.principle_id:
            raise ValidationError(
                _("Give the group a principle, a topic or both."),
                code="no_subject",
            )


class Meeting(Orderable):
    """A meeting of a working group, in a place, online or both."""

    group = ParentalKey(
        WorkingGroupPage,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address or venue.")
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    details = models.TextField(_("details"), max_length=2000, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("details"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError(
                {"ends_at": _("A meeting cannot end before it starts.")}
            )
        if not self.place and not self.online_url:
            raise ValidationError(
                _("Give the meeting a place, an online link or both.")
            )
