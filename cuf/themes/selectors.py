"""What pages read of themes: a theme's page (from the theme links), "Sur ces thèmes"
(the items just before and after on each of an item's themes), themes with their counts,
and the themes a section's list offers as a filter."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from cuf import content_types
from cuf.publishing.rule import Status
from cuf.publishing.selectors import StreamItem
from cuf.themes.links import LINK_FIELDS, config_of, public_links, registered_type_ids
from cuf.themes.models import Theme, ThemedItem


def _link_items(rows) -> list[StreamItem]:
    """Items from rows of ``ThemedItem`` (see ``LINK_FIELDS``)."""
    return [
        StreamItem(
            namespace=config_of(row["content_type_id"]).namespace,
            pk=row["object_id"],
            title=row["title"],
            slug=row["slug"],
            surtitre=row["surtitre"],
            access=row["access"],
            published_at=row["published_at"],
            shown_at=row["shown_at"],
        )
        for row in rows
    ]


# Items published at the same instant still get a strict order (by type, then id), so
# that "previous" and "next" never skip nor repeat an item.
NEWEST_FIRST = ("-published_at", "-content_type_id", "-object_id")
OLDEST_FIRST = ("published_at", "content_type_id", "object_id")


def theme_stream(theme):
    """Published items of every type on ``theme``, by the date each shows in lists (an
    event's start, anything else's publication), latest first, as rows for
    ``LinkPaginator`` (a page is one query, its count another)."""
    return (
        public_links()
        .filter(tag=theme)
        .annotate(shown=Coalesce("shown_at", "published_at"))
        .order_by("-shown", "-content_type_id", "-object_id")
        .values(*LINK_FIELDS)
    )


class LinkPaginator(Paginator):
    def _get_page(self, object_list, number, paginator):
        return super()._get_page(_link_items(object_list), number, paginator)


# "Sur ces thèmes" looks at this many of an item's themes.
MAX_NEIGHBOUR_THEMES = 4


@dataclass(frozen=True)
class ThemeNeighbours:
    theme: Theme
    previous: StreamItem | None
    next: StreamItem | None


# One statement for every theme of the item, written once: for each theme, the id of the
# link just before and just after the item in NEWEST_FIRST order, each a LIMIT 1 probe of
# the (tag, shown date) index among public links (cuf.publishing.rule.published_q, spelled out).
_PUBLIC_LINK = """
    SELECT link.id FROM {links} link
    WHERE link.tag_id = theme.id AND link.content_type_id IN ({types})
      AND link.status = %s AND link.published_at <= %s
      AND (link.expires_at IS NULL OR link.expires_at > %s)
      AND {position}
    ORDER BY {order} LIMIT 1
"""
# The date each item shows (an event's start, anything else's publication), as theme
# pages sort by it: "previous" is the item shown just before, whatever its type.
_SHOWN = "COALESCE(link.shown_at, link.published_at)"
_BEFORE = (
    f"({_SHOWN} < %s OR ({_SHOWN} = %s AND (link.content_type_id < %s"
    " OR (link.content_type_id = %s AND link.object_id < %s))))"
)
_AFTER = (
    f"({_SHOWN} > %s OR ({_SHOWN} = %s AND (link.content_type_id > %s"
    " OR (link.content_type_id = %s AND link.object_id > %s))))"
)
_NEIGHBOURS = """
    SELECT theme.id, ({previous}), ({following}) FROM {themes} theme WHERE theme.id IN ({ids})
"""


def _neighbour_ids(item, theme_ids: list[int]) -> dict[int, tuple[int | None, int | None]]:
    types = registered_type_ids()
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    config = content_types.for_model(item)
    at = ops.adapt_datetimefield_value(getattr(item, config.shown_date) or item.published_at)
    kind = ContentType.objects.get_for_model(item).pk
    links = connection.ops.quote_name(ThemedItem._meta.db_table)

    def part(position: str, order: str) -> str:
        return _PUBLIC_LINK.format(
            links=links, types=", ".join(["%s"] * len(types)), position=position, order=order
        )

    newest = f"{_SHOWN} DESC, link.content_type_id DESC, link.object_id DESC"
    oldest = newest.replace(" DESC", " ASC")
    sql = _NEIGHBOURS.format(
        previous=part(_BEFORE, newest),
        following=part(_AFTER, oldest),
        themes=connection.ops.quote_name(Theme._meta.db_table),
        ids=", ".join(["%s"] * len(theme_ids)),
    )
    position = [at, at, kind, kind, item.pk]
    params = [*types, Status.PUBLISHED, now, now, *position] * 2 + theme_ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {theme_id: (previous, following) for theme_id, previous, following in cursor}


def theme_neighbours(item, themes) -> list[ThemeNeighbours]:
    """For each of ``themes`` (the first few), the published items just before and after.

    Two queries whatever the number of themes and types: the ids of both neighbours on
    each theme, then their rows. ``themes`` is the item's (prefetched) themes.
    """
    themes = list(themes)[:MAX_NEIGHBOUR_THEMES]
    if not themes:
        return []
    pairs = _neighbour_ids(item, [theme.pk for theme in themes])
    wanted = {link for pair in pairs.values() for link in pair if link is not None}
    rows = list(ThemedItem.objects.filter(pk__in=wanted).values("pk", *LINK_FIELDS))
    items = dict(zip([row["pk"] for row in rows], _link_items(rows), strict=True))
    return [
        ThemeNeighbours(theme, *(items.get(link) for link in pairs.get(theme.pk, (None, None))))
        for theme in themes
    ]


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
        .order_by("-kind", "name_key")  # thématiques first, then pays / régions
    )


def themes_used_by(model):
    """Themes of at least one published item of ``model``, by name: a list's theme filter."""
    tagged = ThemedItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=model.objects.published().values("pk"),
    ).values("tag")
    return Theme.objects.filter(pk__in=tagged).order_by("name_key")


def merge_outcome(*, sources, target) -> tuple[int, int]:
    """What merging ``sources`` into ``target`` would do: how many items are classed under
    the sources, and how many of them would move (those not already under ``target``)."""
    rows = ThemedItem.objects.filter(tag__in=[source.pk for source in sources])
    items = rows.values("content_type_id", "object_id").distinct()
    on_target = ThemedItem.objects.filter(tag=target).values_list("content_type_id", "object_id")
    total = items.count()
    if not total:
        return 0, 0
    already = set(on_target.filter(object_id__in=rows.values("object_id")))
    moving = sum(1 for row in items if (row["content_type_id"], row["object_id"]) not in already)
    return total, moving
