"""Uploads served in development: everything but Wagtail's documents."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads():
    made = []
    for relative in ("documents/policy.pdf", "images/logo.png"):
        path = settings.MEDIA_ROOT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 hidden until published")
        made.append(path)
    yield
    for path in made:
        path.unlink(missing_ok=True)


def test_an_image_upload_is_served(client, uploads):
    response = client.get("/media/images/logo.png")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "address",
    [
        "/media/documents/policy.pdf",
        "/media/./documents/policy.pdf",
        "/media//documents/policy.pdf",
        "/media/images/../documents/policy.pdf",
        "/media/images/%2E%2E/documents/policy.pdf",
        "/media/Documents/policy.pdf",
        "/media/documents%2Fpolicy.pdf",
        "/media/documents/",
    ],
)
def test_a_document_file_is_never_served_from_media(client, uploads, address):
    # Only /documents/ sends it, after asking whether its resource is public.
    response = client.get(address, follow=True)
    assert response.status_code == 404
    assert b"hidden until published" not in response.content
