"""One search across initiatives, toolkit resources, member cities and news.

Text matching goes through Wagtail search (the database backend by default,
PostgreSQL full-text in production, OpenSearch or Elasticsearch if
configured); the facets narrow the query set with plain ORM filters before
the text is matched, so that many-to-many facets (principles, topics) work on
every backend.

Within a facet the values combine with OR, between facets with AND. A facet
that a kind of content does not have (the status of a news item) leaves that
kind out while it is set. The count beside each facet value is how many
results have that value under the other facets (its own facet's choice
set aside), so a value not yet chosen shows what choosing it alone would give.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import (
    SearchQueryCombinable,
    SearchQueryField,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    F,
    Func,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Phrase
from wagtail.search.utils import parse_query_string

from digitalrights.cities.geography import country_name, normalise_name
from digitalrights.cities.models import City, Member, MemberStatus
from digitalrights.content.models import NewsPage
from digitalrights.core.local import memo
from digitalrights.core.models import Topic
from digitalrights.core.principles import Principle as PrincipleNumber
from digitalrights.core.sql import quoted, table_name
from digitalrights.initiatives.models import (
    FACET_KEY_LETTERS,
    Initiative,
    InitiativeStatus,
    facet_key,
)
from digitalrights.toolkit.models import Resource, ResourceKind

from .templatetags.search_tags import marked, search_terms

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# A list that merges several kinds of content is built by taking the best
# results of each; past this depth the visitor is asked to narrow it down.
MAX_MERGED_RESULTS = 1000
# Asking one object whether its text matches costs about as much as reading
# this many matching texts from the full-text index (measured, PostgreSQL).
PROBE_COST = 3
# The deepest a list of one kind goes when more than COUNT_LIMIT match.
MAX_RESULTS = 1000
MAX_VALUES_PER_FACET = 20
# Facet values are counted when at most this many results match; counting a
# larger set costs more than a page may (issue 5: 100 ms at 100,000
# initiatives), so the values are then offered without their counts.
COUNT_LIMIT = 1000
# Past COUNT_LIMIT matches, results come newest first instead of by
# relevance: ranking reads every match's full text.
# A word is cut to this many characters in a pair of neighbouring words, and
# an entry with too many pairs to index holds this word instead; both as in
# migration 0002 (sitesearch_pairs), which indexes the pairs.
PAIR_WORD_LENGTH = 100
PAIRS_OVERFLOW = "pairs-overflow"

FACETS = ("type", "principle", "topic", "status", "language", "country", "city")


@dataclass(frozen=True)
class Criteria:
    """What the visitor asked for: words, and the facet values they chose."""

    query: str = ""
    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def values(self, facet: str) -> tuple[str, ...]:
        return tuple(self.selected.get(facet, ()))

    def without(self, facet: str) -> Criteria:
        return Criteria(
            query=self.query,
            selected={k: v for k, v in self.selected.items() if k != facet},
        )

    @property
    def is_empty(self) -> bool:
        return not self.query and not any(self.selected.values())


def clean_query(text: str) -> str:
    """Return the words to search for: trimmed, bounded, never only symbols."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not normalise_name(text):
        return ""
    return " ".join(text.split(" ")[:MAX_TERMS])


@dataclass
class Result:
    """One result as the page shows it."""

    kind: str
    kind_label: str
    title: str
    url: str
    summary: str
    language: str
    when: date | None
    place: str = ""
    badges: list[str] = field(default_factory=list)
    score: float = 0.0
    matched_in: list[str] = field(default_factory=list)
    snippet: str = ""
    # As the page shows them (``explain``): the title and the snippet with
    # the words marked, and the language of a result in another one.
    title_html: str = ""
    snippet_html: str = ""
    other_language: str = ""


