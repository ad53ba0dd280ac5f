"""Read a search from the address: the words, the facets and the page."""

from __future__ import annotations

import re

from django import forms
from django.conf import global_settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from digitalrights.cities.geography import country_name
from digitalrights.core.forms import SiteForm
from digitalrights.initiatives.models import InitiativeStatus
from digitalrights.toolkit.models import ResourceKind

from .selectors import FACETS, MAX_QUERY_LENGTH, Criteria, clean_query

TYPES = {"initiative", "city", "news", *ResourceKind.values}
LANGUAGES = {code for code, _name in global_settings.LANGUAGES}
MAX_PAGE = 10_000
GEONAMEID = re.compile(r"[0-9]{1,10}")
PAGE = re.compile(r"[0-9]{1,5}")


class SearchForm(SiteForm):
    """The words to look for; the facets are read beside it (``criteria``)."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Words in any language; accents and capitals do not matter. Put a"
            " phrase in quotation marks."
        ),
        error_messages={
            "max_length": _("Use at most %(limit_value)d characters."),
        },
    )

    def __init__(self, data: QueryDict | None = None, *, topics=(), **kwargs):
        super().__init__(data, **kwargs)
        self.topics = set(topics)
        self.ignored: list[str] = []

    def _valid(self, facet: str, value: str) -> bool:
        if facet == "type":
            return value in TYPES
        if facet == "principle":
            return value in {"1", "2", "3", "4", "5"}
        if facet == "topic":
            return value in self.topics
        if facet == "status":
            return value in InitiativeStatus.values
        if facet == "language":
            return value in LANGUAGES
        if facet == "country":
            return (
                len(value) == 2
                and value.isalpha()
                and value.isupper()
                and (country_name(value) != value)
            )
        if facet == "city":
            return GEONAMEID.fullmatch(value) is not None
        return False

    def criteria(self) -> Criteria:
        """Return what was asked for; note each unknown facet value."""
        query = ""
        if self.is_bound and self.is_valid():
            query = clean_query(self.cleaned_data["q"])
        selected: dict[str, tuple[str, ...]] = {}
        if self.data:
            for facet in FACETS:
                chosen = []
                for value in self.data.getlist(facet)[:50]:
                    value = value.strip()[:60]
                    if not value:
                        continue
                    if self._valid(facet, value):
                        if value not in chosen:
                            chosen.append(value)
                    else:
                        self.ignored.append(value)
                if chosen:
                    selected[facet] = tuple(chosen)
        return Criteria(query=query, selected=selected)

    def page(self) -> int:
        raw = str((self.data or {}).get("page", "1"))
        # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
        if PAGE.fullmatch(raw) is None:
            return 1
        return min(max(int(raw), 1), MAX_PAGE)
