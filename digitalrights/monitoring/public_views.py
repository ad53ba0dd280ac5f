"""The public pages of progress monitoring: scores, answers, charts, the method.

Only published, current assessments are shown. Bad addresses and query
strings get a page that says what is wrong (400) or what is missing (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from digitalrights.cities.models import City
from digitalrights.core.principles import Principle as PrincipleNumber

from . import charts
from . import public_selectors as selectors
from .models import Answer, Assessment, Cycle, FrameworkVersion, Indicator, Level
from .scores import Comparison, comparison, indicator_counterparts

MAX_COMPARED = 5
PRACTICES = 5
PRACTICE_CITIES = 5
# Larger ids cannot be stored, and SQLite refuses them in a query.
MAX_ID = 2**31 - 1


def principle_label(number: int | None) -> str:
    if number is None:
        return _("Overall")
    return str(PrincipleNumber(number).label)


def top_levels(levels: list[Level]) -> int | None:
    """Return the lowest of the version's two highest level values."""
    values = sorted(level.value for level in levels)
    if not values:
        return None
    return values[-2] if len(values) >= 3 else values[-1]


def _problem(
    request: HttpRequest, *, title: str, message: str, status: int
) -> HttpResponse:
    return render(
        request,
        "monitoring/public/problem.html",
        {"problem_title": title, "message": message},
        status=status,
    )


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return _problem(
        request,
        title=_("No published assessment here"),
        message=message,
        status=404,
    )


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return _problem(
        request,
        title=_("This address is not quite right"),
        message=message,
        status=400,
    )


class YearForm(forms.Form):
    cycle = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Give the cycle as a year, such as 2025."),
            "min_value": gettext_lazy("Give a year from 2000 to 2100."),
            "max_value": gettext_lazy("Give a year from 2000 to 2100."),
        },
    )


def _year(request: HttpRequest) -> tuple[int | None, str]:
    """Return the ``?cycle=`` year asked for (or None), or a message why not."""
    if len(request.GET.getlist("cycle")) > 1:
        return None, _("Give one cycle only.")
    form = YearForm(request.GET)
    if not form.is_valid():
        return None, " ".join(form.errors["cycle"])
    return form.cleaned_data["cycle"], ""


def _cycle_of(cycles: list[Cycle], year: int | None) -> Cycle | None:
    if year is None:
        return cycles[-1] if cycles else None
    return next((cycle for cycle in cycles if cycle.year == year), None)


