"""The reviewers' pages: what waits for them, and one page per principle.

A reviewer reads each answer of the principle with its evidence, comments
on an answer or on the principle as a whole, and accepts the principle or
asks for changes (with a message). Every form works without JavaScript;
what was typed comes back with the reason when it is refused, and
``keeps_typing`` keeps it when the session ended before it was sent.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from digitalrights.core.principles import Principle
from digitalrights.initiatives.models import Initiative
from digitalrights.membership.middleware import second_factor_detour
from digitalrights.membership.selectors import cities_represented_by
from digitalrights.membership.views import _unstash as unstash
from digitalrights.membership.views import keeps_typing
from digitalrights.register.models import AlgorithmEntry

from . import selectors, services
from .forms import CommentForm, DecisionForm
from .models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    EventKind,
    PrincipleReview,
    ReviewComment,
    ReviewDecision,
)

COMMENTABLE = (AssessmentState.SUBMITTED, AssessmentState.CHANGES_REQUESTED)


def reviewer_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Require a signed-in person with a second factor; never cache the page.

    As membership's ``official_view``: without a second factor, the person
    is sent to set one up, with a note saying why.
    """

    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        detour = second_factor_detour(
            request,
            _("Set up two-factor authentication before you review assessments."),
        )
        if detour is not None:
            return detour
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped


