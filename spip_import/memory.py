"""What each SPIP object became (``SpipObject``): read once at the start, kept in memory
during the run, written in bulk at the end. This memory makes the import idempotent."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max
from django.utils import timezone

from spip_import.models import SpipObject

Key = tuple[str, int, str]  # (spip_type, spip_id, parent)


class Memory:
    def __init__(self) -> None:
        self.known: dict[Key, SpipObject] = {
            (o.spip_type, o.spip_id, o.parent): o for o in SpipObject.objects.all()
        }
        self.new_known: list[Key] = []
        self.dirty_known: list[Key] = []
        self._last_versions: dict[tuple[int, str], datetime.datetime] | None = None

    def get(self, spip_type: str, spip_id: int, parent: str = "") -> SpipObject | None:
        return self.known.get((spip_type, spip_id, parent))

    def all(self) -> Iterable[SpipObject]:
        return list(self.known.values())

    def object_ids(self, spip_type: str) -> list[int]:
        """The objects the import made of SPIP objects of this type (not per parent)."""
        return [
            known.object_id
            for (kind, _, parent), known in self.known.items()
            if kind == spip_type and not parent and known.object_id
        ]

    def existing(
        self, spip_type: str, spip_id: int, objects: dict[int, models.Model]
    ) -> models.Model | None:
        """What a SPIP object became, among ``objects`` (by pk); None if nothing."""
        known = self.known.get((spip_type, spip_id, ""))
        return objects.get(known.object_id) if known and known.object_id else None

    def imported(self, obj: models.Model, spip_type: str) -> bool:
        """Whether ``obj`` was created by an import (not by the portal's editors)."""
        content_type = ContentType.objects.get_for_model(obj)
        return any(
            known.content_type_id == content_type.id and known.object_id == obj.pk
            for known in self.known.values()
            if known.spip_type == spip_type
        )

    def edited_on_portal(self, spip_type: str, spip_id: int, item: models.Model) -> bool:
        """Whether ``item``, made of a SPIP object by an earlier run, was saved in the admin
        since (a version of it is dated after the import that made it): the editors'
        version is then the one to keep."""
        known = self.known.get((spip_type, spip_id, ""))
        if known is None or known.pk is None or item.pk is None:
            return False
        if self._last_versions is None:
            from reversion.models import Version

            # Read once a run: the date of each object's last version.
            self._last_versions = {
                (row["content_type_id"], row["object_id"]): row["last"]
                for row in Version.objects.values("content_type_id", "object_id").annotate(
                    last=Max("revision__date_created")
                )
            }
        content_type = ContentType.objects.get_for_model(item)
        last = self._last_versions.get((content_type.id, str(item.pk)))
        return last is not None and last > known.imported

    def remember(
        self,
        spip_type: str,
        spip_id: int,
        target: models.Model | None,
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

    def mark(self) -> tuple[int, int]:
        """Where the memory stands, to forget what follows if its rows are rolled back."""
        return len(self.new_known), len(self.dirty_known)

    def forget_since(self, mark: tuple[int, int]) -> None:
        """What was remembered since ``mark`` is forgotten with its rows."""
        new_mark, dirty_mark = mark
        for key in self.new_known[new_mark:]:
            self.known.pop(key, None)
        for key in self.dirty_known[dirty_mark:]:
            if key in self.known and self.known[key].pk is not None:
                self.known[key].refresh_from_db()
        del self.new_known[new_mark:], self.dirty_known[dirty_mark:]

    def write(self) -> None:
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
