"""The secretariat's pages for monitoring inside the Wagtail admin: a
framework version read-only (with "make a new version"), the assessments
cities sent, and one assessment with its reviews, history and publication."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalrights.core.principles import Principle

from . import selectors, services
from .models import AssessmentState, FrameworkVersion

PER_PAGE = 50


def _errors(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


# The framework ----------------------------------------------------------------------


class VersionCopyForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Name of the new version"),
        max_length=40,
        help_text=gettext_lazy("Such as “2026” or “2.1”."),
    )
    notes = forms.CharField(
        label=gettext_lazy("What will change, and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


@permission_required("monitoring.view_frameworkversion", raise_exception=True)
def framework_version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a framework version as it is; offer to make a new version from it."""
    version = get_object_or_404(
        FrameworkVersion.objects.select_related("based_on"), pk=pk
    )
    form = VersionCopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.framework_version_copy(
                by=request.user,
                framework_version_id=version.pk,
                label=form.cleaned_data["label"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "label" in error.error_dict:
                form.add_error("label", error.error_dict["label"])
            else:
                form.add_error(None, error.messages)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Version “%(label)s” is made from “%(source)s”; change it here."
                    " Its indicators are marked comparable to the ones they copy."
                )
                % {"label": copy.label, "source": version.label},
            )
            return redirect(
                reverse(
                    "wagtailsnippets_monitoring_frameworkversion:edit", args=[copy.pk]
                )
            )
    by_principle = defaultdict(list)
    for indicator in selectors.framework_indicators(version).select_related(
        "comparable_to__framework_version"
    ):
        by_principle[indicator.principle_id].append(indicator)
    return render(
        request,
        "monitoring/admin/framework_version.html",
        {
            "version": version,
            "levels": selectors.framework_levels(version),
            "principles": [
                (Principle(number).label, indicators)
                for number, indicators in sorted(by_principle.items())
            ],
            "cycles": version.cycles.order_by("-year"),
            "form": form,
            "can_copy": request.user.has_perm("monitoring.add_frameworkversion"),
            "can_edit": not version.is_frozen
            and request.user.has_perm("monitoring.change_frameworkversion"),
        },
    )


# Assessments ------------------------------------------------------------------------


class AssessmentFilterForm(forms.Form):
    cycle = forms.TypedChoiceField(
        label=gettext_lazy("Cycle"), coerce=int, required=False, empty_value=None
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[
            ("", gettext_lazy("Any")),
            *[c for c in AssessmentState.choices if c[0] != AssessmentState.DRAFT],
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [
            ("", _("All cycles")),
            *[(c.pk, str(c.year)) for c in selectors.cycle_list()],
        ]


@permission_required(selectors.SECRETARIAT_VIEW_PERMISSION, raise_exception=True)
def assessment_list(request: HttpRequest) -> HttpResponse:
    """List the assessments cities sent; drafts are only counted."""
    form = AssessmentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    assessments = selectors.assessment_list(
        cycle_id=filters.get("cycle"), state=filters.get("state") or ""
    ).exclude(state=AssessmentState.DRAFT)
    page = Paginator(assessments, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    drafts = (
        selectors.assessment_list(cycle_id=filters.get("cycle"))
        .filter(state=AssessmentState.DRAFT)
        .values("cycle__year")
        .annotate(count=Count("pk"))
        .order_by("-cycle__year")
    )
    return render(
        request,
        "monitoring/admin/assessments.html",
        {
            "form": form,
            "page": page,
            "page_query": query.urlencode(),
            "drafts": list(drafts),
        },
    )


def _sections(assessment) -> list[dict]:
    """Group the answers by principle, each with its review and comments."""
    levels = {
        level.value: level
        for level in selectors.framework_levels(assessment.cycle.framework_version_id)
    }
    comments = defaultdict(list)
    for comment in assessment.comments.all():
        comments[(comment.principle_id, comment.indicator_id)].append(comment)
    reviews = {review.principle_id: review for review in assessment.reviews.all()}
    sections: dict[int, dict] = {}
    for answer in assessment.answers.all():
        number = answer.indicator.principle_id
        section = sections.setdefault(
            number,
            {
                "principle": Principle(number).label,
                "review": reviews.get(number),
                "comments": comments.get((number, None), []),
                "answers": [],
            },
        )
        section["answers"].append(
            {
                "answer": answer,
                "level": levels.get(answer.level),
                "comments": comments.get((number, answer.indicator_id), []),
            }
        )
    return [sections[number] for number in sorted(sections)]


@permission_required(selectors.SECRETARIAT_VIEW_PERMISSION, raise_exception=True)
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one assessment with its answers, reviews and history; publish it."""
    assessment = selectors.assessment_detail(pk)
    # A draft is the city's own until it is sent.
    if assessment is None or assessment.state == AssessmentState.DRAFT:
        raise Http404
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "publish":
                services.assessment_publish(
                    by=request.user,
                    assessment_id=assessment.pk,
                    message=request.POST.get("message", ""),
                )
                messages.success(
                    request,
                    _("The assessment of %(city)s for %(year)s is published.")
                    % {"city": assessment.city.name, "year": assessment.cycle.year},
                )
            elif request.POST.get("decision") == "correct":
                correction = services.assessment_correct(
                    by=request.user,
                    assessment_id=assessment.pk,
                    note=request.POST.get("message", ""),
                )
                messages.success(
                    request,
                    _(
                        "Version %(version)s is started as a draft for the city to"
                        " complete; this one stays published until it is."
                    )
                    % {"version": correction.version},
                )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _errors(error))
        return redirect("monitoring_assessment", pk=pk)
    can_decide = request.user.has_perm(selectors.SECRETARIAT_PERMISSION)
    return render(
        request,
        "monitoring/admin/assessment.html",
        {
            "assessment": assessment,
            "sections": _sections(assessment),
            "history": selectors.assessment_history(assessment),
            "can_publish": can_decide and assessment.state == AssessmentState.ACCEPTED,
            "can_correct": can_decide and assessment.is_current,
        },
    )
