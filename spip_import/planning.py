"""Which SPIP objects become what, and their new addresses.

Rubriques become the portal's sections (``--map``), articles items of their section's
type, Agenda events agenda items. Each item's type, title and address are decided before
any text is converted, so that a link to an article imported later already points to its
new page. Refused and binned articles and events are skipped, and an item imported
before from one of them is taken back to draft.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from django.utils.text import slugify

from cuf import content_types
from cuf.publishing.rule import Status
from spip_import import typo
from spip_import.memory import Memory
from spip_import.report import Report
from spip_import.source import SpipSource
from spip_import.themes import Themes
from spip_import.values import article_title, aware, implausible, one_line, unique_slug

# The portal's types an article can become (keys of the content-type registry), and the
# type events become. Each needs its own way of filling fields (articles, events).
ARTICLE_TYPES = ("communiques", "actualites", "ressources")
EVENT_TYPE = "agenda"
SKIPPED_STATUSES = {"refuse": "refusé", "poubelle": "à la poubelle"}


class MappingError(Exception):
    """A mapping or option that cannot work: said in French before anything is written."""


def check_mapping(mapping: dict[str, list[int]]) -> None:
    """Every key of ``--map`` is a type articles can become (MappingError otherwise)."""
    for key in mapping:
        if key not in ARTICLE_TYPES or content_types.for_key(key) is None:
            raise MappingError(
                f"Type inconnu dans --map : « {key} » (attendus : {', '.join(ARTICLE_TYPES)})."
            )


def event_status(event: dict, article: dict | None) -> str:
    """The SPIP status of an event: its own, else its article's, else published."""
    return event["statut"] or (article or {}).get("statut") or "publie"


def unpublish(item: models.Model | None) -> None:
    """An item imported before whose SPIP object is now refused: no longer public."""
    if item is not None and item.status != Status.DRAFT:
        item.status = Status.DRAFT
        item.save(update_fields=["status", "updated"])


