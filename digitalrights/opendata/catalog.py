"""The DCAT-AP catalogue of the open data, for data portals to harvest.

Each dataset of ``dumps.DATASETS`` is a ``dcat:Dataset`` with two kinds of
distribution: its API collection (served by the ``dcat:DataService`` that is
``/api/v1/``) and its bulk files (CSV and JSON, written every night). The
licence is the one the secretariat chose (``OpenDataSettings``), CC BY 4.0
by default. Served as Turtle (``/catalog.ttl``) and JSON-LD
(``/catalog.jsonld``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from . import dumps
from .models import current_licence
from .schemas import site_url

PUBLISHER_NAME = "Cities Coalition for Digital Rights"
EU = "http://publications.europa.eu/resource/authority/"
FREQUENCY = Namespace(EU + "frequency/")
FILE_TYPE = Namespace(EU + "file-type/")
LANGUAGE = Namespace(EU + "language/")
MEDIA_TYPE = Namespace("https://www.iana.org/assignments/media-types/")
# The EU's data themes: government and public sector.
THEME = URIRef(EU + "data-theme/GOVE")
LANGUAGES = {"en": "ENG", "es": "SPA", "ca": "CAT", "fr": "FRA", "nl": "NLD"}
FORMATS = {
    "csv": (FILE_TYPE.CSV, MEDIA_TYPE["text/csv"]),
    "json": (FILE_TYPE.JSON, MEDIA_TYPE["application/json"]),
}
CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "xsd": str(XSD),
}


def catalog_graph() -> Graph:
    """Return the catalogue as an RDF graph."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    licence = current_licence()
    licence_ref = URIRef(licence.url)
    graph.add((licence_ref, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence_ref, DCTERMS.title, Literal(licence.title)))
    graph.add((licence_ref, DCTERMS.identifier, Literal(licence.spdx)))

    publisher = URIRef(site_url("/"))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(PUBLISHER_NAME, lang="en")))
    graph.add((publisher, FOAF.homepage, publisher))

    catalog = URIRef(site_url("/catalog.ttl"))
    home = URIRef(site_url("/en/data/"))
    modified = dumps.dump_modified()
    issued_now = Literal(timezone.now().replace(microsecond=0), datatype=XSD.dateTime)
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add(
        (catalog, DCTERMS.title, Literal(f"{PUBLISHER_NAME}: open data", lang="en"))
    )
    graph.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                "The public data of the Cities Coalition for Digital Rights: its"
                " member cities, campaigns, endorsement counts, initiatives,"
                " toolkit, algorithm registers, working groups, meetings, news, and"
                " the assessments and"
                " scores of its monitoring of progress.",
                lang="en",
            ),
        )
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, home))
    graph.add((catalog, DCTERMS.license, licence_ref))
    graph.add((catalog, DCTERMS.modified, _when(modified) or issued_now))
    for code in LANGUAGES.values():
        graph.add((catalog, DCTERMS.language, LANGUAGE[code]))

    service = URIRef(site_url("/api/v1/"))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("Open data API, version 1", lang="en")))
    graph.add((service, DCAT.endpointURL, service))
    graph.add(
        (service, DCAT.endpointDescription, URIRef(site_url("/api/v1/openapi.json")))
    )
    graph.add((service, DCTERMS.publisher, publisher))
    graph.add((service, DCTERMS.license, licence_ref))
    graph.add((catalog, DCAT.service, service))

    with translation.override(settings.LANGUAGE_CODE):
        for dataset in dumps.DATASETS:
            _add_dataset(
                graph,
                dataset,
                catalog=catalog,
                service=service,
                publisher=publisher,
                licence=licence_ref,
                modified=modified,
            )
    return graph


def _when(moment) -> Literal | None:
    if moment is None:
        return None
    return Literal(moment.replace(microsecond=0), datatype=XSD.dateTime)


def _add_dataset(graph, dataset, *, catalog, service, publisher, licence, modified):
    node = URIRef(site_url(f"/en/data/#{dataset.name}"))
    graph.add((catalog, DCAT.dataset, node))
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(dataset.name)))
    graph.add((node, DCTERMS.title, Literal(str(dataset.title), lang="en")))
    graph.add((node, DCTERMS.description, Literal(str(dataset.description), lang="en")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY.DAILY))
    graph.add((node, DCAT.theme, THEME))
    graph.add((node, DCAT.keyword, Literal("digital rights", lang="en")))
    graph.add((node, DCAT.landingPage, URIRef(site_url("/en/data/"))))
    if modified is not None:
        graph.add((node, DCTERMS.modified, _when(modified)))

    # Two datasets may be read from one collection (frameworks and their
    # indicators): each has a distribution of its own.
    api = URIRef(f"{dataset.api_url}#{dataset.name}")
    graph.add((node, DCAT.distribution, api))
    graph.add((api, RDF.type, DCAT.Distribution))
    graph.add((api, DCTERMS.title, Literal(f"{dataset.title} (API)", lang="en")))
    graph.add((api, DCAT.accessURL, URIRef(dataset.api_url)))
    graph.add((api, DCAT.accessService, service))
    graph.add((api, DCTERMS.format, FORMATS["json"][0]))
    graph.add((api, DCAT.mediaType, FORMATS["json"][1]))
    graph.add((api, DCTERMS.license, licence))

    if modified is None:
        return
    for extension, (file_type, media_type) in FORMATS.items():
        path = dumps.dumps_dir() / f"{dataset.name}.{extension}"
        if not path.exists():
            continue
        url = URIRef(dataset.file_url(extension))
        graph.add((node, DCAT.distribution, url))
        graph.add((url, RDF.type, DCAT.Distribution))
        graph.add(
            (
                url,
                DCTERMS.title,
                Literal(f"{dataset.title} ({extension.upper()})", lang="en"),
            )
        )
        graph.add((url, DCAT.accessURL, url))
        graph.add((url, DCAT.downloadURL, url))
        graph.add((url, DCTERMS.format, file_type))
        graph.add((url, DCAT.mediaType, media_type))
        graph.add((url, DCTERMS.license, licence))
        graph.add((url, DCTERMS.modified, _when(modified)))
        graph.add(
            (url, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.integer))
        )
        if extension == "csv":
            graph.add(
                (
                    url,
                    DCTERMS.conformsTo,
                    URIRef(site_url(f"/data/dumps/{dumps.PACKAGE}")),
                )
            )


def catalog_turtle() -> str:
    """Return the catalogue in Turtle."""
    return catalog_graph().serialize(format="turtle")


def catalog_jsonld() -> str:
    """Return the catalogue in JSON-LD, with short prefixes."""
    return catalog_graph().serialize(format="json-ld", context=CONTEXT, indent=2)
