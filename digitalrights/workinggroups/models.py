"""The coalition's working groups, their member cities, meetings and outputs.

Working groups are Wagtail pages, so the secretariat edits and translates them
like the rest of the site; each meeting is a row of its group's page, and is
translated with it.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic

from .forms import MeetingAdminForm, MeetingsPanel, WorkingGroupPageForm
from .times import zone_named

# What moves a meeting, for calendar applications (its ``sequence``), and
# what else it says (its ``last_modified``).
MOVING_FIELDS = ("starts_at", "ends_at", "place", "online_url")
WORDING_FIELDS = ("title", "details", "time_zone")

# The address of the calendars, under the index and under each group; Wagtail
# serves no address with a dot, so not calendar.ics.
CALENDAR_SLUG = "calendar"


def member_cities() -> Q:
    """Limit a choice of cities to those that are or were in the coalition."""
    return Q(membership__isnull=False)


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Return every IANA time zone, as choices."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def default_time_zone() -> str:
    return settings.TIME_ZONE


class WorkingGroupIndexPage(RoutablePageMixin, Page):
    """The list of working groups, with every meeting to come."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["workinggroups.WorkingGroupPage"]
    parent_page_types = ["content.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("working groups page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        groups = list(selectors.group_list(index=self))
        context["groups"] = groups
        context["meetings"] = selectors.meetings_coming(groups=groups)
        return context

    @path(f"{CALENDAR_SLUG}/", name="calendar")
    def calendar(self, request: HttpRequest) -> HttpResponse:
        """Return the meetings of every group as an iCalendar file."""
        from . import calendars, selectors

        groups = list(selectors.group_list(index=self))
        return calendars.calendar_response(
            request=request,
            page=self,
            meetings=selectors.meetings_for_calendar(groups=groups),
            filename="working-groups.ics",
        )


class WorkingGroupPage(RoutablePageMixin, Page):
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
        limit_choices_to=member_cities,
        help_text=_("A member city of the coalition."),
    )
    member_cities = ParentalManyToManyField(
        City,
        verbose_name=_("member cities"),
        related_name="working_groups",
        blank=True,
        limit_choices_to=member_cities,
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
        FieldRowPanel([FieldPanel("principle"), FieldPanel("topic")]),
        FieldPanel("coordinator"),
        FieldPanel("member_cities"),
        FieldPanel("outputs"),
        MeetingsPanel("meetings", heading=_("Meetings"), label=_("meeting")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]
    # wagtail-localize leaves many-to-many fields out unless told: the same
    # cities and outputs in every language.
    override_translatable_fields = [
        SynchronizedField("member_cities"),
        SynchronizedField("outputs"),
    ]
    base_form_class = WorkingGroupPageForm
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
        if self.slug == CALENDAR_SLUG:
            raise ValidationError(
                {"slug": _("This address is the calendar's. Choose another one.")}
            )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.group_detail(group=self))
        return context

    @path(f"{CALENDAR_SLUG}/", name="calendar")
    def calendar(self, request: HttpRequest) -> HttpResponse:
        """Return the group's meetings as an iCalendar file."""
        from . import calendars, selectors

        return calendars.calendar_response(
            request=request,
            page=self,
            meetings=selectors.meetings_for_calendar(groups=[self]),
            filename=f"{self.slug}.ics",
        )


class Meeting(TranslatableMixin, Orderable):
    """A meeting of a working group, in a place, online or both.

    Times are kept in UTC and shown in the meeting's own time zone, the one
    editors type them in (``forms.MeetingAdminForm``). The meetings of a
    translated group page are translated with it (``selectors`` reads them
    from the source page).

    ``sequence`` and ``last_modified`` tell calendar applications that a
    meeting they hold has changed (RFC 5545): ``save()`` raises the sequence
    when the meeting moves (its times, place or link) and notes the time of
    any change to what the meeting says, never on a save that changes nothing.
    """

    group = ParentalKey(
        WorkingGroupPage,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(
        _("starts at"), help_text=_("As clocks read it in the meeting's time zone.")
    )
    ends_at = models.DateTimeField(
        _("ends at"), help_text=_("As clocks read it in the meeting's time zone.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=time_zone_choices,
        default=default_time_zone,
        help_text=_("The time zone of the start and end times, such as Europe/Madrid."),
    )
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address or venue.")
    )
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("Where to join the meeting online."),
    )
    details = models.TextField(_("details"), max_length=2000, blank=True)
    sequence = models.PositiveIntegerField(
        _("revision number"),
        default=0,
        editable=False,
    )
    last_modified = models.DateTimeField(
        _("last modified"), default=timezone.now, editable=False
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("time_zone"),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("details"),
    ]
    # A place is a proper name, and the translated pages take it (with the
    # times and the link) from the source page: only the words are translated.
    override_translatable_fields = [SynchronizedField("place")]
    base_form_class = MeetingAdminForm

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Meetings are written by Wagtail as it publishes their group's page
        # (from the editor, scheduled publishing, a revision brought back or a
        # translation synchronised), never through a function of this app's:
        # only here does every one of those writes pass.
        update_fields = kwargs.get("update_fields")
        tracked = [
            name
            for name in (*MOVING_FIELDS, *WORDING_FIELDS)
            if update_fields is None or name in update_fields
        ]
        if not tracked:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            stored = None
            if self.pk is not None:
                stored = (
                    Meeting.objects.select_for_update()
                    .filter(pk=self.pk)
                    .values("sequence", "last_modified", *tracked)
                    .first()
                )
            if stored is None:
                self.last_modified = timezone.now()
            else:
                # What the row holds, not what a revision brought back says.
                self.sequence = stored["sequence"]
                self.last_modified = stored["last_modified"]
                changed = {
                    name
                    for name in tracked
                    if _compared(getattr(self, name)) != _compared(stored[name])
                }
                if changed & set(MOVING_FIELDS):
                    self.sequence += 1
                if changed:
                    self.last_modified = timezone.now()
                if update_fields is not None:
                    kwargs["update_fields"] = {
                        *update_fields,
                        "sequence",
                        "last_modified",
                    }
            super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("A meeting cannot end before it starts.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give the meeting a place, an online link or both.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zone_named(self.time_zone)
        except ValidationError:
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.ends_at, self.zone)


def _compared(value: object) -> object:
    """Return ``value`` as a change is judged: times to the second.

    A page's revisions keep times to the millisecond; a meeting is not moved
    by less than a second.
    """
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value
