"""A SPIP-shaped MariaDB database for the tests, written from SPIP's public schema.

The tables and columns are SPIP's own (``ecrire/base/`` for articles and rubriques, the
``mots`` plugin for keywords and their groups, the ``medias`` plugin for documents, their
links and types, ``spip_urls`` for readable addresses) and the Agenda plugin's
``spip_evenements``. SPIP writes "no date" as ``0000-00-00 00:00:00``, which needs a
non-strict SQL mode, as SPIP sets for its own connection.
"""

import uuid

SCHEMA = [
    """CREATE TABLE spip_rubriques (
        id_rubrique bigint(21) NOT NULL AUTO_INCREMENT,
        id_parent bigint(21) NOT NULL DEFAULT 0,
        titre text NOT NULL DEFAULT '',
        descriptif text NOT NULL DEFAULT '',
        texte longtext NOT NULL DEFAULT '',
        id_secteur bigint(21) NOT NULL DEFAULT 0,
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        statut varchar(10) NOT NULL DEFAULT '0',
        date datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        lang varchar(10) NOT NULL DEFAULT '',
        langue_choisie varchar(3) DEFAULT 'non',
        statut_tmp varchar(10) NOT NULL DEFAULT '0',
        date_tmp datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        profondeur smallint(5) NOT NULL DEFAULT 0,
        PRIMARY KEY (id_rubrique), KEY id_parent (id_parent)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_articles (
        id_article bigint(21) NOT NULL AUTO_INCREMENT,
        surtitre text NOT NULL DEFAULT '',
        titre text NOT NULL DEFAULT '',
        soustitre text NOT NULL DEFAULT '',
        id_rubrique bigint(21) NOT NULL DEFAULT 0,
        descriptif text NOT NULL DEFAULT '',
        chapo mediumtext NOT NULL DEFAULT '',
        texte longtext NOT NULL DEFAULT '',
        ps mediumtext NOT NULL DEFAULT '',
        date datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        statut varchar(10) NOT NULL DEFAULT '0',
        id_secteur bigint(21) NOT NULL DEFAULT 0,
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        export varchar(10) DEFAULT 'oui',
        date_redac datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        visites int(11) NOT NULL DEFAULT 0,
        referers int(11) NOT NULL DEFAULT 0,
        popularite double NOT NULL DEFAULT 0,
        accepter_forum char(3) NOT NULL DEFAULT '',
        date_modif datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        lang varchar(10) NOT NULL DEFAULT '',
        langue_choisie varchar(3) DEFAULT 'non',
        id_trad bigint(21) NOT NULL DEFAULT 0,
        nom_site tinytext NOT NULL DEFAULT '',
        url_site text NOT NULL DEFAULT '',
        virtuel text NOT NULL DEFAULT '',
        PRIMARY KEY (id_article), KEY id_rubrique (id_rubrique), KEY statut (statut, date)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_groupes_mots (
        id_groupe bigint(21) NOT NULL AUTO_INCREMENT,
        titre text NOT NULL DEFAULT '',
        descriptif text NOT NULL DEFAULT '',
        texte longtext NOT NULL DEFAULT '',
        unseul varchar(3) NOT NULL DEFAULT '',
        obligatoire varchar(3) NOT NULL DEFAULT '',
        tables_liees text NOT NULL DEFAULT '',
        minirezo varchar(3) NOT NULL DEFAULT '',
        comite varchar(3) NOT NULL DEFAULT '',
        forum varchar(3) NOT NULL DEFAULT '',
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        PRIMARY KEY (id_groupe)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_mots (
        id_mot bigint(21) NOT NULL AUTO_INCREMENT,
        titre text NOT NULL DEFAULT '',
        descriptif text NOT NULL DEFAULT '',
        texte longtext NOT NULL DEFAULT '',
        id_groupe bigint(21) NOT NULL DEFAULT 0,
        type text NOT NULL DEFAULT '',
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        PRIMARY KEY (id_mot)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_mots_liens (
        id_mot bigint(21) NOT NULL DEFAULT 0,
        id_objet bigint(21) NOT NULL DEFAULT 0,
        objet varchar(25) NOT NULL DEFAULT '',
        PRIMARY KEY (id_mot, id_objet, objet)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_documents (
        id_document bigint(21) NOT NULL AUTO_INCREMENT,
        id_vignette bigint(21) NOT NULL DEFAULT 0,
        extension varchar(10) NOT NULL DEFAULT '',
        titre text NOT NULL DEFAULT '',
        date datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        descriptif text NOT NULL DEFAULT '',
        fichier text NOT NULL DEFAULT '',
        taille bigint(20) DEFAULT NULL,
        largeur int(11) DEFAULT NULL,
        hauteur int(11) DEFAULT NULL,
        duree int(11) DEFAULT NULL,
        media varchar(10) NOT NULL DEFAULT 'file',
        mode varchar(10) NOT NULL DEFAULT 'document',
        distant varchar(3) DEFAULT 'non',
        statut varchar(10) NOT NULL DEFAULT '0',
        credits text NOT NULL DEFAULT '',
        date_publication datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        brise tinyint(4) DEFAULT 0,
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        PRIMARY KEY (id_document)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_documents_liens (
        id_document bigint(21) NOT NULL DEFAULT 0,
        id_objet bigint(21) NOT NULL DEFAULT 0,
        objet varchar(25) NOT NULL DEFAULT '',
        vu enum('non','oui') NOT NULL DEFAULT 'non',
        rang_lien int(11) NOT NULL DEFAULT 0,
        PRIMARY KEY (id_document, id_objet, objet)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_types_documents (
        extension varchar(10) NOT NULL DEFAULT '',
        titre text NOT NULL DEFAULT '',
        descriptif text NOT NULL DEFAULT '',
        mime_type varchar(100) NOT NULL DEFAULT '',
        inclus enum('non','image','embed') NOT NULL DEFAULT 'non',
        upload enum('oui','non') NOT NULL DEFAULT 'oui',
        media_defaut varchar(10) NOT NULL DEFAULT 'file',
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        PRIMARY KEY (extension)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_urls (
        id_parent bigint(21) NOT NULL DEFAULT 0,
        url varchar(255) NOT NULL,
        type varchar(25) NOT NULL DEFAULT 'article',
        id_objet bigint(21) NOT NULL,
        segments smallint(3) NOT NULL DEFAULT 1,
        date datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        perma tinyint(1) NOT NULL DEFAULT 0,
        langue varchar(10) NOT NULL DEFAULT '',
        PRIMARY KEY (id_parent, url), KEY type (type, id_objet)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_evenements (
        id_evenement bigint(21) NOT NULL AUTO_INCREMENT,
        id_article bigint(21) NOT NULL DEFAULT 0,
        date_debut datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        date_fin datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        titre text NOT NULL DEFAULT '',
        descriptif text NOT NULL DEFAULT '',
        lieu text NOT NULL DEFAULT '',
        adresse text NOT NULL DEFAULT '',
        horaire varchar(3) NOT NULL DEFAULT 'oui',
        id_evenement_source bigint(21) NOT NULL DEFAULT 0,
        statut varchar(10) NOT NULL DEFAULT '0',
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        inscription tinyint(1) NOT NULL DEFAULT 0,
        places int(11) NOT NULL DEFAULT 0,
        PRIMARY KEY (id_evenement), KEY id_article (id_article)
    ) DEFAULT CHARSET=utf8mb4""",
]