class Source(ABC):
    """A kind of content the search covers, and how each facet applies to it."""

    key = ""
    label = _("Result")
    model: type[Model]
    facets: frozenset[str] = frozenset()
    date_field = ""

    def __init__(self, context: SearchContext) -> None:
        self.context = context
        self._probe_choice: dict[tuple, bool] = {}
        self._planned: dict[tuple, int] = {}
        # The ids ``counts`` found, per criteria, when it read them all,
        # with their scores when it read those too.
        self._found: dict[tuple, list[tuple[int, float | None]]] = {}

    @abstractmethod
    def base(self) -> QuerySet:
        """Return everything of this kind the public may find."""

    def type_values(self) -> list[str]:
        """Return the values of the ``type`` facet this source answers to."""
        return [self.key]

    def accepts(self, criteria: Criteria) -> bool:
        for facet, values in criteria.selected.items():
            if not values:
                continue
            if facet == "type":
                if not set(values) & set(self.type_values()):
                    return False
            elif facet not in self.facets:
                return False
        return True

    def narrow(self, queryset: QuerySet, facet: str, values: Sequence[str]):
        """Return ``queryset`` limited to the chosen ``values`` of ``facet``.

        From the maps the counts use too (``columns``, ``throughs`` and
        ``type_column``); a kind without a facet's column is not narrowed by
        it (``accepts`` decides whether it takes part at all).
        """
        if facet == "type":
            if not self.type_column:
                return queryset
            return queryset.filter(**{f"{self.type_column}__in": values})
        if facet == "topic":
            values = self.context.topic_ids(values)
        elif facet == "city":
            values = self.context.city_ids(values)
        if facet in self.keyed and values:
            # Each object's principles and topics are also a text of keys,
            # held by the indexes beside the other facets: no join.
            keys = Q()
            for value in values:
                keys |= Q(facet_keys__contains=facet_key(facet, value))
            return queryset.filter(keys)
        if facet in self.throughs:
            # Written as SQL: Django took a millisecond to build each such
            # subquery, and a page builds them once per count.
            through, owner, target = self.throughs[facet]
            ids = _ids_where(through, owner, target, values)
            return queryset.filter(pk__in=ids)
        column = self.columns.get(facet)
        if column is None:
            return queryset
        return queryset.filter(**{f"{column}__in": values})

    def filtered(self, criteria: Criteria) -> QuerySet:
        queryset = self.base()
        for facet, values in criteria.selected.items():
            if values:
                queryset = self.narrow(queryset, facet, values)
        return queryset

    def matched(self, criteria: Criteria) -> QuerySet:
        """Return the query set of everything that matches, unordered.

        On PostgreSQL, when the filters leave far fewer objects than the
        words match, each of those objects is asked whether its text matches
        instead of reading every text that does.
        """
        queryset = self.filtered(criteria)
        if not criteria.query:
            return queryset
        if self._probe_is_cheaper(criteria):
            probe = self.context.text_probe(self.model, criteria.query)
            return queryset.alias(_hit=probe).filter(_hit__isnull=False)
        return queryset.filter(
            pk__in=self.context.matching_ids(self.model, criteria.query)
        )

    def _probe_is_cheaper(self, criteria: Criteria) -> bool:
        if not self.context.on_postgres or not any(criteria.selected.values()):
            return False
        key = _key(criteria)
        if key not in self._probe_choice:
            text = self.context.text_matches(self.model, criteria.query)
            filtered = _planned_rows(self.filtered(criteria).values("pk"))
            self._probe_choice[key] = filtered * PROBE_COST < _planned_rows(text)
        return self._probe_choice[key]

    def ranked(
        self,
        criteria: Criteria,
        limit: int,
        offset: int = 0,
        *,
        relevance: bool,
        broad: bool = False,
    ) -> list[Model]:
        """Return the best ``limit`` objects after ``offset``.

        By relevance (scored by the search backend) or, without words or
        when too many match to rank them all, the newest first. ``results``
        makes them what the page shows.
        """
        found = self._found.get(_key(criteria))
        if found is not None:  # counted: the words need not be matched again
            matched = self.base().filter(pk__in=[pk for pk, _score in found])
        else:
            matched = self.matched(criteria)
        best = None
        if criteria.query and relevance:
            if found and all(score is not None for _pk, score in found):
                # Scored as they were counted: ordered as best_matches does.
                best = sorted(found, key=lambda pair: pair[::-1], reverse=True)
                best = best[offset : offset + limit]
            else:
                best = self.context.best_matches(
                    self.model, criteria.query, matched, limit, offset
                )
        if best is not None:
            by_pk = self.base().in_bulk([pk for pk, _score in best])
            objects = []
            for pk, score in best:
                if pk in by_pk:
                    by_pk[pk]._score = score
                    objects.append(by_pk[pk])
        elif criteria.query and relevance:
            results = self.context.backend.search(
                self.context.parsed_query(criteria.query),
                self.base().filter(pk__in=matched.values("pk")),
                operator="and",
            ).annotate_score("_score")
            objects = list(results[offset : offset + limit])
        elif criteria.query and broad:
            objects = self.newest_matching(criteria, limit, offset)
            if objects is None:
                newest = matched.order_by(f"-{self.date_field}", "-pk")
                objects = list(newest[offset : offset + limit])
        else:
            newest = matched.order_by(f"-{self.date_field}", "-pk")
            objects = list(newest[offset : offset + limit])
        return objects

    def estimate(self, criteria: Criteria) -> int | None:
        """Return PostgreSQL's estimate of how many match the words, if any.

        Counting a word that is in thousands of texts reads all of them; the
        planner's statistics say roughly how many at no cost.
        """
        if not criteria.query or not self.context.on_postgres:
            return None
        if 0 <= _table_rows(self.model._meta.db_table) <= SMALL_TABLE:
            return None  # counting all of them is as cheap as asking
        return self._planned_matches(criteria)

    def _planned_matches(self, criteria: Criteria) -> int:
        """Return the planner's estimate of the matches, asked once."""
        key = _key(criteria)
        if key not in self._planned:
            matched = self.matched(criteria).order_by().values("pk")
            self._planned[key] = _planned_rows(matched)
        return self._planned[key]

    def walks_newest(self, criteria: Criteria, depth: int) -> bool:
        """Return whether the newest ``depth`` matches are found sooner by
        asking the newest objects one by one (``newest_matching``) than by
        reading every match, by PostgreSQL's estimate of how many match.

        Walking asks about ``depth`` × rows ÷ matches objects, each costing
        ``PROBE_COST`` matches read: worth it for words in many texts of
        the kind ("city study", three toolkit texts in four: reading the
        matches took 45 ms), not for rare ones (a walk might ask them all).
        """
        if not criteria.query or not self.context.on_postgres:
            return False
        rows = _table_rows(self.model._meta.db_table)
        if rows <= COUNT_LIMIT:  # reading every match reads at most those
            return False
        matches = self._planned_matches(criteria)
        return matches * matches > depth * rows * PROBE_COST

    def newest_matching(self, criteria: Criteria, limit: int, offset: int):
        """Return the newest matches, found by asking the newest objects."""
        probe = self.context.text_probe(self.model, criteria.query)
        newest = self.filtered(criteria).order_by(f"-{self.date_field}", "-pk")
        if probe is None:
            return None
        return list(
            newest.alias(_hit=probe).filter(_hit__isnull=False)[offset : offset + limit]
        )

    def total(self, criteria: Criteria, upto: int | None = None) -> int:
        """Return how many match, counting at most ``upto`` and one more."""
        matched = self.matched(criteria).order_by()
        if upto is not None:
            return matched.values("pk")[: upto + 1].count()
        return matched.count()

    # Per facet, the column that holds its value (``type_column`` for the
    # type facet, else the source's key), or the many-to-many table that does.
    columns: Mapping[str, str] = {}
    throughs: Mapping[str, tuple[type[Model], str, str]] = {}
    type_column = ""
    # The facets of ``throughs`` a model also holds in ``facet_keys`` (as
    # ``initiatives.models.facet_key`` spells them), to filter by.
    keyed: frozenset[str] = frozenset()

    def counts(
        self,
        criteria: Criteria,
        facets: Iterable[str],
        upto: int | None = None,
        *,
        keep: bool = False,
        score: bool = False,
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """Return how many match, and per facet how many have each value.

        One query: the matches are selected once (a common table
        expression) and grouped per facet. With ``upto``, at most ``upto``
        and one more are read: a total past ``upto`` says "too many to
        count", and its counts per facet mean nothing. With ``keep``, the
        ids found are kept for ``ranked`` when they are all read; with
        ``score`` too, on PostgreSQL, with the score of each
        (``SearchContext.scored_entries``): the texts are then read once, for
        matching and ranking both.
        """
        facets = [f for f in facets if f in self.facets]
        scored = (
            keep
            and score
            and bool(criteria.query)
            and self.context.on_postgres
            and not self._probe_is_cheaper(criteria)
        )
        # Scored, the words are joined to the filtered rows below.
        matched = (self.filtered if scored else self.matched)(criteria).order_by()
        selected = {"c0": F("pk")}
        for facet in facets:
            column = self.type_column if facet == "type" else self.columns.get(facet)
            if column:
                selected[f"c_{facet}"] = F(column)
        rows = matched.values(**selected)
        if upto is not None and not scored:
            rows = rows[: upto + 1]
        inner, params = rows.query.sql_with_params()
        score = "CAST(NULL AS TEXT)"
        if scored:
            entries, entry_params = self.context.scored_entries(
                self.model, criteria.query
            )
            limit = "" if upto is None else f" LIMIT {int(upto) + 1}"
            inner = (
                f"SELECT f.*, e.score AS c_score FROM ({inner}) f"  # noqa: S608
                f" JOIN ({entries}) e ON e.pk = f.c0{limit}"
            )
            params = (*params, *entry_params)
            # Text keeps every digit of a float (PostgreSQL 12 and later).
            score = "CAST(c_score AS TEXT)"
        # Past ``upto`` the counts per facet are not wanted: a condition
        # PostgreSQL checks once, before reading any row for them.
        wanted = "TRUE" if upto is None else f"(SELECT n FROM n) <= {int(upto)}"  # noqa: S608
        # The total, and the ids themselves when they are all read: ranking
        # them then needs no second search for the words.
        parts = ["SELECT 'total', '', n FROM n"]
        if keep:
            parts.append(f"SELECT 'id', {score}, c0 FROM m WHERE {wanted}")  # noqa: S608
        cities = table_name(City)
        for facet in facets:
            if facet == "city" and "c_city" in selected:
                # Counted by the city's public id: joined here, a few hundred
                # rows by primary key, rather than looked up afterwards.
                parts.append(
                    f"SELECT 'city', CAST(c.geonameid AS TEXT), COUNT(*) FROM m"  # noqa: S608
                    f" JOIN {cities} c ON c.id = m.c_city WHERE {wanted}"
                    " GROUP BY c.geonameid"
                )
            elif f"c_{facet}" in selected:
                parts.append(
                    f"SELECT '{facet}', CAST(c_{facet} AS TEXT), COUNT(*) FROM m"  # noqa: S608
                    f" WHERE c_{facet} IS NOT NULL AND {wanted} GROUP BY c_{facet}"
                )
            elif facet in self.throughs:
                through, owner, target = self.throughs[facet]
                table = table_name(through)
                # PostgreSQL would read the whole table to join a few rows;
                # LATERAL makes it look up each match's rows by index (OFFSET
                # 0 keeps the planner from turning it back into a join).
                rows = (
                    f"CROSS JOIN LATERAL (SELECT {target} FROM {table}"  # noqa: S608
                    f" WHERE {owner} = m.c0 OFFSET 0) t"
                    if connection.vendor == "postgresql"
                    else f"JOIN {table} t ON t.{owner} = m.c0"
                )
                parts.append(
                    f"SELECT '{facet}', CAST(t.{target} AS TEXT), COUNT(*) FROM m"  # noqa: S608
                    f" {rows} WHERE {wanted} GROUP BY t.{target}"
                )
        # Every name put into the SQL comes from this module (FACETS and the
        # sources' tables), never from the request; values are parameters.
        sql = f"WITH m AS ({inner}), n AS (SELECT COUNT(*) AS n FROM m) " + (  # noqa: S608
            " UNION ALL ".join(parts)
        )
        counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
        total = 0
        found: list[tuple[int, float | None]] = []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for facet, value, n in cursor.fetchall():
                if facet == "total":
                    total = n
                elif facet == "id":
                    found.append((n, None if value is None else float(value)))
                elif value != "":
                    counts[facet][value] = n
        if keep and (upto is None or total <= upto):
            self._found[_key(criteria)] = found
        if "type" in counts and not self.type_column:
            counts["type"] = {self.key: total} if total else {}
        if "topic" in counts:
            counts["topic"] = self.context.topic_slugs(counts["topic"])
        return total, counts

    @abstractmethod
    def results(self, objects: Sequence[Model]) -> list[Result]:
        """Return ``objects`` as the page shows them, in the same order.

        What they show of other tables is read for all of them at once.
        """


def _ids_where(model: type[Model], column: str, where: str, values: Iterable) -> RawSQL:
    """Return the SQL of ``column`` of ``model``'s rows whose ``where`` is
    one of ``values``, for ``pk__in``. The columns are this module's own;
    the values are prepared by their field and passed as parameters."""
    field = model._meta.get_field(where)
    values = [field.get_prep_value(value) for value in values]
    table, column = table_name(model), quoted(column)
    condition = f"{quoted(field.column)} IN ({', '.join(['%s'] * len(values))})"
    if not values:  # PostgreSQL refuses an empty IN ()
        condition = "FALSE"
    return RawSQL(f"SELECT {column} FROM {table} WHERE {condition}", values)  # noqa: S608, S611


def _place(city: str, country_code: str) -> str:
    return f"{city}, {country_name(country_code)}"


def _key(criteria: Criteria) -> tuple:
    return (criteria.query, tuple(sorted(criteria.selected.items())))


def _planned_rows(queryset: QuerySet) -> int:
    """Return how many rows PostgreSQL's planner expects ``queryset`` to give."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


# A table this small is counted, words or not, without asking the planner
# first: reading all of its index entries takes a few milliseconds.
SMALL_TABLE = 10 * COUNT_LIMIT


@memo(60)
def _table_rows(table: str) -> float:
    """Return PostgreSQL's idea of how many rows ``table`` has (its
    statistics, as ``ANALYZE`` and autovacuum leave them; -1 if unknown)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table]
        )
        row = cursor.fetchone()
    return row[0] if row else -1


