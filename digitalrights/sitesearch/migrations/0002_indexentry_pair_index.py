"""Index which word follows which in Wagtail's search entries, for phrases.

A full-text index finds the entries holding every word of a phrase but
cannot tell whether they stand side by side: PostgreSQL then reads each of
those entries to check (17,000 for "digital rights" at 100,000 initiatives,
to keep 425). ``sitesearch_pairs(vector)`` turns a text vector into one
lexeme per pair of neighbouring words ('digit right'), and an index on it
finds the entries holding every pair of a phrase; the phrase is still
checked on those few (``selectors.SearchContext._index_entries``).

The pairs are exactly the words at positions p and p + 1, which is what the
phrase operator ``<->`` asks for, so an entry that matches a phrase always
holds its pairs. Words are cut to 100 characters in a pair (the selectors cut
the phrase's words the same way), and past the size PostgreSQL allows for a
vector (1 MB, reached only by very long nonsense words) an entry holds one
word, ``PAIRS_OVERFLOW``, that every phrase accepts, instead of failing to be
indexed. Words past position 16,383 all share it (PostgreSQL's limit): they
have no pairs, as they have no order. Other databases need nothing.
"""

from django.db import migrations

FUNCTION = "sitesearch_pairs"
INDEX = "sitesearch_indexentry_pairs_gin"
# Must match selectors.PAIR_WORD_LENGTH and selectors.PAIRS_OVERFLOW.
PAIR_WORD_LENGTH = 100
PAIRS_OVERFLOW = "pairs-overflow"
# The largest text vector PostgreSQL builds is 1 MB of words; keep clear of it.
MAX_PAIRS_BYTES = 1_000_000

# What computing the pairs of one entry costs (about a millisecond, where
# checking a phrase costs a few microseconds) in PostgreSQL's units: without
# it the planner would compute them for each entry of a kind instead of
# reading the index.
COST = 10_000

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST {COST} AS $$
    WITH words AS MATERIALIZED (
        SELECT u.lexeme, p FROM unnest(vector) u, unnest(u.positions) p
    ), pairs AS (
        SELECT DISTINCT
            left(a.lexeme, {PAIR_WORD_LENGTH}) || ' '
            || left(b.lexeme, {PAIR_WORD_LENGTH}) AS pair
        FROM words a JOIN words b ON b.p = a.p + 1
    )
    SELECT CASE
        WHEN count(*) = 0 THEN ''::tsvector
        WHEN sum(octet_length(pair)) > {MAX_PAIRS_BYTES}
            THEN '{PAIRS_OVERFLOW}'::tsvector
        ELSE array_to_tsvector(array_agg(pair))
    END
    FROM pairs
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_FUNCTION)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry"
            f" USING gin ({FUNCTION}(title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(tsvector)")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_indexentry_text_index")]

    operations = [migrations.RunPython(create, drop)]