class Plan:
    def __init__(
        self,
        source: SpipSource,
        *,
        mapping: dict[str, list[int]],
        memory: Memory,
        themes: Themes,
        report: Report,
    ) -> None:
        self.source, self.mapping = source, mapping
        self.memory, self.themes, self.report = memory, themes, report
        self.section_of: dict[int, str] = {}  # id_rubrique -> key
        self.articles: dict[int, tuple[str, str]] = {}  # id_article -> (key, slug)
        self.event_slugs: dict[int, str] = {}  # id_evenement -> slug
        self.events: list[dict] = []  # the events to import
        self.titles: dict[tuple[str, int], str] = {}
        # What imported SPIP objects already became: (spip_type, spip_id) -> item.
        self.targets: dict[tuple[str, int], models.Model] = {}

    # Rubriques -------------------------------------------------------------------------

    def map_rubriques(self) -> None:
        """Each mapped rubrique and its sub-rubriques become the section of its type."""
        rubriques = self.source.rubriques
        children: dict[int, list[int]] = defaultdict(list)
        for rubrique in rubriques.values():
            children[rubrique["id_parent"] or 0].append(rubrique["id_rubrique"])
        for key, ids in self.mapping.items():
            for root in ids:
                if root not in rubriques:
                    raise MappingError(f"La rubrique {root} (--map {key}) n’existe pas dans SPIP.")
                pending = [root]
                while pending:
                    current = pending.pop()
                    if current in self.section_of:
                        continue
                    self.section_of[current] = key
                    pending.extend(children.get(current, []))
        for rubrique_id, key in self.section_of.items():
            self.memory.remember("rubrique", rubrique_id, None, section=key)

    # Items: the address each will have, before any text is converted ---------------------

    def plan_items(self) -> None:
        """Decide each article's and event's type and address first, so that a link to
        an article imported later already points to its new page."""
        slugs_by_key: dict[str, set[str]] = {}
        objects_by_key: dict[str, dict[int, models.Model]] = {}

        def existing(key: str, spip_type: str) -> dict[int, models.Model]:
            if key not in objects_by_key:
                model = content_types.for_key(key).model
                ids = self.memory.object_ids(spip_type)
                objects_by_key[key] = model.objects.in_bulk(ids)
                slugs_by_key[key] = set(model.objects.values_list("slug", flat=True))
            return objects_by_key[key]

        for article in self.source.articles:
            key = self.section_of.get(article["id_rubrique"])
            if key is None:
                continue
            if article["statut"] in SKIPPED_STATUSES:
                self._skip_article(article, existing(key, "article"))
                continue
            title = article_title(article)
            item = self.memory.existing("article", article["id_article"], existing(key, "article"))
            model = content_types.for_key(key).model
            slug = item.slug if item is not None else _new_slug(title, slugs_by_key[key], model)
            self.articles[article["id_article"]] = (key, slug)
            self.titles[("article", article["id_article"])] = title
            if item is not None:
                self.targets[("article", article["id_article"])] = item
        events = existing(EVENT_TYPE, "evenement")
        for event in self.source.events:
            article = self.source.articles_by_id.get(event["id_article"] or 0)
            status = event_status(event, article)
            if status in SKIPPED_STATUSES or (article and article["statut"] in SKIPPED_STATUSES):
                self.report.skipped.append(
                    f"événement {event['id_evenement']} : "
                    f"{SKIPPED_STATUSES.get(status) or 'article refusé ou à la poubelle'}"
                )
                unpublish(self.memory.existing("evenement", event["id_evenement"], events))
                continue
            if aware(event["date_debut"]) is None:
                self.report.skipped.append(
                    f"événement {event['id_evenement']} : "
                    + (
                        f"date invalide ({event['date_debut']})"
                        if implausible(event["date_debut"])
                        else "sans date"
                    )
                )
                continue
            title = (
                one_line(
                    typo.plain(typo.strip_rank(event["titre"]))
                    or (article_title(article) if article else "")
                )
                or f"Événement {event['id_evenement']}"
            )
            item = self.memory.existing("evenement", event["id_evenement"], events)
            model = content_types.for_key(EVENT_TYPE).model
            slug = (
                item.slug if item is not None else _new_slug(title, slugs_by_key[EVENT_TYPE], model)
            )
            self.event_slugs[event["id_evenement"]] = slug
            self.titles[("evenement", event["id_evenement"])] = title
            if item is not None:
                self.targets[("evenement", event["id_evenement"])] = item
            self.events.append(event)

    def _skip_article(self, article: dict, objects: dict[int, models.Model]) -> None:
        self.report.skipped.append(
            f"article {article['id_article']} : {SKIPPED_STATUSES[article['statut']]}"
        )
        unpublish(self.memory.existing("article", article["id_article"], objects))

    # New addresses -------------------------------------------------------------------------

    def address_of(self, spip_type: str, spip_id: int) -> tuple[str, str] | None:
        """The new address of a SPIP object, for links in texts."""
        if spip_type == "article" and spip_id in self.articles:
            key, slug = self.articles[spip_id]
            return content_types.for_key(key).detail_url(slug), self.titles[(spip_type, spip_id)]
        if spip_type == "evenement" and spip_id in self.event_slugs:
            config = content_types.for_key(EVENT_TYPE)
            return config.detail_url(self.event_slugs[spip_id]), self.titles[(spip_type, spip_id)]
        if spip_type == "rubrique" and spip_id in self.section_of:
            config = content_types.for_key(self.section_of[spip_id])
            return config.list_url, config.label_plural
        if spip_type == "mot" and spip_id in self.themes.of_mot:
            theme = self.themes.of_mot[spip_id]
            return theme.get_absolute_url(), theme.name
        return None


def _new_slug(title: str, taken: set[str], model: type[models.Model]) -> str:
    base = slugify(title)[:200] or "sans-titre"
    if base in model.reserved_slugs:
        base = f"{base}-1"
    return unique_slug(base, taken)