def _queryset_of(results, model: type[Model]) -> QuerySet:
    """Return a query set of all the search results, for counting and joins.

    The database backends can give it without fetching the rows; other
    backends (Elasticsearch, OpenSearch) give the ids of at most
    ``MAX_MERGED_RESULTS`` best results.
    """
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by()
    ids = [obj.pk for obj in results[:MAX_MERGED_RESULTS]]
    return model.objects.filter(pk__in=ids)


class InitiativeSource(Source):
    key = "initiative"
    label = _("Initiative")
    model = Initiative
    facets = frozenset(FACETS)
    date_field = "published_at"
    columns = {
        "status": "status",
        "language": "language",
        "country": "country_code",
        "city": "city_id",
    }
    throughs = {
        "principle": (Initiative.principles.through, "initiative_id", "principle_id"),
        "topic": (Initiative.topics.through, "initiative_id", "topic_id"),
    }
    keyed = frozenset(FACET_KEY_LETTERS)

    def base(self) -> QuerySet:
        return Initiative.objects.published()

    def results(self, objects: Sequence[Initiative]) -> list[Result]:
        names = self.context.city_names(obj.city_id for obj in objects)
        topics = self.context.topic_labels(self.throughs["topic"], objects)
        # Not get_status_display(): it hashes every lazy label, each a
        # gettext call (8 ms a page of twenty).
        statuses = {value: str(label) for value, label in InitiativeStatus.choices}
        return [
            Result(
                kind=self.key,
                kind_label=str(self.label),
                title=obj.title,
                url=obj.get_absolute_url(),
                summary=obj.summary,
                language=obj.language,
                when=obj.published_at.date() if obj.published_at else None,
                place=_place(names.get(obj.city_id, ""), obj.country_code),
                badges=[statuses.get(obj.status, obj.status), *topics[obj.pk]],
                score=getattr(obj, "_score", 0.0) or 0.0,
            )
            for obj in objects
        ]


