import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from digitalrights.cities.geography import normalise_name


def _folded_char_by_char(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold()
    cleaned = "".join(c if c.isalnum() else " " for c in folded)
    return " ".join(cleaned.split())


@given(st.text(alphabet=string.printable + "\x00\x7f", max_size=80))
def test_ascii_text_folds_as_any_other_text(value: str) -> None:
    assert normalise_name(value) == _folded_char_by_char(value)


@given(st.text(max_size=40))
def test_any_text_folds_accents_case_and_punctuation(value: str) -> None:
    assert normalise_name(value) == _folded_char_by_char(value)


def test_examples() -> None:
    assert normalise_name("  Bogotá, D.C. ") == "bogota d c"
    assert normalise_name("SÃO_PAULO") == "sao paulo"
    assert normalise_name("New-York  City") == "new york city"
    assert normalise_name("'s-Hertogenbosch") == "s hertogenbosch"
    assert normalise_name("") == ""
