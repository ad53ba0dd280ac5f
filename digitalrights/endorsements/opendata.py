"""Endorsement counts as open data: a page, JSON and CSV."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from digitalrights.core.cache import live_page

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


def _rows() -> list[dict]:
    return [
        row
        | {
            "url": settings.SITE_URL.rstrip("/") + row["url"],
            "updated_at": row["updated_at"].isoformat(timespec="seconds"),
        }
        for row in endorsement_counts()
    ]


@require_safe
@live_page
def counts_page(request: HttpRequest) -> HttpResponse:
    """Show every city's confirmed endorsements, with links to the data."""
    return render(request, "endorsements/counts.html", {"counts": endorsement_counts()})


@require_safe
@live_page
def counts_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        {"licence": "CC-BY-4.0", "cities": _rows()},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@live_page
def counts_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="endorsement-counts.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.DictWriter(response, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows())
    return response
