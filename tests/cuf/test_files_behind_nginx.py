"""PROTECTED_FILES_ACCEL: the portal checks, nginx sends (X-Accel-Redirect)."""

import pytest

from tests.factories import AttachmentFactory, NewsItemFactory
from tests.files import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _accelerated(settings):
    settings.PROTECTED_FILES_ACCEL = True


def test_a_published_document_is_handed_to_nginx_with_its_headers(client):
    document = AttachmentFactory(title="Programme")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/fichiers-proteges/{document.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="programme.pdf"'
    assert response.content == b""


def test_a_drafts_document_is_never_handed_to_nginx(client):
    document = AttachmentFactory(item__draft=True)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_rendition_is_made_then_handed_to_nginx(client):
    item = NewsItemFactory(image=image_upload(size=(800, 600)), image_alt="Une salle")
    response = client.get(item.image_rendition_url(320))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith("/fichiers-proteges/renditions/")
    assert response["Content-Type"] == "image/png"  # image_upload() makes a PNG
    assert "private" in response["Cache-Control"]


def test_a_missing_file_is_404_not_a_redirect_to_nothing(client):
    document = AttachmentFactory()
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404
