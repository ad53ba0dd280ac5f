"""Phrases: exact on every backend, found by word pairs on PostgreSQL."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Not, Or, Phrase, PlainText
from wagtail.search.utils import parse_query_string

from digitalrights.initiatives.models import Initiative
from digitalrights.sitesearch import selectors

from .test_search import initiative, search, titles

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The pair index is PostgreSQL's (migration 0002).",
)


def pairs_of(text: str, config: str = "english") -> set[str]:
    """Return what ``sitesearch_pairs`` makes of ``text``'s vector."""
    return pairs_sql("to_tsvector(%s::regconfig, %s)", config, text)


def pairs_sql(vector_sql: str, *params) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT array_agg(lexeme) FROM unnest(sitesearch_pairs({vector_sql}))",  # noqa: S608
            params,
        )
        return set(cursor.fetchone()[0] or ())


def words_of(text: str, config: str = "english") -> list:
    """Return ``text``'s words and positions, as the selectors read a phrase."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, positions FROM unnest(to_tsvector(%s::regconfig, %s))",
            [config, text],
        )
        return cursor.fetchall()


def matches(vector_sql: str, query: str, *params) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {vector_sql} @@ %s::tsquery", [*params, query])
        return cursor.fetchone()[0]


def backend_finds(query: str) -> set[str]:
    """Return the titles Wagtail's own search finds, without the pair index."""
    _filters, parsed = parse_query_string(query, operator="and")
    found = get_search_backend().search(parsed, Initiative.objects.all())
    return {hit.title for hit in found}


# What the selectors make of a phrase's words, on every database.


def test_a_phrase_needs_each_pair_of_neighbouring_words():
    words = [("digit", [1, 5]), ("right", [2]), ("offic", [6])]
    assert selectors.pair_tsquery([words]) == (
        "( 'digit offic' & 'digit right' ) | 'pairs-overflow'"
    )


def test_words_a_stop_word_keeps_apart_make_no_pair():
    # "rights of the cities": PostgreSQL's phrase accepts any two words between.
    assert selectors.pair_tsquery([[("right", [1]), ("citi", [4])]]) == ""
    assert selectors.pair_tsquery([[("digit", [1])]]) == ""
    assert selectors.pair_tsquery([[]]) == ""


def test_words_at_one_position_are_alternatives():
    words = [("open", [1]), ("opened", [1]), ("data", [2])]
    assert selectors.pair_tsquery([words]) == (
        "( ( 'open data' | 'opened data' ) ) | 'pairs-overflow'"
    )


def test_the_pairs_of_several_phrases_are_all_needed_and_never_joined():
    first = [("digit", [1]), ("right", [2])]
    second = [("open", [1]), ("data", [2])]
    assert selectors.pair_tsquery([first, second]) == (
        "( 'digit right' & 'open data' ) | 'pairs-overflow'"
    )


def test_long_words_are_cut_as_the_index_cuts_them():
    long = "x" * 300
    query = selectors.pair_tsquery([[(long, [1]), ("y", [2])]])
    assert f"'{'x' * selectors.PAIR_WORD_LENGTH} y'" in query


def test_only_phrases_every_match_holds_need_pairs():
    assert selectors.required_phrases(Phrase("a b")) == ["a b"]
    assert selectors.required_phrases(
        And([PlainText("x"), And([Phrase("a b"), Phrase("c d")])])
    ) == ["a b", "c d"]
    assert selectors.required_phrases(Or([Phrase("a b"), PlainText("x")])) == []
    assert selectors.required_phrases(And([Not(Phrase("a b")), Phrase("c d")])) == [
        "c d"
    ]
    assert selectors.required_phrases(PlainText("a b")) == []


# The phrase search itself, through the page, on every database.


def test_a_phrase_finds_only_texts_where_its_words_stand_together(client):
    initiative("Digital rights office")
    initiative("Rights for the digital age")
    initiative("Digital services", summary="Rights of residents.", body="Plain.")
    response = search(client, '"digital rights"')
    assert response.status_code == 200
    assert titles(response) == ["Digital rights office"]


def test_a_phrase_and_a_word_both_have_to_match(client):
    initiative("Digital rights office", body="About privacy.")
    initiative("Digital rights observatory", body="About housing.")
    initiative("Privacy rights, digital", body="About privacy.")
    response = search(client, '"digital rights" privacy')
    assert titles(response) == ["Digital rights office"]
    response = search(client, '"digital rights" "rights office"')
    assert titles(response) == ["Digital rights office"]


