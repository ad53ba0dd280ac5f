"""Queries that read the campaigns and their progress.

A campaign's progress is the member cities whose join date falls within its
window, in the order they joined. Cities that later left the coalition still
count: they joined during the campaign.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale

from digitalrights.cities.models import Member, MemberStatus

from .models import CampaignPage, CampaignPhase

# Cities that joined on the same day are listed by name.
JOIN_ORDER = ("joined_on", "city__name", "pk")


@dataclass(frozen=True)
class CampaignProgress:
    """Where a campaign stands on ``today``."""

    campaign: CampaignPage
    members: list[Member]
    today: date

    @property
    def joined(self) -> int:
        return len(self.members)

    @property
    def left(self) -> int:
        """Return how many of the cities that joined have left since."""
        return sum(member.status == MemberStatus.FORMER for member in self.members)

    @property
    def target(self) -> int:
        return self.campaign.target

    @property
    def remaining(self) -> int:
        return max(self.target - self.joined, 0)

    @property
    def reached(self) -> bool:
        return self.joined >= self.target

    @property
    def percent(self) -> int:
        """Return the share of the target reached, 0 to 100, rounded down."""
        return min(self.joined * 100 // self.target, 100)

    @property
    def phase(self) -> CampaignPhase:
        return self.campaign.phase(self.today)

    @property
    def days_left(self) -> int:
        return self.campaign.days_left(self.today)

    @property
    def days_to_start(self) -> int:
        return self.campaign.days_to_start(self.today)


def campaign_members(*, campaign: CampaignPage) -> QuerySet[Member]:
    """Return the cities that joined during the campaign, in join order.

    Former members are included: they joined within the window.
    """
    return (
        Member.objects.select_related("city")
        .filter(joined_on__gte=campaign.starts_on, joined_on__lte=campaign.ends_on)
        .order_by(*JOIN_ORDER)
    )


def campaign_progress(
    *, campaign: CampaignPage, today: date | None = None
) -> CampaignProgress:
    """Return the campaign's progress on ``today`` (one query)."""
    return CampaignProgress(
        campaign=campaign,
        members=list(campaign_members(campaign=campaign)),
        today=today or timezone.localdate(),
    )


def campaign_progress_list(
    *, campaigns: Iterable[CampaignPage], today: date | None = None
) -> list[CampaignProgress]:
    """Return the progress of several campaigns, newest first, in one query.

    The members of every window are read at once, then shared out.
    """
    campaigns = sorted(campaigns, key=lambda c: (c.starts_on, c.pk), reverse=True)
    if not campaigns:
        return []
    today = today or timezone.localdate()
    windows = Q()
    for campaign in campaigns:
        windows |= Q(joined_on__gte=campaign.starts_on, joined_on__lte=campaign.ends_on)
    members = list(
        Member.objects.select_related("city").filter(windows).order_by(*JOIN_ORDER)
    )
    return [
        CampaignProgress(
            campaign=campaign,
            members=[
                member
                for member in members
                if campaign.starts_on <= member.joined_on <= campaign.ends_on
            ],
            today=today,
        )
        for campaign in campaigns
    ]


def campaign_running(
    *, locale: Locale | None = None, today: date | None = None
) -> CampaignPage | None:
    """Return the live campaign running on ``today`` in ``locale``, if any.

    With several at once, the one that ends first: it needs help soonest.
    """
    locale = locale or Locale.get_active()
    today = today or timezone.localdate()
    return (
        CampaignPage.objects.live()
        .filter(locale=locale, starts_on__lte=today, ends_on__gte=today)
        .order_by("ends_on", "starts_on", "pk")
        .first()
    )


def campaign_get_live(*, slug: str, locale: Locale | None = None) -> CampaignPage:
    """Return the live campaign with this slug in ``locale``.

    Raise ``CampaignPage.DoesNotExist`` if there is none.
    """
    locale = locale or Locale.get_active()
    campaign = (
        CampaignPage.objects.live()
        .filter(locale=locale, slug=slug)
        .order_by("path")
        .first()
    )
    if campaign is None:
        raise CampaignPage.DoesNotExist(f"No live campaign {slug!r} in {locale}.")
    return campaign
