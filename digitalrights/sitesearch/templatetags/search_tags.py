from __future__ import annotations

import re
from functools import lru_cache

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from digitalrights.cities.geography import normalise_name

register = template.Library()

WORD = re.compile(r"\w+", re.UNICODE)


@register.filter
def highlight(text: str, query: str) -> SafeString:
    """Escape ``text`` and mark each word that the search matched.

    Words compare without accents or case, as the search does.
    """
    return marked(text, search_terms(query))


def search_terms(query: str) -> set[str]:
    """Return the words of ``query`` as ``marked`` compares them."""
    return set(normalise_name((query or "").replace('"', " ")).split())


def marked(text: str, terms: set[str]) -> SafeString:
    """Escape ``text`` and mark each of its words that is one of ``terms``."""
    text = text or ""
    if not terms:
        return escape(text)
    parts = []
    last = 0
    for match in WORD.finditer(text):
        if _folded(match.group()) in terms:
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped


@lru_cache(maxsize=8192)
def _folded(word: str) -> str:
    """Return one word folded as the search folds it (words recur: kept)."""
    return normalise_name(word)


@register.simple_tag
def facet_options(facet) -> SafeString:
    """Return a facet's values as list items of checkboxes, with counts.

    Made here rather than by a loop in the template: a page offers up to
    a hundred values, and the loop took a fifth of its rendering.
    """
    return format_html_join(
        "\n",
        '<li><label><input type="checkbox" name="{}" value="{}"{}> {}{}</label></li>',
        (
            (
                facet.key,
                value.value,
                " checked" if value.selected else "",
                value.label,
                ""
                if value.count is None
                else format_html(' <span class="count">({})</span>', value.count),
            )
            for value in facet.values
        ),
    )


@register.filter
def rounded(number: int) -> int:
    """Round an estimate to two significant figures: 16,108 reads 16,000."""
    number = int(number)
    if number < 100:
        return number
    digits = len(str(number)) - 2
    return round(number, -digits)
