"""Backup and restore (cuf.operations.backups): a round trip gives back the same portal.

Backups read the database from outside the test's transaction (pg_dump connects on its
own; a restore replaces every table), so these tests commit for real
(``transaction=True``): pytest-django empties the database after each.
"""

import datetime
import hashlib
import importlib.metadata
import io
import re
import tarfile
from io import StringIO

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from communiques.models import Communique
from cuf.demo import load_demo
from cuf.operations.backups.contents import (
    DUMPS,
    MANIFEST,
    SIGNATURE,
    STORAGE_ALIASES,
    BackupError,
    model_tables,
    pg_command,
    sign,
    stored_files,
)
from cuf.operations.backups.restore import archive_manifest, backup_restore
from cuf.operations.backups.write import backup_write
from cuf.themes.models import Theme
from cuf.themes.services import theme_rename
from search.indexing import rebuild_index
from tests.factories import AttachmentFactory, CommuniqueFactory, NewsItemFactory
from tests.files import image_upload, pdf_upload
from tests.helpers import file_content, main_text

committed = pytest.mark.django_db(transaction=True)


# What the portal holds, read as a visitor and as an operator would --------------------


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        counts = {}
        for table in model_tables():
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


def file_digests() -> dict[tuple[str, str], str]:
    digests = {}
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        for name in stored_files(storage):
            with storage.open(name, "rb") as handle:
                digests[alias, name] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def empty_portal() -> None:
    """What a new server holds: a migrated database without content, no files."""
    call_command("flush", interactive=False, verbosity=0)
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        for name in list(stored_files(storage)):
            storage.delete(name)


def news_with_image(**fields):
    upload = image_upload(name="photo.jpg", fmt="JPEG", size=(1200, 800))
    return NewsItemFactory(image=upload, image_alt="Une salle de réunion", **fields)


def answer(client, url: str):
    """Status and what a visitor gets: the page's <main>, a file's bytes, a redirect."""
    response = client.get(url)
    if response.status_code in (301, 302):
        return response.status_code, response["Location"]
    if response.status_code != 200:
        return response.status_code, None
    if response.streaming:
        return 200, hashlib.sha256(file_content(response)).hexdigest()
    return 200, main_text(response)


def rewritten(archive, destination, change):
    """A copy of ``archive`` with each member's bytes passed through ``change``, its
    manifest signed again with the key (as only whoever holds BACKUP_KEY could)."""
    with tarfile.open(archive) as source, tarfile.open(destination, "w") as target:
        manifest = change(MANIFEST, source.extractfile(MANIFEST).read())
        for member in source:
            if member.name == SIGNATURE:
                data = sign(manifest)
            else:
                data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return destination


