"""The DCAT-AP catalogue: every dataset and distribution, both serialisations."""

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF

from digitalrights.opendata import dumps
from digitalrights.opendata.models import OpenDataSettings

pytestmark = pytest.mark.django_db

FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"


@pytest.fixture
def dumped(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    dumps.dump_write()


def parsed(client, path: str, syntax: str) -> Graph:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return Graph().parse(data=response.content.decode(), format=syntax)


def one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert values, (subject, predicate)
    return values[0]


def test_both_serialisations_say_the_same_and_have_what_dcat_ap_requires(
    client, dumped
):
    turtle = parsed(client, "/catalog.ttl", "turtle")
    jsonld = parsed(client, "/catalog.jsonld", "json-ld")
    assert client.get("/catalog.ttl")["Content-Type"].startswith("text/turtle")
    assert client.get("/catalog.jsonld")["Content-Type"] == "application/ld+json"
    assert isomorphic(turtle, jsonld)

    graph = turtle
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher):
        one(graph, catalog, predicate)
    publisher = one(graph, catalog, DCTERMS.publisher)
    name = str(one(graph, publisher, FOAF.name))
    assert name == "Cities Coalition for Digital Rights"
    licence = one(graph, catalog, DCTERMS.license)
    assert str(licence) == "https://creativecommons.org/licenses/by/4.0/"
    assert (licence, RDF.type, DCTERMS.LicenseDocument) in graph

    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets == set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(dumps.DATASETS)
    for dataset in datasets:
        one(graph, dataset, DCTERMS.title)
        one(graph, dataset, DCTERMS.description)
        one(graph, dataset, DCTERMS.publisher)
        one(graph, dataset, DCTERMS.modified)
        frequency = one(graph, dataset, DCTERMS.accrualPeriodicity)
        assert str(frequency) == FREQUENCY + "DAILY"
        distributions = set(graph.objects(dataset, DCAT.distribution))
        # The API collection, the CSV and the JSON file.
        assert len(distributions) == 3
        for distribution in distributions:
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            one(graph, distribution, DCAT.accessURL)
            assert one(graph, distribution, DCTERMS.license) == licence
            one(graph, distribution, DCTERMS.format)
            one(graph, distribution, DCAT.mediaType)

    initiatives = URIRef("http://127.0.0.1:8000/en/data/#initiatives")
    downloads = {
        str(url)
        for distribution in graph.objects(initiatives, DCAT.distribution)
        for url in graph.objects(distribution, DCAT.downloadURL)
    }
    assert downloads == {
        "http://127.0.0.1:8000/data/dumps/initiatives.csv",
        "http://127.0.0.1:8000/data/dumps/initiatives.json",
    }
    for url in downloads:
        assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200
    (service,) = graph.subjects(RDF.type, DCAT.DataService)
    assert str(one(graph, service, DCAT.endpointURL)) == "http://127.0.0.1:8000/api/v1/"


def test_before_the_first_dump_the_catalogue_lists_the_api_only(
    client, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    graph = parsed(client, "/catalog.ttl", "turtle")
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        (distribution,) = graph.objects(dataset, DCAT.distribution)
        assert str(distribution).startswith("http://127.0.0.1:8000/api/v1/")


def test_the_secretariat_chooses_the_licence(client, dumped):
    chosen = OpenDataSettings.load()
    chosen.licence = "ODbL-1.0"
    chosen.save()
    graph = parsed(client, "/catalog.jsonld", "json-ld")
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    odbl = "https://opendatacommons.org/licenses/odbl/1-0/"
    assert str(one(graph, catalog, DCTERMS.license)) == odbl
    assert {str(licence) for licence in graph.objects(None, DCTERMS.license)} == {odbl}
    page = client.get("/en/data/").content.decode()
    assert "Open Data Commons Open Database License v1.0" in page
    assert odbl in page
