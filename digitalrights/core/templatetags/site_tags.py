from __future__ import annotations

import time
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from digitalrights.core import local
from digitalrights.core.cache import page_cache_generation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """Return this page in every shipped language, for links and hreflang."""
    request = context["request"]
    current = get_language()
    page = context.get("page")
    urls: dict[str, str] = {}
    if isinstance(page, Page):
        for translation in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = url
    alternates = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return alternates


# The navigation per host name, language and page-cache generation, in this
# process: it is on every page, and any change to a page or a site starts a
# new generation (core.cache). By host, so that the site is looked up only
# when the navigation is built (a query a page otherwise made every time).
_navigation: dict[tuple, tuple[dict, float]] = {}
NAVIGATION_SECONDS = 300
local.on_forget(_navigation.clear)


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """Return the home page and its children, in the current language.

    Children shown in menus make the main navigation; the others (About,
    Partners, Privacy…) go to the footer. One query for all of them, once
    per generation of the page cache.
    """
    request = context["request"]
    key = (request.get_host(), get_language(), page_cache_generation())
    found, until = _navigation.get(key, (None, 0.0))
    if found is None or until < time.monotonic():
        site = Site.find_for_request(request)
        if site is None:
            return {"home_url": f"/{get_language()}/", "menu": [], "more": []}
        home = site.root_page.localized
        children = list(home.get_children().live().order_by("path"))
        found = {
            "home_url": home.get_url(request) or f"/{get_language()}/",
            "menu": [_link(page, request) for page in children if page.show_in_menus],
            "more": [
                _link(page, request) for page in children if not page.show_in_menus
            ],
        }
        if len(_navigation) > 64:
            _navigation.clear()
        _navigation[key] = (found, time.monotonic() + NAVIGATION_SECONDS)
    return found


def _link(page: Page, request) -> dict:
    return {"pk": page.pk, "title": page.title, "url": page.get_url(request)}


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, title: str) -> dict:
    """Plain links to share the current page: no third-party script."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    encoded_url = quote(url, safe="")
    encoded_title = quote(title, safe="")
    encoded_both = quote(f"{title} {url}", safe="")
    return {
        "url": url,
        "links": [
            ("email", f"mailto:?subject={encoded_title}&body={encoded_url}"),
            ("mastodon", f"https://mastodonshare.com/?text={encoded_both}"),
            ("bluesky", f"https://bsky.app/intent/compose?text={encoded_both}"),
            (
                "linkedin",
                f"https://www.linkedin.com/sharing/share-offsite/?url={encoded_url}",
            ),
            ("whatsapp", f"https://wa.me/?text={encoded_both}"),
        ],
    }


@register.filter
def content_language(page) -> str:
    """Return the language a page's content is written in (aliases copy it)."""
    if not isinstance(page, Page):
        return get_language()
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code
