import factory
from django.utils import timezone

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.core import personal_data
from digitalrights.endorsements.models import Endorsement


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    class Params:
        email = factory.Sequence(lambda n: f"resident{n}@example.org")

    city = factory.SubFactory(CityFactory)
    email_hash = factory.LazyAttribute(lambda o: personal_data.email_hash(o.email))
    email_encrypted = factory.LazyAttribute(lambda o: personal_data.encrypt(o.email))
    email_domain = "example.org"
    network_hash = factory.LazyFunction(lambda: personal_data.network_hash("192.0.2.1"))
    language = "en"
    created_at = factory.LazyFunction(timezone.now)


def endorse(city, email="ada@example.org", *, ip="203.0.113.9", confirm=False, **extra):
    """Endorse a city through the service, as a resident would; confirm if asked."""
    from digitalrights.endorsements import services

    arguments = {
        "name": "",
        "wants_news": False,
        "language": "en",
        "proof_of_work": False,
        "limits": services.Limits(
            per_network=10_000, per_address=10_000, per_network_without_proof=10_000
        ),
    } | extra
    endorsement = services.endorsement_sign(city=city, email=email, ip=ip, **arguments)
    if confirm:
        services.endorsement_confirm(token=services.confirmation_token(endorsement))
    return endorsement
