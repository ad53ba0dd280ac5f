"""The open data pages, the dumps' files and the DCAT-AP catalogue."""

from __future__ import annotations

import json

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from . import catalog, dumps
from .docs import api_reference
from .models import current_licence
from .structured_data import catalog_data, json_ld_script

# Dumps change once a night; a client may keep one for an hour.
DUMP_MAX_AGE = 3600
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _dump_summary() -> dict[str, dict]:
    """Return what the last dump wrote, by file name: rows and size."""
    try:
        package = json.loads((dumps.dumps_dir() / dumps.PACKAGE).read_text())
    except (OSError, ValueError):
        return {}
    return {resource["path"]: resource for resource in package.get("resources", [])}


@require_safe
def data_index(request: HttpRequest) -> HttpResponse:
    """List the datasets, their API, dumps and catalogue, and the licence."""
    summary = _dump_summary()
    datasets = [
        {
            "dataset": dataset,
            "has_dump": f"{dataset.name}.csv" in summary,
            "csv_bytes": summary.get(f"{dataset.name}.csv", {}).get("bytes"),
        }
        for dataset in dumps.DATASETS
    ]
    licence = current_licence()
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": datasets,
            "has_dumps": bool(summary),
            "dumped_at": dumps.dump_modified(),
            "licence": licence,
            "structured_data": json_ld_script(catalog_data(dumps.DATASETS, licence)),
        },
    )


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """Show the API's reference, read from its OpenAPI description."""
    return render(
        request,
        "opendata/api_docs.html",
        {"reference": api_reference(), "licence": current_licence()},
    )


@require_safe
def dump_file(request: HttpRequest, name: str) -> HttpResponse:
    """Serve one file of the last dump (only the names a dump writes)."""
    if name not in dumps.dump_files():
        raise Http404
    path = dumps.dumps_dir() / name
    try:
        opened = path.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = name.rsplit(".", 1)[-1]
    response = FileResponse(opened, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=DUMP_MAX_AGE)
    return response


def _catalog_response(body: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=DUMP_MAX_AGE)
    return response


@require_safe
def catalog_ttl(request: HttpRequest) -> HttpResponse:
    """Serve the DCAT-AP catalogue in Turtle."""
    return _catalog_response(catalog.catalog_turtle(), "text/turtle; charset=utf-8")


@require_safe
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    """Serve the DCAT-AP catalogue in JSON-LD."""
    return _catalog_response(catalog.catalog_jsonld(), "application/ld+json")
