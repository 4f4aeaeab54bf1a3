"""SPIP's values made into the portal's fields (dates, one-line texts, titles, unique
slugs), and how the import tells whether it changed an item."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import models
from django.utils import timezone

from cuf.publishing.dates import FIRST_YEAR, LAST_YEAR
from cuf.text.validators import BIDI_CONTROL
from spip_import import typo
from spip_import.reader import spip_date

# Dates outside these years are taken for mistakes (SPIP's "0001-01-01", a year 0 once
# the old Paris offset is applied): never stored, reported.
# The portal's own bounds (cuf.publishing.dates), which every date field and the database
# enforce.
PLAUSIBLE_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)


def aware(value: object) -> datetime.datetime | None:
    """A SPIP date in the portal's time zone; None for no date or an implausible one."""
    moment = spip_date(value)
    if moment is None or moment.year not in PLAUSIBLE_YEARS:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def implausible(value: object) -> bool:
    """Whether SPIP holds a date here that the portal will not store."""
    moment = spip_date(value)
    return moment is not None and moment.year not in PLAUSIBLE_YEARS


def one_line(text: str, limit: int = 255) -> str:
    # Direction overrides are refused by the portal's one-line fields; SPIP's texts may
    # hold some, invisible, and the item is worth more than them.
    return " ".join(BIDI_CONTROL.sub("", text or "").split())[:limit]


def article_title(article: dict) -> str:
    title = one_line(typo.plain(typo.strip_rank(article["titre"])))
    return title or f"Article {article['id_article']}"


def document_title(document: dict) -> str:
    title = one_line(typo.plain(typo.strip_rank(document["titre"])))
    return title or Path(document["fichier"] or f"document-{document['id_document']}").stem


def unique_slug(base: str, taken: set[str], limit: int = 255) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not ``taken`` (then it is)."""
    base = base[: limit - 8].strip("-") or "element"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def snapshot(item: models.Model) -> dict:
    """The item's stored values, to tell whether the import changed anything."""
    return {
        f.attname: getattr(item, f.attname)
        for f in item._meta.concrete_fields
        if f.attname not in {"updated", "created"}
    }


def apply(item: models.Model, values: dict) -> bool:
    """Set the values that differ; whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed = True
    return changed
