"""Reading the index for the results page: matches, facets and one page of results.

A search runs a fixed number of queries whatever the number of results: one count of the
facet keys of all matches and one for the names of their themes (both cached a few
minutes, whatever facets are chosen), one for the page; the typo fallback, when nothing
matched, adds one query for the suggestion and one count.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.safestring import mark_safe

from cuf import content_types
from cuf.text.plain import fold
from cuf.text.querystrings import integer, readable
from cuf.themes.models import Theme
from search.backends import backend_for
from search.indexing import generation as index_generation
from search.models import THEME_LABEL_PLURAL, SearchEntry, read_facet_key
from search.models import kinds as entry_kinds
from search.text import MAX_QUERY_LENGTH, Query, marked_html

PAGE_SIZE = 20
FACET_CACHE_SECONDS = 300
MAX_THEME_OPTIONS = 12
YEARS = range(1900, 2200)

# What /recherche/ reads besides the page number and the theme (cuf.public.views).
# Search words are free text: a results page is rendered for each visitor and never kept
# by the page cache (a flood of made-up words would otherwise fill it); what is costly
# in it, the facet counts, is kept below, and only for words that found something.
QUERY_PARAMETERS = (
    content_types.QueryParameter(
        "q",
        lambda value: readable(value, max_length=MAX_QUERY_LENGTH),
        views=("search:results",),
        kept=False,
    ),
    content_types.QueryParameter(
        "type", lambda value: value in entry_kinds(), views=("search:results",)
    ),
    content_types.QueryParameter(
        "annee",
        lambda value: integer(value, minimum=YEARS.start, maximum=YEARS.stop - 1) is not None,
        views=("search:results",),
    ),
)


def kind_facet_label(kind: str) -> str:
    config = content_types.for_key(kind)
    return config.label_plural if config else THEME_LABEL_PLURAL


@dataclass(frozen=True)
class Filters:
    """The facets a visitor chose; values that mean nothing are ignored, not errors."""

    kind: str | None = None
    theme: Theme | None = None
    year: int | None = None

    @classmethod
    def from_params(cls, *, kind: str | None, theme: str | None, year: str | None) -> "Filters":
        kind = kind if kind in entry_kinds() else None
        # A value no theme can have (a NUL, which PostgreSQL refuses) is not looked up.
        theme_obj = Theme.objects.filter(slug=theme).first() if theme and readable(theme) else None
        year_value = integer(year, minimum=YEARS.start, maximum=YEARS.stop - 1)
        return cls(kind=kind, theme=theme_obj, year=year_value)

    @property
    def any(self) -> bool:
        return bool(self.kind or self.theme or self.year)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facets:
    kinds: list[FacetOption] = field(default_factory=list)
    themes: list[FacetOption] = field(default_factory=list)
    years: list[FacetOption] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.kinds or self.themes or self.years)


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    title_html: str
    excerpt_html: str
    # The excerpt comes from this file (its title, "" for the item's own file), not from
    # the item's text.
    excerpt_file: str | None = None

    @property
    def kind_label(self) -> str:
        return self.entry.kind_label


@dataclass
class SearchResults:
    query: Query
    filters: Filters
    total: int = 0
    # The typo fallback: nothing matched the query, these are the results of this one.
    suggestion: Query | None = None
    facets: Facets = field(default_factory=Facets)
    page: Page | None = None
    hits: list[Hit] = field(default_factory=list)


class CountedPaginator(Paginator):
    """A paginator told the count, already known from the facet query."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


@dataclass(frozen=True)
class FacetCounts:
    """How many matches of a query fall in each type and year, overall and per theme:
    enough to count every facet within the other facets' choices, for any choice."""

    by_kind_year: dict[tuple[str, int | None], int]
    by_theme: dict[int, dict[tuple[str, int | None], int]]
    themes: dict[int, tuple[str, str]]  # id: (slug, name), for the themes counted

    @classmethod
    def from_keys(cls, counts: dict[str, int]) -> "FacetCounts":
        by_kind_year: dict = {}
        by_theme: dict = {}
        for key, count in counts.items():
            theme, kind, year = read_facet_key(key)
            target = by_kind_year if theme is None else by_theme.setdefault(theme, {})
            target[(kind, year)] = count
        themes = {
            pk: (slug, name)
            for pk, slug, name in Theme.objects.filter(pk__in=list(by_theme)).values_list(
                "pk", "slug", "name"
            )
        }
        return cls(by_kind_year, by_theme, themes)

    @property
    def any(self) -> bool:
        return bool(self.by_kind_year)


