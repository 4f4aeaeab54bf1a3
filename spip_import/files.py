"""SPIP's ``IMG/`` folder: where a document's file is, whether it changed since the last
run, whether it passes the checks uploads pass, and storing it (nothing is stored in a dry
run). A missing or refused file is reported, never raised."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile

from cuf.files.checks import UploadInfo, describe_upload
from spip_import.report import Report


class SpipFiles:
    def __init__(self, img_root: Path, *, report: Report, dry_run: bool) -> None:
        self.img_root = Path(img_root).resolve()
        self.report = report
        self.dry_run = dry_run

    def path(self, document: dict) -> Path | None:
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
    def fingerprint(path: Path) -> str:
        stat = path.stat()
        return f"{stat.st_size}:{int(stat.st_mtime)}"

    def checked(self, document: dict, kind: str) -> tuple[Path, UploadInfo] | None:
        """(path, UploadInfo) of a document's file checked as ``kind`` uploads are, or
        None, reported."""
        path = self.path(document)
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

    def store(self, field_file: FieldFile, path: Path) -> None:
        if self.dry_run:
            field_file.name = f"essai/{path.name}"
            return
        with path.open("rb") as handle:
            field_file.save(path.name, File(handle, name=path.name), save=False)
