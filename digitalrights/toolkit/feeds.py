"""Atom feeds of new toolkit resources: all, per principle and per city."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalrights.cities.models import City
from digitalrights.core.feeds import summary_html
from digitalrights.core.feeds import xml_safe as _xml_safe
from digitalrights.core.models import Principle

from . import selectors
from .models import Resource


def _home_url() -> str:
    return f"/{get_language() or settings.LANGUAGE_CODE}/"


class ResourceFeed(Feed):
    """The newest published toolkit resources, newest first."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("New in the toolkit · %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def subtitle(self) -> str:
        return _(
            "Policies, guidelines, procurement clauses, templates and tools that"
            " cities share for digital rights."
        )

    def link(self) -> str:
        return _home_url()

    def items(self) -> list[Resource]:
        return selectors.resource_list_published()

    def item_title(self, item: Resource) -> str:
        return _xml_safe(f"{item.title} ({item.get_kind_display()})")

    def item_description(self, item: Resource) -> str:
        # Atom readers treat the summary as HTML: escape what was typed.
        return summary_html(item.summary)

    def item_link(self, item: Resource) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Resource):
        return item.created_at

    def item_updateddate(self, item: Resource):
        return item.updated_at

    def item_author_name(self, item: Resource) -> str:
        return _xml_safe(item.source_name)

    def item_categories(self, item: Resource) -> list[str]:
        principles = [principle.label for principle in item.principles.all()]
        topics = [topic.label for topic in item.topics.all()]
        return [_xml_safe(term) for term in principles + topics]


class PrincipleResourceFeed(ResourceFeed):
    """The newest published resources filed under one principle."""

    def get_object(self, request: HttpRequest, number: int) -> Principle:
        return selectors.principle_get(number=number)

    def title(self, obj: Principle) -> str:
        return _("New in the toolkit for principle %(number)s: %(principle)s") % {
            "number": obj.number,
            "principle": obj.label,
        }

    def link(self, obj: Principle) -> str:
        page = selectors.principle_page(number=obj.number)
        url = page.get_url() if page is not None else None
        return url or _home_url()

    def items(self, obj: Principle) -> list[Resource]:
        return selectors.resource_list_published(principle=obj)


class CityResourceFeed(ResourceFeed):
    """The newest published resources a city made."""

    def get_object(self, request: HttpRequest, geonameid: int) -> City:
        return selectors.city_get(geonameid=geonameid)

    def title(self, obj: City) -> str:
        return _("New in the toolkit from %(city)s") % {"city": _xml_safe(obj.name)}

    def link(self, obj: City) -> str:
        return obj.get_absolute_url()

    def items(self, obj: City) -> list[Resource]:
        return selectors.resource_list_published(city=obj)
