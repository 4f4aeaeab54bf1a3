"""One event of SPIP's Agenda plugin becomes an agenda item: title, dates, place, the
description followed by its article's text (only when that article is published), and the
themes of both."""

from __future__ import annotations

from cuf import content_types
from cuf.members.access import is_reserved
from cuf.members.levels import AccessLevel
from cuf.publishing.rule import Status
from cuf.text.sanitizer import sanitize_html
from spip_import.documents import ItemDocuments
from spip_import.items import ItemImport
from spip_import.planning import EVENT_TYPE, event_status
from spip_import.values import apply, aware, one_line, snapshot


class Events:
    def __init__(self, steps: ItemImport) -> None:
        self.steps = steps

    def import_event(self, event: dict) -> None:
        steps, plan = self.steps, self.steps.plan
        spip_id = event["id_evenement"]
        config = content_types.for_key(EVENT_TYPE)
        item = plan.targets.get(("evenement", spip_id))
        created = item is None
        if created:
            item = config.model(slug=plan.event_slugs[spip_id])
        elif steps.memory.edited_on_portal("evenement", spip_id, item):
            steps.report.kept.append(f"événement {spip_id} : « {item.title} »")
            steps.report.count(config.label_plural, "unchanged", feminine=config.feminine)
            return
        linked = steps.source.articles_by_id.get(event["id_article"] or 0)
        status = event_status(event, linked)
        # Only a published article lends the event its text and date: a draft's text is
        # never public, through the event's page or anything made from it, and a draft's
        # date is only when it was started.
        article = linked if linked is not None and linked["statut"] == "publie" else None
        starts = aware(event["date_debut"])
        ends = aware(event["date_fin"])
        if ends is not None and ends < starts:
            ends = None
        # The address's lines ("2, place Jean-Jaurès" / "41000 Blois") stay apart on one line.
        lines = [event["lieu"], *(event["adresse"] or "").splitlines()]
        place = ", ".join(part for part in map(one_line, lines) if part)[:255]
        published_at = (
            (aware(article["date"]) if article else None) or aware(event["maj"]) or starts
        )
        before = snapshot(item)
        # An event of a restricted article is reserved as its article is.
        zone = steps.source.restricted.get(linked["id_article"]) if linked else None
        if zone is not None:
            steps.report.restricted.append(f"événement {spip_id} : zone « {zone} »")
        access = steps.source.access(zone, item.access)
        lender = plan.targets.get(("article", article["id_article"])) if article else None
        if lender is not None and is_reserved(lender):
            # Its page shows the article's text, reserved on the portal: so is the event.
            access = AccessLevel.MEMBERS
        apply(
            item,
            {
                "access": access,
                "title": plan.titles[("evenement", spip_id)],
                "status": Status.PUBLISHED if status == "publie" else Status.DRAFT,
                "published_at": min(published_at, starts) if article is None else published_at,
                "starts_at": starts,
                "ends_at": ends,
                "all_day": (event["horaire"] or "oui") == "non",
                "place": place,
            },
        )
        resolver = steps.resolver(article, item, ItemDocuments())
        body = steps.texts.convert(event["descriptif"], resolver, f"événement {spip_id}")
        if article is not None:
            where = f"article {article['id_article']}"
            body += steps.texts.convert(article["texte"], resolver, where)
        apply(item, {"body": sanitize_html(body)})
        mots = steps.source.mots_of_object("evenement", spip_id) + (
            steps.source.mots_of_object("article", linked["id_article"]) if linked else []
        )
        # full_clean() moves all-day events to midnight: save() compares after it.
        action = steps.save(item, before, created=created, mots=mots)
        steps.report.count(config.label_plural, action, feminine=config.feminine)
        steps.memory.remember("evenement", spip_id, item)
