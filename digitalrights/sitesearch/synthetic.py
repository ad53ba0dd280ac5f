"""A large synthetic data set for measuring search: cities and initiatives.

Only for benchmark and development databases: the text is generated from a
word list with the skewed frequencies of real language (Zipf), so that some
words match most initiatives and others a handful, as in real data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from wagtail.search.backends import get_search_backends

from digitalrights.cities.models import City, Member, MemberStatus
from digitalrights.cities.services import gazetteer_load
from digitalrights.core.models import Topic
from digitalrights.initiatives.models import (
    Initiative,
    InitiativeStatus,
    ModerationState,
    facet_keys_of,
)
from digitalrights.toolkit.models import Resource, ResourceKind

BATCH = 2000
LANGUAGES = ["en"] * 6 + ["es", "ca", "fr", "nl", "de", "pt", "it"]
WORDS = """
digital rights city residents data privacy open access internet public
service platform participation algorithm transparency register audit
inclusion literacy broadband network wifi library school training course
citizens council policy guideline procurement clause contract vendor
software source code licence standard ethics ethical artificial intelligence
model decision system risk assessment impact bias discrimination fairness
accountability oversight board committee consultation budget proposal vote
neighbourhood district community centre senior youth women migrants
disability accessible accessibility language translation mobile phone app
portal website form online offline support helpdesk volunteer device laptop
tablet loan repair recycling sensor camera mobility traffic parking energy
housing health care social welfare benefit education employment skills
startup innovation lab pilot project programme strategy plan roadmap charter
declaration principle coalition network partner university research study
report evaluation indicator measure progress dashboard map census survey
consent cookie tracking minimisation retention deletion encryption security
breach incident response cyber awareness campaign week festival workshop
hackathon meetup event conference webinar toolkit template checklist manual
catalogue inventory registry identity signature login account password
payment tax permit licence application request complaint ombudsman
newsletter social media misinformation moderation speech freedom expression
archive heritage museum culture sport park green climate water waste
""".split()  # noqa: SIM905 - a word list reads better as text
ADJECTIVES = """
open public digital local municipal shared safe fair inclusive transparent
accountable ethical free secure accessible participatory citizen-led green
smart responsible human-centred community
""".split()  # noqa: SIM905 - a word list reads better as text


def _zipf_weights(n: int) -> list[float]:
    total = 0.0
    weights = []
    for rank in range(1, n + 1):
        total += 1.0 / rank
        weights.append(total)
    return weights


class TextMaker:
    """Make titles and paragraphs from the word list, reproducibly."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        words = list(dict.fromkeys(WORDS))
        rng.shuffle(words)
        # Rare words make the long tail a real vocabulary has.
        words += [f"{w}{i}" for i in range(40) for w in ("civic", "data", "lab")]
        self.words = words
        self.cum = _zipf_weights(len(words))

    def words_(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)

    def title(self) -> str:
        adjective = self.rng.choice(ADJECTIVES)
        first, second = self.words_(2)
        return f"{adjective.capitalize()} {first} {second}"

    def sentence(self, low: int, high: int) -> str:
        words = self.words_(self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(8, 18) for _ in range(sentences))


def _batches(items: Iterator, size: int = BATCH) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _index(model, objects: list) -> None:
    for backend in get_search_backends():
        backend.add_bulk(model, objects)


def members_make(count: int, rng: random.Random) -> list[City]:
    """Make the ``count`` largest cities of the gazetteer members."""
    if City.objects.count() < count:
        gazetteer_load()
    cities = list(City.objects.order_by("-population", "pk")[:count])
    have = set(Member.objects.values_list("city_id", flat=True))
    start = date(2018, 11, 13)
    new = [
        Member(
            city=city,
            status=MemberStatus.ACTIVE,
            joined_on=start + timedelta(days=rng.randint(0, 2900)),
        )
        for city in cities
        if city.pk not in have
    ]
    Member.objects.bulk_create(new, batch_size=BATCH)
    _index(Member, list(Member.objects.filter(city__in=cities).select_related("city")))
    return cities


