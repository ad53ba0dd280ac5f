"""The membership application, from a draft to a member city."""

import csv
import io
import re
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from digitalrights.cities.models import Member, MemberStatus
from digitalrights.cities.tests.factories import MemberFactory
from digitalrights.content.models import NewsPage
from digitalrights.membership import services
from digitalrights.membership.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    MembershipSettings,
)
from digitalrights.membership.selectors import checklist_live

from .factories import RepresentationFactory, UserFactory, give_second_factor, sign_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


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


@pytest.fixture
def actions():
    checklist = checklist_live()
    assert checklist is not None, "the demo ships a checklist"
    return checklist.action_list()


def complete(actions, **changes):
    data = {
        "commitment": "The council voted on 3 March to uphold the declaration.",
        "signatory_name": "Ada Lovelace",
        "signatory_role": "Mayor",
        "contacts": "Digital office, digital@city.example.org",
    }
    for action in actions:
        data[f"status_{action.key}"] = "in_place"
        data[f"note_{action.key}"] = f"Note on {action.title}"
        data[f"links_{action.key}"] = "https://city.example.org/policy"
    data.update(changes)
    return data


def start(client, representation):
    response = client.post(
        reverse("membership:application_start", args=[representation.city.geonameid])
    )
    assert response.status_code == 302
    return Application.objects.get(city=representation.city)


def test_the_demo_checklist_has_three_actions_per_principle(actions):
    per_principle = {}
    for action in actions:
        per_principle[action.principle] = per_principle.get(action.principle, 0) + 1
    assert sorted(per_principle) == [1, 2, 3, 4, 5]
    assert min(per_principle.values()) >= 3


def test_the_checklist_is_a_public_page(client):
    html = client.get("/en/checklist/").content.decode()
    assert "A public register of the algorithms the city uses" in html
    assert "Privacy, data protection and security" in html