# A few of SPIP's document types (spip_types_documents), with their default media.
TYPES = [
    ("pdf", "PDF", "application/pdf", "file"),
    ("odt", "OpenDocument Text", "application/vnd.oasis.opendocument.text", "file"),
    ("doc", "Word", "application/msword", "file"),
    ("jpg", "JPEG", "image/jpeg", "image"),
    ("png", "PNG", "image/png", "image"),
    ("mp3", "MP3", "audio/mpeg", "audio"),
    ("wav", "WAV", "audio/x-wav", "audio"),
    ("mp4", "MPEG4", "video/mp4", "video"),
]

HOST, PORT, USER = "127.0.0.1", 3306, "root"


def connect(database: str | None = None):
    import pymysql

    return pymysql.connect(
        host=HOST,
        port=PORT,
        user=USER,
        password="",
        database=database,
        charset="utf8mb4",
        autocommit=True,
        connect_timeout=3,
    )


class SpipSite:
    """A throw-away SPIP database (``spip_test_…``) and helpers to fill it."""

    def __init__(self, prefix: str = "spip_test_"):
        self.name = f"{prefix}{uuid.uuid4().hex[:12]}"
        with connect() as server, server.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4")
        self.connection = connect(self.name)
        self.execute("SET SESSION sql_mode = ''")
        for statement in SCHEMA:
            self.execute(statement)
        for extension, title, mime, media in TYPES:
            self.insert(
                "spip_types_documents",
                extension=extension,
                titre=title,
                mime_type=mime,
                media_defaut=media,
            )

    @property
    def url(self) -> str:
        return f"mysql://{USER}:@{HOST}:{PORT}/{self.name}"

    def execute(self, sql: str, params=()) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)

    def insert(self, table: str, **values) -> None:
        columns = ", ".join(f"`{c}`" for c in values)
        marks = ", ".join(["%s"] * len(values))
        self.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))

    def update(self, table: str, where: dict, **values) -> None:
        sets = ", ".join(f"`{c}` = %s" for c in values)
        conditions = " AND ".join(f"`{c}` = %s" for c in where)
        self.execute(
            f"UPDATE {table} SET {sets} WHERE {conditions}",
            [*values.values(), *where.values()],
        )

    def drop(self) -> None:
        self.connection.close()
        with connect() as server, server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")

    # SPIP objects ------------------------------------------------------------------------

    def rubrique(self, id_rubrique: int, titre: str, id_parent: int = 0) -> None:
        self.insert(
            "spip_rubriques",
            id_rubrique=id_rubrique,
            titre=titre,
            id_parent=id_parent,
            statut="publie",
        )

    def article(self, id_article: int, id_rubrique: int, titre: str, **fields) -> None:
        fields.setdefault("statut", "publie")
        fields.setdefault("date", "2020-05-12 10:30:00")
        self.insert(
            "spip_articles", id_article=id_article, id_rubrique=id_rubrique, titre=titre, **fields
        )

    def groupe(self, id_groupe: int, titre: str) -> None:
        self.insert("spip_groupes_mots", id_groupe=id_groupe, titre=titre)

    def mot(self, id_mot: int, titre: str, id_groupe: int, descriptif: str = "") -> None:
        self.insert(
            "spip_mots", id_mot=id_mot, titre=titre, id_groupe=id_groupe, descriptif=descriptif
        )

    def tag(self, id_mot: int, objet: str, id_objet: int) -> None:
        self.insert("spip_mots_liens", id_mot=id_mot, objet=objet, id_objet=id_objet)

    def document(self, id_document: int, fichier: str, **fields) -> None:
        extension = fichier.rsplit(".", 1)[-1].lower()
        media = {"jpg": "image", "png": "image", "mp3": "audio", "wav": "audio", "mp4": "video"}
        fields.setdefault("media", media.get(extension, "file"))
        self.insert(
            "spip_documents",
            id_document=id_document,
            fichier=fichier,
            extension=extension,
            statut="publie",
            **fields,
        )

    def attach(self, id_document: int, id_article: int, rang: int = 0, vu: str = "non") -> None:
        self.insert(
            "spip_documents_liens",
            id_document=id_document,
            objet="article",
            id_objet=id_article,
            rang_lien=rang,
            vu=vu,
        )

    def setting(self, nom: str, valeur: str) -> None:
        """A site setting of ``spip_meta`` (created on first use, as a plugin-less test
        site may lack it)."""
        self.execute(
            "CREATE TABLE IF NOT EXISTS spip_meta (nom varchar(255) NOT NULL, valeur text,"
            " impt enum('non','oui') NOT NULL DEFAULT 'oui', maj timestamp NOT NULL DEFAULT"
            " current_timestamp(), PRIMARY KEY (nom)) DEFAULT CHARSET=utf8mb4"
        )
        self.execute("REPLACE INTO spip_meta (nom, valeur) VALUES (%s, %s)", (nom, valeur))

    def readable_url(self, url: str, type_: str, id_objet: int) -> None:
        self.insert("spip_urls", url=url, type=type_, id_objet=id_objet)

    def event(self, id_evenement: int, **fields) -> None:
        fields.setdefault("statut", "publie")
        self.insert("spip_evenements", id_evenement=id_evenement, **fields)


