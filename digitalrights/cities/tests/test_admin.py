import pytest
from django.contrib.auth import get_user_model

from digitalrights.cities.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "x")
    client.force_login(user)
    return client


def test_secretariat_lists_and_searches_members(staff_client):
    response = staff_client.get("/admin/snippets/cities/member/")
    assert response.status_code == 200
    assert "Amsterdam" in response.content.decode()
    found = staff_client.get("/admin/snippets/cities/member/", {"q": "barce"})
    assert "Barcelona" in found.content.decode()


def test_secretariat_picks_a_city_from_the_gazetteer_chooser(staff_client):
    response = staff_client.get("/admin/snippets/choose/cities/city/", {"q": "wien"})
    assert response.status_code == 200
    assert "Vienna" in response.content.decode()


def test_secretariat_edit_with_a_bad_date_keeps_input_and_changes_nothing(staff_client):
    member = Member.objects.get(city__geonameid=2759794)
    url = f"/admin/snippets/cities/member/edit/{member.pk}/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "city": member.city_id,
            "display_name": "Typed but refused",
            "status": "former",
            "is_founder": "on",
            "joined_on": "2018-11-14",
            "left_on": "2017-01-01",
            "signatory": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "A city cannot leave before it joined." in html
    assert "Typed but refused" in html
    member.refresh_from_db()
    assert member.display_name == ""
    assert member.status == "active"


def test_non_staff_cannot_reach_the_admin(client):
    response = client.get("/admin/snippets/cities/member/")
    assert response.status_code == 302
    # Staff sign in where officials do, with their second factor.
    assert "/accounts/login/" in response["Location"]


def test_the_gazetteer_is_read_only_in_the_admin(staff_client):
    from digitalrights.cities.models import City

    city = City.objects.get(geonameid=2759794)
    assert staff_client.get("/admin/snippets/cities/city/").status_code == 200
    for url in (
        "/admin/snippets/cities/city/add/",
        f"/admin/snippets/cities/city/edit/{city.pk}/",
        f"/admin/snippets/cities/city/delete/{city.pk}/",
    ):
        response = staff_client.get(url)
        assert response.status_code in (302, 403), url
    assert (
        staff_client.get(f"/admin/snippets/cities/city/inspect/{city.pk}/").status_code
        == 200
    )


def test_the_member_list_reads_each_city_with_its_member(
    staff_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        assert staff_client.get("/admin/snippets/cities/member/").status_code == 200


def _profile_post(city, **changes):
    data = {
        "city": city.pk,
        "website": "https://city.example.org/",
        "contact_email": "",
        "languages": ["ca", "es"],
        "logo_alt": "",
        "descriptions-TOTAL_FORMS": "1",
        "descriptions-INITIAL_FORMS": "0",
        "descriptions-MIN_NUM_FORMS": "0",
        "descriptions-MAX_NUM_FORMS": "5",
        "descriptions-0-language": "en",
        "descriptions-0-text": "Written by the secretariat.",
        "descriptions-0-ORDER": "1",
        "descriptions-0-DELETE": "",
        "descriptions-0-id": "",
    }
    data.update(changes)
    return data


def test_staff_edit_city_profiles_under_the_same_rules_as_officials(staff_client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from digitalrights.cities.models import CityProfile

    from .factories import CityFactory

    def image(fmt):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 10)).save(buffer, format=fmt)
        return SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue())

    city = CityFactory()
    url = "/admin/snippets/cities/cityprofile/add/"
    refused = staff_client.post(
        url, _profile_post(city, logo=image("GIF"), logo_alt="Arms")
    )
    assert "must be a PNG, JPEG or WebP image" in refused.content.decode()
    no_alt = staff_client.post(url, _profile_post(city, logo=image("PNG")))
    assert "Say what the logo shows" in no_alt.content.decode()
    assert not CityProfile.objects.filter(city=city).exists()
    staff_client.post(url, _profile_post(city, logo=image("PNG"), logo_alt="Arms"))
    profile = CityProfile.objects.get(city=city)
    assert sorted(profile.languages) == ["ca", "es"]
    assert profile.descriptions.get().text == "Written by the secretariat."