def test_updating_a_text_updates_the_phrases_it_is_found_by(client):
    made = initiative("Digital rights office", summary="An office.")
    assert titles(search(client, '"digital rights"')) == ["Digital rights office"]
    made.title = "Rights office, digital"
    made.save(update_fields=["title"])
    insert_or_update_object(made)
    assert titles(search(client, '"digital rights"')) == []
    assert titles(search(client, '"office digital"')) == ["Rights office, digital"]


@pytest.mark.parametrize(
    "query",
    [
        '"it\'s a right"',
        "\"l'accès d'une ville\"",
        '"back\\\\slash \\\\ words"',
        "\"'' \\\\ ' \\\" '\"",
        '"' + "digital rights " * 12 + '"',
        '"' + "x" * 190 + ' y"',
        '"!!! ??? ***"',
        '"the of and"',
        '"a" "b" "c d"',
        '""',
        '"digital rights',
        "digital 'rights of' cities",
        '"(digital) & !rights | <-> :*"',
        '"über straße ñandú 東京 都"',
    ],
)
def test_hostile_phrases_answer_sensibly(client, query):
    initiative("Digital rights office")
    response = search(client, query)
    assert response.status_code == 200


# The pair index and the queries that read it, on PostgreSQL.


@postgres_only
def test_the_pairs_of_a_text_are_its_neighbouring_words_in_order():
    text = "Digital rights of cities: the digital rights office."
    # "rights of cities" makes no pair: a stop word stands between them.
    assert pairs_of(text) == {"digit right", "right offic"}
    assert pairs_of("") == set()
    assert pairs_of("rights") == set()
    # Without positions no phrase matches either.
    assert pairs_sql("strip(to_tsvector('english', 'open data rights'))") == set()
    # As in PostgreSQL's own phrase search, the title runs on into the body.
    assert pairs_sql(
        "to_tsvector('english', 'Open data') || to_tsvector('english', 'rights office')"
    ) == {"open data", "data right", "right offic"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT sitesearch_pairs(NULL)")
        assert cursor.fetchone()[0] is None


@postgres_only
def test_the_selectors_read_a_phrase_as_the_index_reads_a_text():
    text = "The Open-Source data of Bogotá's digital rights office"
    needed = selectors.pair_tsquery([words_of(text)])
    assert matches("sitesearch_pairs(to_tsvector('english', %s))", needed, text)
    assert not matches(
        "sitesearch_pairs(to_tsvector('english', %s))", needed, "Digital rights"
    )


@postgres_only
@pytest.mark.parametrize(
    "word", ["a'b", "a\\b", "a''\\\\'b", "x y", "!:*&|()<->", "'", "\\", "ñ東"]
)
def test_a_word_is_taken_as_it_is_in_a_text_query(word):
    query = selectors.tsquery_word(word)
    assert matches("array_to_tsvector(ARRAY[%s])", query, word)
    assert not matches("array_to_tsvector(ARRAY[%s])", query, word + "z")


@postgres_only
def test_a_text_with_too_many_pairs_is_still_indexed_and_found():
    """Past 1 MB of pairs an entry holds one word every phrase accepts."""
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghij") for _ in range(100)) for _ in range(100)]
    text = " ".join(rng.choice(words) for _ in range(12_000))
    assert pairs_of(text, "simple") == {selectors.PAIRS_OVERFLOW}
    needed = selectors.pair_tsquery([[("never", [1]), ("seen", [2])]])
    assert matches("sitesearch_pairs(to_tsvector('simple', %s))", needed, text)


@postgres_only
@pytest.mark.parametrize(
    "query",
    [
        '"digital rights"',
        '"rights of cities"',
        '"rights for cities"',
        '"open data" privacy',
        '"digital rights" "open data"',
        '"digital" rights',
        '"of the"',
        '"city\'s rights"',
    ],
)
def test_phrases_find_what_wagtail_search_finds(client, query):
    """The pair index only narrows: the results are the backend's own."""
    for title in (
        "Digital rights of cities",
        "Rights of cities",
        "Rights for cities",
        "Rights and cities",
        "Rights, open cities",
        "Cities of rights",
        "Open data on privacy",
        "Open data, digital rights",
        "Privacy open, data",
        "The city's rights",
    ):
        initiative(title, summary="", body="")
    expected = backend_finds(query)
    matched = selectors.SearchContext("en").text_matches(Initiative, query)
    assert (
        set(Initiative.objects.filter(pk__in=matched).values_list("title", flat=True))
        == expected
    ), query
    assert set(titles(search(client, query, type="initiative"))) == expected, query


@postgres_only
def test_a_phrase_is_looked_up_in_the_pair_index_and_checked_on_what_it_finds():
    context = selectors.SearchContext("en")
    pairs = context.pair_query('"digital rights"', None)
    assert pairs == "( 'digit right' ) | 'pairs-overflow'"
    # The condition is written as the index is, so PostgreSQL can read it.
    holding = IndexEntry.objects.filter(selectors.has_pairs(pairs)).values("pk")
    assert "sitesearch_entry_kind_pairs_gin" in plan_of(holding)
    # The phrase is checked on the entries the pairs give, never by reading
    # every entry of its words from the full-text index as well.
    matched = context.text_matches(Initiative, '"digital rights"')
    assert "sitesearch_pairs" in str(matched.query)
    assert "sitesearch_entry_kind_text_gin" not in plan_of(matched)
    for query in ('"digital"', '"the of"', "digital rights", '"digital" rights'):
        sql = str(context.text_matches(Initiative, query).query)
        assert "sitesearch_pairs" not in sql, query
    # Asking one object at a time never computes its pairs.
    probe = context.text_probe(Initiative, '"digital rights"')
    probed = Initiative.objects.alias(_hit=probe).filter(_hit__isnull=False)
    assert "'digit' <-> 'right'" in str(probed.query)
    assert "sitesearch_pairs" not in str(probed.query)


@postgres_only
def test_the_words_are_parsed_once_and_checked_as_a_constant():
    """Where each entry is checked (a phrase on what its pairs found, one
    object asked at a time), PostgreSQL compares a constant rather than
    parsing the words again per entry; where the full-text index is read,
    the words stay a call, whose estimate the planner judges better."""
    context = selectors.SearchContext("en")
    assert context.text_query(Initiative, '"digital rights"') == "'digit' <-> 'right'"
    assert context.text_query(Initiative, "open privacy") == "'privaci' & 'open'"
    with CaptureQueriesContext(connection) as queries:
        phrase = str(context.text_matches(Initiative, '"digital rights"').query)
        probe = context.text_probe(Initiative, "open privacy")
        probed = str(
            Initiative.objects.alias(_hit=probe).filter(_hit__isnull=False).query
        )
        words = str(context.text_matches(Initiative, "open privacy").query)
    # Read once, above (the phrase's pairs are read here, its words not).
    assert not [q for q in queries.captured_queries if "tsquery(" in q["sql"]]
    assert "ts_match_vq" in phrase and "phraseto_tsquery" not in phrase
    assert "'privaci' & 'open'" in probed and "to_tsquery" not in probed
    assert "to_tsquery" in words


@postgres_only
def test_one_kinds_matches_are_read_from_one_index_of_kind_and_words():
    """A word or a phrase of one kind is looked up in the index that holds
    both (migration 0003), not by reading every entry of the kind and
    checking its words, nor by ANDing the words' entries with the kind's."""
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Initiative).pk
    with connection.cursor() as cursor:
        # 5,000 entries of the kind, 20 with the words: as the planner sees
        # a site of some size once it has read the table's statistics.
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id,"
            " title_norm, autocomplete, title, body, title_text, body_text)"
            " SELECT %s, n, 1, '', to_tsvector('english', t), '', t, ''"
            " FROM generate_series(1, 5000) n, LATERAL (SELECT CASE WHEN"
            " n %% 250 = 0 THEN 'Open data, digital rights' ELSE 'Parks ' || n"
            " END AS t) w",
            [kind],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")
    context = selectors.SearchContext("en")
    word = plan_of(context.text_matches(Initiative, "data"))
    assert "sitesearch_entry_kind_text_gin" in word
    assert "Index Cond: ((content_type_id =" in word
    phrase = plan_of(context.text_matches(Initiative, '"digital rights"'))
    assert "sitesearch_entry_kind_pairs_gin" in phrase
    assert "BitmapAnd" not in phrase
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)  # settings.py: data in memory
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)  # settings.py: no workers to start


