"""The admin's forms for working groups and their meetings."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model

from .times import instant_of_wall_clock, wall_clock_of_instant

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


class WallClockField(forms.DateTimeField):
    """A date and time as read on the meeting's clocks, in no time zone.

    Django's own field reads a typed time in the editor's time zone (Wagtail
    makes it the zone of the editor's profile); this one leaves it as typed,
    for the meeting form to read in the meeting's zone.
    """

    def to_python(self, value) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            result = value
        else:
            try:
                result = parse_datetime(str(value).strip())
            except ValueError:
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from None
            if result is None:
                # The formats of the admin's date picker and the locale's.
                result = BaseTemporalField.to_python(self, value)
        if timezone.is_aware(result):
            # A time with its own offset is not a time read on the meeting's
            # clocks.
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return result

    def prepare_value(self, value):
        # The form's initial values are already wall-clock times.
        return value


class MeetingAdminForm(WagtailAdminModelForm):
    """Show and read a meeting's times as its own time zone's clocks read them.

    Whatever the editor's own time zone, a meeting in Amsterdam at 10:00 is
    typed and shown as 10:00. A time its zone's clocks skip or read twice
    (when summer time begins or ends) is refused with a message that names it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TIME_FIELDS:
            field = self.fields.get(name)
            if field is None:
                continue
            self.fields[name] = WallClockField(
                required=field.required,
                label=field.label,
                help_text=field.help_text,
                widget=field.widget,
                localize=field.localize,
            )
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = wall_clock_of_instant(
                    value, self.instance.time_zone
                )
        if "time_zone" in self.fields:
            self.fields["time_zone"].error_messages["invalid_choice"] = _(
                "“%(value)s” is not a time zone. Choose one from the list, such "
                "as Europe/Madrid."
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        time_zone = cleaned.get("time_zone")
        for name in TIME_FIELDS:
            wall_clock = cleaned.get(name)
            if wall_clock is None:
                continue
            if not time_zone:
                # The zone was refused, with its own message; without it the
                # times mean nothing.
                del cleaned[name]
                continue
            try:
                cleaned[name] = instant_of_wall_clock(wall_clock, time_zone)
            except ValidationError as error:
                self.add_error(name, error)
        for name in TIME_FIELDS:
            if name in self.fields and name not in cleaned:
                # Refused: the meeting's own checks must not weigh the other
                # time against the one stored before.
                setattr(self.instance, name, None)
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
