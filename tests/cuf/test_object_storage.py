"""Files in an S3-compatible bucket (AWS_STORAGE_BUCKET_NAME): a real SeaweedFS on loopback.

Each test gets its own bucket, configured by the portal's settings module from the same
environment variables production sets, and every file field writes there.
"""

import hashlib
import runpy
from io import StringIO

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from PIL import Image

from communiques.models import Communique
from cuf.files.objects import BucketObject
from cuf.files.renditions import WIDTHS
from cuf.files.storage import protected_storage
from tests.admin_forms import admin_form_data
from tests.factories import AttachmentFactory, CommuniqueFactory, NewsItemFactory
from tests.files import image_upload, pdf_upload
from tests.helpers import PROJECT, admin_publication_data, file_content

COMMUNIQUES = "/admin/communiques/communique/"


@pytest.fixture
def bucket(object_store, settings, monkeypatch, tmp_path):
    """A fresh bucket that every file field of the portal writes to, as configured by
    portail/settings/base.py from the production variables."""
    name = object_store.new_bucket()
    for variable, value in object_store.settings_env(name).items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setenv("DEBUG", "true")
    configured = runpy.run_path(str(PROJECT / "portail" / "settings" / "base.py"))["STORAGES"][
        "protected"
    ]
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "protected": configured}
    storage = storages["protected"]
    for model in apps.get_models():
        for field in model._meta.fields:
            if getattr(field, "_storage_callable", None) is protected_storage:
                monkeypatch.setattr(field, "storage", storage)
    return name


def keys(object_store, bucket) -> set[str]:
    return object_store.keys(bucket)


# Uploads, downloads, byte ranges -------------------------------------------------------


@pytest.mark.django_db
def test_an_uploaded_document_lands_in_the_bucket_and_not_on_the_disk(
    object_store, bucket, superuser_client, settings
):
    pdf = pdf_upload(name="Programme (final).pdf", text="Le forum de Dakar ouvre à neuf heures.")
    data = {
        **admin_publication_data(),
        "title": "Forum de Dakar",
        "slug": "forum-de-dakar",
        "body": "<p>Le programme.</p>",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-title": "Programme",
        "documents-0-file": pdf,
        "documents-0-position": "0",
    }
    response = superuser_client.post(f"{COMMUNIQUES}add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Communique.objects.get().attachments.get()
    assert keys(object_store, bucket) == {document.file.name}
    assert document.file.name.startswith("documents/") and "Programme" not in document.file.name
    pdf.seek(0)
    assert object_store.read(bucket, document.file.name) == pdf.read()
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))