class ResourceSource(Source):
    key = "resource"
    label = _("Toolkit")
    model = Resource
    facets = frozenset({"type", "principle", "topic", "language", "country", "city"})
    # The date the page shows and sorts by: the version's, not when it was added.
    date_field = "version_date"
    columns = {
        "language": "language",
        "country": "country_code",
        "city": "source_city_id",
    }
    throughs = {
        "principle": (Resource.principles.through, "resource_id", "principle_id"),
        "topic": (Resource.topics.through, "resource_id", "topic_id"),
    }
    type_column = "kind"

    def base(self) -> QuerySet:
        return Resource.objects.published()

    def type_values(self) -> list[str]:
        return list(ResourceKind.values)

    def results(self, objects: Sequence[Resource]) -> list[Result]:
        names = self.context.city_names(
            obj.source_city_id for obj in objects if obj.source_city_id
        )
        topics = self.context.topic_labels(self.throughs["topic"], objects)
        kinds = {value: str(label) for value, label in ResourceKind.choices}
        found = []
        for obj in objects:
            place = obj.source_organisation
            if obj.source_city_id:
                place = _place(names.get(obj.source_city_id, ""), obj.country_code)
            found.append(
                Result(
                    kind=obj.kind,
                    kind_label=kinds.get(obj.kind, obj.kind),
                    title=obj.title,
                    url=obj.get_absolute_url(),
                    summary=obj.summary,
                    # The secretariat describes resources in the site's first
                    # language; ``obj.language`` is the document's.
                    language=settings.LANGUAGE_CODE,
                    when=obj.version_date,
                    place=place,
                    badges=topics[obj.pk],
                    score=getattr(obj, "_score", 0.0) or 0.0,
                )
            )
        return found


class MemberSource(Source):
    key = "city"
    label = _("Member city")
    model = Member
    facets = frozenset({"type", "country", "city"})
    date_field = "joined_on"
    columns = {"country": "city__country_code", "city": "city_id"}

    def base(self) -> QuerySet:
        return Member.objects.filter(status=MemberStatus.ACTIVE)

    def results(self, objects: Sequence[Member]) -> list[Result]:
        prefetch_related_objects(objects, "city")
        return [
            Result(
                kind=self.key,
                kind_label=str(self.label),
                title=obj.name,
                url=obj.get_absolute_url(),
                summary="",
                language="",
                when=obj.joined_on,
                place=country_name(obj.city.country_code),
                score=getattr(obj, "_score", 0.0) or 0.0,
            )
            for obj in objects
        ]


class NewsSource(Source):
    key = "news"
    label = _("News")
    model = NewsPage
    facets = frozenset({"type", "language"})
    date_field = "date"

    def base(self) -> QuerySet:
        return NewsPage.objects.live().filter(locale=self.context.locale)

    def accepts(self, criteria: Criteria) -> bool:
        languages = criteria.values("language")
        if languages and self.context.language not in languages:
            return False
        return super().accepts(criteria)

    def counts(self, criteria, facets, upto=None, *, keep=False, score=False):
        total, counts = super().counts(criteria, facets, upto, keep=keep, score=score)
        if "language" in counts and total:
            counts["language"] = {self.context.language: total}
        return total, counts

    def results(self, objects: Sequence[NewsPage]) -> list[Result]:
        return [
            Result(
                kind=self.key,
                kind_label=str(self.label),
                title=obj.title,
                url=obj.url,
                summary=obj.intro,
                language=self.context.language,
                when=obj.date,
                score=getattr(obj, "_score", 0.0) or 0.0,
            )
            for obj in objects
        ]


SOURCES: tuple[type[Source], ...] = (
    InitiativeSource,
    ResourceSource,
    MemberSource,
    NewsSource,
)


class Pairs(Func):
    """The pairs of neighbouring words of a text vector, as indexed (0002)."""

    function = "sitesearch_pairs"
    output_field = SearchVectorField()


class Once(Func):
    """An expression PostgreSQL evaluates once per query, not once per row.

    A text query without a configuration named (``phraseto_tsquery(%s)``)
    is only stable, so PostgreSQL parses it again for each row it is
    compared with or ranks; as a scalar subquery it is parsed once (a
    phrase's count, 425 entries: 25 to 21 ms). Not for a condition that an
    index serves: the planner would no longer see the words to estimate
    how many match.
    """

    template = "(SELECT %(expressions)s)"


def _once(expression):
    """Return ``expression`` with each text query in it evaluated ``Once``."""
    if isinstance(expression, SearchQueryCombinable):
        return Once(expression)
    # F() and plain values hold no other expression.
    sources = getattr(expression, "get_source_expressions", list)()
    if not sources:
        return expression
    expression = expression.copy()
    expression.set_source_expressions(
        [source if source is None else _once(source) for source in sources]
    )
    return expression


