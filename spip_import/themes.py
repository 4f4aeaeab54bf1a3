"""Mots-clés become themes, and items get the themes of their mots-clés.

One theme per name whatever its groupe; an existing theme of the same name (regardless of
case, accents and punctuation) is reused. Mots of the "pays" groupes make place themes.
A mot imported before keeps the theme it became, as moderators left it since (renamed, or
merged into another): a second run never undoes their work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify

from cuf import content_types
from cuf.themes.links import link_copies
from cuf.themes.models import Theme, ThemedItem, ThemeRedirect, theme_name_key
from spip_import import typo
from spip_import.memory import Memory
from spip_import.report import Report
from spip_import.source import SpipSource
from spip_import.values import one_line, unique_slug


class Themes:
    def __init__(
        self, source: SpipSource, *, memory: Memory, report: Report, pays_groups: Iterable[int]
    ) -> None:
        self.source, self.memory, self.report = source, memory, report
        self.pays_groups = set(pays_groups)
        self.of_mot: dict[int, Theme] = {}
        # Read once, not per item: every item's themes.
        self.of_item: dict[tuple[int, int], set[int]] = defaultdict(set)
        for content_type_id, object_id, tag_id in ThemedItem.objects.values_list(
            "content_type_id", "object_id", "tag_id"
        ):
            self.of_item[(content_type_id, object_id)].add(tag_id)

    def import_mots(self) -> None:
        themes = {theme.pk: theme for theme in Theme.objects.all()}
        existing = {theme.name_key: theme for theme in themes.values()}
        # A merged theme's id -> the theme it was merged into (redirects follow merges).
        merged = dict(
            ThemeRedirect.objects.filter(old_theme_id__isnull=False).values_list(
                "old_theme_id", "theme_id"
            )
        )
        slugs = set(Theme.objects.values_list("slug", flat=True))
        for mot in self.source.mots.values():
            name = one_line(typo.plain(typo.strip_rank(mot["titre"])), 100)
            key = theme_name_key(name)
            if not key:
                self.report.skipped.append(f"mot {mot['id_mot']} : nom vide")
                continue
            place = mot["id_groupe"] in self.pays_groups
            theme = self.remembered(mot["id_mot"], themes, merged) or existing.get(key)
            if theme is None:
                slug = unique_slug(slugify(name) or f"theme-{mot['id_mot']}", slugs, 100)
                theme = Theme(
                    name=name,
                    slug=slug,
                    kind=Theme.Kind.PLACE if place else Theme.Kind.TOPIC,
                    description=typo.plain(mot["descriptif"]),
                )
                theme.full_clean()
                theme.save()
                existing[key] = theme
                self.report.count("Thèmes", "created")
            elif place and theme.kind != Theme.Kind.PLACE and self.memory.imported(theme, "mot"):
                # The same name in a "pays" groupe and another: one theme, a place.
                theme.kind = Theme.Kind.PLACE
                theme.save(update_fields=["kind"])
                self.report.count("Thèmes", "updated")
            else:
                self.report.count("Thèmes", "unchanged")
            self.of_mot[mot["id_mot"]] = theme
            self.memory.remember("mot", mot["id_mot"], theme)

    def remembered(
        self, id_mot: int, themes: dict[int, Theme], merged: dict[int, int]
    ) -> Theme | None:
        """The theme an earlier run made of this mot, or the one it was merged into."""
        known = self.memory.get("mot", id_mot)
        if known is None or not known.object_id:
            return None
        return themes.get(known.object_id) or themes.get(merged.get(known.object_id, 0))

    def set_for(self, item: models.Model, mot_ids: list[int]) -> bool:
        """Give ``item`` the themes of these mots and no other theme a mot became; the
        themes moderators added on the portal stay. Whether that changed."""
        from_mots = {theme.pk for theme in self.of_mot.values()}
        content_type = ContentType.objects.get_for_model(item)
        current = self.of_item[(content_type.id, item.pk)]
        wanted = (current - from_mots) | {self.of_mot[m].pk for m in mot_ids if m in self.of_mot}
        if wanted == current:
            return False
        self.of_item[(content_type.id, item.pk)] = wanted
        ThemedItem.objects.filter(
            content_type=content_type, object_id=item.pk, tag_id__in=current - wanted
        ).delete()
        # bulk_create sends no signal: the links get their copies of the item here, or
        # theme pages (which read only the links) would not list it.
        copies = link_copies(content_types.for_model(type(item)), item)
        ThemedItem.objects.bulk_create(
            [
                ThemedItem(content_type=content_type, object_id=item.pk, tag_id=tag_id, **copies)
                for tag_id in wanted - current
            ]
        )
        return True
