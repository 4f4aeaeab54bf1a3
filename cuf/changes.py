"""One change signal: every write of what visitors see becomes "this item changed".

Django sends ``post_save`` and ``post_delete`` for every row of every model. This module
alone listens to them (connected once, for every sender) and recognises, through the
registry, what the row is: an item of a registered type, a part of one (declared in its
type's ``parts``), an attachment or a theme link (the item it belongs to), a theme or a
theme's former address. It then sends ``content_changed`` once, naming the item; the page
cache, the theme links and the search index listen to that signal only, and never sort
out raw model signals themselves.

``content_changed`` is sent with:

- ``sender``: the item's model (a registered type's), or ``Theme`` / ``ThemeRedirect``;
- ``pks``: the ids of the items that changed (one, except for writes in bulk);
- ``instance``: the item itself when the row written was the item, else None;
- ``via`` and ``row``: the model of the row written (the item's, a part's, ``Attachment``,
  ``ThemedItem``)
  and the row itself (None for writes in bulk);
- ``created`` and ``deleted``: what happened to that row.

A write that sends no model signal (``QuerySet.update()``, ``bulk_create``, raw SQL) sends
nothing here either: services that write in bulk call ``send_links_changed`` themselves,
and ``rebuild_search_index`` repairs whatever else was written that way.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from cuf import content_types
from cuf.files.models import Attachment
from cuf.themes.models import Theme, ThemedItem, ThemeRedirect

content_changed = Signal()

# Rows of these core models are part of what every visitor sees (theme pages, the themes'
# list, their former addresses): they are sent as changes of their own.
VOCABULARY = (Theme, ThemeRedirect)


def _part_of(model) -> tuple[content_types.ContentTypeConfig, str] | None:
    """The type ``model``'s rows are part of, with the field holding the item's id."""
    label = model._meta.label_lower
    for config in content_types.all_types():
        for part_label, field in config.parts:
            if part_label.lower() == label:
                return config, field
    return None


def _send(model, pks, *, via, row=None, instance=None, created=False, deleted=False) -> None:
    pks = tuple(pk for pk in pks if pk is not None)
    if pks:
        content_changed.send(
            sender=model,
            pks=pks,
            instance=instance,
            via=via,
            row=row,
            created=created,
            deleted=deleted,
        )


def _row_written(sender, instance, *, created: bool, deleted: bool) -> None:
    """Sorted out from the registry as it is when the row is written, so that the order in
    which apps register their types does not matter."""
    if content_types.for_model(sender) is not None or sender in VOCABULARY:
        _send(
            sender,
            [instance.pk],
            via=sender,
            row=instance,
            instance=instance,
            created=created,
            deleted=deleted,
        )
        return
    if sender is ThemedItem:
        model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
        if model is not None and content_types.for_model(model) is not None:
            _send(model, [instance.object_id], via=ThemedItem, row=instance, deleted=deleted)
        return
    if sender is Attachment:
        model = ContentType.objects.get_for_id(instance.item_type_id).model_class()
        if model is not None and content_types.for_model(model) is not None:
            _send(model, [instance.item_id], via=Attachment, row=instance, deleted=deleted)
        return
    part = _part_of(sender)
    if part is not None:
        config, field = part
        _send(config.model, [getattr(instance, field)], via=sender, row=instance, deleted=deleted)


def _saved(sender, instance, created=False, raw=False, **kwargs):
    _row_written(sender, instance, created=created, deleted=False)


def _deleted(sender, instance, **kwargs):
    _row_written(sender, instance, created=False, deleted=True)


def send_links_changed(links: Iterable[tuple[int, int]]) -> None:
    """Theme links written in bulk (``QuerySet.update()``: no model signal per row), as
    (content type id, item id) pairs: one ``content_changed`` per type."""
    by_type = defaultdict(list)
    for content_type_id, object_id in links:
        by_type[content_type_id].append(object_id)
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and content_types.for_model(model) is not None:
            _send(model, object_ids, via=ThemedItem)


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="cuf-changes-save")
    post_delete.connect(_deleted, dispatch_uid="cuf-changes-delete")
