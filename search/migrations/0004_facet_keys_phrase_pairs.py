"""Facet keys counted in one pass, adjacent word pairs for quoted phrases, and vectors
computed by a trigger.

On PostgreSQL: the function that derives word pairs from a vector; a trigger that
computes the vectors from the text columns whenever a row is written (one write per row,
even in a bulk insert); the storage of the facet keys (kept in the row, where the count
reads them); existing entries brought up to date. On SQLite: the keys, in Python.
"""

import django.contrib.postgres.search
from django.db import migrations

FUNCTIONS = [
    # Each pair of words at adjacent positions, as one lexeme "a b" (a space: no lexeme
    # parsed from text holds one, so pairs never match typed words). Where some pairs
    # cannot be kept, the marker "no  pairs" (search.text.PAIRS_MISSING) says so, and the
    # entry's phrases are checked word by word, as without pairs: a pair longer than a
    # lexeme may be, positions past 16 383 (PostgreSQL stops counting there), or pairs too
    # many for a tsvector.
    """
    CREATE FUNCTION cuf_phrase_pairs(v tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      WITH words AS (
        SELECT lexeme, unnest(positions) AS pos FROM unnest(v)
      ), pairs AS (
        SELECT DISTINCT
          CASE WHEN octet_length(a.lexeme) + octet_length(b.lexeme) < 2047
               THEN a.lexeme || ' ' || b.lexeme ELSE 'no  pairs' END AS pair
        FROM words AS a JOIN words AS b ON b.pos = a.pos + 1
        WHERE b.pos < 16383
        UNION
        SELECT 'no  pairs' WHERE EXISTS (SELECT FROM words WHERE pos >= 16383)
      )
      SELECT CASE WHEN sum(octet_length(pair) + 8) > 500000
                  THEN array_to_tsvector(ARRAY['no  pairs'])
                  ELSE coalesce(array_to_tsvector(array_agg(pair)), ''::tsvector) END
      FROM pairs
    $$
    """,
    # The stored vectors, by weight: what a visitor reads first counts most. The ranking
    # one leaves out the long texts (weight D), which rank below any of the others anyway;
    # the full one adds the word pairs (search.text.narrow_phrases), or the marker when
    # they would take it past the 1 MB a tsvector may hold.
    """
    CREATE FUNCTION cuf_search_entry_vectors() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      full_vector tsvector;
      pairs tsvector;
    BEGIN
      NEW.rank_vector :=
           setweight(to_tsvector('cuf_french', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('cuf_french',
             coalesce(NEW.surtitre, '') || ' ' || coalesce(NEW.theme_names, '')), 'B')
        || setweight(to_tsvector('cuf_french',
             coalesce(NEW.summary, '') || ' ' || coalesce(NEW.details, '')), 'C');
      full_vector := NEW.rank_vector
        || setweight(to_tsvector('cuf_french',
             coalesce(NEW.body, '') || ' ' || coalesce(NEW.attachments, '')), 'D');
      pairs := cuf_phrase_pairs(full_vector);
      IF pg_column_size(full_vector) + pg_column_size(pairs) > 1000000 THEN
        pairs := array_to_tsvector(ARRAY['no  pairs']);
      END IF;
      NEW.vector := full_vector || pairs;
      RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER search_entry_vectors
    BEFORE INSERT OR UPDATE OF title, surtitre, theme_names, summary, details, body,
      attachments
    ON search_searchentry FOR EACH ROW EXECUTE FUNCTION cuf_search_entry_vectors()
    """,
    # Small: kept in the row uncompressed, never moved out of line (toast_tuple_target).
    "ALTER TABLE search_searchentry ALTER COLUMN facet_keys SET STORAGE PLAIN",
    """
    UPDATE search_searchentry AS entry SET
      title = title,
      facet_keys = array_to_tsvector(
        ARRAY[entry.kind || ':' || coalesce(entry.year::text, '')]
        || coalesce((
          SELECT array_agg(link.theme_id || ':' || entry.kind || ':'
                           || coalesce(entry.year::text, ''))
          FROM search_searchentry_themes AS link WHERE link.searchentry_id = entry.id
        ), '{}')
      )
    """,
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_vectors ON search_searchentry",
    "DROP FUNCTION IF EXISTS cuf_search_entry_vectors()",
    "DROP FUNCTION IF EXISTS cuf_phrase_pairs(tsvector)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FUNCTIONS:
            schema_editor.execute(statement)
        return
    SearchEntry = apps.get_model("search", "SearchEntry")
    for entry in SearchEntry.objects.prefetch_related("themes"):
        kind_year = f"{entry.kind}:{entry.year or ''}"
        keys = [kind_year] + [f"{theme.pk}:{kind_year}" for theme in entry.themes.all()]
        entry.facet_keys = " ".join(f"'{key}'" for key in keys)
        entry.save(update_fields=["facet_keys"])


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_expires_at")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="facet_keys",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, null=True),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
