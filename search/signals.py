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

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

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


def item_changed(sender, instance, **kwargs):
    schedule(sender, instance.pk)


def document_changed(sender, instance, **kwargs):
    schedule(apps.get_model("communiques.Communique"), instance.communique_id)


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


def connect() -> None:
    for source in indexing.SOURCES:
        post_save.connect(item_changed, sender=source.model, dispatch_uid=f"search-{source.kind}")
        post_delete.connect(
            item_changed, sender=source.model, dispatch_uid=f"search-d-{source.kind}"
        )
    Document = apps.get_model("communiques.Document")
    post_save.connect(document_changed, sender=Document, dispatch_uid="search-document")
    post_delete.connect(document_changed, sender=Document, dispatch_uid="search-d-document")
    post_save.connect(theme_link_changed, sender=ThemedItem, dispatch_uid="search-themed")
    post_delete.connect(theme_link_changed, sender=ThemedItem, dispatch_uid="search-d-themed")
    post_save.connect(theme_saved, sender=Theme, dispatch_uid="search-theme")
    cuf_signals.themes_moved.connect(themes_moved, dispatch_uid="search-themes-moved")
    post_delete.connect(item_changed, sender=Theme, dispatch_uid="search-d-theme")
