"""Reads over every content type that pages compose: a theme's page in the order of the
dates it shows.

Like cuf.streams, these go through the registry (cuf.content_types) and each type's own
``published()`` queryset; the core names no content type.
"""

from django.core.paginator import Paginator
from django.db.models import CharField, F, Value

from cuf import content_types
from cuf.streams import StreamItem


def dated_stream(*, theme):
    """Published items of every type on ``theme``, by the date each shows in lists (an
    event's start, anything else's publication), latest first, as rows."""
    parts = []
    for config in content_types.all_types():
        parts.append(
            config.model.objects.published()
            .filter(themes=theme)
            .order_by()
            .annotate(namespace=Value(config.namespace, CharField()), shown=F(config.shown_date))
            .values("namespace", "pk", "title", "slug", "surtitre", "published_at", "shown")
        )
    first, *others = parts
    return first.union(*others, all=True).order_by("-shown", "-namespace", "-pk")


def _as_items(rows) -> list[StreamItem]:
    items = []
    for row in rows:
        own_date = content_types.for_namespace(row["namespace"]).shown_date != "published_at"
        items.append(
            StreamItem(
                namespace=row["namespace"],
                pk=row["pk"],
                title=row["title"],
                slug=row["slug"],
                surtitre=row["surtitre"],
                published_at=row["published_at"],
                # Lists say "le …" for a date of the item's own, "publié le …" otherwise.
                shown_at=row["shown"] if own_date else None,
            )
        )
    return items


class DatedStreamPaginator(Paginator):
    def _get_page(self, object_list, number, paginator):
        return super()._get_page(_as_items(object_list), number, paginator)
