"""Staging the archive's rows and switching the portal's database to them (steps 3 to 5
of a restore, see ``restore``): the structure comes from the portal's own migrations,
only rows come from the archive, and the switch is one transaction."""

import re
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from cuf.operations.backups.contents import BackupError, model_tables
from cuf.operations.backups.rules import backed_up_models, left_out_tables

STAGING_SCHEMA = "cuf_restauration"
MIGRATIONS_TABLE = "django_migrations"


# The database's migrations: the structure the rows go into ---------------------------


def _align_migrations(archived: set[tuple[str, str]], *, holds_content: bool) -> None:
    """Bring the portal's database to the migrations the archive was made under.

    The same state (the usual case): nothing to do. An empty database (new, migrated by a
    newer version, or not migrated at all) is migrated to the archive's state; afterwards
    ``migrate`` brings it forward, as after any update. A database holding content at
    another state is refused: its rows would not fit.
    """
    recorder = MigrationRecorder(connection)
    applied = set(recorder.applied_migrations()) if recorder.has_table() else set()
    if applied == archived:
        return
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    if unknown := sorted(archived - set(loader.graph.nodes)):
        app, name = unknown[0]
        raise BackupError(
            "Cette sauvegarde vient d’une version plus récente du portail (migration "
            f"{app}.{name} inconnue ici) : restaurez-la avec cette version ou une plus récente."
        )
    if holds_content:
        raise BackupError(
            "La base du portail n’est pas au même état de migrations que la sauvegarde, et "
            "contient des données : restaurez dans une base neuve."
        )
    targets = []
    for app in sorted(loader.migrated_apps):
        nodes = [node for node in archived if node[0] == app]
        if nodes:
            targets.append(max(nodes, key=lambda node: len(loader.graph.forwards_plan(node))))
        else:
            targets.append((app, None))
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _live_columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


def _unexpected(what: str) -> BackupError:
    return BackupError(
        f"Archive refusée : sa base contient {what}, que la base du portail ne contient "
        "pas. Rien n’a été restauré."
    )


# PostgreSQL: pg_restore only reads the dump; the rows go to a staging schema ------------

# What pg_dump writes for the portal's database (`pg_restore --list`), by kind. Nothing of
# it is run, but a dump holding anything else did not come from the portal.
EXPECTED_KINDS = {
    "COMMENT",
    "CONSTRAINT",
    "DEFAULT",
    "EXTENSION",
    "FK CONSTRAINT",
    "INDEX",
    "SCHEMA",
    "SEQUENCE",
    "SEQUENCE OWNED BY",
    "SEQUENCE SET",
    "TABLE",
    "TABLE DATA",
    "TEXT SEARCH CONFIGURATION",
}
# Functions and triggers: only those the portal's own database holds (its migrations).
ROUTINE_KINDS = {"FUNCTION", "TRIGGER"}
# The extensions the portal's migrations create (search: accents and typo tolerance).
EXPECTED_EXTENSIONS = {"plpgsql", "pg_trgm", "unaccent"}
KINDS_BY_LENGTH = sorted(
    [
        *EXPECTED_KINDS,
        "FUNCTION",
        "PROCEDURE",
        "AGGREGATE",
        "TRIGGER",
        "RULE",
        "VIEW",
        "MATERIALIZED VIEW",
        "EVENT TRIGGER",
        "POLICY",
        "ROW SECURITY",
        "BLOBS",
        "BLOB",
        "LARGE OBJECT",
        "CAST",
        "OPERATOR",
        "TYPE",
        "DOMAIN",
        "FOREIGN TABLE",
        "SERVER",
        "USER MAPPING",
        "PUBLICATION",
        "SUBSCRIPTION",
        "ACL",
        "DEFAULT ACL",
        "COLLATION",
        "CONVERSION",
        "PROCEDURAL LANGUAGE",
        "TRANSFORM",
        "ACCESS METHOD",
        "STATISTICS",
    ],
    key=len,
    reverse=True,
)
TOC_LINE = re.compile(r"^(?P<id>\d+); \d+ \d+ (?P<rest>.*)$")
IDENTIFIER = r'(?:[a-z_][a-z0-9_$]*|"[^"]+")'
COPY_LINE = re.compile(
    rf"^COPY public\.(?P<table>{IDENTIFIER}) \((?P<columns>{IDENTIFIER}(?:, {IDENTIFIER})*)\)"
    r" FROM stdin;$"
)


def _unquoted(identifier: str) -> str:
    return identifier[1:-1].replace('""', '"') if identifier.startswith('"') else identifier


