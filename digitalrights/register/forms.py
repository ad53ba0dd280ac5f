"""The form officials fill in, and the facets of the public register."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digitalrights.cities.geography import country_name
from digitalrights.core.forms import DeliverableEmailField, SiteForm
from digitalrights.initiatives.forms import language_choices

from .models import (
    RISK_HELP,
    SUMMARY_MAX,
    TEXT_MAX,
    AlgorithmEntry,
    RiskLevel,
    SystemStatus,
    web_address,
)
from .selectors import FACETS
from .services import DATA_FIELDS, EntryData

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A GeoNames id fits PostgreSQL's integer: at most nine digits here.
GEONAMEID = re.compile(r"[0-9]{1,9}")
COUNTRY = re.compile(r"[A-Z]{2}")
MAX_VALUES = 50


def _text(label, help_text, required_message, *, max_length=TEXT_MAX, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": _(
                "Use at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )


class EntryForm(SiteForm):
    """One system of the city's register, section by section."""

    title = forms.CharField(
        label=_("Name of the system"),
        help_text=_("The name residents know it by, such as 'Parking scan car'."),
        max_length=200,
        error_messages={"required": _("Give the system a name.")},
    )
    summary = _text(
        _("What it does"),
        _(
            "Two or three sentences in plain words, up to 600 characters, for"
            " a resident who has never heard of it."
        ),
        _("Say in a few plain sentences what the system does."),
        max_length=SUMMARY_MAX,
        rows=3,
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        help_text=_("The language you write this entry in."),
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
    department = forms.CharField(
        label=_("Responsible service"),
        help_text=_("The city department or service that answers for it."),
        max_length=200,
        error_messages={"required": _("Name the service responsible for it.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=SystemStatus.choices,
        initial=SystemStatus.IN_USE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    started_on = forms.DateField(
        label=_("In use since"),
        help_text=_("Leave empty if it is not used yet."),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Give a date such as 2024-03-01.")},
    )
    retired_on = forms.DateField(
        label=_("Retired on"),
        help_text=_("Only for a retired system: when the city stopped using it."),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Give a date such as 2024-03-01.")},
    )
    risk = forms.ChoiceField(
        label=_("Risk category"),
        help_text=RISK_HELP,
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the risk category."),
            "invalid_choice": _("Choose a risk category from the list."),
        },
    )
    purpose = _text(
        _("Use case"),
        _("Why the city uses it, which decisions it supports and who is affected."),
        _("Say why the city uses the system and whom it affects."),
    )
    data = _text(
        _("Data"),
        _("Which data it uses, where the data come from and how long they are kept."),
        _("Say which data the system uses."),
    )
    uses_personal_data = forms.BooleanField(
        label=_("It uses personal data"), required=False
    )
    how_it_works = _text(
        _("How it works"),
        _(
            "The kind of model or the rules it follows, how it was built and"
            " tested, in words a resident can follow."
        ),
        _("Say how the system works."),
    )
    supplier = forms.CharField(
        label=_("Supplier"),
        help_text=_("The company or body that built it, if not the city itself."),
        max_length=200,
        required=False,
    )
    code_url = forms.CharField(
        label=_("Source code"),
        help_text=_("Where its source code is published, if it is."),
        max_length=500,
        required=False,
    )
    human_oversight = _text(
        _("Human oversight"),
        _("Who checks its results, how often, and who may overrule it."),
        _("Say who checks the system and how."),
    )
    objection = _text(
        _("How to object"),
        _("How a resident can object to a decision or appeal against it."),
        _("Say how a resident can object or appeal."),
    )
    contact = forms.CharField(
        label=_("Who to ask"),
        help_text=_(
            "The team or role to ask about it, such as 'Parking Service'; not a"
            " person's name."
        ),
        max_length=200,
        error_messages={"required": _("Say which team or role residents can ask.")},
    )
    contact_email = DeliverableEmailField(
        label=_("Contact address"),
        help_text=_(
            "A work address shown on the page, such as the team's; not a personal one."
        ),
        required=False,
        max_length=254,
    )
    more_info_url = forms.CharField(
        label=_("More information"),
        help_text=_("A page of the city about the system, if there is one."),
        max_length=500,
        required=False,
    )
    # The entry's version when the page was opened (services.EntryChanged).
    saved_version = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=100
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", get_language())
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        for name in ("title", "department", "supplier", "contact"):
            self.fields[name].error_messages["max_length"] = _(
                "Use at most %(limit_value)d characters (it has %(show_value)d)."
            )

    def _web_address(self, name: str) -> str:
        url = self.cleaned_data[name].strip()
        if url:
            web_address(url)
        return url

    def clean_code_url(self) -> str:
        return self._web_address("code_url")

    def clean_more_info_url(self) -> str:
        return self._web_address("more_info_url")

    def clean(self):
        cleaned = super().clean()
        # The model's own rules across fields (dates, risk and status), told
        # beside the fields at once, with any other error.
        if not self.errors.keys() & {"status", "risk", "started_on", "retired_on"}:
            entry = AlgorithmEntry(
                status=cleaned.get("status"),
                risk=cleaned.get("risk"),
                started_on=cleaned.get("started_on"),
                retired_on=cleaned.get("retired_on"),
            )
            try:
                entry.clean()
            except ValidationError as error:
                for name, errors in error.error_dict.items():
                    self.add_error(name, errors)
        return cleaned

    def entry_data(self) -> EntryData:
        return EntryData(**{name: self.cleaned_data[name] for name in DATA_FIELDS})


def initial_from(entry: AlgorithmEntry) -> dict:
    """Return the form's initial values for ``entry``."""
    from .services import entry_version

    initial = {name: getattr(entry, name) for name in DATA_FIELDS}
    initial["saved_version"] = entry_version(entry)
    return initial


def _facet_value_valid(facet: str, value: str) -> bool:
    if facet == "city":
        return GEONAMEID.fullmatch(value) is not None
    if facet == "country":
        return COUNTRY.fullmatch(value) is not None and country_name(value) != value
    if facet == "status":
        return value in SystemStatus.values
    if facet == "risk":
        return value in RiskLevel.values
    return False


def facets_from(query: QueryDict) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Return the facet values asked for, and the values left out as unknown."""
    selected: dict[str, tuple[str, ...]] = {}
    ignored: list[str] = []
    for facet in FACETS:
        chosen: list[str] = []
        for value in query.getlist(facet)[:MAX_VALUES]:
            value = value.strip()[:60]
            if not value:
                continue
            if _facet_value_valid(facet, value):
                if value not in chosen:
                    chosen.append(value)
            elif len(ignored) < 10:
                ignored.append(value)
        if chosen:
            selected[facet] = tuple(chosen)
    return selected, ignored
