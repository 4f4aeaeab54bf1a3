"""Reading a SPIP 3 or 4 database (MySQL/MariaDB) directly, with PyMySQL.

Only the columns the import uses are read, by their SPIP names; every table is read in a
few whole-table queries (no query per article), so a site of ten thousand articles is read
in seconds. Optional tables (the Agenda plugin's ``spip_evenements``, ``spip_urls``) may be
missing: they read as empty.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# SPIP writes "no date" as a zero date, which MySQL drivers hand back as None or as the
# text itself depending on the server's mode.
ZERO_DATES = {None, "", "0000-00-00 00:00:00", "0000-00-00"}


class SpipReadError(Exception):
    """The SPIP database cannot be reached or read: the message says why, in French."""


@dataclass(frozen=True)
class DatabaseAddress:
    host: str
    port: int
    user: str
    password: str
    database: str
    prefix: str = "spip"


def parse_address(url: str) -> DatabaseAddress:
    """``mysql://USER:PASS@HOST:PORT/DB`` (``?prefix=`` for tables not named ``spip_…``)."""
    parts = urlsplit(url)
    if parts.scheme not in {"mysql", "mariadb"} or not parts.path.strip("/"):
        raise SpipReadError(
            "Adresse de base invalide : attendu mysql://UTILISATEUR:MOT_DE_PASSE@HÔTE:PORT/BASE."
        )
    prefix = "spip"
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        if key == "prefix" and value.isidentifier():
            prefix = value
    try:
        port = parts.port or 3306
    except ValueError as error:
        raise SpipReadError("Adresse de base invalide : le port n’est pas un nombre.") from error
    return DatabaseAddress(
        host=parts.hostname or "127.0.0.1",
        port=port,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=parts.path.strip("/"),
        prefix=prefix,
    )


def spip_date(value) -> datetime.datetime | None:
    """A SPIP date (naive, in the site's time zone) or None for SPIP's zero date."""
    if value in ZERO_DATES:
        return None
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time.min)
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None


class SpipReader:
    """Rows of one SPIP database, as dictionaries keyed by SPIP's column names."""

    def __init__(self, address: DatabaseAddress):
        try:
            import pymysql
            import pymysql.cursors
        except ImportError as error:  # the optional extra is not installed
            raise SpipReadError(
                'Le pilote PyMySQL manque : installez-le avec pip install -e ".[import]".'
            ) from error
        self.prefix = address.prefix
        try:
            self.connection = pymysql.connect(
                host=address.host,
                port=address.port,
                user=address.user,
                password=address.password,
                database=address.database,
                charset="utf8mb4",
                cursorclass=pymysql.cursors.DictCursor,
                connect_timeout=10,
            )
        except pymysql.MySQLError as error:
            raise SpipReadError(
                f"Connexion à la base SPIP impossible ({address.user}@{address.host}:"
                f"{address.port}/{address.database}) : {error.args[-1] if error.args else error}"
            ) from error
        self._tables = self._table_names()

    def close(self) -> None:
        self.connection.close()

    def _table_names(self) -> set[str]:
        with self.connection.cursor() as cursor:
            cursor.execute("SHOW TABLES")
            return {next(iter(row.values())) for row in cursor.fetchall()}

    def _columns(self, table: str) -> set[str]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SHOW COLUMNS FROM `{table}`")
            return {row["Field"] for row in cursor.fetchall()}

    def rows(self, table: str, columns: list[str], order: str = "") -> list[dict]:
        """Every row of ``{prefix}_{table}``, with ``columns`` that exist (others None)."""
        name = f"{self.prefix}_{table}"
        if name not in self._tables:
            return []
        present = self._columns(name)
        wanted = [column for column in columns if column in present]
        if not wanted:
            return []
        sql = f"SELECT {', '.join(f'`{c}`' for c in wanted)} FROM `{name}`"
        if order and all(part.strip() in present for part in order.split(",")):
            sql += f" ORDER BY {order}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            result = cursor.fetchall()
        missing = [column for column in columns if column not in present]
        for row in result:
            for column in missing:
                row[column] = None
        return list(result)

    # The tables the import reads ---------------------------------------------------------

    def rubriques(self) -> list[dict]:
        return self.rows("rubriques", ["id_rubrique", "id_parent", "titre"], "id_rubrique")

    def articles(self) -> list[dict]:
        return self.rows(
            "articles",
            [
                "id_article",
                "id_rubrique",
                "surtitre",
                "titre",
                "soustitre",
                "descriptif",
                "chapo",
                "texte",
                "ps",
                "date",
                "date_redac",
                "statut",
                "lang",
            ],
            "id_article",
        )

    def groupes_mots(self) -> list[dict]:
        return self.rows("groupes_mots", ["id_groupe", "titre"], "id_groupe")

    def mots(self) -> list[dict]:
        return self.rows("mots", ["id_mot", "titre", "descriptif", "id_groupe"], "id_mot")

    def mots_liens(self) -> list[dict]:
        return self.rows("mots_liens", ["id_mot", "id_objet", "objet"], "id_mot")

    def documents(self) -> list[dict]:
        return self.rows(
            "documents",
            [
                "id_document",
                "extension",
                "titre",
                "descriptif",
                "credits",
                "fichier",
                "taille",
                "largeur",
                "hauteur",
                "media",
                "mode",
                "distant",
                "statut",
            ],
            "id_document",
        )

    def documents_liens(self) -> list[dict]:
        return self.rows("documents_liens", ["id_document", "id_objet", "objet", "vu", "rang_lien"])

    def types_documents(self) -> list[dict]:
        return self.rows("types_documents", ["extension", "mime_type", "media_defaut"])

    def evenements(self) -> list[dict]:
        return self.rows(
            "evenements",
            [
                "id_evenement",
                "id_article",
                "date_debut",
                "date_fin",
                "titre",
                "descriptif",
                "lieu",
                "adresse",
                "horaire",
                "statut",
                "maj",
            ],
            "id_evenement",
        )

    def meta(self) -> dict[str, str]:
        """The site's settings (``spip_meta``): name -> value."""
        return {row["nom"]: row["valeur"] for row in self.rows("meta", ["nom", "valeur"])}

    def zones(self) -> list[dict]:
        """The "Accès restreint" plugin's zones (none when the plugin is absent)."""
        return self.rows("zones", ["id_zone", "titre", "publique"], "id_zone")

    def zones_liens(self) -> list[dict]:
        return self.rows("zones_liens", ["id_zone", "id_objet", "objet"], "id_zone")

    def urls(self) -> list[dict]:
        return self.rows("urls", ["url", "type", "id_objet"], "id_objet")
