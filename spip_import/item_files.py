"""An item's own file: a news item's image from its article's logo, a resource's kind and
file (or link) from its main document. A file unchanged since the last run is not read
again (its fingerprint is remembered)."""

from __future__ import annotations

from django.db import models

from cuf.files.text_jobs import mark_new_file
from spip_import import typo
from spip_import.documents import ItemDocuments
from spip_import.files import SpipFiles
from spip_import.memory import Memory
from spip_import.source import SpipSource
from spip_import.values import apply, article_title, document_title, one_line

# SPIP's media of a document -> the kind of resource it makes.
RESOURCE_KIND_BY_MEDIA = {"image": "photo", "audio": "son", "video": "video", "file": "texte"}


class ItemFiles:
    def __init__(
        self, source: SpipSource, *, files: SpipFiles, memory: Memory, dry_run: bool
    ) -> None:
        self.source, self.files, self.memory, self.dry_run = source, files, memory, dry_run

    def logo(self, article: dict) -> dict | None:
        """The article's logo: a document in logo mode (SPIP 4), or IMG/artonN.* (SPIP 3)."""
        for link in self.source.documents_of.get(("article", article["id_article"]), []):
            document = self.source.documents[link["id_document"]]
            if document["mode"] == "logoon":
                return document
        for extension in ("jpg", "png", "gif", "webp"):
            name = f"arton{article['id_article']}.{extension}"
            if (self.files.img_root / name).is_file():
                return {
                    "id_document": 0,
                    "fichier": name,
                    "titre": "",
                    "credits": "",
                    "extension": extension,
                    "media": "image",
                }
        return None

    def fill_news_image(self, item: models.Model, article: dict, touched: ItemDocuments) -> None:
        logo = self.logo(article)
        if logo is None:
            return
        path = self.files.path(logo)
        if path is None:
            return
        fingerprint = self.files.fingerprint(path)
        known = self.memory.get("logo", article["id_article"], "")
        if not (item.image and known and known.fingerprint == fingerprint):
            if self.files.checked(logo, "image") is None:
                return
            if not self.dry_run:  # checked; nothing is stored in a dry run
                self.files.store(item.image, path)
        apply(
            item,
            {
                "image_alt": document_title(logo) if logo["titre"] else article_title(article),
                "image_credit": one_line(typo.plain(logo["credits"])),
            },
        )
        touched.after_save.append(("logo", article["id_article"], "", fingerprint))
        if logo["id_document"]:
            parent = f"article{article['id_article']}"
            touched.after_save.append(("document", logo["id_document"], parent, fingerprint))

    def fill_resource(
        self,
        item: models.Model,
        article: dict,
        attachments: list[dict],
        touched: ItemDocuments,
    ) -> bool:
        """The resource's kind and file (or link) from its main document; False if none."""
        main = next(iter(attachments), None)
        if main is None:
            return False
        document = self.source.documents[main["id_document"]]
        kind = RESOURCE_KIND_BY_MEDIA.get(self.source.media(document), "texte")
        apply(item, {"kind": kind, "credit": one_line(typo.plain(document["credits"]))})
        if kind == "photo" and not item.image_alt.strip():
            # A photo needs its text alternative: the document's title, else the article's.
            # One an editor wrote since is kept.
            alt = document_title(document) if document["titre"] else article_title(article)
            apply(item, {"image_alt": alt[:255]})
        elif kind != "photo" and item.image_alt:
            # No longer a photo: its text alternative goes (only photos have one).
            apply(item, {"image_alt": ""})
        touched.main = document
        if (document["distant"] or "") == "oui":
            apply(item, {"external_url": document["fichier"], "file": ""})
            return True
        path = self.files.path(document)
        if path is None:
            return bool(item.file)
        fingerprint = self.files.fingerprint(path)
        parent = f"article{article['id_article']}"
        known = self.memory.get("document", document["id_document"], parent)
        if not (item.file and known and known.fingerprint == fingerprint):
            checked = self.files.checked(document, item.UPLOAD_KIND[kind])
            if checked is None:
                return bool(item.file)
            path, info = checked
            self.files.store(item.file, path)
            item.size, item.content_type = info.size, info.content_type
            item.format_label = info.label
            mark_new_file(item, has_text=info.has_text)
            item.external_url = ""
        touched.after_save.append(("document", document["id_document"], parent, fingerprint))
        return True
