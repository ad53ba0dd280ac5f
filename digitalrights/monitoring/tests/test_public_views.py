"""The public progress pages: what they show, bad addresses, query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalrights.initiatives.tests.factories import published as initiative
from digitalrights.monitoring.models import (
    Assessment,
    AssessmentState,
    EvidenceLink,
    Indicator,
)
from digitalrights.monitoring.services import framework_version_copy
from digitalrights.register.tests.factories import published as register_entry

from .factories import CycleFactory, framework, member_city
from .test_scores import publish

pytestmark = pytest.mark.django_db


def world(*, cities: int, per_principle: int, years=(2047, 2048), version=None):
    """Return cycles of ``years`` in one version, each city published in each."""
    version = version or framework(
        principles=(1, 2, 3, 4, 5), per_principle=per_principle
    )
    cycles = [CycleFactory(year=year, framework_version=version) for year in years]
    places = [member_city() for _ in range(cities)]
    codes = list(version.indicators.values_list("code", flat=True))
    assessments = []
    for c, cycle in enumerate(cycles):
        for i, city in enumerate(places):
            levels = {code: (i + c + n) % 5 for n, code in enumerate(codes)}
            assessment = publish(city, cycle, levels)
            assessments.append(assessment)
            for answer in assessment.answers.all():
                EvidenceLink.objects.create(
                    answer=answer, url="https://city.example.org/plan", label="Plan"
                )
                answer.initiatives.add(initiative(city=city, title=f"Step {answer.pk}"))
                answer.register_entries.add(
                    register_entry(city=city, title=f"Scan car {answer.pk}")
                )
    return cycles, places, assessments


def get(client, name, *args, **query):
    url = reverse(f"monitoring:{name}", args=args)
    return client.get(url, query) if query else client.get(url)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_each_page_makes_as_many_queries_for_6_cities_and_15_indicators_as_for_2_and_5(
    client,
):
    (_c, small_cycle), small_cities, _a = world(cities=2, per_principle=1)

    def urls(cycle, cities):
        ids = "&".join(f"city={city.geonameid}" for city in cities)
        return [
            reverse("monitoring:overview") + f"?cycle={cycle.year}",
            reverse("monitoring:cities") + f"?cycle={cycle.year}",
            reverse("monitoring:method"),
            reverse("monitoring:city", args=[cities[0].geonameid])
            + f"?cycle={cycle.year}",
            reverse("monitoring:compare") + f"?cycle={cycle.year}&{ids}",
            reverse("monitoring:city_report", args=[cities[0].geonameid])
            + f"?cycle={cycle.year}",
        ]

    # The site's navigation is built again after each change of data.
    client.get(reverse("monitoring:method") + "?warm=1")
    small = [count_queries(client, url) for url in urls(small_cycle, small_cities)]
    (_c, large_cycle), large_cities, _a = world(
        cities=6, per_principle=3, years=(2051, 2052)
    )
    client.get(reverse("monitoring:method") + "?warm=2")
    large = [count_queries(client, url) for url in urls(large_cycle, large_cities[:5])]
    assert small == large


def test_the_city_page_shows_scores_answers_evidence_and_the_change(client):
    _cycles, (city, _other), _a = world(cities=2, per_principle=1)
    response = get(client, "city", city.geonameid)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg role="img"' in page and "<caption>" in page
    assert "https://city.example.org/plan" in page
    assert "Step " in page  # an initiative given as evidence
    assert "Scan car " in page and "/register/" in page  # a register entry
    assert "used the same framework version" in page
    assert "Change since the previous cycle" in page
    # The 2048 answers are one level up (mod 5) from 2047: scores exist for both.
    assert response.context["change"].overall_change is not None
    old = get(client, "city", city.geonameid, cycle=2047)
    assert old.status_code == 200
    assert "nothing to compare with yet" in old.content.decode()


def test_a_correction_replaces_the_published_version_with_its_note(client):
    cycle = CycleFactory(year=2047, framework_version=framework(principles=(1,)))
    city = member_city()
    first = publish(city, cycle, {"1.1": 0, "1.2": 0})
    publish(city, cycle, {"1.1": 4, "1.2": 4}, corrects=first, note="Wrong file sent.")
    response = get(client, "city", city.geonameid)
    page = response.content.decode()
    assert "Wrong file sent." in page
    assert "Corrected: version 2" in page
    assert [row["score"] for row in response.context["cycle_scores"]] == [
        Decimal("100.0"),
        Decimal("100.0"),
    ]


def test_unpublished_assessments_are_never_shown(client):
    cycle = CycleFactory(year=2047)
    city = member_city()
    for state in (AssessmentState.DRAFT,):
        Assessment.objects.create(city=city, cycle=cycle, state=state)
    assert get(client, "city", city.geonameid).status_code == 404
    overview = get(client, "overview")
    assert overview.status_code == 200
    assert reverse("monitoring:city", args=[city.geonameid]) not in (
        overview.content.decode()
    )
    assert get(client, "overview", cycle=2047).status_code == 404


def test_across_versions_only_mapped_indicators_are_compared(client, django_user_model):
    staff = django_user_model.objects.create_superuser(
        username="s", email="s@example.org", password=None
    )
    old = framework(principles=(1,), per_principle=2)
    new = framework_version_copy(by=staff, framework_version_id=old.pk, label="v2")
    # 1.2 of the new version asks something new: no counterpart.
    Indicator.objects.filter(framework_version=new, code="1.2").update(
        comparable_to=None
    )
    city = member_city()
    publish(city, CycleFactory(year=2047, framework_version=old), {"1.1": 1, "1.2": 4})
    publish(city, CycleFactory(year=2048, framework_version=new), {"1.1": 3, "1.2": 0})
    response = get(client, "city", city.geonameid)
    page = response.content.decode()
    assert "Only the questions the two versions share are compared" in page
    change = response.context["change"]
    assert not change.same_version
    assert change.not_compared == ["1.2"]
    assert change.overall_change == Decimal("50.0")  # 75 − 25 on 1.1 alone


def test_the_overview_shows_distributions_practices_and_cities(client):
    _cycles, places, _a = world(cities=3, per_principle=1)
    response = get(client, "overview")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Most common" in page and "Least common" in page
    assert page.count('<svg role="img"') == 3
    listed = get(client, "cities").content.decode()
    for city in places:
        assert reverse("monitoring:city", args=[city.geonameid]) in listed
    # Every city is counted once per principle in the bands.
    assert all(sum(row["counts"]) == 3 for row in response.context["band_rows"])
    assert "/initiatives/" in page
    assert "Algorithm register entries given as evidence:" in page
    assert "/register/" in page


def test_compare_shows_like_with_like_and_what_could_not_be_compared(client):
    _cycles, (a, b), _ = world(cities=2, per_principle=1)
    stranger = member_city()
    response = client.get(
        reverse("monitoring:compare"),
        {"city": [a.geonameid, b.geonameid, stranger.geonameid, 999999999]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "like with like" in page
    assert "has no published assessment of the 2048 cycle" in page
    assert "There is no city with the number 999999999." in page
    assert response.context["compared"] == [a, b]


def test_compare_without_cities_shows_the_form(client):
    world(cities=2, per_principle=1)
    response = get(client, "compare")
    assert response.status_code == 200
    assert 'type="checkbox" name="city"' in response.content.decode()


def test_a_comparison_lists_no_other_cities_until_asked_to_choose(client):
    _cycles, (a, b), _ = world(cities=2, per_principle=1)
    url = reverse("monitoring:compare") + f"?city={a.geonameid}&city={b.geonameid}"
    compared = client.get(url).content.decode()
    assert 'type="checkbox"' not in compared
    assert "Choose other cities" in compared
    choosing = client.get(url + "&choose=1")
    assert choosing.status_code == 200
    page = choosing.content.decode()
    assert f'value="{a.geonameid}" id="city-{a.geonameid}" checked' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?city=abc&city=1", "A city is given by its number"),
        ("?city=1&city=2&city=3&city=4&city=5&city=6", "at most 5 cities"),
        ("?city=99999999999999999999999&city=1", "A city is given by its number"),
        ("?city=-4&city=1", "A city is given by its number"),
        ("?cycle=abc", "Give the cycle as a year"),
        ("?cycle=99999999999999", "from 2000 to 2100"),
        ("?cycle=2047&cycle=2048", "Give one cycle only."),
    ],
)
def test_compare_refuses_hostile_query_strings_with_a_message(client, query, message):
    world(cities=2, per_principle=1)
    response = client.get(reverse("monitoring:compare") + query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?cycle=abc", 400),
        ("?cycle=1066", 400),
        ("?cycle=%00", 400),
        ("?cycle=2047&cycle=2048", 400),
        ("?cycle=2099", 404),
        ("?cycle=2048", 200),
        ("?cycle=2048&cycle=2048", 400),
    ],
)
def test_hostile_years_get_a_clear_page(client, query, status):
    _cycles, (city, _b), _a = world(cities=2, per_principle=1)
    for url in (
        reverse("monitoring:overview"),
        reverse("monitoring:city", args=[city.geonameid]),
    ):
        response = client.get(url + query)
        assert response.status_code == status, url
        if status != 200:
            assert "monitoring/public/problem.html" in [
                t.name for t in response.templates
            ]


@pytest.mark.parametrize("geonameid", [1, 2**31, 10**30])
def test_an_unknown_city_is_a_404_page_not_a_500(client, geonameid):
    response = client.get(f"/en/progress/cities/{geonameid}/")
    assert response.status_code == 404
    assert "has no published assessment" in response.content.decode()


def test_a_city_without_a_published_assessment_is_a_404(client):
    city = member_city()
    response = get(client, "city", city.geonameid)
    assert response.status_code == 404


def test_the_method_page_explains_levels_indicators_and_rounding(client):
    world(cities=1, per_principle=1)
    response = get(client, "method")
    assert response.status_code == 200
    page = response.content.decode()
    assert "halves up" in page
    assert "Does the city do thing" in page
    assert "Nothing is done yet." in page  # a level's definition
    assert f'href="{reverse("opendata:index")}"' in page


def test_pages_are_cacheable_and_refuse_post(client):
    _cycles, (city, _b), _a = world(cities=2, per_principle=1)
    response = get(client, "city", city.geonameid)
    assert "no-cache" in response["Cache-Control"]
    assert client.post(reverse("monitoring:overview")).status_code == 405


def test_the_demo_publishes_amsterdam_and_barcelona_in_a_closed_past_cycle(client):
    from digitalrights.demo.monitoring import LABEL, PAST_YEAR
    from digitalrights.monitoring.models import (
        Cycle,
        CycleState,
        FrameworkVersion,
        Reviewer,
    )

    cycle = Cycle.objects.get(year=PAST_YEAR)
    assert cycle.state == CycleState.CLOSED
    assert cycle.deadline.year == PAST_YEAR
    assert not FrameworkVersion.objects.get(label=LABEL).is_frozen
    assert not Reviewer.objects.filter(user__username__startswith="demo-").exists()
    for geonameid in (2759794, 3128760):
        response = get(client, "city", geonameid)
        assert response.status_code == 200
        assert "Demo answer, made up to show the platform" in (
            response.content.decode()
        )


def test_the_report_is_a_pdf_with_the_scores_answers_and_evidence(client):
    import io

    from pypdf import PdfReader

    _cycles, (city, _b), _a = world(cities=2, per_principle=1)
    response = get(client, "city_report", city.geonameid)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="progress-' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Progress report: {city.name}, 2048" in text
    assert "Change since the previous cycle" in text
    assert "Does the city do thing" in text
    assert "https://city.example.org/plan" in text
    assert "(algorithm register)" in text
    scores = get(client, "city", city.geonameid).context["cycle_scores"]
    for row in scores:
        assert str(row["score"]) in text
    assert reader.metadata.title == f"Progress report: {city.name}, 2048"


@pytest.mark.parametrize(
    ("path", "status"),
    [("?cycle=abc", 400), ("?cycle=2099", 404), ("", 200)],
)
def test_the_report_answers_bad_years_with_a_page(client, path, status):
    _cycles, (city, _b), _a = world(cities=2, per_principle=1)
    url = reverse("monitoring:city_report", args=[city.geonameid]) + path
    assert client.get(url).status_code == status
    assert client.get("/en/progress/cities/1/report.pdf").status_code == 404


def test_a_city_page_links_its_progress_only_once_published(client):
    city = member_city()
    assert reverse("monitoring:city", args=[city.geonameid]) not in (
        client.get(city.get_absolute_url()).content.decode()
    )
    publish(city, CycleFactory(year=2047), {})
    page = client.get(city.get_absolute_url()).content.decode()
    assert f'href="{reverse("monitoring:city", args=[city.geonameid])}"' in page
