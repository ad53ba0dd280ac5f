"""The secretariat's integrity tools, inside the Wagtail admin."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalrights.cities.models import City
from digitalrights.core import personal_data

from . import services
from .models import Endorsement, EndorsementSettings, Invalidation
from .selectors import EndorsementFilter, endorsement_filter, endorsement_integrity


class FilterForm(forms.Form):
    city = forms.IntegerField(
        label=gettext_lazy("City (GeoNames id)"), required=False, min_value=1
    )
    since = forms.DateTimeField(label=gettext_lazy("Signed from"), required=False)
    until = forms.DateTimeField(label=gettext_lazy("Signed before"), required=False)
    email_domain = forms.CharField(
        label=gettext_lazy("Email domain"), required=False, max_length=255
    )
    network = forms.CharField(
        label=gettext_lazy("Network"),
        required=False,
        max_length=64,
        help_text=gettext_lazy(
            "An address, a /24 or /48 prefix, or the hash shown in the report."
        ),
    )
    name_contains = forms.CharField(
        label=gettext_lazy("Name contains"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any")), *Endorsement.Status.choices],
    )

    def clean_city(self) -> int | None:
        geonameid = self.cleaned_data["city"]
        if geonameid is None:
            return None
        city = City.objects.filter(geonameid=geonameid).values_list("pk", flat=True)
        if not city:
            raise forms.ValidationError(_("No city has this GeoNames id."))
        return city[0]

    def clean_network(self) -> str:
        value = self.cleaned_data["network"].strip()
        if not value:
            return ""
        if len(value) == 16 and all(c in "0123456789abcdef" for c in value):
            return value
        hashed = personal_data.network_hash(value)
        if not hashed or personal_data.network_prefix(value.split("/")[0]) == "unknown":
            raise forms.ValidationError(
                _("Give an IP address, a network prefix, or a hash from the report.")
            )
        return hashed

    def rules(self) -> EndorsementFilter:
        data = self.cleaned_data
        return EndorsementFilter(
            city_id=data["city"],
            since=data["since"],
            until=data["until"],
            email_domain=data["email_domain"].strip().lower(),
            network_hash=data["network"],
            name_contains=data["name_contains"].strip(),
            status=data["status"],
        )


@permission_required("endorsements.add_invalidation", raise_exception=True)
def integrity(request: HttpRequest) -> HttpResponse:
    """Show volumes and sources; preview and order an invalidation."""
    now = timezone.now()
    data = request.POST if request.method == "POST" else request.GET
    if not data:
        data = {
            "since": (now - datetime.timedelta(hours=24)).strftime("%Y-%m-%d %H:%M")
        }
    form = FilterForm(data)
    report = preview = None
    if form.is_valid():
        rules = form.rules()
        if request.method == "POST":
            reason = request.POST.get("reason", "").strip()
            if not rules.as_dict():
                messages.error(request, _("Choose at least one filter first."))
            elif not reason:
                messages.error(request, _("Say why, for the record."))
            else:
                invalidation = services.invalidation_create(
                    user=request.user, rules=rules, reason=reason
                )
                messages.success(
                    request,
                    _("%(count)s endorsements will be invalidated in the background.")
                    % {"count": invalidation.previewed},
                )
                return redirect("endorsement_integrity")
        report = endorsement_integrity(
            rules, now=now, alert_per_hour=EndorsementSettings.load().alert_per_hour
        )
        preview = (
            endorsement_filter(rules)
            .exclude(status=Endorsement.Status.INVALIDATED)
            .count()
        )
    return render(
        request,
        "endorsements/admin/integrity.html",
        {
            "form": form,
            "report": report,
            "preview": preview,
            "invalidations": Invalidation.objects.select_related("created_by")[:20],
        },
    )
