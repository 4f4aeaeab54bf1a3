"""The search index's signals, paused while the import saves thousands of rows.

The one place that knows which receivers keep the index current on save; the import
rebuilds the index once at the end instead.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save

from cuf.models import Theme, ThemedItem
from search import signals as search_signals


@contextmanager
def search_index_paused() -> Iterator[tuple[str, ...]]:
    """Saves do not schedule their re-index meanwhile (search.signals connects them)."""
    uids = ("search-content", "search-themed", "search-theme")
    post_save.disconnect(dispatch_uid="search-content")
    post_save.disconnect(sender=ThemedItem, dispatch_uid="search-themed")
    post_save.disconnect(sender=Theme, dispatch_uid="search-theme")
    try:
        yield uids
    finally:
        search_signals.connect()
