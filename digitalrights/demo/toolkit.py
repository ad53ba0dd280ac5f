"""Demo toolkit resources: what the founding cities and their partners share.

The facts (who made what, when, under which principle) come from the
coalition's launch announcements; the summaries are the project's own words.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import models, transaction
from wagtail.documents.models import Document
from wagtail.models import Collection

from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic
from digitalrights.toolkit.models import Resource, ResourceKind
from digitalrights.toolkit.services import resource_save

AMSTERDAM, BARCELONA, NEW_YORK = 2759794, 3128760, 5128581

CHECKLIST_TITLE = "Data minimisation checklist for a new city service"
CHECKLIST_LINES = [
    "Data minimisation checklist for a new city service",
    "",
    "1. Write down what the service must do, in one sentence.",
    "2. List each piece of personal data it asks for, and why it needs it.",
    "3. Strike out every item the service can work without.",
    "4. Keep what stays for a fixed time, and delete it when that time ends.",
    "5. Tell residents, beside each field, why it is asked for.",
    "6. Review the list when the service changes, and at least once a year.",
]

RESOURCES = [
    {
        "title": "Guidelines for the Internet of Things",
        "summary": (
            "Practical advice for city agencies that put sensors and connected"
            " devices in public space: protect privacy and security, be open about"
            " what is collected, and keep the data useful to the public. New York"
            " City's technology office wrote them in 2016, and more than 35 cities"
            " have since signed on."
        ),
        "kind": ResourceKind.GUIDELINE,
        "principles": [2, 5],
        "topics": ["smart-city", "privacy", "cybersecurity"],
        "city": NEW_YORK,
        "organisation": "Mayor's Office of the Chief Technology Officer",
        "url": "https://iot.cityofnewyork.us/",
        "version_date": datetime.date(2016, 6, 1),
    },
    {
        "title": "Cities Open Internet Pledge",
        "summary": (
            "A pledge for mayors: the city does business only with internet"
            " providers that respect net neutrality, so that no provider stands"
            " between residents and the public services they rely on. Over 100 US"
            " mayors have signed it; its wording can be reused in contracts."
        ),
        "kind": ResourceKind.PROCUREMENT,
        "principles": [1, 5],
        "topics": ["broadband", "procurement"],
        "city": NEW_YORK,
        "url": "https://www.nyc.gov/site/cto/index.page",
        "version_date": datetime.date(2018, 3, 1),
    },
    {
        "title": "NYC Digital Safety: Privacy & Security",
        "summary": (
            "Workshop material that lets public libraries answer residents'"
            " questions about privacy and security online, first used in the more"
            " than 30 free workshops of New York's Library Privacy Week in 2018."
        ),
        "kind": ResourceKind.TOOL,
        "principles": [1, 2],
        "topics": ["digital-literacy", "privacy", "cybersecurity"],
        "city": NEW_YORK,
        "url": "https://nycdigitalsafety.org/",
        "version_date": datetime.date(2018, 10, 1),
    },
    {
        "title": "Ethical Digital Standards: a policy toolkit for cities",
        "summary": (
            "Barcelona's open-source policy toolkit for digital policies that put"
            " residents and their rights first: open standards, technological"
            " sovereignty, ethical procurement and agile, transparent government."
        ),
        "kind": ResourceKind.POLICY,
        "principles": [4, 5],
        "topics": ["open-source", "procurement", "open-data"],
        "city": BARCELONA,
        "url": "https://www.barcelona.cat/digitalstandards/en/",
        "version_date": datetime.date(2018, 11, 14),
    },
    {
        "title": "Decidim",
        "summary": (
            "The free participation platform Barcelona built to bring residents"
            " into policy-making: proposals, debates, participatory budgets and"
            " meetings. Any city can run its own copy."
        ),
        "kind": ResourceKind.TOOL,
        "principles": [4, 5],
        "topics": ["participation", "open-source"],
        "city": BARCELONA,
        "url": "https://decidim.org/",
        "licence": "AGPL-3.0-or-later",
        "version_date": datetime.date(2018, 11, 14),
    },
    {
        "title": "Tada – clarity about data",
        "summary": (
            "A manifesto for responsible use of data in the city, written in"
            " Amsterdam together with businesses, universities and residents:"
            " inclusive, transparent, with people in control of their data."
        ),
        "kind": ResourceKind.GUIDELINE,
        "principles": [2, 3, 4],
        "topics": ["privacy", "data-sharing", "participation"],
        "city": AMSTERDAM,
        "url": "https://tada.city/",
        "language": "nl",
        "version_date": datetime.date(2018, 6, 1),
    },
    {
        "title": CHECKLIST_TITLE,
        "summary": (
            "A one-page checklist a team can go through before a new service"
            " starts collecting personal data, following the data minimisation"
            " and privacy by design proposals of Amsterdam's digital city agenda."
        ),
        "kind": ResourceKind.TEMPLATE,
        "principles": [2],
        "topics": ["privacy"],
        "city": AMSTERDAM,
        "licence": "CC-BY-4.0",
        "file": True,
        "version_date": datetime.date(2018, 11, 14),
    },
    {
        "title": "Charter of Human Rights and Principles for the Internet",
        "summary": (
            "The charter that inspired the coalition's five principles: how"
            " existing human rights apply on the internet, worked out by the"
            " Internet Rights and Principles Coalition at the UN Internet"
            " Governance Forum."
        ),
        "kind": ResourceKind.POLICY,
        "principles": [1, 2, 3, 4, 5],
        "topics": [],
        "organisation": "Internet Rights and Principles Coalition",
        "url": "https://internetrightsandprinciples.org/",
        "version_date": datetime.date(2014, 1, 1),
    },
]


def _checklist_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(CHECKLIST_TITLE)
    text = pdf.beginText(56, A4[1] - 72)
    for line in CHECKLIST_LINES:
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _checklist_document() -> Document:
    # Wagtail's migration makes the root collection; a flushed database (tests
    # that truncate tables) has lost it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = Document(title=CHECKLIST_TITLE, collection=root)
    document.file.save(
        "data-minimisation-checklist.pdf", ContentFile(_checklist_pdf()), save=False
    )
    document._set_document_file_metadata()
    document.save()
    return document


def toolkit_load(*, mark: Callable[[models.Model], None]) -> None:
    """Create the demo resources that are missing; ``mark`` records each one."""
    titles = {item["title"] for item in RESOURCES}
    existing = set(
        Resource.objects.filter(title__in=titles).values_list("title", flat=True)
    )
    missing = [item for item in RESOURCES if item["title"] not in existing]
    if not missing:
        return
    principles = Principle.objects.in_bulk()
    topics = Topic.objects.in_bulk(field_name="slug")
    cities = City.objects.in_bulk(
        [item["city"] for item in missing if "city" in item], field_name="geonameid"
    )
    with transaction.atomic():
        # Oldest first, so the feeds list them newest first as written above.
        for item in reversed(missing):
            document = _checklist_document() if item.get("file") else None
            resource = resource_save(
                title=item["title"],
                summary=item["summary"],
                kind=item["kind"],
                principles=[principles[n] for n in item["principles"]],
                topics=[topics[s] for s in item["topics"] if s in topics],
                language=item.get("language", "en"),
                licence=item.get("licence", ""),
                source_city=cities.get(item.get("city")),
                source_organisation=item.get("organisation", ""),
                document=document,
                url=item.get("url", ""),
                version_date=item["version_date"],
            )
            # The resource first: demo_remove deletes in this order, and a
            # document cannot go while a resource still holds it.
            mark(resource)
            if document is not None:
                mark(document)
