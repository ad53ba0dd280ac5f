import struct
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from digitalrights.cities.tests.factories import CityFactory, MemberFactory
from digitalrights.core.models import Topic
from digitalrights.initiatives.models import Initiative, ModerationState
from digitalrights.initiatives.services import InitiativeData, LinkData
from digitalrights.membership.tests.factories import (
    RepresentationFactory,
    UserFactory,
    give_second_factor,
    image_bytes,
)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    city = factory.LazyFunction(lambda: MemberFactory().city)
    title = factory.Sequence(lambda n: f"Open data for all, part {n}")
    summary = "The city publishes what it knows, for everyone to use."
    body = "First paragraph.\n\nSecond paragraph."
    state = ModerationState.DRAFT

    @factory.post_generation
    def principles(self, create, extracted, **kwargs):
        if create:
            self.principles.set(extracted or [3])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


def published(**kwargs) -> Initiative:
    from django.utils import timezone

    now = timezone.now()
    return InitiativeFactory(
        state=ModerationState.PUBLISHED, submitted_at=now, published_at=now, **kwargs
    )


def member_city():
    return MemberFactory().city


def leave(city) -> None:
    """End ``city``'s membership of the coalition today."""
    from django.utils import timezone

    from digitalrights.cities.models import MemberStatus

    member = city.membership
    member.status = MemberStatus.FORMER
    member.left_on = timezone.localdate()
    member.save()


def official_of(city=None, *, second_factor: bool = True, language: str = "en"):
    """Return a person confirmed to act for ``city`` (a new member city if None)."""
    user = UserFactory()
    if second_factor:
        give_second_factor(user)
    RepresentationFactory(user=user, city=city or member_city(), language=language)
    return user


def topic_id(slug: str = "open-data") -> int:
    return Topic.objects.get(slug=slug).pk


def initiative_data(**changes) -> InitiativeData:
    data = InitiativeData(
        title="Free Wi-Fi in public housing",
        summary="Every flat of the largest estate gets free, fast internet.",
        body="We connected 3,000 homes.\n\nThe next estate follows in spring.",
        language="en",
        principles=[1],
        topics=[topic_id("broadband")],
        status="running",
        links=[LinkData(url="https://city.example.org/wifi", label="Project page")],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def form_data(**changes) -> dict:
    """Return what the officials' form posts for a complete initiative."""
    data = {
        "title": "Free Wi-Fi in public housing",
        "summary": "Every flat of the largest estate gets free, fast internet.",
        "body": "We connected 3,000 homes.\n\nThe next estate follows in spring.",
        "language": "en",
        "principles": ["1"],
        "topics": [str(topic_id("broadband"))],
        "status": "running",
        "started_on": "2024-03-01",
        "ended_on": "",
        "contact": "Digital Office",
        "contact_email": "digital@city.example.org",
        "code_url": "",
        "licence": "",
        "link_url_0": "https://city.example.org/wifi",
        "link_label_0": "Project page",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def png(name: str = "picture.png", size=(64, 48), image_format: str = "PNG"):
    return SimpleUploadedFile(name, image_bytes(image_format, size))


def bomb(name: str = "bomb.png"):
    """Return a PNG header that claims 20,000 × 20,000 pixels and has none."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    content = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, content)


__all__ = ["CityFactory", "UserFactory"]
