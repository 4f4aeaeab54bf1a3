"""Keeping the index current: every write to searchable content schedules a re-index.

Signals are used, not calls in each view or service, because content is written from many
places (admin forms and inlines, the theme widget, services, the shell, the demo loader)
and a missed one would leave visitors finding stale text. The handlers only *schedule*
work, in ``transaction.on_commit``: nothing is indexed for a transaction that rolls back,
and one item saved several times in a transaction (the item, its themes, its documents)
is indexed once, after the commit. ``rebuild_search_index`` repairs anything written
without signals (``QuerySet.update()``, raw SQL).
"""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from cuf import content_types
from cuf import signals as cuf_signals
from cuf.models import Theme, ThemedItem
from search import indexing


class _IndexItem(partial):
    """A scheduled re-index, recognisable so that a transaction schedules each item once."""

    done = False

    def __call__(self):
        self.done = True
        return super().__call__()

    def is_pending_for(self, key: tuple) -> bool:
        return not self.done and self.args == key


def schedule(model, pk: int) -> None:
    """Re-index ``model`` ``pk`` once the current transaction commits (now if none)."""
    if pk is None:
        return
    # Django keeps the current transaction's callbacks as (savepoints, callable, robust);
    # a rolled-back savepoint takes its own away, so this never skips a needed re-index.
    pending = (entry[1] for entry in connection.run_on_commit)
    if any(isinstance(task, _IndexItem) and task.is_pending_for((model, pk)) for task in pending):
        return
    transaction.on_commit(_IndexItem(indexing.index_item, model, pk))


def _schedule_theme_names(theme_id: int) -> None:
    transaction.on_commit(partial(indexing.refresh_theme_names, theme_id))


def content_changed(sender, instance, **kwargs):
    """Any saved or deleted row: an item of a registered content type is indexed again, as
    is the item a part of it (a communiqué's document) belongs to.

    Connected for every sender and sorted out here, from the registry as it is when the
    row is written, so that the order in which apps register their types does not matter.
    """
    source = indexing.source_for(sender)
    if source is not None:
        schedule(sender, instance.pk)
        return
    label = sender._meta.label_lower
    for config in content_types.all_types():
        for part_label, field in config.search_parts:
            if part_label.lower() == label:
                schedule(config.model, getattr(instance, field))


def theme_link_changed(sender, instance, **kwargs):
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is not None and indexing.source_for(model) is not None:
        schedule(model, instance.object_id)


def themes_moved(sender, links, **kwargs):
    for content_type_id, object_id in links:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and indexing.source_for(model) is not None:
            schedule(model, object_id)


def theme_saved(sender, instance, created, **kwargs):
    schedule(Theme, instance.pk)
    if not created:
        _schedule_theme_names(instance.pk)


def theme_deleted(sender, instance, **kwargs):
    schedule(Theme, instance.pk)


def connect() -> None:
    """Connect content of every type (and its parts), the themes and their links."""
    post_save.connect(content_changed, dispatch_uid="search-content")
    post_delete.connect(content_changed, dispatch_uid="search-d-content")
    post_save.connect(theme_link_changed, sender=ThemedItem, dispatch_uid="search-themed")
    post_delete.connect(theme_link_changed, sender=ThemedItem, dispatch_uid="search-d-themed")
    post_save.connect(theme_saved, sender=Theme, dispatch_uid="search-theme")
    cuf_signals.themes_moved.connect(themes_moved, dispatch_uid="search-themes-moved")
    post_delete.connect(theme_deleted, sender=Theme, dispatch_uid="search-d-theme")
