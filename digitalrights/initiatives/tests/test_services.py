"""Who may do what to an initiative, each state change, and the emails."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.utils import timezone
from wagtail.images import get_image_model

from digitalrights.cities.models import MemberStatus
from digitalrights.cities.tests.factories import CityFactory, MemberFactory
from digitalrights.initiatives import services
from digitalrights.initiatives.models import (
    EventKind,
    Initiative,
    InitiativeChange,
    InitiativeEvent,
    ModerationState,
)
from digitalrights.initiatives.services import ImageData, LinkData
from digitalrights.membership.models import MembershipSettings, RepresentationStatus
from digitalrights.membership.tests.factories import (
    RepresentationFactory,
    UserFactory,
    give_second_factor,
)

from .factories import (
    InitiativeFactory,
    bomb,
    initiative_data,
    leave,
    member_city,
    official_of,
    png,
)

pytestmark = pytest.mark.django_db

SECRETARIAT = "secretariat@coalition.example.org"


@pytest.fixture
def secretariat_address():
    row = MembershipSettings.load()
    row.notify_secretariat = SECRETARIAT
    row.save()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="moderator", email="moderator@coalition.example.org", password="x" * 20
    )


@pytest.fixture
def city():
    return member_city()


@pytest.fixture
def official(city):
    return official_of(city)


def notify_all() -> int:
    sent = 0
    for event_id in InitiativeEvent.objects.filter(
        notified_at__isnull=True
    ).values_list("pk", flat=True):
        sent += services.initiative_event_notify(event_id=event_id)
    return sent + services.initiative_digests_send()


def create(official, city, **changes) -> Initiative:
    return services.initiative_create(
        user=official, geonameid=city.geonameid, data=initiative_data(**changes)
    )


# Who may propose ---------------------------------------------------------------


def test_an_official_of_a_member_city_starts_a_draft_quietly(official, city):
    initiative = create(official, city)
    assert initiative.state == ModerationState.DRAFT
    assert initiative.created_by == official
    assert initiative.country_code == city.country_code
    assert initiative.slug == "free-wi-fi-in-public-housing"
    assert [p.number for p in initiative.principles.all()] == [1]
    assert [t.slug for t in initiative.topics.all()] == ["broadband"]
    assert [link.url for link in initiative.links.all()] == [
        "https://city.example.org/wifi"
    ]
    [event] = initiative.events.all()
    assert (event.to_state, event.notified_at is not None) == ("draft", True)
    assert notify_all() == 0


def test_anonymous_people_cannot_propose(city):
    with pytest.raises(PermissionDenied, match="Sign in"):
        create(AnonymousUser(), city)


def test_a_person_who_represents_no_city_cannot_propose(city):
    user = UserFactory()
    give_second_factor(user)
    with pytest.raises(PermissionDenied, match="do not represent this city"):
        create(user, city)


def test_an_official_of_another_city_cannot_propose(city):
    with pytest.raises(PermissionDenied, match="do not represent this city"):
        create(official_of(), city)


def test_a_request_not_yet_confirmed_is_not_enough(city):
    user = UserFactory()
    give_second_factor(user)
    RepresentationFactory(user=user, city=city, status=RepresentationStatus.REQUESTED)
    with pytest.raises(PermissionDenied):
        create(user, city)


def test_an_official_of_a_city_that_is_not_a_member_cannot_propose():
    city = CityFactory()
    with pytest.raises(PermissionDenied, match="not a member"):
        create(official_of(city), city)


def test_an_official_of_a_former_member_can_no_longer_change_its_initiatives():
    member = MemberFactory()
    official = official_of(member.city)
    initiative = create(official, member.city)
    member.status = MemberStatus.FORMER
    member.left_on = timezone.localdate()
    member.save()
    with pytest.raises(PermissionDenied, match="not a member"):
        services.initiative_submit(user=official, initiative_id=initiative.pk)


def test_an_official_without_a_second_factor_is_refused(city):
    with pytest.raises(PermissionDenied, match="two-factor"):
        create(official_of(city, second_factor=False), city)


def test_staff_cannot_write_for_a_city_they_do_not_represent(staff, city):
    give_second_factor(staff)
    with pytest.raises(PermissionDenied):
        create(staff, city)


def test_an_initiative_of_another_city_and_one_that_does_not_exist_look_the_same(
    official,
):
    theirs = InitiativeFactory()
    messages = []
    for initiative_id in (theirs.pk, 999_999_999):
        with pytest.raises(PermissionDenied) as refused:
            services.initiative_submit(user=official, initiative_id=initiative_id)
        messages.append(str(refused.value))
    assert messages[0] == messages[1]
    theirs.refresh_from_db()
    assert theirs.state == ModerationState.DRAFT


# The whole journey --------------------------------------------------------------


def test_submit_publish_and_each_side_is_emailed_once(
    official, city, staff, secretariat_address
):
    spanish = official_of(city, language="es")
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    assert notify_all() == 1
    [to_secretariat] = mail.outbox
    assert to_secretariat.to == [SECRETARIAT]
    assert city.name in to_secretariat.subject
    assert f"/admin/initiatives/{initiative.pk}/" in to_secretariat.body
    assert notify_all() == 0

    services.initiative_publish(by=staff, initiative_id=initiative.pk)
    assert notify_all() == 2
    to_city = mail.outbox[1:]
    assert sorted(m.to[0] for m in to_city) == sorted([official.email, spanish.email])
    subjects = {m.to[0]: m.subject for m in to_city}
    assert "is published" in subjects[official.email]
    assert "se ha publicado" in subjects[spanish.email]  # in their language
    # Each in their own language, down to the links.
    by_person = {m.to[0]: m for m in to_city}
    assert f"/en/initiatives/{initiative.pk}-" in by_person[official.email].body
    assert f"/es/initiatives/{initiative.pk}-" in by_person[spanish.email].body
    assert (
        f"/es/officials/initiatives/{initiative.pk}/" in by_person[spanish.email].body
    )
    assert notify_all() == 0
    assert len(mail.outbox) == 3

    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    assert initiative.published_at is not None
    assert [e.to_state for e in initiative.events.all()] == [
        "draft",
        "submitted",
        "published",
    ]


def test_a_notification_retried_sends_nothing_twice(
    official, city, secretariat_address
):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    event = initiative.events.get(to_state=ModerationState.SUBMITTED)
    assert services.initiative_event_notify(event_id=event.pk) == 1
    assert services.initiative_event_notify(event_id=event.pk) == 0
    assert len(mail.outbox) == 1


def test_a_failed_send_is_tried_again_later(
    official, city, secretariat_address, monkeypatch
):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    event = initiative.events.get(to_state=ModerationState.SUBMITTED)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(OSError):
        services.initiative_event_notify(event_id=event.pk)
    monkeypatch.undo()
    event.refresh_from_db()
    assert event.notified_at is None
    later = timezone.now() + timezone.timedelta(minutes=10)
    assert services.initiative_notifications_resend(now=later) == 1
    assert services.initiative_notifications_resend(now=later) == 0
    assert len(mail.outbox) == 1


def test_a_refused_address_does_not_repeat_the_notice_to_the_others(
    official, city, monkeypatch
):
    """One official's address refused: the others get it once, no retry loop."""
    import smtplib

    colleague = UserFactory(email="colleague@city.example.org")
    RepresentationFactory(user=colleague, city=city, status="confirmed")
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    event = initiative.events.get(to_state=ModerationState.SUBMITTED)
    event.by_secretariat = True  # a decision: the city's officials are told
    event.save(update_fields=["by_secretariat"])
    real_send = EmailMessage.send

    def refuse_colleague(message, *args, **kwargs):
        if message.to == [colleague.email]:
            raise smtplib.SMTPRecipientsRefused({colleague.email: (550, b"no")})
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_colleague)
    assert services.initiative_event_notify(event_id=event.pk) == 1
    later = timezone.now() + timezone.timedelta(minutes=10)
    assert services.initiative_notifications_resend(now=later) == 0
    assert [m.to for m in mail.outbox] == [[official.email]]


