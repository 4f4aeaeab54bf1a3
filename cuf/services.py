"""Editorial writes that do more than save one form: publishing, tagging, themes, files.

Each function takes keyword-only arguments, validates with ``full_clean()`` and runs in one
transaction; files are removed only once that transaction has committed. Changes to
content are recorded in its history (django-reversion) with the user and a French comment.
"""

import json
import re
from collections.abc import Iterable

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models import Exists, F, Min, OuterRef, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Revision, Version

from cuf.files.checks import check_upload
from cuf.files.renditions import rendition_names
from cuf.models import (
    EditorImage,
    PreviewRevocation,
    Publishable,
    Status,
    Theme,
    ThemedItem,
    ThemeRedirect,
)
from cuf.signals import themes_moved


def _record(*, user: AbstractBaseUser | None, comment: str) -> None:
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    reversion.set_comment(comment)


@transaction.atomic
def item_publish(
    *, item: Publishable, user: AbstractBaseUser | None = None, at=None
) -> Publishable:
    """Publish ``item`` now, or schedule it for ``at`` (a future time).

    Publishing now moves the publication date to now (a draft written weeks ago appears at
    the top of the lists, not buried at its creation date) and lifts an end of publication
    already past. An item already public keeps its date.
    """
    now = timezone.now()
    if at is not None:
        item.published_at = at
    elif not item.is_public:
        item.published_at = now
    if item.expires_at is not None and item.expires_at <= max(now, item.published_at):
        item.expires_at = None
    item.status = Status.PUBLISHED
    item.full_clean()
    with reversion.create_revision():
        item.save()
        _record(user=user, comment="Programmé." if item.published_at > now else "Publié.")
    return item


@transaction.atomic
def item_unpublish(*, item: Publishable, user: AbstractBaseUser | None = None) -> Publishable:
    """Back to draft: the item leaves the public site at once; its dates are kept."""
    item.status = Status.DRAFT
    item.full_clean()
    with reversion.create_revision():
        item.save()
        _record(user=user, comment="Dépublié (remis en brouillon).")
    return item


@transaction.atomic
def items_publish(*, items: QuerySet, user: AbstractBaseUser | None = None) -> int:
    for item in items:
        item_publish(item=item, user=user)
    return len(items)


@transaction.atomic
def items_unpublish(*, items: QuerySet, user: AbstractBaseUser | None = None) -> int:
    count = 0
    for item in items.exclude(status=Status.DRAFT):
        item_unpublish(item=item, user=user)
        count += 1
    return count


@transaction.atomic
def items_theme_add(*, items: QuerySet, theme: Theme, user: AbstractBaseUser | None = None) -> int:
    """Tag every item of ``items`` with ``theme``; returns how many were not tagged yet."""
    count = 0
    with reversion.create_revision():
        for item in items.exclude(themes=theme):
            item.themes.add(theme)
            reversion.add_to_revision(item)
            count += 1
        _record(user=user, comment=f"Thème « {theme} » ajouté.")
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
        _record(user=user, comment=f"Thème « {theme} » retiré.")
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
    themes_moved.send(sender=ThemedItem, links=links)
    return moved


@transaction.atomic
def preview_links_revoke(*, items: QuerySet) -> int:
    """Invalidate every preview link already shared for ``items``.

    Counted outside the items (``PreviewRevocation``): revoking links is not an edit of
    the content, so neither the modification date nor the history change, and no revert
    or recovery of the content can undo it.
    """
    content_type = ContentType.objects.get_for_model(items.model)
    ids = list(items.values_list("pk", flat=True))
    revoked = PreviewRevocation.objects.filter(content_type=content_type, object_id__in=ids)
    revoked.update(count=F("count") + 1)
    known = set(revoked.values_list("object_id", flat=True))
    PreviewRevocation.objects.bulk_create(
        [
            PreviewRevocation(content_type=content_type, object_id=pk, count=1)
            for pk in ids
            if pk not in known
        ]
    )
    return len(ids)


