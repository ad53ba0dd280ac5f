"""Who may download the file of a resource from Wagtail's /documents/ view."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.checks import Error, Warning
from django.core.files.base import ContentFile
from django.http import HttpResponseForbidden
from django.test import override_settings
from wagtail import hooks
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from digitalrights.membership.tests.factories import RepresentationFactory, sign_in
from digitalrights.toolkit import services
from digitalrights.toolkit.checks import documents_served_through_wagtail
from digitalrights.toolkit.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4\nThe checklist.\n"


def _document(name: str = "checklist.pdf") -> Document:
    document = Document(title="Checklist")
    document.file.save(name, ContentFile(CONTENT))
    document._set_document_file_metadata()
    document.save()
    return document


def _download(client, document: Document):
    return client.get(document.url)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _staff(*permissions: str):
    """Make an active user in a group with ``permissions`` ("app.codename")."""
    group = Group.objects.create(name="Toolkit test editors")
    for permission in permissions:
        app_label, codename = permission.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x")
    user.groups.add(group)
    return user


def _republish(resource: Resource, *, live: bool) -> Resource:
    return services.resource_save(
        title=resource.title,
        summary=resource.summary,
        kind=resource.kind,
        principles=resource.principles.all(),
        version_date=resource.version_date,
        source_organisation=resource.source_organisation,
        document=resource.document,
        url=resource.url,
        live=live,
        resource=resource,
    )


@pytest.fixture
def official_client(client):
    sign_in(client, RepresentationFactory().user)
    return client


@pytest.fixture
def editor_client(client):
    """A secretariat member who edits the toolkit in the admin, not a superuser."""
    client.force_login(_staff("wagtailadmin.access_admin", "toolkit.change_resource"))
    return client


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "x")
    client.force_login(user)
    return client


def test_anyone_downloads_the_file_of_a_published_resource(client):
    document = _document()
    ResourceFactory(document=document, url="")
    response = _download(client, document)
    assert response.status_code == 200
    assert _body(response) == CONTENT


def test_the_file_of_an_unpublished_resource_is_not_found_by_a_visitor(client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 404


def test_a_hidden_file_answers_as_a_file_that_does_not_exist(client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    hidden = _download(client, document)
    other_url = f"/documents/{document.pk + 1000}/{document.filename}"
    missing = client.get(other_url)
    assert hidden.status_code == missing.status_code == 404
    # The same page, but for the address it names.
    assert hidden.content.decode() == missing.content.decode().replace(
        other_url, document.url
    )


def test_a_signed_in_official_cannot_download_an_unpublished_file(official_client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(official_client, document).status_code == 404


def test_a_signed_in_official_downloads_a_published_file(official_client):
    document = _document()
    ResourceFactory(document=document, url="")
    assert _download(official_client, document).status_code == 200


def test_an_editor_of_the_toolkit_downloads_an_unpublished_file(editor_client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    response = _download(editor_client, document)
    assert response.status_code == 200
    assert _body(response) == CONTENT


def test_a_superuser_downloads_an_unpublished_file(superuser_client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(superuser_client, document).status_code == 200


def test_an_editor_of_the_document_downloads_an_unpublished_file(client):
    user = _staff("wagtailadmin.access_admin")
    # Wagtail grants documents by collection.
    from wagtail.models import GroupCollectionPermission

    GroupCollectionPermission.objects.create(
        group=user.groups.get(),
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="wagtaildocs", codename="change_document"
        ),
    )
    client.force_login(user)
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 200


def test_admin_access_without_the_right_to_edit_is_not_enough(client):
    client.force_login(_staff("wagtailadmin.access_admin"))
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 404


def test_the_right_to_edit_without_admin_access_is_not_enough(client):
    client.force_login(_staff("toolkit.change_resource"))
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 404


def test_an_inactive_superuser_cannot_download_an_unpublished_file(client):
    user = get_user_model().objects.create_superuser("gone", "gone@example.org", "x")
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 404


def test_a_file_shared_with_a_published_resource_is_public(client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    ResourceFactory(document=document, url="")
    assert _download(client, document).status_code == 200


def test_a_file_of_several_unpublished_resources_is_hidden(client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 404


def test_a_file_no_resource_uses_is_left_to_wagtail(client):
    document = _document()
    assert _download(client, document).status_code == 200


def test_publishing_makes_the_file_available_and_unpublishing_hides_it(client):
    document = _document()
    resource = ResourceFactory(document=document, url="", live=False)
    assert _download(client, document).status_code == 404

    resource = _republish(resource, live=True)
    response = _download(client, document)
    assert response.status_code == 200
    assert _body(response) == CONTENT

    _republish(resource, live=False)
    assert _download(client, document).status_code == 404


def test_unpublishing_in_the_admin_hides_the_file(superuser_client, client):
    document = _document()
    resource = ResourceFactory(document=document, url="")
    edit = f"/admin/snippets/toolkit/resource/edit/{resource.pk}/"
    data = {
        "title": resource.title,
        "kind": resource.kind,
        "summary": resource.summary,
        "principles": ["2"],
        "source_city": "",
        "source_organisation": resource.source_organisation,
        "document": str(document.pk),
        "url": "",
        "language": "en",
        "version_date": "2024-05-01",
        "licence": "",
        # "live" left out: the box is unticked.
    }
    assert superuser_client.post(edit, data).status_code == 302
    assert not Resource.objects.get(pk=resource.pk).live
    superuser_client.logout()
    assert _download(client, document).status_code == 404


def test_a_hidden_file_is_not_found_before_a_sign_in_page_could_tell_it_exists(
    client,
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Signed-in only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    hidden = _document("hidden.pdf")
    hidden.collection = private
    hidden.save()
    ResourceFactory(document=hidden, url="", live=False)
    shown = _document("shown.pdf")
    shown.collection = private
    shown.save()
    ResourceFactory(document=shown, url="")
    assert _download(client, hidden).status_code == 404
    # Wagtail's own restriction still asks visitors to sign in for the other.
    assert _download(client, shown).status_code == 302


def test_another_hook_can_still_refuse_a_published_file(client):
    document = _document()
    ResourceFactory(document=document, url="")

    def refuse(document, request):
        return HttpResponseForbidden()

    with hooks.register_temporarily("before_serve_document", refuse):
        assert _download(client, document).status_code == 403
    assert _download(client, document).status_code == 200


def test_a_hook_that_lets_a_file_through_does_not_unhide_it(client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)

    def allow(document, request):
        return None

    with hooks.register_temporarily("before_serve_document", allow, order=-100):
        assert _download(client, document).status_code == 404


def test_files_served_by_the_view_need_no_warning():
    assert documents_served_through_wagtail(None) == []


@override_settings(WAGTAILDOCS_SERVE_METHOD="direct")
def test_direct_links_to_the_storage_are_an_error():
    (message,) = documents_served_through_wagtail(None)
    assert isinstance(message, Error)
    assert message.id == "toolkit.E001"


@override_settings(WAGTAILDOCS_SERVE_METHOD="redirect")
def test_redirects_to_the_storage_are_warned_about():
    (message,) = documents_served_through_wagtail(None)
    assert isinstance(message, Warning)
    assert message.id == "toolkit.W001"


def test_the_configured_mode_sends_the_file_through_the_view(client):
    document = _document()
    ResourceFactory(document=document, url="", live=False)
    # The link the resource page gives goes through the view, not to /media/.
    assert document.url == f"/documents/{document.pk}/{document.filename}"
