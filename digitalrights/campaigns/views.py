from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from . import selectors
from .models import CampaignPage, CampaignPhase

# Other sites show the badge: browsers and proxies may keep it an hour, then
# ask again with its ETag (a 304 costs nothing). Days left change daily.
BADGE_MAX_AGE = 60 * 60
BADGE_WIDTH = 360
BADGE_HEIGHT = 96
BADGE_MARGIN = 16
BADGE_TEXT_WIDTH = BADGE_WIDTH - 2 * BADGE_MARGIN
# Beyond this the name would hardly fit; the <title> keeps it whole.
BADGE_NAME_CHARACTERS = 48
# A generous average glyph width of sans-serif text, in ems. The badge cannot
# measure its text (no script), so a line that may be too long is squeezed
# into the width with textLength instead of running out of the badge.
GLYPH_EMS = 0.6


def _badge_line(text: str, *, size: int) -> dict:
    """Return a line of badge text, with a width to squeeze it into if needed."""
    too_long = len(text) * size * GLYPH_EMS > BADGE_TEXT_WIDTH
    return {"text": text, "size": size, "fit": BADGE_TEXT_WIDTH if too_long else None}


def _badge_status(progress: selectors.CampaignProgress) -> str:
    campaign = progress.campaign
    if progress.phase == CampaignPhase.UPCOMING:
        return gettext("Starts on %(date)s") % {
            "date": date_format(campaign.starts_on, "DATE_FORMAT")
        }
    if progress.phase == CampaignPhase.ENDED:
        return gettext("Ended on %(date)s") % {
            "date": date_format(campaign.ends_on, "DATE_FORMAT")
        }
    if progress.days_left == 1:
        return gettext("Ends today")
    return ngettext("%(count)s day left", "%(count)s days left", progress.days_left) % {
        "count": progress.days_left
    }


@require_safe
def campaign_badge(request: HttpRequest, slug: str) -> HttpResponse:
    """Draw the campaign's progress as a small SVG image for other sites.

    No script, no external resource: it works in an ``<img>`` anywhere.
    """
    try:
        campaign = selectors.campaign_get_live(slug=slug)
    except CampaignPage.DoesNotExist:
        raise Http404 from None
    progress = selectors.campaign_progress(campaign=campaign)
    joined = ngettext(
        "%(joined)s of %(target)s city joined",
        "%(joined)s of %(target)s cities joined",
        progress.target,
    ) % {"joined": progress.joined, "target": progress.target}
    status = _badge_status(progress)
    svg = render_to_string(
        "campaigns/badge.svg",
        {
            "title": gettext("%(campaign)s: %(joined)s. %(status)s.")
            % {"campaign": campaign.title, "joined": joined, "status": status},
            "description": gettext(
                "A campaign of the Cities Coalition for Digital Rights."
            ),
            "name": _badge_line(
                Truncator(campaign.title).chars(BADGE_NAME_CHARACTERS), size=15
            ),
            "joined": _badge_line(joined, size=13),
            "status": _badge_line(status, size=13),
            "width": BADGE_WIDTH,
            "height": BADGE_HEIGHT,
            "margin": BADGE_MARGIN,
            "bar_width": BADGE_TEXT_WIDTH,
            "bar_filled": round(BADGE_TEXT_WIDTH * progress.percent / 100, 1),
        },
        request=request,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=BADGE_MAX_AGE)
    # Opened on its own, the image may run nothing and load nothing; other
    # sites may show it.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Access-Control-Allow-Origin"] = "*"
    # ConditionalGetMiddleware answers 304 to a request that has this ETag.
    set_response_etag(response)
    return response
