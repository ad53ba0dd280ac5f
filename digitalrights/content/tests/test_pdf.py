"""The declaration PDF: well formed, complete, and literal about its input."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from digitalrights.content.pdf import declaration_pdf

PRINCIPLES = [
    (1, "Accés universal i igualitari a internet", "Tothom hauria de tenir accés."),
    (2, "Privadesa, protecció de dades i seguretat", "Les dades són nostres."),
    (3, "Participació democràtica", "Els ciutadans decideixen <script>x</script>."),
]


def build(**overrides) -> bytes:
    arguments = {
        "title": "Declaració de les ciutats per als drets digitals",
        "intro": [
            "Nosaltres, les ciutats signants, ens comprometem a treballar juntes.",
            "Œuvrer & protéger: les droits de l'homme s'appliquent en ligne.",
        ],
        "principles": PRINCIPLES,
        "source_label": "Text complet:",
        "source_url": "https://citiesfordigitalrights.org/ca/declaration/?a=1&b=2",
        "language": "ca",
        "generated_label": "Generat el 23 de novembre de 2025",
    }
    arguments.update(overrides)
    return declaration_pdf(**arguments)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf), strict=True)
    # Collapse line breaks so that wrapped titles still match.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build()


def test_output_is_a_pdf_that_a_strict_reader_opens_without_warnings(pdf, caplog):
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    with caplog.at_level("WARNING", logger="pypdf"):
        reader = PdfReader(BytesIO(pdf), strict=True)
        for page in reader.pages:
            page.extract_text()
    assert not caplog.records
    assert len(reader.pages) >= 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.1)


def test_text_contains_the_title_intro_and_every_principle_in_order(pdf):
    text = text_of(pdf)
    assert "Declaració de les ciutats per als drets digitals" in text
    assert "ens comprometem a treballar juntes" in text
    positions = [text.index(title) for _, title, _ in PRINCIPLES]
    assert positions == sorted(positions)
    for number in ("01", "02", "03"):
        assert number in text


def test_accented_text_round_trips(pdf):
    text = text_of(pdf)
    assert "Participació democràtica" in text
    assert "Œuvrer & protéger" in text
    assert "Generat el 23 de novembre de 2025" in text


def test_markup_in_the_input_is_shown_literally(pdf):
    assert "Els ciutadans decideixen <script>x</script>." in text_of(pdf)


def test_source_line_links_to_the_source_url(pdf):
    reader = PdfReader(BytesIO(pdf), strict=True)
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    url = "https://citiesfordigitalrights.org/ca/declaration/?a=1&b=2"
    assert uris == [url]
    assert f"Text complet: {url}" in text_of(pdf)


def test_metadata_names_the_declaration_its_author_and_language(pdf):
    reader = PdfReader(BytesIO(pdf), strict=True)
    assert reader.metadata.title == "Declaració de les ciutats per als drets digitals"
    assert reader.metadata.author == "Cities Coalition for Digital Rights"
    assert reader.trailer["/Root"]["/Lang"] == "ca"


def test_same_input_gives_the_same_bytes(pdf):
    assert build() == pdf


def test_a_long_declaration_flows_onto_more_pages():
    principles = [
        (n, f"Principle {n}", "Lorem ipsum dolor. " * 60) for n in range(1, 16)
    ]
    reader = PdfReader(BytesIO(build(principles=principles)), strict=True)
    assert len(reader.pages) > 1
    assert "Principle 15" in text_of(build(principles=principles))
