"""One event of SPIP's Agenda plugin becomes an agenda item: title, dates, place, the
description followed by its article's text, and the themes of both."""

from __future__ import annotations

from cuf import content_types
from cuf.models import Status
from cuf.sanitizer import sanitize_html
from spip_import.documents import Documents, ItemDocuments
from spip_import.fields import apply, aware, one_line, snapshot
from spip_import.memory import Memory
from spip_import.planning import EVENT_TYPE, Plan, event_status
from spip_import.report import Report
from spip_import.source import SpipSource
from spip_import.texts import ItemResolver, Texts
from spip_import.themes import Themes


class Events:
    def __init__(
        self,
        source: SpipSource,
        *,
        plan: Plan,
        texts: Texts,
        documents: Documents,
        themes: Themes,
        memory: Memory,
        report: Report,
    ) -> None:
        self.source, self.plan, self.texts = source, plan, texts
        self.documents, self.themes = documents, themes
        self.memory, self.report = memory, report

    def import_event(self, event: dict) -> None:
        spip_id = event["id_evenement"]
        config = content_types.for_key(EVENT_TYPE)
        item = self.plan.targets.get(("evenement", spip_id))
        created = item is None
        if created:
            item = config.model(slug=self.plan.event_slugs[spip_id])
        article = self.source.articles_by_id.get(event["id_article"] or 0)
        status = event_status(event, article)
        starts = aware(event["date_debut"])
        ends = aware(event["date_fin"])
        if ends is not None and ends < starts:
            ends = None
        place = ", ".join(
            part for part in (one_line(event["lieu"]), one_line(event["adresse"])) if part
        )[:255]
        published_at = (
            ((aware(article["date_redac"]) or aware(article["date"])) if article else None)
            or aware(event["maj"])
            or starts
        )
        before = snapshot(item)
        apply(
            item,
            {
                "title": self.plan.titles[("evenement", spip_id)],
                "status": Status.PUBLISHED if status == "publie" else Status.DRAFT,
                "published_at": min(published_at, starts) if article is None else published_at,
                "starts_at": starts,
                "ends_at": ends,
                "all_day": (event["horaire"] or "oui") == "non",
                "place": place,
            },
        )
        resolver = ItemResolver(self.plan, self.documents, article, item, ItemDocuments())
        body = self.texts.convert(event["descriptif"], resolver, f"événement {spip_id}")
        if article is not None:
            where = f"article {article['id_article']}"
            body += self.texts.convert(article["texte"], resolver, where)
        apply(item, {"body": sanitize_html(body)})
        mots = self.source.mots_of_object("evenement", spip_id) + (
            self.source.mots_of_object("article", article["id_article"]) if article else []
        )
        # full_clean() moves all-day events to midnight: compare after it, not before.
        item.full_clean(validate_unique=False, validate_constraints=False)
        changed = snapshot(item) != before
        if changed:
            item.save()
        themes_changed = self.themes.set_for(item, mots)
        action = "created" if created else ("updated" if changed or themes_changed else "unchanged")
        self.report.count(config.label_plural, action)
        self.memory.remember("evenement", spip_id, item)
