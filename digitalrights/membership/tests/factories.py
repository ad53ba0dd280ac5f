import io

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from PIL import Image

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.membership.models import Representation, RepresentationStatus

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"official{n}")
    email = factory.Sequence(lambda n: f"official{n}@city.example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )


def give_second_factor(user) -> None:
    """Record an authenticator app for ``user``, as allauth does on setup."""
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "unused"}
    )


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    role = "Chief Technology Officer"
    status = RepresentationStatus.CONFIRMED


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 80, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def sign_in(client, user, records: list[dict] | None = None) -> None:
    """Sign ``user`` in as allauth does after password and second factor.

    ``records`` replaces the steps allauth keeps in the session (each gets
    the current time), for a session that took other steps.
    """
    import time

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    if records is None:
        records = [{"method": "password"}, {"method": "mfa", "type": "totp"}]
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": time.time()} for record in records
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
