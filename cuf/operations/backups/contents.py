"""What an archive holds and where it comes from: the formats, the tables of every model
(auto-created ones included), the storages and their files, the database client tools."""

import hashlib
import hmac
import importlib.metadata
import os
import subprocess
from collections.abc import Iterator

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, default_storage, storages
from django.db import connection, models
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient

# Format 2: the manifest is authenticated (SIGNATURE) and secrets are left out (rules).
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
# HMAC-SHA256 of the manifest's bytes with BACKUP_KEY, in hexadecimal: the manifest holds
# the sha256 of every other member, so the signature vouches for the whole archive.
SIGNATURE = "manifest.hmac"
BACKUP_KEY_MIN_LENGTH = 32
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


# The key that authenticates archives --------------------------------------------------


def backup_key() -> bytes:
    """BACKUP_KEY, checked: set, long enough, and not SECRET_KEY (which every app server
    holds, and which signs what visitors are given)."""
    key = settings.BACKUP_KEY
    if not key:
        raise BackupError(
            "BACKUP_KEY n’est pas défini : les archives sont signées avec cette clé, gardée "
            "hors des archives (voir « Sauvegarder et restaurer » dans le README). Créez-en "
            "une avec : python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    if len(key) < BACKUP_KEY_MIN_LENGTH:
        raise BackupError(
            f"BACKUP_KEY est trop courte : au moins {BACKUP_KEY_MIN_LENGTH} caractères."
        )
    if key == settings.SECRET_KEY:
        raise BackupError("BACKUP_KEY doit être une clé à part, différente de SECRET_KEY.")
    return key.encode()


def sign(manifest: bytes) -> bytes:
    return hmac.new(backup_key(), manifest, hashlib.sha256).hexdigest().encode()


def signature_matches(manifest: bytes, signature: bytes) -> bool:
    return hmac.compare_digest(sign(manifest), signature.strip())


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


def setup_tables() -> set[str]:
    # What `migrate` and `sync_roles` write by themselves: a portal holding only these
    # rows is empty.
    return {
        ContentType._meta.db_table,
        Permission._meta.db_table,
        Group._meta.db_table,
        Group.permissions.through._meta.db_table,
    }


def storage_alias(storage: Storage) -> str | None:
    if storage is default_storage:
        return "default"
    return next((alias for alias in STORAGE_ALIASES if storages[alias] is storage), None)


def file_columns() -> list[tuple[str, str, str]]:
    """(table, column, storage alias) of every file field of every installed model."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, models.FileField):
                continue
            alias = storage_alias(model_field.storage)
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


def check_vendor() -> str:
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


def run_client(program: str, *arguments: str) -> None:
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


class HashingReader:
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