class Matches(Func):
    """Whether a text vector matches a text query (``@@``), for ``filter()``."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def entry_text() -> F:
    """Return an index entry's text as Wagtail's PostgreSQL backend matches it.

    Written as the indexes of migrations 0001 and 0002 are, so that
    PostgreSQL reads them.
    """
    return F("title")._combine(F("body"), "||", False)


def has_pairs(pair_query: str) -> Matches:
    """Return the condition that an entry holds the pairs of ``pair_query``."""
    return Matches(Pairs(entry_text()), Cast(Value(pair_query), SearchQueryField()))


def required_phrases(query) -> list[str]:
    """Return the phrases of a parsed query that every match must hold.

    A phrase alone or joined to the rest by AND; not one of alternatives.
    """
    if isinstance(query, Phrase):
        return [query.query_string]
    if isinstance(query, And):
        return [found for part in query.subqueries for found in required_phrases(part)]
    return []


def tsquery_word(word: str) -> str:
    """Return ``word`` as one word of a text query, taken as it is."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def pair_tsquery(phrases: Iterable[Iterable[tuple[str, Sequence[int] | None]]]) -> str:
    """Return a text query for the pairs that a text holding the phrases holds.

    Each phrase is given as its words with their positions (``unnest`` of its
    vector). A phrase matches where each word stands right after the one
    before it, so a match holds every pair of words at neighbouring
    positions. Words a stop word keeps apart make no pair (PostgreSQL accepts
    any word in between). Several words at one position give alternatives.
    Empty when no phrase has a pair: one word, or only stop words.
    """
    needed: set[frozenset[str]] = set()
    for words in phrases:
        at: dict[int, set[str]] = defaultdict(set)
        for word, positions in words:
            for position in positions or ():
                at[position].add(word[:PAIR_WORD_LENGTH])
        needed |= {
            frozenset(f"{first} {second}" for first in at[p] for second in at[p + 1])
            for p in at
            if p + 1 in at
        }
    if not needed:
        return ""
    parts = []
    for pairs in needed:
        words = " | ".join(sorted(tsquery_word(pair) for pair in pairs))
        parts.append(f"( {words} )" if len(pairs) > 1 else words)
    # An entry with too many pairs to index holds PAIRS_OVERFLOW instead.
    return f"( {' & '.join(sorted(parts))} ) | {tsquery_word(PAIRS_OVERFLOW)}"


