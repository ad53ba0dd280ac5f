"""Names for SQL written by hand, spelled as the database spells them.

Every name these return comes from a model, never from a request; values
still go in as parameters.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def quoted(name: str) -> str:
    """Return a table's or column's name as the database's SQL spells it."""
    return connection.ops.quote_name(name)


def table_name(model: type[Model]) -> str:
    """Return the quoted name of ``model``'s table, for SQL written by hand."""
    return quoted(model._meta.db_table)


def column_name(model: type[Model], field: str) -> str:
    """Return the quoted column of ``model``'s ``field``, for SQL by hand."""
    return quoted(model._meta.get_field(field).column)
