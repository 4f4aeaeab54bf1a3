"""Keeps ``ItemChange`` from the one change signal (cuf.changes): every write of an item,
one of its parts or theme links, or one of its themes, is a change of the item; a
deletion of the item, or a write after which visitors no longer see it, is a tombstone.

Changes that no write makes (a scheduled item appearing, an end of publication passing)
are read from the items' dates when the API answers (api.selectors)."""

from django.utils import timezone

from api.models import ItemChange
from cuf import content_types
from cuf.themes.models import Theme, ThemedItem

UPDATED = ["changed_at", "removal"]


def _upsert(rows: list[ItemChange], fields: list[str]) -> None:
    if rows:
        ItemChange.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=fields
        )


def _items_changed(config, pks, *, item_deleted: bool) -> None:
    if item_deleted:
        public = set()
        removal = ItemChange.Removal.DELETED
    else:
        public = set(
            config.model._default_manager.published()
            .filter(pk__in=pks)
            .values_list("pk", flat=True)
        )
        removal = ItemChange.Removal.UNPUBLISHED
    now = timezone.now()
    _upsert(
        [
            ItemChange(
                kind=config.key,
                object_id=pk,
                changed_at=now,
                removal="" if pk in public else removal,
            )
            for pk in pks
        ],
        UPDATED,
    )


def _themes_changed(theme_ids) -> None:
    """A theme renamed: every item on it shows the new name (their visibility is unchanged,
    so only the time moves on)."""
    now = timezone.now()
    rows = []
    for config in content_types.all_types():
        model = config.model
        tagged = ThemedItem.objects.filter(
            tag_id__in=theme_ids,
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        ).values_list("object_id", flat=True)
        rows += [ItemChange(kind=config.key, object_id=pk, changed_at=now) for pk in tagged]
    _upsert(rows, ["changed_at"])


def _on_content_changed(sender, *, pks, via=None, deleted=False, **kwargs):
    config = content_types.for_model(sender)
    if config is not None:
        # ``deleted`` also says a part or a theme link was deleted: the item stays.
        _items_changed(config, pks, item_deleted=deleted and via is sender)
    elif sender is Theme and not deleted:
        _themes_changed(pks)


def connect() -> None:
    from cuf.changes import content_changed

    content_changed.connect(_on_content_changed, dispatch_uid="api-item-changes")
