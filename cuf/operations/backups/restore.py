"""Restoring a backup into an empty portal (or, forced, over one): every checksum is
checked before anything is written."""

import json
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection

from cuf.operations.backups.contents import (
    CHUNK,
    FORMAT_VERSION,
    MANIFEST,
    STORAGE_ALIASES,
    VENDOR_NAMES,
    BackupError,
    HashingReader,
    check_vendor,
    model_tables,
    run_client,
    setup_tables,
    stored_files,
)


@dataclass(frozen=True)
class RestoreReport:
    portal_version: str
    created_at: str
    vendor: str
    tables: dict[str, int]
    files: int
    bytes: int
    missing_files: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def archive_manifest(*, archive: Path | str) -> dict:
    """The manifest of ``archive``, checked to be one this portal can read."""
    try:
        with tarfile.open(archive, mode="r:") as tar:
            return _read_manifest(tar)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} n’est pas une archive de sauvegarde lisible.") from error


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("L’archive n’a pas de manifeste lisible (manifest.json).") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"Format d’archive {manifest.get('format')!r} inconnu de cette version du portail "
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
        if member.name == MANIFEST:
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


def _check_empty() -> None:
    setup = setup_tables()
    filled = {
        table: count
        for table, count in _table_counts(model_tables()).items()
        if count and table not in setup
    }
    files = {alias: next(stored_files(storages[alias]), None) for alias in STORAGE_ALIASES}
    files = {alias: name for alias, name in files.items() if name}
    if not filled and not files:
        return
    problems = []
    if filled:
        shown = ", ".join(f"{table} ({count})" for table, count in sorted(filled.items())[:5])
        more = " …" if len(filled) > 5 else ""
        problems.append(f"la base de données contient déjà des données : {shown}{more}")
    for alias, name in files.items():
        problems.append(f"le stockage « {alias} » contient déjà des fichiers (dont {name})")
    raise BackupError(
        "La restauration se fait dans un portail vide, or "
        + " ; ".join(problems)
        + ". Restaurez dans une base neuve (après migrate) et des dossiers de fichiers vides, "
        "ou relancez avec --force pour tout remplacer par la sauvegarde."
    )


def _restore_database(vendor: str, dump: Path) -> None:
    if vendor == "postgresql":
        # One transaction: a failure leaves the database as it was.
        run_client(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(dump),
        )
        # The tables are new objects: start again from a fresh connection.
        connection.close()
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def _restore_files(tar: tarfile.TarFile, manifest: dict) -> None:
    for entry in manifest["files"]:
        storage, name = storages[entry["storage"]], entry["name"]
        if storage.exists(name):  # only with force: the archive's copy wins
            storage.delete(name)
        content = File(tar.extractfile(f"files/{entry['storage']}/{name}"), name=name)
        saved = storage.save(name, content)
        if saved != name:
            raise BackupError(f"Le fichier {name} a été enregistré sous un autre nom : {saved}.")


def backup_restore(*, archive: Path | str, force: bool = False) -> RestoreReport:
    """Restore ``archive`` into the configured database and storages.

    Refuses a portal that already holds content or files unless ``force``; checks every
    member's sha256 against the manifest before writing anything; then restores the
    database, then the files, and checks the row counts against the manifest.
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
    if not force:
        _check_empty()
    with (
        tempfile.TemporaryDirectory(prefix="cuf-restauration-") as workdir,
        tarfile.open(archive, mode="r:") as tar,
    ):
        dump = Path(workdir) / PurePosixPath(manifest["database"]["file"]).name
        _verify(tar, manifest, dump)
        _restore_database(vendor, dump)
        _restore_files(tar, manifest)
    # Content type ids and every cached value (search facets, image sizes) are those of
    # the database just replaced.
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()
    expected = manifest["database"]["tables"]
    found = _table_counts(expected)
    if wrong := {table for table, count in expected.items() if found.get(table) != count}:
        details = ", ".join(
            f"{table} ({found.get(table, 'absente')} au lieu de {expected[table]})"
            for table in sorted(wrong)
        )
        raise BackupError(f"Restauration incomplète : lignes différentes du manifeste : {details}")
    return RestoreReport(
        portal_version=manifest["portal_version"],
        created_at=manifest["created_at"],
        vendor=vendor,
        tables=found,
        files=len(manifest["files"]),
        bytes=sum(entry["size"] for entry in manifest["files"]),
        missing_files=manifest["missing_files"],
    )
