"""URLs for the benchmarks: baseline views beside the whole site.

The page baseline answers with bytes the benchmark captured from a real page,
read once from ``BENCH_BASELINE_DIR`` and then served from memory, so it
measures what the server and the middleware cost for a response that needs no
database and no template.

The write baseline (``bench/endorse.py``) takes a form like the endorsement
form and inserts one row into ``bench_insert``, a table the benchmark creates
with raw SQL (no model, no migration): the least a view that stores a form can
cost through the same server, middleware and database.

Only the benchmarks mount this (``ROOT_URLCONF``).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from digitalrights import urls as site_urls

# Django reads the error handlers from the root URLconf.
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@functools.cache
def _captured(name: str) -> tuple[bytes, dict[str, str]]:
    """Return the body and headers captured for ``name``, read only once."""
    folder = os.environ.get("BENCH_BASELINE_DIR", "")
    body_path = Path(folder, f"{name}.body")
    if not folder or not body_path.is_file():
        raise Http404("No captured response by that name.")
    headers = json.loads(Path(folder, f"{name}.headers.json").read_text())
    return body_path.read_bytes(), headers


def baseline(request: HttpRequest, name: str) -> HttpResponse:
    """Return the captured response from memory, doing no other work."""
    body, headers = _captured(name)
    response = HttpResponse(body)
    for header, value in headers.items():
        response[header] = value
    # "private" keeps the page cache from storing it, so every request
    # reaches this view; the baseline is a view, not a cache hit.
    response["Cache-Control"] = "private"
    return response


# The table bench/endorse.py creates before the server starts.
INSERT_SQL = "INSERT INTO bench_insert (email, domain) VALUES (%s, %s)"


@csrf_exempt
@require_POST
def insert(request: HttpRequest) -> HttpResponse:
    """Insert one row from the posted form and redirect, as a signature does."""
    address = request.POST.get("email", "")
    with connection.cursor() as cursor:
        cursor.execute(INSERT_SQL, [address, address.rpartition("@")[2]])
    return HttpResponseRedirect("/__bench__/inserted")


# The site's patterns are added as they are, not through include(): Django's
# LocaleMiddleware looks for i18n_patterns only at the top of the root URLconf,
# and behaves differently (Vary, language from the path) when it is nested.
urlpatterns = [
    path("__bench__/baseline/<slug:name>", baseline, name="bench_baseline"),
    path("__bench__/insert", insert, name="bench_insert"),
    *site_urls.urlpatterns,
]
