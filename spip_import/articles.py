"""One SPIP article becomes an item of its section's type (communiqué, actualité or
ressource), created or brought up to date: fields, status, texts, files and themes."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cuf import content_types
from cuf.publishing.rule import Status
from spip_import import typo
from spip_import.documents import ItemDocuments
from spip_import.item_files import ItemFiles
from spip_import.items import ItemImport
from spip_import.texts import mentions_documents
from spip_import.values import apply, aware, implausible, one_line, snapshot


class Articles:
    def __init__(self, steps: ItemImport, *, item_files: ItemFiles) -> None:
        self.steps, self.item_files = steps, item_files

    def import_article(self, article: dict) -> None:
        steps = self.steps
        plan, memory, report = steps.plan, steps.memory, steps.report
        spip_id = article["id_article"]
        key, slug = plan.articles[spip_id]
        config = content_types.for_key(key)
        item = plan.targets.get(("article", spip_id))
        created = item is None
        if created:
            item = config.model(slug=slug)
        elif memory.edited_on_portal("article", spip_id, item):
            report.kept.append(f"article {spip_id} : « {item.title} »")
            report.count(config.label_plural, "unchanged", feminine=config.feminine)
            return
        before = snapshot(item)
        touched = ItemDocuments()
        zone = steps.source.restricted.get(spip_id)
        if zone is not None:
            report.restricted.append(f"article {spip_id} : zone « {zone} »")
        apply(
            item,
            {
                "access": steps.source.access(zone, item.access),
                "title": plan.titles[("article", spip_id)],
                "surtitre": one_line(typo.plain(article["surtitre"])),
                "status": Status.PUBLISHED if article["statut"] == "publie" else Status.DRAFT,
                "published_at": self.published_at(article, item),
                "dated_at": self.dated_at(article),
            },
        )
        attachments = steps.source.attachments(article)
        if key == "ressources" and not self.item_files.fill_resource(
            item, article, attachments, touched
        ):
            # Nothing to download or play: its text is kept, as a draft for its editor to
            # complete (a resource is never published without its file or link).
            report.drafts.append(
                f"article {spip_id} : ressource sans fichier ni lien utilisable, "
                "importée en brouillon"
            )
            if not item.kind:
                apply(item, {"kind": "texte"})
            apply(item, {"status": Status.DRAFT})
        if key == "actualites":
            self.item_files.fill_news_image(item, article, touched)
        if created and (attachments or mentions_documents(article)):
            # Saved once before its texts: its attachments point to it.
            # Unique checks are the import's own (slugs planned); every field rule runs.
            item.full_clean(validate_unique=False, validate_constraints=False)
            item.save()
        resolver = steps.resolver(article, item, touched)
        apply(item, steps.texts.article_fields(key, article, resolver, touched.main))
        steps.documents.attach(item, article, attachments, touched)
        if key != "actualites":
            steps.documents.report_logos("article", spip_id, config.noun.a)
        mots = steps.source.mots_of_object("article", spip_id)
        action = steps.save(item, before, created=created, mots=mots)
        for spip_type, object_id, parent, fingerprint in touched.after_save:
            memory.remember(spip_type, object_id, item, parent=parent, fingerprint=fingerprint)
        report.count(config.label_plural, action, feminine=config.feminine)
        plan.targets[("article", spip_id)] = item
        memory.remember("article", spip_id, item)

    def post_dated(self, article: dict) -> bool:
        """A published article dated in the future, which SPIP shows at once (with its
        date) when its ``post_dates`` setting is ``oui``."""
        date = aware(article["date"])
        return (
            date is not None
            and date > timezone.now()
            and article["statut"] == "publie"
            and self.steps.source.post_dates
        )

    def dated_at(self, article: dict) -> datetime.datetime | None:
        """The date a post-dated article shows, as in SPIP; None for the others, which
        show their publication date."""
        return aware(article["date"]) if self.post_dated(article) else None

    def published_at(self, article: dict, item) -> datetime.datetime:
        """The date SPIP shows (``date``; ``date_redac`` is an earlier writing date it
        does not show). A post-dated article (``post_dated``) is public at once, as in
        SPIP: published from when it was first imported, and showing its SPIP date
        (``dated_at``)."""
        report, spip_id = self.steps.report, article["id_article"]
        now = timezone.now()
        date = aware(article["date"])
        if implausible(article["date"]):
            report.dates.append(
                f"article {spip_id} : date invalide ({article['date']}), importé sans elle"
            )
        if date is None:
            return item.published_at or now
        if self.post_dated(article):
            report.dates.append(
                f"article {spip_id} : daté du {date:%d/%m/%Y}, en ligne dès maintenant comme "
                "dans SPIP (post_dates = oui), affichant cette date"
            )
            return item.published_at if item.published_at and item.published_at <= now else now
        return date
