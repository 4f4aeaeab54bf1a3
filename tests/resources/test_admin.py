import pytest

from resources.models import Resource
from tests.factories import ResourceFactory, ThemeFactory, resource_with_file
from tests.files import pdf_upload, wav_upload
from tests.helpers import admin_publication_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/resources/resource/"
ADD = "/admin/resources/resource/add/"


def add_form_data(**fields) -> dict:
    return {
        "kind": "texte",
        "surtitre": "",
        "title": "Guide pratique climat",
        "slug": "guide-pratique-climat",
        "description": "<p>Méthodes et exemples.</p>",
        "external_url": "",
        "credit": "CUF",
        "transcript": "",
        **admin_publication_data(),
        **fields,
    }


def test_changelist_search_and_filters(superuser_client):
    climat = ThemeFactory(name="Climat")
    resource_with_file(
        kind=Resource.Kind.TEXT, upload=pdf_upload(), title="Guide climat", themes=[climat]
    )
    ResourceFactory(title="Entretien radio", transcript="dix ans de partenariat")
    found = superuser_client.get(CHANGELIST, {"q": "partenariat"})
    assert "Entretien radio" in found.text and "Guide climat" not in found.text
    texts = superuser_client.get(CHANGELIST, {"kind__exact": "texte"})
    assert "Guide climat" in texts.text and "Entretien radio" not in texts.text
    on_theme = superuser_client.get(CHANGELIST, {"themes__id__exact": climat.pk})
    assert "Guide climat" in on_theme.text and "Entretien radio" not in on_theme.text
    drafts = superuser_client.get(CHANGELIST, {"status__exact": "draft"})
    assert "Guide climat" not in drafts.text


def test_adding_a_text_resource_records_its_file_and_author(superuser_client):
    upload = pdf_upload()
    response = superuser_client.post(ADD, add_form_data(file=upload))
    assert response.status_code == 302
    resource = Resource.objects.get(slug="guide-pratique-climat")
    assert resource.author.username == "chef"
    assert resource.content_type == "application/pdf"
    assert resource.size == upload.size


def test_a_file_that_does_not_fit_the_kind_is_refused(superuser_client):
    response = superuser_client.post(ADD, add_form_data(file=wav_upload()))
    assert response.status_code == 200
    assert "Ce type de fichier n’est pas accepté ici" in response.text
    assert not Resource.objects.exists()
