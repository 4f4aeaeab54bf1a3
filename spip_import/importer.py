"""The import of a SPIP site: its articles, mots-clés, documents and events become the
portal's items, themes and files.

Idempotent: each SPIP object is remembered with what it became (``SpipObject``); a second
run updates only what changed in SPIP and creates nothing twice. Each article is imported
in its own savepoint: one that fails is reported and the others go on.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify

from cuf import content_types
from cuf.files.checks import describe_upload
from cuf.files.text_jobs import mark_new_file
from cuf.models import EditorImage, Status, Theme, ThemedItem, theme_name_key
from cuf.sanitizer import sanitize_html
from cuf.text import plain_text
from cuf.validators import BIDI_CONTROL
from search import signals as search_signals
from search.indexing import rebuild_index
from spip_import import typo
from spip_import.models import LegacyAddress, SpipObject
from spip_import.reader import SpipReader, spip_date

# The portal's types an article can become (keys of the content-type registry), and the
# type events become. Each needs its own way of filling fields, below.
ARTICLE_TYPES = ("communiques", "actualites", "ressources")
EVENT_TYPE = "agenda"

# A document shown or linked in a text (<doc5>, <emb5>, [->doc5]).
_DOCUMENT_IN_TEXT = re.compile(r"<(?:doc|emb|img)\d|->\s*(?:doc|document|img|emb)\s*\d", re.I)
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
# SPIP's media of a document -> the kind of resource it makes.
RESOURCE_KIND_BY_MEDIA = {"image": "photo", "audio": "son", "video": "video", "file": "texte"}
LOGO_MODES = {"logoon", "logooff"}
SKIPPED_STATUSES = {"refuse": "refusé", "poubelle": "à la poubelle"}


@dataclass
class Report:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # (label, action) -> n
    skipped: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unconverted: list[str] = field(default_factory=list)

    def count(self, label: str, action: str) -> None:
        self.counts[(label, action)] += 1

    def lines(self) -> list[str]:
        head = (
            "Import SPIP (essai à blanc : rien n’a été enregistré)"
            if self.dry_run
            else ("Import SPIP")
        )
        out = [head]
        labels = sorted({label for label, _ in self.counts})
        actions = (("created", "créés"), ("updated", "mis à jour"), ("unchanged", "inchangés"))
        for label in labels:
            figures = ", ".join(
                f"{self.counts[(label, action)]} {word}"
                for action, word in actions
                if self.counts[(label, action)]
            )
            out.append(f"  {label} : {figures or 'aucun'}")
        for title, entries in (
            ("Ignorés", self.skipped),
            ("Fichiers manquants ou refusés", self.files),
            ("Raccourcis SPIP non convertis (gardés en texte)", self.unconverted),
        ):
            out.append(f"{title} : {len(entries)}")
            out.extend(f"  - {entry}" for entry in entries)
        return out


class MappingError(Exception):
    """A mapping or option that cannot work: said in French before anything is written."""


def _aware(value) -> datetime.datetime | None:
    moment = spip_date(value)
    if moment is None:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@contextmanager
def _search_index_paused():
    """Saves do not schedule their re-index meanwhile (search.signals connects them)."""
    uids = ("search-content", "search-themed", "search-theme")
    post_save.disconnect(dispatch_uid="search-content")
    post_save.disconnect(sender=ThemedItem, dispatch_uid="search-themed")
    post_save.disconnect(sender=Theme, dispatch_uid="search-theme")
    try:
        yield uids
    finally:
        search_signals.connect()


def _snapshot(item) -> dict:
    """The item's stored values, to tell whether the import changed anything."""
    return {
        f.attname: getattr(item, f.attname)
        for f in item._meta.concrete_fields
        if f.attname not in {"updated", "created"}
    }


def _one_line(text: str, limit: int = 255) -> str:
    # Direction overrides are refused by the portal's one-line fields; SPIP's texts may
    # hold some, invisible, and the item is worth more than them.
    return " ".join(BIDI_CONTROL.sub("", text or "").split())[:limit]


class _ItemResolver:
    """What SPIP objects became, for the links and documents of one item's texts."""

    def __init__(self, importer: SpipImporter, article: dict | None, item):
        self.importer, self.article, self.item = importer, article, item

    def link(self, spip_type, spip_id):
        return self.importer.address_of(spip_type, spip_id)

    def document(self, spip_id):
        return self.importer.document_for_text(spip_id, self.article, self.item)


