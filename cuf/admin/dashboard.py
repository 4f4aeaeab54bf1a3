"""The editorial home: what the signed-in person has to do or to watch, over every type.

Each list is one SQL UNION of the registered types the person may see (cuf.content_types),
so the page runs the same few queries however much content there is.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Q, Value
from django.urls import reverse
from django.utils import timezone

from cuf import content_types
from cuf.publishing.rule import Status
from cuf.text.plain import count_of

LIST_LENGTH = 8
# "Lately" and "soon", for what was published and what leaves the site.
WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class DashboardItem:
    namespace: str
    pk: int
    title: str
    published_at: datetime
    expires_at: datetime | None
    updated: datetime
    author_first_name: str | None = None
    author_last_name: str | None = None
    author_username: str | None = None
    # Who saved it last, from the admin's log (team drafts only).
    changed_by: str = ""

    @property
    def author(self) -> str:
        """The author as the team knows them: their full name, else their login."""
        full = f"{self.author_first_name or ''} {self.author_last_name or ''}".strip()
        return full or self.author_username or ""

    access: str = "public"

    @property
    def is_reserved(self) -> bool:
        return self.access == "members"

    @property
    def content_type(self) -> content_types.ContentTypeConfig:
        return content_types.for_namespace(self.namespace)

    @property
    def change_url(self) -> str:
        return reverse(self.content_type.admin_url_name("change"), args=[self.pk])


def _visible_types(user) -> list[content_types.ContentTypeConfig]:
    return [
        config
        for config in content_types.all_types()
        if user.has_perm(f"{config.model._meta.app_label}.view_{config.model._meta.model_name}")
    ]


COLUMNS = ("namespace", "pk", "title", "published_at", "expires_at", "updated", "access")
AUTHOR_COLUMNS = {
    "author_first_name": F("author__first_name"),
    "author_last_name": F("author__last_name"),
    "author_username": F("author__username"),
}


def _union(configs, narrow, order: tuple[str, ...], *, authors: bool = False):
    extra = AUTHOR_COLUMNS if authors else {}
    parts = [
        narrow(config.model.objects.all())
        .order_by()
        .annotate(namespace=Value(config.namespace, CharField()), **extra)
        .values(*COLUMNS, *extra)
        for config in configs
    ]
    first, *others = parts
    return first.union(*others, all=True).order_by(*order)


def _items(configs, narrow, order: tuple[str, ...], *, authors=False) -> list[DashboardItem]:
    if not configs:
        return []
    rows = _union(configs, narrow, order, authors=authors)[:LIST_LENGTH]
    return [DashboardItem(**row) for row in rows]


def _with_last_editors(items: list[DashboardItem]) -> list[DashboardItem]:
    """The items, each with who saved it last (the admin's log), in one query."""
    if not items:
        return items
    kinds = ContentType.objects.get_for_models(*(item.content_type.model for item in items))
    keys = {
        (kinds[item.content_type.model].pk, str(item.pk)): index for index, item in enumerate(items)
    }
    wanted = Q()
    for content_type_id, object_id in keys:
        wanted |= Q(content_type_id=content_type_id, object_id=object_id)
    found: dict[int, str] = {}
    entries = LogEntry.objects.filter(wanted).select_related("user").order_by("-action_time")
    for entry in entries.only("content_type_id", "object_id", "user"):
        index = keys[(entry.content_type_id, entry.object_id)]
        if index not in found:
            found[index] = entry.user.get_full_name() or entry.user.get_username()
    return [
        replace(item, changed_by=found[index]) if index in found else item
        for index, item in enumerate(items)
    ]


def editorial_home(user, *, now: datetime | None = None) -> dict:
    """The lists of the admin's home page for ``user``, and what they may add."""
    now = now or timezone.now()
    configs = _visible_types(user)
    untagged = (
        _union(configs, lambda queryset: queryset.untagged(), ("pk",)).count() if configs else 0
    )
    return {
        "drafts": _items(
            configs,
            lambda queryset: queryset.filter(status=Status.DRAFT, author=user),
            ("-updated", "-pk"),
        ),
        # A colleague's draft appears nowhere else: the team's, with author and last change.
        "team_drafts": _with_last_editors(
            _items(
                configs,
                lambda queryset: queryset.filter(status=Status.DRAFT).exclude(author=user),
                ("-updated", "-pk"),
                authors=True,
            )
        ),
        "scheduled": _items(
            configs,
            lambda queryset: queryset.filter(status=Status.PUBLISHED, published_at__gt=now),
            ("published_at", "pk"),
        ),
        "recent": _items(
            configs,
            lambda queryset: queryset.published().filter(published_at__gte=now - WINDOW),
            ("-published_at", "-pk"),
        ),
        "ending": _items(
            configs,
            lambda queryset: queryset.published().filter(
                expires_at__gt=now, expires_at__lte=now + WINDOW
            ),
            ("expires_at", "pk"),
        ),
        "untagged": untagged,
        "untagged_label": count_of(untagged, "contenu sans thème", "contenus sans thème"),
        "add_links": [
            {"label": f"Ajouter {config.noun.a}", "url": reverse(config.admin_url_name("add"))}
            for config in configs
            if user.has_perm(f"{config.model._meta.app_label}.add_{config.model._meta.model_name}")
        ],
    }
