"""The officials' pages, the public page of an initiative and the city page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.initiatives import services
from digitalrights.initiatives.models import Initiative, ModerationState
from digitalrights.initiatives.services import ImageData, LinkData
from digitalrights.membership.tests.factories import (
    UserFactory,
    give_second_factor,
    sign_in,
)

from .factories import (
    InitiativeFactory,
    bomb,
    form_data,
    initiative_data,
    leave,
    member_city,
    official_of,
    png,
    published,
    topic_id,
)

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives_officials:list")


def create_url(city) -> str:
    return reverse("initiatives_officials:create", args=[city.geonameid])


def edit_url(initiative) -> str:
    return reverse("initiatives_officials:edit", args=[initiative.pk])


def action_url(initiative, action: str) -> str:
    return reverse("initiatives_officials:action", args=[initiative.pk, action])


@pytest.fixture
def city():
    return member_city()


@pytest.fixture
def official(city):
    return official_of(city)


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="moderator", email="moderator@coalition.example.org", password="x" * 20
    )
    give_second_factor(user)
    return user


# Who gets in ------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, city):
    initiative = InitiativeFactory(city=city)
    for url in (LIST, create_url(city), edit_url(initiative)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    response = client.post(action_url(initiative, "submit"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.DRAFT


def test_without_a_second_factor_officials_are_sent_to_set_one_up(client, city):
    sign_in(client, official_of(city, second_factor=False), records=[])
    response = client.get(create_url(city))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_a_session_that_did_not_use_the_second_factor_must_confirm_it(
    client, official, city
):
    sign_in(client, official, records=[{"method": "password"}])
    response = client.get(create_url(city))
    assert response.status_code == 302
    assert reverse("mfa_reauthenticate") in response["Location"]


@pytest.mark.parametrize("who", ["nobody", "other_city", "non_member", "staff"])
def test_only_the_city_s_officials_reach_its_pages(client, city, staff, who):
    initiative = InitiativeFactory(city=city)
    if who == "nobody":
        user = UserFactory()
        give_second_factor(user)
    elif who == "other_city":
        user = official_of()
    elif who == "non_member":
        user = official_of(CityFactory())
    else:
        user = staff
    sign_in(client, user)
    assert client.get(LIST).status_code == 200
    assert city.name not in client.get(LIST).content.decode()
    assert client.get(create_url(city)).status_code == 403
    assert client.post(create_url(city), form_data()).status_code == 403
    assert client.get(edit_url(initiative)).status_code == 403
    assert client.post(edit_url(initiative), form_data(title="Mine")).status_code == 403
    for action in ("submit", "withdraw", "delete"):
        assert client.post(action_url(initiative, action)).status_code == 403
    initiative.refresh_from_db()
    assert (initiative.state, initiative.title) == ("draft", initiative.title)
    assert Initiative.objects.filter(city=city).count() == 1


def test_an_official_of_a_city_that_is_not_a_member_is_told_why(client):
    city = CityFactory(name="Nowhereville")
    sign_in(client, official_of(city))
    page = client.get(LIST).content.decode()
    assert "Nowhereville is not a member of the coalition" in page
    response = client.get(create_url(city))
    assert response.status_code == 403


def test_officials_of_a_former_member_see_its_initiatives_read_only(
    client, official, city
):
    """Review #5: not a 403, nor an editable form, but why it cannot change."""
    shown = published(city=city, title="Still on the site")
    draft = InitiativeFactory(city=city, title="An old draft")
    sent = InitiativeFactory(city=city, state="submitted", title="Sent before")
    leave(city)
    sign_in(client, official)
    page = client.get(LIST).content.decode()
    assert f"{city.name} is no longer a member of the coalition" in page
    assert "Still on the site" in page and "An old draft" in page
    assert create_url(city) not in page
    for initiative in (shown, draft, sent):
        response = client.get(edit_url(initiative))
        assert response.status_code == 200
        page = response.content.decode()
        assert "can no longer be changed, sent or taken back here" in page
        assert initiative.summary in page
        assert '<form method="post" enctype' not in page
        for action in ("withdraw", "delete", "withdraw-change"):
            assert action_url(initiative, action) not in page
    # Typed while the city left: kept on the page, not saved.
    response = client.post(edit_url(draft), form_data(title="Typed after leaving"))
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Typed after leaving"' in page
    assert "is no longer a member of the coalition, so its initiatives" in page
    assert client.post(
        edit_url(sent), form_data(title="Mine", take_back="1")
    ).status_code == (409)
    for initiative, action in (
        (draft, "submit"),
        (draft, "delete"),
        (sent, "withdraw"),
    ):
        assert client.post(action_url(initiative, action)).status_code == 403
    for initiative, state in (
        (shown, "published"),
        (draft, "draft"),
        (sent, "submitted"),
    ):
        initiative.refresh_from_db()
        assert initiative.state == state
    assert draft.title == "An old draft"
    client.logout()
    assert client.get(shown.get_absolute_url()).status_code == 200


