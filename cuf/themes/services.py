"""Writes on themes: tag and untag items, rename a theme (keeping its old address), merge
themes. Each runs in one transaction and validates with ``full_clean()``."""

from collections.abc import Iterable

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils.text import slugify

from cuf.changes import send_links_changed
from cuf.publishing.history import history_record
from cuf.themes.models import Theme, ThemedItem, ThemeRedirect


@transaction.atomic
def items_theme_add(*, items: QuerySet, theme: Theme, user: AbstractBaseUser | None = None) -> int:
    """Tag every item of ``items`` with ``theme``; returns how many were not tagged yet."""
    count = 0
    with reversion.create_revision():
        for item in items.exclude(themes=theme):
            item.themes.add(theme)
            reversion.add_to_revision(item)
            count += 1
        history_record(user=user, comment=f"Thème « {theme} » ajouté.")
    return count


@transaction.atomic
def items_theme_remove(
    *, items: QuerySet, theme: Theme, user: AbstractBaseUser | None = None
) -> int:
    """Untag ``theme`` from every item of ``items``; returns how many had it."""
    count = 0
    with reversion.create_revision():
        for item in items.filter(themes=theme):
            item.themes.remove(theme)
            reversion.add_to_revision(item)
            count += 1
        history_record(user=user, comment=f"Thème « {theme} » retiré.")
    return count


def _keep_old_address(*, old_slug: str, theme: Theme, old_theme_id: int | None = None) -> None:
    defaults = {"theme": theme}
    if old_theme_id is not None:
        defaults["old_theme_id"] = old_theme_id
    ThemeRedirect.objects.update_or_create(old_slug=old_slug, defaults=defaults)


@transaction.atomic
def theme_rename(*, theme: Theme, name: str, slug: str = "") -> Theme:
    """Rename ``theme`` (its other fields as set on it are saved too).

    The slug follows the name unless given; the former address keeps working as a
    permanent redirect.
    """
    previous_slug = Theme.objects.filter(pk=theme.pk).values_list("slug", flat=True).first()
    theme.name = name
    theme.slug = slug or slugify(name)
    theme.full_clean()
    theme.save()
    # An address in use by a live theme is not a redirect any more.
    ThemeRedirect.objects.filter(old_slug=theme.slug).delete()
    if previous_slug and previous_slug != theme.slug:
        _keep_old_address(old_slug=previous_slug, theme=theme)
    return theme


@transaction.atomic
def theme_merge(*, sources: Iterable[Theme], target: Theme) -> int:
    """Move every item tagged with one of ``sources`` to ``target``, then delete ``sources``.

    Items of every type move in this one transaction; nothing else about them changes (no
    new version, no new modification date). The sources' addresses redirect to the
    target. Returns how many items gained ``target``.
    """
    sources = [source for source in sources if source.pk != target.pk]
    if not sources:
        raise ValidationError("Choisissez au moins un autre thème à fusionner dans celui-ci.")
    rows = ThemedItem.objects.filter(tag__in=sources)
    # An item already on the target, or on several sources, keeps a single row.
    rows.filter(
        Exists(
            ThemedItem.objects.filter(
                tag=target,
                content_type=OuterRef("content_type"),
                object_id=OuterRef("object_id"),
            )
        )
    ).delete()
    links = set(rows.values_list("content_type_id", "object_id"))
    first_rows = list(
        rows.values("content_type", "object_id").annotate(first=Min("pk")).values("first")
    )
    rows.exclude(pk__in=[row["first"] for row in first_rows]).delete()
    moved = rows.update(tag=target)
    ThemeRedirect.objects.filter(theme__in=sources).update(theme=target)
    for source in sources:
        _keep_old_address(old_slug=source.slug, theme=target, old_theme_id=source.pk)
    Theme.objects.filter(pk__in=[source.pk for source in sources]).delete()
    send_links_changed(links)
    return moved
