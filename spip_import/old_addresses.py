"""The old site's addresses kept for redirects (``LegacyAddress``): SPIP's readable
addresses (``spip_urls``) and the files under ``IMG/`` of the documents imported."""

from __future__ import annotations

import re

from spip_import.memory import Memory
from spip_import.models import LegacyAddress
from spip_import.report import Report
from spip_import.source import SpipSource

_SLASHES = re.compile(r"/+")


def normalise_readable(url: str) -> str:
    """A readable SPIP address as stored and looked up: no leading or trailing slash, no
    ``.html`` (SPIP's "propres2" style adds it)."""
    url = _SLASHES.sub("/", url.strip()).strip("/")
    url = url.removesuffix(".html")
    return url[:255] if len(url) <= 255 else ""


def import_old_addresses(*, source: SpipSource, memory: Memory, report: Report) -> None:
    wanted: dict[str, tuple[str, int]] = {}
    for row in source.urls:
        old = normalise_readable(row["url"] or "")
        if old and row["type"] and row["id_objet"]:
            wanted.setdefault(old, (row["type"], row["id_objet"]))
    for known in memory.all():
        if known.spip_type == "document":
            document = source.documents.get(known.spip_id)
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
        report.count("Anciennes adresses", "created", len(new), feminine=True)
