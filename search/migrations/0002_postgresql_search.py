"""PostgreSQL's side of search: extensions, a French accent-insensitive configuration and
the GIN indexes. Nothing happens on other databases (SQLite searches its ``plain`` column).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = [
    # French stemming and stop words, after unaccent: "coopération" and "cooperation"
    # give the same lexeme. The configuration is a catalogue object, so to_tsvector() with
    # it stays immutable and may feed a stored, indexed column.
    "CREATE TEXT SEARCH CONFIGURATION cuf_french (COPY = pg_catalog.french)",
    "ALTER TEXT SEARCH CONFIGURATION cuf_french"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
    # Newest first without sorting: for words found almost everywhere, the page reads this
    # index and stops after its 20 rows (search.backends.RANK_LIMIT). (SQLite cannot index
    # NULLS LAST, and does not need it.)
    "CREATE INDEX search_entry_newest ON search_searchentry"
    " (published_at DESC NULLS LAST, id DESC)",
    # Keep rows narrow, so that counting tens of thousands of matches for the facets reads
    # few pages: long texts and the full vector go out of line (TOAST), while the small
    # ranking vector stays in the row, where ranking reads it.
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchentry ALTER COLUMN rank_vector SET STORAGE MAIN",
    # For the typo-tolerant fallback: the closest known words (pg_trgm similarity).
    "CREATE INDEX search_word_folded_trgm ON search_searchword USING gin (folded gin_trgm_ops)",
]
BACKWARD = [
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_word_folded_trgm",
    "DROP INDEX IF EXISTS search_entry_newest",
    "DROP INDEX IF EXISTS search_entry_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS cuf_french",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
