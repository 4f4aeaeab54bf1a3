"""An item's texts from SPIP's typography to the portal's rich text (``typo.convert``):
which SPIP text goes to which field of each type, what a link or a document in a text
became (``ItemResolver``), and the shortcuts that stayed text, reported."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import models

from cuf.text.plain import plain_text
from cuf.text.sanitizer import sanitize_html
from spip_import import typo
from spip_import.report import Report
from spip_import.values import one_line

if TYPE_CHECKING:
    from spip_import.documents import Documents, ItemDocuments
    from spip_import.planning import Plan

# A document shown or linked in a text (<doc5>, <emb5>, [->doc5]).
_DOCUMENT_IN_TEXT = re.compile(r"<(?:doc|emb|img)\d|->\s*(?:doc|document|img|emb)\s*\d", re.I)


def mentions_documents(article: dict) -> bool:
    """Whether one of the article's texts shows or links a document."""
    texts = [article[name] or "" for name in ("chapo", "descriptif", "texte", "ps")]
    return bool(_DOCUMENT_IN_TEXT.search(" ".join(texts)))


class ItemResolver:
    """What SPIP objects became, for the links and documents of one item's texts."""

    def __init__(
        self,
        plan: Plan,
        documents: Documents,
        article: dict | None,
        item: models.Model,
        touched: ItemDocuments,
    ) -> None:
        self.plan, self.documents = plan, documents
        self.article, self.item, self.touched = article, item, touched
        self.notes = 0  # the notes of the item's texts converted so far

    def link(self, spip_type: str, spip_id: int) -> tuple[str, str] | None:
        return self.plan.address_of(spip_type, spip_id)

    def document(self, spip_id: int) -> typo.Doc | None:
        return self.documents.for_text(spip_id, self.article, self.item, self.touched)


class Texts:
    def __init__(self, report: Report) -> None:
        self.report = report

    def convert(self, text: str | None, resolver: ItemResolver, where: str) -> str:
        """The text as rich text; what stayed text is reported as found ``where``.

        The texts of one item (``resolver``) number their notes on, one page's notes
        having one address each."""
        if not text:
            return ""
        conversion = typo.convert(text, resolver, first_note=resolver.notes + 1)
        resolver.notes += conversion.notes
        for piece in conversion.unconverted:
            self.report.unconverted.append(f"{where} : {piece}")
        return conversion.html

    def article_fields(
        self, key: str, article: dict, resolver: ItemResolver, main_document: dict | None
    ) -> dict:
        """The text fields of an article's item of type ``key``."""
        where = f"article {article['id_article']}"
        convert = lambda text: self.convert(text, resolver, where)  # noqa: E731
        lead = convert(article["chapo"]) if article["chapo"] else ""
        summary = "" if lead else convert(article["descriptif"])
        subtitle = one_line(typo.plain(article["soustitre"]))
        subtitle_html = f"<p><strong>{subtitle}</strong></p>" if subtitle else ""
        # The ps converted with the text: the notes of both come last, as SPIP shows them.
        text = "\n\n".join(part for part in (article["texte"], article["ps"]) if part)
        body_parts = [convert(text)]
        if key == "actualites":
            if "<a " in lead or "<a " in summary:
                # A news item's summary is plain text: its links are lost, and said so.
                self.report.unconverted.append(
                    f"{where} : lien du chapo gardé en texte (le résumé d’une actualité est "
                    "du texte brut)"
                )
            return {
                "summary": plain_text(lead or summary),
                "body": sanitize_html(subtitle_html + "".join(body_parts)),
            }
        body = sanitize_html(subtitle_html + (lead or summary) + "".join(body_parts))
        if key == "ressources":
            # The main document's own description follows the article's texts, unless
            # they show it already (the document in the text, with its caption).
            described = convert((main_document or {}).get("descriptif"))
            if plain_text(described) in plain_text(body):
                described = ""
            return {"description": sanitize_html(body + described)}
        return {"body": body}