def test_without_a_secretariat_address_the_staff_who_moderate_are_told(
    official, city, staff, django_user_model
):
    moderator = django_user_model.objects.create_user(
        username="mod", email="mod@coalition.example.org", is_staff=True
    )
    moderator.user_permissions.add(
        Permission.objects.get(
            codename="change_initiative", content_type__app_label="initiatives"
        )
    )
    django_user_model.objects.create_user(
        username="other", email="other@coalition.example.org", is_staff=True
    )
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    assert notify_all() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mod@coalition.example.org",
        "moderator@coalition.example.org",
    ]


def test_changes_asked_then_resubmitted(official, city, staff, secretariat_address):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="Say what the city should change"):
        services.initiative_request_changes(
            by=staff, initiative_id=initiative.pk, message="  "
        )
    services.initiative_request_changes(
        by=staff, initiative_id=initiative.pk, message="Add a picture, please."
    )
    notify_all()
    assert "Add a picture, please." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [official.email]
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(title="Free Wi-Fi in every public housing estate"),
    )
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED
    assert initiative.title == "Free Wi-Fi in every public housing estate"
    notify_all()
    assert "to moderate again" in mail.outbox[-1].subject
    assert "as asked and sent it again" in mail.outbox[-1].body


def test_declining_needs_a_reason_and_is_final(official, city, staff):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="Give the reason"):
        services.initiative_decline(by=staff, initiative_id=initiative.pk, reason="")
    services.initiative_decline(
        by=staff, initiative_id=initiative.pk, reason="Not about digital rights."
    )
    with pytest.raises(ValidationError, match="so it cannot change"):
        services.initiative_update(
            user=official, initiative_id=initiative.pk, data=initiative_data()
        )
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_submit(user=official, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.initiative_delete(user=official, initiative_id=initiative.pk)


def published_by(official, city, staff, **changes) -> Initiative:
    """Return an initiative of ``city`` proposed by ``official``, published."""
    initiative = create(official, city, **changes)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    services.initiative_publish(by=staff, initiative_id=initiative.pk)
    notify_all()
    mail.outbox.clear()
    return initiative


def test_a_change_to_a_published_initiative_waits_for_the_secretariat(
    official, city, staff, secretariat_address
):
    """Review #4: the site shows the published version until the change is."""
    initiative = published_by(
        official,
        city,
        staff,
        images=[ImageData(upload=png(), alt="The first hotspot")],
    )
    first = initiative.images.get()
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(
            summary="Now 5,000 homes are connected.",
            links=[],
            images=[
                ImageData(image_id=first.pk, alt="The first hotspot, opened"),
                ImageData(upload=png(), alt="The second hotspot"),
            ],
        ),
    )
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    assert (
        initiative.summary
        == "Every flat of the largest estate gets free, fast internet."
    )
    assert initiative.links.count() == 1
    assert [p.alt for p in initiative.images.all()] == ["The first hotspot"]
    change = initiative.pending_change
    assert change.state == "waiting"
    assert change.content["summary"] == "Now 5,000 homes are connected."
    assert [p.alt for p in change.images.all()] == [
        "The first hotspot, opened",
        "The second hotspot",
    ]
    sent = initiative.events.get(kind=EventKind.CHANGE_SENT)
    assert (sent.actor, sent.by_secretariat) == (official, False)
    assert notify_all() == 1
    [email] = mail.outbox
    assert email.to == [SECRETARIAT]
    assert "Change to moderate" in email.subject
    assert "shows the published version" in email.body

    # Saved again: the same change, changed.
    [_first, second] = change.images.all()
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(
            summary="Now 6,000 homes are connected.",
            links=[],
            images=[
                ImageData(image_id=_first.pk, alt="The first hotspot, opened"),
                ImageData(image_id=second.pk, alt="The second hotspot"),
            ],
        ),
    )
    assert InitiativeChange.objects.filter(initiative=initiative).count() == 1

    services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.PUBLISHED
    assert initiative.summary == "Now 6,000 homes are connected."
    assert not initiative.links.exists()
    assert [p.alt for p in initiative.images.all()] == [
        "The first hotspot, opened",
        "The second hotspot",
    ]
    assert initiative.images.first().pk == first.pk
    assert not InitiativeChange.objects.filter(initiative=initiative).exists()
    mail.outbox.clear()
    notify_all()
    assert [m.to for m in mail.outbox if "is published" in m.subject] == [
        [official.email]
    ]


