"""Restoring a backup into an empty portal (or, forced, over one).

In this order, and nothing is written before the step that says so:
1. the manifest is authenticated with BACKUP_KEY (its signature), before any other member
   is read: an archive changed since the backup, or made with another key, stops here;
2. every member is checked against the manifest's sha256;
3. the rows go to a staging area: on PostgreSQL a schema of its own (``cuf_restauration``)
   whose tables copy the structure of the portal's, which comes from the portal's own
   migrations, never from the archive. Only the rows of the portal's tables are read from
   the dump (``pg_restore`` only reads the file: it connects to nothing, and no definition,
   owner or privilege of the archive is ever run). An archive whose dump lists anything
   the portal's database does not hold (a function, a trigger, a view, an unknown table)
   is refused. On SQLite the staging area is the archive's own database file, opened read
   only and checked the same way;
4. the row counts are checked in the staging area against the manifest;
5. the switch: in one transaction, the portal's tables are emptied and filled from the
   staging area; the database's own constraints (foreign keys, checks) are checked at the
   commit, and any failure leaves the portal as it was;
6. the files, then the waiting PDF texts are queued again (the job queue is left out).
"""

import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection

from cuf.files.text_jobs import TextStatus, queue_extraction
from cuf.operations.backups.contents import (
    CHUNK,
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    STORAGE_ALIASES,
    VENDOR_NAMES,
    BackupError,
    HashingReader,
    backup_key,
    check_vendor,
    model_tables,
    setup_tables,
    signature_matches,
    stored_files,
)
from cuf.operations.backups.staging import check_counts, restore_postgresql, restore_sqlite

# A manifest lists every file with its checksum: tens of megabytes for a very large
# portal. Anything larger is not one of ours, and is not read into memory.
MANIFEST_MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class RestoreReport:
    portal_version: str
    created_at: str
    vendor: str
    tables: dict[str, int]
    files: int
    bytes: int
    missing_files: list[dict] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    texts_queued: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def archive_manifest(*, archive: Path | str) -> dict:
    """The manifest of ``archive``, authenticated and checked to be one this portal reads."""
    try:
        with tarfile.open(archive, mode="r:") as tar:
            return _read_manifest(tar)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} n’est pas une archive de sauvegarde lisible.") from error


def _member_bytes(tar: tarfile.TarFile, name: str) -> bytes | None:
    try:
        member = tar.getmember(name)
    except KeyError:
        return None
    if not member.isfile() or member.size > MANIFEST_MAX_BYTES:
        return None
    return tar.extractfile(member).read()


def _read_manifest(tar: tarfile.TarFile) -> dict:
    data = _member_bytes(tar, MANIFEST)
    if data is None:
        raise BackupError("L’archive n’a pas de manifeste lisible (manifest.json).")
    backup_key()  # a missing key says so, rather than calling every archive forged
    signature = _member_bytes(tar, SIGNATURE)
    if signature is None or not signature_matches(data, signature):
        raise BackupError(
            "L’archive ne porte pas la signature de BACKUP_KEY : elle a été modifiée depuis "
            "la sauvegarde, ou faite avec une autre clé (ou par une version du portail qui "
            "ne signait pas ses archives). Rien n’a été lu ni restauré."
        )
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise BackupError("L’archive n’a pas de manifeste lisible (manifest.json).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(
            f"Format d’archive {found!r} inconnu de cette version du portail "
            f"(elle lit le format {FORMAT_VERSION})."
        )
    return manifest


def _expected(manifest: dict) -> dict[str, tuple[int, str]]:
    """(size, sha256) of every member the manifest lists, by member name."""
    database = manifest["database"]
    expected = {database["file"]: (database["size"], database["sha256"])}
    for entry in manifest["files"]:
        name = PurePosixPath(entry["name"])
        if name.is_absolute() or ".." in name.parts or entry["storage"] not in STORAGE_ALIASES:
            raise BackupError(f"Nom de fichier refusé dans le manifeste : {entry['name']}")
        expected[f"files/{entry['storage']}/{entry['name']}"] = (entry["size"], entry["sha256"])
    return expected


