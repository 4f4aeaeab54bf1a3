"""The write side of theme links: each link (``ThemedItem``) carries a copy of its item's
publication fields, dates, title and address, so that a theme page is one indexed query
on one table, whatever the number of types.

The copies are kept in the transaction of every write of the item or of the link; writes
that send no signal (a bulk insert, ``QuerySet.update()``) are repaired by
``refresh_links()`` (``rebuild_search_index`` runs it).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery

from cuf import content_types
from cuf.publishing.dates import plausible_q
from cuf.publishing.rule import published_q
from cuf.themes.models import ThemedItem

LINK_FIELDS = (
    "content_type_id",
    "object_id",
    "title",
    "slug",
    "surtitre",
    "access",
    "published_at",
    "shown_at",
)


def config_of(content_type_id: int) -> content_types.ContentTypeConfig:
    return content_types.for_model(ContentType.objects.get_for_id(content_type_id).model_class())


def registered_type_ids() -> list[int]:
    models = [config.model for config in content_types.all_types()]
    return [found.pk for found in ContentType.objects.get_for_models(*models).values()]


def public_links():
    """Links of the published items of every registered type (cuf.publishing.rule.published_q)."""
    return ThemedItem.objects.filter(
        published_q(),
        # A copy of a date that slipped past the checks is never read (cuf.publishing.dates).
        plausible_q("shown_at", nullable=True),
        content_type_id__in=registered_type_ids(),
    )


def link_copies(config: content_types.ContentTypeConfig, item) -> dict:
    """What a link keeps of its item."""
    # A type's own date (an event's start), or the date an item shows apart from its
    # publication (``dated_at``), if any.
    shown = getattr(item, config.shown_date if config.shown_date != "published_at" else "dated_at")
    return {
        "status": item.status,
        "published_at": item.published_at,
        "expires_at": item.expires_at,
        "title": item.title,
        "slug": item.slug,
        "surtitre": item.surtitre,
        "access": item.access,
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


def _item_changed(sender, instance=None, via=None, deleted=False, **kwargs):
    """An item is written: its links follow, in the same transaction."""
    config = content_types.for_model(sender)
    if config is not None and instance is not None and via is sender and not deleted:
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
        fields = ["status", "published_at", "expires_at", "title", "slug", "surtitre", "access"]
        copies = {field: Subquery(item.values(field)[:1]) for field in fields}
        shown = config.shown_date if config.shown_date != "published_at" else "dated_at"
        copies["shown_at"] = Subquery(item.values(shown)[:1])
        count += ThemedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).update(**copies)
    return count


def connect() -> None:
    from django.db.models.signals import pre_save

    from cuf.changes import content_changed

    pre_save.connect(_link_saving, sender=ThemedItem, dispatch_uid="theme-links-copy")
    content_changed.connect(_item_changed, dispatch_uid="theme-links")
