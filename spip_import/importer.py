"""The import of a SPIP site: its articles, mots-clés, documents and events become the
portal's items, themes and files.

Idempotent: each SPIP object is remembered with what it became (``SpipObject``); a second
run updates only what changed in SPIP and creates nothing twice. Each article is imported
in its own savepoint: one that fails is reported and the others go on.

``SpipImporter.run()`` reads SPIP once (``source``), then hands each concern to its
collaborator: ``planning`` (what becomes what, the new addresses), ``themes``,
``articles`` and ``events`` (sharing ``items``, with ``texts``, ``documents`` and
``item_files`` over ``files``), ``memory`` (what each SPIP object became, written at the
end), ``old_addresses`` (the old addresses to redirect) and ``report``. The search
index's listener is paused meanwhile (``search.listeners.paused``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from search import listeners as search_listeners
from search.indexing import rebuild_index
from spip_import.articles import Articles
from spip_import.documents import Documents
from spip_import.events import Events
from spip_import.files import SpipFiles
from spip_import.item_files import ItemFiles
from spip_import.items import ItemImport
from spip_import.memory import Memory
from spip_import.old_addresses import import_old_addresses
from spip_import.planning import MappingError, Plan, check_mapping
from spip_import.reader import SpipReader
from spip_import.report import Report
from spip_import.source import SpipSource
from spip_import.texts import Texts
from spip_import.themes import Themes

__all__ = ["MappingError", "Report", "SpipImporter"]


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
    ) -> None:
        self.reader = reader
        self.img_root = Path(img_root).resolve()
        self.mapping = mapping
        self.pays_groups = set(pays_groups)
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = Report(dry_run=dry_run)
        check_mapping(mapping)

    def run(self) -> Report:
        report, dry_run = self.report, self.dry_run
        source = SpipSource.read(self.reader)
        memory = Memory()
        files = SpipFiles(self.img_root, report=report, dry_run=dry_run)
        documents = Documents(source, files=files, memory=memory, report=report, dry_run=dry_run)
        themes = Themes(source, memory=memory, report=report, pays_groups=self.pays_groups)
        plan = Plan(source, mapping=self.mapping, memory=memory, themes=themes, report=report)
        steps = ItemImport(
            source=source,
            plan=plan,
            texts=Texts(report),
            documents=documents,
            themes=themes,
            memory=memory,
            report=report,
        )
        articles = Articles(
            steps, item_files=ItemFiles(source, files=files, memory=memory, dry_run=dry_run)
        )
        events = Events(steps)
        # The search index is rebuilt once at the end (in bulk, a few seconds for ten
        # thousand items) rather than item by item as each is saved (minutes).
        with search_listeners.paused(), transaction.atomic():
            plan.map_rubriques()
            for rubrique_id in plan.section_of:
                documents.report_logos("rubrique", rubrique_id, "une section")
            themes.import_mots()
            plan.plan_items()
            planned = [a for a in source.articles if a["id_article"] in plan.articles]
            total = len(planned) + len(plan.events)
            for done, article in enumerate(planned, start=1):
                what = f"article {article['id_article']}"
                self._in_savepoint(memory, what, articles.import_article, article)
                self.progress(done, total)
            for done, event in enumerate(plan.events, start=len(planned) + 1):
                what = f"événement {event['id_evenement']}"
                self._in_savepoint(memory, what, events.import_event, event)
                self.progress(done, total)
            memory.write()
            import_old_addresses(source=source, memory=memory, report=report)
            if dry_run:
                transaction.set_rollback(True)
            elif report.changed():
                transaction.on_commit(rebuild_index)
        return report

    def _in_savepoint(
        self, memory: Memory, what: str, function: Callable[[dict], None], row: dict
    ) -> None:
        mark = memory.mark()
        try:
            with transaction.atomic():
                function(row)
        except (ValidationError, IntegrityError, DatabaseError, ValueError) as error:
            # What this item would have remembered is forgotten with its rows.
            memory.forget_since(mark)
            message = "; ".join(getattr(error, "messages", None) or [str(error)])
            self.report.skipped.append(f"{what} : refusé par le portail ({message})")
