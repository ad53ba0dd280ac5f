import datetime

import factory
from django.utils import timezone

from digitalrights.initiatives.tests.factories import member_city, official_of
from digitalrights.register.models import AlgorithmEntry, EntryState


class AlgorithmEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlgorithmEntry

    city = factory.LazyFunction(member_city)
    title = factory.Sequence(lambda n: f"Street light dimming, part {n}")
    summary = "Street lights dim when nobody is about, to save energy."
    department = "Public Space"
    status = "in_use"
    risk = "minimal"
    purpose = "Saving energy at night; nobody's rights are affected."
    data = "Movement counts from sensors on the lamp posts; no images."
    how_it_works = "Fixed rules: dim to 30% after ten minutes without movement."
    human_oversight = "The lighting team reviews the settings each season."
    objection = "Report a dark street through the city's reporting service."
    contact = "Public Space, lighting team"
    state = EntryState.DRAFT


def published(**kwargs) -> AlgorithmEntry:
    now = timezone.now()
    return AlgorithmEntryFactory(state=EntryState.PUBLISHED, published_at=now, **kwargs)


def form_data(**changes) -> dict:
    """Return what the officials' form posts for a complete entry."""
    data = {
        "title": "Parking scan car",
        "summary": "A car reads number plates to check that parking was paid.",
        "language": "en",
        "department": "Parking Service",
        "status": "in_use",
        "started_on": "2020-03-01",
        "retired_on": "",
        "risk": "high",
        "purpose": "Fair parking for residents; drivers who did not pay are fined.",
        "data": "Number plates, place and time; deleted at once for paid cars.",
        "uses_personal_data": "on",
        "how_it_works": "Plates are read and looked up in the payment records.",
        "supplier": "",
        "code_url": "",
        "human_oversight": "An officer checks every car without payment.",
        "objection": "Contest a fine online within six weeks.",
        "contact": "Parking Service",
        "contact_email": "parking@city.example.org",
        "more_info_url": "https://city.example.org/parking",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


__all__ = ["datetime", "member_city", "official_of"]
