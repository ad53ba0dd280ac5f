"""The officials' pages: their cities' assessments, one indicator at a time.

Every page works without JavaScript; a small script (membership's
``autosave.js``) saves the answer being typed every 30 seconds, and
``keeps_typing`` keeps what was sent after the session ended.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digitalrights.core.principles import Principle
from digitalrights.membership.views import _unstash as unstash
from digitalrights.membership.views import keeps_typing, official_view

from . import selectors, services
from .forms import AnswerForm, CorrectionForm, ReplyForm, initial_from
from .models import Answer, Assessment, AssessmentState, EventKind
from .review_views import COMMENTABLE, form_errors


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
    return render(
        request,
        "monitoring/officials/list.html",
        {"rows": rows, "reviews": bool(selectors.reviewed_principles(request.user))},
    )


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


def _reply_target(value: str, indicators, principles) -> tuple[int | None, int] | None:
    """Return (indicator id or None, principle) a reply is for, or None when
    ``value`` names no thread of this assessment."""
    if value.startswith("p") and value[1:].isdigit():
        principle = int(value[1:])
        return (None, principle) if principle in principles else None
    if value.startswith("i") and value[1:].isdigit():
        indicator_id = int(value[1:])
        for indicator in indicators:
            if indicator.pk == indicator_id:
                return indicator_id, indicator.principle_id
    return None


def _reply(request: HttpRequest, assessment: Assessment, data) -> dict | None:
    """Save the city's reply in a thread; return the bound form if refused."""
    indicators = list(
        selectors.framework_indicators(assessment.cycle.framework_version_id)
    )
    principles = {indicator.principle_id for indicator in indicators}
    name = data.get("target", "")
    target = _reply_target(name, indicators, principles)
    if target is None:
        form = ReplyForm(data, prefix="reply")
        form.is_valid()
        form.add_error(
            None, _("This reply is not about a question of this assessment.")
        )
        return {"reply": form}
    form = ReplyForm(data, prefix=name)
    if form.is_valid():
        indicator_id, principle = target
        try:
            services.review_comment(
                user=request.user,
                assessment_id=assessment.pk,
                text=form.cleaned_data["text"],
                indicator_id=indicator_id,
                principle=principle,
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return None
    return {name: form}


def _correct(request: HttpRequest, assessment: Assessment, data):
    """Start a correction; return the new version, or the bound form if refused."""
    form = CorrectionForm(data, prefix="correction")
    if form.is_valid():
        try:
            return services.assessment_correct(
                by=request.user,
                assessment_id=assessment.pk,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_errors(form, error)
    return {"correction": form}


@keeps_typing
@official_view
def assessment_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show every indicator with its answer, what is missing, and the review;
    take the city's replies to reviewers and the start of a correction."""
    assessment = selectors.assessment_access_for_official(
        user=request.user, assessment_id=pk
    )
    page = reverse("monitoring_officials:assessment", args=[assessment.pk])
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "reply":
            refused = _reply(request, assessment, request.POST)
            if refused is None:
                messages.success(request, _("Your reply is saved."))
                return redirect(f"{page}#thread-{request.POST.get('target', '')}")
        elif action == "correct":
            result = _correct(request, assessment, request.POST)
            if isinstance(result, Assessment):
                messages.success(
                    request,
                    _(
                        "A correction is started: change the answers, then send"
                        " it for review. The published version stays until this"
                        " one is published."
                    ),
                )
                return redirect("monitoring_officials:assessment", pk=result.pk)
            refused = result
        else:
            return HttpResponse(
                _("This form was not sent from this page."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        assessment.refresh_from_db(fields=["state"])
        return _overview(request, assessment, bound=refused, status=400)
    restored = unstash(request)
    if restored is not None:
        messages.info(
            request,
            _(
                "This is what you typed before your session ended. It is not"
                " sent yet: check it and send it."
            ),
        )
        target = restored.get("target", "")
        if restored.get("action") == "correct":
            form = CorrectionForm(restored, prefix="correction")
            form.is_valid()
            return _overview(request, assessment, bound={"correction": form})
        indicators = list(
            selectors.framework_indicators(assessment.cycle.framework_version_id)
        )
        principles = {indicator.principle_id for indicator in indicators}
        if restored.get("action") == "reply" and _reply_target(
            target, indicators, principles
        ):
            form = ReplyForm(restored, prefix=target)
            form.is_valid()
            return _overview(request, assessment, bound={target: form})
    return _overview(request, assessment)


def _overview(
    request: HttpRequest,
    assessment: Assessment,
    *,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    detail = selectors.assessment_detail(assessment.pk)
    answers = {answer.indicator_id: answer for answer in detail.answers.all()}
    levels = {
        level.value: level
        for level in selectors.framework_levels(assessment.cycle.framework_version_id)
    }
    comments = defaultdict(list)
    whole = defaultdict(list)
    for comment in detail.comments.all():
        if comment.indicator_id is None:
            whole[comment.principle_id].append(comment)
        else:
            comments[comment.indicator_id].append(comment)
    commentable = assessment.state in COMMENTABLE
    sections = defaultdict(list)
    for indicator in selectors.framework_indicators(
        assessment.cycle.framework_version_id
    ):
        answer = answers.get(indicator.pk)
        target = f"i{indicator.pk}"
        sections[indicator.principle_id].append(
            {
                "indicator": indicator,
                "answer": answer,
                "level": levels.get(answer.level) if answer else None,
                "comments": comments.get(indicator.pk, []),
                "target": target,
                "form": bound.get(target) or ReplyForm(prefix=target),
            }
        )
    reviews = {review.principle_id: review for review in detail.reviews.all()}
    history = list(selectors.assessment_history(assessment))
    decisions = {}
    for event in history:
        if event.kind == EventKind.DECISION and event.principle_id:
            decisions[event.principle_id] = event
    locked = _can_edit(assessment)
    correction = None
    if detail.is_published:
        correction = (
            Assessment.objects.filter(city_id=detail.city_id, cycle_id=detail.cycle_id)
            .exclude(state=AssessmentState.PUBLISHED)
            .first()
        )
    return render(
        request,
        "monitoring/officials/assessment.html",
        {
            "assessment": detail,
            "sections": [
                {
                    "number": number,
                    "principle": Principle(number).label,
                    "review": reviews.get(number),
                    "decision": decisions.get(number),
                    "rows": rows,
                    "whole": {
                        "comments": whole.get(number, []),
                        "target": f"p{number}",
                        "form": bound.get(f"p{number}")
                        or ReplyForm(prefix=f"p{number}"),
                    },
                }
                for number, rows in sorted(sections.items())
            ],
            "commentable": commentable and bool(reviews),
            "locked": locked,
            "missing": [] if locked else services.assessment_missing(assessment),
            "history": history,
            "correctable": detail.is_published and detail.is_current and not correction,
            "correction_under_way": correction,
            "correction_form": bound.get("correction")
            or CorrectionForm(prefix="correction"),
            "error_form": next(iter(bound.values()), None),
        },
        status=status,
    )


def _answer_and_documents_save(
    request: HttpRequest,
    assessment: Assessment,
    indicator,
    form: AnswerForm,
    *,
    autosave: bool,
) -> bool:
    """Save the answer, remove and add documents: all of it, or nothing.

    Return whether any document was added or removed. An autosave leaves
    the documents alone (its script never sends them).
    """
    with transaction.atomic():
        services.answer_save(
            user=request.user,
            assessment_id=assessment.pk,
            indicator_id=indicator.pk,
            level=form.cleaned_data["level"],
            justification=form.cleaned_data["justification"],
            links=form.links(),
            initiative_ids=form.cleaned_data.get("initiatives", []),
            register_entry_ids=form.cleaned_data.get("register_entries", []),
        )
        if autosave:
            return False
        removed = form.cleaned_data.get("remove_documents") or []
        for document_id in removed:
            services.evidence_document_remove(
                user=request.user, document_id=document_id
            )
        upload = form.cleaned_data.get("document")
        if upload:
            # Last, so that nothing refused after it leaves a file behind.
            services.evidence_document_add(
                user=request.user,
                assessment_id=assessment.pk,
                indicator_id=indicator.pk,
                upload=upload,
                title=form.cleaned_data.get("document_title", ""),
            )
        return bool(removed or upload)


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
        .prefetch_related("links", "initiatives", "register_entries", "documents")
        .first()
    )
    documents = list(answer.documents.all()) if answer else []
    options = {
        "levels": list(
            selectors.framework_levels(assessment.cycle.framework_version_id)
        ),
        "initiatives": [
            (initiative.pk, initiative.title)
            for initiative in selectors.evidence_initiatives(assessment.city)
        ],
        "register_entries": [
            (entry.pk, entry.title)
            for entry in selectors.evidence_register_entries(assessment.city).only(
                "pk", "title"
            )
        ],
        "documents": documents,
    }
    locked = _can_edit(assessment)
    autosave = bool(request.headers.get("X-Autosave"))
    status = 200
    restored = unstash(request) if request.method == "GET" else None
    initial, link_rows = initial_from(answer)
    if request.method == "POST":
        form = AnswerForm(request.POST, request.FILES, link_rows=link_rows, **options)
        status = 400
        if form.is_valid():
            try:
                documents_changed = _answer_and_documents_save(
                    request, assessment, indicator, form, autosave=autosave
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
                if documents_changed and "next" not in request.POST:
                    # Back to the answer, to see its documents as they are now.
                    return redirect(
                        "monitoring_officials:answer",
                        pk=assessment.pk,
                        indicator_id=indicator.pk,
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
