"""The anonymous page cache.

A spike of readers must not reach the database, so whole responses to
anonymous GET requests are kept in the cache. Every cached page carries the
*generation* number it was built in; any change to data that a page may show
bumps the number, which retires every cached page at once, in every process
that shares the cache. The number and the page are read in one round trip.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

GENERATION_KEY = "pagecache:generation"
# Saving these changes nothing any public page shows.
IGNORED_MODELS = {
    "sessions.session",
    "django_tasks_db.dbtaskresult",
    "wagtailsearch.indexentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.revision",
    "wagtailcore.pagesubscription",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "auth.user",
}


def ignore_model(label: str) -> None:
    """Let writes to a model leave the page cache alone (``app.model`` label).

    For data whose pages are ``live_page`` views, kept for seconds only.
    """
    IGNORED_MODELS.add(label)


EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/", "/documents/")
MAX_BODY_BYTES = 2 * 1024 * 1024


def live_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose page shows live figures: cache it for seconds only.

    Such pages (endorsement counts) change too often to retire the whole
    cache each time; they are kept LIVE_PAGE_CACHE_SECONDS instead.
    """

    @functools.wraps(view)
    def wrapped(*args, **kwargs) -> HttpResponse:
        response = view(*args, **kwargs)
        response.page_cache_seconds = settings.LIVE_PAGE_CACHE_SECONDS
        return response

    return wrapped


def _fresh_generation() -> int:
    # A cache emptied (flushed, restarted) must not start again at a number
    # it gave before: processes keep things per generation (core.local).
    return time.time_ns() // 1000


def page_cache_generation() -> int:
    """Return the current generation, starting one if the cache has none."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        fresh = _fresh_generation()
        cache.add(GENERATION_KEY, fresh, timeout=None)
        generation = cache.get(GENERATION_KEY, fresh)
    return generation


def page_cache_clear() -> None:
    """Retire every cached page (they expire on their own afterwards)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)


def _on_change(sender, **kwargs) -> None:
    if sender._meta.label_lower not in IGNORED_MODELS:
        page_cache_clear()


def connect_invalidation() -> None:
    """Clear the page cache whenever a model a page may show is written."""
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests from the cache when possible."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        # One round trip to the cache: the generation and the page together.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or page_cache_generation()
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return self._rebuild(request, stored[1:])
        response = self.get_response(request)
        if self._response_is_cacheable(response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, no_cache=True)
            # Stamped with the generation read before the page was built, so
            # a change made meanwhile retires this copy too.
            cache.set(
                key,
                (
                    generation,
                    response.status_code,
                    list(response.items()),
                    response.content,
                ),
                min(
                    getattr(
                        response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS
                    ),
                    settings.PAGE_CACHE_SECONDS,
                ),
            )
        return response

    def _request_is_cacheable(self, request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(EXCLUDED_PREFIXES)
        )

    def _key(self, request: HttpRequest) -> str:
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        raw = f"{request.get_host()}|{request.get_full_path()}|{gzip}"
        digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
        return f"pagecache:page:{digest}"

    def _response_is_cacheable(self, response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and len(response.content) <= MAX_BODY_BYTES
        )

    def _rebuild(self, request: HttpRequest, stored: tuple) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        # Answered as ConditionalGetMiddleware answers a page it builds: 304
        # to a matching If-None-Match, or to If-Modified-Since when the page
        # says when it last changed (the API's objects do).
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified)
            if last_modified
            else None,
            response=response,
        )