def _pg_restore(*arguments: str, dump: Path) -> subprocess.Popen:
    # No --dbname: pg_restore writes the dump's SQL to its output, and connects to nothing.
    try:
        return subprocess.Popen(
            ["pg_restore", *arguments, "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError as error:
        raise BackupError(
            "pg_restore est introuvable : installez les outils clients de PostgreSQL "
            "(paquet postgresql-client, de la version du serveur ou plus récente)."
        ) from error


def _finish(process: subprocess.Popen, *, failed: bool = False) -> None:
    """Wait for pg_restore; when the reading stopped on an error, stop it instead."""
    if failed:
        process.kill()
    process.stdout.close()
    stderr = process.stderr.read().decode(errors="replace")
    if process.wait() != 0 and not failed:
        raise BackupError(f"pg_restore a échoué : {stderr.strip()}")


def _live_routines() -> set[tuple[str, str]]:
    """The functions and triggers of the portal's database (its migrations write a few,
    for search), as ``pg_restore --list`` names them; those of extensions are left out,
    as in a dump."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'FUNCTION', p.proname || '(' || oidvectortypes(p.proargtypes) || ')'"
            " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = 'public' AND NOT EXISTS ("
            "  SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
            " UNION ALL"
            " SELECT 'TRIGGER', c.relname || ' ' || t.tgname"
            " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND NOT t.tgisinternal"
        )
        return set(cursor.fetchall())


def _dump_contents(dump: Path, expected_tables: set[str]) -> tuple[list[str], set]:
    """The TOC lines of the rows to read, after checking every entry of the dump; and the
    functions and triggers it lists, to compare with the portal's own."""
    process = _pg_restore("--list", dump=dump)
    data_lines, routines = [], set()
    failed = True
    try:
        for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            match = TOC_LINE.match(line)
            if not match:
                continue  # comments: the dump's header
            rest = match["rest"]
            kind = next((kind for kind in KINDS_BY_LENGTH if rest.startswith(kind + " ")), None)
            # "<schema> <name> <owner>"; a function's name holds its argument types.
            words = rest[len(kind) + 1 :].split(" ") if kind else [rest]
            schema, name = words[0], " ".join(words[1:-1]) or words[0]
            if kind in ROUTINE_KINDS:
                routines.add((kind, name))
            elif kind not in EXPECTED_KINDS:
                raise _unexpected(f"« {rest.rsplit(' ', 1)[0]} »")
            elif kind == "EXTENSION" and name not in EXPECTED_EXTENSIONS:
                raise _unexpected(f"l’extension « {name} »")
            elif kind in ("TABLE", "TABLE DATA") and (
                schema != "public" or name not in expected_tables
            ):
                raise _unexpected(f"la table « {schema}.{name} »")
            elif kind == "TABLE DATA":
                data_lines.append(line)
        failed = False
    finally:
        _finish(process, failed=failed)
    return data_lines, routines


class _CopyData:
    """The data lines of one COPY block of pg_restore's output, read by ``copy_expert``
    up to its end marker (the rows themselves are never parsed: COPY's text format)."""

    def __init__(self, lines):
        self.lines = lines
        self.done = False

    def read(self, size=-1):
        if self.done:
            return b""
        line = next(self.lines, b"\\.\n")
        if line == b"\\.\n":
            self.done = True
            return b""
        return line

    readline = read


def _read_copy_blocks(dump: Path, toc_lines: list[str], on_block) -> None:
    """Call ``on_block(table, columns, data)`` for each table's rows in the dump."""
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write("\n".join(toc_lines) + "\n")
        listing.flush()
        process = _pg_restore("--data-only", f"--use-list={listing.name}", dump=dump)
        lines = iter(process.stdout)
        failed = True
        try:
            for raw in lines:
                if not raw.startswith(b"COPY "):
                    continue  # SET statements and comments: never run
                match = COPY_LINE.match(raw.decode(errors="replace").rstrip("\n"))
                if not match:
                    raise _unexpected("une instruction COPY inattendue")
                table = _unquoted(match["table"])
                columns = [_unquoted(column) for column in match["columns"].split(", ")]
                data = _CopyData(lines)
                on_block(table, columns, data)
                while data.read():  # a block left unread (archived migrations)
                    pass
            failed = False
        finally:
            _finish(process, failed=failed)


def _archived_migrations_postgresql(dump: Path, toc_lines: list[str]) -> set[tuple[str, str]]:
    lines = [line for line in toc_lines if f" {MIGRATIONS_TABLE} " in line]
    migrations = set()

    def read(table, columns, data):
        app, name = columns.index("app"), columns.index("name")
        while line := data.read():
            values = line.decode().rstrip("\n").split("\t")
            migrations.add((values[app], values[name]))

    _read_copy_blocks(dump, lines, read)
    return migrations


def _stage_postgresql(dump: Path, toc_lines: list[str], tables: list[str]) -> dict:
    """Load the archive's rows into the staging schema; returns the columns read per
    table."""
    quote = connection.ops.quote_name
    left_out = left_out_tables()
    loaded: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {STAGING_SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {STAGING_SCHEMA}")
        for table in tables:
            # Columns and their types only: no default, constraint or index of anyone's.
            cursor.execute(f"CREATE TABLE {STAGING_SCHEMA}.{quote(table)} (LIKE {quote(table)})")

    def load(table, columns, data):
        if table in left_out or table == MIGRATIONS_TABLE or table not in tables:
            return
        if unknown := set(columns) - _live_columns(table):
            raise _unexpected(f"la colonne « {table}.{sorted(unknown)[0]} »")
        names = ", ".join(quote(column) for column in columns)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {STAGING_SCHEMA}.{quote(table)} ({names}) FROM STDIN", data)
        loaded[table] = columns

    data_lines = [line for line in toc_lines if f" {MIGRATIONS_TABLE} " not in line]
    with transaction.atomic():
        _read_copy_blocks(dump, data_lines, load)
    return loaded


def _staged_counts(tables, loaded) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table in loaded:
                name = f"{STAGING_SCHEMA}.{connection.ops.quote_name(table)}"
                cursor.execute(f"SELECT COUNT(*) FROM {name}")
                counts[table] = cursor.fetchone()[0]
            else:
                counts[table] = 0
    return counts


def _switch(tables: list[str], loaded: dict[str, list[str]], source: str) -> None:
    """Empty the portal's tables and fill them from ``source`` (the staging schema, or
    the attached archive), in one transaction: deferred constraints are checked at the
    commit, and a failure leaves the portal as it was."""
    quote = connection.ops.quote_name
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in tables))
            else:
                for table in tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")
            for table, columns in loaded.items():
                names = ", ".join(quote(column) for column in columns)
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({names}) "
                    f"SELECT {names} FROM {source}.{quote(table)}"
                )
            for statement in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
                cursor.execute(statement)
    except IntegrityError as error:
        raise BackupError(
            "Archive refusée : ses lignes ne respectent pas les contraintes de la base du "
            f"portail ({error}). Rien n’a été restauré."
        ) from error


