from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from digitalrights.cities import worldmap
from digitalrights.cities.models import Member
from digitalrights.content.blocks import BodyBlock


def _map_markers(members: Iterable[Member]) -> list[dict]:
    """Place each member city on the world map of the cities app."""
    markers = []
    for member in members:
        x, y = worldmap.project(
            latitude=member.city.latitude, longitude=member.city.longitude
        )
        markers.append({"member": member, "x": x, "y": y})
    return markers


class CampaignPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Coming soon")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class CampaignIndexPage(Page):
    """The list of campaigns: running, coming and past."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["campaigns.CampaignPage"]
    parent_page_types = ["content.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        campaigns = CampaignPage.objects.live().child_of(self)
        progress = selectors.campaign_progress_list(campaigns=campaigns)
        context["has_campaigns"] = bool(progress)
        context["campaigns_by_phase"] = [
            (phase, [p for p in progress if p.phase == phase])
            for phase in (
                CampaignPhase.RUNNING,
                CampaignPhase.UPCOMING,
                CampaignPhase.ENDED,
            )
        ]
        return context


class CampaignPage(Page):
    """A drive for new member cities: a target to reach between two dates.

    Its progress is the member cities whose join date falls in the window,
    counted from ``cities.Member``; nothing is entered by hand.
    """

    target = models.PositiveIntegerField(
        _("target"),
        validators=[MinValueValidator(1)],
        help_text=_("How many cities the campaign wants to join the coalition."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), help_text=_("The last day of the campaign, included.")
    )
    intro = models.TextField(
        _("summary"),
        help_text=_("One or two sentences, shown on the home page and in lists."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("target"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("starts_on"),
        index.FilterField("ends_on"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["campaigns.CampaignIndexPage"]

    class Meta:
        verbose_name = _("campaign page")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="campaign_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(target__gte=1), name="campaign_target_positive"
            ),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("A campaign cannot end before it starts.")}
            )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from . import selectors
        from .views import BADGE_HEIGHT, BADGE_WIDTH

        context = super().get_context(request, *args, **kwargs)
        progress = selectors.campaign_progress(campaign=self)
        badge_path = self.badge_url()
        badge_alt = gettext("Progress of the campaign %(campaign)s") % {
            "campaign": self.title
        }
        context.update(
            progress=progress,
            markers=_map_markers(progress.members),
            map_width=worldmap.WIDTH,
            map_height=worldmap.HEIGHT,
            badge_path=badge_path,
            badge_alt=badge_alt,
            badge_width=BADGE_WIDTH,
            badge_height=BADGE_HEIGHT,
            # What another site pastes: a link to this page around the badge.
            embed_code=format_html(
                '<a href="{}"><img src="{}" width="{}" height="{}" alt="{}"></a>',
                request.build_absolute_uri(self.url),
                request.build_absolute_uri(badge_path),
                BADGE_WIDTH,
                BADGE_HEIGHT,
                badge_alt,
            ),
        )
        return context

    def badge_url(self) -> str:
        """Return the path of the campaign's SVG badge, in the page's language."""
        with translation.override(self.locale.language_code):
            return reverse("campaigns:badge", kwargs={"slug": self.slug})

    @property
    def duration_days(self) -> int:
        """Return how many days the campaign lasts, both ends included."""
        return (self.ends_on - self.starts_on).days + 1

    def phase(self, today: date | None = None) -> CampaignPhase:
        """Return whether the campaign is coming, running or over on ``today``."""
        today = today or timezone.localdate()
        if today < self.starts_on:
            return CampaignPhase.UPCOMING
        if today > self.ends_on:
            return CampaignPhase.ENDED
        return CampaignPhase.RUNNING

    def days_left(self, today: date | None = None) -> int:
        """Return the campaign days still to come, today included (0 if over).

        On the first day of a 100-day campaign this is 100; on its last day, 1.
        """
        today = today or timezone.localdate()
        if today > self.ends_on:
            return 0
        return (self.ends_on - max(today, self.starts_on)).days + 1

    def days_to_start(self, today: date | None = None) -> int:
        """Return how many days until the campaign starts (0 once it has)."""
        today = today or timezone.localdate()
        return max((self.starts_on - today).days, 0)