def test_a_change_sent_back_is_changed_and_sent_again(
    official, city, staff, secretariat_address
):
    initiative = published_by(official, city, staff)
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(title="Free Wi-Fi, everywhere!!!"),
    )
    with pytest.raises(ValidationError, match="Say what the city should change"):
        services.initiative_change_return(
            by=staff, initiative_id=initiative.pk, message=" "
        )
    services.initiative_change_return(
        by=staff, initiative_id=initiative.pk, message="Fewer exclamation marks."
    )
    assert InitiativeChange.objects.get(initiative=initiative).state == "returned"
    notify_all()
    assert "Fewer exclamation marks." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [official.email]
    with pytest.raises(ValidationError, match="No change to this initiative waits"):
        services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(title="Free Wi-Fi, everywhere"),
    )
    assert InitiativeChange.objects.get(initiative=initiative).state == "waiting"
    services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    initiative.refresh_from_db()
    assert initiative.title == "Free Wi-Fi, everywhere"


def test_a_declined_change_leaves_the_published_version_and_its_new_pictures_go(
    official, city, staff
):
    initiative = published_by(
        official, city, staff, images=[ImageData(upload=png(), alt="Published")]
    )
    published_picture = initiative.images.get()
    images_before = get_image_model().objects.count()
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(
            title="Renamed",
            images=[
                ImageData(image_id=published_picture.pk, remove=True),
                ImageData(upload=png(), alt="New"),
            ],
        ),
    )
    assert get_image_model().objects.count() == images_before + 1
    with pytest.raises(ValidationError, match="Give the reason"):
        services.initiative_change_decline(
            by=staff, initiative_id=initiative.pk, reason=""
        )
    services.initiative_change_decline(
        by=staff, initiative_id=initiative.pk, reason="Keep the old title."
    )
    initiative.refresh_from_db()
    assert initiative.title == "Free Wi-Fi in public housing"
    assert initiative.images.get() == published_picture
    assert get_image_model().objects.count() == images_before
    assert not InitiativeChange.objects.exists()
    notify_all()
    assert "was declined" in mail.outbox[-1].subject
    assert "Keep the old title." in mail.outbox[-1].body


def test_a_removed_picture_stays_published_until_the_change_is(official, city, staff):
    initiative = published_by(
        official, city, staff, images=[ImageData(upload=png(), alt="Old")]
    )
    picture = initiative.images.get()
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(images=[ImageData(image_id=picture.pk, remove=True)]),
    )
    assert initiative.images.get() == picture
    image_id = picture.image_id
    services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    assert not initiative.images.exists()
    assert not get_image_model().objects.filter(pk=image_id).exists()


def test_sending_the_published_version_unchanged_holds_nothing(official, city, staff):
    initiative = published_by(official, city, staff)
    services.initiative_update(
        user=official, initiative_id=initiative.pk, data=initiative_data()
    )
    assert not InitiativeChange.objects.exists()
    assert not initiative.events.filter(kind=EventKind.CHANGE_SENT).exists()


