"""Writing a backup: a consistent snapshot of the database, every stored file, and the
manifest last."""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.storage import Storage, storages
from django.db import connection, transaction
from django.utils import timezone

from cuf.operations.backups.contents import (
    ARCHIVE_PREFIX,
    CHUNK,
    DUMPS,
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    STORAGE_ALIASES,
    BackupError,
    HashingReader,
    backup_key,
    check_vendor,
    file_columns,
    model_tables,
    portal_version,
    run_client,
    sign,
    stored_files,
)
from cuf.operations.backups.rules import left_out_tables, undeclared_models


def snapshot_facts(cursor, existing: set[str]) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Row counts per table (none in the tables left out), and the files the rows name,
    read through ``cursor``."""
    quote = connection.ops.quote_name
    counts = {}
    left_out = left_out_tables()
    for table in model_tables():
        if table in left_out:
            counts[table] = 0
        elif table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    named = set()
    for table, column, alias in file_columns():
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
        facts = snapshot_facts(cursor, existing)
        run_client(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={path}",
            *(f"--exclude-table-data=public.{table}" for table in sorted(left_out_tables())),
        )
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
        # The copy is the archive's: rows left out are deleted from it, and VACUUM drops
        # the pages that held them.
        quote = connection.ops.quote_name
        for table in sorted(left_out_tables() & existing):
            cursor.execute(f"DELETE FROM {quote(table)}")
        copy.commit()
        copy.execute("VACUUM")
        return snapshot_facts(cursor, existing)
    finally:
        copy.close()


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
        reader = HashingReader(handle)
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
    vendor = check_vendor()
    backup_key()  # refused before anything is written
    if undeclared := undeclared_models():
        raise BackupError(
            "Aucune règle de sauvegarde pour "
            + ", ".join(undeclared)
            + " : déclarez si ses lignes sont gardées ou écartées "
            "(cuf/operations/backups/rules.py)."
        )
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
                        "left_out": sorted(left_out_tables() & set(tables)),
                        "files": files,
                        "missing_files": [
                            {"storage": alias, "name": name}
                            for alias, name in sorted(named - archived)
                        ],
                    }
                    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                    _add_bytes(tar, MANIFEST, data, mtime)
                    _add_bytes(tar, SIGNATURE, sign(data), mtime)
                output.flush()
                os.fsync(output.fileno())
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return path
