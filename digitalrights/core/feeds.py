"""What every Atom feed of the site needs: text that XML can carry."""

from __future__ import annotations

import re

from django.utils.html import linebreaks

# XML 1.0 cannot carry these, and a feed with one would fail to render.
_UNSERIALIZABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot hold."""
    return _UNSERIALIZABLE.sub("", text)


def summary_html(text: str) -> str:
    """Return typed text as the HTML an Atom summary carries, escaped."""
    return xml_safe(linebreaks(text, autoescape=True))