def test_an_official_takes_a_change_back(official, city, staff):
    initiative = published_by(official, city, staff)
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(
            title="Mistake", images=[ImageData(upload=png(), alt="A")]
        ),
    )
    images_before = get_image_model().objects.count()
    services.initiative_change_withdraw(
        user=official_of(city), initiative_id=initiative.pk
    )
    assert not InitiativeChange.objects.exists()
    assert get_image_model().objects.count() == images_before - 1
    assert initiative.events.last().kind == EventKind.CHANGE_WITHDRAWN
    with pytest.raises(ValidationError, match="No change to this initiative waits"):
        services.initiative_change_withdraw(user=official, initiative_id=initiative.pk)


def test_unpublishing_keeps_the_officials_latest_change(official, city, staff):
    initiative = published_by(official, city, staff)
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(title="Their latest"),
    )
    services.initiative_unpublish(
        by=staff, initiative_id=initiative.pk, message="Please rework it."
    )
    initiative.refresh_from_db()
    assert (initiative.state, initiative.title) == ("changes", "Their latest")
    assert not InitiativeChange.objects.exists()


# A former member (review #5) ---------------------------------------------------


def test_a_former_member_s_initiatives_stay_and_only_the_secretariat_takes_them_away(
    official, city, staff
):
    shown = published_by(official, city, staff)
    services.initiative_update(
        user=official, initiative_id=shown.pk, data=initiative_data(title="Changed")
    )
    sent = create(official, city, title="Sent before leaving")
    services.initiative_submit(user=official, initiative_id=sent.pk)
    draft = create(official, city, title="A draft")
    leave(city)
    for attempt in (
        lambda: services.initiative_update(
            user=official, initiative_id=shown.pk, data=initiative_data()
        ),
        lambda: services.initiative_change_withdraw(
            user=official, initiative_id=shown.pk
        ),
        lambda: services.initiative_withdraw(user=official, initiative_id=sent.pk),
        lambda: services.initiative_submit(user=official, initiative_id=draft.pk),
        lambda: services.initiative_delete(user=official, initiative_id=draft.pk),
    ):
        with pytest.raises(PermissionDenied, match="not a member"):
            attempt()
    # Nothing new reaches the site, and nothing more is asked of the city.
    for attempt in (
        lambda: services.initiative_publish(by=staff, initiative_id=sent.pk),
        lambda: services.initiative_request_changes(
            by=staff, initiative_id=sent.pk, message="More, please."
        ),
        lambda: services.initiative_change_publish(by=staff, initiative_id=shown.pk),
        lambda: services.initiative_change_return(
            by=staff, initiative_id=shown.pk, message="More, please."
        ),
    ):
        with pytest.raises(ValidationError, match="no longer a member"):
            attempt()
    # What can be taken away still can.
    services.initiative_decline(by=staff, initiative_id=sent.pk, reason="It left.")
    services.initiative_change_decline(
        by=staff, initiative_id=shown.pk, reason="It left."
    )
    mail.outbox.clear()
    services.initiative_unpublish(by=staff, initiative_id=shown.pk, message="It left.")
    shown.refresh_from_db()
    assert (shown.state, shown.title) == ("changes", "Free Wi-Fi in public housing")
    notify_all()
    [email] = [m for m in mail.outbox if "off the site" in m.subject]
    assert email.to == [official.email]
    assert "asks for changes" not in email.body and "It left." in email.body


# Retention (review #15) ----------------------------------------------------------


def age(initiative: Initiative, days: int) -> None:
    """Make ``initiative`` untouched for ``days``: saved and moved that long ago."""
    then = timezone.now() - timezone.timedelta(days=days)
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=then)
    initiative.events.update(at=then)


def test_a_declined_initiative_is_deleted_a_year_after_the_decision(
    official, city, staff
):
    old = create(official, city, images=[ImageData(upload=png(), alt="A picture")])
    services.initiative_submit(user=official, initiative_id=old.pk)
    services.initiative_decline(by=staff, initiative_id=old.pk, reason="No.")
    image_id = old.images.get().image_id
    recent = create(official, city)
    services.initiative_submit(user=official, initiative_id=recent.pk)
    services.initiative_decline(by=staff, initiative_id=recent.pk, reason="No.")
    age(old, 366)
    age(recent, 300)
    published = published_by(official, city, staff)
    age(published, 3000)
    assert services.initiatives_retention_apply()["deleted"] == 1
    assert not Initiative.objects.filter(pk=old.pk).exists()
    assert not get_image_model().objects.filter(pk=image_id).exists()
    assert not InitiativeEvent.objects.filter(initiative_id=old.pk).exists()
    assert Initiative.objects.filter(pk__in=[recent.pk, published.pk]).count() == 2


