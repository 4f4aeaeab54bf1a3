"""Backup and restore: the database and every stored file in one archive, and back.

An archive is an uncompressed tar file (the database dump is already compressed, and so
are most uploads: images, PDFs, sound, video) holding:

- ``database/postgresql.dump`` (``pg_dump -Fc``) or ``database/sqlite3.db`` (SQLite's online
  backup API): a consistent snapshot, taken without stopping the portal;
- ``files/<storage>/<name>``: every file of the storages the models use, read through the
  Storage API (local disk today, a bucket tomorrow);
- ``manifest.json``, last: format and portal versions, date, database vendor, row counts
  per table (counted in the snapshot itself), the sha256 and size of the dump and of every
  file, and the files the snapshot names that the storage did not hold.

A restore goes into an empty portal (``force`` replaces a non-empty one), and checks
every checksum before it writes anything.
"""

import datetime
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import Storage, default_storage, storages
from django.db import connection, models, transaction
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database/postgresql.dump", "sqlite": "database/sqlite3.db"}
VENDOR_NAMES = {
    "postgresql": "PostgreSQL",
    "sqlite": "SQLite",
    "mysql": "MySQL",
    "oracle": "Oracle",
}
# The storages the models keep their files in (cuf.files.storage.protected_storage; the
# default storage is reserved for public media). A file field on any other storage is an
# error: its files would be left out of every backup.
STORAGE_ALIASES = ("protected", "default")
ARCHIVE_PREFIX = "cuf-sauvegarde"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message is for people, in French."""


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


# Tables and storages -------------------------------------------------------------------


def model_tables() -> list[str]:
    """The table of every installed model (through tables included), once each, sorted."""
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if not model._meta.proxy
        }
    )


def _setup_tables() -> set[str]:
    # What `migrate` and `sync_roles` write by themselves: a portal holding only these
    # rows is empty.
    return {
        ContentType._meta.db_table,
        Permission._meta.db_table,
        Group._meta.db_table,
        Group.permissions.through._meta.db_table,
    }


def _storage_alias(storage: Storage) -> str | None:
    if storage is default_storage:
        return "default"
    return next((alias for alias in STORAGE_ALIASES if storages[alias] is storage), None)


def _file_columns() -> list[tuple[str, str, str]]:
    """(table, column, storage alias) of every file field of every installed model."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, models.FileField):
                continue
            alias = _storage_alias(model_field.storage)
            if alias is None:
                raise BackupError(
                    f"Le champ {model._meta.label}.{model_field.name} range ses fichiers dans "
                    "un stockage que la sauvegarde ne connaît pas "
                    "(cuf.operations.backups.STORAGE_ALIASES) :"
                    " ils seraient perdus."
                )
            columns.append((model._meta.db_table, model_field.column, alias))
    return columns


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name of ``storage`` under ``folder``, through ``listdir``, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from stored_files(storage, f"{folder}/{name}" if folder else name)


def _check_vendor() -> str:
    vendor = connection.vendor
    if vendor not in DUMPS:
        name = VENDOR_NAMES.get(vendor, vendor)
        raise BackupError(
            f"La base de données {name} n’est pas prise en charge par la sauvegarde : "
            "seules PostgreSQL et SQLite le sont."
        )
    if connection.in_atomic_block:
        raise BackupError(
            "La sauvegarde et la restauration ne peuvent pas s’exécuter dans une transaction."
        )
    return vendor


def portal_version() -> str:
    try:
        return importlib.metadata.version("cuf-portail")
    except importlib.metadata.PackageNotFoundError:
        return "inconnue"


# PostgreSQL's client tools -------------------------------------------------------------