def plan_of(queryset) -> str:
    """Return PostgreSQL's plan for ``queryset`` when it can avoid reading all."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


@postgres_only
@pytest.mark.parametrize("query", ['"digital rights"', "rights cities", "privacy"])
def test_results_are_ranked_as_wagtail_ranks_them(query):
    """Scores read from the index entries are the backend's own, in its order."""
    for n, (title, body) in enumerate(
        [
            ("Digital rights", "Digital rights of cities, digital rights for all."),
            ("Rights of cities", "Digital rights and privacy."),
            ("Privacy", "Cities, rights and privacy: privacy by design."),
            ("Cities", "Rights of cities and digital rights, privacy."),
            ("Open data", "Privacy of open data in cities with rights."),
        ]
        * 3
    ):
        initiative(f"{title} {n}", summary="", body=body)
    _filters, parsed = parse_query_string(query, operator="and")
    expected = [
        (hit.pk, pytest.approx(hit._score))
        for hit in get_search_backend()
        .search(parsed, Initiative.objects.all(), operator="and")
        .annotate_score("_score")
    ]
    assert expected
    criteria = selectors.Criteria(query=query)
    source = selectors.InitiativeSource(selectors.SearchContext("en"))
    ranked = source.ranked(criteria, 20, relevance=True)
    assert [(hit.pk, hit._score) for hit in ranked] == expected
    # Counted first, the ids found are ranked without searching again.
    total, _counts = source.counts(criteria, selectors.FACETS, keep=True)
    assert total == len(expected)
    with CaptureQueriesContext(connection) as queries:
        again = source.ranked(criteria, 2, 1, relevance=True)
    assert [hit.pk for hit in again] == [pk for pk, _score in expected[1:3]]
    assert not any("@@" in q["sql"] for q in queries)
    # Counted with their scores, they are ranked without reading the index.
    source = selectors.InitiativeSource(selectors.SearchContext("en"))
    total, _counts = source.counts(criteria, selectors.FACETS, keep=True, score=True)
    assert total == len(expected)
    with CaptureQueriesContext(connection) as queries:
        again = source.ranked(criteria, 20, relevance=True)
    assert [(hit.pk, hit._score) for hit in again] == expected
    assert not any("wagtailsearch_indexentry" in q["sql"] for q in queries)