def test_an_untouched_draft_is_deleted_only_after_a_warning_30_days_before(
    official, city, staff
):
    spanish = official_of(city, language="es")
    draft = create(official, city, title="Forgotten")
    sent_back = create(official, city, title="Sent back and forgotten")
    services.initiative_submit(user=official, initiative_id=sent_back.pk)
    services.initiative_request_changes(
        by=staff, initiative_id=sent_back.pk, message="More."
    )
    fresh = create(official, city, title="Fresh")
    for initiative in (draft, sent_back):
        age(initiative, 2 * 365 + 10)  # already past: still warned first
    age(fresh, 600)
    mail.outbox.clear()
    now = timezone.now()
    assert services.initiatives_retention_apply(now=now) == {
        "deleted": 0,
        "warned": 2,
    }
    warnings = {m.to[0]: m for m in mail.outbox if "Forgotten" in m.subject}
    assert set(warnings) == {official.email, spanish.email}
    assert "will be deleted on" in warnings[official.email].subject
    assert f"/en/officials/initiatives/{draft.pk}/" in warnings[official.email].body
    assert f"/es/officials/initiatives/{draft.pk}/" in warnings[spanish.email].body
    # Run again (a retry, the next day): nobody is warned twice.
    sent = len(mail.outbox)
    later = now + timezone.timedelta(days=1)
    assert services.initiatives_retention_apply(now=later)["warned"] == 0
    assert len(mail.outbox) == sent
    nearly = now + timezone.timedelta(days=29)
    assert services.initiatives_retention_apply(now=nearly)["deleted"] == 0
    # Saved after the warning: kept, and warned again when due again.
    services.initiative_update(
        user=official,
        initiative_id=sent_back.pk,
        data=initiative_data(title="Sent back, still wanted"),
    )
    month_on = now + timezone.timedelta(days=31)
    assert services.initiatives_retention_apply(now=month_on)["deleted"] == 1
    assert not Initiative.objects.filter(pk=draft.pk).exists()
    assert Initiative.objects.filter(pk__in=[sent_back.pk, fresh.pk]).count() == 2


def test_the_retention_is_scheduled():
    from digitalrights.core.scheduler import JOBS
    from digitalrights.initiatives import tasks

    assert tasks.apply_initiative_retention in [job.task for job in JOBS]


# One digest an hour for the secretariat (review #18) -----------------------------


