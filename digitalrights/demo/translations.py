"""Translations of the demo content, keyed by the English source segment.

``services._translate`` feeds these to wagtail-localize exactly as a
translator's work would arrive: one string per segment of the source page.
"""

CATALOGUES: dict[str, dict[str, str]] = {}