def form_errors(form, error: ValidationError, rename: dict | None = None) -> None:
    """Show a service's refusal on the form, beside the field it concerns."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            name = rename.get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def threads_of(comments, indicators) -> tuple[dict, list]:
    """Return the comments by indicator id, and those on the principle."""
    known = {indicator.pk for indicator in indicators}
    by_indicator: dict[int, list] = defaultdict(list)
    whole = []
    for comment in comments:
        if comment.indicator_id in known:
            by_indicator[comment.indicator_id].append(comment)
        elif comment.indicator_id is None:
            whole.append(comment)
    return by_indicator, whole


def target_of(value: str, indicators, principle: int) -> int | bool | None:
    """Return the indicator id a comment form is for, None for the principle,
    or False when ``value`` names neither (a form not sent by this page)."""
    if value == f"p{principle}":
        return None
    if value.startswith("i") and value[1:].isdigit():
        indicator_id = int(value[1:])
        if any(indicator.pk == indicator_id for indicator in indicators):
            return indicator_id
    return False


# The list ------------------------------------------------------------------------


@reviewer_view
def review_list(request: HttpRequest) -> HttpResponse:
    """List the assessments waiting for the person's principles, and those
    sent back to their city, whose replies they may follow."""
    principles = selectors.reviewed_principles(request.user)
    if not principles:
        raise PermissionDenied(
            _(
                "You review no principle. The secretariat names the reviewers"
                " of each working group."
            )
        )
    mine = Prefetch(
        "reviews",
        queryset=PrincipleReview.objects.filter(principle_id__in=principles),
    )
    waiting = list(selectors.assessments_to_review(request.user).prefetch_related(mine))
    sent_back = list(
        Assessment.objects.filter(
            state=AssessmentState.CHANGES_REQUESTED,
            reviews__principle_id__in=principles,
        )
        .exclude(city__in=cities_represented_by(request.user))
        .select_related("city", "cycle")
        .prefetch_related(mine)
        .distinct()
        .order_by("-updated_at")
    )

    def rows(assessments):
        return [
            {
                "assessment": assessment,
                "reviews": [
                    {"review": review, "label": Principle(review.principle_id).label}
                    for review in assessment.reviews.all()
                ],
            }
            for assessment in assessments
        ]

    return render(
        request,
        "monitoring/review/list.html",
        {
            "waiting": rows(waiting),
            "sent_back": rows(sent_back),
            "principles": [Principle(number).label for number in sorted(principles)],
        },
    )


# One assessment, one principle ---------------------------------------------------


def _assessment_for_review(user, pk: int, principle: int) -> Assessment:
    """Return the assessment if ``user`` reviews ``principle`` of it, or raise.

    A draft is the city's own until sent: like one that does not exist, 404.
    """
    if principle not in {p.value for p in Principle}:
        raise Http404
    assessment = (
        Assessment.objects.select_related("city", "cycle", "cycle__framework_version")
        .exclude(state=AssessmentState.DRAFT)
        .filter(pk=pk)
        .first()
    )
    if assessment is None:
        raise Http404
    selectors.review_check(user=user, assessment=assessment, principle=principle)
    return assessment


def _page(
    request: HttpRequest,
    assessment: Assessment,
    principle: int,
    *,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """Draw the review page; ``bound`` holds the forms sent back with errors."""
    bound = bound or {}
    version_id = assessment.cycle.framework_version_id
    indicators = list(
        selectors.framework_indicators(version_id).filter(principle_id=principle)
    )
    review = PrincipleReview.objects.filter(
        assessment=assessment, principle_id=principle
    ).first()
    if review is None:
        raise Http404
    answers = {
        answer.indicator_id: answer
        for answer in Answer.objects.filter(
            assessment=assessment, indicator__in=indicators
        ).prefetch_related(
            "links",
            "documents",
            Prefetch("initiatives", queryset=Initiative.objects.only("pk", "title")),
            Prefetch(
                "register_entries", queryset=AlgorithmEntry.objects.only("pk", "title")
            ),
        )
    }
    levels = {level.value: level for level in selectors.framework_levels(version_id)}
    comments = ReviewComment.objects.filter(
        assessment=assessment, principle_id=principle
    ).order_by("at", "pk")
    by_indicator, whole = threads_of(comments, indicators)
    commentable = assessment.state in COMMENTABLE
    rows = []
    for indicator in indicators:
        answer = answers.get(indicator.pk)
        target = f"i{indicator.pk}"
        rows.append(
            {
                "indicator": indicator,
                "answer": answer,
                "level": levels.get(answer.level) if answer else None,
                "comments": by_indicator.get(indicator.pk, []),
                "target": target,
                "form": bound.get(target) or CommentForm(prefix=target),
            }
        )
    whole_target = f"p{principle}"
    decisions = AssessmentEvent.objects.filter(
        assessment=assessment, principle_id=principle, kind=EventKind.DECISION
    ).order_by("at", "pk")
    return render(
        request,
        "monitoring/review/assessment.html",
        {
            "assessment": assessment,
            "principle": principle,
            "principle_label": Principle(principle).label,
            "review": review,
            "rows": rows,
            "whole": {
                "comments": whole,
                "target": whole_target,
                "form": bound.get(whole_target) or CommentForm(prefix=whole_target),
            },
            "decision_form": bound.get("decision") or DecisionForm(prefix="decision"),
            "commentable": commentable,
            "decidable": assessment.state == AssessmentState.SUBMITTED,
            "decisions": decisions,
            "pending": ReviewDecision.PENDING,
            "error_form": next(iter(bound.values()), None),
        },
        status=status,
    )


def _comment(
    request: HttpRequest, assessment: Assessment, principle: int, data: QueryDict
):
    """Save a comment from ``data``; return the bound form if it is refused."""
    indicators = list(
        selectors.framework_indicators(assessment.cycle.framework_version_id).filter(
            principle_id=principle
        )
    )
    target_name = data.get("target", "")
    indicator_id = target_of(target_name, indicators, principle)
    if indicator_id is False:
        form = CommentForm(data, prefix=f"p{principle}")
        form.is_valid()
        form.add_error(
            None,
            _(
                "This comment is not about an indicator of this principle."
                " Write it beside the answer it is about."
            ),
        )
        return {f"p{principle}": form}
    form = CommentForm(data, prefix=target_name)
    if form.is_valid():
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
    return {target_name: form}


def _decide(
    request: HttpRequest, assessment: Assessment, principle: int, data: QueryDict
):
    """Accept the principle or ask for changes; return the form if refused."""
    form = DecisionForm(data, prefix="decision")
    if form.is_valid():
        message = form.cleaned_data["message"]
        try:
            if data.get("action") == "accept":
                services.review_accept(
                    user=request.user,
                    assessment_id=assessment.pk,
                    principle=principle,
                    message=message,
                )
            else:
                services.review_request_changes(
                    user=request.user,
                    assessment_id=assessment.pk,
                    principle=principle,
                    message=message,
                )
        except ValidationError as error:
            form_errors(form, error, rename={"text": "message"})
        else:
            return None
    return {"decision": form}


@keeps_typing
@reviewer_view
def review_assessment(request: HttpRequest, pk: int, principle: int) -> HttpResponse:
    """Show one principle of an assessment to its reviewers, and take their
    comments and decision."""
    assessment = _assessment_for_review(request.user, pk, principle)
    page = reverse("monitoring_review:assessment", args=[pk, principle])
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "comment":
            refused = _comment(request, assessment, principle, request.POST)
            if refused is None:
                messages.success(request, _("Your comment is saved."))
                return redirect(f"{page}#thread-{request.POST.get('target', '')}")
        elif action in ("accept", "changes"):
            refused = _decide(request, assessment, principle, request.POST)
            if refused is None:
                messages.success(
                    request,
                    _("You accepted this principle.")
                    if action == "accept"
                    else _(
                        "You asked the city for changes. It hears of it by email"
                        " and sends the assessment again when it is done."
                    ),
                )
                return redirect(page)
        else:
            return HttpResponse(
                _("This form was not sent from this page."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        # The assessment may have moved on (a colleague decided meanwhile).
        assessment.refresh_from_db(fields=["state"])
        return _page(request, assessment, principle, bound=refused, status=400)
    restored = unstash(request)
    if restored is not None:
        messages.info(
            request,
            _(
                "This is what you typed before your session ended. It is not"
                " sent yet: check it and send it."
            ),
        )
        action = restored.get("action")
        target = restored.get("target", "")
        if action in ("accept", "changes"):
            form = DecisionForm(restored, prefix="decision")
            form.is_valid()
            return _page(request, assessment, principle, bound={"decision": form})
        indicators = selectors.framework_indicators(
            assessment.cycle.framework_version_id
        ).filter(principle_id=principle)
        if (
            action == "comment"
            and target_of(target, indicators, principle) is not False
        ):
            form = CommentForm(restored, prefix=target)
            form.is_valid()
            return _page(request, assessment, principle, bound={target: form})
    return _page(request, assessment, principle)
