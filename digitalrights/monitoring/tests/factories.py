"""Factories for the indicator framework, cycles and assessments."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from digitalrights.initiatives.tests.factories import member_city
from digitalrights.membership.tests.factories import (
    RepresentationFactory,
    UserFactory,
    give_second_factor,
)
from digitalrights.monitoring.models import (
    Assessment,
    AssessmentState,
    Cycle,
    CycleState,
    FrameworkVersion,
    Indicator,
    Level,
)

LEVELS = [
    (0, "None", "Nothing is done yet.", False),
    (1, "Planned", "A plan is agreed.", False),
    (2, "Started", "The work has started.", False),
    (3, "In place", "It is done and running.", True),
    (4, "Evaluated", "It is in place and independently evaluated.", True),
]


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkVersion
        skip_postgeneration_save = True

    label = factory.Sequence(lambda n: f"test-{n}")

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create and extracted is not False:
            for value, name, definition, needs_evidence in LEVELS:
                Level.objects.create(
                    framework_version=self,
                    value=value,
                    name=name,
                    definition=definition,
                    needs_evidence=needs_evidence,
                )


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    framework_version = factory.SubFactory(FrameworkVersionFactory)
    principle_id = 1
    code = factory.Sequence(lambda n: f"x.{n}")
    question = factory.Sequence(lambda n: f"Does the city do thing {n}?")
    sort_order = factory.Sequence(lambda n: n)


def framework(*, principles=(1, 2), per_principle: int = 2) -> FrameworkVersion:
    """Return a framework version with indicators under ``principles``."""
    version = FrameworkVersionFactory()
    for principle in principles:
        for i in range(per_principle):
            IndicatorFactory(
                framework_version=version,
                principle_id=principle,
                code=f"{principle}.{i + 1}",
            )
    return version


class CycleFactory(factory.django.DjangoModelFactory):
    """An open cycle (its version is not frozen: use services.cycle_open for that)."""

    class Meta:
        model = Cycle
        django_get_or_create = ()

    year = factory.Sequence(lambda n: 2040 + n % 60)
    framework_version = factory.LazyFunction(framework)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    deadline = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    state = CycleState.OPEN


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    city = factory.LazyFunction(member_city)
    cycle = factory.SubFactory(CycleFactory)
    state = AssessmentState.DRAFT


def person(*, second_factor: bool = True, **fields):
    """Return a verified person without a password (hashing one takes seconds)."""
    user = UserFactory(password=None, **fields)
    if second_factor:
        give_second_factor(user)
    return user


def official_of(city=None, *, second_factor: bool = True):
    """Return a person confirmed to act for ``city`` (a new member city if None)."""
    user = person(second_factor=second_factor)
    RepresentationFactory(user=user, city=city or member_city())
    return user


__all__ = ["member_city"]