def initiatives_make(count: int, cities: list[City], rng: random.Random) -> int:
    """Make ``count`` initiatives spread over ``cities``; return how many."""
    text = TextMaker(rng)
    topics = list(Topic.objects.values_list("pk", flat=True))
    states = [ModerationState.PUBLISHED] * 18 + [
        ModerationState.SUBMITTED,
        ModerationState.DRAFT,
    ]
    statuses = list(InitiativeStatus.values)
    epoch = datetime(2019, 1, 1, tzinfo=UTC)

    def make(i: int) -> Initiative:
        city = rng.choice(cities)
        state = rng.choice(states)
        created = epoch + timedelta(minutes=rng.randint(0, 4_000_000))
        started = created.date() - timedelta(days=rng.randint(0, 400))
        return Initiative(
            city=city,
            country_code=city.country_code,
            title=text.title(),
            summary=text.paragraph(2),
            body="\n\n".join(text.paragraph(4) for _ in range(rng.randint(1, 3))),
            language=rng.choice(LANGUAGES),
            status=rng.choice(statuses),
            started_on=started,
            state=state,
            created_at=created,
            updated_at=created,
            published_at=created if state == ModerationState.PUBLISHED else None,
        )

    made = 0
    principle_through = Initiative.principles.through
    topic_through = Initiative.topics.through
    for batch in _batches(make(i) for i in range(count)):
        for initiative in batch:
            initiative.slug = initiative.title.lower().replace(" ", "-")[:200]
        # Drawn as before (every principle, then every topic), kept per object.
        principles_of = [
            rng.sample(range(1, 6), rng.choice([1, 1, 2, 2, 3])) for _obj in batch
        ]
        topics_of = [rng.sample(topics, rng.randint(0, 3)) for _obj in batch]
        filed = list(zip(batch, principles_of, topics_of, strict=True))
        for initiative, numbers, chosen in filed:
            # Written here: bulk_create sends no signal for the rows below.
            initiative.facet_keys = facet_keys_of(numbers, chosen)
        with transaction.atomic():
            Initiative.objects.bulk_create(batch)
            principle_through.objects.bulk_create(
                principle_through(initiative_id=obj.pk, principle_id=number)
                for obj, numbers, _chosen in filed
                for number in numbers
            )
            topic_through.objects.bulk_create(
                topic_through(initiative_id=obj.pk, topic_id=topic)
                for obj, _numbers, chosen in filed
                for topic in chosen
            )
        _index(Initiative, batch)
        made += len(batch)
    return made


def resources_make(count: int, cities: list[City], rng: random.Random) -> int:
    """Make ``count`` toolkit resources; return how many."""
    text = TextMaker(rng)
    topics = list(Topic.objects.values_list("pk", flat=True))
    kinds = list(ResourceKind.values)
    epoch = datetime(2019, 1, 1, tzinfo=UTC)

    def make(i: int) -> Resource:
        city = rng.choice(cities) if rng.random() < 0.8 else None
        created = epoch + timedelta(minutes=rng.randint(0, 4_000_000))
        title = text.title()
        return Resource(
            title=title,
            slug=title.lower().replace(" ", "-")[:200],
            summary=text.paragraph(3),
            kind=rng.choice(kinds),
            language=rng.choice(LANGUAGES),
            licence=rng.choice(["CC-BY-4.0", "EUPL-1.2", "MIT", ""]),
            source_city=city,
            country_code=city.country_code if city else "",
            source_organisation="" if city else "Synthetic research institute",
            url=f"https://example.org/resources/{i}",
            version_date=created.date(),
            created_at=created,
        )

    made = 0
    for batch in _batches(make(i) for i in range(count)):
        with transaction.atomic():
            Resource.objects.bulk_create(batch)
            Resource.principles.through.objects.bulk_create(
                Resource.principles.through(resource_id=obj.pk, principle_id=n)
                for obj in batch
                for n in rng.sample(range(1, 6), rng.choice([1, 2]))
            )
            Resource.topics.through.objects.bulk_create(
                Resource.topics.through(resource_id=obj.pk, topic_id=topic)
                for obj in batch
                for topic in rng.sample(topics, rng.randint(0, 2))
            )
        _index(Resource, batch)
        made += len(batch)
    return made


def synthetic_load(
    *, cities: int, initiatives: int, resources: int, seed: int = 1
) -> dict[str, int]:
    """Load the synthetic data set; refuse in production."""
    if settings.PRODUCTION:
        raise RuntimeError("Synthetic data is never loaded in production.")
    rng = random.Random(seed)
    members = members_make(cities, rng)
    return {
        "cities": len(members),
        "initiatives": initiatives_make(initiatives, members, rng),
        "resources": resources_make(resources, members, rng),
    }
