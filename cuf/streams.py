"""Published items of every content type in one list, ordered by the database.

Each content type keeps its own table; a UNION of the registered types' published
querysets (cuf.content_types) gives the global feeds one query, sorted in SQL.

What is on a theme is read from the one through table (``ThemedItem``), which carries a
copy of each item's publication fields, title and address (kept here, in the transaction
of every write of the item or of the link): a theme page is one indexed query, and "Sur
ces thèmes" one query for all the item's themes, whatever the number of types.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Count, DateTimeField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cuf import content_types
from cuf.models import Theme, ThemedItem, published_q


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


def content_stream(*, themes=None):
    """Published items of all types (on ``themes`` if given), newest first, as rows."""
    parts = []
    for config in content_types.all_types():
        model, namespace = config.model, config.namespace
        queryset = model.objects.published()
        if themes is not None:
            queryset = queryset.filter(pk__in=_tagged_with(model, themes))
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


def _link_items(rows) -> list[StreamItem]:
    """Items from rows of ``ThemedItem`` (see ``LINK_FIELDS``)."""
    return [
        StreamItem(
            namespace=_config_of(row["content_type_id"]).namespace,
            pk=row["object_id"],
            title=row["title"],
            slug=row["slug"],
            surtitre=row["surtitre"],
            published_at=row["published_at"],
            shown_at=row["shown_at"],
        )
        for row in rows
    ]


def latest_items(*, themes=None, limit: int) -> list[StreamItem]:
    """The ``limit`` newest published items of every type (on ``themes`` if given)."""
    return _as_items(content_stream(themes=themes)[:limit])


# -- What is on a theme: the through table and its copies ----------------------------------

LINK_FIELDS = (
    "content_type_id",
    "object_id",
    "title",
    "slug",
    "surtitre",
    "published_at",
    "shown_at",
)
# Items published at the same instant still get a strict order (by type, then id), so
# that "previous" and "next" never skip nor repeat an item.
NEWEST_FIRST = ("-published_at", "-content_type_id", "-object_id")
OLDEST_FIRST = ("published_at", "content_type_id", "object_id")


def _config_of(content_type_id: int) -> content_types.ContentTypeConfig:
    return content_types.for_model(ContentType.objects.get_for_id(content_type_id).model_class())


def _registered_type_ids() -> list[int]:
    models = [config.model for config in content_types.all_types()]
    return [found.pk for found in ContentType.objects.get_for_models(*models).values()]


def public_links():
    """Links of the published items of every registered type (cuf.models.published_q)."""
    return ThemedItem.objects.filter(published_q(), content_type_id__in=_registered_type_ids())


def link_copies(config: content_types.ContentTypeConfig, item) -> dict:
    """What a link keeps of its item."""
    shown = getattr(item, config.shown_date) if config.shown_date != "published_at" else None
    return {
        "status": item.status,
        "published_at": item.published_at,
        "expires_at": item.expires_at,
        "title": item.title,
        "slug": item.slug,
        "surtitre": item.surtitre,
        "shown_at": shown,
    }


def _link_saving(sender, instance, **kwargs):
    """A link is written: its copies are read from its item, whatever it was given (an old
    version restored from the history included)."""
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    config = content_types.for_model(model) if model is not None else None
    if config is None:
        return
    item = model._default_manager.filter(pk=instance.object_id).first()
    if item is not None:
        for field, value in link_copies(config, item).items():
            setattr(instance, field, value)


def _item_saved(sender, instance, **kwargs):
    """An item is written: its links follow, in the same transaction."""
    config = content_types.for_model(sender)
    if config is not None:
        ThemedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).update(**link_copies(config, instance))


def refresh_links() -> int:
    """Copy every item's fields into its links again (after a bulk insert or a
    ``QuerySet.update()``, which send no signal). Returns the number of links."""
    count = 0
    for config in content_types.all_types():
        model = config.model
        item = model._default_manager.filter(pk=OuterRef("object_id"))
        fields = ["status", "published_at", "expires_at", "title", "slug", "surtitre"]
        copies = {field: Subquery(item.values(field)[:1]) for field in fields}
        copies["shown_at"] = (
            Subquery(item.values(config.shown_date)[:1])
            if config.shown_date != "published_at"
            else Value(None, DateTimeField())
        )
        count += ThemedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).update(**copies)
    return count


def connect() -> None:
    from django.db.models.signals import post_save, pre_save

    pre_save.connect(_link_saving, sender=ThemedItem, dispatch_uid="streams-link")
    post_save.connect(_item_saved, dispatch_uid="streams-item")


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
# the (tag, published_at) index among public links (cuf.models.published_q, spelled out).
_PUBLIC_LINK = """
    SELECT link.id FROM {links} link
    WHERE link.tag_id = theme.id AND link.content_type_id IN ({types})
      AND link.status = %s AND link.published_at <= %s
      AND (link.expires_at IS NULL OR link.expires_at > %s)
      AND {position}
    ORDER BY {order} LIMIT 1
"""
_BEFORE = (
    "(link.published_at < %s OR (link.published_at = %s AND (link.content_type_id < %s"
    " OR (link.content_type_id = %s AND link.object_id < %s))))"
)
_AFTER = (
    "(link.published_at > %s OR (link.published_at = %s AND (link.content_type_id > %s"
    " OR (link.content_type_id = %s AND link.object_id > %s))))"
)
_NEIGHBOURS = """
    SELECT theme.id, ({previous}), ({following}) FROM {themes} theme WHERE theme.id IN ({ids})
"""


def _neighbour_ids(item, theme_ids: list[int]) -> dict[int, tuple[int | None, int | None]]:
    from django.db import connection

    from cuf.models import Status

    types = _registered_type_ids()
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    at = ops.adapt_datetimefield_value(item.published_at)
    kind = ContentType.objects.get_for_model(item).pk
    links = connection.ops.quote_name(ThemedItem._meta.db_table)

    def part(position: str, order: str) -> str:
        return _PUBLIC_LINK.format(
            links=links, types=", ".join(["%s"] * len(types)), position=position, order=order
        )

    newest = "link.published_at DESC, link.content_type_id DESC, link.object_id DESC"
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
