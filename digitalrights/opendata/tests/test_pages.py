"""The open data page and the API reference, rendered on the server."""

import pytest

from digitalrights.opendata import dumps
from digitalrights.opendata.api import api

pytestmark = pytest.mark.django_db


def test_the_reference_shows_every_operation_of_the_openapi_description(client):
    response = client.get("/es/data/api/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es"' in page
    assert 'href="/api/v1/openapi.json"' in page
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert f"GET {path}</code>" in page
            assert f'id="{operation["operationId"]}"' in page
            for parameter in operation.get("parameters", []):
                assert f"<code>{parameter['name']}</code>" in page
    # Example addresses that can be followed answer.
    assert 'href="/api/v1/initiatives/?status=planned&amp;lang=es"' in page
    assert client.get("/api/v1/initiatives/?status=planned&lang=es").status_code == 200
    for name in schema["components"]["schemas"]:
        if "properties" in schema["components"]["schemas"][name] and name != "Input":
            assert f'id="model-{name}"' in page
    # Nothing to run: the page works without scripts and loads nothing else.
    assert "<script" not in page.replace('<script type="application/ld+json"', "")
    assert "http" not in "".join(part.split('"')[0] for part in page.split('src="')[1:])


def test_the_open_data_page_lists_datasets_files_catalogue_and_licence(
    client, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    before = client.get("/fr/data/").content.decode()
    assert 'href="/data/dumps/initiatives.csv"' not in before
    # No link that would answer 404 before the first night's files.
    assert 'href="/data/dumps/datapackage.json"' not in before
    assert 'href="/catalog.ttl"' in before
    dumps.dump_write()
    response = client.get("/fr/data/")
    assert response.status_code == 200
    page = response.content.decode()
    for dataset in dumps.DATASETS:
        assert f'id="{dataset.name}"' in page
        assert f'href="{dataset.api_path}"' in page
        assert f'href="/data/dumps/{dataset.name}.csv"' in page
        assert f'href="/data/dumps/{dataset.name}.json"' in page
    assert 'href="/data/dumps/datapackage.json"' in page
    assert 'href="/catalog.jsonld"' in page
    assert 'href="/fr/data/api/"' in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page


@pytest.mark.parametrize("path", ["/en/data/", "/en/data/api/"])
def test_the_pages_take_a_few_queries_and_refuse_writes(
    client, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200
    assert client.post(path, {"x": "</script>"}).status_code == 405
    assert client.get(path, {"lang": "<script>", "page": "-1"}).status_code == 200
