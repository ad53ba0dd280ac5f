"""The secretariat's moderation queue and decisions in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from digitalrights.initiatives import services
from digitalrights.initiatives.models import Initiative, ModerationState
from digitalrights.initiatives.services import ImageData

from .factories import (
    InitiativeFactory,
    initiative_data,
    leave,
    member_city,
    official_of,
    png,
    published,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("initiatives_queue")


def moderate_url(initiative) -> str:
    return reverse("initiatives_moderate", args=[initiative.pk])


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="moderator", email="moderator@coalition.example.org", password="x" * 20
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def submitted(**kwargs) -> Initiative:
    return InitiativeFactory(
        state=ModerationState.SUBMITTED, submitted_at=timezone.now(), **kwargs
    )


def test_waiting_initiatives_come_first_the_oldest_at_the_top(staff_client):
    now = timezone.now()
    published(title="Already public")
    newer = submitted(title="Sent yesterday")
    older = submitted(title="Sent last week")
    Initiative.objects.filter(pk=older.pk).update(
        submitted_at=now - timezone.timedelta(days=7)
    )
    Initiative.objects.filter(pk=newer.pk).update(
        submitted_at=now - timezone.timedelta(days=1)
    )
    InitiativeFactory(title="A city's own draft")
    page = staff_client.get(QUEUE).content.decode()
    assert page.index("Sent last week") < page.index("Sent yesterday")
    assert page.index("Sent yesterday") < page.index("Already public")
    assert "A city's own draft" not in page


def test_the_queue_filters_by_state_city_and_principle(staff_client):
    city = member_city()
    ours = submitted(city=city, title="Ours, for privacy", principles=[2])
    submitted(title="Theirs, for access", principles=[1])
    published(city=city, title="Ours, published", principles=[2])
    page = staff_client.get(QUEUE, {"city": city.pk}).content.decode()
    assert "Ours, for privacy" in page and "Ours, published" in page
    assert "Theirs, for access" not in page
    page = staff_client.get(QUEUE, {"principle": 1}).content.decode()
    assert "Theirs, for access" in page and "Ours" not in page
    page = staff_client.get(QUEUE, {"state": "submitted"}).content.decode()
    assert "Ours, published" not in page and ours.title in page
    # Nonsense filters show everything rather than fail.
    for crafted in ({"city": "x"}, {"principle": "9"}, {"state": "<b>"}):
        assert staff_client.get(QUEUE, crafted).status_code == 200


def test_the_queue_takes_the_same_queries_however_long(
    staff_client, django_assert_max_num_queries
):
    submitted()
    with django_assert_max_num_queries(60) as few:
        staff_client.get(QUEUE)
    for _ in range(15):
        submitted()
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(QUEUE)


def test_the_admin_home_counts_what_waits(staff_client):
    submitted()
    submitted()
    published()
    page = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 initiatives wait for the secretariat" in page


def test_publish_from_the_admin_with_the_history_shown(staff_client, staff):
    initiative = submitted(title="Ready to go")
    page = staff_client.get(moderate_url(initiative)).content.decode()
    assert "Ready to go" in page and 'value="publish"' in page
    response = staff_client.post(moderate_url(initiative), {"decision": "publish"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    event = initiative.events.get()
    assert (event.actor, event.by_secretariat) == (staff, True)
    page = staff_client.get(moderate_url(initiative)).content.decode()
    assert 'value="unpublish"' in page and 'value="publish"' not in page
    assert "the secretariat" in page


def test_ask_for_changes_decline_and_unpublish_need_a_message(staff_client):
    for decision in ("changes", "decline"):
        initiative = submitted()
        staff_client.post(moderate_url(initiative), {"decision": decision})
        initiative.refresh_from_db()
        assert initiative.state == ModerationState.SUBMITTED
        staff_client.post(
            moderate_url(initiative), {"decision": decision, "message": "Because."}
        )
        initiative.refresh_from_db()
        assert (
            initiative.state == {"changes": "changes", "decline": "declined"}[decision]
        )
        assert initiative.events.get().message == "Because."
    initiative = published()
    staff_client.post(moderate_url(initiative), {"decision": "unpublish"})
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    response = staff_client.post(
        moderate_url(initiative), {"decision": "unpublish", "message": "A link broke."}
    )
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.CHANGES_REQUESTED
    assert "A link broke." in staff_client.get(response["Location"]).content.decode()


def test_a_decision_the_state_does_not_allow_changes_nothing(staff_client):
    initiative = published()
    response = staff_client.post(
        moderate_url(initiative), {"decision": "decline", "message": "No."}, follow=True
    )
    assert "cannot be done" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    for crafted in (
        {"decision": "delete"},
        {"decision": "publish", "message": "x" * 5001},
    ):
        staff_client.post(moderate_url(initiative), crafted)
        initiative.refresh_from_db()
        assert initiative.state == ModerationState.PUBLISHED
    missing = staff_client.get(
        reverse("initiatives_moderate", args=[999999]), follow=True
    )
    assert missing.status_code == 404


def test_only_staff_with_the_permission_moderate(client, django_user_model):
    initiative = submitted()
    official = official_of(initiative.city)
    client.force_login(official)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(
        moderate_url(initiative), {"decision": "publish"}
    ).status_code in (
        302,
        403,
    )
    clerk = django_user_model.objects.create_user(
        username="clerk", email="clerk@coalition.example.org", is_staff=True
    )
    clerk.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(clerk)
    # Wagtail sends a person without the permission back to the admin's home.
    for url in (QUEUE, moderate_url(initiative)):
        refused = client.get(url)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    # Allowed to read the queue, not to decide.
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(
        Permission.objects.get(
            codename="view_initiative", content_type__app_label="initiatives"
        )
    )
    clerk.groups.add(readers)
    clerk = django_user_model.objects.get(pk=clerk.pk)
    client.force_login(clerk)
    assert client.get(QUEUE).status_code == 200
    page = client.get(moderate_url(initiative)).content.decode()
    assert 'value="publish"' not in page
    response = client.post(
        moderate_url(initiative), {"decision": "publish"}, follow=True
    )
    assert "Only the secretariat can moderate" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED


# Changes to a published initiative (review #4) -----------------------------------


def with_change(**changes) -> Initiative:
    """Return a published initiative with a change its official sent."""
    initiative = services.initiative_import(
        geonameid=member_city().geonameid,
        data=initiative_data(images=[ImageData(upload=png(), alt="Old picture")]),
    )
    picture = initiative.images.get()
    services.initiative_update(
        user=official_of(initiative.city),
        initiative_id=initiative.pk,
        data=initiative_data(
            **{
                "summary": "A summary with numbers.",
                "images": [
                    ImageData(image_id=picture.pk, remove=True),
                    ImageData(upload=png(), alt="New picture"),
                ],
                **changes,
            }
        ),
    )
    return initiative


def test_a_waiting_change_is_shown_before_and_after_and_published(staff_client, staff):
    submitted(title="Sent long ago")
    initiative = with_change()
    queue = staff_client.get(QUEUE).content.decode()
    assert "a change waits" in queue
    assert (
        initiative.title
        in staff_client.get(QUEUE, {"state": "change_waiting"}).content.decode()
    )
    home = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 initiatives wait for the secretariat" in home
    page = staff_client.get(moderate_url(initiative)).content.decode()
    assert "A change waits" in page
    assert "Every flat of the largest estate" in page  # before
    assert "A summary with numbers." in page  # after
    assert "Picture removed" in page and "Old picture" in page
    assert "Picture added" in page and "New picture" in page
    assert 'value="change_publish"' in page
    response = staff_client.post(
        moderate_url(initiative), {"decision": "change_publish"}, follow=True
    )
    assert "The change to" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.summary == "A summary with numbers."
    assert [p.alt for p in initiative.images.all()] == ["New picture"]
    assert (
        "change_publish"
        not in staff_client.get(moderate_url(initiative)).content.decode()
    )


def test_change_decisions_without_permission_twice_or_without_a_change_change_nothing(
    staff_client, django_user_model
):
    from django.test import Client

    client = Client()
    initiative = with_change(title="Their new title")
    # An official of the city, even with a second factor, is no moderator.
    client.force_login(official_of(initiative.city))
    client.post(moderate_url(initiative), {"decision": "change_publish"})
    # Staff allowed to read the queue, not to decide.
    clerk = django_user_model.objects.create_user(
        username="clerk", email="clerk@coalition.example.org", is_staff=True
    )
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(
        Permission.objects.get(
            codename="view_initiative", content_type__app_label="initiatives"
        ),
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        ),
    )
    clerk.groups.add(readers)
    client.force_login(clerk)
    page = client.get(moderate_url(initiative)).content.decode()
    assert "A change waits" in page and 'value="change_publish"' not in page
    response = client.post(
        moderate_url(initiative), {"decision": "change_publish"}, follow=True
    )
    assert "Only the secretariat can moderate" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title != "Their new title"

    # Twice: the second finds nothing waiting.
    staff_client.post(moderate_url(initiative), {"decision": "change_publish"})
    response = staff_client.post(
        moderate_url(initiative),
        {"decision": "change_decline", "message": "Too late."},
        follow=True,
    )
    assert "No change to this initiative waits" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title == "Their new title"
    assert initiative.events.filter(kind="change_published").count() == 1
    assert not initiative.events.filter(kind="change_declined").exists()
    # Another initiative, without a change: nothing to decide.
    other = published()
    response = staff_client.post(
        moderate_url(other), {"decision": "change_publish"}, follow=True
    )
    assert "No change to this initiative waits" in response.content.decode()


def test_the_secretariat_takes_a_former_member_s_initiatives_away(staff_client):
    """Review #5: it may unpublish and decline, not publish or ask for more."""
    city = member_city()
    shown = published(city=city)
    sent = submitted(city=city)
    leave(city)
    page = staff_client.get(moderate_url(shown)).content.decode()
    assert "is no longer a member of the coalition" in page
    assert "Take it off the site" in page
    page = staff_client.get(moderate_url(sent)).content.decode()
    assert 'value="decline"' in page
    assert 'value="publish"' not in page and 'value="changes"' not in page
    response = staff_client.post(
        moderate_url(sent), {"decision": "publish"}, follow=True
    )
    assert "no longer a member" in response.content.decode()
    sent.refresh_from_db()
    assert sent.state == ModerationState.SUBMITTED
    staff_client.post(moderate_url(sent), {"decision": "decline", "message": "Left."})
    staff_client.post(
        moderate_url(shown), {"decision": "unpublish", "message": "It left."}
    )
    sent.refresh_from_db()
    shown.refresh_from_db()
    assert (sent.state, shown.state) == ("declined", "changes")
