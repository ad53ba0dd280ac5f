"""The officials' pages: their cities' assessments, one indicator at a time.

Every page works without JavaScript; a small script (membership's
``autosave.js``) saves the answer being typed every 30 seconds, and
``keeps_typing`` keeps what was sent after the session ended.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digitalrights.core.principles import Principle
from digitalrights.membership.views import _unstash as unstash
from digitalrights.membership.views import keeps_typing, official_view

from . import selectors, services
from .forms import AnswerForm, initial_from
from .models import Answer, Assessment


def _form_errors(form: AnswerForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _can_edit(assessment: Assessment) -> str:
    """Return why the city cannot change the assessment now, or ''."""
    try:
        services.edit_check(assessment)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@official_view
def assessment_list(request: HttpRequest) -> HttpResponse:
    """List the open cycles and every assessment of the official's cities."""
    cities = [
        city
        for city in selectors.official_assessment_cities(request.user).order_by("name")
        if city.is_member
    ]
    cycles = list(selectors.cycles_open())
    assessments = defaultdict(list)
    for assessment in (
        Assessment.objects.filter(city__in=cities)
        .select_related("cycle")
        .order_by("-cycle__year", "-version")
    ):
        assessments[assessment.city_id].append(assessment)
    rows = []
    for city in cities:
        started = {a.cycle_id for a in assessments[city.pk]}
        rows.append(
            {
                "city": city,
                "to_start": [c for c in cycles if c.pk not in started],
                "assessments": assessments[city.pk],
            }
        )
    return render(request, "monitoring/officials/list.html", {"rows": rows})


@require_POST
@official_view
def assessment_start(
    request: HttpRequest, geonameid: int, cycle_id: int
) -> HttpResponse:
    try:
        assessment = services.assessment_start(
            user=request.user, geonameid=geonameid, cycle_id=cycle_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("monitoring_officials:list")
    return redirect("monitoring_officials:assessment", pk=assessment.pk)


@official_view
def assessment_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show every indicator with its answer, what is missing, and the review."""
    assessment = selectors.assessment_access_for_official(
        user=request.user, assessment_id=pk
    )
    detail = selectors.assessment_detail(assessment.pk)
    answers = {answer.indicator_id: answer for answer in detail.answers.all()}
    levels = {
        level.value: level
        for level in selectors.framework_levels(assessment.cycle.framework_version_id)
    }
    comments = defaultdict(list)
    for comment in detail.comments.all():
        comments[comment.indicator_id].append(comment)
    sections = defaultdict(list)
    for indicator in selectors.framework_indicators(
        assessment.cycle.framework_version_id
    ):
        answer = answers.get(indicator.pk)
        sections[indicator.principle_id].append(
            {
                "indicator": indicator,
                "answer": answer,
                "level": levels.get(answer.level) if answer else None,
                "comments": comments.get(indicator.pk, []),
            }
        )
    reviews = {review.principle_id: review for review in detail.reviews.all()}
    locked = _can_edit(assessment)
    return render(
        request,
        "monitoring/officials/assessment.html",
        {
            "assessment": detail,
            "sections": [
                {
                    "principle": Principle(number).label,
                    "review": reviews.get(number),
                    "rows": rows,
                }
                for number, rows in sorted(sections.items())
            ],
            "locked": locked,
            "missing": [] if locked else services.assessment_missing(assessment),
            "history": selectors.assessment_history(assessment),
        },
    )


@keeps_typing
@official_view
def answer_edit(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    """Answer one indicator: a level, why, and the evidence."""
    assessment = selectors.assessment_access_for_official(
        user=request.user, assessment_id=pk
    )
    indicators = list(
        selectors.framework_indicators(assessment.cycle.framework_version_id)
    )
    position = next(
        (i for i, indicator in enumerate(indicators) if indicator.pk == indicator_id),
        None,
    )
    if position is None:
        raise Http404
    indicator = indicators[position]
    following = indicators[position + 1] if position + 1 < len(indicators) else None
    answer = (
        Answer.objects.filter(assessment=assessment, indicator=indicator)
        .prefetch_related("links", "initiatives")
        .first()
    )
    options = {
        "levels": list(
            selectors.framework_levels(assessment.cycle.framework_version_id)
        ),
        "initiatives": [
            (initiative.pk, initiative.title)
            for initiative in selectors.evidence_initiatives(assessment.city)
        ],
    }
    locked = _can_edit(assessment)
    autosave = bool(request.headers.get("X-Autosave"))
    status = 200
    restored = unstash(request) if request.method == "GET" else None
    initial, link_rows = initial_from(answer)
    if request.method == "POST":
        form = AnswerForm(request.POST, link_rows=link_rows, **options)
        status = 400
        if form.is_valid():
            try:
                services.answer_save(
                    user=request.user,
                    assessment_id=assessment.pk,
                    indicator_id=indicator.pk,
                    level=form.cleaned_data["level"],
                    justification=form.cleaned_data["justification"],
                    links=form.links(),
                    initiative_ids=form.cleaned_data.get("initiatives", []),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                if autosave:
                    return HttpResponse(status=204)
                messages.success(
                    request,
                    _("Your answer to %(code)s is saved.") % {"code": indicator.code},
                )
                if "next" in request.POST and following is not None:
                    return redirect(
                        "monitoring_officials:answer",
                        pk=assessment.pk,
                        indicator_id=following.pk,
                    )
                return redirect("monitoring_officials:assessment", pk=assessment.pk)
        if autosave:
            return HttpResponse(status=400)
    elif restored is not None:
        form = AnswerForm(restored, link_rows=link_rows, **options)
        form.is_valid()
        messages.info(
            request,
            _(
                "This is what you typed before your session ended. It is not"
                " saved yet: check it and save."
            ),
        )
    else:
        form = AnswerForm(initial=initial, link_rows=link_rows, **options)
    return render(
        request,
        "monitoring/officials/answer.html",
        {
            "assessment": assessment,
            "indicator": indicator,
            "number": position + 1,
            "count": len(indicators),
            "following": following,
            "form": form,
            "locked": locked,
        },
        status=status,
    )


@require_POST
@official_view
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.assessment_submit(user=request.user, assessment_id=pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Thank you: your assessment is sent to the working groups, who"
                " will accept it or ask for changes."
            ),
        )
    return redirect("monitoring_officials:assessment", pk=pk)