def _verify(tar: tarfile.TarFile, manifest: dict, dump: Path) -> None:
    """Check every member against the manifest, copying the database dump to ``dump``."""
    expected = _expected(manifest)
    seen = set()
    for member in tar:
        if member.name in (MANIFEST, SIGNATURE):
            continue
        if member.name not in expected or not member.isfile():
            raise BackupError(f"Archive refusée : {member.name} n’est pas dans le manifeste.")
        size, sha256 = expected[member.name]
        reader = HashingReader(tar.extractfile(member))
        if member.name == manifest["database"]["file"]:
            with dump.open("wb") as output:
                shutil.copyfileobj(reader, output, CHUNK)
        else:
            while reader.read(CHUNK):
                pass
        if reader.size != size or reader.sha256.hexdigest() != sha256:
            raise BackupError(
                f"Archive endommagée : {member.name} ne correspond pas à son empreinte "
                "(sha256). Rien n’a été restauré."
            )
        seen.add(member.name)
    if missing := sorted(set(expected) - seen):
        raise BackupError(
            f"Archive incomplète : {len(missing)} fichier(s) manquant(s), dont {missing[0]}. "
            "Rien n’a été restauré."
        )


def _table_counts(tables) -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


def _content_problems() -> list[str]:
    """What the portal holds beyond what ``migrate`` and ``sync_roles`` write."""
    setup = setup_tables()
    filled = {
        table: count
        for table, count in _table_counts(model_tables()).items()
        if count and table not in setup
    }
    files = {alias: next(stored_files(storages[alias]), None) for alias in STORAGE_ALIASES}
    files = {alias: name for alias, name in files.items() if name}
    problems = []
    if filled:
        shown = ", ".join(f"{table} ({count})" for table, count in sorted(filled.items())[:5])
        more = " …" if len(filled) > 5 else ""
        problems.append(f"la base de données contient déjà des données : {shown}{more}")
    for alias, name in files.items():
        problems.append(f"le stockage « {alias} » contient déjà des fichiers (dont {name})")
    return problems


def _check_empty(problems: list[str]) -> None:
    if not problems:
        return
    raise BackupError(
        "La restauration se fait dans un portail vide, or "
        + " ; ".join(problems)
        + ". Restaurez dans une base neuve (après migrate) et des dossiers de fichiers vides, "
        "ou relancez avec --force pour tout remplacer par la sauvegarde."
    )


def _restore_files(tar: tarfile.TarFile, manifest: dict) -> None:
    for entry in manifest["files"]:
        storage, name = storages[entry["storage"]], entry["name"]
        if storage.exists(name):  # only with force: the archive's copy wins
            storage.delete(name)
        content = File(tar.extractfile(f"files/{entry['storage']}/{name}"), name=name)
        saved = storage.save(name, content)
        if saved != name:
            raise BackupError(f"Le fichier {name} a été enregistré sous un autre nom : {saved}.")


def _queue_waiting_texts() -> int:
    """The job queue is left out of archives: files whose text was waiting are queued
    again."""
    queued = 0
    for model in apps.get_models():
        if any(field.name == "text_status" for field in model._meta.concrete_fields):
            for row in model._default_manager.filter(text_status=TextStatus.PENDING):
                queue_extraction(row)
                queued += 1
    return queued


def backup_restore(*, archive: Path | str, force: bool = False) -> RestoreReport:
    """Restore ``archive`` into the configured database and storages.

    Refuses an archive that BACKUP_KEY does not authenticate, then a portal that already
    holds content or files unless ``force``; checks every member's sha256; stages the rows
    and checks their counts; then switches the database in one transaction, and restores
    the files.
    """
    vendor = check_vendor()
    manifest = archive_manifest(archive=archive)
    archived_vendor = manifest["database"]["vendor"]
    if archived_vendor != vendor:
        raise BackupError(
            f"Cette sauvegarde vient d’une base {VENDOR_NAMES.get(archived_vendor, '?')} ; "
            f"la base configurée est {VENDOR_NAMES[vendor]}. Restaurez-la dans une base du "
            "même type (DATABASE_URL)."
        )
    problems = _content_problems()
    if not force:
        _check_empty(problems)
    with (
        tempfile.TemporaryDirectory(prefix="cuf-restauration-") as workdir,
        tarfile.open(archive, mode="r:") as tar,
    ):
        dump = Path(workdir) / PurePosixPath(manifest["database"]["file"]).name
        _verify(tar, manifest, dump)
        restore_database = restore_postgresql if vendor == "postgresql" else restore_sqlite
        restore_database(dump, manifest, holds_content=bool(problems))
        _restore_files(tar, manifest)
    # Content type ids and every cached value (search facets, image sizes) are those of
    # the database just replaced.
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()
    expected = manifest["database"]["tables"]
    found = _table_counts(expected)
    check_counts(manifest, found, staged=False)
    return RestoreReport(
        portal_version=manifest["portal_version"],
        created_at=manifest["created_at"],
        vendor=vendor,
        tables=found,
        files=len(manifest["files"]),
        bytes=sum(entry["size"] for entry in manifest["files"]),
        missing_files=manifest["missing_files"],
        left_out=manifest.get("left_out", []),
        texts_queued=_queue_waiting_texts(),
    )