@pytest.fixture
def backups(tmp_path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    return folder


# The round trip ------------------------------------------------------------------------


@committed
def test_round_trip_gives_back_the_same_rows_files_pages_and_search(client, backups):
    load_demo()
    document = AttachmentFactory(
        title="Programme du forum",
        file=pdf_upload(text="Le forum de Ouagadougou réunit les collectivités."),
    )
    news = news_with_image()
    rendition = news.image_rendition_url(320)
    assert client.get(rendition).status_code == 200
    draft = CommuniqueFactory(draft=True, title="Brouillon confidentiel sur Zanzibar")
    theme_rename(theme=Theme.objects.get(slug="jeunesse"), name="Jeunesse et engagement")
    rebuild_index()
    urls = [
        "/",
        document.item.get_absolute_url(),
        document.get_absolute_url(),
        rendition,
        "/themes/jeunesse/",
        "/themes/jeunesse-et-engagement/",
        "/recherche/?q=Sahel",
        "/recherche/?q=Ouagadougou",
        "/recherche/?q=Zanzibar",
        draft.get_absolute_url(),
    ]
    before = {url: answer(client, url) for url in urls}
    counts, files = table_counts(), file_digests()

    out = StringIO()
    call_command("backup", str(backups), stdout=out)
    (archive,) = backups.iterdir()
    assert f"Sauvegarde écrite : {archive}" in out.getvalue()

    empty_portal()
    assert Communique.objects.count() == 0
    assert file_digests() == {}

    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restauration terminée" in out.getvalue()
    assert f"Fichiers : {len(files)} " in out.getvalue()

    assert table_counts() == counts
    assert file_digests() == files
    after = {url: answer(client, url) for url in urls}
    assert after == before
    # What the comparison rests on: each page answered as expected in the first place.
    assert before["/themes/jeunesse/"] == (301, "/themes/jeunesse-et-engagement/")
    assert before[document.get_absolute_url()][0] == 200
    assert before[rendition][0] == 200
    assert "Programme du forum" in before["/recherche/?q=Ouagadougou"][1]
    assert "Brouillon confidentiel" not in before["/recherche/?q=Zanzibar"][1]
    assert after[draft.get_absolute_url()] == (404, None)


# What a restore refuses ----------------------------------------------------------------


@committed
def test_restore_refuses_a_portal_holding_content_unless_forced(backups):
    AttachmentFactory()
    archive = backup_write(destination=backups)
    counts = archive_manifest(archive=archive)["database"]["tables"]
    later = CommuniqueFactory(title="Écrit après la sauvegarde")

    with pytest.raises(CommandError, match="contient déjà des données : .*communiques_communique"):
        call_command("restore", str(archive))
    assert Communique.objects.filter(pk=later.pk).exists()

    call_command("restore", str(archive), "--force", stdout=StringIO())
    assert not Communique.objects.filter(title="Écrit après la sauvegarde").exists()
    assert table_counts() == counts


@committed
def test_restore_refuses_storage_that_holds_files(backups):
    document = AttachmentFactory()
    archive = backup_write(destination=backups)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(BackupError, match="stockage « protected » contient déjà des fichiers"):
        backup_restore(archive=archive)
    assert Communique.objects.count() == 0
    assert document.file.storage.exists(document.file.name)


@committed
def test_restore_refuses_a_damaged_archive_and_writes_nothing(client, backups, tmp_path):
    document = AttachmentFactory()
    news = news_with_image()
    client.get(news.image_rendition_url(320))
    archive = backup_write(destination=backups)
    damaged_name = f"files/protected/{document.file.name}"

    def flip_one_byte(name, data):
        if name != damaged_name:
            return data
        return data[:100] + bytes([data[100] ^ 1]) + data[101:]

    damaged = rewritten(archive, tmp_path / "endommagee.tar", flip_one_byte)
    empty_portal()

    with pytest.raises(CommandError, match=f"Archive endommagée : {re.escape(damaged_name)}"):
        call_command("restore", str(damaged))
    assert Communique.objects.count() == 0
    assert file_digests() == {}


@committed
def test_restore_refuses_an_archive_missing_a_file(backups, tmp_path):
    document = AttachmentFactory()
    archive = backup_write(destination=backups)
    incomplete = tmp_path / "incomplete.tar"
    with tarfile.open(archive) as source, tarfile.open(incomplete, "w") as target:
        for member in source:
            if not member.name.endswith(document.file.name):
                target.addfile(member, source.extractfile(member))
    empty_portal()

    with pytest.raises(BackupError, match="Archive incomplète"):
        backup_restore(archive=incomplete)
    assert Communique.objects.count() == 0


@committed
def test_restore_refuses_an_archive_of_another_database_vendor(backups, tmp_path):
    archive = backup_write(destination=backups)
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def other_vendor(name, data):
        if name != MANIFEST:
            return data
        return data.replace(
            f'"vendor": "{connection.vendor}"'.encode(), f'"vendor": "{other}"'.encode()
        )

    foreign = rewritten(archive, tmp_path / "autre.tar", other_vendor)
    with pytest.raises(BackupError, match="Restaurez-la dans une base du même type"):
        backup_restore(archive=foreign, force=True)


def test_restore_refuses_a_file_that_is_not_an_archive(tmp_path):
    not_an_archive = tmp_path / "notes.tar"
    not_an_archive.write_text("pas une archive")
    with pytest.raises(CommandError, match="n’est pas une archive de sauvegarde lisible"):
        call_command("restore", str(not_an_archive))


# The archive ---------------------------------------------------------------------------


@committed
def test_manifest_lists_every_table_and_every_file_with_its_sha256(client, backups):
    document = AttachmentFactory()
    news = news_with_image()
    client.get(news.image_rendition_url(320))
    archive = backup_write(destination=backups)

    assert re.fullmatch(r"cuf-sauvegarde-\d{4}-\d\d-\d\dT\d{4}\.tar", archive.name)
    assert archive.stat().st_mode & 0o777 == 0o600  # passwords' hashes, drafts
    manifest = archive_manifest(archive=archive)
    with tarfile.open(archive) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    listed = {f"files/{entry['storage']}/{entry['name']}": entry for entry in manifest["files"]}
    assert set(listed) == {name for name in members if name.startswith("files/")}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(members[name]).hexdigest()
        assert entry["size"] == len(members[name])
    names = {entry["name"] for entry in manifest["files"]}
    assert {document.file.name, news.image.name} <= names
    assert any(name.startswith("renditions/") for name in names)
    assert {(entry["storage"], entry["name"]) for entry in manifest["files"]} == set(file_digests())

    database = manifest["database"]
    assert database["vendor"] == connection.vendor
    assert database["file"] == DUMPS[connection.vendor]
    assert database["sha256"] == hashlib.sha256(members[database["file"]]).hexdigest()
    assert set(database["tables"]) == set(model_tables())
    assert database["tables"] == table_counts()
    assert database["tables"]["cuf_attachment"] == 1
    assert manifest["format"] == 2
    assert manifest["portal_version"] == importlib.metadata.version("cuf-portail")
    assert datetime.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert manifest["missing_files"] == []


@committed
def test_backup_names_files_the_database_needs_but_storage_lost(backups):
    document = AttachmentFactory()
    document.file.storage.delete(document.file.name)
    err = StringIO()
    call_command("backup", str(backups), stdout=StringIO(), stderr=err)

    (archive,) = backups.iterdir()
    missing = archive_manifest(archive=archive)["missing_files"]
    assert missing == [{"storage": "protected", "name": document.file.name}]
    assert "1 fichier nommé par la base manque au stockage" in err.getvalue()


def test_backup_never_overwrites_an_archive(tmp_path):
    existing = tmp_path / "sauvegarde.tar"
    existing.write_bytes(b"ancienne")
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"ancienne"


@pytest.mark.django_db
def test_backup_refuses_to_run_inside_a_transaction(backups):
    with pytest.raises(BackupError, match="dans une transaction"):
        backup_write(destination=backups)


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_mysql_is_refused_with_a_french_message(monkeypatch, tmp_path, command):
    monkeypatch.setattr(connection, "vendor", "mysql")
    with pytest.raises(CommandError, match="MySQL n’est pas prise en charge"):
        call_command(command, str(tmp_path))


def test_postgresql_password_goes_in_the_environment_never_on_the_command_line():
    command, env = pg_command(
        "pg_dump",
        {
            "NAME": "cuf",
            "USER": "portail",
            "PASSWORD": "mot-de-passe-secret",
            "HOST": "db.example.org",
            "PORT": "5433",
            "OPTIONS": {"sslmode": "require", "connect_timeout": 5},
        },
        "--format=custom",
    )
    assert command == [
        "pg_dump",
        "--no-password",
        "--host=db.example.org",
        "--port=5433",
        "--username=portail",
        "--dbname=cuf",
        "--format=custom",
    ]
    assert env["PGPASSWORD"] == "mot-de-passe-secret"
    assert env["PGSSLMODE"] == "require"
    assert env["PGCONNECT_TIMEOUT"] == "5"