def _facet_counts(backend, matched: QuerySet, query: Query, *, members: bool) -> FacetCounts:
    """The facet counts of ``query``, kept a few minutes.

    Counting every match of a common word (tens of thousands of rows) is the costly part
    of a search; it is done once per query, whatever facets are chosen, and the results
    page itself is always read live. The key holds the index generation, moved on by
    every index write and when a scheduled item's time comes, so counts follow what
    visitors may see.
    """
    generation = index_generation()
    digest = hashlib.sha256(query.text.encode()).hexdigest()[:32]
    # Members and visitors find different entries (search.models.Audience).
    audience = "members" if members else "public"
    key = f"search:facets:{generation}:{audience}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = FacetCounts.from_keys(backend.count_facet_keys(matched))
        if counts.any:
            # Words that find nothing cost nothing to count again, and are not kept:
            # made-up words never fill the cache.
            cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


def _kind_and_year_facets(counts: FacetCounts, filters: Filters) -> tuple[int, list, list]:
    """Total, type options and year options.

    Each facet counts what the *other* chosen facets leave, so a visitor can switch from
    one type (or year) to another in one click.
    """
    rows = counts.by_theme.get(filters.theme.pk, {}) if filters.theme else counts.by_kind_year
    by_kind: dict[str, int] = {}
    by_year: dict[int, int] = {}
    total = 0
    for (kind, year), n in rows.items():
        year_ok = filters.year is None or year == filters.year
        kind_ok = filters.kind is None or kind == filters.kind
        if year_ok:
            by_kind[kind] = by_kind.get(kind, 0) + n
        if kind_ok and year is not None:
            by_year[year] = by_year.get(year, 0) + n
        if year_ok and kind_ok:
            total += n
    kinds = [
        FacetOption(value, kind_facet_label(value), by_kind.get(value, 0), value == filters.kind)
        for value in entry_kinds()
        if by_kind.get(value) or value == filters.kind
    ]
    years = [
        FacetOption(str(year), str(year), count, year == filters.year)
        for year, count in sorted(by_year.items(), reverse=True)
    ]
    return total, kinds, years


def _theme_facet(counts: FacetCounts, filters: Filters) -> list[FacetOption]:
    """The themes most represented among the matches of the chosen type and year."""
    per_theme = []
    for theme_id, rows in counts.by_theme.items():
        n = sum(
            count
            for (kind, year), count in rows.items()
            if (filters.kind is None or kind == filters.kind)
            and (filters.year is None or year == filters.year)
        )
        if n and theme_id in counts.themes:
            slug, name = counts.themes[theme_id]
            per_theme.append((n, slug, name))
    # Most results first; equals in alphabetical order, as a French reader expects it.
    per_theme.sort(key=lambda option: (-option[0], fold(option[2]), option[2]))
    selected = filters.theme.slug if filters.theme else None
    options = [
        FacetOption(slug, name, n, slug == selected)
        for n, slug, name in per_theme[:MAX_THEME_OPTIONS]
    ]
    if filters.theme and not any(option.selected for option in options):
        options.append(FacetOption(filters.theme.slug, filters.theme.name, 0, True))
    return options


def _narrowed(matched: QuerySet, filters: Filters) -> QuerySet:
    if filters.kind:
        matched = matched.filter(kind=filters.kind)
    if filters.year:
        matched = matched.filter(year=filters.year)
    if filters.theme:
        matched = matched.filter(themes=filters.theme)
    return matched


def search(
    *, query: Query, filters: Filters, page: str | int | None = 1, members: bool = False
) -> SearchResults:
    """Published items (and themes) matching ``query``, best and newest first; a
    visitor's words match only the teasers of items reserved to members, a member's
    (``members=True``) their whole text (search.models.Audience)."""
    results = SearchResults(query=query, filters=filters)
    if query.is_empty:
        return results
    backend = backend_for(query)
    with backend.session():
        return _search(results, backend, page, members=members)


def _search(results: SearchResults, backend, page, *, members: bool) -> SearchResults:
    filters, public = results.filters, SearchEntry.objects.findable(members=members)
    matched = backend.matching(public)
    counts = _facet_counts(backend, matched, results.query, members=members)
    # The typo fallback, when the words match nothing at all (a facet chosen on the
    # corrected results keeps them corrected).
    if not counts.any:
        suggestion = backend.suggestion()
        if suggestion is not None:
            results.suggestion = suggestion
            backend = backend_for(suggestion)
            matched = backend.matching(public)
            counts = _facet_counts(backend, matched, suggestion, members=members)
    total, kinds, years = _kind_and_year_facets(counts, filters)
    if total == 0:
        return results
    results.total = total
    results.facets = Facets(kinds=kinds, themes=_theme_facet(counts, filters), years=years)
    ranked = backend.ranked(_narrowed(matched, filters), total=total)
    paginator = CountedPaginator(backend.for_display(ranked), PAGE_SIZE, count=total)
    results.page = paginator.get_page(page)
    entries = list(results.page.object_list)
    for entry, (title, excerpt) in zip(entries, backend.marked(entries), strict=True):
        results.hits.append(
            # marked_html escapes everything but the search's own <mark> elements.
            Hit(
                entry,
                mark_safe(marked_html(title)),
                mark_safe(marked_html(excerpt.marked)),
                excerpt_file=excerpt.file,
            )
        )
    return results
