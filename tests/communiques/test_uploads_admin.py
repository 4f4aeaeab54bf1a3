"""Uploads through the admin: bad files refused in French with nothing saved; files replaced
safely (same public address, old file gone only after the commit)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from actualites.models import NewsItem
from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.files.storage import protected_storage
from tests.admin_forms import admin_form_data
from tests.communiques.test_admin import add_form_data
from tests.factories import AttachmentFactory, CommuniqueFactory
from tests.files import image_bytes, pdf_upload
from tests.helpers import NO_ATTACHMENTS, admin_publication_data, file_content

pytestmark = pytest.mark.django_db

COMMUNIQUES = "/admin/communiques/communique/"
NEWS_ADD = "/admin/actualites/newsitem/add/"


def _stored_files() -> list[str]:
    storage = Attachment._meta.get_field("file").storage
    found = []

    def walk(folder):
        folders, files = storage.listdir(folder)
        found.extend(f"{folder}/{name}".lstrip("/") for name in files)
        for sub in folders:
            walk(f"{folder}/{sub}".lstrip("/"))

    try:
        walk("")
    except FileNotFoundError:
        return []
    return found


def _bomb_png() -> bytes:
    # 10 000 × 10 000 pixels of one colour: a few kilobytes on disk, 100 megapixels decoded.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    return buffer.getvalue()


BAD_DOCUMENTS = {
    "html renamed .pdf": (
        SimpleUploadedFile("programme.pdf", b"<!DOCTYPE html><html><body>x</body></html>"),
        "Le contenu du fichier ne correspond pas à son extension (.pdf)",
    ),
    "svg with a script": (
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        "Ce type de fichier n’est pas accepté ici. Formats acceptés pour un document",
    ),
    "html file": (
        SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>"),
        "Ce type de fichier n’est pas accepté ici.",
    ),
    "zero bytes": (SimpleUploadedFile("vide.pdf", b""), "Le fichier soumis est vide."),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_a_bad_document_is_refused_in_french_and_nothing_is_saved(superuser_client, case):
    upload, message = BAD_DOCUMENTS[case]
    response = superuser_client.post(
        f"{COMMUNIQUES}add/", add_form_data(documents=[("Programme", upload)])
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Communique.objects.exists()
    assert not Attachment.objects.exists()
    assert _stored_files() == []


def test_an_oversized_document_is_refused_naming_the_limit(superuser_client, settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "document": 1}
    big = pdf_upload()
    big.file.write(b"0" * (1024 * 1024 + 1))
    big.size = big.file.tell()
    big.file.seek(0)
    response = superuser_client.post(
        f"{COMMUNIQUES}add/", add_form_data(documents=[("Programme", big)])
    )
    assert "Le fichier dépasse la taille maximale autorisée (1 Mo)." in response.text
    assert not Attachment.objects.exists()
    assert _stored_files() == []


def _news_data(upload) -> dict:
    return {
        "title": "Actualité illustrée",
        "slug": "actualite-illustree",
        "summary": "",
        "body": "",
        "source": "CUF",
        "image": upload,
        "image_alt": "Une photo",
        "image_credit": "",
        **admin_publication_data(),
        **NO_ATTACHMENTS,
    }


BAD_IMAGES = {
    "pdf renamed .jpg": (
        SimpleUploadedFile("photo.jpg", pdf_upload().read()),
        "Le contenu du fichier ne correspond pas à son extension (.jpg)",
    ),
    "svg with a script": (
        SimpleUploadedFile(
            "photo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        "Ce type de fichier n’est pas accepté ici. Formats acceptés pour une image",
    ),
    "decompression bomb": (
        SimpleUploadedFile("bombe.png", _bomb_png()),
        "Cette image est trop grande : 40\u202f000\u202f000 pixels au plus",
    ),
    "truncated image": (
        SimpleUploadedFile("coupee.jpg", image_bytes("JPEG", (400, 300))[:600]),
        "Cette image est illisible ou incomplète.",
    ),
    "zero bytes": (SimpleUploadedFile("vide.png", b""), "Le fichier soumis est vide."),
}


@pytest.mark.parametrize("case", BAD_IMAGES, ids=list(BAD_IMAGES))
def test_a_bad_image_is_refused_in_french_and_nothing_is_saved(superuser_client, case):
    upload, message = BAD_IMAGES[case]
    response = superuser_client.post(NEWS_ADD, _news_data(upload))
    assert response.status_code == 200
    assert message in response.text
    assert not NewsItem.objects.exists()
    assert _stored_files() == []


def test_a_good_image_is_stored_under_a_generated_name(superuser_client):
    upload = SimpleUploadedFile("Photo de Nantes (finale).PNG", image_bytes())
    response = superuser_client.post(NEWS_ADD, _news_data(upload))
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert "Nantes" not in item.image.name
    assert item.image.name.endswith(".png")


def _replace_file(client, communique, document, upload):
    change = f"{COMMUNIQUES}{communique.pk}/change/"
    data = admin_form_data(client.get(change))
    return client.post(change, {**data, "documents-0-file": upload})


def test_replacing_a_document_keeps_its_address_and_removes_the_old_file_after_commit(
    superuser_client, client, django_capture_on_commit_callbacks
):
    communique = CommuniqueFactory()
    document = AttachmentFactory(item=communique, title="Programme")
    url, old_name = document.get_absolute_url(), document.file.name
    new_pdf = pdf_upload(name="v2.pdf", text="Nouveau programme, version deux.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _replace_file(superuser_client, communique, document, new_pdf)
    assert response.status_code == 302
    # Not yet committed: the old file is still there.
    assert protected_storage().exists(old_name)
    for callback in callbacks:
        callback()
    assert not protected_storage().exists(old_name)
    document.refresh_from_db()
    assert document.get_absolute_url() == url
    assert document.file.name != old_name
    assert file_content(client.get(url)) == document.file.open("rb").read()


def test_nothing_is_removed_when_the_transaction_rolls_back(superuser_client):
    from cuf.files.services import stored_files_discard

    document = AttachmentFactory()
    with transaction.atomic():
        stored_files_discard(storage=protected_storage(), names=[document.file.name])
        transaction.set_rollback(True)
    assert protected_storage().exists(document.file.name)


def test_deleting_a_communique_leaves_no_downloadable_file(superuser_client, client):
    communique = CommuniqueFactory()
    document = AttachmentFactory(item=communique)
    url = document.get_absolute_url()
    superuser_client.post(f"{COMMUNIQUES}{communique.pk}/delete/", {"post": "yes"})
    assert client.get(url).status_code == 404
    assert superuser_client.get(url).status_code == 404