class SearchContext:
    """What one search needs once: the backend, the locale, lookups by slug."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language or get_language() or "en"
        self.backend = get_search_backend()
        self._parsed: dict[str, object] = {}
        self._pairs: dict[str, str] = {}
        self._compiled: dict[tuple, tuple | None] = {}
        self._sql: dict[tuple, tuple[str, tuple]] = {}
        self._text_queries: dict[str, str] = {}

    @cached_property
    def locale(self) -> Locale | None:
        return Locale.objects.filter(language_code=self.language).first()

    @cached_property
    def on_postgres(self) -> bool:
        return isinstance(self.backend, PostgresSearchBackend)

    def _index_entries(
        self, model: type[Model], query: str, *, pairs: bool = True
    ) -> QuerySet | None:
        """Return the index entries of ``model`` matching ``query``.

        Only on PostgreSQL with the database backend, which keeps them in
        Wagtail's index table; ``None`` elsewhere.

        A phrase's entries are found by the pairs of words it holds (the
        pair index) and only those are checked for the phrase itself, since
        the full-text index cannot tell which of the many entries holding
        its words hold them side by side. Without ``pairs`` (one entry asked
        at a time) the entry is only checked.
        """
        entries = self._matching_entries(model, query, pairs=pairs)
        if entries is None:
            return None
        return entries.filter(content_type=ContentType.objects.get_for_model(model))

    def _matching_entries(
        self, model: type[Model], query: str, *, pairs: bool = True
    ) -> QuerySet | None:
        """Return the index entries of every kind matching ``query``, as
        ``_index_entries`` finds them (``model`` lends the backend's query
        compiler, the same for every kind); ``None`` off PostgreSQL."""
        compiled = self._compiler(model, query)
        if compiled is None:
            return None
        compiler, config = compiled
        text = entry_text()
        entries = IndexEntry.objects.all()
        # The words as a constant where each entry is checked, not where the
        # full-text index is read: there, the planner's estimate of a
        # constant led it to read all 5,000 toolkit entries to check "data"
        # (15 ms) rather than the index (1 ms).
        pair_query = self.pair_query(query, config) if pairs else ""
        if pairs and not pair_query:
            tsquery = compiler.build_tsquery(compiler.query, config=config)
            return entries.alias(_text=text).filter(_text=tsquery)
        checked = Cast(Value(self.text_query(model, query)), SearchQueryField())
        if not pairs:
            return entries.filter(Matches(text, checked))
        # The phrase checked by the function behind ``@@``, which PostgreSQL
        # does not match to the full-text index: it would read the entries
        # of every word (17,000 for "digital rights") to keep those of the
        # pairs (425), then compute the pairs of each again to recheck them.
        return entries.filter(
            has_pairs(pair_query),
            Func(text, checked, function="ts_match_vq", output_field=BooleanField()),
        )

    def text_query(self, model: type[Model], query: str) -> str:
        """Return ``query`` as PostgreSQL's text query, as the backend makes it
        (``to_tsquery``, ``phraseto_tsquery``…), read once per search.

        Checked as a constant, the query is not parsed again for each entry
        compared with it: those functions are only stable, as they follow
        the text search configuration (walking the newest initiatives to
        find twenty holding two words: 14.5 to 11 ms).
        """
        if query not in self._text_queries:
            compiler, config = self._compiler(model, query)
            expression = compiler.build_tsquery(compiler.query, config=config)
            rows = IndexEntry.objects.all().query
            sql, params = expression.resolve_expression(rows).as_sql(
                rows.get_compiler(connection=connection), connection
            )
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT CAST({sql} AS TEXT)", params)
                self._text_queries[query] = cursor.fetchone()[0]
        return self._text_queries[query]

    def _compiler(self, model: type[Model], query: str):
        """Return the PostgreSQL backend's query compiler for ``query`` on
        ``model`` and its text search config, or ``None`` on other backends."""
        if not self.on_postgres:
            return None
        if (model, query) not in self._compiled:
            parsed = self.parsed_query(query)
            results = self.backend.search(parsed, model.objects.all(), operator="and")
            compiler = getattr(results, "query_compiler", None)
            self._compiled[model, query] = (
                None
                if compiler is None
                else (compiler, compiler.get_config(self.backend))
            )
        return self._compiled[model, query]

    def best_matches(
        self, model: type[Model], query: str, matched: QuerySet, limit: int, offset: int
    ) -> list[tuple[int, float]] | None:
        """Return (id, score) of the best ``limit`` of ``matched`` after
        ``offset``, scored for ``query`` as the backend scores them.

        The score is the backend's (the rank of the title, weighed by its
        norm, plus the rank of the body), read from the index entries of the
        matches alone: the backend joins each object to its entry by casting
        its id, checks the words a second time and sorts the objects' whole
        rows (28 ms for a phrase in 385 initiatives, against 14).
        ``None`` on other backends.
        """
        compiled = self._compiler(model, query)
        if compiled is None:
            return None
        keys = matched.order_by().values(_key=Cast("pk", CharField(max_length=50)))
        rows = (
            IndexEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=keys,
            )
            .annotate(
                _score=self._score(*compiled), _pk=Cast("object_id", BigIntegerField())
            )
            .order_by("-_score", "-_pk")
            .values_list("_pk", "_score")
        )
        return list(rows[offset : offset + limit])

    @staticmethod
    def _score(compiler, config):
        """Return an index entry's score as the backend's compiler weighs
        its index vectors: the rank of the title by its norm, plus the body's."""
        title = compiler.build_tsrank(F("title"), compiler.query, config=config)
        body = compiler.build_tsrank(F("body"), compiler.query, config=config)
        return _once(title * F("title_norm") + body * Value(1.0))

    def scored_entries(self, model: type[Model], query: str) -> tuple[str, tuple]:
        """Return the SQL of the ids (``pk``) and scores (``score``) of
        ``model``'s objects matching ``query``, with its parameters.

        PostgreSQL only. Scored as ``best_matches`` scores them, for
        ``Source.counts`` to read the texts once for matching and ranking.
        """
        return self._kind_entries(model, query, scored=True)

    def _kind_entries(
        self, model: type[Model], query: str, *, scored: bool
    ) -> tuple[str, tuple]:
        """Return the SQL of ``model``'s entries matching ``query`` (``pk``,
        and ``score`` if ``scored``) and its parameters, PostgreSQL only.

        The words are compiled once per search for every kind: each kind
        selects its own from them (PostgreSQL folds the outer condition into
        the inner query, and reads the index of kind and words). Django took
        2 to 3 ms to build and compile each, four kinds to a page.
        """
        key = ("scored" if scored else "ids", query)
        if key not in self._sql:
            entries = self._matching_entries(model, query)
            if entries is None:
                raise ValueError("Index entries are read this way on PostgreSQL only.")
            columns = {
                "kind": F("content_type_id"),
                "pk": Cast("object_id", BigIntegerField()),
            }
            if scored:
                columns["score"] = self._score(*self._compiler(model, query))
            self._sql[key] = entries.values(**columns).query.sql_with_params()
        sql, params = self._sql[key]
        kind = ContentType.objects.get_for_model(model).pk
        names = "pk, score" if scored else "pk"
        return (
            f"SELECT {names} FROM ({sql}) e WHERE kind = %s",  # noqa: S608
            (*params, kind),
        )

    def matching_ids(self, model: type[Model], query: str) -> QuerySet | RawSQL:
        """Return ``text_matches`` for ``pk__in``, on PostgreSQL as SQL
        written once per search: a page asks for the same words up to four
        times per kind (estimate, probe, count, rank)."""
        if not self.on_postgres:
            return self.text_matches(model, query)
        # SQL that Django compiled from query sets, the words as parameters.
        return RawSQL(*self._kind_entries(model, query, scored=False))  # noqa: S611

    def pair_query(self, query: str, config: str | None) -> str:
        """Return the text query of the word pairs ``query``'s phrases need.

        Matched against the pair index of migration 0002, it finds the few
        entries that may hold the phrases, where the full-text index finds
        every entry holding their words. The phrases' words come from
        PostgreSQL as the backend reads them (its text search ``config``).
        """
        if query not in self._pairs:
            phrases = required_phrases(self.parsed_query(query))
            words: dict[int, list[tuple[str, list[int] | None]]] = defaultdict(list)
            if phrases:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT n, w.lexeme, w.positions"
                        " FROM unnest(%s::text[]) WITH ORDINALITY AS p(phrase, n),"
                        " unnest(to_tsvector(coalesce(%s::regconfig, current_setting("
                        "'default_text_search_config')::regconfig), phrase)) w",
                        [phrases, config],
                    )
                    for n, word, positions in cursor.fetchall():
                        words[n].append((word, positions))
            self._pairs[query] = pair_tsquery(words.values())
        return self._pairs[query]

    def text_matches(self, model: type[Model], query: str) -> QuerySet:
        """Return the ids of ``model``'s objects whose text matches ``query``.

        Through the search backend; on PostgreSQL the ids are read from
        Wagtail's index table with its full-text index, because the backend
        joins every row of the model to the index by casting its id to text
        (a sequential scan: 80 ms at 20,000 initiatives, against 5 ms).
        """
        entries = self._index_entries(model, query)
        if entries is not None:
            return entries.values(pk=Cast("object_id", BigIntegerField()))
        parsed = self.parsed_query(query)
        results = self.backend.search(parsed, model.objects.all(), operator="and")
        return _queryset_of(results, model).values("pk")

    def text_probe(self, model: type[Model], query: str) -> Subquery | None:
        """Return a subquery that says whether one object matches ``query``.

        Evaluated row by row: walking the newest objects and asking each is
        cheaper than reading every match when a word is in many of them.
        """
        entries = self._index_entries(model, query, pairs=False)
        if entries is None:
            return None
        return Subquery(
            entries.filter(
                object_id=Cast(OuterRef("pk"), CharField(max_length=50))
            ).values("pk")[:1]
        )

    def parsed_query(self, query: str):
        if query not in self._parsed:
            _filters, parsed = parse_query_string(query, operator="and")
            self._parsed[query] = parsed
        return self._parsed[query]

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return topic_vocabulary()

    def topic_ids(self, slugs: Iterable[str]) -> list[int]:
        return [self.topics[s].pk for s in slugs if s in self.topics]

    def topic_slugs(self, counts: Mapping[str, int]) -> dict[str, int]:
        by_id = {str(t.pk): slug for slug, t in self.topics.items()}
        return {by_id[k]: n for k, n in counts.items() if k in by_id}

    def city_ids(self, geonameids: Iterable[str]) -> RawSQL:
        return _ids_where(City, "id", "geonameid", geonameids)

    def city_names(self, ids: Iterable[int]) -> dict[int, str]:
        """Return the names of the cities ``ids`` (one query, none if none)."""
        ids = set(ids)
        if not ids:
            return {}
        return dict(City.objects.filter(pk__in=ids).values_list("pk", "name"))

    @cached_property
    def _topic_labels(self) -> dict[int, tuple[str, str]]:
        # By id: the name that orders topics (Topic.Meta) and the label.
        return {t.pk: (t.name, t.label) for t in self.topics.values()}

    def topic_labels(
        self, through: tuple[type[Model], str, str], objects: Sequence[Model]
    ) -> defaultdict[int, list[str]]:
        """Return each object's topic labels in the order of topics, by id.

        From the many-to-many table ``through`` (table, owner column, topic
        column) and the vocabulary this process keeps: no topic or name
        is read again for each page.
        """
        table, owner, target = through
        labels = self._topic_labels
        found: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
        if objects:
            rows = table.objects.filter(
                **{f"{owner}__in": [obj.pk for obj in objects]}
            ).values_list(owner, target)
            for pk, topic in rows:
                if topic in labels:
                    found[pk].append(labels[topic])
        return defaultdict(
            list, {pk: [label for _n, label in sorted(t)] for pk, t in found.items()}
        )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int | None
    selected: bool


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue]

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


