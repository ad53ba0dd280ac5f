from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database and the cache answer, 503 otherwise."""
    started = time.perf_counter()
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        logger.exception("Health check: the database did not answer.")
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception:
        logger.exception("Health check: the cache did not answer.")
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    checks["milliseconds"] = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse(checks, status=200 if healthy else 503)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Tell crawlers what to skip and where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Render the translated 404 page, with a way forward."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Render a plain 500 page that needs nothing that may have failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())


# Under MEDIA_ROOT but never served from it: Wagtail documents are sent by
# Wagtail's /documents/ view, which refuses the file of an unpublished toolkit
# resource (toolkit.wagtail_hooks); served from here they would bypass it.
UNSERVED_MEDIA = ("documents",)


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve an upload in development (the proxy does it in production)."""
    import posixpath

    from django.conf import settings
    from django.http import Http404
    from django.views.static import serve

    first = posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/")
    if first.split("/", 1)[0].casefold() in UNSERVED_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