def pg_command(program: str, settings_dict: dict, *arguments: str) -> tuple[list[str], dict]:
    """The command line and environment of ``program`` (pg_dump, pg_restore) for the
    database ``settings_dict`` describes: the password goes in PGPASSWORD, never in the
    arguments, and the tools never prompt for one (``--no-password``)."""
    # Django's own dbshell client knows the environment variables of every option
    # (password, sslmode, certificates, service, passfile); its arguments are psql's.
    options = settings_dict.get("OPTIONS") or {}
    _psql, env = PostgresClient.settings_to_cmd_args_env({**settings_dict, "OPTIONS": options}, [])
    env = env or {}
    if options.get("connect_timeout"):
        env["PGCONNECT_TIMEOUT"] = str(options["connect_timeout"])
    command = [program, "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            command.append(f"{option}={settings_dict[key]}")
    if settings_dict.get("NAME"):
        command.append(f"--dbname={settings_dict['NAME']}")
    return [*command, *arguments], env


def _run(program: str, *arguments: str) -> None:
    command, env = pg_command(program, connection.settings_dict, *arguments)
    try:
        result = subprocess.run(
            command, env={**os.environ, **env}, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{program} est introuvable : installez les outils clients de PostgreSQL "
            "(paquet postgresql-client, de la version du serveur ou plus récente)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{program} a échoué : {result.stderr.strip()}")


# Backup --------------------------------------------------------------------------------


def _snapshot_facts(cursor, existing: set[str]) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Row counts per table, and the files the rows name, read through ``cursor``."""
    quote = connection.ops.quote_name
    counts = {}
    for table in model_tables():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    named = set()
    for table, column, alias in _file_columns():
        if table in existing:
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(table)} "
                f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
            )
            named.update((alias, name) for (name,) in cursor.fetchall())
    return counts, named


def _dump_postgresql(path: Path) -> tuple[dict[str, int], set[tuple[str, str]]]:
    # pg_dump reads the snapshot this transaction exports, so the counts and the file names
    # come from exactly what the dump holds. Neither blocks the portal's writes.
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        existing = set(connection.introspection.table_names(cursor))
        facts = _snapshot_facts(cursor, existing)
        _run("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}")
    return facts


def _dump_sqlite(path: Path) -> tuple[dict[str, int], set[tuple[str, str]]]:
    # The online backup API copies the database in one step: a consistent snapshot, with a
    # read lock held only while the pages are copied.
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        existing = {name for (name,) in cursor.fetchall()}
        return _snapshot_facts(cursor, existing)
    finally:
        copy.close()


class _Hashing:
    """Reads through ``handle``, keeping the sha256 and the size of what was read."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _archive_path(destination: Path, now: datetime.datetime) -> Path:
    destination = Path(destination)
    if destination.is_dir():
        destination = destination / f"{ARCHIVE_PREFIX}-{now:%Y-%m-%dT%H%M}.tar"
    if destination.exists():
        raise BackupError(f"{destination} existe déjà : la sauvegarde ne l’écrase pas.")
    if not destination.parent.is_dir():
        raise BackupError(f"Le dossier {destination.parent} n’existe pas.")
    return destination


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o600
    archive.addfile(info, io.BytesIO(data))


def _add_stored_file(
    archive: tarfile.TarFile, storage: Storage, alias: str, name: str, mtime: float
) -> dict | None:
    """Copy one stored file into the archive; None when it went away in the meantime."""
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        return None
    with handle:
        # Opened first, measured next: a file deleted now is still read whole.
        size = handle.size
        info = tarfile.TarInfo(f"files/{alias}/{name}")
        info.size, info.mtime, info.mode = size, mtime, 0o600
        reader = _Hashing(handle)
        archive.addfile(info, reader)
    return {
        "storage": alias,
        "name": name,
        "size": reader.size,
        "sha256": reader.sha256.hexdigest(),
    }


def backup_write(*, destination: Path | str) -> Path:
    """Write one archive of the database and every stored file; returns its path.

    ``destination`` is the archive's path, or an existing folder to write it into under a
    dated name (``cuf-sauvegarde-2026-11-30T0315.tar``). The archive is written under a
    temporary name and renamed once complete, readable by its owner only.
    """
    vendor = _check_vendor()
    now = timezone.localtime()
    path = _archive_path(Path(destination), now)
    partial = path.with_name(f".{path.name}.partiel")
    mtime = now.timestamp()
    with tempfile.TemporaryDirectory(prefix="cuf-sauvegarde-") as workdir:
        dump = Path(workdir) / PurePosixPath(DUMPS[vendor]).name
        dump_database = _dump_postgresql if vendor == "postgresql" else _dump_sqlite
        tables, named = dump_database(dump)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as output:
                with tarfile.open(fileobj=output, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    tar.add(dump, arcname=DUMPS[vendor], filter=_private)
                    files = []
                    for alias in STORAGE_ALIASES:
                        storage = storages[alias]
                        for name in stored_files(storage):
                            entry = _add_stored_file(tar, storage, alias, name, mtime)
                            if entry:
                                files.append(entry)
                    archived = {(entry["storage"], entry["name"]) for entry in files}
                    manifest = {
                        "format": FORMAT_VERSION,
                        "portal_version": portal_version(),
                        "created_at": now.isoformat(timespec="seconds"),
                        "database": {
                            "vendor": vendor,
                            "file": DUMPS[vendor],
                            "size": dump.stat().st_size,
                            "sha256": _sha256(dump),
                            "tables": tables,
                        },
                        "files": files,
                        "missing_files": [
                            {"storage": alias, "name": name}
                            for alias, name in sorted(named - archived)
                        ],
                    }
                    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                    _add_bytes(tar, MANIFEST, data, mtime)
                output.flush()
                os.fsync(output.fileno())
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return path


# Restore -------------------------------------------------------------------------------


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
        reader = _Hashing(tar.extractfile(member))
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
    setup = _setup_tables()
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
        _run(
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
    vendor = _check_vendor()
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