def restore_postgresql(dump: Path, manifest: dict, *, holds_content: bool) -> None:
    live_tables = set(model_tables())
    toc_lines, routines = _dump_contents(dump, live_tables | {MIGRATIONS_TABLE})
    _align_migrations(_archived_migrations_postgresql(dump, toc_lines), holds_content=holds_content)
    # Nothing of the archive's definitions runs; but a dump holding functions or triggers
    # the portal's migrations did not write is not a dump of the portal.
    if foreign := sorted(routines - _live_routines()):
        kind, name = foreign[0]
        raise _unexpected(f"« {kind} {name} »")
    existing = set(connection.introspection.table_names())
    tables = sorted(live_tables & existing)
    try:
        loaded = _stage_postgresql(dump, toc_lines, tables)
        check_counts(manifest, _staged_counts(manifest["database"]["tables"], loaded))
        _switch(tables, loaded, STAGING_SCHEMA)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {STAGING_SCHEMA} CASCADE")


# SQLite: the archive's database file is the staging area, read only --------------------


def restore_sqlite(dump: Path, manifest: dict, *, holds_content: bool) -> None:
    live_tables = set(model_tables())
    expected = live_tables | {MIGRATIONS_TABLE, "sqlite_sequence"}
    source = sqlite3.connect(f"{dump.as_uri()}?mode=ro", uri=True)
    try:
        objects = source.execute("SELECT type, name FROM sqlite_master").fetchall()
        for kind, name in objects:
            if kind not in ("table", "index") or (kind == "table" and name not in expected):
                raise _unexpected(f"« {kind} {name} »")
        archived_tables = {name for kind, name in objects if kind == "table"}
        archived = set(source.execute("SELECT app, name FROM django_migrations").fetchall())
        quote = connection.ops.quote_name
        loaded = {}
        left_out = left_out_tables()
        for table in sorted((live_tables & archived_tables) - left_out):
            loaded[table] = [row[1] for row in source.execute(f"PRAGMA table_info({quote(table)})")]
        counts = {
            table: source.execute(f"SELECT COUNT(*) FROM {quote(table)}").fetchone()[0]
            if table in loaded
            else 0
            for table in manifest["database"]["tables"]
        }
    except sqlite3.DatabaseError as error:
        raise BackupError(f"La base de l’archive est illisible : {error}") from error
    finally:
        source.close()
    check_counts(manifest, counts)
    _align_migrations(archived, holds_content=holds_content)
    for table, columns in loaded.items():
        if unknown := set(columns) - _live_columns(table):
            raise _unexpected(f"la colonne « {table}.{sorted(unknown)[0]} »")
    existing = set(connection.introspection.table_names())
    tables = sorted(live_tables & existing)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS archive", [f"{dump.as_uri()}?mode=ro"])
    try:
        _switch(tables, loaded, "archive")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DETACH DATABASE archive")


def check_counts(manifest: dict, found: dict[str, int], *, staged: bool = True) -> None:
    expected = manifest["database"]["tables"]
    if wrong := {table for table, count in expected.items() if found.get(table) != count}:
        details = ", ".join(
            f"{table} ({found.get(table, 'absente')} au lieu de {expected[table]})"
            for table in sorted(wrong)
        )
        raise BackupError(
            f"Archive refusée : lignes différentes du manifeste : {details}. Rien n’a été restauré."
        )
