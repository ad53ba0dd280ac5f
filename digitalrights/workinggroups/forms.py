"""The admin's forms for working groups and their meetings."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, tzinfo

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model

TIME_FIELDS = ("starts_at", "ends_at")


class MemberCityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, city) -> str:
        return _member_label(city)


class MemberCitiesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, city) -> str:
        return _member_label(city)


def _member_label(city) -> str:
    """Name a city as the coalition does (Bordeaux Métropole), with its country."""
    member = getattr(city, "membership", None)
    name = member.name if member is not None else city.name
    return f"{name} ({city.country_code})"


class WorkingGroupPageForm(WagtailAdminPageForm):
    """Offer the coalition's member cities, by name, instead of the gazetteer.

    The gazetteer holds some 26,000 cities; a group's cities are members, a
    list short enough for check boxes.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field_class, widget in (
            ("coordinator", MemberCityChoiceField, forms.Select),
            ("member_cities", MemberCitiesChoiceField, forms.CheckboxSelectMultiple),
        ):
            field = self.fields.get(name)
            if field is None:
                continue
            queryset = (
                field.queryset.select_related("membership").order_by("name").distinct()
            )
            replacement = field_class(
                queryset=queryset,
                required=field.required,
                label=field.label,
                help_text=field.help_text,
                widget=widget,
            )
            if name == "coordinator":
                replacement.empty_label = field.empty_label
            self.fields[name] = replacement
        if "outputs" in self.fields:
            self.fields["outputs"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["outputs"].choices
            )


def _zone(name: str | None) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _same_clock(value: datetime, source: tzinfo, target: tzinfo) -> datetime:
    """Return the time that reads on ``target``'s clocks as ``value`` reads
    on ``source``'s."""
    return timezone.make_aware(timezone.make_naive(value, source), target)


class MeetingAdminForm(WagtailAdminModelForm):
    """Show and read a meeting's times in the meeting's time zone.

    Django reads a typed time in the editor's time zone; a meeting in Vienna
    is typed as the Viennese read it, whatever the editor's zone.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editor = timezone.get_current_timezone()
        zone = _zone(self.instance.time_zone)
        for name in TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if name in self.fields and value is not None:
                self.initial[name] = _same_clock(value, zone, editor)

    def clean(self) -> dict:
        cleaned = super().clean()
        editor = timezone.get_current_timezone()
        zone = _zone(cleaned.get("time_zone"))
        for name in TIME_FIELDS:
            if cleaned.get(name):
                cleaned[name] = _same_clock(cleaned[name], editor, zone)
        return cleaned


class MeetingsPanel(InlinePanel):
    """An inline panel whose forms are the child model's ``base_form_class``."""

    def get_form_options(self) -> dict:
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        model = self.db_field.related_model
        extra = {}
        defer = self.child_edit_handler.get_form_options().get(
            "defer_required_on_fields"
        )
        if defer:
            extra["defer_required_on_fields"] = defer
        formset["form"] = get_form_for_model(
            model,
            form_class=model.base_form_class,
            fields=formset["fields"],
            **extra,
        )
        return options
