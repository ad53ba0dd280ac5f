"""Atom feeds of newly published initiatives: all, per principle, per city."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalrights.cities.models import City
from digitalrights.core.feeds import summary_html, xml_safe
from digitalrights.core.principles import Principle

from . import selectors
from .models import Initiative


class InitiativeFeed(Feed):
    """The latest published initiatives, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args, **kwargs):
        return None

    def title(self, obj) -> str:
        return _("New initiatives of the Cities for Digital Rights")

    def subtitle(self, obj) -> str:
        return _("What member cities do for digital rights, as they tell it.")

    def link(self, obj) -> str:
        return reverse("initiatives:list")

    def feed_url(self, obj) -> str:
        return reverse("initiatives:feed")

    def language(self, obj) -> str:
        return get_language()

    def items(self, obj) -> list[Initiative]:
        return selectors.initiatives_feed()

    def item_title(self, item: Initiative) -> str:
        return xml_safe(item.title)

    def item_description(self, item: Initiative) -> str:
        # Atom readers treat the summary as HTML: escape what was typed.
        return summary_html(item.summary)

    def item_link(self, item: Initiative) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Initiative) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Initiative) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Initiative) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: Initiative) -> str:
        return xml_safe(item.city.name)

    def item_author_link(self, item: Initiative) -> str:
        return item.city.get_absolute_url()

    def item_categories(self, item: Initiative) -> list[str]:
        return [xml_safe(p.label) for p in item.principles.all()] + [
            xml_safe(t.label) for t in item.topics.all()
        ]


class PrincipleFeed(InitiativeFeed):
    """The latest published initiatives serving one principle."""

    def get_object(self, request: HttpRequest, number: int) -> Principle:
        try:
            return Principle(number)
        except ValueError:
            raise Http404 from None

    def title(self, obj: Principle) -> str:
        return _("New initiatives for “%(principle)s”") % {"principle": obj.label}

    def link(self, obj: Principle) -> str:
        return f"{reverse('initiatives:list')}?principle={obj.value}"

    def feed_url(self, obj: Principle) -> str:
        return reverse("initiatives:feed_principle", args=[obj.value])

    def items(self, obj: Principle) -> list[Initiative]:
        return selectors.initiatives_feed(principle=obj.value)


class CityFeed(InitiativeFeed):
    """The latest published initiatives of one city."""

    def get_object(self, request: HttpRequest, geonameid: int) -> City:
        city = City.objects.filter(geonameid=geonameid).first()
        if city is None:
            raise Http404
        return city

    def title(self, obj: City) -> str:
        return _("New initiatives of %(city)s") % {"city": obj.name}

    def link(self, obj: City) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: City) -> str:
        return reverse("initiatives:feed_city", args=[obj.geonameid])

    def items(self, obj: City) -> list[Initiative]:
        return selectors.initiatives_feed(city=obj)