class SpipImporter:
    def __init__(
        self,
        reader: SpipReader,
        *,
        img_root: Path,
        mapping: dict[str, list[int]],
        pays_groups: Iterable[int] = (),
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.reader = reader
        self.img_root = Path(img_root).resolve()
        self.mapping = mapping
        self.pays_groups = set(pays_groups)
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = Report(dry_run=dry_run)
        for key in mapping:
            if key not in ARTICLE_TYPES or content_types.for_key(key) is None:
                raise MappingError(
                    f"Type inconnu dans --map : « {key} » (attendus : {', '.join(ARTICLE_TYPES)})."
                )

    # Entry point -----------------------------------------------------------------------

    def run(self) -> Report:
        self._read()
        # The search index is rebuilt once at the end (in bulk, a few seconds for ten
        # thousand items) rather than item by item as each is saved (minutes).
        with _search_index_paused(), transaction.atomic():
            self._import_rubriques()
            self._import_themes()
            self._plan_items()
            articles = [a for a in self.articles if a["id_article"] in self.plan]
            total = len(articles) + len(self.events)
            for done, article in enumerate(articles, start=1):
                self._in_savepoint(
                    f"article {article['id_article']}", self._import_article, article
                )
                self.progress(done, total)
            for done, event in enumerate(self.events, start=len(articles) + 1):
                self._in_savepoint(f"événement {event['id_evenement']}", self._import_event, event)
                self.progress(done, total)
            self._write_known()
            self._import_addresses()
            if self.dry_run:
                transaction.set_rollback(True)
            elif self._changed():
                transaction.on_commit(rebuild_index)
        return self.report

    def _changed(self) -> bool:
        return any(action != "unchanged" for _, action in self.report.counts)

    def _in_savepoint(self, what: str, function, row) -> None:
        new_mark, dirty_mark = len(self.new_known), len(self.dirty_known)
        try:
            with transaction.atomic():
                function(row)
        except (ValidationError, IntegrityError, DatabaseError, ValueError) as error:
            # What this item would have remembered is forgotten with its rows.
            for key in self.new_known[new_mark:]:
                self.known.pop(key, None)
            for key in self.dirty_known[dirty_mark:]:
                if key in self.known and self.known[key].pk is not None:
                    self.known[key].refresh_from_db()
            del self.new_known[new_mark:], self.dirty_known[dirty_mark:]
            message = "; ".join(getattr(error, "messages", None) or [str(error)])
            self.report.skipped.append(f"{what} : refusé par le portail ({message})")

    # Reading ---------------------------------------------------------------------------

    def _read(self) -> None:
        reader = self.reader
        self.rubriques = {r["id_rubrique"]: r for r in reader.rubriques()}
        self.articles = reader.articles()
        self.articles_by_id = {a["id_article"]: a for a in self.articles}
        self.groupes = {g["id_groupe"]: g for g in reader.groupes_mots()}
        self.mots = {m["id_mot"]: m for m in reader.mots()}
        self.mots_of: dict[tuple[str, int], list[int]] = defaultdict(list)
        for link in reader.mots_liens():
            self.mots_of[(link["objet"], link["id_objet"])].append(link["id_mot"])
        self.documents = {d["id_document"]: d for d in reader.documents()}
        self.media_by_extension = {
            t["extension"]: t["media_defaut"] for t in reader.types_documents()
        }
        links = sorted(
            reader.documents_liens(),
            key=lambda link: (link["rang_lien"] or 0, link["id_document"]),
        )
        self.documents_of: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for link in links:
            if link["id_document"] in self.documents:
                self.documents_of[(link["objet"], link["id_objet"])].append(link)
        self.events = reader.evenements()
        self.urls = reader.urls()
        self.known = {(o.spip_type, o.spip_id, o.parent): o for o in SpipObject.objects.all()}
        self.new_known: list[tuple] = []
        self.dirty_known: list[tuple] = []
        # Read once, not per item: the editor's images already imported, and every item's
        # themes.
        image_type = ContentType.objects.get_for_model(EditorImage)
        by_pk = EditorImage.objects.in_bulk(
            [k.object_id for k in self.known.values() if k.content_type_id == image_type.id]
        )
        self.images = {
            k.spip_id: by_pk[k.object_id]
            for k in self.known.values()
            if k.content_type_id == image_type.id and k.object_id in by_pk
        }
        self.themes_of: dict[tuple[int, int], set[int]] = defaultdict(set)
        for content_type_id, object_id, tag_id in ThemedItem.objects.values_list(
            "content_type_id", "object_id", "tag_id"
        ):
            self.themes_of[(content_type_id, object_id)].add(tag_id)

    # Rubriques -------------------------------------------------------------------------

    def _import_rubriques(self) -> None:
        children: dict[int, list[int]] = defaultdict(list)
        for rubrique in self.rubriques.values():
            children[rubrique["id_parent"] or 0].append(rubrique["id_rubrique"])
        self.section_of: dict[int, str] = {}
        for key, ids in self.mapping.items():
            for root in ids:
                if root not in self.rubriques:
                    raise MappingError(f"La rubrique {root} (--map {key}) n’existe pas dans SPIP.")
                pending = [root]
                while pending:
                    current = pending.pop()
                    if current in self.section_of:
                        continue
                    self.section_of[current] = key
                    pending.extend(children.get(current, []))
        for rubrique_id, key in self.section_of.items():
            self._remember("rubrique", rubrique_id, None, section=key)

    # Themes ----------------------------------------------------------------------------

    def _import_themes(self) -> None:
        existing = {theme.name_key: theme for theme in Theme.objects.all()}
        slugs = set(Theme.objects.values_list("slug", flat=True))
        self.theme_of_mot: dict[int, Theme] = {}
        for mot in self.mots.values():
            name = _one_line(typo.plain(typo.strip_rank(mot["titre"])), 100)
            key = theme_name_key(name)
            if not key:
                self.report.skipped.append(f"mot {mot['id_mot']} : nom vide")
                continue
            place = mot["id_groupe"] in self.pays_groups
            theme = existing.get(key)
            if theme is None:
                slug = self._unique_slug(slugify(name) or f"theme-{mot['id_mot']}", slugs, 100)
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
            elif place and theme.kind != Theme.Kind.PLACE and self._imported(theme, "mot"):
                # The same name in a "pays" groupe and another: one theme, a place.
                theme.kind = Theme.Kind.PLACE
                theme.save(update_fields=["kind"])
                self.report.count("Thèmes", "updated")
            else:
                self.report.count("Thèmes", "unchanged")
            self.theme_of_mot[mot["id_mot"]] = theme
            self._remember("mot", mot["id_mot"], theme)

    def _imported(self, obj, spip_type: str) -> bool:
        """Whether ``obj`` was created by an import (not by the portal's editors)."""
        content_type = ContentType.objects.get_for_model(obj)
        return any(
            known.content_type_id == content_type.id and known.object_id == obj.pk
            for known in self.known.values()
            if known.spip_type == spip_type
        )

    @staticmethod
    def _unique_slug(base: str, taken: set[str], limit: int = 255) -> str:
        base = base[: limit - 8].strip("-") or "element"
        slug, number = base, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        return slug

    # Plan: the address each item will have, before any text is converted ----------------

    def _plan_items(self) -> None:
        """Decide each article's and event's type and address first, so that a link to
        an article imported later already points to its new page."""
        self.plan: dict[int, tuple[str, str]] = {}  # id_article -> (key, slug)
        self.titles: dict[tuple[str, int], str] = {}
        slugs_by_key: dict[str, set[str]] = {}
        objects_by_key: dict[str, dict[int, object]] = {}

        def existing(key: str, spip_type: str) -> dict[int, object]:
            if key not in objects_by_key:
                model = content_types.for_key(key).model
                ids = [
                    known.object_id
                    for (kind, _, parent), known in self.known.items()
                    if kind == spip_type and not parent and known.object_id
                ]
                objects_by_key[key] = model.objects.in_bulk(ids)
                slugs_by_key[key] = set(model.objects.values_list("slug", flat=True))
            return objects_by_key[key]

        self.targets: dict[tuple[str, int], object] = {}
        for article in self.articles:
            key = self.section_of.get(article["id_rubrique"])
            if key is None:
                continue
            if article["statut"] in SKIPPED_STATUSES:
                self._skip_article(article, key, existing(key, "article"))
                continue
            title = self._title(article)
            item = self._existing("article", article["id_article"], existing(key, "article"))
            model = content_types.for_key(key).model
            slug = (
                item.slug if item is not None else self._new_slug(title, slugs_by_key[key], model)
            )
            self.plan[article["id_article"]] = (key, slug)
            self.titles[("article", article["id_article"])] = title
            if item is not None:
                self.targets[("article", article["id_article"])] = item
        self.event_plan: dict[int, str] = {}
        events = existing(EVENT_TYPE, "evenement")
        kept = []
        for event in self.events:
            article = self.articles_by_id.get(event["id_article"] or 0)
            status = event["statut"] or (article or {}).get("statut") or "publie"
            if status in SKIPPED_STATUSES or (article and article["statut"] in SKIPPED_STATUSES):
                self.report.skipped.append(
                    f"événement {event['id_evenement']} : "
                    f"{SKIPPED_STATUSES.get(status) or 'article refusé ou à la poubelle'}"
                )
                self._unpublish(self._existing("evenement", event["id_evenement"], events))
                continue
            if _aware(event["date_debut"]) is None:
                self.report.skipped.append(f"événement {event['id_evenement']} : sans date")
                continue
            title = (
                _one_line(
                    typo.plain(typo.strip_rank(event["titre"]))
                    or (self._title(article) if article else "")
                )
                or f"Événement {event['id_evenement']}"
            )
            item = self._existing("evenement", event["id_evenement"], events)
            model = content_types.for_key(EVENT_TYPE).model
            slug = (
                item.slug
                if item is not None
                else self._new_slug(title, slugs_by_key[EVENT_TYPE], model)
            )
            self.event_plan[event["id_evenement"]] = slug
            self.titles[("evenement", event["id_evenement"])] = title
            if item is not None:
                self.targets[("evenement", event["id_evenement"])] = item
            kept.append(event)
        self.events = kept

    def _new_slug(self, title: str, taken: set[str], model) -> str:
        base = slugify(title)[:200] or "sans-titre"
        if base in model.reserved_slugs:
            base = f"{base}-1"
        return self._unique_slug(base, taken)

    def _existing(self, spip_type: str, spip_id: int, objects: dict[int, object]):
        known = self.known.get((spip_type, spip_id, ""))
        return objects.get(known.object_id) if known and known.object_id else None

    def _skip_article(self, article: dict, key: str, objects: dict[int, object]) -> None:
        self.report.skipped.append(
            f"article {article['id_article']} : {SKIPPED_STATUSES[article['statut']]}"
        )
        self._unpublish(self._existing("article", article["id_article"], objects))

    def _unpublish(self, item) -> None:
        """An item imported before whose SPIP object is now refused: no longer public."""
        if item is not None and item.status != Status.DRAFT:
            item.status = Status.DRAFT
            item.save(update_fields=["status", "updated"])

    @staticmethod
    def _title(article: dict) -> str:
        title = _one_line(typo.plain(typo.strip_rank(article["titre"])))
        return title or f"Article {article['id_article']}"

    def address_of(self, spip_type: str, spip_id: int) -> tuple[str, str] | None:
        """The new address of a SPIP object, for links in texts."""
        if spip_type == "article" and spip_id in self.plan:
            key, slug = self.plan[spip_id]
            return content_types.for_key(key).detail_url(slug), self.titles[(spip_type, spip_id)]
        if spip_type == "evenement" and spip_id in self.event_plan:
            config = content_types.for_key(EVENT_TYPE)
            return config.detail_url(self.event_plan[spip_id]), self.titles[(spip_type, spip_id)]
        if spip_type == "rubrique" and spip_id in self.section_of:
            config = content_types.for_key(self.section_of[spip_id])
            return config.list_url, config.label_plural
        if spip_type == "mot" and spip_id in self.theme_of_mot:
            theme = self.theme_of_mot[spip_id]
            return theme.get_absolute_url(), theme.name
        return None

    # Articles --------------------------------------------------------------------------

    def _import_article(self, article: dict) -> None:
        spip_id = article["id_article"]
        key, slug = self.plan[spip_id]
        config = content_types.for_key(key)
        item = self.targets.get(("article", spip_id))
        created = item is None
        if created:
            item = config.model(slug=slug)
        before = _snapshot(item)
        self.after_save: list[tuple[str, int, str, str]] = []
        self.used_in_text: set[int] = set()
        published_at = _aware(article["date_redac"]) or _aware(article["date"])
        self._apply(
            item,
            {
                "title": self.titles[("article", spip_id)],
                "surtitre": _one_line(typo.plain(article["surtitre"])),
                "status": Status.PUBLISHED if article["statut"] == "publie" else Status.DRAFT,
                "published_at": published_at or item.published_at or timezone.now(),
            },
        )
        attachments = [
            link
            for link in self.documents_of.get(("article", spip_id), [])
            if self.documents[link["id_document"]]["mode"] not in LOGO_MODES
        ]
        if key == "ressources" and not self._fill_resource(item, article, attachments):
            self.report.skipped.append(
                f"article {spip_id} : ressource sans fichier ni lien utilisable"
            )
            if not created:
                self._unpublish(item)
            return
        if key == "actualites":
            self._fill_news_image(item, article)
        if (
            created
            and key == "communiques"
            and (attachments or _DOCUMENT_IN_TEXT.search(" ".join(self._texts_of(article))))
        ):
            # Saved once before its texts: its documents point to it.
            self._save(item)
        resolver = _ItemResolver(self, article, item)
        self._apply(item, self._texts(key, article, resolver))
        if key == "communiques":
            self._attach_documents(item, article, attachments)
        elif key == "actualites":
            self._report_unattached(article, attachments, "une actualité")
        item.full_clean(validate_unique=False, validate_constraints=False)
        changed = _snapshot(item) != before
        if changed:
            item.save()
        themes_changed = self._set_themes(item, self.mots_of.get(("article", spip_id), []))
        for spip_type, object_id, parent, fingerprint in self.after_save:
            self._remember(spip_type, object_id, item, parent=parent, fingerprint=fingerprint)
        action = "created" if created else ("updated" if changed or themes_changed else "unchanged")
        self.report.count(config.label_plural, action)
        self.targets[("article", spip_id)] = item
        self._remember("article", spip_id, item)

    @staticmethod
    def _texts_of(article: dict) -> list[str]:
        return [article[name] or "" for name in ("chapo", "descriptif", "texte", "ps")]

    def _texts(self, key: str, article: dict, resolver) -> dict:
        where = f"article {article['id_article']}"
        convert = lambda text: self._convert(text, resolver, where)  # noqa: E731
        lead = convert(article["chapo"]) if article["chapo"] else ""
        summary = "" if lead else convert(article["descriptif"])
        subtitle = _one_line(typo.plain(article["soustitre"]))
        subtitle_html = f"<p><strong>{subtitle}</strong></p>" if subtitle else ""
        # The ps converted with the text: the notes of both come last, as SPIP shows them.
        text = "\n\n".join(part for part in (article["texte"], article["ps"]) if part)
        body_parts = [convert(text)]
        if key == "actualites":
            return {
                "summary": plain_text(lead or summary),
                "body": sanitize_html(subtitle_html + "".join(body_parts)),
            }
        body = sanitize_html(subtitle_html + (lead or summary) + "".join(body_parts))
        if key == "ressources":
            # The main document's own description follows the article's texts.
            described = convert(getattr(self, "resource_document", {}).get("descriptif"))
            return {"description": sanitize_html(body + described)}
        return {"body": body}

    def _convert(self, text, resolver, where: str) -> str:
        if not text:
            return ""
        conversion = typo.convert(text, resolver)
        for piece in conversion.unconverted:
            self.report.unconverted.append(f"{where} : {piece}")
        return conversion.html

    def _apply(self, item, values: dict) -> bool:
        changed = False
        for name, value in values.items():
            if getattr(item, name) != value:
                setattr(item, name, value)
                changed = True
        return changed

    def _save(self, item) -> None:
        # Unique checks are the import's own (slugs planned above); every field rule runs.
        item.full_clean(validate_unique=False, validate_constraints=False)
        item.save()

    def _set_themes(self, item, mot_ids: list[int]) -> bool:
        wanted = {self.theme_of_mot[m].pk for m in mot_ids if m in self.theme_of_mot}
        content_type = ContentType.objects.get_for_model(item)
        current = self.themes_of[(content_type.id, item.pk)]
        if wanted == current:
            return False
        self.themes_of[(content_type.id, item.pk)] = wanted
        ThemedItem.objects.filter(
            content_type=content_type, object_id=item.pk, tag_id__in=current - wanted
        ).delete()
        ThemedItem.objects.bulk_create(
            [
                ThemedItem(content_type=content_type, object_id=item.pk, tag_id=tag_id)
                for tag_id in wanted - current
            ]
        )
        return True

    # Files -----------------------------------------------------------------------------

    def _path(self, document: dict) -> Path | None:
        """The document's file under IMG/, or None (reported) when it is not there."""
        name = document["fichier"] or ""
        name = name.removeprefix("IMG/")
        path = (self.img_root / name).resolve()
        if not name or not path.is_relative_to(self.img_root) or not path.is_file():
            self.report.files.append(
                f"document {document['id_document']} (IMG/{name}) : fichier introuvable"
            )
            return None
        return path

    @staticmethod
    def _fingerprint(path: Path) -> str:
        stat = path.stat()
        return f"{stat.st_size}:{int(stat.st_mtime)}"

    def _checked(self, document: dict, kind: str):
        """(path, UploadInfo) of a document's file checked as ``kind`` uploads are, or
        None, reported."""
        path = self._path(document)
        if path is None:
            return None
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                # Whether pypdf opens it is the text job's question: a file the old site
                # served is imported, and marked "texte illisible" if it is not a PDF.
                info = describe_upload(upload, kind=kind, open_check=False)
        except ValidationError as error:
            self.report.files.append(
                f"document {document['id_document']} (IMG/{document['fichier']}) : refusé "
                f"({' '.join(error.messages)})"
            )
            return None
        return path, info

    def _store(self, field_file, path: Path) -> None:
        if self.dry_run:
            field_file.name = f"essai/{path.name}"
            return
        with path.open("rb") as handle:
            field_file.save(path.name, File(handle, name=path.name), save=False)

    def _media(self, document: dict) -> str:
        return document["media"] or self.media_by_extension.get(document["extension"], "file")

    def _is_image(self, document: dict) -> bool:
        return (document["extension"] or "").lower() in IMAGE_EXTENSIONS and (
            self._media(document) == "image"
        )

    def _doc_title(self, document: dict) -> str:
        title = _one_line(typo.plain(typo.strip_rank(document["titre"])))
        return title or Path(document["fichier"] or f"document-{document['id_document']}").stem

    def editor_image(self, document: dict, article: dict | None):
        """The document as an image of the editor (one for the whole import)."""
        spip_id = document["id_document"]
        image = self.images.get(spip_id)
        if image is not None:
            self._remember_document(spip_id, article, image)
            return image
        checked = self._checked(document, "image")
        if checked is None:
            return None
        path, info = checked
        image = EditorImage(content_type=info.content_type)
        if self.dry_run:
            image.file.name = "editeur/essai/" + "0" * 32 + f".{path.suffix.lstrip('.').lower()}"
            return image
        self._store(image.file, path)
        image.save()
        self.images[spip_id] = image
        self.report.count("Images des textes", "created")
        self._remember_document(spip_id, article, image, fingerprint=self._fingerprint(path))
        return image

    def _remember_document(self, spip_id, article, target, fingerprint: str = "") -> None:
        parent = f"article{article['id_article']}" if article else ""
        self._remember("document", spip_id, target, parent=parent, fingerprint=fingerprint)

    def document_for_text(self, spip_id: int, article: dict | None, item) -> typo.Doc | None:
        document = self.documents.get(spip_id)
        if document is None:
            return None
        if (document["distant"] or "") == "oui":
            return typo.Doc(document["fichier"], self._doc_title(document), False)
        if self._is_image(document):
            image = self.editor_image(document, article)
            if image is None:
                return None
            self.used_in_text.add(spip_id)
            alt = self._doc_title(document)
            return typo.Doc(image.get_absolute_url(), alt, True)
        if article is not None and content_types.for_model(item).key == "communiques":
            attached = self._document_row(item, article, document, position=None)
            if attached is not None:
                self.used_in_text.add(spip_id)
                return typo.Doc(attached.get_absolute_url(), self._doc_title(document), False)
        return None

    # Communiqués' documents --------------------------------------------------------------

    def _attach_documents(self, item, article: dict, attachments: list[dict]) -> None:
        position = 0
        for link in attachments:
            document = self.documents[link["id_document"]]
            if self._is_image(document):
                # Images are shown in the text (<img>), not downloaded: one the text does
                # not show has no place in a communiqué.
                if document["id_document"] not in self.used_in_text:
                    self.report.files.append(
                        f"document {document['id_document']} (article {article['id_article']})"
                        " : image absente du texte, non importée"
                    )
                continue
            if (document["distant"] or "") == "oui":
                self.report.files.append(
                    f"document {document['id_document']} : distant ({document['fichier']}), "
                    "non joint au communiqué"
                )
                continue
            position += 1
            self._document_row(item, article, document, position=position)

    def _document_row(self, item, article: dict, document: dict, *, position: int | None):
        """The communiqué's ``Document`` for a SPIP document, created or brought up to date;
        None when it has none (missing or refused file, reported)."""
        spip_id = document["id_document"]
        parent = f"article{article['id_article']}"
        cache = self.__dict__.setdefault("_rows", {})
        if (spip_id, parent) not in cache:
            cache[(spip_id, parent)] = self._document_row_update(item, document, parent)
        row = cache[(spip_id, parent)]
        if row is not None and position is not None and row.position != position:
            row.position = position
            if row.pk is not None:
                row.save(update_fields=["position"])
        return row

    def _document_row_update(self, item, document: dict, parent: str):
        spip_id = document["id_document"]
        model = item.documents.model
        known = self.known.get(("document", spip_id, parent))
        row = None
        if known and known.object_id:
            row = model.objects.filter(pk=known.object_id, communique=item).first()
        path = self._path(document)
        if path is None:
            return row
        fingerprint = self._fingerprint(path)
        created = row is None
        if created:
            row = model(communique=item)
        before = _snapshot(row)
        row.title = self._doc_title(document)[:255]
        if created or known.fingerprint != fingerprint:
            checked = self._checked(document, "document")
            if checked is None:
                return None if created else row
            path, info = checked
            self._store(row.file, path)
            row.size, row.content_type = info.size, info.content_type
            row.format_label = info.label
            mark_new_file(row, has_text=info.has_text)
        changed = _snapshot(row) != before
        if changed:
            row.full_clean(exclude=["communique"], validate_unique=False)
            row.save()
        action = "created" if created else ("updated" if changed else "unchanged")
        self.report.count("Documents", action)
        self._remember("document", spip_id, row, parent=parent, fingerprint=fingerprint)
        return row

    def _report_unattached(self, article: dict, attachments: list[dict], where: str) -> None:
        for link in attachments:
            document = self.documents[link["id_document"]]
            if document["id_document"] in self.used_in_text or self._is_image(document):
                continue
            self.report.files.append(
                f"document {document['id_document']} (article {article['id_article']}) : "
                f"non importé, {where} n’a pas de pièces jointes"
            )

    # News images and resources' files ----------------------------------------------------

    def _logo(self, article: dict) -> dict | None:
        """The article's logo: a document in logo mode (SPIP 4), or IMG/artonN.* (SPIP 3)."""
        for link in self.documents_of.get(("article", article["id_article"]), []):
            document = self.documents[link["id_document"]]
            if document["mode"] == "logoon":
                return document
        for extension in ("jpg", "png", "gif", "webp"):
            name = f"arton{article['id_article']}.{extension}"
            if (self.img_root / name).is_file():
                return {
                    "id_document": 0,
                    "fichier": name,
                    "titre": "",
                    "credits": "",
                    "extension": extension,
                    "media": "image",
                }
        return None

    def _fill_news_image(self, item, article: dict) -> None:
        logo = self._logo(article)
        if logo is None:
            return
        path = self._path(logo)
        if path is None:
            return
        fingerprint = self._fingerprint(path)
        known = self.known.get(("logo", article["id_article"], ""))
        if not (item.image and known and known.fingerprint == fingerprint):
            if self._checked(logo, "image") is None:
                return
            if self.dry_run:
                return  # checked; nothing is stored in a dry run
            self._store(item.image, path)
        self._apply(
            item,
            {
                "image_alt": self._doc_title(logo) if logo["titre"] else self._title(article),
                "image_credit": _one_line(typo.plain(logo["credits"])),
            },
        )
        self.after_save.append(("logo", article["id_article"], "", fingerprint))
        if logo["id_document"]:
            parent = f"article{article['id_article']}"
            self.after_save.append(("document", logo["id_document"], parent, fingerprint))

    def _fill_resource(self, item, article: dict, attachments: list[dict]) -> bool:
        """The resource's kind and file (or link) from its main document; False if none."""
        main = next(iter(attachments), None)
        if main is None:
            return False
        document = self.documents[main["id_document"]]
        kind = RESOURCE_KIND_BY_MEDIA.get(self._media(document), "texte")
        self._apply(item, {"kind": kind, "credit": _one_line(typo.plain(document["credits"]))})
        if kind == "photo" and not item.image_alt.strip():
            # A photo needs its text alternative: the document's title, else the article's.
            # One an editor wrote since is kept.
            alt = self._doc_title(document) if document["titre"] else self._title(article)
            self._apply(item, {"image_alt": alt[:255]})
        self.resource_document = document
        if (document["distant"] or "") == "oui":
            self._apply(item, {"external_url": document["fichier"], "file": ""})
            return True
        path = self._path(document)
        if path is None:
            return bool(item.file)
        fingerprint = self._fingerprint(path)
        parent = f"article{article['id_article']}"
        known = self.known.get(("document", document["id_document"], parent))
        if not (item.file and known and known.fingerprint == fingerprint):
            checked = self._checked(document, item.UPLOAD_KIND[kind])
            if checked is None:
                return bool(item.file)
            path, info = checked
            self._store(item.file, path)
            item.size, item.content_type = info.size, info.content_type
            item.format_label = info.label
            mark_new_file(item, has_text=info.has_text)
            item.external_url = ""
        self.after_save.append(("document", document["id_document"], parent, fingerprint))
        return True

    # Events ----------------------------------------------------------------------------

    def _import_event(self, event: dict) -> None:
        spip_id = event["id_evenement"]
        config = content_types.for_key(EVENT_TYPE)
        item = self.targets.get(("evenement", spip_id))
        created = item is None
        if created:
            item = config.model(slug=self.event_plan[spip_id])
        article = self.articles_by_id.get(event["id_article"] or 0)
        status = event["statut"] or (article or {}).get("statut") or "publie"
        starts = _aware(event["date_debut"])
        ends = _aware(event["date_fin"])
        if ends is not None and ends < starts:
            ends = None
        place = ", ".join(
            part for part in (_one_line(event["lieu"]), _one_line(event["adresse"])) if part
        )[:255]
        published_at = (
            ((_aware(article["date_redac"]) or _aware(article["date"])) if article else None)
            or _aware(event["maj"])
            or starts
        )
        before = _snapshot(item)
        self._apply(
            item,
            {
                "title": self.titles[("evenement", spip_id)],
                "status": Status.PUBLISHED if status == "publie" else Status.DRAFT,
                "published_at": min(published_at, starts) if article is None else published_at,
                "starts_at": starts,
                "ends_at": ends,
                "all_day": (event["horaire"] or "oui") == "non",
                "place": place,
            },
        )
        resolver = _ItemResolver(self, article, item)
        self.used_in_text = set()
        self.after_save = []
        body = self._convert(event["descriptif"], resolver, f"événement {spip_id}")
        if article is not None:
            body += self._convert(article["texte"], resolver, f"article {article['id_article']}")
        self._apply(item, {"body": sanitize_html(body)})
        mots = self.mots_of.get(("evenement", spip_id), []) + (
            self.mots_of.get(("article", article["id_article"]), []) if article else []
        )
        # full_clean() moves all-day events to midnight: compare after it, not before.
        item.full_clean(validate_unique=False, validate_constraints=False)
        changed = _snapshot(item) != before
        if changed:
            item.save()
        themes_changed = self._set_themes(item, mots)
        action = "created" if created else ("updated" if changed or themes_changed else "unchanged")
        self.report.count(config.label_plural, action)
        self._remember("evenement", spip_id, item)

    # Memory and addresses ----------------------------------------------------------------

    def _remember(
        self,
        spip_type: str,
        spip_id: int,
        target,
        *,
        parent: str = "",
        section: str = "",
        fingerprint: str = "",
    ) -> None:
        content_type = ContentType.objects.get_for_model(target) if target is not None else None
        values = {
            "content_type_id": content_type.id if content_type else None,
            "object_id": target.pk if target is not None else None,
            "section": section,
            "fingerprint": fingerprint,
        }
        key = (spip_type, spip_id, parent)
        known = self.known.get(key)
        if known is None:
            known = SpipObject(spip_type=spip_type, spip_id=spip_id, parent=parent, **values)
            self.known[key] = known
            self.new_known.append(key)
        elif any(getattr(known, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(known, name, value)
            self.dirty_known.append(key)

    def _write_known(self) -> None:
        """What each SPIP object became, written in bulk at the end of the run."""
        SpipObject.objects.bulk_create([self.known[key] for key in self.new_known], batch_size=500)
        now = timezone.now()
        new = set(self.new_known)
        dirty = [self.known[key] for key in dict.fromkeys(self.dirty_known) if key not in new]
        for known in dirty:
            known.imported = now
        SpipObject.objects.bulk_update(
            dirty,
            ["content_type_id", "object_id", "section", "fingerprint", "imported"],
            batch_size=500,
        )

    def _import_addresses(self) -> None:
        wanted: dict[str, tuple[str, int]] = {}
        for row in self.urls:
            old = normalise_readable(row["url"] or "")
            if old and row["type"] and row["id_objet"]:
                wanted.setdefault(old, (row["type"], row["id_objet"]))
        for known in list(self.known.values()):
            if known.spip_type == "document":
                document = self.documents.get(known.spip_id)
                if document and document["fichier"] and (document["distant"] or "") != "oui":
                    old = "IMG/" + document["fichier"].removeprefix("IMG/")
                    if len(old) <= 255:
                        wanted.setdefault(old, ("document", known.spip_id))
        existing = {a.old: a for a in LegacyAddress.objects.filter(old__in=list(wanted))}
        new = []
        for old, (spip_type, spip_id) in wanted.items():
            address = existing.get(old)
            if address is None:
                new.append(LegacyAddress(old=old, spip_type=spip_type, spip_id=spip_id))
            elif (address.spip_type, address.spip_id) != (spip_type, spip_id):
                address.spip_type, address.spip_id = spip_type, spip_id
                address.save()
        LegacyAddress.objects.bulk_create(new, batch_size=500)
        if new:
            self.report.counts[("Anciennes adresses", "created")] += len(new)


_SLASHES = re.compile(r"/+")


def normalise_readable(url: str) -> str:
    """A readable SPIP address as stored and looked up: no leading or trailing slash, no
    ``.html`` (SPIP's "propres2" style adds it)."""
    url = _SLASHES.sub("/", url.strip()).strip("/")
    url = url.removesuffix(".html")
    return url[:255] if len(url) <= 255 else ""