@transaction.atomic
def editor_image_create(*, upload, user: AbstractBaseUser) -> EditorImage:
    """Store an image sent from the rich-text editor, checked like every other image."""
    file_format = check_upload(upload, kind="image")
    image = EditorImage(file=upload, content_type=file_format.content_type, uploaded_by=user)
    image.full_clean()
    image.save()
    return image


def stored_files_discard(*, storage: Storage, names: Iterable[str]) -> None:
    """Delete stored files, and the resized copies made of them, once the current
    transaction commits (never if it rolls back)."""
    names = [name for name in names if name]

    def delete():
        for name in names:
            storage.delete(name)
            for rendition in rendition_names(name):
                if storage.exists(rendition):
                    storage.delete(rendition)

    if names:
        transaction.on_commit(delete)


# Restoring a version (history): what changed since it was saved.

_THEME_IN_REPR = re.compile(r"classé sous « (.*) »$")


def _theme_name_in(version: Version) -> str:
    match = _THEME_IN_REPR.search(version.object_repr)
    return match.group(1) if match else "?"


@transaction.atomic
def revision_themes_follow(*, revision: Revision) -> list[str]:
    """Make ``revision``'s theme links name themes that still exist, and say what changed.

    A theme merged since then is replaced by the theme it was merged into; a theme
    deleted since then is left out. The revision's stored versions are rewritten, so that
    restoring it gives the item its themes of today. Returns one French sentence per theme
    followed or left out.
    """
    versions = list(revision.version_set.get_for_model(ThemedItem))
    tag_ids = {version.field_dict["tag_id"] for version in versions}
    existing = set(Theme.objects.filter(pk__in=tag_ids).values_list("pk", flat=True))
    missing = tag_ids - existing
    if not missing:
        return []
    merged = {
        redirect.old_theme_id: redirect.theme
        for redirect in ThemeRedirect.objects.filter(old_theme_id__in=missing).select_related(
            "theme"
        )
    }
    kept = {
        (v.field_dict["content_type_id"], v.field_dict["object_id"], v.field_dict["tag_id"])
        for v in versions
        if v.field_dict["tag_id"] in existing
    }
    notes = []
    for version in versions:
        fields = version.field_dict
        if fields["tag_id"] in existing:
            continue
        name, target = _theme_name_in(version), merged.get(fields["tag_id"])
        link = (fields["content_type_id"], fields["object_id"], target.pk if target else None)
        if target is None or link in kept:
            if target is None:
                notes.append(
                    f"Le thème « {name} » a été supprimé depuis cette version : "
                    "l’élément restauré ne le porte plus."
                )
            version.delete()
            continue
        kept.add(link)
        notes.append(
            f"Le thème « {name} » a été fusionné depuis dans « {target.name} » : "
            f"l’élément restauré porte « {target.name} »."
        )
        data = json.loads(version.serialized_data)
        data[0]["fields"]["tag"] = target.pk
        version.serialized_data = json.dumps(data)
        version.object_repr = version.object_repr[: -len(f"« {name} »")] + f"« {target} »"
        version.save(update_fields=["serialized_data", "object_repr"])
    return notes


def revision_files_missing(*, revision: Revision) -> list[str]:
    """After restoring ``revision``: the files it names that the storage no longer has
    (a document's file replaced since then). Such a document loses its file, so that it is
    listed nowhere and its editor uploads it again; say which. Returns French sentences."""
    notes = []
    for version in revision.version_set.all():
        model = version.content_type.model_class()
        if model is None:
            continue
        file_fields = [f for f in model._meta.fields if isinstance(f, models.FileField)]
        if not file_fields:
            continue
        instance = model._default_manager.filter(pk=version.object_id).first()
        if instance is None:
            continue
        for field in file_fields:
            stored = getattr(instance, field.attname)
            if not stored or stored.storage.exists(stored.name):
                continue
            notes.append(
                f"Le fichier de « {instance} » n’existe plus (il a été remplacé depuis "
                "cette version) : envoyez-le à nouveau."
            )
            if not isinstance(instance, Publishable):
                # A part of the item (a document): without its file it is listed nowhere.
                model._default_manager.filter(pk=instance.pk).update(**{field.attname: ""})
    return notes
