"""One SPIP article becomes an item of its section's type (communiqué, actualité or
ressource), created or brought up to date: fields, status, texts, files and themes."""

from __future__ import annotations

from django.utils import timezone

from cuf import content_types
from cuf.models import Status
from spip_import import typo
from spip_import.documents import Documents, ItemDocuments
from spip_import.fields import apply, aware, one_line, snapshot
from spip_import.item_files import ItemFiles
from spip_import.memory import Memory
from spip_import.planning import Plan, unpublish
from spip_import.report import Report
from spip_import.source import SpipSource
from spip_import.texts import ItemResolver, Texts, mentions_documents
from spip_import.themes import Themes


class Articles:
    def __init__(
        self,
        source: SpipSource,
        *,
        plan: Plan,
        texts: Texts,
        documents: Documents,
        item_files: ItemFiles,
        themes: Themes,
        memory: Memory,
        report: Report,
    ) -> None:
        self.source, self.plan, self.texts = source, plan, texts
        self.documents, self.item_files, self.themes = documents, item_files, themes
        self.memory, self.report = memory, report

    def import_article(self, article: dict) -> None:
        spip_id = article["id_article"]
        key, slug = self.plan.articles[spip_id]
        config = content_types.for_key(key)
        item = self.plan.targets.get(("article", spip_id))
        created = item is None
        if created:
            item = config.model(slug=slug)
        before = snapshot(item)
        touched = ItemDocuments()
        published_at = aware(article["date_redac"]) or aware(article["date"])
        apply(
            item,
            {
                "title": self.plan.titles[("article", spip_id)],
                "surtitre": one_line(typo.plain(article["surtitre"])),
                "status": Status.PUBLISHED if article["statut"] == "publie" else Status.DRAFT,
                "published_at": published_at or item.published_at or timezone.now(),
            },
        )
        attachments = self.source.attachments(article)
        if key == "ressources" and not self.item_files.fill_resource(
            item, article, attachments, touched
        ):
            self.report.skipped.append(
                f"article {spip_id} : ressource sans fichier ni lien utilisable"
            )
            if not created:
                unpublish(item)
            return
        if key == "actualites":
            self.item_files.fill_news_image(item, article, touched)
        if created and key == "communiques" and (attachments or mentions_documents(article)):
            # Saved once before its texts: its documents point to it.
            # Unique checks are the import's own (slugs planned); every field rule runs.
            item.full_clean(validate_unique=False, validate_constraints=False)
            item.save()
        resolver = ItemResolver(self.plan, self.documents, article, item, touched)
        apply(item, self.texts.article_fields(key, article, resolver, touched.main))
        if key == "communiques":
            self.documents.attach(item, article, attachments, touched)
        elif key == "actualites":
            self.documents.report_unattached(article, attachments, "une actualité", touched)
        item.full_clean(validate_unique=False, validate_constraints=False)
        changed = snapshot(item) != before
        if changed:
            item.save()
        themes_changed = self.themes.set_for(item, self.source.mots_of_object("article", spip_id))
        for spip_type, object_id, parent, fingerprint in touched.after_save:
            self.memory.remember(spip_type, object_id, item, parent=parent, fingerprint=fingerprint)
        action = "created" if created else ("updated" if changed or themes_changed else "unchanged")
        self.report.count(config.label_plural, action)
        self.plan.targets[("article", spip_id)] = item
        self.memory.remember("article", spip_id, item)
