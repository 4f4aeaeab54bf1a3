"""Signals the core sends for writes that bypass model signals."""

from django.dispatch import Signal

# Sent after theme rows were moved in bulk (QuerySet.update: no post_save per row), with
# ``links``: the (content_type_id, object_id) pairs of the items whose themes changed.
themes_moved = Signal()
