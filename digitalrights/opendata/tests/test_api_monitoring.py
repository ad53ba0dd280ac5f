"""Monitoring in the API: what is public, paging, scores anyone can redo."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digitalrights.initiatives.tests.factories import published as published_initiative
from digitalrights.monitoring.models import (
    Assessment,
    AssessmentState,
    EvidenceDocument,
    EvidenceLink,
    Indicator,
)
from digitalrights.monitoring.tests.factories import (
    CycleFactory,
    framework,
    member_city,
)
from digitalrights.monitoring.tests.test_scores import publish
from digitalrights.opendata.schemas import site_url
from digitalrights.register.tests.factories import published as published_entry

pytestmark = pytest.mark.django_db

API = "/api/v1"


def world(*, cities: int, years=(2047, 2048), per_principle: int = 2):
    """Return published assessments of ``cities`` in each year, weights varied."""
    version = framework(principles=(1, 2, 3, 4, 5), per_principle=per_principle)
    for n, indicator in enumerate(version.indicators.order_by("pk")):
        Indicator.objects.filter(pk=indicator.pk).update(weight=1 + n % 3)
    cycles = [CycleFactory(year=year, framework_version=version) for year in years]
    places = [member_city() for _ in range(cities)]
    codes = list(version.indicators.order_by("pk").values_list("code", flat=True))
    made = []
    for c, cycle in enumerate(cycles):
        for i, city in enumerate(places):
            levels = {code: (i * 3 + c + n) % 5 for n, code in enumerate(codes)}
            made.append(publish(city, cycle, levels))
    return version, cycles, places, made


def every(client, url: str) -> list[dict]:
    """Return every result of a paginated collection, following ``next``."""
    found = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        found += body["results"]
        url = body["next"]
    return found


def _half_up(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_every_published_score_can_be_computed_again_from_the_open_data(client):
    *_rest, made = world(cities=3)
    versions = {v["id"]: v for v in client.get(f"{API}/frameworks/").json()}
    # Every test has the demo site too, with its own published assessments.
    assessments = every(client, f"{API}/assessments/?page_size=2")
    scores = every(client, f"{API}/scores/?page_size=7")
    assert {a.pk for a in made} <= {a["id"] for a in assessments}
    assert len(scores) == len(assessments) * 6

    published = {
        (s["assessment"], s["principle"]): Decimal(str(s["score"])) for s in scores
    }
    for assessment in assessments:
        # By the method page: weighted mean of level / top level, × 100, per
        # principle; the overall score is the mean of the exact principle
        # scores; each rounded to one decimal, halves up, at the end.
        version = versions[assessment["framework"]]
        weight = {i["id"]: i["weight"] for i in version["indicators"]}
        top = version["top_level"]
        sums: dict[int, list[Fraction]] = {}
        for answer in assessment["answers"]:
            level = Fraction(answer["level"] or 0, top) * weight[answer["indicator"]]
            parts = sums.setdefault(answer["principle"], [Fraction(0), Fraction(0)])
            parts[0] += level
            parts[1] += weight[answer["indicator"]]
        exact = {p: total / weights * 100 for p, (total, weights) in sums.items()}
        overall = sum(exact.values(), Fraction(0)) / len(exact)
        for principle, value in exact.items():
            shown = assessment["scores"]["principles"][str(principle)]
            assert published[(assessment["id"], principle)] == _half_up(value)
            assert Decimal(str(shown)) == _half_up(value)
        assert published[(assessment["id"], None)] == _half_up(overall)
        assert Decimal(str(assessment["scores"]["overall"])) == _half_up(overall)


def test_only_published_assessments_are_open(client):
    _version, cycles, _places, made = world(cities=1, years=(2047,))
    draft = Assessment.objects.create(
        city=member_city(), cycle=cycles[0], state=AssessmentState.SUBMITTED
    )
    listed = every(client, f"{API}/assessments/?year=2047")
    assert [a["id"] for a in listed] == [made[0].pk]
    assert client.get(f"{API}/assessments/{draft.pk}").status_code == 404
    assert all(s["assessment"] != draft.pk for s in every(client, f"{API}/scores/"))
    # No reviewer's comment, no one who typed an answer.
    detail = client.get(f"{API}/assessments/{made[0].pk}").json()
    assert set(detail) == {
        "id", "city", "year", "cycle", "framework", "version", "current",
        "corrects", "correction_note", "published_at", "scores", "answers", "url",
    }  # fmt: skip
    assert set(detail["answers"][0]) == {
        "indicator", "code", "principle", "level", "justification",
        "evidence_links", "evidence_initiatives", "evidence_register_entries",
        "evidence_documents",
    }  # fmt: skip


def test_a_correction_replaces_the_version_and_says_why(client):
    _version, cycles, places, made = world(cities=1, years=(2047,))
    first = made[0]
    second = publish(
        places[0], cycles[0], {"1.1": 4}, corrects=first, note="Counted twice."
    )
    current = every(client, f"{API}/assessments/?year=2047")
    assert [(a["id"], a["corrects"], a["correction_note"]) for a in current] == [
        (second.pk, first.pk, "Counted twice.")
    ]
    both = {
        a["id"]: a for a in every(client, f"{API}/assessments/?versions=all&year=2047")
    }
    assert set(both) == {first.pk, second.pk}
    assert both[first.pk]["current"] is False and both[first.pk]["scores"] is None
    assert both[second.pk]["current"] is True
    scored = {s["assessment"] for s in every(client, f"{API}/scores/?year=2047")}
    assert scored == {second.pk}


def test_evidence_shows_only_register_entries_still_published(client):
    _version, _cycles, places, made = world(cities=1, years=(2047,))
    answer = made[0].answers.order_by("pk").first()
    shown = published_entry(city=places[0], title="Parking scan car")
    withdrawn = published_entry(city=places[0], title="Benefit risk model")
    answer.register_entries.add(shown, withdrawn)
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(state="draft")
    detail = client.get(f"{API}/assessments/{made[0].pk}").json()
    first = next(a for a in detail["answers"] if a["indicator"] == answer.indicator_id)
    assert first["evidence_register_entries"] == [
        {
            "id": shown.pk,
            "title": "Parking scan car",
            "url": site_url(shown.get_absolute_url()),
        }
    ]
    others = [a for a in detail["answers"] if a["indicator"] != answer.indicator_id]
    assert all(a["evidence_register_entries"] == [] for a in others)


def test_evidence_shows_links_and_only_initiatives_still_published(client):
    _version, _cycles, places, made = world(cities=1, years=(2047,))
    answer = made[0].answers.order_by("pk").first()
    EvidenceLink.objects.create(
        answer=answer, url="https://example.org/plan", label="Plan", position=1
    )
    EvidenceLink.objects.create(
        answer=answer, url="https://example.org/vote", label="Vote", position=0
    )
    shown = published_initiative(city=places[0], title="Open budget")
    hidden = published_initiative(city=places[0], title="Taken back")
    answer.initiatives.add(shown, hidden)
    type(hidden).objects.filter(pk=hidden.pk).update(state="draft")
    decision = EvidenceDocument.objects.create(
        answer=answer,
        file="monitoring/evidence/decision.pdf",
        title="Council decision",
        content_type="application/pdf",
        size=1234,
    )
    detail = client.get(f"{API}/assessments/{made[0].pk}").json()
    first = next(a for a in detail["answers"] if a["indicator"] == answer.indicator_id)
    # In their order, whatever the order they were added in.
    assert first["evidence_links"] == [
        {"url": "https://example.org/vote", "label": "Vote"},
        {"url": "https://example.org/plan", "label": "Plan"},
    ]
    assert [i["title"] for i in first["evidence_initiatives"]] == ["Open budget"]
    assert first["evidence_initiatives"][0]["url"].startswith("http")
    assert first["evidence_documents"] == [
        {
            "title": "Council decision",
            "url": site_url(f"/en/progress/documents/{decision.pk}/"),
            "content_type": "application/pdf",
            "size": 1234,
        }
    ]


def test_filters_narrow_assessments_and_scores(client):
    _version, _cycles, places, _made = world(cities=2)
    city = places[0].geonameid
    by_year = every(client, f"{API}/assessments/?year=2048")
    assert {a["year"] for a in by_year} == {2048} and len(by_year) == 2
    assert every(client, f"{API}/assessments/?year=2051") == []
    by_city = every(client, f"{API}/assessments/?city={city}")
    assert {a["city"]["geonameid"] for a in by_city} == {city}
    country = places[0].country_code
    assert every(client, f"{API}/assessments/?country={country.lower()}")
    overall = every(client, f"{API}/scores/?principle=0&year=2047")
    assert len(overall) == 2 and {s["principle"] for s in overall} == {None}
    assert every(client, f"{API}/scores/?city=999999") == []


def test_frameworks_and_cycles_are_those_published_assessments_used(client):
    version, *_rest = world(cities=1)
    unused = framework(principles=(1,))
    listed = [v["id"] for v in client.get(f"{API}/frameworks/").json()]
    assert version.pk in listed and unused.pk not in listed
    assert client.get(f"{API}/frameworks/{unused.pk}").status_code == 404
    one = client.get(f"{API}/frameworks/{version.pk}").json()
    assert [level["value"] for level in one["levels"]] == sorted(
        level["value"] for level in one["levels"]
    )
    assert one["top_level"] == max(level["value"] for level in one["levels"])
    assert len(one["indicators"]) == 10
    years = [
        (c["year"], c["published_assessments"])
        for c in client.get(f"{API}/cycles/").json()
        if c["year"] >= 2047
    ]
    assert years == [(2047, 1), (2048, 1)]


@pytest.mark.parametrize(
    "query",
    [
        "assessments/?year=abc",
        "assessments/?year=99999",
        "assessments/?page_size=0",
        "assessments/?page_size=51",
        "assessments/?versions=some",
        "assessments/?country=1X",
        "assessments/?city=-4",
        "assessments/?cursor=not-ours",
        "assessments/?cursor=" + "A" * 700,
        "scores/?principle=9",
        "scores/?cursor=WyJpZCIsICIxIiwgMV0",  # the id as text, not a number
        "scores/?page_size=5001",
    ],
)
def test_bad_parameters_are_problems_not_errors(client, query):
    world(cities=1, years=(2047,))
    response = client.get(f"{API}/{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400


@pytest.mark.parametrize(
    "path", ["assessments/0", "assessments/99999999999", "frameworks/x"]
)
def test_unknown_objects_are_404_or_400_never_500(client, path):
    assert client.get(f"{API}/{path}").status_code in (400, 404)


def test_a_deep_page_follows_the_cursor_without_repeats(client):
    world(cities=3)
    seen = [a["id"] for a in every(client, f"{API}/assessments/?page_size=1")]
    assert (
        len(seen)
        == len(set(seen))
        == Assessment.objects.filter(state=AssessmentState.PUBLISHED).count()
    )
    rows = [
        (s["assessment"], s["principle"])
        for s in every(client, f"{API}/scores/?page_size=5")
    ]
    assert len(rows) == len(set(rows)) == len(seen) * 6


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_cities_or_indicators(client):
    world(cities=2, years=(2047,), per_principle=1)
    urls = [
        f"{API}/assessments/?page_size=50",
        f"{API}/scores/?page_size=100",
        f"{API}/frameworks/",
        f"{API}/cycles/",
    ]
    few = [_queries(client, url) for url in urls]
    world(cities=6, years=(2049,), per_principle=3)
    assert [_queries(client, url) for url in urls] == few
