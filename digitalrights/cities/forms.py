from __future__ import annotations

from django import forms
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from digitalrights.core.forms import SiteForm

from .geography import country_name, region_name


class MemberFilterForm(SiteForm):
    """The directory's filters; only values that some member has are valid."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year joined"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, facets: dict[str, list], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        countries = sorted(
            ((code, country_name(code)) for code in facets["countries"]),
            key=lambda choice: choice[1],
        )
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["region"].choices = [("", _("All regions"))] + [
            (code, region_name(code)) for code in facets["regions"]
        ]
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in facets["years"]
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the choices; showing all cities instead."
            )


class CitySearchForm(SiteForm):
    q = forms.CharField(
        label=_("City name"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
        help_text=_("Any spelling works: Wien, Vienna and Viena all find Vienna."),
    )


def language_choices() -> list[tuple[str, str]]:
    """Return every language Django knows, named in the active language."""
    choices = []
    for code, _english in ALL_LANGUAGES:
        try:
            name = get_language_info(code)["name_translated"]
        except KeyError:
            continue
        choices.append((code, name))
    return sorted(choices, key=lambda choice: str(choice[1]).casefold())


class CityProfileAdminForm(WagtailAdminModelForm):
    """The staff's editor of a city profile, with the officials' rules.

    The logo is checked by content as on the officials' form (services.
    logo_check), and languages are chosen from a list instead of typed as
    JSON.
    """

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def clean_logo(self):
        from .services import logo_check

        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload
            logo_check(logo)
        return logo

    def clean(self):
        data = super().clean()
        if data.get("logo") and not (data.get("logo_alt") or "").strip():
            self.add_error(
                "logo_alt",
                _("Say what the logo shows, for people who cannot see it."),
            )
        return data