@pytest.mark.django_db
def test_a_published_document_downloads_whole_and_by_byte_range(bucket, client):
    document = AttachmentFactory(file=pdf_upload(text="Quinze heures : ouverture du forum."))
    stored = document.file.open("rb").read()
    url = document.get_absolute_url()

    whole = client.get(url)
    assert whole.status_code == 200
    assert file_content(whole) == stored
    assert whole["Content-Length"] == str(len(stored))
    assert whole["Accept-Ranges"] == "bytes"

    part = client.get(url, HTTP_RANGE="bytes=10-29")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-29/{len(stored)}"
    assert file_content(part) == stored[10:30]

    tail = client.get(url, HTTP_RANGE="bytes=-7")
    assert file_content(tail) == stored[-7:]
    assert client.get(url, HTTP_RANGE=f"bytes={len(stored)}-").status_code == 416


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["draft", "scheduled", "expired"])
def test_the_document_of_an_item_that_is_not_public_is_refused(bucket, client, trait):
    communique = CommuniqueFactory(**{trait: True})
    document = AttachmentFactory(item=communique)
    assert document.file.storage.exists(document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_object_missing_from_the_bucket_is_a_404_not_an_error(object_store, bucket, client):
    document = AttachmentFactory()
    object_store.client().delete_object(Bucket=bucket, Key=document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_bucket_object_reads_like_a_file_from_any_position(object_store, bucket):
    payload = bytes(range(256)) * 40
    name = protected_storage().save("essais/octets.bin", ContentFile(payload))
    handle = BucketObject(protected_storage(), name)
    assert handle.size == len(payload)
    assert handle.read(100) == payload[:100]
    assert handle.read(50) == payload[100:150]
    handle.seek(5000)
    assert handle.tell() == 5000
    assert handle.read() == payload[5000:]
    assert handle.read() == b""
    handle.seek(-10, 2)
    assert handle.read(4) == payload[-10:-6]
    handle.close()
    with pytest.raises(FileNotFoundError):
        BucketObject(protected_storage(), "essais/absent.bin")


# Replace, delete, renditions -----------------------------------------------------------


@pytest.mark.django_db
def test_replacing_a_document_removes_the_old_object_only_after_the_commit(
    object_store, bucket, superuser_client, client, django_capture_on_commit_callbacks
):
    communique = CommuniqueFactory()
    document = AttachmentFactory(item=communique, title="Programme")
    old_name, url = document.file.name, document.get_absolute_url()
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(superuser_client.get(change))
    new_pdf = pdf_upload(name="v2.pdf", text="Nouveau programme, version deux.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = superuser_client.post(change, {**data, "documents-0-file": new_pdf})
    assert response.status_code == 302
    document.refresh_from_db()
    assert keys(object_store, bucket) == {old_name, document.file.name}
    for callback in callbacks:
        callback()
    assert keys(object_store, bucket) == {document.file.name}
    new_pdf.seek(0)
    assert file_content(client.get(url)) == new_pdf.read()


@pytest.mark.django_db
def test_a_deleted_communique_serves_no_file_but_keeps_its_objects_for_recovery(
    object_store, bucket, superuser_client, client, django_capture_on_commit_callbacks
):
    communique = CommuniqueFactory()
    documents = [AttachmentFactory(item=communique) for _ in range(2)]
    urls = [document.get_absolute_url() for document in documents]
    assert all(client.get(url).status_code == 200 for url in urls)
    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(f"{COMMUNIQUES}{communique.pk}/delete/", {"post": "yes"})
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert [superuser_client.get(url).status_code for url in urls] == [404, 404]
    # "Récupérer les communiqués supprimés" brings the documents back with their files.
    assert keys(object_store, bucket) == {document.file.name for document in documents}


@pytest.mark.django_db
def test_a_rendition_is_made_once_in_the_bucket_and_served_from_it(object_store, bucket, client):
    news = NewsItemFactory(
        image=image_upload(name="salle.jpg", fmt="JPEG", size=(1200, 800)), image_alt="Une salle"
    )
    url = news.image_rendition_url(WIDTHS[0])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "image/jpeg"
    renditions = {key for key in keys(object_store, bucket) if key != news.image.name}
    assert len(renditions) == 1
    (rendition,) = renditions
    picture_bytes = file_content(first)
    assert picture_bytes == object_store.read(bucket, rendition)

    with Image.open(protected_storage().open(rendition)) as picture:
        assert picture.width == WIDTHS[0]
    assert file_content(client.get(url)) == picture_bytes
    assert len(keys(object_store, bucket)) == 2


# Backups -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_back_every_object_of_the_bucket(
    object_store, bucket, client, tmp_path
):
    document = AttachmentFactory(file=pdf_upload(text="Le programme du forum de Lomé."))
    news = NewsItemFactory(image=image_upload(name="photo.png"), image_alt="Une photo")
    client.get(news.image_rendition_url(WIDTHS[0]))
    before = {
        key: hashlib.sha256(object_store.read(bucket, key)).digest()
        for key in keys(object_store, bucket)
    }
    assert len(before) == 3
    download = file_content(client.get(document.get_absolute_url()))

    call_command("backup", str(tmp_path), stdout=StringIO())
    (archive,) = tmp_path.glob("*.tar")
    call_command("flush", interactive=False, verbosity=0)
    for key in before:
        object_store.client().delete_object(Bucket=bucket, Key=key)
    assert keys(object_store, bucket) == set()

    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Fichiers : 3 " in out.getvalue()
    after = {
        key: hashlib.sha256(object_store.read(bucket, key)).digest()
        for key in keys(object_store, bucket)
    }
    assert after == before
    assert file_content(client.get(document.get_absolute_url())) == download


# Behind nginx (PROTECTED_FILES_ACCEL) -------------------------------------------------


@pytest.mark.django_db
def test_behind_nginx_a_published_object_is_handed_over_as_a_link_signed_for_a_minute(
    bucket, client, settings
):
    settings.PROTECTED_FILES_ACCEL = True
    document = AttachmentFactory(title="Programme")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response.content == b""
    target = response["X-Accel-Redirect"]
    assert target.startswith(f"/objets-proteges/{bucket}/{document.file.name}?")
    assert "X-Amz-Signature=" in target and "X-Amz-Expires=60" in target
    # The bucket answers nginx with the portal's own headers.
    assert "response-content-disposition=attachment" in target
    assert response["Content-Disposition"] == 'attachment; filename="programme.pdf"'


@pytest.mark.django_db
def test_behind_nginx_no_link_is_signed_for_a_draft_or_a_missing_object(
    object_store, bucket, client, settings
):
    settings.PROTECTED_FILES_ACCEL = True
    draft = AttachmentFactory(item=CommuniqueFactory(draft=True))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
    gone = AttachmentFactory()
    object_store.client().delete_object(Bucket=bucket, Key=gone.file.name)
    response = client.get(gone.get_absolute_url())
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