@dataclass
class SearchPage:
    criteria: Criteria
    results: list[Result]
    total: int
    page: int
    pages: int
    facets: list[Facet]
    truncated: bool = False
    counted: bool = True
    many: bool = False
    estimated: bool = False
    by_relevance: bool = False

    @property
    def past_the_end(self) -> bool:
        return self.page > max(self.pages, 1)


FACET_LABELS = {
    "type": _("Type"),
    "principle": _("Principle"),
    "topic": _("Topic"),
    "status": _("Status"),
    "language": _("Language"),
    "country": _("Country"),
    "city": _("City"),
}


def _labels(facet: str, values: Iterable[str], context: SearchContext) -> dict:
    values = list(values)
    if facet == "type":
        labels = {
            "initiative": _("Initiative"),
            "city": _("Member city"),
            "news": _("News"),
        }
        labels.update(dict(ResourceKind.choices))
        return {v: str(labels.get(v, v)) for v in values}
    if facet == "principle":
        return {str(number): str(label) for number, label in PrincipleNumber.choices}
    if facet == "topic":
        return {v: context.topics[v].label for v in values if v in context.topics}
    if facet == "status":
        return {v: str(label) for v, label in InitiativeStatus.choices}
    if facet == "language":
        from django.utils.translation import get_language_info

        names = {}
        for code in values:
            try:
                names[code] = get_language_info(code)["name_translated"]
            except KeyError:
                names[code] = code
        return names
    if facet == "country":
        return {v: country_name(v) for v in values}
    if facet == "city":
        cities = City.objects.filter(geonameid__in=[int(v) for v in values if v])
        return {str(g): name for g, name in cities.values_list("geonameid", "name")}
    return {}


def facet_list(
    criteria: Criteria,
    context: SearchContext,
    sources: Sequence[Source],
    counted: Mapping[str, dict[str, dict[str, int]]] | None,
) -> list[Facet]:
    """Return every facet with the count each of its values would give.

    ``counted`` holds each active source's counts for ``criteria``; a facet
    with chosen values is counted again without them, if that set is small
    enough. Without ``counted`` (too many results) the values that exist
    are offered without counts.
    """
    facets = []
    for key in FACETS:
        if key == "type" and len(sources) == 1:
            continue  # a directory of one kind
        chosen = criteria.values(key)
        applicable = [s for s in sources if key in s.facets]
        counts: dict[str, int | None] = {}
        if counted is None:
            counts = dict.fromkeys(_known_values(key, applicable, criteria))
        elif chosen:
            relaxed = criteria.without(key)
            relaxed_sources = [s for s in applicable if s.accepts(relaxed)]
            found = _bounded_counts(relaxed_sources, relaxed, [key])
            if found is None:
                counts = dict.fromkeys(_known_values(key, applicable, criteria))
            else:
                for per_facet in found[1].values():
                    for value, n in per_facet.get(key, {}).items():
                        counts[value] = (counts.get(value) or 0) + n
        else:
            for found in counted.values():
                for value, n in found.get(key, {}).items():
                    counts[value] = (counts.get(value) or 0) + n
        for value in chosen:
            counts.setdefault(value, 0 if counted is not None else None)
        labels = _labels(key, _worth_labelling(key, counts, chosen), context)
        values = [
            FacetValue(value, labels[value], n, value in chosen)
            for value, n in counts.items()
            if value in labels
        ]
        if key == "principle":
            values.sort(key=lambda v: int(v.value))
        else:
            values.sort(key=lambda v: (-(v.count or 0), v.label))
            values = values[:MAX_VALUES_PER_FACET] + [
                v for v in values[MAX_VALUES_PER_FACET:] if v.selected
            ]
        if values:
            facets.append(Facet(key, str(FACET_LABELS[key]), values))
    return facets


def _worth_labelling(
    key: str, counts: Mapping[str, int | None], chosen: Sequence[str]
) -> list[str]:
    """Return the values of a facet that may be shown, to look up their labels.

    A facet shows its ``MAX_VALUES_PER_FACET`` largest counts and the chosen
    values; a city facet can count a thousand cities, and naming them all
    took half a second on PostgreSQL. Values that tie with the last one shown
    are kept, since labels break ties.
    """
    if key == "principle" or len(counts) <= MAX_VALUES_PER_FACET:
        return list(counts)
    ordered = sorted((n or 0 for n in counts.values()), reverse=True)
    least = ordered[MAX_VALUES_PER_FACET - 1]
    return [v for v, n in counts.items() if (n or 0) >= least or v in chosen]


def _bounded_counts(
    sources: Sequence[Source], criteria: Criteria, facets: Sequence[str]
) -> tuple[dict[str, int], dict[str, dict[str, dict[str, int]]]] | None:
    """Return each source's total and counts per facet, or None if too many.

    Too many is more than COUNT_LIMIT in all: PostgreSQL's estimate of the
    words' matches says so at no cost, else counting stops one past the
    limit (one query per source, the total and the facets together).
    """
    totals: dict[str, int] = {}
    counted: dict[str, dict[str, dict[str, int]]] = {}
    for source in sources:
        estimate = source.estimate(criteria)
        if estimate is not None and estimate > COUNT_LIMIT:
            return None
        left = COUNT_LIMIT - sum(totals.values())
        total, counts = source.counts(criteria, facets, upto=left)
        if total > left:
            return None
        totals[source.key], counted[source.key] = total, counts
    return totals, counted


def _generation() -> int:
    from digitalrights.core.cache import page_cache_generation

    return page_cache_generation()


def topic_vocabulary() -> dict[str, Topic]:
    """Return the topics by slug, with their names in every language.

    Read once per generation of the page cache (any change to a topic starts
    a new one) in each process: every search and directory page needs them.
    """
    return _topics(_generation())