# The "Accès restreint" plugin's tables (its base/acces_restreint.php), made by the tests
# that need them: a site without the plugin has neither.
ZONES_SCHEMA = [
    """CREATE TABLE spip_zones (
        id_zone bigint(21) NOT NULL AUTO_INCREMENT,
        titre varchar(255) NOT NULL DEFAULT '',
        descriptif text NOT NULL DEFAULT '',
        publique char(3) NOT NULL DEFAULT 'oui',
        privee char(3) NOT NULL DEFAULT 'non',
        autoriser_si_connexion char(3) NOT NULL DEFAULT 'non',
        maj timestamp NOT NULL DEFAULT current_timestamp(),
        PRIMARY KEY (id_zone)
    ) DEFAULT CHARSET=utf8mb4""",
    """CREATE TABLE spip_zones_liens (
        id_zone bigint(21) NOT NULL DEFAULT 0,
        id_objet bigint(21) NOT NULL DEFAULT 0,
        objet varchar(25) NOT NULL DEFAULT '',
        PRIMARY KEY (id_zone, id_objet, objet)
    ) DEFAULT CHARSET=utf8mb4""",
]


def add_zone(site: "SpipSite", id_zone: int, titre: str, *, publique: str = "oui", **links) -> None:
    """A zone of "Accès restreint" (the tables made on first use) and its links, e.g.
    ``rubrique=[5]``, ``article=[12]``, ``auteur=[3]``."""
    with site.connection.cursor() as cursor:
        cursor.execute("SHOW TABLES LIKE 'spip_zones'")
        exists = cursor.fetchone()
    if not exists:
        for statement in ZONES_SCHEMA:
            site.execute(statement)
    site.insert("spip_zones", id_zone=id_zone, titre=titre, publique=publique)
    for objet, ids in links.items():
        for id_objet in ids:
            site.insert("spip_zones_liens", id_zone=id_zone, id_objet=id_objet, objet=objet)
