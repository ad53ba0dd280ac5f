"""The secretariat's side of membership, inside the Wagtail admin."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from digitalrights.cities.geography import REGIONS

from . import services
from .models import Application, ApplicationStatus, Representation, RepresentationStatus
from .selectors import (
    application_timeline,
    overdue_after_days,
    representations_waiting,
    review_queue,
)

RECENT = 50


@permission_required("membership.change_representation", raise_exception=True)
def representations(request: HttpRequest) -> HttpResponse:
    """List the requests to represent a city, waiting ones first."""
    recent = (
        Representation.objects.exclude(status=RepresentationStatus.REQUESTED)
        .select_related("user", "city", "decided_by")
        .order_by("-decided_at")[:RECENT]
    )
    return render(
        request,
        "membership/admin/representations.html",
        {"waiting": representations_waiting(), "recent": recent},
    )


@require_POST
@permission_required("membership.change_representation", raise_exception=True)
def representation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, decline or end one representation."""
    decision = request.POST.get("decision")
    reason = request.POST.get("reason", "")[:2000]
    actions = {
        "confirm": lambda: services.representation_confirm(
            representation_id=pk, by=request.user
        ),
        "decline": lambda: services.representation_decline(
            representation_id=pk, by=request.user, reason=reason
        ),
        "end": lambda: services.representation_end(
            representation_id=pk, by=request.user, reason=reason
        ),
    }
    if decision not in actions or not Representation.objects.filter(pk=pk).exists():
        messages.error(request, _("Nothing was changed: unknown request or decision."))
        return redirect("membership_representations")
    try:
        representation = actions[decision]()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s and %(city)s: %(status)s.")
            % {
                "person": representation.user.email,
                "city": representation.city.name,
                "status": representation.get_status_display(),
            },
        )
    return redirect("membership_representations")


# The review queue -------------------------------------------------------------

PER_PAGE = 50


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[
            ("", gettext_lazy("Waiting for the secretariat")),
            *list(ApplicationStatus.choices),
        ],
        required=False,
    )
    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        choices=[("", gettext_lazy("All regions")), *list(REGIONS.items())],
        required=False,
    )
    older_than_days = forms.IntegerField(
        label=gettext_lazy("Submitted more than this many days ago"),
        min_value=0,
        max_value=3650,
        required=False,
    )


def _waiting_days(application: Application, now) -> int | None:
    if application.submitted_at is None:
        return None
    return (now - application.submitted_at).days


@permission_required("membership.view_application", raise_exception=True)
def application_queue(request: HttpRequest) -> HttpResponse:
    """List applications by state, region and age; export them as CSV."""
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    applications = review_queue(
        status=filters.get("status") or "",
        region=filters.get("region") or "",
        older_than_days=filters.get("older_than_days"),
    )
    now = timezone.now()
    overdue = overdue_after_days()
    if request.GET.get("format") == "csv":
        return _queue_csv(applications, now)
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for application in page:
        days = _waiting_days(application, now)
        waiting = application.status in (
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.IN_REVIEW,
        )
        rows.append(
            {
                "application": application,
                "days": days,
                "overdue": waiting and days is not None and days >= overdue,
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    page_query = query.urlencode()
    query["format"] = "csv"
    return render(
        request,
        "membership/admin/queue.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "overdue_after": overdue,
            "csv_query": query.urlencode(),
            "page_query": page_query,
        },
    )


def _queue_csv(applications, now) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="applications.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "application_id",
            "city",
            "geonameid",
            "country_code",
            "region_code",
            "version",
            "status",
            "started_at",
            "submitted_at",
            "decided_at",
            "days_waiting",
            "signatory_name",
            "signatory_role",
            "actions_in_place",
            "actions_planned",
            "actions_not_yet",
        ]
    )
    for application in applications.prefetch_related("answers"):
        statuses = [a.status for a in application.answers.all()]
        writer.writerow(
            [
                _csv_safe(value)
                for value in (
                    application.pk,
                    application.city.name,
                    application.city.geonameid,
                    application.city.country_code,
                    application.city.region_code,
                    application.version,
                    application.status,
                    application.created_at.isoformat(),
                    application.submitted_at.isoformat()
                    if application.submitted_at
                    else "",
                    application.decided_at.isoformat()
                    if application.decided_at
                    else "",
                    ""
                    if _waiting_days(application, now) is None
                    else _waiting_days(application, now),
                    application.signatory_name,
                    application.signatory_role,
                    statuses.count("in_place"),
                    statuses.count("planned"),
                    statuses.count("not_yet"),
                )
            ]
        )
    return response


def _csv_safe(value):
    """Keep a spreadsheet from running a cell as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("review", "review"),
            ("ask", "ask"),
            ("approve", "approve"),
            ("decline", "decline"),
        ]
    )
    message = forms.CharField(required=False, max_length=5000)
    joined_on = forms.DateField(required=False)


@permission_required("membership.view_application", raise_exception=True)
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one application to the secretariat, and take its decisions."""
    from django.shortcuts import get_object_or_404

    application = get_object_or_404(Application.objects.select_related("city"), pk=pk)
    if request.method == "POST":
        if not request.user.has_perm("membership.change_application"):
            messages.error(request, _("Only the secretariat can review applications."))
            return redirect("membership_application_review", pk=pk)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: check the form."))
            return redirect("membership_application_review", pk=pk)
        data = form.cleaned_data
        try:
            _decide_application(request, application, data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done."))
        return redirect("membership_application_review", pk=pk)
    return render(
        request,
        "membership/admin/review.html",
        {
            "application": application,
            "answers": application.answers.prefetch_related("documents"),
            "documents": application.documents.filter(kind="declaration"),
            "timeline": application_timeline(application),
            "today": timezone.localdate(),
        },
    )


def _decide_application(request, application, data) -> None:
    decision = data["decision"]
    if decision == "review":
        services.application_review_start(
            by=request.user, application_id=application.pk
        )
    elif decision == "ask":
        services.application_ask(
            by=request.user, application_id=application.pk, message=data["message"]
        )
    elif decision == "approve":
        services.application_approve(
            by=request.user,
            application_id=application.pk,
            joined_on=data["joined_on"],
            message=data["message"],
        )
    elif decision == "decline":
        services.application_decline(
            by=request.user, application_id=application.pk, reason=data["message"]
        )
