"""The editorial home: what the signed-in person has to do or to watch, over every type.

Each list is one SQL UNION of the registered types the person may see (cuf.content_types),
so the page runs the same few queries however much content there is.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import CharField, Value
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


def _union(configs, narrow, order: tuple[str, ...]):
    parts = [
        narrow(config.model.objects.all())
        .order_by()
        .annotate(namespace=Value(config.namespace, CharField()))
        .values("namespace", "pk", "title", "published_at", "expires_at", "updated", "access")
        for config in configs
    ]
    first, *others = parts
    return first.union(*others, all=True).order_by(*order)


def _items(configs, narrow, order: tuple[str, ...]) -> list[DashboardItem]:
    if not configs:
        return []
    return [DashboardItem(**row) for row in _union(configs, narrow, order)[:LIST_LENGTH]]


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
