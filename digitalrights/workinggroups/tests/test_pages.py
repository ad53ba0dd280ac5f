import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["en", "es", "ca", "fr", "nl"])
def test_index_and_group_pages_render_in_every_language(client, code):
    response = client.get(f"/{code}/working-groups/")
    assert response.status_code == 200
    group = client.get(f"/{code}/working-groups/transparency-and-participation/")
    assert group.status_code == 200