def test_from_draft_to_member_city(
    client, official, representation, staff, actions, django_capture_on_commit_callbacks
):
    settings_row = MembershipSettings.load()
    settings_row.notify_secretariat = "secretariat@coalition.example.org"
    settings_row.save()
    sign_in(client, official)
    application = start(client, representation)
    url = reverse("membership:application", args=[application.pk])
    page = client.get(url).content.decode()
    for action in actions:
        assert escape(action.title) in page

    # A partial draft saves; submitting it says what is missing.
    first = actions[0]
    client.post(url, {f"status_{first.key}": "planned", "save": "1"})
    assert application.answers.get(action_key=first.key).status == "planned"
    refused = client.post(url, {f"status_{first.key}": "planned", "submit": "1"})
    assert refused.status_code == 400
    assert "Upload the signed declaration." in refused.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT

    # Complete, with documents checked by their content.
    data = complete(actions)
    data["declaration"] = upload("signed.pdf", PDF)
    data[f"file_{first.key}"] = upload("policy.docx", docx_bytes())
    data["submit"] = "1"
    submitted = client.post(url, data)
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.documents.count() == 2
    # Frozen: a change is refused and nothing moves.
    client.post(url, complete(actions, commitment="Changed", save="1"))
    application.refresh_from_db()
    assert application.commitment.startswith("The council voted")

    # The secretariat reviews, asks, and the city answers.
    client.force_login(staff)
    queue = client.get(reverse("membership_applications")).content.decode()
    assert representation.city.name in queue
    review_url = reverse("membership_application_review", args=[application.pk])
    client.post(review_url, {"decision": "ask", "message": "Who audits the register?"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    question = application.events.get(kind="question")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.application_event_notify(event_id=question.pk) == 1
        assert services.application_event_notify(event_id=question.pk) == 0
    assert mail.outbox[-1].to == [official.email]
    assert "Who audits the register?" in mail.outbox[-1].body

    sign_in(client, official)
    client.post(
        reverse("membership:application_action", args=[application.pk, "reply"]),
        {"message": "The city's internal audit office."},
    )
    answer = application.events.get(kind="answer")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_event_notify(event_id=answer.pk)
    assert mail.outbox[-1].to == ["secretariat@coalition.example.org"]

    client.force_login(staff)
    client.post(review_url, {"decision": "approve", "joined_on": "2026-11-30"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    member = Member.objects.get(city=representation.city)
    assert member.status == MemberStatus.ACTIVE
    assert str(member.joined_on) == "2026-11-30"
    assert member.signatory == "Ada Lovelace, Mayor"
    news = NewsPage.objects.get(title__contains=representation.city.name)
    assert not news.live, "the news item is a draft for the secretariat"
    # The timeline shows both sides, with who and when.
    kinds = list(application.events.values_list("kind", "to_status", "by_secretariat"))
    assert ("transition", "submitted", False) in kinds
    assert ("transition", "in_review", True) in kinds
    assert ("transition", "approved", True) in kinds
    sign_in(client, official)
    page = client.get(url).content.decode()
    assert "Who audits the register?" in page
    assert "The city&#x27;s internal audit office." in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script>", "must be a PDF"),
        ("image.docx", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "must be a PDF"),
        ("empty.odt", b"", "The submitted file is empty"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "must be a PDF"),
    ],
)
def test_a_document_of_the_wrong_type_is_refused_and_nothing_is_saved(
    client, official, representation, actions, name, content, message
):
    sign_in(client, official)
    application = start(client, representation)
    response = client.post(
        reverse("membership:application", args=[application.pk]),
        complete(actions, declaration=upload(name, content), save="1"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "The council voted on 3 March" in html, "what was typed is kept"
    application.refresh_from_db()
    assert application.commitment == ""
    assert not ApplicationDocument.objects.exists()


def test_a_zip_that_is_neither_odt_nor_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/zip")
    from digitalrights.membership.documents import document_check

    with pytest.raises(ValidationError, match="must be a PDF"):
        document_check(upload("a.odt", buffer.getvalue()))
    assert document_check(upload("a.odt", odt_bytes()))[1] == "odt"
    assert document_check(upload("a.bin", docx_bytes()))[1] == "docx"
    assert document_check(upload("a.txt", PDF))[1] == "pdf"


def test_a_document_over_the_size_limit_is_refused(settings):
    from digitalrights.membership.documents import document_check

    settings.APPLICATION_DOCUMENT_MAX_MB = 1
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        document_check(upload("big.pdf", PDF + b"0" * 1024 * 1024))


def test_documents_are_served_only_to_those_allowed_until_approval(
    client, official, representation, staff, actions
):
    sign_in(client, official)
    application = start(client, representation)
    client.post(
        reverse("membership:application", args=[application.pk]),
        complete(actions, declaration=upload("signed.pdf", PDF), save="1"),
    )
    document = application.documents.get()
    url = reverse("membership:document", args=[document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    other = UserFactory()
    give_second_factor(other)
    RepresentationFactory(user=other)
    sign_in(client, other)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.APPROVED
    )
    client.logout()
    assert client.get(url).status_code == 200


def test_a_new_version_replaces_a_submitted_application(
    client, official, representation, actions
):
    sign_in(client, official)
    application = start(client, representation)
    url = reverse("membership:application", args=[application.pk])
    client.post(url, complete(actions, declaration=upload("s.pdf", PDF), submit="1"))
    response = client.post(
        reverse("membership:application_action", args=[application.pk, "new-version"])
    )
    new = Application.objects.get(city=representation.city, version=2)
    assert response["Location"] == reverse("membership:application", args=[new.pk])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert new.status == ApplicationStatus.DRAFT
    assert new.replaces == application
    assert new.answers.count() == len(actions)
    assert new.documents.count() == 1
    # Removing the copy's document keeps the file the old version refers to.
    document = new.documents.get()
    client.post(
        reverse("membership:application", args=[new.pk]),
        complete(actions, remove_documents=[str(document.pk)], save="1"),
    )
    assert not new.documents.exists()
    kept = application.documents.get()
    assert kept.file.storage.exists(kept.file.name)


def test_actions_not_allowed_in_the_current_state_are_refused(
    client, official, representation, staff, actions
):
    sign_in(client, official)
    application = start(client, representation)
    # Answering is for an application in review.
    with pytest.raises(
        ValidationError, match="only while the application is in review"
    ):
        services.application_reply(
            user=official, application_id=application.pk, message="Hello"
        )
    with pytest.raises(ValidationError, match="draft now"):
        services.application_approve(by=staff, application_id=application.pk)
    with pytest.raises(ValidationError, match="Only a submitted application"):
        services.application_new_version(user=official, application_id=application.pk)
    client.post(
        reverse("membership:application", args=[application.pk]),
        complete(actions, declaration=upload("s.pdf", PDF), submit="1"),
    )
    with pytest.raises(ValidationError, match="submitted now"):
        services.application_approve(by=staff, application_id=application.pk)
    with pytest.raises(ValidationError, match="reasons"):
        services.application_decline(
            by=staff, application_id=application.pk, reason=" "
        )
    services.application_decline(
        by=staff, application_id=application.pk, reason="No council decision yet."
    )
    with pytest.raises(ValidationError, match="declined now"):
        services.application_withdraw(user=official, application_id=application.pk)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    # A declined city may start again, as version 2.
    again = services.application_start(
        user=official, geonameid=representation.city.geonameid
    )
    assert (again.version, again.status) == (2, ApplicationStatus.DRAFT)


def test_no_one_acts_on_another_citys_application(
    client, official, representation, actions
):
    intruder = UserFactory()
    give_second_factor(intruder)
    RepresentationFactory(user=intruder)
    sign_in(client, official)
    application = start(client, representation)
    sign_in(client, intruder)
    url = reverse("membership:application", args=[application.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, complete(actions, save="1")).status_code == 403
    for action in ("withdraw", "new-version", "reply"):
        response = client.post(
            reverse("membership:application_action", args=[application.pk, action]),
            {"message": "x", "reason": "x"},
        )
        assert response.status_code == 403
    start_other = client.post(
        reverse("membership:application_start", args=[representation.city.geonameid])
    )
    assert start_other.status_code == 403
    for call in (
        lambda: services.application_submit(
            user=intruder, application_id=application.pk
        ),
        lambda: services.application_withdraw(
            user=intruder, application_id=application.pk
        ),
        lambda: services.application_document_add(
            user=intruder,
            application_id=application.pk,
            upload=upload("a.pdf", PDF),
            kind="declaration",
        ),
        lambda: services.application_review_start(
            by=intruder, application_id=application.pk
        ),
        lambda: services.application_approve(
            by=official, application_id=application.pk
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.commitment == ""
    # Officials never reach the review queue.
    assert client.get(reverse("membership_applications")).status_code in (302, 403)


def test_a_member_city_cannot_apply_and_can_leave(client, official):
    member = MemberFactory()
    RepresentationFactory(user=official, city=member.city)
    sign_in(client, official)
    client.post(reverse("membership:application_start", args=[member.city.geonameid]))
    assert not Application.objects.filter(city=member.city).exists()
    client.post(
        reverse("membership:member_leave", args=[member.city.geonameid]),
        {"reason": "Budget cuts."},
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.FORMER
    assert member.left_on is not None
    page = client.get(member.city.get_absolute_url()).content.decode()
    assert "Former member" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"links_KEY": "javascript:alert(1)"}, "are not web addresses"),
        ({"links_KEY": "ftp://example.org/file"}, "are not web addresses"),
        (
            {"links_KEY": "\n".join(f"https://e.org/{n}" for n in range(11))},
            "at most 10",
        ),
        ({"note_KEY": "x" * 1001}, "at most 1000 characters"),
        ({"status_KEY": "done"}, "Select a valid choice"),
        ({"commitment": "x" * 5001}, "at most 5000 characters"),
    ],
)
def test_hostile_answers_are_refused_kept_and_save_nothing(
    client, official, representation, actions, changes, message
):
    key = actions[0].key
    changes = {k.replace("KEY", key): v for k, v in changes.items()}
    sign_in(client, official)
    application = start(client, representation)
    response = client.post(
        reverse("membership:application", args=[application.pk]),
        complete(actions, save="1", **changes),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not application.answers.exists()


def test_what_was_typed_survives_a_session_timeout(
    client, official, representation, actions
):
    sign_in(client, official)
    application = start(client, representation)
    url = reverse("membership:application", args=[application.pk])
    client.logout()
    typed = complete(actions, commitment="Typed just before the session ended.")
    response = client.post(url, {**typed, "save": "1"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    sign_in(client, official)
    page = client.get(url).content.decode()
    assert "Typed just before the session ended." in page
    assert "not saved yet" in page
    application.refresh_from_db()
    assert application.commitment == ""
    # Shown once: the next visit shows what is saved.
    assert "Typed just before" not in client.get(url).content.decode()


def test_autosave_answers_without_a_page(client, official, representation, actions):
    sign_in(client, official)
    application = start(client, representation)
    response = client.post(
        reverse("membership:application", args=[application.pk]),
        complete(actions, save="1"),
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 204
    application.refresh_from_db()
    assert application.signatory_name == "Ada Lovelace"


def test_the_queue_filters_flags_overdue_and_exports_csv(
    client, staff, official, representation, actions
):
    sign_in(client, official)
    application = start(client, representation)
    client.post(
        reverse("membership:application", args=[application.pk]),
        complete(
            actions,
            signatory_name='=HYPERLINK("http://evil")',
            declaration=upload("s.pdf", PDF),
            submit="1",
        ),
    )
    from django.utils import timezone

    Application.objects.filter(pk=application.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=30)
    )
    client.force_login(staff)
    html = client.get(reverse("membership_applications")).content.decode()
    assert "Overdue" in html
    region = representation.city.region_code
    assert (
        representation.city.name
        in client.get(
            reverse("membership_applications"),
            {"region": region, "older_than_days": 20},
        ).content.decode()
    )
    assert (
        representation.city.name
        not in client.get(
            reverse("membership_applications"), {"older_than_days": 40}
        ).content.decode()
    )
    for bad in ({"older_than_days": "abc"}, {"region": "XX"}, {"status": "<b>"}):
        assert client.get(reverse("membership_applications"), bad).status_code == 200
    export = client.get(reverse("membership_applications"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    [row] = [r for r in rows if r["application_id"] == str(application.pk)]
    assert row["status"] == "submitted"
    assert row["signatory_name"].startswith("'=")
    assert int(row["actions_in_place"]) == len(actions)


def test_timeline_entries_record_who_and_why(official, representation, staff):
    application = services.application_start(
        user=official, geonameid=representation.city.geonameid
    )
    services.application_withdraw(
        user=official, application_id=application.pk, reason="Wrong city."
    )
    event = ApplicationEvent.objects.filter(application=application).last()
    assert (event.actor, event.message, event.from_status, event.to_status) == (
        official,
        "Wrong city.",
        "draft",
        "withdrawn",
    )


def test_a_refused_submission_shows_what_was_just_saved(
    client, official, representation, actions
):
    sign_in(client, official)
    application = start(client, representation)
    response = client.post(
        reverse("membership:application", args=[application.pk]),
        {"commitment": "Our council decided UNIQUE123.", "submit": "1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "UNIQUE123" in html
    assert "Write the city&#x27;s commitment." not in html
    assert "Upload the signed declaration." in html


def test_two_officials_editing_one_draft_do_not_overwrite_each_other(
    client, official, representation, actions
):
    colleague = UserFactory()
    give_second_factor(colleague)
    RepresentationFactory(user=colleague, city=representation.city)
    sign_in(client, official)
    application = start(client, representation)
    url = reverse("membership:application", args=[application.pk])
    opened = services.application_version(application)
    # The colleague saves first.
    from django.test import Client

    other = Client()
    sign_in(other, colleague)
    other.post(url, {"commitment": "The colleague's text.", "saved_version": opened})
    # The official saves what they typed on the page they opened earlier.
    mine = {"commitment": "My text.", "saved_version": opened, "save": "1"}
    response = client.post(url, mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this draft" in html
    assert "My text." in html, "what was typed is kept"
    application.refresh_from_db()
    assert application.commitment == "The colleague's text."
    autosaved = client.post(url, mine, headers={"X-Autosave": "1"})
    assert autosaved.status_code == 409
    # Saving again from the page that said so is a choice: it wins.
    token = re.search(r'name="saved_version" value="([^"]+)"', html).group(1)
    client.post(url, {**mine, "saved_version": token})
    application.refresh_from_db()
    assert application.commitment == "My text."


def test_autosave_returns_the_new_version(client, official, representation):
    sign_in(client, official)
    application = start(client, representation)
    url = reverse("membership:application", args=[application.pk])
    first = client.post(
        url,
        {
            "commitment": "One.",
            "saved_version": services.application_version(application),
        },
        headers={"X-Autosave": "1"},
    )
    assert first.status_code == 204
    second = client.post(
        url,
        {"commitment": "Two.", "saved_version": first["X-Saved-Version"]},
        headers={"X-Autosave": "1"},
    )
    assert second.status_code == 204


def _queries(client, url, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm what a process keeps between requests
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_application_pages_take_a_constant_number_of_queries(
    client, official, representation, staff, actions
):
    """Counted with one answered action and with all of them, with files."""
    sign_in(client, official)
    application = start(client, representation)
    url = reverse("membership:application", args=[application.pk])
    review = reverse("membership_application_review", args=[application.pk])
    queue = reverse("membership_applications")
    counts = []
    for chosen in (actions[:1], actions):
        sign_in(client, official)
        data = complete(chosen, save="1")
        for action in chosen:
            data[f"file_{action.key}"] = upload("e.pdf", PDF)
        client.post(url, data)
        page = {
            "draft": _queries(client, url),
            "dashboard": _queries(client, reverse("membership:dashboard")),
        }
        client.force_login(staff)
        page["review"] = _queries(client, review)
        page["queue"] = _queries(client, queue, status="draft")
        page["csv"] = _queries(client, queue, status="draft", format="csv")
        counts.append(page)
    assert counts[0] == counts[1]
    # The frozen page (answers with their documents) too.
    sign_in(client, official)
    client.post(url, complete(actions, declaration=upload("s.pdf", PDF), submit="1"))
    frozen = _queries(client, url)
    Application.objects.filter(pk=application.pk).update(status="draft")
    application.answers.exclude(action_key=actions[0].key).delete()
    Application.objects.filter(pk=application.pk).update(status="submitted")
    assert _queries(client, url) == frozen


def test_a_failed_email_stays_due_and_is_sent_later(
    official, representation, staff, monkeypatch
):
    import smtplib

    from django.core.mail import EmailMessage
    from django.utils import timezone

    application = services.application_start(
        user=official, geonameid=representation.city.geonameid
    )
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.SUBMITTED
    )
    event = services.application_ask(
        by=staff, application_id=application.pk, message="Who signs?"
    )

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("relay down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.application_event_notify(event_id=event.pk)
    event.refresh_from_db()
    assert event.notified_at is None
    monkeypatch.undo()
    later = timezone.now() + timezone.timedelta(minutes=10)
    assert services.notifications_resend(now=later) >= 1
    event.refresh_from_db()
    assert event.notified_at is not None
    assert any("Who signs?" in m.body for m in mail.outbox)
    assert services.notifications_resend(now=later) == 0


def test_leaving_is_written_on_the_timeline_and_told_to_the_secretariat(
    client, official, django_capture_on_commit_callbacks
):
    settings_row = MembershipSettings.load()
    settings_row.notify_secretariat = "secretariat@coalition.example.org"
    settings_row.save()
    member = MemberFactory()
    application = Application.objects.create(
        city=member.city, status=ApplicationStatus.APPROVED
    )
    RepresentationFactory(user=official, city=member.city)
    services.member_leave(by=official, geonameid=member.city.geonameid)
    event = application.events.get()
    assert event.kind == "left"
    with django_capture_on_commit_callbacks(execute=True):
        services.application_event_notify(event_id=event.pk)
    assert "left the Cities for Digital Rights" in mail.outbox[-1].subject


def test_the_timeline_names_officials_by_role_never_by_address(
    client, official, representation
):
    sign_in(client, official)
    application = start(client, representation)
    services.application_withdraw(
        user=official, application_id=application.pk, reason="Wrong city."
    )
    colleague = UserFactory()
    give_second_factor(colleague)
    RepresentationFactory(user=colleague, city=representation.city, role="Mayor")
    url = reverse("membership:application", args=[application.pk])
    sign_in(client, colleague)
    page = client.get(url).content.decode()
    assert official.email not in page
    assert "an official (Chief Technology Officer)" in page
    sign_in(client, official)
    page = client.get(url).content.decode()
    assert "you:" in page.replace("\n", "").replace("  ", "")
