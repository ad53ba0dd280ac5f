"""Accounts for officials: sign-up, verification, sign-in, throttling, 2FA."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from .factories import PASSWORD, UserFactory, give_second_factor, sign_in

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_verification_email_and_the_link_signs_in(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "ada@city.example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ada@city.example.org")
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group()
    path = urlsplit(link).path
    page = client.get(path)
    assert page.status_code == 200
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    dashboard = client.get(reverse("membership:dashboard"))
    assert dashboard.status_code == 200
    assert "First, protect your account" in dashboard.content.decode()


def test_an_unverified_address_cannot_sign_in(client):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "password",
    ["short", "1234567890123", "password1234", "weak@city.example.org"],
)
def test_weak_passwords_are_refused_with_a_message(client, password):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "weak@city.example.org",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'value="weak@city.example.org"' in html, "the address typed is kept"
    assert not get_user_model().objects.filter(email="weak@city.example.org").exists()


def test_failed_sign_ins_are_throttled_per_address(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "x"})
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    # Even the right password waits once the address is over its limit.
    assert "_auth_user_id" not in client.session
    assert "Too many failed" in response.content.decode()


def test_a_person_with_a_second_factor_is_asked_for_it_at_sign_in(client):
    user = UserFactory()
    give_second_factor(user)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_the_sign_in_pages_use_the_site_layout_and_are_translated(client):
    for language, words in (("en", "Sign In"), ("fr", "Connexion")):
        html = client.get(f"/{language}/accounts/login/").content.decode()
        assert f'<html lang="{language}"' in html
        assert words in html
        assert 'class="skip-link"' in html


def test_officials_never_reach_the_wagtail_admin(client):
    user = UserFactory()
    give_second_factor(user)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/" not in response["Location"].split("?")[0]


def test_session_key_changes_at_sign_in(client):
    """Session fixation: a key planted before sign-in is not the one after."""
    client.get(reverse("account_login"))
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.session.session_key != before


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, settings):
    settings.ADMIN_REQUIRE_SECOND_FACTOR = True
    staff = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    give_second_factor(staff)
    # Having a factor is not enough: this session must have used it.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    sign_in(client, staff)
    assert client.get("/admin/").status_code == 200


def test_wagtails_own_sign_in_form_is_closed(client):
    """It would skip the second factor, verification and the limits."""
    user = UserFactory()
    give_second_factor(user)
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/password_reset/").status_code == 302


def test_a_session_opened_without_the_second_factor_cannot_act_for_a_city(client):
    from .factories import RepresentationFactory

    user = UserFactory()
    give_second_factor(user)
    city = RepresentationFactory(user=user).city
    client.force_login(user)  # a session that never used the factor
    url = reverse("membership:profile", args=[city.geonameid])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    sign_in(client, user)
    assert client.get(url).status_code == 200


def test_accounts_never_verified_are_deleted_after_a_week():
    from django.utils import timezone

    from digitalrights.membership.services import accounts_unverified_delete

    old = timezone.now() - timezone.timedelta(days=8)
    stale = UserFactory()
    EmailAddress.objects.filter(user=stale).update(verified=False)
    fresh = UserFactory()
    EmailAddress.objects.filter(user=fresh).update(verified=False)
    kept = UserFactory()
    users = get_user_model().objects
    users.filter(pk__in=[stale.pk, kept.pk]).update(date_joined=old)
    assert accounts_unverified_delete() == 1
    assert not users.filter(pk=stale.pk).exists()
    assert users.filter(pk__in=[fresh.pk, kept.pk]).count() == 2


def test_an_official_turns_on_an_authenticator_app_and_signs_in_with_a_recovery_code(
    client,
):
    """The whole second-factor journey through allauth's own pages."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal import auth as totp

    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    dashboard = client.get(reverse("membership:dashboard")).content.decode()
    assert "First, protect your account" in dashboard
    # Changing the second factor asks for the password again first.
    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode(), "the QR code is inline"
    secret = client.session[totp.SECRET_SESSION_KEY]
    counter = next(iter(totp.yield_hotp_counters_from_time()))
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
    code = totp.format_hotp_value(totp.hotp_value(secret, counter))
    client.post(reverse("mfa_activate_totp"), {"code": code})
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {"totp", "recovery_codes"}
    assert (
        "First, protect your account"
        not in client.get(reverse("membership:dashboard")).content.decode()
    )

    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session, "the password alone is not enough"
    recovery = Authenticator.objects.get(user=user, type="recovery_codes")
    [first, *_rest] = RecoveryCodes(recovery).get_unused_codes()
    response = client.post(reverse("mfa_authenticate"), {"code": first})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    # A recovery code works once.
    assert (
        first
        not in RecoveryCodes(
            Authenticator.objects.get(pk=recovery.pk)
        ).get_unused_codes()
    )
