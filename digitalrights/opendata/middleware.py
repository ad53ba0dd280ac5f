"""HTTP headers every API answer shares."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/"
# Answers built from live figures are kept as briefly as the live pages.
LIVE_PREFIXES = ("/api/v1/endorsement-counts/",)
MAX_AGE = 300


class ApiHeadersMiddleware:
    """CORS for reading from any site, and how long an answer may be kept.

    Conditional requests (ETag, 304) come from ConditionalGetMiddleware and
    compression from GZipMiddleware, as for every page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        response["X-Content-Type-Options"] = "nosniff"
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            live = request.path.startswith(LIVE_PREFIXES)
            seconds = settings.LIVE_PAGE_CACHE_SECONDS if live else MAX_AGE
            patch_cache_control(response, public=True, max_age=seconds)
            response.page_cache_seconds = seconds
        else:
            patch_cache_control(response, no_store=True)
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that API errors stay API errors.

    Django answers a 404 outside the language prefixes with a redirect to
    the same address under ``/en/`` when some page could be there, and
    Wagtail's pages can be anywhere: a missing API object would become a
    redirect to an HTML page instead of a problem document.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse):
        if request.path.startswith(API_PREFIX):
            return response
        return super().process_response(request, response)
