"""How each database matches, ranks and highlights: the one place that differs.

PostgreSQL: full-text search on the stored vector (French stemming, accents ignored,
weighted fields, web-search syntax), ts_headline excerpts.

SQLite (the embedded default): word starts in the folded ``plain`` column with a light
plural stemmer, ranked by words found in the title, excerpts built in Python.

Both offer typo suggestions, each from its own index of words (search.suggestions).
"""

from collections import Counter
from contextlib import contextmanager, nullcontext
from functools import cached_property

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
)
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from cuf.text.plain import fold
from search.models import TS_CONFIG, SearchEntry, split_facet_keys
from search.suggestions import closest_words
from search.text import (
    MARK_END,
    MARK_START,
    Excerpt,
    Query,
    excerpt,
    file_excerpt,
    highlight,
    narrow_phrases,
    parse,
)

EXCERPT_CHARS = 240
# Columns never needed to show a result (and large).
HEAVY = (
    "plain",
    "vector",
    "rank_vector",
    "facet_keys",
    "title_plain",
    "details",
    "theme_names",
)
# The text an excerpt is taken from.
EXCERPT_SOURCE = ("summary", "body", "attachments")


# Above this many matches, the words are too common to rank by: newest first. Ranking
# reads every match; the newest-first order reads only the page's rows.
RANK_LIMIT = 20_000


def _newest(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("-rank", F("published_at").desc(nulls_last=True), "-pk")


class Matches(Func):
    """``vector @@ tsquery`` for any tsquery expression (Django's lookup wraps its
    right-hand side in plainto_tsquery unless it is a SearchQuery)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class PostgresBackend:
    def __init__(self, query: Query):
        self.query = query
        self.tsquery = SearchQuery(query.websearch, search_type="websearch", config=TS_CONFIG)

    @cached_property
    def match_query(self):
        """The query for matching only: required phrases are looked up by their word pairs
        in the index (search.text.narrow_phrases); ranking and excerpts read it as typed."""
        if '"' not in self.query.text:
            return self.tsquery
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT websearch_to_tsquery(%s::regconfig, %s)::text",
                [TS_CONFIG, self.query.websearch],
            )
            as_typed = cursor.fetchone()[0]
        narrowed = narrow_phrases(as_typed)
        if narrowed == as_typed:
            return self.tsquery
        return Cast(Value(narrowed), SearchQueryField())

    @contextmanager
    def session(self):
        """Run the search's queries with the GIN index as the only way in.

        For a common word the planner prefers reading the whole table, which costs a
        de-TOAST of every row's vector (five to ten times slower than the index). The
        setting lasts until the end of this transaction only.
        """
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def matching(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(Matches(F("vector"), self.match_query))

    def count_facet_keys(self, matched: QuerySet) -> dict[str, int]:
        """How many matches hold each facet key, in one pass over the matches: ts_stat
        counts the lexemes of the facet_keys vectors the inner query returns."""
        sql, params = matched.order_by().values("facet_keys").query.sql_with_params()
        with connection.cursor() as cursor:
            inner = cursor.mogrify(sql, params)  # quoted by the driver, as execute() does
            if isinstance(inner, bytes):
                inner = inner.decode()
            cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [inner])
            return dict(cursor.fetchall())

    def ranked(self, queryset: QuerySet, *, total: int) -> QuerySet:
        if total > RANK_LIMIT:
            return _newest(queryset.annotate(rank=Value(0.0, output_field=FloatField())))
        return _newest(queryset.annotate(rank=SearchRank(F("rank_vector"), self.tsquery)))

    def suggestion(self) -> Query | None:
        return _suggestion(self.query)

    def for_display(self, queryset: QuerySet) -> QuerySet:
        """The page's rows with their highlighted title and excerpt (ts_headline runs
        after LIMIT, on these rows only)."""
        options = {"config": TS_CONFIG, "start_sel": MARK_START, "stop_sel": MARK_END}
        # The readable text only; files are read apart (``marked``), named.
        source = Concat("summary", Value(" "), "body", output_field=TextField())
        return queryset.defer(*HEAVY, *EXCERPT_SOURCE).annotate(
            title_marked=SearchHeadline("title", self.tsquery, highlight_all=True, **options),
            excerpt_marked=SearchHeadline(
                source,
                self.tsquery,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **options,
            ),
        )

    def marked(self, entries: list) -> list[tuple[str, Excerpt]]:
        """Each entry's title and excerpt. Where the words are not in the readable text,
        the entries' files are read (one query for the page) and the excerpt is taken
        from the file that holds them."""
        elsewhere = [e.pk for e in entries if MARK_START not in (e.excerpt_marked or "")]
        files = dict(
            SearchEntry.objects.filter(pk__in=elsewhere)
            .exclude(attachments="")
            .values_list("pk", "attachments")
        )
        parsed = parse(self.query)
        out = []
        for entry in entries:
            found = None
            if entry.pk in files:
                found = file_excerpt(files[entry.pk], parsed, max_chars=EXCERPT_CHARS)
            out.append((entry.title_marked, found or Excerpt(entry.excerpt_marked)))
        return out


class SQLiteBackend:
    def __init__(self, query: Query):
        self.query = query
        self.parsed = parse(query)

    def _term_q(self, term) -> Q:
        return Q(plain__contains=term.pattern)

    def matching(self, queryset: QuerySet) -> QuerySet:
        if not self.parsed.groups:
            return queryset.none()
        condition = Q()
        for group in self.parsed.groups:
            both = Q()
            for term in group:
                both &= ~self._term_q(term) if term.negated else self._term_q(term)
            condition |= both
        return queryset.filter(condition)

    def session(self):
        return nullcontext()

    def count_facet_keys(self, matched: QuerySet) -> dict[str, int]:
        counts: Counter = Counter()
        for keys in matched.order_by().values_list("facet_keys", flat=True):
            counts.update(split_facet_keys(keys))
        return dict(counts)

    def ranked(self, queryset: QuerySet, *, total: int) -> QuerySet:
        """Simpler ranking: how many of the query's words the title holds, then newest."""
        terms = [t for group in self.parsed.groups for t in group if not t.negated]
        score = Value(0, output_field=IntegerField())
        for term in terms:
            score += Case(
                When(title_plain__contains=term.pattern, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        return _newest(queryset.annotate(rank=score))

    def suggestion(self) -> Query | None:
        return _suggestion(self.query)

    def for_display(self, queryset: QuerySet) -> QuerySet:
        return queryset.defer(*HEAVY)

    def marked(self, entries: list) -> list[tuple[str, Excerpt]]:
        return [
            (
                highlight(entry.title, self.parsed),
                excerpt(
                    " ".join(filter(None, (entry.summary, entry.body))),
                    entry.attachments,
                    self.parsed,
                    max_chars=EXCERPT_CHARS,
                ),
            )
            for entry in entries
        ]


def _suggestion(query: Query) -> Query | None:
    """The query with each word replaced by the closest word visitors may find
    (search.suggestions), or None when that changes nothing."""
    typed = parse(query).positive_words
    closest = closest_words(typed)
    if not closest or [fold(word) for word in closest] == typed:
        return None
    return Query(" ".join(closest))


def backend_for(query: Query):
    if connection.vendor == "postgresql":
        return PostgresBackend(query)
    return SQLiteBackend(query)
