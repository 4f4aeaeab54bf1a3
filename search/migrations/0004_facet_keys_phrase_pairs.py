"""Facet keys counted in one pass, adjacent word pairs for quoted phrases, and vectors
computed by a trigger.

On PostgreSQL: the functions that derive word pairs from a vector and a phrase filter
from quoted text; a trigger that computes the vectors from the text columns whenever a
row is written (one write per row, even in a bulk insert); the storage of the facet keys
(kept in the row, where the count reads them); existing entries brought up to date. On
SQLite: the keys, in Python.
"""

import django.contrib.postgres.search
from django.db import migrations

FUNCTIONS = [
    # Each pair of words at adjacent positions, as one lexeme "a b" (a space: no lexeme
    # parsed from text holds one, so pairs never match typed words).
    """
    CREATE FUNCTION cuf_phrase_pairs(v tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)),
                      ''::tsvector)
      FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) AS a
      JOIN (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) AS b
        ON b.pos = a.pos + 1
    $$
    """,
    """
    CREATE FUNCTION cuf_with_phrase_pairs(v tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT v || cuf_phrase_pairs(v) $$
    """,
    # The query, narrowed to entries holding every adjacent pair of the given phrases: the
    # index finds those, and only they are checked for the exact phrase. A phrase of two
    # words side by side *is* its pair: it is replaced by it (ts_rewrite), and nothing is
    # left to check row by row. Pairs are those to_tsvector finds in the phrase, as
    # websearch_to_tsquery reads it (same parser and configuration); words a stop word
    # apart make no pair, so they narrow nothing.
    """
    CREATE FUNCTION cuf_phrase_query(q tsquery, phrases text[]) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      phrase text;
      as_query tsquery;
      pairs tsquery;
      rewritten tsquery;
    BEGIN
      FOREACH phrase IN ARRAY phrases LOOP
        SELECT string_agg(
                 '''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' & '
               )::tsquery
          INTO pairs
          FROM unnest(tsvector_to_array(cuf_phrase_pairs(to_tsvector('cuf_french', phrase))))
            AS lexeme;
        CONTINUE WHEN pairs IS NULL;
        as_query := phraseto_tsquery('cuf_french', phrase);
        IF numnode(as_query) = 3 AND numnode(pairs) = 1 THEN
          rewritten := ts_rewrite(q, as_query, pairs);
          IF rewritten <> q THEN
            q := rewritten;
            CONTINUE;
          END IF;
        END IF;
        q := q && pairs;
      END LOOP;
      RETURN q;
    END
    $$
    """,
    # The stored vectors, by weight: what a visitor reads first counts most. The ranking
    # one leaves out the long texts (weight D), which rank below any of the others anyway;
    # the full one adds the word pairs, so that a quoted phrase is looked up in the index
    # rather than checked row by row.
    """
    CREATE FUNCTION cuf_search_entry_vectors() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      NEW.rank_vector :=
           setweight(to_tsvector('cuf_french', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('cuf_french',
             coalesce(NEW.surtitre, '') || ' ' || coalesce(NEW.theme_names, '')), 'B')
        || setweight(to_tsvector('cuf_french',
             coalesce(NEW.summary, '') || ' ' || coalesce(NEW.details, '')), 'C');
      NEW.vector := cuf_with_phrase_pairs(
           NEW.rank_vector
        || setweight(to_tsvector('cuf_french',
             coalesce(NEW.body, '') || ' ' || coalesce(NEW.attachments, '')), 'D'));
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
    "DROP FUNCTION IF EXISTS cuf_phrase_query(tsquery, text[])",
    "DROP FUNCTION IF EXISTS cuf_with_phrase_pairs(tsvector)",
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