@memo(300, maxsize=4)
def _topics(generation: int) -> dict[str, Topic]:
    return {t.slug: t for t in Topic.objects.prefetch_related("names")}


@memo(60)
def _languages_in_use() -> list[str]:
    """Return the languages that published initiatives and resources use."""
    codes = set(
        Initiative.objects.published().values_list("language", flat=True).distinct()
    )
    codes |= set(
        Resource.objects.published().values_list("language", flat=True).distinct()
    )
    return sorted(codes)


@memo(60)
def _member_countries() -> list[str]:
    return sorted(
        set(
            Member.objects.filter(status=MemberStatus.ACTIVE).values_list(
                "city__country_code", flat=True
            )
        )
    )


def _known_values(key: str, sources: Sequence[Source], criteria: Criteria) -> list[str]:
    """Return the values a facet offers when there are too many to count."""
    if key == "type":
        return [v for s in sources for v in s.type_values()]
    if key == "principle":
        return ["1", "2", "3", "4", "5"]
    if key == "topic":
        return list(sources[0].context.topics) if sources else []
    if key == "status":
        return list(InitiativeStatus.values)
    if key == "language":
        return _languages_in_use()
    if key == "country":
        return _member_countries()
    if key == "city":
        # Too many to offer them all: the members of the chosen countries.
        countries = criteria.values("country")
        if not countries:
            return []
        return [
            str(g)
            for g in Member.objects.filter(
                status=MemberStatus.ACTIVE, city__country_code__in=countries
            ).values_list("city__geonameid", flat=True)[:MAX_VALUES_PER_FACET]
        ]
    return []


def _sort_key(source: Source, obj: Model, by_relevance: bool):
    """Return where ``obj`` stands among all kinds: by its score, or by the
    day of its date (the day its result shows)."""
    if by_relevance:
        return getattr(obj, "_score", 0.0) or 0.0
    when = getattr(obj, source.date_field, None)
    if isinstance(when, datetime):
        when = when.date()
    return when.toordinal() if when else 0


def search(
    criteria: Criteria,
    *,
    page: int = 1,
    sources: Sequence[type[Source]] = SOURCES,
    language: str | None = None,
) -> SearchPage:
    """Return one page of results for ``criteria``, with the facets."""
    context = SearchContext(language)
    everyone = [source_class(context) for source_class in sources]
    active = [source for source in everyone if source.accepts(criteria)]
    # Counting stops past COUNT_LIMIT: "more than 1,000" is as useful.
    totals: dict[str, int] = {}
    broad: set[str] = set()
    per_source: dict[str, dict[str, dict[str, int]]] = {}
    # A chosen facet is counted without its own choice (``facet_list``).
    unchosen = [facet for facet in FACETS if not criteria.values(facet)]
    page = max(page, 1)
    depth = page * PER_PAGE
    for source in active:
        estimate = source.estimate(criteria)
        if estimate is not None and estimate > COUNT_LIMIT:
            totals[source.key] = estimate
            broad.add(source.key)  # words in too many texts to count them
        else:
            # The total and the facets in one query, reading at most one
            # past the limit, and the scores while ranking is still possible.
            # Once past it, no facets: with words, the ids are still read
            # (at most one past the limit), for the newest of this kind to
            # be found among them, unless walking the newest finds them
            # sooner; without words, only whether there are any.
            left = COUNT_LIMIT - sum(totals.values())
            upto = left if left >= 0 else COUNT_LIMIT if criteria.query else 0
            if left < 0 and source.walks_newest(criteria, depth):
                broad.add(source.key)
                upto = 0
            totals[source.key], per_source[source.key] = source.counts(
                criteria,
                unchosen if left >= 0 else (),
                upto=upto,
                keep=True,
                score=left >= 0,
            )
    total = sum(totals.values())
    many = total > COUNT_LIMIT
    counted: dict[str, dict[str, dict[str, int]]] | None = None
    if not many:
        counted = {key: found for key, found in per_source.items() if totals[key]}
    relevance = bool(criteria.query) and not many
    start = (page - 1) * PER_PAGE
    results: list[Result] = []
    if len(active) == 1:
        reachable = total if not many else min(total, MAX_RESULTS)
        if start < reachable:
            source = active[0]
            objects = source.ranked(
                criteria,
                PER_PAGE,
                start,
                relevance=relevance,
                broad=source.key in broad,
            )
            results = source.results(objects)
    else:
        reachable = min(total, MAX_MERGED_RESULTS)
        if start < reachable:
            depth = start + PER_PAGE
            merged: list[tuple[Source, Model]] = []
            for source in active:
                if totals[source.key]:
                    objects = source.ranked(
                        criteria,
                        depth,
                        relevance=relevance,
                        broad=source.key in broad,
                    )
                    merged += [(source, obj) for obj in objects]
            merged.sort(key=lambda pair: _sort_key(*pair, relevance), reverse=True)
            # Only the page's own are made results, with what they show.
            shown = merged[start:depth]
            made: dict[int, Result] = {}
            for source in active:
                own = [obj for kind, obj in shown if kind is source]
                made.update(zip(map(id, own), source.results(own), strict=True))
            results = [made[id(obj)] for _source, obj in shown]
    truncated = reachable < total
    pages = max(1, -(-reachable // PER_PAGE))
    explain(results, criteria.query, context.language)
    return SearchPage(
        criteria=criteria,
        results=results,
        total=total,
        page=page,
        pages=pages,
        facets=facet_list(criteria, context, everyone, counted),
        truncated=truncated,
        counted=counted is not None,
        many=many,
        estimated=bool(broad),
        by_relevance=relevance,
    )


SNIPPET_LENGTH = 240


def explain(results: Sequence[Result], query: str, language: str) -> None:
    """Say where the words matched in each result, mark them in its title
    and snippet, and note a result in another language than ``language``."""
    terms = search_terms(query)
    places = (_("title"), _("summary"), _("place"), _("topics"))
    names = [str(name) for name in places] if terms else []
    for result in results:
        result.snippet = result.summary[:SNIPPET_LENGTH]
        result.title_html = marked(result.title, terms)
        result.snippet_html = marked(result.snippet, terms)
        if result.language and result.language != language:
            result.other_language = result.language
        if not terms:
            continue
        texts = (result.title, result.summary, result.place, " ".join(result.badges))
        result.matched_in = [
            name
            for name, text in zip(names, texts, strict=True)
            if terms & set(normalise_name(text).split())
        ]