def test_the_history_shows_other_officials_by_role_not_by_address(client, city):
    """Review #15: colleagues see a role, never each other's address."""
    from digitalrights.membership.tests.factories import RepresentationFactory

    author = UserFactory(email="author.private@city.example.org")
    give_second_factor(author)
    RepresentationFactory(user=author, city=city, role="Head of the Digital Office")
    initiative = services.initiative_create(
        user=author, geonameid=city.geonameid, data=initiative_data()
    )
    services.initiative_submit(user=author, initiative_id=initiative.pk)
    reader = official_of(city)
    services.initiative_withdraw(user=reader, initiative_id=initiative.pk)
    sign_in(client, reader)
    page = client.get(edit_url(initiative)).content.decode()
    history = page.split('id="history-title"', 1)[1]
    assert "author.private@city.example.org" not in page
    assert "an official (Head of the Digital Office)" in history
    assert "you:" in " ".join(history.split())
    assert reader.email not in history


def test_the_dashboard_links_a_member_city_to_its_initiatives(client, official, city):
    sign_in(client, official)
    page = client.get(reverse("membership:dashboard")).content.decode()
    assert f"{LIST}#city-{city.geonameid}" in page


# Proposing ---------------------------------------------------------------------


def test_an_official_proposes_submits_and_sees_the_history(client, official, city):
    sign_in(client, official)
    page = client.get(create_url(city)).content.decode()
    assert "Artificial intelligence" in page  # topics by their label
    assert 'name="new_image_0"' in page
    response = client.post(
        create_url(city),
        form_data(
            new_image_0=png(),
            new_alt_0="Residents at the new hotspot",
            new_caption_0="Opening day",
        ),
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(city=city)
    assert response["Location"] == edit_url(initiative)
    assert initiative.state == ModerationState.DRAFT
    assert initiative.images.get().alt == "Residents at the new hotspot"
    assert initiative.links.get().label == "Project page"
    page = client.get(edit_url(initiative)).content.decode()
    assert 'value="Free Wi-Fi in public housing"' in page
    assert "Residents at the new hotspot" in page
    assert ".webp" in page  # a rendition, not the original

    response = client.post(
        edit_url(initiative),
        form_data(
            title="Free Wi-Fi for every home",
            saved_version=services.initiative_version(initiative),
            submit="1",
            **{f"image_alt_{initiative.images.get().pk}": "Residents online"},
        ),
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED
    assert initiative.title == "Free Wi-Fi for every home"
    assert initiative.images.get().alt == "Residents online"
    page = client.get(edit_url(initiative)).content.decode()
    assert "Take it back as a draft" in page
    assert '<form method="post" enctype' not in page  # frozen
    # Frozen for the service too, whatever is posted: what was typed comes
    # back beside what is saved, and nothing changes.
    assert client.post(edit_url(initiative), form_data(title="X")).status_code == 409
    initiative.refresh_from_db()
    assert initiative.title == "Free Wi-Fi for every home"

    client.post(action_url(initiative, "withdraw"))
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.DRAFT
    client.post(action_url(initiative, "delete"))
    assert not Initiative.objects.filter(pk=initiative.pk).exists()


def test_an_unknown_action_is_not_found(client, official, city):
    initiative = InitiativeFactory(city=city)
    sign_in(client, official)
    assert client.post(action_url(initiative, "publish")).status_code == 404
    assert client.get(action_url(initiative, "submit")).status_code == 405


def test_nothing_typed_is_lost_on_an_error(client, official, city):
    sign_in(client, official)
    typed = form_data(
        title="Typed with care",
        body="A long description that took an hour.",
        link_url_0="javascript:alert(1)",
        link_url_1="https://city.example.org/report",
        link_label_1="Evaluation report",
        link_url_2="",
        link_label_2="A label without an address",
        new_image_0=png(),
        new_alt_0="",
        principles=["1", "4"],
        topics=[str(topic_id("broadband")), str(topic_id("participation"))],
    )
    response = client.post(create_url(city), typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Typed with care"' in page
    assert "A long description that took an hour." in page
    assert 'value="javascript:alert(1)"' in page
    assert 'href="javascript' not in page
    assert 'value="Evaluation report"' in page
    assert "http:// or https://" in page
    assert "Give the web address of this link." in page
    assert "Say what the picture shows" in page
    assert "Kept: picture.png" in page
    assert page.count("checked") >= 4
    assert 'class="error-summary"' in page
    assert not Initiative.objects.filter(city=city).exists()


def test_eleven_links_are_never_saved(client, official, city):
    sign_in(client, official)
    links = {f"link_url_{n}": f"https://city.example.org/{n}" for n in range(11)}
    response = client.post(create_url(city), form_data(**links))
    assert response.status_code == 302
    assert Initiative.objects.get(city=city).links.count() == 10


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": "x" * 20_001}, "at most 20000 characters"),
        ({"title": ""}, "Give the initiative a title."),
        ({"summary": " "}, "Sum the initiative up"),
        ({"principles": []}, "Choose at least one principle"),
        ({"principles": ["6"]}, "Choose principles from the list"),
        ({"topics": ["999999"]}, "Choose topics from the list"),
        ({"topics": ["1 OR 1=1"]}, "Choose topics from the list"),
        ({"code_url": "javascript:alert(1)"}, "http:// or https://"),
        ({"licence": "MIT"}, "source code too"),
        ({"started_on": "2024-05-01", "ended_on": "2024-04-01"}, "cannot end before"),
        ({"new_image_0": png("a.gif", image_format="GIF"), "new_alt_0": "A"}, "WebP"),
        ({"new_image_0": bomb(), "new_alt_0": "A bomb"}, "at most 6000 pixels"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, official, city, changes, message
):
    sign_in(client, official)
    response = client.post(create_url(city), form_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Initiative.objects.filter(city=city).exists()


def test_a_crafted_picture_id_changes_nothing(client, official, city):
    other = published()
    initiative = InitiativeFactory(city=city)
    sign_in(client, official)
    their = services.initiative_import(
        geonameid=other.city.geonameid,
        data=initiative_data(images=[ImageData(upload=png(), alt="Theirs")]),
    ).images.get()
    response = client.post(
        edit_url(initiative),
        form_data(
            **{f"image_alt_{their.pk}": "Mine", f"image_remove_{their.pk}": "on"}
        ),
    )
    assert response.status_code == 302
    their.refresh_from_db()
    assert their.alt == "Theirs"


def test_two_officials_editing_at_once_keep_what_they_typed(client, official, city):
    initiative = InitiativeFactory(city=city)
    opened = services.initiative_version(initiative)
    services.initiative_update(
        user=official_of(city),
        initiative_id=initiative.pk,
        data=initiative_data(title="Theirs"),
    )
    sign_in(client, official)
    response = client.post(
        edit_url(initiative), form_data(title="Mine", saved_version=opened)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Mine"' in page
    assert "Someone else saved this initiative" in page
    # Saving again is now a choice, and wins.
    initiative.refresh_from_db()
    again = client.post(
        edit_url(initiative),
        form_data(title="Mine", saved_version=services.initiative_version(initiative)),
    )
    assert again.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Mine"


def test_what_was_typed_survives_a_session_timeout(client, official, city):
    sign_in(client, official)
    url = create_url(city)
    client.logout()
    response = client.post(url, form_data(title="Typed before the session ended"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    sign_in(client, official)
    page = client.get(url).content.decode()
    assert 'value="Typed before the session ended"' in page
    assert "not saved yet" in page
    assert not Initiative.objects.filter(city=city).exists()


def test_editing_a_published_initiative_waits_for_the_secretariat(
    client, official, city
):
    """Review #4: the site keeps the published version; the official sees why."""
    initiative = published(city=city)
    sign_in(client, official)
    page = client.get(edit_url(initiative)).content.decode()
    assert "goes to the secretariat first" in page
    assert "Send the change to the secretariat" in page
    response = client.post(
        edit_url(initiative),
        form_data(
            title=initiative.title,
            summary="Now with numbers.",
            saved_version=services.initiative_version(initiative),
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "Your change is sent to the secretariat" in page
    assert "Your change waits for the secretariat" in page
    assert "Now with numbers." in page  # the form shows the change, to go on
    assert "Take back the change" in page
    client.logout()
    public = client.get(initiative.get_absolute_url()).content.decode()
    assert "Now with numbers." not in public
    assert initiative.summary in public

    # Changed again, from the form as it came back.
    sign_in(client, official)
    response = client.post(
        edit_url(initiative),
        form_data(
            title=initiative.title,
            summary="Now with more numbers.",
            saved_version=services.initiative_version(initiative),
        ),
    )
    assert response.status_code == 302
    assert initiative.pending_change.content["summary"] == "Now with more numbers."
    page = client.get(LIST).content.decode()
    assert "a change waits for the secretariat" in page

    client.post(action_url(initiative, "withdraw-change"))
    page = client.get(edit_url(initiative)).content.decode()
    assert "Now with more numbers." not in page
    assert "Change taken back" in page


def test_an_official_of_another_city_cannot_take_back_its_change(client, city):
    initiative = published(city=city)
    services.initiative_update(
        user=official_of(city),
        initiative_id=initiative.pk,
        data=initiative_data(title="Ours"),
    )
    sign_in(client, official_of())
    response = client.post(action_url(initiative, "withdraw-change"))
    assert response.status_code == 403
    assert Initiative.objects.get(pk=initiative.pk).pending_change.content["title"] == (
        "Ours"
    )


# The public page ----------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "submitted", "changes", "declined"])
def test_only_published_initiatives_are_public(client, state):
    initiative = InitiativeFactory(state=state)
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_the_public_page_shows_everything_and_a_wrong_slug_redirects(client):
    initiative = services.initiative_import(
        geonameid=member_city().geonameid,
        data=initiative_data(
            language="nl",
            title="Gratis wifi voor iedereen",
            body="Eerste alinea.\n\nTweede alinea.",
            principles=[1, 2],
            topics=[topic_id("broadband"), topic_id("privacy")],
            contact="Digitale dienst",
            contact_email="digitaal@city.example.org",
            code_url="https://git.city.example.org/wifi",
            licence="EUPL-1.2",
            links=[LinkData(url="https://city.example.org/wifi", label="Projectsite")],
            images=[ImageData(upload=png(), alt="Bewoners online", caption="Foto")],
        ),
    )
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 lang="nl">Gratis wifi voor iedereen</h1>' in page
    assert "<p>Eerste alinea.</p>" in page and "<p>Tweede alinea.</p>" in page
    assert 'alt="Bewoners online"' in page and "<figcaption>Foto</figcaption>" in page
    assert ".webp" in page
    assert "Broadband" in page and "Privacy, data protection and security" in page
    assert "EUPL-1.2" in page and "https://git.city.example.org/wifi" in page
    assert 'href="mailto:digitaal@city.example.org"' in page
    assert initiative.city.get_absolute_url() in page
    assert 'type="application/atom+xml"' in page
    assert reverse("initiatives:feed_principle", args=[2]) in page
    assert f'href="{reverse("initiatives:list")}?principle=2"' in page
    assert f'href="{reverse("initiatives:list")}?topic=broadband"' in page
    assert reverse("initiatives:feed_city", args=[initiative.city.geonameid]) in page
    assert len(response.content) < 200 * 1024

    wrong = reverse("initiatives:detail", kwargs={"pk": initiative.pk, "slug": "x"})
    moved = client.get(wrong)
    assert moved.status_code == 301
    assert moved["Location"] == initiative.get_absolute_url()


def test_the_public_page_speaks_the_visitor_s_language_around_the_text(client):
    initiative = published(language="en")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "<h1>" in page and 'lang="en">' not in page.split("<main", 1)[1]
    spanish = client.get("/es" + initiative.get_absolute_url()[3:]).content.decode()
    assert f'<h1 lang="en">{initiative.title}</h1>' in spanish


def test_the_public_page_takes_the_same_queries_however_rich(
    client, django_assert_max_num_queries
):
    plain = services.initiative_import(
        geonameid=member_city().geonameid,
        data=initiative_data(images=[ImageData(upload=png(), alt="One picture")]),
    )
    with django_assert_max_num_queries(30) as few:
        client.get(plain.get_absolute_url())
    rich = services.initiative_import(
        geonameid=member_city().geonameid,
        data=initiative_data(
            principles=[1, 2, 3, 4, 5],
            topics=[topic_id(s) for s in ("ai", "privacy", "broadband")],
            links=[LinkData(url=f"https://city.example.org/{n}") for n in range(10)],
            images=[ImageData(upload=png(), alt=f"Picture {n}") for n in range(3)],
        ),
    )
    client.cookies.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(rich.get_absolute_url())
    assert response.content.decode().count('alt="Picture') == 3


@pytest.mark.parametrize("path", ["0-x", "99999999-x", "1-", "-1-x", "1e9-x"])
def test_crafted_addresses_are_not_found(client, path):
    assert client.get(f"/en/initiatives/{path}/").status_code == 404


# The city page ------------------------------------------------------------------


def test_the_city_page_lists_only_its_published_initiatives(client, city):
    shown = published(city=city, title="Shown to everyone")
    InitiativeFactory(city=city, title="Still a draft")
    InitiativeFactory(city=city, state="submitted", title="Waiting")
    published(title="Another city's")
    page = client.get(city.get_absolute_url()).content.decode()
    assert shown.get_absolute_url() in page
    assert "Shown to everyone" in page and shown.summary in page
    assert "Still a draft" not in page and "Waiting" not in page
    assert "Another city's" not in page
    assert "Running" in page
    assert reverse("initiatives:feed_city", args=[city.geonameid]) in page


def test_the_city_page_takes_the_same_queries_however_many_initiatives(
    client, city, django_assert_max_num_queries
):
    published(city=city)
    with django_assert_max_num_queries(30) as few:
        client.get(city.get_absolute_url())
    for _ in range(8):
        published(city=city, topics=[topic_id("ai")], principles=[1, 2])
    client.cookies.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(city.get_absolute_url()).content.decode()
    assert page.count('class="card"') == 9


def test_a_city_without_initiatives_says_so(client):
    city = CityFactory()
    page = client.get(city.get_absolute_url()).content.decode()
    assert "No initiatives have been published for this city yet." in page


def test_the_demo_founders_show_their_initiatives(client):
    from digitalrights.cities.models import City

    for geonameid, count in ((2759794, 4), (3128760, 3), (5128581, 3)):
        city = City.objects.get(geonameid=geonameid)
        page = client.get(city.get_absolute_url()).content.decode()
        assert page.count('class="card"') == count, city.name
    decidim = Initiative.objects.get(title__startswith="Decidim")
    page = client.get(decidim.get_absolute_url()).content.decode()
    assert "AGPL-3.0-or-later" in page


def test_a_change_is_shown_at_once_to_readers_of_cached_pages(
    client, city, staff, django_capture_on_commit_callbacks
):
    initiative = published(city=city, principles=[1])
    url = initiative.get_absolute_url()
    assert "Privacy, data protection" not in client.get(url).content.decode()
    official = official_of(city)
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_update(
            user=official,
            initiative_id=initiative.pk,
            data=initiative_data(title=initiative.title, principles=[2]),
        )
    assert "Privacy, data protection" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    assert "Privacy, data protection" in client.get(url).content.decode()


def test_the_sitemap_lists_published_initiatives_in_every_language():
    from django.contrib.sites.requests import RequestSite
    from django.test import RequestFactory

    from digitalrights.initiatives.sitemaps import InitiativeSitemap

    shown = published()
    InitiativeFactory(title="A draft")
    site = RequestSite(RequestFactory().get("/"))
    urls = [entry["location"] for entry in InitiativeSitemap().get_urls(site=site)]
    assert any(u.endswith("/es" + shown.get_absolute_url()[3:]) for u in urls)
    assert not any("a-draft" in u for u in urls)


def test_the_officials_list_takes_the_same_queries_however_many_initiatives(
    client, official, city, django_assert_max_num_queries
):
    InitiativeFactory(city=city)
    sign_in(client, official)
    with django_assert_max_num_queries(40) as few:
        client.get(LIST)
    for state in ("draft", "submitted", "changes", "declined") * 3:
        InitiativeFactory(city=city, state=state)
    published(city=city)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(LIST).content.decode()
    assert page.count('<th scope="row">') == 14


def test_a_frozen_initiative_s_page_takes_the_same_queries_however_rich(
    client, official, city, django_assert_max_num_queries
):
    def frozen(**changes):
        initiative = services.initiative_create(
            user=official, geonameid=city.geonameid, data=initiative_data(**changes)
        )
        return services.initiative_submit(user=official, initiative_id=initiative.pk)

    plain = frozen(images=[ImageData(upload=png(), alt="One picture")])
    sign_in(client, official)
    with django_assert_max_num_queries(60) as few:
        client.get(edit_url(plain))
    rich = frozen(
        principles=[1, 2, 3, 4, 5],
        topics=[topic_id(s) for s in ("ai", "privacy", "broadband")],
        links=[LinkData(url=f"https://city.example.org/{n}") for n in range(10)],
        images=[ImageData(upload=png(), alt=f"Picture {n}") for n in range(4)],
    )
    for _ in range(3):
        rich = services.initiative_withdraw(user=official, initiative_id=rich.pk)
        rich = services.initiative_submit(user=official, initiative_id=rich.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(edit_url(rich)).content.decode()
    assert page.count('alt="Picture') == 4
    assert '<form method="post" enctype' not in page


# Nothing sent is lost (review #8) ------------------------------------------------


def kept_token(page: str, index: int = 0) -> str:
    import re

    found = re.search(rf'name="kept_image_{index}" value="([0-9a-f-]+)"', page)
    assert found, "no picture kept"
    return found.group(1)


def test_a_picture_survives_an_error_in_another_field(
    client, official, city, django_capture_on_commit_callbacks
):
    from digitalrights.initiatives.models import KeptPicture

    sign_in(client, official)
    response = client.post(
        create_url(city),
        form_data(title="", new_image_0=png("market.png"), new_alt_0="The market"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the initiative a title." in page
    assert "Kept: market.png" in page
    assert "please choose it again" not in page
    assert 'value="The market"' in page
    kept = KeptPicture.objects.get(user=official)
    assert kept.file.storage.exists(kept.file.name)
    assert not kept.file.url.startswith("/media/")
    # Sent again without the file: the kept picture is saved with the rest.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create_url(city),
            form_data(kept_image_0=kept_token(page), new_alt_0="The market"),
        )
    assert response.status_code == 302
    initiative = Initiative.objects.get(city=city)
    assert initiative.images.get().alt == "The market"
    assert not KeptPicture.objects.exists()
    assert not kept.file.storage.exists(kept.file.name)


def test_a_kept_picture_can_be_removed(client, official, city):
    from digitalrights.initiatives.models import KeptPicture

    sign_in(client, official)
    page = client.post(
        create_url(city), form_data(title="", new_image_0=png(), new_alt_0="A")
    ).content.decode()
    response = client.post(
        create_url(city),
        form_data(kept_image_0=kept_token(page), kept_remove_0="on", new_alt_0="A"),
    )
    assert response.status_code == 302
    assert not Initiative.objects.get(city=city).images.exists()
    assert not KeptPicture.objects.exists()


@pytest.mark.parametrize(
    "token", ["theirs", "../../etc/passwd", "00000000-0000-0000-0000-000000000000"]
)
def test_a_picture_kept_for_someone_else_or_a_forged_token_changes_nothing(
    client, official, city, token
):
    from digitalrights.initiatives.models import KeptPicture

    other = official_of(city)
    theirs = services.kept_picture_create(user=other, upload=png("theirs.png"))
    if token == "theirs":
        token = str(theirs.token)
    sign_in(client, official)
    response = client.post(
        create_url(city), form_data(kept_image_0=token, new_alt_0="Stolen")
    )
    assert response.status_code == 400
    assert "This picture is no longer kept. Please choose it again." in (
        response.content.decode()
    )
    assert not Initiative.objects.filter(city=city).exists()
    assert KeptPicture.objects.get() == theirs
    assert theirs.file.storage.exists(theirs.file.name)


def test_kept_pictures_expire_after_a_day(django_capture_on_commit_callbacks):
    from digitalrights.initiatives.models import KeptPicture

    kept = services.kept_picture_create(user=official_of(), upload=png())
    assert services.kept_pictures_expire(now=timezone.now()) == 0
    later = timezone.now() + timezone.timedelta(hours=25)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.kept_pictures_expire(now=later) == 1
    assert not KeptPicture.objects.exists()
    assert not kept.file.storage.exists(kept.file.name)


def test_a_colleague_sent_it_meanwhile_keeps_what_was_typed(client, official, city):
    initiative = InitiativeFactory(city=city, title="Ours as saved")
    opened = services.initiative_version(initiative)
    services.initiative_submit(user=official_of(city), initiative_id=initiative.pk)
    sign_in(client, official)
    response = client.post(
        edit_url(initiative),
        form_data(
            title="Typed while they sent it",
            saved_version=opened,
            new_image_0=png("hall.png"),
            new_alt_0="The hall",
        ),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Typed while they sent it"' in page
    assert "A colleague sent this initiative to the secretariat" in page
    assert "What is saved now" in page and "Ours as saved" in page
    assert "Kept: hall.png" in page
    assert 'name="take_back"' in page
    initiative.refresh_from_db()
    assert (initiative.state, initiative.title) == ("submitted", "Ours as saved")
    # Taking it back and saving is now a choice.
    response = client.post(
        edit_url(initiative),
        form_data(
            title="Typed while they sent it",
            saved_version=opened,
            kept_image_0=kept_token(page),
            new_alt_0="The hall",
            take_back="1",
        ),
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.state, initiative.title) == ("draft", "Typed while they sent it")
    assert initiative.images.get().alt == "The hall"
    assert initiative.events.last().to_state == "draft"


def test_declined_meanwhile_shows_what_was_typed_and_changes_nothing(
    client, official, city
):
    initiative = InitiativeFactory(city=city, state="declined", title="As declined")
    sign_in(client, official)
    for extra in ({}, {"take_back": "1"}):
        response = client.post(
            edit_url(initiative), form_data(title="Typed in vain", **extra)
        )
        assert response.status_code == 409
        page = response.content.decode()
        assert 'value="Typed in vain"' in page
        assert "cannot change" in page
        assert 'name="save"' not in page and 'name="take_back"' not in page
    initiative.refresh_from_db()
    assert (initiative.state, initiative.title) == ("declined", "As declined")


def test_a_concurrent_edit_shows_theirs_beside_mine_and_keeps_the_pictures(
    client, official, city
):
    initiative = InitiativeFactory(city=city)
    opened = services.initiative_version(initiative)
    services.initiative_update(
        user=official_of(city),
        initiative_id=initiative.pk,
        data=initiative_data(title="Theirs", summary="Their summary."),
    )
    sign_in(client, official)
    response = client.post(
        edit_url(initiative),
        form_data(
            title="Mine",
            saved_version=opened,
            new_image_0=png("mine.png"),
            new_alt_0="My picture",
        ),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this initiative" in page
    assert "What is saved now" in page and "Their summary." in page
    assert 'value="Mine"' in page and "Kept: mine.png" in page
    initiative.refresh_from_db()
    assert initiative.title == "Theirs" and not initiative.images.exists()
    again = client.post(
        edit_url(initiative),
        form_data(
            title="Mine",
            saved_version=services.initiative_version(initiative),
            kept_image_0=kept_token(page),
            new_alt_0="My picture",
        ),
    )
    assert again.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Mine"
    assert initiative.images.get().alt == "My picture"
