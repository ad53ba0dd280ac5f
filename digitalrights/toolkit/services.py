"""The operations that change the toolkit outside the admin's own forms."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import Document

from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic

from .models import Resource


@transaction.atomic
def resource_save(
    *,
    title: str,
    summary: str,
    kind: str,
    principles: Iterable[Principle],
    version_date: datetime.date,
    topics: Iterable[Topic] = (),
    language: str = "en",
    licence: str = "",
    source_city: City | None = None,
    source_organisation: str = "",
    document: Document | None = None,
    url: str = "",
    live: bool = True,
    resource: Resource | None = None,
) -> Resource:
    """Create a resource, or change ``resource``, after checking every rule.

    Raise ``ValidationError`` with the messages the admin shows when a rule is
    broken (no file or link, no source, a licence that is not SPDX, no
    principle); nothing is saved then.
    """
    principles = list(principles)
    if not principles:
        raise ValidationError(
            {"principles": _("Choose at least one principle the resource serves.")}
        )
    resource = resource or Resource()
    resource.title = title
    resource.summary = summary
    resource.kind = kind
    resource.version_date = version_date
    resource.language = language
    resource.licence = licence
    resource.source_city = source_city
    resource.source_organisation = source_organisation
    resource.document = document
    resource.url = url
    resource.live = live
    resource.full_clean()
    resource.save()
    resource.principles.set(principles)
    resource.topics.set(list(topics))
    return resource
