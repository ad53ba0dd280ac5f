"""schema.org descriptions of public pages, as JSON-LD for search engines.

``describe(obj, context)`` returns the JSON-LD object of what a page shows:
a city (``City``, and the ``GovernmentOrganization`` that is a member), an
initiative (``Article``), a news item (``NewsArticle``), a working group's
meetings (``Event``), the open data page (``DataCatalog`` of ``Dataset``).
The template tag ``{% structured_data obj %}`` writes it in a
``<script type="application/ld+json">`` element, escaped as ``json_script``
escapes, so that no text can close the element.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import SafeString, mark_safe

from digitalrights.cities.models import City
from digitalrights.content.models import NewsPage
from digitalrights.initiatives.models import Initiative
from digitalrights.workinggroups.models import WorkingGroupPage

from .schemas import site_url

COALITION = "Cities Coalition for Digital Rights"


def _coalition() -> dict:
    return {"@type": "Organization", "name": COALITION, "url": site_url("/")}


def _absolute(url: str) -> str:
    return site_url(url) if url.startswith("/") else url


def city_data(city: City) -> dict:
    place: dict[str, Any] = {
        "@type": "City",
        "@id": f"https://sws.geonames.org/{city.geonameid}/",
        "name": city.name,
        "url": site_url(city.get_absolute_url()),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": city.latitude,
            "longitude": city.longitude,
        },
        "containedInPlace": {
            "@type": "Country",
            "name": str(city.country_name),
            "identifier": city.country_code,
        },
    }
    member = getattr(city, "membership", None)
    if member is None or not city.is_member:
        return {"@context": "https://schema.org", **place}
    government = {
        "@type": "GovernmentOrganization",
        "name": member.name,
        "url": site_url(city.get_absolute_url()),
        "areaServed": {"@id": place["@id"]},
        "memberOf": _coalition(),
    }
    return {"@context": "https://schema.org", "@graph": [place, government]}


def initiative_data(initiative: Initiative) -> dict:
    city = initiative.city
    member = getattr(city, "membership", None)
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": initiative.title,
        "description": initiative.summary,
        "inLanguage": initiative.language,
        "url": site_url(initiative.get_absolute_url()),
        "datePublished": initiative.published_at,
        "dateModified": initiative.updated_at,
        "author": {
            "@type": "GovernmentOrganization",
            "name": member.name if member is not None else city.name,
            "url": site_url(city.get_absolute_url()),
        },
        "publisher": _coalition(),
        "spatialCoverage": {"@type": "City", "name": city.name},
    }


def news_data(page: NewsPage) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.intro,
        "inLanguage": page.locale.language_code,
        "url": _absolute(page.url or ""),
        "datePublished": page.date,
        "dateModified": page.last_published_at,
        "publisher": _coalition(),
    }


def meeting_data(meeting, group: WorkingGroupPage) -> dict:
    online = bool(meeting.online_url)
    if online and meeting.place:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    locations = []
    if meeting.place:
        locations.append({"@type": "Place", "name": meeting.place})
    if online:
        locations.append({"@type": "VirtualLocation", "url": meeting.online_url})
    return {
        "@type": "Event",
        "name": meeting.title,
        "description": meeting.details,
        "startDate": meeting.local_start,
        "endDate": meeting.local_end,
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": locations,
        "organizer": {
            "@type": "Organization",
            "name": group.title,
            "url": _absolute(group.url or ""),
        },
        "url": _absolute(group.url or ""),
    }


def group_meetings_data(group: WorkingGroupPage, meetings) -> dict:
    return {
        "@context": "https://schema.org",
        "@graph": [meeting_data(meeting, group) for meeting in meetings],
    }


def catalog_data(datasets, licence) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": f"{COALITION}: open data",
        "url": site_url("/en/data/"),
        "publisher": _coalition(),
        "license": licence.url,
        "dataset": [
            {
                "@type": "Dataset",
                "@id": site_url(f"/en/data/#{dataset.name}"),
                "name": str(dataset.title),
                "description": str(dataset.description),
                "license": licence.url,
                "creator": _coalition(),
                "isAccessibleForFree": True,
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": media_type,
                        "contentUrl": dataset.file_url(extension),
                    }
                    for extension, media_type in (
                        ("csv", "text/csv"),
                        ("json", "application/json"),
                    )
                ],
            }
            for dataset in datasets
        ],
    }


def describe(obj: Any, context: dict) -> dict | None:
    """Return the JSON-LD of ``obj`` as its page shows it, if we describe it."""
    if isinstance(obj, City):
        return city_data(obj)
    if isinstance(obj, Initiative):
        return initiative_data(obj)
    if isinstance(obj, NewsPage):
        return news_data(obj)
    if isinstance(obj, WorkingGroupPage):
        # Meetings to come: what a reader (or a search engine) can still join.
        meetings = context.get("meetings_coming", [])
        return group_meetings_data(obj, meetings) if meetings else None
    return None


def json_ld_script(data: dict | None) -> SafeString:
    """Return ``data`` in a JSON-LD script element no text can break out of."""
    if data is None:
        return mark_safe("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # As django.utils.html.json_script: <, > and & become \u escapes, so no
    # text can close the element or open another.
    escaped = text.translate(_json_script_escapes)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(escaped),  # noqa: S308
    )
