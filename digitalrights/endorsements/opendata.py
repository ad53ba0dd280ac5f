"""Endorsement counts as open data: a page, JSON and CSV."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .selectors import endorsement_counts

FIELDS = [
    "geonameid",
    "city",
    "country",
    "member",
    "confirmed_endorsements",
    "updated_at",
    "url",
]


def _absolute(row: dict) -> dict:
    return row | {
        "url": settings.SITE_URL.rstrip("/") + row["url"],
        "updated_at": row["updated_at"].isoformat(timespec="seconds"),
    }


@require_safe
def counts_page(request: HttpRequest) -> HttpResponse:
    """Show every city's confirmed endorsements, with links to the data."""
    response = render(
        request, "endorsements/counts.html", {"counts": endorsement_counts()}
    )
    response.page_cache_seconds = settings.LIVE_PAGE_CACHE_SECONDS
    return response


@require_safe
def counts_json(request: HttpRequest) -> HttpResponse:
    rows = [_absolute(row) for row in endorsement_counts()]
    response = HttpResponse(
        json.dumps({"licence": "CC-BY-4.0", "cities": rows}, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response.page_cache_seconds = settings.LIVE_PAGE_CACHE_SECONDS
    return response


@require_safe
def counts_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="endorsement-counts.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.DictWriter(response, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in endorsement_counts():
        writer.writerow(_absolute(row))
    response.page_cache_seconds = settings.LIVE_PAGE_CACHE_SECONDS
    return response