def run_enqueued() -> int:
    """Run the initiatives' tasks waiting for the worker, as it would."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    for result in DBTaskResult.objects.ready().filter(
        task_path__startswith="digitalrights.initiatives."
    ):
        arguments = result.args_kwargs
        result.task.call(*arguments["args"], **arguments["kwargs"])
        result.set_successful(None)
        ran += 1
    return ran


def save_change(official, initiative, summary: str) -> None:
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(summary=summary),
    )


def to_secretariat() -> list:
    return [m for m in mail.outbox if m.to == [SECRETARIAT]]


def test_the_secretariat_gets_at_most_one_digest_per_initiative_an_hour(
    official, city, staff, secretariat_address, django_capture_on_commit_callbacks
):
    initiative = published_by(official, city, staff)
    other = published_by(official, city, staff)
    for n in range(3):  # the worker runs each task as soon as it is enqueued
        with django_capture_on_commit_callbacks(execute=True):
            save_change(official, initiative, f"Version {n}.")
        assert run_enqueued() == 1
    [first] = to_secretariat()
    assert "Change to moderate" in first.subject
    assert "An official of" in first.body
    assert f"/admin/initiatives/{initiative.pk}/" in first.body

    # Saved twice more within the hour: told once, when the hour is over.
    sent_at = initiative.events.filter(kind=EventKind.CHANGE_SENT).first().notified_at
    assert services.initiative_digests_send(now=sent_at) == 0
    later = sent_at + timezone.timedelta(minutes=59)
    assert services.initiative_digests_send(now=later) == 0
    assert len(to_secretariat()) == 1
    hour_on = sent_at + timezone.timedelta(minutes=61)
    assert services.initiative_digests_send(now=hour_on) == 1
    [_first, digest] = to_secretariat()
    assert "2 times since the last email" in digest.body
    # A retry, or the next run, sends nothing twice.
    assert services.initiative_digests_send(now=hour_on) == 0
    assert services.initiative_notifications_resend(now=hour_on) == 0
    assert (
        services.initiative_digest_send(
            initiative_id=initiative.pk, now=hour_on + timezone.timedelta(hours=5)
        )
        == 0
    )
    assert len(to_secretariat()) == 2
    # Each initiative has its own hour.
    save_change(official, other, "Another one.")
    assert services.initiative_digests_send(now=later) == 1
    assert len(to_secretariat()) == 3


def test_the_digests_are_scheduled():
    from digitalrights.core.scheduler import JOBS
    from digitalrights.initiatives import tasks

    assert tasks.send_initiative_digests in [job.task for job in JOBS]


def test_a_failed_digest_is_sent_later_and_never_twice(
    official, city, staff, secretariat_address, monkeypatch
):
    initiative = published_by(official, city, staff)
    save_change(official, initiative, "Version 1.")

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(OSError):
        services.initiative_digest_send(initiative_id=initiative.pk)
    monkeypatch.undo()
    assert initiative.events.filter(notified_at__isnull=True).count() == 1
    later = timezone.now() + timezone.timedelta(minutes=10)
    assert services.initiative_digests_send(now=later) == 1
    assert services.initiative_digests_send(now=later) == 0
    assert len(to_secretariat()) == 1


def test_no_digest_for_a_change_decided_or_taken_back_meanwhile(
    official, city, staff, secretariat_address
):
    initiative = published_by(official, city, staff)
    save_change(official, initiative, "Version 1.")
    services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    save_change(official, initiative, "Version 2.")
    services.initiative_change_withdraw(user=official, initiative_id=initiative.pk)
    assert services.initiative_digests_send() == 0
    assert not to_secretariat()
    assert not initiative.events.filter(
        kind=EventKind.CHANGE_SENT, notified_at__isnull=True
    ).exists()


# Hostile input on changes (review #4) --------------------------------------------


def test_a_change_is_decided_once_a_second_try_changes_nothing(
    official, city, staff, secretariat_address
):
    initiative = published_by(official, city, staff)
    services.initiative_update(
        user=official, initiative_id=initiative.pk, data=initiative_data(title="New")
    )
    services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    for decide in (
        lambda: services.initiative_change_publish(
            by=staff, initiative_id=initiative.pk
        ),
        lambda: services.initiative_change_return(
            by=staff, initiative_id=initiative.pk, message="Again?"
        ),
        lambda: services.initiative_change_decline(
            by=staff, initiative_id=initiative.pk, reason="Again?"
        ),
    ):
        with pytest.raises(ValidationError, match="No change to this initiative"):
            decide()
    mail.outbox.clear()
    notify_all()
    assert len([m for m in mail.outbox if m.to == [official.email]]) == 1
    assert initiative.events.filter(kind=EventKind.CHANGE_PUBLISHED).count() == 1


def test_only_the_secretariat_decides_on_a_change(
    official, city, staff, django_user_model
):
    initiative = published_by(official, city, staff)
    services.initiative_update(
        user=official, initiative_id=initiative.pk, data=initiative_data(title="New")
    )
    clerk = django_user_model.objects.create_user(
        username="clerk", email="clerk@coalition.example.org", is_staff=True
    )
    for person in (official, clerk, AnonymousUser()):
        for decide in (
            services.initiative_change_publish,
            services.initiative_change_return,
        ):
            with pytest.raises(PermissionDenied, match="Only the secretariat"):
                decide(by=person, initiative_id=initiative.pk, message="Mine.")
        with pytest.raises(PermissionDenied, match="Only the secretariat"):
            services.initiative_change_decline(
                by=person, initiative_id=initiative.pk, reason="Mine."
            )
    initiative.refresh_from_db()
    assert initiative.title == "Free Wi-Fi in public housing"
    assert InitiativeChange.objects.get(initiative=initiative).state == "waiting"


def test_officials_of_another_city_cannot_touch_a_change(official, city, staff):
    initiative = published_by(
        official, city, staff, images=[ImageData(upload=png(), alt="Ours")]
    )
    services.initiative_update(
        user=official, initiative_id=initiative.pk, data=initiative_data(title="Ours")
    )
    change = InitiativeChange.objects.get(initiative=initiative)
    stranger = official_of()
    with pytest.raises(PermissionDenied, match="not one of your cities'"):
        services.initiative_update(
            user=stranger,
            initiative_id=initiative.pk,
            data=initiative_data(title="Theirs"),
        )
    with pytest.raises(PermissionDenied, match="not one of your cities'"):
        services.initiative_change_withdraw(user=stranger, initiative_id=initiative.pk)
    # Nor through a picture of this change named in their own initiative's.
    other_city = member_city()
    theirs = published_by(official_of(other_city), other_city, staff)
    for crafted in (
        ImageData(image_id=change.images.get().pk, alt="Mine now"),
        ImageData(image_id=change.images.get().pk, remove=True),
    ):
        with pytest.raises(ValidationError, match="not one of this initiative's"):
            services.initiative_update(
                user=theirs.created_by,
                initiative_id=theirs.pk,
                data=initiative_data(images=[crafted]),
            )
    change.refresh_from_db()
    assert change.content["title"] == "Ours"
    assert change.images.get().alt == "Ours"


def test_unpublishing_sends_it_back_for_changes_with_a_message(official, city, staff):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_unpublish(
            by=staff, initiative_id=initiative.pk, message="Too early."
        )
    services.initiative_publish(by=staff, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="Say why"):
        services.initiative_unpublish(by=staff, initiative_id=initiative.pk, message="")
    services.initiative_unpublish(
        by=staff, initiative_id=initiative.pk, message="A link is broken."
    )
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.CHANGES_REQUESTED
    notify_all()
    assert "taken off the site" in mail.outbox[-1].subject


@pytest.mark.parametrize("state", ["draft", "changes", "published", "declined"])
def test_only_a_submitted_initiative_can_be_published(staff, state):
    initiative = InitiativeFactory(state=state)
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_publish(by=staff, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_request_changes(
            by=staff, initiative_id=initiative.pk, message="Change it."
        )
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_decline(
            by=staff, initiative_id=initiative.pk, reason="Not about rights."
        )
    initiative.refresh_from_db()
    assert initiative.state == state


@pytest.mark.parametrize("state", ["submitted", "published", "declined"])
def test_only_a_draft_or_one_sent_back_can_be_submitted(state):
    initiative = InitiativeFactory(state=state)
    official = official_of(initiative.city)
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_submit(user=official, initiative_id=initiative.pk)


def test_a_submitted_initiative_is_frozen_until_taken_back(official, city):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    with pytest.raises(ValidationError, match="take it back as a draft"):
        services.initiative_update(
            user=official, initiative_id=initiative.pk, data=initiative_data()
        )
    with pytest.raises(ValidationError, match="Only a draft"):
        services.initiative_delete(user=official, initiative_id=initiative.pk)
    services.initiative_withdraw(user=official, initiative_id=initiative.pk)
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.DRAFT
    with pytest.raises(ValidationError, match="cannot be done"):
        services.initiative_withdraw(user=official, initiative_id=initiative.pk)
    services.initiative_delete(user=official, initiative_id=initiative.pk)
    assert not Initiative.objects.filter(pk=initiative.pk).exists()


def test_officials_cannot_moderate_and_staff_need_the_permission(
    official, city, django_user_model
):
    initiative = create(official, city)
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    clerk = django_user_model.objects.create_user(
        username="clerk", email="clerk@coalition.example.org", is_staff=True
    )
    for person in (official, clerk, AnonymousUser()):
        with pytest.raises(PermissionDenied, match="Only the secretariat"):
            services.initiative_publish(by=person, initiative_id=initiative.pk)
    initiative.refresh_from_db()
    assert initiative.state == ModerationState.SUBMITTED


def test_two_officials_editing_at_once_cannot_overwrite_each_other(official, city):
    initiative = create(official, city)
    opened = services.initiative_version(initiative)
    services.initiative_update(
        user=official_of(city),
        initiative_id=initiative.pk,
        data=initiative_data(title="Theirs"),
        expected_version=opened,
    )
    with pytest.raises(services.InitiativeChanged):
        services.initiative_update(
            user=official,
            initiative_id=initiative.pk,
            data=initiative_data(title="Mine"),
            expected_version=opened,
        )
    initiative.refresh_from_db()
    assert initiative.title == "Theirs"


# Hostile input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://city.example.org/file",
        "//city.example.org",
        "https://",
    ],
)
def test_links_must_be_web_addresses(official, city, url):
    with pytest.raises(ValidationError, match="http:// or https://"):
        create(official, city, links=[LinkData(url=url, label="Click")])
    with pytest.raises(ValidationError, match="http:// or https://"):
        create(official, city, code_url=url)
    assert not Initiative.objects.filter(city=city).exists()


def test_at_most_ten_links(official, city):
    links = [LinkData(url=f"https://city.example.org/{n}") for n in range(11)]
    with pytest.raises(ValidationError, match="at most 10 links"):
        create(official, city, links=links)
    assert create(official, city, links=links[:10]).links.count() == 10


def test_huge_text_is_refused(official, city):
    with pytest.raises(ValidationError):
        create(official, city, body="x" * 20_001)
    with pytest.raises(ValidationError):
        create(official, city, title="x" * 201)
    with pytest.raises(ValidationError):
        create(official, city, summary="x" * 601)
    assert not Initiative.objects.filter(city=city).exists()


def test_principles_and_topics_must_come_from_the_vocabulary(official, city):
    with pytest.raises(ValidationError, match="Choose the principles"):
        create(official, city, principles=[])
    with pytest.raises(ValidationError, match="Choose the principles"):
        create(official, city, principles=[9])
    with pytest.raises(ValidationError, match="Choose topics"):
        create(official, city, topics=[999_999])


def test_an_end_before_the_start_is_refused(official, city):
    import datetime

    with pytest.raises(ValidationError, match="cannot end before"):
        create(
            official,
            city,
            started_on=datetime.date(2024, 5, 1),
            ended_on=datetime.date(2024, 4, 1),
        )


def test_a_licence_must_be_an_spdx_identifier(official, city):
    with pytest.raises(ValidationError, match="SPDX"):
        create(
            official,
            city,
            code_url="https://git.city.example.org/wifi",
            licence="<b>free</b>",
        )


def test_a_picture_is_stored_as_a_wagtail_image_with_its_renditions(official, city):
    images_before = get_image_model().objects.count()
    initiative = create(
        official,
        city,
        images=[ImageData(upload=png(), alt="Residents at a hotspot", caption="2024")],
    )
    [picture] = initiative.images.select_related("image")
    assert picture.alt == "Residents at a hotspot"
    assert picture.image.renditions.count() == 2
    assert get_image_model().objects.count() == images_before + 1
    services.initiative_delete(user=official, initiative_id=initiative.pk)
    assert get_image_model().objects.count() == images_before


def test_a_picture_needs_a_text_alternative(official, city):
    with pytest.raises(ValidationError, match="Say what each picture shows"):
        create(official, city, images=[ImageData(upload=png(), alt="  ")])
    assert not Initiative.objects.filter(city=city).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (png("a.gif", image_format="GIF"), "PNG, JPEG or WebP"),
        (png("a.png", image_format="BMP"), "PNG, JPEG or WebP"),
        (
            SimpleUploadedFile("a.png", b"<svg onload=alert(1)></svg>"),
            "PNG, JPEG or WebP",
        ),
        (bomb(), "at most 6000 pixels"),
        (png("wide.png", size=(6001, 1)), "at most 6000 pixels"),
    ],
)
def test_pictures_are_checked_by_their_content(official, city, upload, message):
    images_before = get_image_model().objects.count()
    with pytest.raises(ValidationError, match=message):
        create(official, city, images=[ImageData(upload=upload, alt="A picture")])
    assert get_image_model().objects.count() == images_before


def test_at_most_six_pictures(official, city):
    images = [ImageData(upload=png(), alt=f"Picture {n}") for n in range(7)]
    with pytest.raises(ValidationError, match="at most 6 pictures"):
        create(official, city, images=images)


def test_a_picture_of_another_initiative_cannot_be_changed_or_removed(official, city):
    other_city = member_city()
    other_official = official_of(other_city)
    other = create(
        other_official,
        other_city,
        images=[ImageData(upload=png(), alt="Their picture")],
    )
    their_picture = other.images.get()
    mine = create(official, city)
    for crafted in (
        ImageData(image_id=their_picture.pk, alt="Mine now"),
        ImageData(image_id=their_picture.pk, remove=True),
        ImageData(image_id=999_999, alt="Nothing"),
    ):
        with pytest.raises(ValidationError, match="not one of this initiative's"):
            services.initiative_update(
                user=official,
                initiative_id=mine.pk,
                data=initiative_data(images=[crafted]),
            )
    their_picture.refresh_from_db()
    assert their_picture.alt == "Their picture"


def test_a_picture_loses_its_metadata_and_gets_an_address_nobody_guesses(
    official, city
):
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {2: (52.0, 22.0, 1.0)}  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(
        buffer, format="JPEG", exif=exif.tobytes()
    )
    upload = SimpleUploadedFile("home-address.jpg", buffer.getvalue())
    initiative = create(official, city, images=[ImageData(upload=upload, alt="Red")])
    stored = initiative.images.get().image
    assert "home-address" not in stored.file.name
    assert re.fullmatch(
        r"initiative-[0-9a-f]{16}\.jpg", stored.file.name.rsplit("/", 1)[-1]
    )
    with stored.file.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


# Picture loose ends (review #16) --------------------------------------------------


def test_a_new_text_alternative_renames_the_wagtail_image(official, city, staff):
    initiative = create(official, city, images=[ImageData(upload=png(), alt="Old")])
    picture = initiative.images.get()
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(images=[ImageData(image_id=picture.pk, alt="New")]),
    )
    picture.image.refresh_from_db()
    assert (picture.image.title, picture.image.description) == ("New", "New")
    # Published: renamed once the change is.
    services.initiative_submit(user=official, initiative_id=initiative.pk)
    services.initiative_publish(by=staff, initiative_id=initiative.pk)
    change_picture_id = None
    services.initiative_update(
        user=official,
        initiative_id=initiative.pk,
        data=initiative_data(images=[ImageData(image_id=picture.pk, alt="Newer")]),
    )
    change_picture_id = InitiativeChange.objects.get().images.get().pk
    assert change_picture_id
    picture.image.refresh_from_db()
    assert picture.image.title == "New"
    services.initiative_change_publish(by=staff, initiative_id=initiative.pk)
    picture.image.refresh_from_db()
    assert (picture.image.title, picture.image.description) == ("Newer", "Newer")


def stored_files() -> set[str]:
    """Return every file of Wagtail images and renditions in the storage."""
    from django.core.files.storage import default_storage

    found = set()
    for folder in ("original_images", "images"):
        if default_storage.exists(folder):
            found |= {f"{folder}/{name}" for name in default_storage.listdir(folder)[1]}
    return found


def test_picture_files_go_when_the_save_rolls_back(official, city, staff):
    before = stored_files()
    with pytest.raises(ValidationError, match="at most 6000 pixels"):
        create(
            official,
            city,
            images=[
                ImageData(upload=png(), alt="Written first"),
                ImageData(upload=bomb(), alt="Refused second"),
            ],
        )
    assert stored_files() == before
    initiative = published_by(official, city, staff)
    with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
        services.initiative_update(
            user=official,
            initiative_id=initiative.pk,
            data=initiative_data(
                images=[
                    ImageData(upload=png(), alt="Written first"),
                    ImageData(upload=png(image_format="GIF"), alt="Refused"),
                ]
            ),
        )
    assert stored_files() == before


def test_a_colour_profile_is_kept_when_the_picture_is_drawn_again(official, city):
    import io

    from PIL import Image, ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    uploads = []
    for image_format, mode in (("JPEG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB")):
        buffer = io.BytesIO()
        Image.new(mode, (40, 30), (200, 10, 10)).save(
            buffer, format=image_format, icc_profile=profile
        )
        uploads.append(
            ImageData(
                upload=SimpleUploadedFile(f"a.{image_format}", buffer.getvalue()),
                alt=image_format,
            )
        )
    initiative = create(official, city, images=uploads)
    for picture in initiative.images.select_related("image"):
        stored = picture.image
        with stored.file.open("rb") as handle, Image.open(handle) as image:
            assert image.info.get("icc_profile") == profile, picture.alt
        rendition = stored.get_rendition("max-240x180|format-webp|webpquality-75")
        with rendition.file.open("rb") as handle, Image.open(handle) as image:
            assert image.info.get("icc_profile"), picture.alt


def test_the_demo_loads_once_and_demo_remove_takes_only_its_initiatives(official, city):
    from digitalrights.demo.initiatives import INITIATIVES, initiatives_load
    from digitalrights.demo.services import demo_remove

    demo_titles = [data.title for *_rest, data in INITIATIVES]
    assert Initiative.objects.filter(title__in=demo_titles).count() == len(demo_titles)
    assert initiatives_load(mark=lambda obj: None) == 0
    assert all(
        i.principles.exists() and i.topics.exists() and i.is_published
        for i in Initiative.objects.filter(title__in=demo_titles)
    )
    mine = create(official, city)
    demo_remove()
    assert not Initiative.objects.filter(title__in=demo_titles).exists()
    assert Initiative.objects.filter(pk=mine.pk).exists()