# The coalition ---------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    counts: list[int]
    total: int
    at_top: int

    @property
    def share(self) -> Decimal:
        if not self.total:
            return Decimal(0)
        return (Decimal(100) * self.at_top / self.total).quantize(Decimal("0.1"))

    cities: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    register_entries: list = field(default_factory=list)


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """Show the coalition's progress: distributions, years, common practices."""
    year, error = _year(request)
    if error:
        return _bad_request(request, error)
    cycles = selectors.cycles_published()
    cycle = _cycle_of(cycles, year)
    if cycle is None and year is not None:
        return _not_found(
            request,
            _("No assessment of the %(year)s cycle is published.") % {"year": year},
        )
    context: dict = {"cycles": cycles, "cycle": cycle}
    means = selectors.score_means()
    principles = sorted({p for (_y, p) in means if p is not None})
    context["years"] = [
        {
            "cycle": c,
            "means": [_rounded(means.get((c.pk, p))) for p in [*principles, None]],
        }
        for c in cycles
    ]
    context["principle_labels"] = [principle_label(p) for p in [*principles, None]]
    context["versions_differ"] = len({c.framework_version_id for c in cycles}) > 1
    context["years_chart"] = charts.time_series(
        [str(c.year) for c in cycles],
        [
            (principle_label(p), [means.get((c.pk, p)) for c in cycles])
            for p in [*principles, None]
        ],
        ident="years-chart",
        title=_("Mean score per cycle"),
        desc=_(
            "The mean published score of the member cities in each cycle, per"
            " principle and overall, from 0 to 100. The figures are in the table"
            " below."
        ),
    )
    if cycle is None:
        return render(request, "monitoring/public/overview.html", context)
    levels = selectors.version_levels(cycle.framework_version_id)
    indicators = selectors.version_indicators(cycle.framework_version_id)
    counts = selectors.level_counts(cycle)
    lowest_top = top_levels(levels)
    rows = []
    for indicator in indicators:
        per_level = [counts.get((indicator.pk, level.value), 0) for level in levels]
        at_top = sum(
            counts.get((indicator.pk, level.value), 0)
            for level in levels
            if lowest_top is not None and level.value >= lowest_top
        )
        rows.append(IndicatorRow(indicator, per_level, sum(per_level), at_top))
    ranked = sorted(rows, key=lambda row: (-row.share, row.indicator.sort_order))
    shown = min(PRACTICES, len(ranked) // 2)
    most = ranked[:shown]
    least = list(reversed(ranked[len(ranked) - shown :])) if shown else []
    chosen = [row.indicator.pk for row in most + least]
    by_indicator = {row.indicator.pk: row for row in most + least}
    if chosen and lowest_top is not None:
        for city in selectors.practice_cities(
            cycle, chosen, lowest_level=lowest_top, limit=PRACTICE_CITIES
        ):
            by_indicator[city.indicator_id].cities.append(city)
        for initiative in selectors.practice_initiatives(
            cycle, chosen, limit=PRACTICE_CITIES
        ):
            by_indicator[initiative.indicator_id].initiatives.append(initiative)
        for entry in selectors.practice_register_entries(
            cycle, chosen, limit=PRACTICE_CITIES
        ):
            by_indicator[entry.indicator_id].register_entries.append(entry)
    bands = selectors.score_bands(cycle)
    band_rows = [
        {
            "label": principle_label(p),
            "counts": [bands.get((p, i), 0) for i in range(len(selectors.BANDS))],
        }
        for p in [*principles, None]
    ]
    cycle_means = [means.get((cycle.pk, p)) for p in [*principles, None]]
    context.update(
        {
            "levels": levels,
            "top_level": lowest_top,
            "legend": [
                (level, charts.LEVEL_COLOURS[i % len(charts.LEVEL_COLOURS)])
                for i, level in enumerate(levels)
            ],
            "indicator_rows": rows,
            "most": most,
            "least": least,
            "bands": selectors.BANDS,
            "band_rows": band_rows,
            "cycle_means": [
                {"label": principle_label(p), "mean": _rounded(m)}
                for p, m in zip([*principles, None], cycle_means, strict=True)
            ],
            "means_chart": charts.bar_chart(
                [
                    charts.Bar(principle_label(p), m)
                    for p, m in zip([*principles, None], cycle_means, strict=True)
                ],
                ident="means-chart",
                title=_("Mean score per principle, %(year)s") % {"year": cycle.year},
                desc=_(
                    "Bars from 0 to 100: the mean published score of the member"
                    " cities per principle and overall. The figures are in the"
                    " table beside it."
                ),
            ),
            "levels_chart": charts.level_chart(
                [(row.indicator.code, row.counts) for row in rows],
                ident="levels-chart",
                title=_("Levels per indicator, %(year)s") % {"year": cycle.year},
                desc=_(
                    "For each indicator, a bar split by how many cities answered"
                    " each level, from the lowest level on the left to the"
                    " highest on the right. The figures are in the table below."
                ),
            ),
        }
    )
    return render(request, "monitoring/public/overview.html", context)


def _listed(cycle: Cycle | None) -> list[tuple[int, str, str]]:
    """Return (number, name, score as the page prints it) per city of the cycle.

    Formatted here once for a thousand rows: the template's number
    formatting, per row, cost more than the query.
    """
    if cycle is None:
        return []
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return [
        (row.geonameid, row.name, str(row.value).replace(".", separator))
        for row in selectors.cycle_cities(cycle)
    ]


@require_safe
def cities(request: HttpRequest) -> HttpResponse:
    """List the cities with a published assessment in a cycle, with their score."""
    year, error = _year(request)
    if error:
        return _bad_request(request, error)
    cycles = selectors.cycles_published()
    cycle = _cycle_of(cycles, year)
    if cycle is None and year is not None:
        return _not_found(
            request,
            _("No assessment of the %(year)s cycle is published.") % {"year": year},
        )
    return render(
        request,
        "monitoring/public/cities.html",
        {
            "cycles": cycles,
            "cycle": cycle,
            "city_scores": _listed(cycle),
            # Each city's address is the list's plus its number (public_urls).
            "city_url_prefix": reverse("monitoring:cities"),
        },
    )


def _rounded(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"))


# The method ---------------------------------------------------------------------------


@require_safe
def method(request: HttpRequest) -> HttpResponse:
    """Show the framework, the levels and how scores are computed."""
    cycles = list(Cycle.objects.select_related("framework_version").order_by("-year"))
    version = (
        cycles[0].framework_version
        if cycles
        else FrameworkVersion.objects.order_by("-created_at", "-pk").first()
    )
    levels = selectors.version_levels(version.pk) if version else []
    indicators = (
        list(
            Indicator.objects.filter(framework_version=version)
            .select_related("comparable_to", "comparable_to__framework_version")
            .order_by("principle_id", "sort_order", "pk")
        )
        if version
        else []
    )
    return render(
        request,
        "monitoring/public/method.html",
        {
            "version": version,
            "cycles": cycles,
            "levels": levels,
            "top": max((level.value for level in levels), default=0),
            "top_level": top_levels(levels),
            "principles": _by_principle(indicators, key=lambda i: i.principle_id),
            "bands": selectors.BANDS,
        },
    )


def _by_principle(items, *, key) -> list[dict]:
    groups: dict[int, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [
        {"number": number, "label": principle_label(number), "items": members}
        for number, members in sorted(groups.items())
    ]


# A city ------------------------------------------------------------------------


def _city_not_found(request: HttpRequest) -> HttpResponse:
    return _not_found(
        request,
        _(
            "This city has no published assessment, or there is no city with"
            " this number. The overview lists every city that has one."
        ),
    )


@dataclass
class CityProgress:
    """What a city's progress page and report show for one cycle."""

    city: City
    assessments: list[Assessment]
    assessment: Assessment
    earlier: Assessment | None
    answers: list[Answer]
    levels: list[Level]
    scores: dict
    change: Comparison | None
    principles: list[int]

    @property
    def cycle_scores(self) -> list[tuple[int | None, object]]:
        cycle_id = self.assessment.cycle_id
        return [(p, self.scores.get((cycle_id, p))) for p in [*self.principles, None]]


def _city_progress(request: HttpRequest, geonameid: int) -> CityProgress | HttpResponse:
    """Return a city's progress in the ``?cycle=`` asked for, or an error page."""
    year, error = _year(request)
    if error:
        return _bad_request(request, error)
    found = selectors.city_with_progress(geonameid) if geonameid <= MAX_ID else None
    if found is None:
        return _city_not_found(request)
    assessments = selectors.city_assessments(found)
    assessment = (
        assessments[-1]
        if year is None
        else next((a for a in assessments if a.cycle.year == year), None)
    )
    if assessment is None:
        return _not_found(
            request,
            _(
                "%(city)s has no published assessment of the %(year)s cycle."
                " Its other cycles are listed on its progress page."
            )
            % {"city": found.name, "year": year},
        )
    index = assessments.index(assessment)
    earlier = assessments[index - 1] if index else None
    answers = selectors.assessment_answers(assessment)
    levels = selectors.version_levels(assessment.cycle.framework_version_id)
    names = {level.value: level.name for level in levels}
    for answer in answers:
        answer.level_name = names.get(answer.level, "")
    return CityProgress(
        city=found,
        assessments=assessments,
        assessment=assessment,
        earlier=earlier,
        answers=answers,
        levels=levels,
        scores=selectors.city_scores(found),
        change=_change(assessment, answers, earlier) if earlier else None,
        principles=sorted({answer.indicator.principle_id for answer in answers}),
    )


@require_safe
def city(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Show a city's scores, answers and evidence for a cycle, and the change."""
    progress = _city_progress(request, geonameid)
    if isinstance(progress, HttpResponse):
        return progress
    found, assessments, assessment = (
        progress.city,
        progress.assessments,
        progress.assessment,
    )
    earlier, answers, levels = progress.earlier, progress.answers, progress.levels
    scores, change = progress.scores, progress.change
    cycle_scores = progress.cycle_scores
    series_principles = sorted(
        {p for (_c, p) in scores if p is not None} | set(progress.principles)
    )
    years = [a.cycle for a in assessments]
    context = {
        "city": found,
        "assessment": assessment,
        "assessments": assessments,
        "earlier": earlier,
        "levels": levels,
        "cycles": [a.cycle for a in assessments],
        "top": max((level.value for level in levels), default=0),
        "answers": _by_principle(answers, key=lambda a: a.indicator.principle_id),
        "cycle_scores": [
            {"label": principle_label(p), "score": s.value if s else None}
            for p, s in cycle_scores
        ],
        "change": change,
        "change_rows": _change_rows(change) if change else [],
        "history": [
            {
                "cycle": c,
                "scores": [
                    _value(scores.get((c.pk, p))) for p in [*series_principles, None]
                ],
            }
            for c in years
        ],
        "history_labels": [principle_label(p) for p in [*series_principles, None]],
        "versions_differ": len({c.framework_version_id for c in years}) > 1,
        "bars": charts.bar_chart(
            [charts.Bar(principle_label(p), _value(s)) for p, s in cycle_scores],
            ident="city-bars",
            title=_("Scores of %(city)s per principle, %(year)s")
            % {"city": found.name, "year": assessment.cycle.year},
            desc=_(
                "Bars from 0 to 100, one per principle and one overall. The"
                " figures are in the table beside it."
            ),
        ),
        "series": charts.time_series(
            [str(c.year) for c in years],
            [
                (
                    principle_label(p),
                    [_value(scores.get((c.pk, p))) for c in years],
                )
                for p in [*series_principles, None]
            ],
            ident="city-series",
            title=_("Scores of %(city)s over the cycles") % {"city": found.name},
            desc=_(
                "One line per principle and one overall, from 0 to 100, for each"
                " cycle with a published assessment. The figures are in the"
                " table below."
            ),
        ),
    }
    return render(request, "monitoring/public/city.html", context)


def _value(score) -> Decimal | None:
    return score.value if score is not None else None


def _change(
    assessment: Assessment, answers: list[Answer], earlier: Assessment
) -> Comparison:
    now, now_ids = selectors.side_of(assessment, answers)
    before, before_ids = selectors.side_of(earlier)
    same = assessment.cycle.framework_version_id == earlier.cycle.framework_version_id
    counterparts = (
        {pk: pk for pk in now_ids}
        if same
        else indicator_counterparts(
            now_ids, before_ids, selectors.indicators_comparable_to()
        )
    )
    return comparison(now, before, counterparts, same_version=same)


def _change_rows(change: Comparison) -> list[dict]:
    rows = [
        {
            "label": principle_label(p.principle_id),
            "now": p.now,
            "before": p.before,
            "change": p.change,
            "compared": p.compared,
            "not_compared": p.not_compared,
        }
        for p in change.principles
    ]
    rows.append(
        {
            "label": principle_label(None),
            "now": change.overall_now,
            "before": change.overall_before,
            "change": change.overall_change,
            "compared": change.compared,
            "not_compared": [],
        }
    )
    return rows


# Comparing cities ----------------------------------------------------------------


def _compared_ids(request: HttpRequest) -> tuple[list[int], str]:
    """Return the distinct city numbers asked for, or a message why not."""
    values = request.GET.getlist("city")
    if len(values) > 50:
        return [], _("Compare at most %(count)s cities.") % {"count": MAX_COMPARED}
    ids: list[int] = []
    field = forms.IntegerField(min_value=1, max_value=MAX_ID)
    for value in values:
        try:
            number = field.clean(value)
        except forms.ValidationError:
            return [], _("A city is given by its number, such as 2759794.")
        if number not in ids:
            ids.append(number)
    if len(ids) > MAX_COMPARED:
        return [], _("Compare at most %(count)s cities.") % {"count": MAX_COMPARED}
    return ids, ""


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    """Compare 2 to 5 cities in one cycle: the same questions, side by side."""
    year, error = _year(request)
    ids, ids_error = _compared_ids(request)
    cycles = selectors.cycles_published()
    cycle = _cycle_of(cycles, year) if not error else None
    if cycle is None and year is not None and not error:
        return _not_found(
            request,
            _("No assessment of the %(year)s cycle is published.") % {"year": year},
        )
    context: dict = {
        "cycles": cycles,
        "cycle": cycle,
        "error": error or ids_error,
        "max_compared": MAX_COMPARED,
        "asked": ids,
    }
    choosing = "choose" in request.GET
    if context["error"] or len(ids) < 2 or cycle is None or choosing:
        # Every city of the cycle to choose from: only where a choice is made.
        context["candidates"] = _listed(cycle)
        return render(
            request,
            "monitoring/public/compare.html",
            context,
            status=400 if context["error"] else 200,
        )
    known = selectors.cities_by_geonameid(ids)
    cities: list[City] = [known[i] for i in ids if i in known]
    assessments = selectors.cycle_assessments_of(cycle, cities)
    compared = [c for c in cities if c.pk in assessments]
    context["unknown"] = [i for i in ids if i not in known]
    context["without"] = [c for c in cities if c.pk not in assessments]
    context["compared"] = compared
    indicators = selectors.version_indicators(cycle.framework_version_id)
    levels = selectors.version_levels(cycle.framework_version_id)
    names = {level.value: level.name for level in levels}
    scores = selectors.scores_of(cycle, compared)
    answer_levels = selectors.levels_of([assessments[c.pk] for c in compared])
    principles = sorted({i.principle_id for i in indicators})
    context["score_rows"] = [
        {
            "label": principle_label(p),
            "scores": [_value(scores.get((c.pk, p))) for c in compared],
        }
        for p in [*principles, None]
    ]
    context["indicator_rows"] = [
        {
            "indicator": indicator,
            "levels": [
                answer_levels.get((assessments[c.pk].pk, indicator.pk))
                for c in compared
            ],
        }
        for indicator in indicators
    ]
    context["level_names"] = names
    context["corrected"] = [
        (c, assessments[c.pk]) for c in compared if assessments[c.pk].corrects_id
    ]
    context["chart"] = charts.bar_chart(
        [charts.Bar(c.name, _value(scores.get((c.pk, None)))) for c in compared],
        ident="compare-chart",
        title=_("Overall scores, %(year)s") % {"year": cycle.year},
        desc=_(
            "One bar per city, from 0 to 100. The figures are in the table beside it."
        ),
    )
    status = 200 if len(compared) >= 2 else 404
    return render(request, "monitoring/public/compare.html", context, status=status)


@require_safe
def city_report(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Return a city's progress in a cycle as a printable PDF."""
    from django.utils.translation import get_language

    from .report import city_report_pdf

    progress = _city_progress(request, geonameid)
    if isinstance(progress, HttpResponse):
        return progress
    assessment = progress.assessment
    page = request.build_absolute_uri(
        reverse("monitoring:city", args=[progress.city.geonameid])
        + f"?cycle={assessment.cycle.year}"
    )
    pdf = city_report_pdf(
        progress=progress,
        principle_label=principle_label,
        change_rows=_change_rows(progress.change) if progress.change else [],
        page_url=page,
        language=get_language(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="progress-{progress.city.slug or "city"}-'
        f'{assessment.cycle.year}.pdf"'
    )
    return response


@require_safe
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an evidence document as an attachment, never shown in the page.

    Published ones to anyone; before that, only to who may read them
    (``selectors.document_access``). Anyone else gets the same 404.
    """
    from django.core.exceptions import PermissionDenied
    from django.http import FileResponse
    from django.utils.cache import add_never_cache_headers, patch_cache_control

    from digitalrights.membership.selectors import session_proved_second_factor

    from .selectors import document_access

    if pk > MAX_ID:
        return _not_found(request, _("This document does not exist, or is not public."))
    try:
        document = document_access(
            user=request.user,
            document_id=pk,
            proved=request.user.is_authenticated
            and session_proved_second_factor(request),
        )
    except PermissionDenied as error:
        return _not_found(request, str(error))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        return _not_found(request, _("This document does not exist, or is not public."))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if document.answer.assessment.is_published:
        # A published document never changes.
        patch_cache_control(response, public=True, max_age=3600)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response
