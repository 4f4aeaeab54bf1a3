"""Published items of every content type in one list, ordered by the database.

Each content type keeps its own table; a UNION of the registered types' published
querysets (cuf.content_types) gives the theme pages and the "Sur ces thèmes" block one
query, sorted and paginated in SQL.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import CharField, Count, DateTimeField, F, Q, Value

from cuf import content_types
from cuf.models import Theme, ThemedItem


@dataclass(frozen=True)
class StreamItem:
    namespace: str
    pk: int
    title: str
    slug: str
    surtitre: str
    published_at: datetime
    # The date its type shows instead of the publication (an event's start), if any.
    shown_at: datetime | None

    @property
    def content_type(self) -> content_types.ContentTypeConfig:
        return content_types.for_namespace(self.namespace)

    @property
    def type_label(self) -> str:
        return self.content_type.label

    def get_absolute_url(self) -> str:
        return self.content_type.detail_url(self.slug)


def _tagged_with(model, themes):
    return ThemedItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        tag__in=themes,
    ).values("object_id")


def _namespace_of(item) -> str:
    config = content_types.for_model(item)
    if config is None:
        raise TypeError(f"{type(item).__name__} is not a registered content type")
    return config.namespace


def _before(item, namespace: str) -> Q:
    """Rows of ``model`` that come before ``item`` in (published_at, namespace, pk) order.

    Items published at the same instant still get a strict order (by type, then id),
    so that "previous" and "next" never skip nor repeat an item.
    """
    at, item_namespace = item.published_at, _namespace_of(item)
    if namespace < item_namespace:
        return Q(published_at__lte=at)
    if namespace > item_namespace:
        return Q(published_at__lt=at)
    return Q(published_at__lt=at) | Q(published_at=at, pk__lt=item.pk)


def _after(item, namespace: str) -> Q:
    at, item_namespace = item.published_at, _namespace_of(item)
    if namespace < item_namespace:
        return Q(published_at__gt=at)
    if namespace > item_namespace:
        return Q(published_at__gte=at)
    return Q(published_at__gt=at) | Q(published_at=at, pk__gt=item.pk)


def content_stream(*, themes=None, exclude=None, before=None, after=None):
    """Published items of all types (on ``themes`` if given), newest first, as rows.

    ``before`` / ``after``: only the items published before (after) that item.
    """
    parts = []
    for config in content_types.all_types():
        model, namespace = config.model, config.namespace
        queryset = model.objects.published()
        if themes is not None:
            queryset = queryset.filter(pk__in=_tagged_with(model, themes))
        if isinstance(exclude, model):
            queryset = queryset.exclude(pk=exclude.pk)
        if before is not None:
            queryset = queryset.filter(_before(before, namespace))
        if after is not None:
            queryset = queryset.filter(_after(after, namespace))
        shown = (
            F(config.shown_date)
            if config.shown_date != "published_at"
            else Value(None, DateTimeField())
        )
        parts.append(
            queryset.order_by()
            .annotate(namespace=Value(namespace, CharField()), shown=shown)
            .values("namespace", "pk", "title", "slug", "surtitre", "published_at", "shown")
        )
    first, *others = parts
    return first.union(*others, all=True).order_by("-published_at", "-pk")


def _as_items(rows) -> list[StreamItem]:
    return [
        StreamItem(
            namespace=row["namespace"],
            pk=row["pk"],
            title=row["title"],
            slug=row["slug"],
            surtitre=row["surtitre"],
            published_at=row["published_at"],
            shown_at=row["shown"],
        )
        for row in rows
    ]


def latest_items(*, themes=None, limit: int) -> list[StreamItem]:
    """The ``limit`` newest published items of every type (on ``themes`` if given)."""
    return _as_items(content_stream(themes=themes)[:limit])


class StreamPaginator(Paginator):
    def _get_page(self, object_list, number, paginator):
        return super()._get_page(_as_items(object_list), number, paginator)


# "Sur ces thèmes" looks at this many of an item's themes: two queries each, at most.
MAX_NEIGHBOUR_THEMES = 4


@dataclass(frozen=True)
class ThemeNeighbours:
    theme: Theme
    previous: StreamItem | None
    next: StreamItem | None


def _first(rows) -> StreamItem | None:
    items = _as_items(rows[:1])
    return items[0] if items else None


def theme_neighbours(item, themes) -> list[ThemeNeighbours]:
    """For each of ``themes`` (the first few), the published items just before and after.

    Two LIMIT 1 queries per theme, whatever the amount of content: the item's page runs a
    bounded number of queries. ``themes`` is the item's (prefetched) themes.
    """
    groups = []
    for theme in list(themes)[:MAX_NEIGHBOUR_THEMES]:
        previous = content_stream(themes=[theme], before=item).order_by(
            "-published_at", "-namespace", "-pk"
        )
        following = content_stream(themes=[theme], after=item).order_by(
            "published_at", "namespace", "pk"
        )
        groups.append(ThemeNeighbours(theme, _first(previous), _first(following)))
    return groups


def theme_counts():
    """Themes that have published content, with how many items each, by kind then name."""
    published_on_theme = Q()
    for config in content_types.all_types():
        model = config.model
        published_on_theme |= Q(
            items__content_type__app_label=model._meta.app_label,
            items__content_type__model=model._meta.model_name,
            items__object_id__in=model.objects.published().values("pk"),
        )
    return (
        Theme.objects.annotate(published_count=Count("items", filter=published_on_theme))
        .filter(published_count__gt=0)
        .order_by("-kind", "name")  # thématiques first, then pays / régions
    )


def themes_used_by(model):
    """Themes of at least one published item of ``model``, by name: a list's theme filter."""
    tagged = ThemedItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=model.objects.published().values("pk"),
    ).values("tag")
    return Theme.objects.filter(pk__in=tagged).order_by("name")
