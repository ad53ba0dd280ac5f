from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
