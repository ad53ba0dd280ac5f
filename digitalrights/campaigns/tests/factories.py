import datetime

import factory
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from digitalrights.campaigns.models import CampaignIndexPage, CampaignPage


class CampaignPageFactory(factory.Factory):
    """A campaign under the demo's English campaign index, published."""

    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Test campaign {n}")
    slug = factory.LazyAttribute(lambda campaign: slugify(campaign.title))
    target = 10
    starts_on = datetime.date(2030, 1, 1)
    ends_on = datetime.date(2030, 3, 31)
    intro = "A campaign made for a test."

    @classmethod
    def _create(cls, model_class, *args, live: bool = True, **kwargs) -> CampaignPage:
        index = CampaignIndexPage.objects.get(locale__language_code="en")
        campaign = model_class(*args, live=live, **kwargs)
        index.add_child(instance=campaign)
        if live:
            campaign.save_revision().publish()
        return campaign


def running_campaign_everywhere(**fields) -> CampaignPage:
    """Publish a campaign running today, with a copy in every language.

    The browser crawl uses it so that the home page shows a running campaign.
    """
    today = timezone.localdate()
    campaign = CampaignPageFactory(
        **{
            "title": "Ten more cities this month",
            "target": 10,
            "starts_on": today - datetime.timedelta(days=5),
            "ends_on": today + datetime.timedelta(days=20),
        }
        | fields
    )
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    return campaign
