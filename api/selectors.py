"""What the API reads: published items only (the one publication rule), filtered, in a
stable order, one page at a time in a fixed number of queries whatever its size."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone

from api.models import ItemChange
from cuf import content_types
from cuf.publishing.rule import Status
from cuf.publishing.selectors import in_one_order
from cuf.themes.models import Theme, ThemedItem
from search.backends import backend_for
from search.models import SearchEntry
from search.text import Query


@dataclass(frozen=True)
class Filters:
    themes: list[Theme] = field(default_factory=list)
    date_after: datetime.date | None = None
    date_before: datetime.date | None = None
    updated_since: datetime.datetime | None = None
    query: Query | None = None
    period: str | None = None
    # A member's words also match what only reserved texts hold (search.models.Audience).
    members: bool = False


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, timezone.get_current_timezone())


def _tagged(model, themes) -> QuerySet:
    return ThemedItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        tag__in=themes,
    ).values("object_id")


def changed_since(config, since: datetime.datetime) -> Q:
    """Items that changed for visitors at or after ``since`` (inclusive: an item sent twice
    is harmless, one missed is not): written (the item, its parts, its
    theme links: ItemChange), or published by their date alone (a scheduled item whose
    time came)."""
    written = ItemChange.objects.filter(kind=config.key, changed_at__gte=since).values("object_id")
    return Q(updated__gte=since) | Q(published_at__gte=since) | Q(pk__in=written)


def published(config, filters: Filters) -> QuerySet:
    """Published items of ``config``'s type matching ``filters``, in the list's order: the
    newest publication first, or the period's own order (upcoming events soonest first)."""
    model = config.model
    queryset = model._default_manager.published()
    if filters.period:
        queryset = getattr(queryset, filters.period)()
    if filters.themes:
        queryset = queryset.filter(pk__in=_tagged(model, filters.themes))
    shown = config.shown_date
    if filters.date_after:
        queryset = queryset.filter(**{f"{shown}__gte": _start_of(filters.date_after)})
    if filters.date_before:
        next_day = filters.date_before + datetime.timedelta(days=1)
        queryset = queryset.filter(**{f"{shown}__lt": _start_of(next_day)})
    if filters.updated_since:
        queryset = queryset.filter(changed_since(config, filters.updated_since))
    if filters.query is not None and not filters.query.is_empty:
        findable = SearchEntry.objects.findable(members=filters.members)
        matched = backend_for(filters.query).matching(findable)
        queryset = queryset.filter(pk__in=matched.filter(kind=config.key).values("object_id"))
    if not filters.period:
        queryset = queryset.order_by("-published_at", "-pk")
    return queryset


def with_details(queryset: QuerySet, config) -> QuerySet:
    """What the serialiser reads, fetched with the page: the type's relations in one
    prefetch each, the last change as a column (themes: ``with_themes``)."""
    last_change = ItemChange.objects.filter(kind=config.key, object_id=OuterRef("pk"))
    return queryset.annotate(
        api_changed=Subquery(last_change.values("changed_at")[:1])
    ).prefetch_related(*config.api.prefetch)


def with_themes(items: list, config) -> list:
    """``items`` (of ``config``'s type), each with ``api_themes``: its themes in the order
    they were linked, read for the whole page in one query on the one through table.

    django-taggit's prefetch of ``themes`` cost a third of a list's time (a generic query
    built with ``extra()``, then a manager and a queryset for each item's ``.all()``).
    """
    if not items:
        return items
    content_type = ContentType.objects.get_for_model(config.model)
    links = (
        ThemedItem.objects.filter(content_type=content_type, object_id__in=[i.pk for i in items])
        .select_related("tag")
        .only("object_id", "tag__name", "tag__slug", "tag__kind")
        .order_by("pk")
    )
    themes: dict[int, list[Theme]] = {}
    for link in links:
        themes.setdefault(link.object_id, []).append(link.tag)
    for each in items:
        each.api_themes = themes.get(each.pk, [])
    return items


def every_type(configs, filters: Filters, *, limit: int | None = None) -> QuerySet:
    """(type, id) rows of every type's published items matching ``filters``, newest
    publication first (then type, then id: a strict order), in one SQL UNION; ``limit``,
    how many rows from the first will be read."""
    parts = [
        published(config, filters)
        .order_by()
        .annotate(api_type=Value(config.key, CharField()))
        .values("api_type", "pk", "published_at")
        for config in configs
    ]
    return in_one_order(parts, ("-published_at", "api_type", "-pk"), limit=limit)


def fetch(rows) -> list[tuple]:
    """The items of ``rows`` ((type, id) from ``every_type``), in their order: one query per
    type present, plus its prefetches, whatever the number of rows."""
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["api_type"], []).append(row["pk"])
    found = {}
    for key, pks in wanted.items():
        config = content_types.for_key(key)
        items = list(with_details(config.model._default_manager.filter(pk__in=pks), config))
        for each in with_themes(items, config):
            found[(key, each.pk)] = (each, config)
    keys = [(row["api_type"], row["pk"]) for row in rows]
    return [found[key] for key in keys if key in found]


def removed(since: datetime.datetime | None) -> QuerySet:
    """Tombstones: items deleted or taken off the site by a write (ItemChange), and items
    whose end of publication passed (no write marks that), after ``since``, oldest first.

    An item taken off and then published again is not listed: its row says it is public.
    """
    now = timezone.now()
    written = ItemChange.objects.exclude(removal="")
    if since is not None:
        written = written.filter(changed_at__gte=since)
    parts = [
        written.order_by()
        .annotate(api_type=F("kind"), at=F("changed_at"), reason=F("removal"))
        .values("api_type", "object_id", "at", "reason")
    ]
    for config in content_types.all_types():
        expired = config.model._default_manager.filter(status=Status.PUBLISHED, expires_at__lte=now)
        if since is not None:
            expired = expired.filter(expires_at__gte=since)
        # One row per item: a write that took it off already left its tombstone.
        tombstones = ItemChange.objects.filter(kind=config.key).exclude(removal="")
        expired = expired.exclude(pk__in=tombstones.values("object_id"))
        parts.append(
            expired.order_by()
            .annotate(
                api_type=Value(config.key, CharField()),
                object_id=F("pk"),
                at=F("expires_at"),
                reason=Value("expired", CharField()),
            )
            .values("api_type", "object_id", "at", "reason")
        )
    first, *others = parts
    return first.union(*others, all=True).order_by("at", "api_type", "object_id")
