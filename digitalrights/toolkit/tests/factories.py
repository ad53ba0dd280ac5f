import datetime

import factory

from digitalrights.core.models import Principle
from digitalrights.toolkit.models import Resource, ResourceKind


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published resource with a link, filed under principle 2 by default."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test resource {n}")
    summary = "A resource made for a test."
    kind = ResourceKind.GUIDELINE
    source_organisation = "Test Organisation"
    url = factory.Sequence(lambda n: f"https://example.org/resource/{n}")
    version_date = datetime.date(2024, 5, 1)

    @factory.post_generation
    def principles(self, create, extracted, **kwargs):
        if create:
            self.principles.set(extracted or [Principle.objects.get(number=2)])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
