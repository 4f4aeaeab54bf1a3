"""Keeping the index current: every change of searchable content schedules a re-index.

The index listens to the one change signal (``cuf.changes.content_changed``), which names
the item whatever row was written (the item, one of its parts such as a communiqué's
document, one of its theme links) and wherever it was written from (admin forms and
inlines, the theme widget, services, the shell, the demo loader). The listener only
*schedules* work, in ``transaction.on_commit``: nothing is indexed for a transaction that
rolls back, and one item saved several times in a transaction (the item, its themes, its
documents) is indexed once, after the commit. ``rebuild_search_index`` repairs anything
written without signals (``QuerySet.update()``, raw SQL).
"""

import threading
from contextlib import contextmanager
from functools import partial

from django.db import transaction

from cuf.changes import content_changed
from cuf.themes.models import Theme
from search import indexing

# Per thread (one connection, hence at most one open transaction, at a time): a clock
# that orders schedules and runs, and when each item was last indexed by a run.
_state = threading.local()
# Past this many items remembered, the memory is cleared: at worst an item is indexed
# once more than needed, never once less.
REMEMBERED_ITEMS = 10_000


def _tick() -> int:
    _state.clock = getattr(_state, "clock", 0) + 1
    return _state.clock


def _indexed() -> dict:
    if not hasattr(_state, "indexed") or len(_state.indexed) > REMEMBERED_ITEMS:
        _state.indexed = {}
    return _state.indexed


def _run(key: tuple, scheduled: int) -> None:
    # Runs after the commit of the transaction that scheduled it. An index run of the same
    # item since the schedule came after that commit too (this thread's runs only happen
    # after its commits), so it already read what this one would: nothing to do.
    if _indexed().get(key, 0) > scheduled:
        return
    _indexed()[key] = _tick()
    indexing.index_item(*key)


def schedule(model, pk: int) -> None:
    """Re-index ``model`` ``pk`` once the current transaction commits (now if none)."""
    if pk is not None:
        transaction.on_commit(partial(_run, (model, pk), _tick()))


def _on_content_changed(sender, pks, created=False, deleted=False, **kwargs):
    if sender is Theme:
        for pk in pks:
            schedule(Theme, pk)
            if not created and not deleted:
                # The theme's name, as every item on it shows it in the index.
                transaction.on_commit(partial(indexing.refresh_theme_names, pk))
        return
    if indexing.source_for(sender) is not None:
        for pk in pks:
            schedule(sender, pk)


def connect() -> None:
    content_changed.connect(_on_content_changed, dispatch_uid="search-index")


@contextmanager
def paused():
    """Changes schedule no re-index meanwhile (a bulk import indexes everything after)."""
    content_changed.disconnect(dispatch_uid="search-index")
    try:
        yield
    finally:
        connect()
