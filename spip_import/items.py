"""What importing any one item needs, articles and events alike: the collaborators it
works with, the resolver of its texts, and its last step (checked, saved if it changed,
given its themes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from spip_import.documents import Documents, ItemDocuments
from spip_import.memory import Memory
from spip_import.planning import Plan
from spip_import.report import Report
from spip_import.source import SpipSource
from spip_import.texts import ItemResolver, Texts
from spip_import.themes import Themes
from spip_import.values import snapshot


@dataclass(frozen=True)
class ItemImport:
    source: SpipSource
    plan: Plan
    texts: Texts
    documents: Documents
    themes: Themes
    memory: Memory
    report: Report

    def resolver(
        self, article: dict | None, item: models.Model, touched: ItemDocuments
    ) -> ItemResolver:
        return ItemResolver(self.plan, self.documents, article, item, touched)

    def save(self, item: models.Model, before: dict, *, created: bool, mots: list[int]) -> str:
        """Check and save ``item`` if it changed since ``before``, give it the themes of
        ``mots``; the action to count ("created", "updated" or "unchanged")."""
        # Unique checks are the import's own (slugs planned); every field rule runs.
        # full_clean() moves all-day events to midnight: compare after it, not before.
        item.full_clean(validate_unique=False, validate_constraints=False)
        changed = snapshot(item) != before
        if changed:
            item.save()
        themes_changed = self.themes.set_for(item, mots)
        return "created" if created else ("updated" if changed or themes_changed else "unchanged")
