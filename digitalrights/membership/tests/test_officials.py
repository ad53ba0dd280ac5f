"""Officials act for the cities they represent, and only for those."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from digitalrights.cities.models import CityDescription, CityProfile
from digitalrights.cities.tests.factories import CityFactory, MemberFactory
from digitalrights.membership import services
from digitalrights.membership.models import (
    MembershipSettings,
    Representation,
    RepresentationStatus,
)

from .factories import (
    RepresentationFactory,
    UserFactory,
    give_second_factor,
    image_bytes,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    user = UserFactory()
    give_second_factor(user)
    return user


@pytest.fixture
def representation(official):
    return RepresentationFactory(user=official)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="staff", email="staff@coalition.example.org", password="x" * 20
    )


def profile_data(**changes):
    data = {
        "website": "https://city.example.org/digital-rights",
        "contact_email": "digital@city.example.org",
        "languages": ["nl", "en"],
        "description_en": "We publish every algorithm we use.",
        "description_nl": "Wij publiceren elk algoritme dat we gebruiken.",
        "logo_alt": "",
    }
    data.update(changes)
    return data


def test_the_whole_journey_from_request_to_public_profile(
    client, official, staff, django_capture_on_commit_callbacks
):
    settings_row = MembershipSettings.load()
    settings_row.notify_secretariat = "secretariat@coalition.example.org"
    settings_row.save()
    city = CityFactory(name="Utopia")
    sign_in(client, official)
    found = client.get(reverse("membership:dashboard"), {"q": "utop"})
    assert "Ask to represent Utopia" in found.content.decode()
    response = client.post(
        reverse("membership:request"),
        {"city": city.geonameid, "role": "Chief Technology Officer"},
    )
    assert response.status_code == 302
    representation = Representation.objects.get(user=official, city=city)
    assert representation.status == RepresentationStatus.REQUESTED
    with django_capture_on_commit_callbacks(execute=True):
        assert services.representation_notify(representation_id=representation.pk)
        assert not services.representation_notify(representation_id=representation.pk)
    [to_secretariat] = mail.outbox
    assert to_secretariat.to == ["secretariat@coalition.example.org"]
    assert official.email in to_secretariat.body
    # Not yet confirmed: the profile is out of reach.
    assert (
        client.get(reverse("membership:profile", args=[city.geonameid])).status_code
        == 403
    )

    client.force_login(staff)
    admin_page = client.get(reverse("membership_representations"))
    assert "Chief Technology Officer" in admin_page.content.decode()
    client.post(
        reverse("membership_representation_decide", args=[representation.pk]),
        {"decision": "confirm"},
    )
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.CONFIRMED
    assert representation.decided_by == staff
    with django_capture_on_commit_callbacks(execute=True):
        services.representation_notify(representation_id=representation.pk)
    assert mail.outbox[-1].to == [official.email]
    assert "You now represent Utopia" in mail.outbox[-1].subject

    sign_in(client, official)
    saved = client.post(
        reverse("membership:profile", args=[city.geonameid]),
        profile_data(logo=SimpleUploadedFile("l.png", image_bytes()), logo_alt="Arms"),
    )
    assert saved.status_code == 302
    profile = CityProfile.objects.get(city=city)
    assert profile.updated_by == official
    assert profile.logo.name.startswith(f"cities/logos/{city.geonameid}")
    english = client.get(city.get_absolute_url()).content.decode()
    assert "We publish every algorithm we use." in english
    assert "digital@city.example.org" in english
    dutch = client.get(f"/nl{city.get_absolute_url()[3:]}").content.decode()
    assert "Wij publiceren elk algoritme" in dutch
    # A language without its own description shows the English one, marked.
    french = client.get(f"/fr{city.get_absolute_url()[3:]}").content.decode()
    assert 'lang="en">We publish every algorithm' in french


def test_without_a_second_factor_an_official_is_sent_to_set_one_up(client):
    user = UserFactory()
    RepresentationFactory(user=user)
    city = user.representations.get().city
    sign_in(client, user)
    for response in (
        client.get(reverse("membership:profile", args=[city.geonameid])),
        client.post(
            reverse("membership:profile", args=[city.geonameid]), profile_data()
        ),
        client.post(
            reverse("membership:request"), {"city": city.geonameid, "role": "x"}
        ),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")
    assert not CityProfile.objects.filter(city=city).exists()
    with pytest.raises(PermissionDenied, match="two-factor"):
        services.city_profile_update(user=user, geonameid=city.geonameid)


@pytest.mark.parametrize(
    "status",
    [
        RepresentationStatus.REQUESTED,
        RepresentationStatus.DECLINED,
        RepresentationStatus.ENDED,
    ],
)
def test_only_a_confirmed_representation_opens_the_profile(client, official, status):
    representation = RepresentationFactory(user=official, status=status)
    sign_in(client, official)
    url = reverse("membership:profile", args=[representation.city.geonameid])
    assert client.get(url).status_code == 403
    assert client.post(url, profile_data()).status_code == 403
    assert (
        not CityProfile.objects.exists()
        or not CityProfile.objects.filter(city=representation.city).exists()
    )


def test_every_write_to_another_citys_data_is_refused(client, official, representation):
    """The permission matrix: an official of one city against another's data."""
    other = RepresentationFactory()  # someone else, for another city
    other_city = other.city
    sign_in(client, official)
    profile_url = reverse("membership:profile", args=[other_city.geonameid])
    assert client.get(profile_url).status_code == 403
    assert client.post(profile_url, profile_data()).status_code == 403
    with pytest.raises(PermissionDenied):
        services.city_profile_update(
            user=official, geonameid=other_city.geonameid, website="https://x.org"
        )
    assert not CityProfile.objects.filter(city=other_city).exists()
    # Ending someone else's representation, through the page or the service.
    client.post(reverse("membership:representation_end", args=[other.pk]))
    with pytest.raises(PermissionDenied):
        services.representation_end(representation_id=other.pk, by=official)
    other.refresh_from_db()
    assert other.status == RepresentationStatus.CONFIRMED
    # Deciding on requests is the secretariat's.
    for decide in (
        lambda: services.representation_confirm(
            representation_id=other.pk, by=official
        ),
        lambda: services.representation_decline(
            representation_id=other.pk, by=official, reason="no"
        ),
    ):
        with pytest.raises(PermissionDenied):
            decide()
    admin = client.post(
        reverse("membership_representation_decide", args=[other.pk]),
        {"decision": "end"},
    )
    assert admin.status_code in (302, 403)
    other.refresh_from_db()
    assert other.status == RepresentationStatus.CONFIRMED
    # Leaving the coalition, for a member city one does not represent.
    member = MemberFactory()
    RepresentationFactory(city=member.city)
    leave = reverse("membership:member_leave", args=[member.city.geonameid])
    assert client.get(leave).status_code == 403
    assert client.post(leave, {"reason": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.member_leave(by=official, geonameid=member.city.geonameid)
    member.refresh_from_db()
    assert member.status == "active"
    # A city id that does not exist gives the same refusal.
    assert (
        client.get(reverse("membership:profile", args=[999_999_999])).status_code == 403
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, representation):
    for url in (
        reverse("membership:dashboard"),
        reverse("membership:profile", args=[representation.city.geonameid]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    response = client.post(
        reverse("membership:representation_end", args=[representation.pk])
    )
    assert response.status_code == 302
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.CONFIRMED


def test_an_official_can_stop_acting_for_a_city(client, official, representation):
    sign_in(client, official)
    client.post(reverse("membership:representation_end", args=[representation.pk]))
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.ENDED
    url = reverse("membership:profile", args=[representation.city.geonameid])
    assert client.get(url).status_code == 403


def test_asking_twice_for_the_same_city_is_refused_with_a_message(client, official):
    city = CityFactory()
    sign_in(client, official)
    data = {"city": city.geonameid, "role": "Mayor's office"}
    client.post(reverse("membership:request"), data)
    again = client.post(reverse("membership:request"), data)
    assert again.status_code == 400
    assert "already asked to represent" in again.content.decode()
    assert Representation.objects.filter(user=official, city=city).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"city": "999999999", "role": "CTO"}, "cannot find this city"),
        ({"city": "abc", "role": "CTO"}, "Enter a whole number"),
        ({"city": "-1", "role": "CTO"}, "greater than or equal to 1"),
        ({"role": "CTO"}, "This field is required"),
        ({"city": "CITY", "role": ""}, "This field is required"),
        ({"city": "CITY", "role": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_bad_request_is_refused_with_a_message(client, official, data, message):
    city = CityFactory()
    data = {k: (str(city.geonameid) if v == "CITY" else v) for k, v in data.items()}
    sign_in(client, official)
    response = client.post(reverse("membership:request"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    # The demo site every test starts from has officials of its own.
    assert not Representation.objects.filter(user=official).exists()


def logo(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"contact_email": "not an address"}, "does not look like an email address"),
        ({"description_en": "x" * 2001}, "at most 2000 characters"),
        ({"languages": ["xx-notreal"]}, "Select a valid choice"),
        (
            {"logo": lambda: logo("l.png", b"%PDF-1.7 not an image"), "logo_alt": "a"},
            "must be a PNG, JPEG or WebP image",
        ),
        (
            {
                "logo": lambda: logo(
                    "l.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
                ),
                "logo_alt": "a",
            },
            "must be a PNG, JPEG or WebP image",
        ),
        (
            {"logo": lambda: logo("l.gif", image_bytes("GIF")), "logo_alt": "a"},
            "must be a PNG, JPEG or WebP image",
        ),
        (
            {
                "logo": lambda: logo("l.png", image_bytes() + b"\0" * 1024 * 1024),
                "logo_alt": "a",
            },
            "larger than 1 MB",
        ),
        (
            {"logo": lambda: logo("l.png", image_bytes(size=(4001, 10)))},
            "at most 4000 pixels",
        ),
        ({"logo": lambda: logo("l.png", image_bytes())}, "Say what the logo shows"),
    ],
)
def test_bad_profile_input_is_refused_kept_and_stores_nothing(
    client, official, representation, changes, message
):
    changes = {k: (v() if callable(v) else v) for k, v in changes.items()}
    sign_in(client, official)
    response = client.post(
        reverse("membership:profile", args=[representation.city.geonameid]),
        profile_data(**changes),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Wij publiceren elk algoritme" in html, "what was typed is kept"
    assert not CityProfile.objects.filter(city=representation.city).exists()


def test_markup_in_a_description_is_shown_as_text(client, official, representation):
    sign_in(client, official)
    client.post(
        reverse("membership:profile", args=[representation.city.geonameid]),
        profile_data(description_en='<script>alert("x")</script> <b>bold</b>'),
    )
    html = client.get(representation.city.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_emptying_a_description_removes_it(client, official, representation):
    sign_in(client, official)
    url = reverse("membership:profile", args=[representation.city.geonameid])
    client.post(url, profile_data())
    client.post(url, profile_data(description_nl=""))
    languages = set(
        CityDescription.objects.filter(profile__city=representation.city).values_list(
            "language", flat=True
        )
    )
    assert languages == {"en"}


def test_a_new_logo_replaces_the_old_file(client, official, representation):
    sign_in(client, official)
    url = reverse("membership:profile", args=[representation.city.geonameid])
    with_logo = profile_data(logo_alt="Arms")
    client.post(url, {**with_logo, "logo": logo("a.png", image_bytes())})
    first = CityProfile.objects.get(city=representation.city).logo
    first_name, storage = first.name, first.storage
    client.post(
        url, {**with_logo, "logo": logo("b.jpg", image_bytes("JPEG"), "image/jpeg")}
    )
    second = CityProfile.objects.get(city=representation.city).logo
    assert second.name.endswith(".jpg")
    assert second.name != first_name
    assert storage.exists(second.name)


def test_the_secretariat_must_give_a_reason_to_decline(client, staff):
    representation = RepresentationFactory(status=RepresentationStatus.REQUESTED)
    client.force_login(staff)
    url = reverse("membership_representation_decide", args=[representation.pk])
    client.post(url, {"decision": "decline", "reason": "  "})
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.REQUESTED
    client.post(url, {"decision": "decline", "reason": "Not on the city's staff list."})
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.DECLINED
    # Deciding again changes nothing.
    with pytest.raises(ValidationError, match="already decided"):
        services.representation_confirm(representation_id=representation.pk, by=staff)
    for decision in ("confirm", "bogus", ""):
        client.post(url, {"decision": decision})
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.DECLINED


def test_the_dashboard_search_never_fails(client, official):
    sign_in(client, official)
    for query in ("", "   ", "%", "'; DROP TABLE", "x" * 500, "\u0000", "<script>"):
        response = client.get(reverse("membership:dashboard"), {"q": query})
        assert response.status_code == 200


def test_writes_without_a_csrf_token_are_refused(official, representation):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    sign_in(client, official)
    geonameid = representation.city.geonameid
    for url, data in (
        (reverse("membership:profile", args=[geonameid]), profile_data()),
        (reverse("membership:request"), {"city": geonameid, "role": "CTO"}),
        (reverse("membership:representation_end", args=[representation.pk]), {}),
        (reverse("membership:application_start", args=[geonameid]), {}),
        (reverse("membership:member_leave", args=[geonameid]), {}),
    ):
        assert client.post(url, data).status_code == 403, url
    assert not CityProfile.objects.filter(city=representation.city).exists()
    representation.refresh_from_db()
    assert representation.status == RepresentationStatus.CONFIRMED


def test_an_official_cannot_promote_themselves(client, official, representation):
    """Privilege escalation: the admin's decisions and pages stay closed."""
    pending = RepresentationFactory(
        user=official, status=RepresentationStatus.REQUESTED
    )
    sign_in(client, official)
    response = client.post(
        reverse("membership_representation_decide", args=[pending.pk]),
        {"decision": "confirm"},
    )
    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == RepresentationStatus.REQUESTED
    for url in (
        reverse("membership_representations"),
        reverse("membership_applications"),
        "/admin/users/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/" not in response["Location"].split("?")[0]
    official.refresh_from_db()
    assert not official.is_staff and not official.is_superuser


def test_a_logo_that_claims_billions_of_pixels_is_refused_not_decoded(
    client, official, representation
):
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    sign_in(client, official)
    response = client.post(
        reverse("membership:profile", args=[representation.city.geonameid]),
        profile_data(logo=logo("bomb.png", bomb), logo_alt="A bomb"),
    )
    assert response.status_code == 400
    assert "at most 4000 pixels" in response.content.decode()
    assert not CityProfile.objects.filter(city=representation.city).exists()


def test_without_a_secretariat_address_the_staff_who_decide_are_told(
    client, official, staff, django_capture_on_commit_callbacks
):
    city = CityFactory()
    representation = services.representation_request(
        user=official, city=city, role="CTO"
    )
    services.representation_notify(representation_id=representation.pk)
    assert mail.outbox[-1].to == [staff.email]
    client.force_login(staff)
    home = client.get("/admin/").content.decode()
    assert "1 request to represent a city" in home


def test_the_finder_puts_a_city_with_exactly_that_name_first():
    from digitalrights.cities.selectors import cities_named

    CityFactory(name="Porto Alegre", population=1_400_000)
    porto = CityFactory(name="Porto", population=250_000)
    assert cities_named("porto").filter(name__startswith="Porto").first() == porto


def test_every_bad_evidence_link_is_named_beside_its_field(
    client, official, representation
):
    from digitalrights.membership.selectors import checklist_live

    action = checklist_live().action_list()[0]
    sign_in(client, official)
    application = services.application_start(
        user=official, geonameid=representation.city.geonameid
    )
    response = client.post(
        reverse("membership:application", args=[application.pk]),
        {f"links_{action.key}": "not a url\nhttps://ok.example.org\nalso bad"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "“not a url”, “also bad”" in html
    assert f'id="id_links_{action.key}_error"' in html
