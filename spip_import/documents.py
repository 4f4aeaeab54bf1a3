"""SPIP documents inside items: images shown in texts become images of the editor (one for
the whole import); documents linked from texts or attached to an article become its item's
ordered attachments (``cuf.files.models.Attachment``), images its texts do not show (SPIP's
portfolio) its gallery; what an item cannot hold is reported."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from cuf import content_types
from cuf.files.models import Attachment, EditorImage
from cuf.files.text_jobs import mark_new_file
from spip_import import typo
from spip_import.files import SpipFiles
from spip_import.memory import Memory
from spip_import.report import Report
from spip_import.source import LOGO_MODES, SpipSource
from spip_import.values import document_title, one_line, snapshot


@dataclass
class ItemDocuments:
    """The documents the import of one item touched."""

    # SPIP documents its texts show or link.
    used_in_text: set[int] = field(default_factory=set)
    # (spip_type, spip_id, parent, fingerprint) to remember once the item is saved.
    after_save: list[tuple[str, int, str, str]] = field(default_factory=list)
    # A resource's main document.
    main: dict | None = None


def _doc(url: str, document: dict, is_image: bool) -> typo.Doc:
    """A document as a text shows it: its title, description and credits (SPIP's
    caption)."""
    return typo.Doc(
        url,
        document_title(document),
        is_image,
        description=document["descriptif"] or "",
        credits=one_line(document["credits"] or ""),
    )


# The types whose items have attachments (an AttachmentsRelation on their model).
ATTACHING = {"communiques", "actualites", "ressources"}


def _parent(article: dict) -> str:
    return f"article{article['id_article']}"


class Documents:
    def __init__(
        self,
        source: SpipSource,
        *,
        files: SpipFiles,
        memory: Memory,
        report: Report,
        dry_run: bool,
    ) -> None:
        self.source, self.files, self.memory = source, files, memory
        self.report, self.dry_run = report, dry_run
        # An item's Attachment per (id_document, parent), for the whole run.
        self.rows: dict[tuple[int, str], models.Model | None] = {}
        # What each document shown or linked in an article's texts became, per article.
        self.shown: dict[tuple[int, str], typo.Doc] = {}
        # Read once, not per item: the editor's images already imported.
        image_type = ContentType.objects.get_for_model(EditorImage)
        known = memory.all()
        by_pk = EditorImage.objects.in_bulk(
            [k.object_id for k in known if k.content_type_id == image_type.id]
        )
        self.images: dict[int, EditorImage] = {
            k.spip_id: by_pk[k.object_id]
            for k in known
            if k.content_type_id == image_type.id and k.object_id in by_pk
        }

    # Documents in texts ------------------------------------------------------------------

    def for_text(
        self, spip_id: int, article: dict | None, item: models.Model, touched: ItemDocuments
    ) -> typo.Doc | None:
        """What a document shown or linked in one of ``item``'s texts became."""
        key = content_types.for_model(type(item)).key
        if key not in {"communiques", "ressources", "actualites"} and article is not None:
            # An event showing its article's text: the documents as the article's item
            # has them (articles are imported first).
            return self.shown.get((spip_id, _parent(article)))
        found = self._for_text(spip_id, article, item, key, touched)
        if found is not None and article is not None:
            self.shown[(spip_id, _parent(article))] = found
        return found

    def _for_text(
        self,
        spip_id: int,
        article: dict | None,
        item: models.Model,
        key: str,
        touched: ItemDocuments,
    ) -> typo.Doc | None:
        document = self.source.documents.get(spip_id)
        if document is None:
            return None
        if key == "ressources" and touched.main is document and not self.source.is_image(document):
            # A resource's own file (or link), which its page offers.
            url = item.external_url or reverse("resources:file", kwargs={"slug": item.slug})
            return _doc(url, document, False)
        if (document["distant"] or "") == "oui":
            return _doc(document["fichier"], document, False)
        if self.source.is_image(document):
            image = self.editor_image(document, article)
            if image is None:
                return None
            touched.used_in_text.add(spip_id)
            # Its caption as SPIP shows it: title, description and credits.
            return _doc(image.get_absolute_url(), document, True)
        if article is not None and key in ATTACHING:
            attached = self.row(item, article, document, position=None)
            if attached is not None:
                touched.used_in_text.add(spip_id)
                return _doc(attached.get_absolute_url(), document, False)
        return None

    def editor_image(self, document: dict, article: dict | None) -> EditorImage | None:
        """The document as an image of the editor (one for the whole import)."""
        spip_id = document["id_document"]
        image = self.images.get(spip_id)
        if image is not None:
            self._remember(spip_id, article, image)
            return image
        checked = self.files.checked(document, "image")
        if checked is None:
            return None
        path, info = checked
        image = EditorImage(content_type=info.content_type)
        if self.dry_run:
            # Nothing is stored; the row is written and rolled back with the rest, so that
            # a dry run counts (and reports) what the import would.
            image.file.name = f"editeur/{spip_id:032x}.{path.suffix.lstrip('.').lower()}"
        else:
            self.files.store(image.file, path)
        image.save()
        self.images[spip_id] = image
        self.report.count("Images des textes", "created", feminine=True)
        self._remember(spip_id, article, image, fingerprint=self.files.fingerprint(path))
        return image

    def _remember(self, spip_id, article, target, fingerprint: str = "") -> None:
        parent = _parent(article) if article else ""
        self.memory.remember("document", spip_id, target, parent=parent, fingerprint=fingerprint)

    # Attachments ---------------------------------------------------------------------------

    def attach(
        self,
        item: models.Model,
        article: dict,
        attachments: list[dict],
        touched: ItemDocuments,
    ) -> None:
        """The item's attachments, in the order of their links: its documents to download,
        and the images its texts do not show (SPIP's portfolio) as its gallery. A
        resource's main document is the resource's own file."""
        position = 0
        for link in attachments:
            document = self.source.documents[link["id_document"]]
            if document is touched.main:
                continue
            if self.source.is_image(document) and document["id_document"] in touched.used_in_text:
                continue  # shown in the text, as SPIP does (not in its portfolio)
            if (document["distant"] or "") == "oui":
                self.report.files.append(
                    f"document {document['id_document']} (article {article['id_article']}) : "
                    f"distant ({document['fichier']}), non joint : une pièce jointe du portail "
                    "est un fichier (un lien vers lui peut être ajouté au texte)"
                )
                continue
            position += 1
            self.row(item, article, document, position=position)

    def row(
        self, item: models.Model, article: dict, document: dict, *, position: int | None
    ) -> models.Model | None:
        """The item's ``Attachment`` for a SPIP document, created or brought up to date;
        None when it has none (missing or refused file, reported)."""
        spip_id = document["id_document"]
        parent = _parent(article)
        if (spip_id, parent) not in self.rows:
            self.rows[(spip_id, parent)] = self._row_update(item, document, parent)
        row = self.rows[(spip_id, parent)]
        if row is not None and position is not None and row.position != position:
            row.position = position
            if row.pk is not None:
                row.save(update_fields=["position"])
        return row

    def _row_update(self, item, document: dict, parent: str):
        spip_id = document["id_document"]
        item_type = ContentType.objects.get_for_model(item)
        is_image = self.source.is_image(document)
        known = self.memory.get("document", spip_id, parent)
        row = None
        if known and known.object_id:
            row = Attachment.objects.filter(
                pk=known.object_id, item_type=item_type, item_id=item.pk
            ).first()
        path = self.files.path(document)
        if path is None:
            return row
        fingerprint = self.files.fingerprint(path)
        created = row is None
        if created:
            row = Attachment(item_type=item_type, item_id=item.pk)
        before = snapshot(row)
        row.title = document_title(document)[:255]
        # SPIP's caption under a document: its description and credits.
        row.description = typo.plain(document["descriptif"] or "")
        row.credit = one_line(typo.plain(document["credits"] or ""))
        if created or known.fingerprint != fingerprint:
            checked = self.files.checked(document, "image" if is_image else "document")
            if checked is None:
                return None if created else row
            path, info = checked
            self.files.store(row.file, path)
            row.size, row.content_type = info.size, info.content_type
            row.format_label = info.label
            mark_new_file(row, has_text=info.has_text)
        changed = snapshot(row) != before
        if changed:
            row.full_clean(exclude=["item_type", "item_id"], validate_unique=False)
            row.save()
        action = "created" if created else ("updated" if changed else "unchanged")
        self.report.count(
            "Images des galeries" if is_image else "Documents", action, feminine=is_image
        )
        self.memory.remember("document", spip_id, row, parent=parent, fingerprint=fingerprint)
        return row

    def report_logos(self, objet: str, spip_id: int, where: str) -> None:
        """Logos the portal has no place for (a news item's is its image): a communiqué's
        or a resource's (their pages have no image of their own), a rubrique's (a
        rubrique becomes a section of the portal, and themes come from keywords)."""
        for link in self.source.documents_of.get((objet, spip_id), []):
            document = self.source.documents[link["id_document"]]
            if document["mode"] in LOGO_MODES:
                self.report.files.append(
                    f"logo {document['id_document']} ({objet} {spip_id}) : non importé, "
                    f"{where} n’a pas de logo"
                )