@postgres_only
def test_past_the_limit_a_kind_is_walked_newest_first_only_if_most_texts_match(
    monkeypatch,
):
    """Walking the newest objects asks about depth × rows ÷ matches of them:
    cheaper than reading every match when the words are in many texts."""

    def source():
        return selectors.InitiativeSource(selectors.SearchContext("en"))

    criteria = selectors.Criteria(query='"city study"')
    planned = []

    def estimate(queryset):
        planned.append(queryset)
        return matches

    monkeypatch.setattr(selectors, "_planned_rows", estimate)
    monkeypatch.setattr(selectors, "_table_rows", lambda table: 5000)
    matches = 3750  # three texts in four: about 27 asked for a page
    assert source().walks_newest(criteria, depth=20)
    matches = 61  # a rare word: a walk might ask all 5,000
    assert not source().walks_newest(criteria, depth=20)
    # A table no larger than the limit is read whole at worst: not planned.
    monkeypatch.setattr(selectors, "_table_rows", lambda table: 1000)
    planned.clear()
    assert not source().walks_newest(criteria, depth=20)
    assert not planned
    assert not source().walks_newest(selectors.Criteria(query=""), depth=20)


@postgres_only
def test_the_planner_is_asked_once_per_search_how_many_match(monkeypatch):
    """``estimate`` and ``walks_newest`` both need the planner's estimate of
    the same matches: one EXPLAIN, not two."""
    source = selectors.InitiativeSource(selectors.SearchContext("en"))
    criteria = selectors.Criteria(query='"city study"')
    planned = []

    def estimate(queryset):
        planned.append(queryset)
        return 37500

    monkeypatch.setattr(selectors, "_planned_rows", estimate)
    monkeypatch.setattr(selectors, "_table_rows", lambda table: 50000)
    assert source.estimate(criteria) == 37500
    assert source.walks_newest(criteria, depth=20)
    assert len(planned) == 1
    # Other words are other matches: asked again.
    source.estimate(selectors.Criteria(query="broadband"))
    assert len(planned) == 2
