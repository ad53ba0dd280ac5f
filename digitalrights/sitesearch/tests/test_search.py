"""Site search: text, facets, hostile input, and queries that do not grow."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.search.index import insert_or_update_object

from digitalrights.cities.models import City, Member
from digitalrights.core.models import Topic
from digitalrights.initiatives.models import Initiative, ModerationState
from digitalrights.sitesearch import selectors
from digitalrights.sitesearch.templatetags.search_tags import highlight
from digitalrights.toolkit.models import Resource

pytestmark = pytest.mark.django_db

BARCELONA = 3128760
AMSTERDAM = 2759794


def initiative(title, *, city=BARCELONA, principles=(1,), topics=(), **fields):
    made = Initiative.objects.create(
        city=City.objects.get(geonameid=city),
        title=title,
        summary=fields.pop("summary", f"Summary of {title}."),
        body=fields.pop("body", "A plain description."),
        state=fields.pop("state", ModerationState.PUBLISHED),
        published_at=timezone.now(),
        **fields,
    )
    made.principles.set(principles)
    made.topics.set(Topic.objects.filter(slug__in=topics))
    insert_or_update_object(made)  # the worker's job, done at once here
    return made


def resource(title, *, principles=(2,), **fields):
    made = Resource.objects.create(
        title=title,
        summary=fields.pop("summary", f"About {title}."),
        kind=fields.pop("kind", "guideline"),
        url="https://example.org/guide",
        source_organisation="A university",
        version_date=fields.pop("version_date", timezone.localdate()),
        **fields,
    )
    made.principles.set(principles)
    insert_or_update_object(made)
    return made


def search(client, query: str = "", **facets):
    params = {"q": query, **facets}
    return client.get("/en/search/", params)


def titles(response) -> list[str]:
    return [hit.title for hit in response.context["results"].results]


def test_words_find_published_initiatives_of_any_accent_or_case(client):
    initiative("Wifi gratuït als barris de Bogotá", language="ca")
    initiative("Hidden draft about wifi", state=ModerationState.DRAFT)
    for query in ("wifi", "WIFI", "bogota", "Bogotá", "gratuit"):
        response = search(client, query)
        assert response.status_code == 200
        assert titles(response) == ["Wifi gratuït als barris de Bogotá"], query


def test_results_say_where_they_matched_and_mark_the_words(client):
    initiative("Algorithm register", summary="Every algorithm the city uses.")
    response = search(client, "algorithm")
    hit = response.context["results"].results[0]
    assert "title" in hit.matched_in and "summary" in hit.matched_in
    assert "<mark>Algorithm</mark> register" in response.content.decode()


def test_one_search_covers_initiatives_resources_cities_and_news(client):
    initiative("Amsterdam data commons", city=AMSTERDAM)
    resource("Amsterdam procurement clause", kind="procurement")
    insert_or_update_object(Member.objects.get(city__geonameid=AMSTERDAM))
    response = search(client, "amsterdam")
    kinds = {hit.kind for hit in response.context["results"].results}
    assert {"initiative", "procurement", "city"} <= kinds


def test_facets_combine_or_within_and_between(client):
    initiative("Zorblax one", principles=(1,), topics=("broadband",))
    initiative("Zorblax two", principles=(2,), topics=("privacy",))
    initiative("Zorblax three", principles=(1, 2), topics=("privacy",))
    initiative("Zorblax four", principles=(3,), topics=("privacy",))
    response = search(client, "zorblax", principle=["1", "2"], type="initiative")
    assert sorted(titles(response)) == ["Zorblax one", "Zorblax three", "Zorblax two"]
    response = search(client, "zorblax", principle=["1"], topic=["privacy"])
    assert titles(response) == ["Zorblax three"]


def test_a_chosen_facet_still_counts_its_other_values(client):
    initiative("Zorblax one", principles=(1,))
    initiative("Zorblax two", principles=(2,))
    response = search(client, "zorblax", principle=["1"], type="initiative")
    principle = next(
        f for f in response.context["results"].facets if f.key == "principle"
    )
    counts = {v.value: (v.count, v.selected) for v in principle.values}
    assert counts["1"] == (1, True)
    assert counts["2"] == (1, False)


def test_a_facet_a_kind_does_not_have_leaves_that_kind_out(client):
    initiative("Running thing", status="running")
    resource("Running guide")
    response = search(client, "running", status="running")
    assert titles(response) == ["Running thing"]


def test_unknown_facet_values_are_named_and_left_out(client):
    initiative("Known thing")
    response = search(client, principle=["9", "1"], topic="no-such-topic")
    assert response.status_code == 200
    assert response.context["ignored"] == ["9", "no-such-topic"]
    assert "were left out: 9, no-such-topic." in response.content.decode()
    assert "Known thing" in titles(response)


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE initiatives_initiative; --",
        '"unbalanced',
        "a & b | !c :* ()",
        "<script>alert(1)</script>",
        "NEAR(a b) OR AND NOT *",
        "%_\\",
        "🙂🙂🙂",
        "-",
        "a " * 90,
    ],
)
def test_hostile_queries_answer_sensibly(client, query):
    initiative("Ordinary thing")
    response = search(client, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_a_query_too_long_is_refused_with_a_message(client):
    response = search(client, "x" * 201)
    assert response.status_code == 400
    assert "Use at most 200 characters." in response.content.decode()


def test_a_null_character_is_refused_not_a_crash(client):
    response = search(client, "wifi\x00")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "facets",
    [
        {"city": "99999999999999"},
        {"city": "\u00b2"},
        {"country": "ZZ"},
        {"type": "x" * 500},
    ],
)
def test_absurd_facet_values_are_left_out(client, facets):
    response = search(client, **facets)
    assert response.status_code == 200
    assert response.context["ignored"]


def test_pages_past_the_end_say_so(client):
    initiative("Only one")
    response = client.get("/en/search/", {"type": "initiative", "page": "50"})
    assert response.status_code == 404
    assert "There is no page 50 of these results." in response.content.decode()
    for page in ("not-a-number", "\u00b2", "1" * 5000, "-3"):
        response = client.get("/en/search/", {"page": page})
        assert response.status_code == 200


def test_the_search_page_works_in_every_language(client):
    initiative("Zorblax for all")
    for code in ("en", "es", "ca", "fr", "nl"):
        response = client.get(f"/{code}/search/", {"q": "zorblax"})
        assert response.status_code == 200
        assert titles(response) == ["Zorblax for all"]


def test_queries_do_not_grow_with_the_number_of_results(client):
    for n in range(3):
        initiative(f"Data thing {n}", topics=("privacy", "open-data"))
        resource(f"Data guide {n}")

    def count() -> int:
        cache.clear()  # measure the search, not the page cache
        with CaptureQueriesContext(connection) as queries:
            assert search(client, "data").status_code == 200
        return len(queries)

    count()  # the first search fills what the process keeps (locales, site)
    few = count()
    for n in range(3, 15):
        initiative(f"Data thing {n}", topics=("privacy",))
        resource(f"Data guide {n}")
    assert count() == few


def test_highlight_escapes_what_it_does_not_mark():
    assert highlight("<b>Wifi</b> & más", "wifi mas") == (
        "&lt;b&gt;<mark>Wifi</mark>&lt;/b&gt; &amp; <mark>más</mark>"
    )


def test_clean_query_drops_queries_of_only_symbols():
    assert selectors.clean_query("  !!! ?? ") == ""
    assert selectors.clean_query(" open   data ") == "open data"


@pytest.mark.parametrize("table_rows", [-1, 10, 10**6])
def test_past_the_count_limit_the_newest_come_first_without_counts(
    client, monkeypatch, table_rows
):
    """Whether the planner's estimate is asked first (a large table, or one
    without statistics) or the matches are counted at once (a small one)."""
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 2)
    monkeypatch.setattr(selectors, "_table_rows", lambda table: table_rows)
    for n in range(4):
        initiative(f"Zorblax {n}")
    response = search(client, "zorblax", type="initiative")
    results = response.context["results"]
    assert results.many and not results.by_relevance
    assert titles(response)[0] == "Zorblax 3"
    assert all(v.count is None for f in results.facets for v in f.values)
    page = response.content.decode()
    assert "More than 2 results" in page
    assert "too many match to rank them by relevance" in page


def test_the_sitemap_lists_published_initiatives_and_resources(client):
    shown = initiative("Zorblax published")
    hidden = initiative("Zorblax draft", state=ModerationState.DRAFT)
    guide = resource("Zorblax guide")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in sitemap
    assert hidden.get_absolute_url() not in sitemap
    assert guide.get_absolute_url() in sitemap


@pytest.mark.parametrize("probe_cost", [0, 10**9])
def test_either_way_of_matching_filtered_words_finds_the_same(
    client, monkeypatch, probe_cost
):
    """On PostgreSQL filters may ask each object instead; same answer."""
    monkeypatch.setattr(selectors, "PROBE_COST", probe_cost)
    initiative("Zorblax here", principles=(2,), city=AMSTERDAM)
    initiative("Zorblax elsewhere", principles=(3,), city=AMSTERDAM)
    initiative("Nothing here", principles=(2,), city=AMSTERDAM)
    response = search(client, "zorblax", principle="2", country="NL")
    assert titles(response) == ["Zorblax here"]
    principle = next(
        f for f in response.context["results"].facets if f.key == "principle"
    )
    assert {v.value: v.count for v in principle.values} == {"2": 1, "3": 1}


def test_a_city_counts_every_kind_it_has(client):
    """Counts per city are added across kinds before the list is cut."""
    for n in range(3):
        initiative(f"Zorblax {n}", city=AMSTERDAM)
    resource("Zorblax guide", source_city=City.objects.get(geonameid=AMSTERDAM))
    response = search(client, "zorblax")
    city = next(f for f in response.context["results"].facets if f.key == "city")
    assert {v.value: v.count for v in city.values}[str(AMSTERDAM)] == 4


def test_only_the_facet_values_shown_are_named():
    """A thousand cities counted, twenty shown: only those are looked up."""
    counts = {str(n): 1000 - n for n in range(1000)}
    counts["9999"] = 0
    shown = selectors._worth_labelling("city", counts, chosen=["9999"])
    assert shown == [str(n) for n in range(selectors.MAX_VALUES_PER_FACET)] + ["9999"]
    # Ties with the last value shown are kept: their labels decide the order.
    tied = {str(n): 5 for n in range(30)}
    assert len(selectors._worth_labelling("city", tied, chosen=[])) == 30
    assert list(selectors._worth_labelling("principle", counts, [])) == list(counts)


def test_counting_stops_one_past_the_limit_and_then_skips_the_facets():
    for n in range(4):
        initiative(f"Quorbel {n}", principles=(1, 2), status="running")
    source = selectors.InitiativeSource(selectors.SearchContext("en"))
    criteria = selectors.Criteria(query="quorbel", selected={})
    total, counts = source.counts(criteria, ["principle", "status"], upto=10)
    assert total == 4
    assert counts == {"principle": {"1": 4, "2": 4}, "status": {"running": 4}}
    total, counts = source.counts(criteria, ["principle", "status"], upto=2)
    assert total == 3
    assert counts == {"principle": {}, "status": {}}


def test_kinds_are_merged_newest_first_and_paged(client, monkeypatch):
    """Each kind's newest, merged by day: pages cut the merged order, and
    only the page's own results are made (an address each)."""
    from datetime import timedelta

    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    today = timezone.localdate()
    old = initiative("Initiative old")
    Initiative.objects.filter(pk=old.pk).update(
        published_at=timezone.now() - timedelta(days=30)
    )
    initiative("Initiative new")
    resource("Guide middle", principles=(1,), version_date=today - timedelta(days=10))
    resource("Guide oldest", principles=(1,), version_date=today - timedelta(days=60))
    made = []
    for source in (selectors.InitiativeSource, selectors.ResourceSource):

        def counted(self, objects, real=source.results):
            made.extend(obj.title for obj in objects)
            return real(self, objects)

        monkeypatch.setattr(source, "results", counted)
    first = titles(client.get("/en/search/", {"principle": "1"}))
    assert first == ["Initiative new", "Guide middle"]
    assert sorted(made) == sorted(first)
    second = titles(client.get("/en/search/", {"principle": "1", "page": 2}))
    assert second == ["Initiative old", "Guide oldest"]
