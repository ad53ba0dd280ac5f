"""Documents as evidence: who may add, remove and download them, which files
are refused, published immutability, the copy in a correction, and the
query counts of the pages that list them."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalrights.core.cache import page_cache_clear
from digitalrights.membership.tests.factories import sign_in
from digitalrights.monitoring import services
from digitalrights.monitoring.models import (
    EVIDENCE_DOCUMENT_MAX_BYTES,
    AssessmentEvent,
    EventKind,
    EvidenceDocument,
)

from .factories import member_city, official_of
from .test_public_views import world
from .test_review_views import *  # noqa: F403 (the same people and cycle)
from .test_review_views import answer_all

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
CSV = b"year;score\n2025;3\n2026;4\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})
ODS = zipped(
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "c.xml": b""}
)


def upload(name: str = "decision.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def add(user, assessment, *, title="Council decision", file=None, principle=1):
    return services.evidence_document_add(
        user=user,
        assessment_id=assessment.pk,
        indicator_id=indicator_of(assessment, principle).pk,  # noqa: F405
        upload=file or upload(),
        title=title,
    )


def download(client, document):
    return client.get(reverse("monitoring:document", args=[document.pk]))


def answer_url(assessment, principle: int = 1) -> str:
    indicator = indicator_of(assessment, principle)  # noqa: F405
    return reverse("monitoring_officials:answer", args=[assessment.pk, indicator.pk])


@pytest.fixture
def draft(official, city, cycle):
    return services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )


@pytest.fixture
def document(official, draft):
    return add(official, draft)


def submitted(official, assessment):
    answer_all(official, assessment)
    return services.assessment_submit(user=official, assessment_id=assessment.pk)


def publish(assessment, reviewer, other_reviewer, staff):
    services.review_accept(user=reviewer, assessment_id=assessment.pk, principle=1)
    services.review_accept(user=staff, assessment_id=assessment.pk, principle=2)
    services.review_accept(
        user=other_reviewer, assessment_id=assessment.pk, principle=3
    )
    return services.assessment_publish(by=staff, assessment_id=assessment.pk)


# What a file is -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.png", PNG, "image/png"),
        ("a.jpg", JPEG, "image/jpeg"),
        ("a.csv", CSV, "text/csv"),
        (
            "a.xlsx",
            XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("a.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        # The name says nothing: the content does.
        ("scan.txt", PDF, "application/pdf"),
    ],
)
def test_allowed_files_are_known_by_their_content(
    official, draft, name, content, content_type
):
    document = add(official, draft, file=upload(name, content))
    assert document.content_type == content_type
    assert document.size == len(content)
    assert document.file.read() == content
    assert document.file.name.startswith(f"monitoring/{draft.city_id}/")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.pdf", EXE, "cannot be used as evidence"),
        ("page.csv", b"<html><script>alert(1)</script></html>", "cannot be used"),
        ("table.csv", b"a,b\n\x00\x01,2\n", "cannot be used"),
        ("table.csv", b"a,b\n\xff\xfe,2\n", "cannot be used"),
        ("archive.docx", zipped({"evil.exe": EXE}), "cannot be used"),
        ("broken.xlsx", b"PK\x03\x04not a zip at all", "cannot be used"),
        ("empty.pdf", b"", "The file is empty"),
        ("big.pdf", PDF + b"0" * EVIDENCE_DOCUMENT_MAX_BYTES, "larger than 10 MB"),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_stored(
    official, draft, name, content, message
):
    with pytest.raises(ValidationError, match=message):
        add(official, draft, file=upload(name, content))
    assert not EvidenceDocument.objects.exists()


def test_a_path_and_control_characters_in_the_name_never_reach_title_or_storage(
    official, draft
):
    hostile = upload("x.pdf")
    hostile.name = "../../etc/pass\x07wd\u202e\r\n.pdf"
    document = add(official, draft, title="", file=hostile)
    assert document.title == "pass wd"
    assert ".." not in document.file.name and "etc" not in document.file.name
    assert document.file.name.endswith(".pdf")
    typed = add(official, draft, title="  Plan\x1b[31m\tfor\u200b 2026 ")
    assert typed.title == "Plan [31m for 2026"
    assert add(official, draft, title=" .. ").title == "Document"


def test_the_database_refuses_a_sixth_document_an_empty_one_and_other_types(
    official, draft, document
):
    answer = document.answer
    for fields in (
        {"position": 5},
        {"position": 1, "size": 0},
        {"position": 1, "content_type": "text/html"},
        {"position": 1, "title": ""},
        {"position": 0},  # taken
    ):
        values = {
            "answer": answer,
            "file": document.file.name,
            "title": "Copy",
            "content_type": "application/pdf",
            "size": 10,
        } | fields
        with pytest.raises(IntegrityError), transaction.atomic():
            EvidenceDocument.objects.create(**values)


def test_an_answer_takes_at_most_five_documents_and_a_freed_place_is_reused(
    official, draft
):
    documents = [add(official, draft, title=f"Report {i}") for i in range(5)]
    assert [d.position for d in documents] == [0, 1, 2, 3, 4]
    with pytest.raises(ValidationError, match="at most 5 documents"):
        add(official, draft)
    services.evidence_document_remove(user=official, document_id=documents[2].pk)
    assert add(official, draft, title="Again").position == 2


# Who may add and remove -----------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["anonymous", "official_elsewhere", "reviewer", "staff", "no_factor"]
)
def test_only_the_citys_officials_add_and_remove(
    who, draft, document, reviewer, staff, city, request
):
    from django.contrib.auth.models import AnonymousUser

    people = {
        "anonymous": AnonymousUser,
        "official_elsewhere": lambda: official_of(member_city()),
        "reviewer": lambda: reviewer,
        "staff": lambda: staff,
        "no_factor": lambda: official_of(city, second_factor=False),
    }
    user = people[who]()
    with pytest.raises(PermissionDenied):
        add(user, draft)
    with pytest.raises(PermissionDenied):
        services.evidence_document_remove(user=user, document_id=document.pk)
    assert list(EvidenceDocument.objects.all()) == [document]


def test_nothing_changes_while_in_review_or_once_published(
    official, draft, document, reviewer, other_reviewer, staff
):
    submitted(official, draft)
    with pytest.raises(ValidationError, match="In review"):
        add(official, draft)
    with pytest.raises(ValidationError, match="In review"):
        services.evidence_document_remove(user=official, document_id=document.pk)
    publish(draft, reviewer, other_reviewer, staff)
    with pytest.raises(ValidationError, match="published"):
        add(official, draft)
    with pytest.raises(ValidationError, match="published"):
        services.evidence_document_remove(user=official, document_id=document.pk)
    assert EvidenceDocument.objects.get() == document
    assert document.file.storage.exists(document.file.name)


def test_a_document_changed_while_changes_are_asked_for_is_in_the_history(
    official, draft, reviewer
):
    submitted(official, draft)
    services.review_request_changes(
        user=reviewer, assessment_id=draft.pk, principle=1, message="Add the plan."
    )
    document = add(official, draft)
    services.evidence_document_remove(user=official, document_id=document.pk)
    events = AssessmentEvent.objects.filter(assessment=draft, kind=EventKind.ANSWER)
    assert events.count() == 1  # one entry per indicator and person
    assert events.get().indicator == indicator_of(draft)  # noqa: F405


def test_a_document_counts_as_evidence_for_submission(official, draft):
    for indicator in draft.cycle.framework_version.indicators.all():
        services.answer_save(
            user=official,
            assessment_id=draft.pk,
            indicator_id=indicator.pk,
            level=3,  # needs evidence
            justification="In place.",
        )
    missing = services.assessment_missing(draft)
    assert len(missing) == 6 and "a link, a document" in missing[0]
    for indicator in draft.cycle.framework_version.indicators.all():
        services.evidence_document_add(
            user=official,
            assessment_id=draft.pk,
            indicator_id=indicator.pk,
            upload=upload(),
        )
    assert services.assessment_missing(draft) == []


def test_removing_a_document_deletes_its_file(
    official, draft, document, django_capture_on_commit_callbacks
):
    name, storage = document.file.name, document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_document_remove(user=official, document_id=document.pk)
    assert not storage.exists(name)
    with pytest.raises(ValidationError, match="no longer exists"):
        services.evidence_document_remove(user=official, document_id=document.pk)


# A correction ----------------------------------------------------------------------


def test_a_correction_copies_the_documents_and_the_published_one_keeps_its_files(
    client,
    official,
    draft,
    document,
    reviewer,
    other_reviewer,
    staff,
    django_capture_on_commit_callbacks,
):
    submitted(official, draft)
    publish(draft, reviewer, other_reviewer, staff)
    correction = services.assessment_correct(
        by=official, assessment_id=draft.pk, note="The decision was the wrong one."
    )
    copy = EvidenceDocument.objects.get(answer__assessment=correction)
    assert (copy.title, copy.file.name, copy.size, copy.content_type) == (
        document.title,
        document.file.name,
        document.size,
        document.content_type,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_document_remove(user=official, document_id=copy.pk)
    assert document.file.storage.exists(document.file.name)
    response = download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


# Who may download -------------------------------------------------------------------


def _people(request, city):
    return {
        "anonymous": None,
        "official": request.getfixturevalue("official"),
        "official_password_only": request.getfixturevalue("official"),
        "official_elsewhere": official_of(member_city()),
        "reviewer": request.getfixturevalue("reviewer"),
        "other_reviewer": request.getfixturevalue("other_reviewer"),
        "staff": request.getfixturevalue("staff"),
    }


# Who gets the file (200) in each state; everyone else gets 404.
ALLOWED = {
    "draft": {"official"},
    "submitted": {"official", "reviewer", "staff"},
    "published": {
        "anonymous",
        "official",
        "official_password_only",
        "official_elsewhere",
        "reviewer",
        "other_reviewer",
        "staff",
    },
}


@pytest.mark.parametrize("state", ["draft", "submitted", "published"])
@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "official",
        "official_password_only",
        "official_elsewhere",
        "reviewer",
        "other_reviewer",
        "staff",
    ],
)
def test_the_download_permission_matrix(
    client, request, city, official, draft, document, state, who
):
    if state != "draft":
        submitted(official, draft)
    if state == "published":
        publish(
            draft,
            request.getfixturevalue("reviewer"),
            request.getfixturevalue("other_reviewer"),
            request.getfixturevalue("staff"),
        )
    user = _people(request, city)[who]
    if user is not None:
        records = [{"method": "password"}] if who == "official_password_only" else None
        sign_in(client, user, records)
    response = download(client, document)
    if who in ALLOWED[state]:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="Council_decision.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
        if state != "published":
            assert "private" in response["Cache-Control"]
            assert "no-cache" in response["Cache-Control"]
    else:
        assert response.status_code == 404
        assert b"Council decision" not in response.content


def test_a_document_that_does_not_exist_or_lost_its_file_is_a_404(
    client, official, document
):
    sign_in(client, official)
    for pk in (document.pk + 1000, 2**40):
        assert client.get(reverse("monitoring:document", args=[pk])).status_code == 404
    document.file.storage.delete(document.file.name)
    assert download(client, document).status_code == 404


# The officials' answer page ---------------------------------------------------------


def form_data(**changes) -> dict:
    data = {
        "level": "3",
        "justification": "Decided by the council in May.",
        "link_url_0": "",
        "link_label_0": "",
        "save": "1",
    }
    data.update(changes)
    return data


def test_an_official_uploads_a_document_without_javascript(client, official, draft):
    sign_in(client, official)
    url = answer_url(draft)
    response = client.post(
        url, form_data(document=upload(), document_title="Council decision")
    )
    assert response.status_code == 302 and response.url == url
    document = EvidenceDocument.objects.get()
    assert document.title == "Council decision"
    assert document.answer.justification == "Decided by the council in May."
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert reverse("monitoring:document", args=[document.pk]) in page
    assert "Remove these documents when saving" in page


@pytest.mark.parametrize(
    "content, message",
    [
        (EXE, "cannot be used as evidence"),
        (b"", "The file is empty"),
        (PDF + b"0" * EVIDENCE_DOCUMENT_MAX_BYTES, "larger than 10 MB"),
    ],
)
def test_a_refused_file_comes_back_with_a_message_and_everything_typed(
    client, official, draft, content, message
):
    sign_in(client, official)
    response = client.post(
        answer_url(draft),
        form_data(
            document=upload("report.pdf", content),
            document_title="My title",
            link_url_0="https://city.example.org/plan",
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Decided by the council in May." in page
    assert "https://city.example.org/plan" in page
    assert 'value="My title"' in page
    assert not EvidenceDocument.objects.exists()
    assert not draft.answers.exists()


def test_a_sixth_document_is_refused_and_the_answer_is_not_saved(
    client, official, draft
):
    for i in range(5):
        add(official, draft, title=f"Report {i}")
    sign_in(client, official)
    response = client.post(
        answer_url(draft), form_data(document=upload(), justification="Changed.")
    )
    assert response.status_code == 400
    assert "at most 5 documents" in response.content.decode()
    assert EvidenceDocument.objects.count() == 5
    assert draft.answers.get().justification == ""


def test_an_official_removes_a_document_and_adds_another_in_one_save(
    client, official, draft, document
):
    sign_in(client, official)
    response = client.post(
        answer_url(draft),
        form_data(
            remove_documents=[str(document.pk)],
            document=upload("table.csv", CSV),
            document_title="Figures",
        ),
    )
    assert response.status_code == 302
    assert [d.title for d in EvidenceDocument.objects.all()] == ["Figures"]


def test_removing_another_answers_document_is_refused(client, official, draft):
    own = add(official, draft, principle=1)
    elsewhere = add(official, draft, principle=3)
    sign_in(client, official)
    response = client.post(
        answer_url(draft, 1), form_data(remove_documents=[str(elsewhere.pk)])
    )
    assert response.status_code == 400
    assert "Choose among this answer" in response.content.decode()
    assert EvidenceDocument.objects.count() == 2
    # Without a document of its own, the page has no such field: nothing goes.
    services.evidence_document_remove(user=official, document_id=own.pk)
    response = client.post(
        answer_url(draft, 1), form_data(remove_documents=[str(elsewhere.pk)])
    )
    assert response.status_code == 302
    assert EvidenceDocument.objects.filter(pk=elsewhere.pk).exists()


def test_an_autosave_leaves_documents_alone(client, official, draft, document):
    sign_in(client, official)
    response = client.post(
        answer_url(draft),
        form_data(document=upload(), remove_documents=[str(document.pk)]),
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 204
    assert list(EvidenceDocument.objects.all()) == [document]


def test_others_cannot_upload_through_the_page(client, draft, reviewer):
    sign_in(client, official_of(member_city()))
    response = client.post(answer_url(draft), form_data(document=upload()))
    assert response.status_code == 403
    client.logout()
    response = client.post(answer_url(draft), form_data(document=upload()))
    assert response.status_code == 302 and "login" in response.url
    assert not EvidenceDocument.objects.exists()


def test_a_published_answer_page_lists_documents_and_takes_no_upload(
    client, official, draft, document, reviewer, other_reviewer, staff
):
    submitted(official, draft)
    publish(draft, reviewer, other_reviewer, staff)
    sign_in(client, official)
    page = client.get(answer_url(draft)).content.decode()
    assert "Council decision" in page
    response = client.post(answer_url(draft), form_data(document=upload()))
    assert response.status_code == 400
    assert "published" in response.content.decode()
    assert EvidenceDocument.objects.count() == 1


# Where documents are listed -----------------------------------------------------------


def test_reviewers_see_the_documents_of_their_principle(
    client, official, draft, document, reviewer
):
    submitted(official, draft)
    sign_in(client, reviewer)
    page = client.get(
        reverse("monitoring_review:assessment", args=[draft.pk, 1])
    ).content.decode()
    assert "Council decision" in page
    assert reverse("monitoring:document", args=[document.pk]) in page


def test_the_public_city_page_lists_documents_once_published(
    client, official, draft, document, reviewer, other_reviewer, staff, city
):
    url = reverse("monitoring:city", args=[city.geonameid])
    submitted(official, draft)
    publish(draft, reviewer, other_reviewer, staff)
    page = client.get(url).content.decode()
    assert "Council decision" in page
    assert reverse("monitoring:document", args=[document.pk]) in page
    assert "(document, PDF, " in page


def test_the_pdf_report_names_the_documents(
    client, official, draft, document, reviewer, other_reviewer, staff, city
):
    from pypdf import PdfReader

    submitted(official, draft)
    publish(draft, reviewer, other_reviewer, staff)
    response = client.get(reverse("monitoring:city_report", args=[city.geonameid]))
    assert response.status_code == 200
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Council decision (document)" in text


def test_the_secretariat_sees_the_documents_in_the_admin(
    client, official, draft, document, staff
):
    submitted(official, draft)
    sign_in(client, staff)
    page = client.get(reverse("monitoring_assessment", args=[draft.pk]))
    assert page.status_code == 200
    assert "Council decision" in page.content.decode()
    assert reverse("monitoring:document", args=[document.pk]) in page.content.decode()


def _city_queries(client, city) -> int:
    # bulk_create sends no signal: retire the cached page, then warm the
    # navigation up again as the other query-count tests do.
    page_cache_clear()
    client.get(reverse("monitoring:method") + f"?warm={uuid.uuid4().hex}")
    url = reverse("monitoring:city", args=[city.geonameid])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _attach(assessments, count: int) -> None:
    for assessment in assessments:
        for answer in assessment.answers.all():
            EvidenceDocument.objects.bulk_create(
                EvidenceDocument(
                    answer=answer,
                    file=f"monitoring/{assessment.city_id}/{answer.pk}-{i}.pdf",
                    title=f"Report {i}",
                    content_type="application/pdf",
                    size=100,
                    position=i,
                )
                for i in range(count)
            )


def test_the_public_city_page_makes_as_many_queries_with_documents_as_without(
    client,
):
    _cycles, (city, _other), assessments = world(cities=2, per_principle=2)
    without = _city_queries(client, city)
    _attach(assessments, 1)
    one = _city_queries(client, city)
    EvidenceDocument.objects.all().delete()
    _attach(assessments, 5)
    five = _city_queries(client, city)
    # More indicators, each with documents: still the same number.
    _cycles, (larger, _other), more = world(
        cities=2, per_principle=3, years=(2051, 2052)
    )
    _attach(more, 2)
    assert without == one == five == _city_queries(client, larger)
    assert (
        client.get(reverse("monitoring:city", args=[city.geonameid]))
        .content.decode()
        .count("(document, PDF")
        == 5 * 10
    )
