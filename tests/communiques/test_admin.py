import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.publishing.rule import Status
from tests.factories import AttachmentFactory, CommuniqueFactory, ThemeFactory
from tests.files import pdf_upload
from tests.helpers import MAY_12_2020, admin_publication_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/communiques/communique/"
ADD = "/admin/communiques/communique/add/"


def add_form_data(*, documents=(), themes=(), **fields) -> dict:
    data = {
        "surtitre": "MEAE/DAECT : communiqué",
        "title": "Webinaire du 19 mai",
        "slug": "webinaire-du-19-mai",
        "issuer": "MEAE/DAECT",
        "place": "Paris",
        "body": "<p>La délégation organise un webinaire.</p>",
        **admin_publication_data(themes=themes),
        "documents-TOTAL_FORMS": str(len(documents)),
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for n, (title, upload) in enumerate(documents):
        data[f"documents-{n}-position"] = str(n + 1)
        data[f"documents-{n}-title"] = title
        data[f"documents-{n}-file"] = upload
    return data


def test_changelist_search_finds_by_title_and_issuer(superuser_client):
    CommuniqueFactory(title="Appel à projets jeunesse", issuer="MEAE/DAECT")
    CommuniqueFactory(title="Bilan des solidarités", issuer="CUF")
    by_title = superuser_client.get(CHANGELIST, {"q": "jeunesse"})
    assert "Appel à projets jeunesse" in by_title.text
    assert "Bilan des solidarités" not in by_title.text
    by_issuer = superuser_client.get(CHANGELIST, {"q": "CUF"})
    assert "Bilan des solidarités" in by_issuer.text
    assert "Appel à projets jeunesse" not in by_issuer.text


def test_change_page_shows_its_documents_with_their_format(superuser_client):
    communique = CommuniqueFactory()
    AttachmentFactory(item=communique, title="Programme")
    response = superuser_client.get(f"{CHANGELIST}{communique.pk}/change/")
    assert response.status_code == 200
    assert "Programme" in response.text
    assert "PDF" in response.text


def test_adding_a_communique_with_themes_and_a_document(superuser_client):
    covid, haiti = ThemeFactory(name="COVID-19"), ThemeFactory(name="Haïti")
    upload = pdf_upload(name="Programme final (v2).PDF")
    size = upload.size
    response = superuser_client.post(
        ADD,
        add_form_data(themes=[covid, haiti], documents=[("Programme du webinaire", upload)]),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    communique = Communique.objects.get(slug="webinaire-du-19-mai")
    assert set(communique.themes.all()) == {covid, haiti}
    assert communique.published_at == MAY_12_2020
    assert communique.status == Status.PUBLISHED
    document = communique.attachments.get()
    assert document.title == "Programme du webinaire"
    assert document.size == size
    assert document.content_type == "application/pdf"
    assert document.format_label == "PDF"
    # Stored under a generated name, never the uploader's.
    assert "Programme final" not in document.file.name
    assert document.file.name.endswith(".pdf")


def test_author_is_the_logged_in_editor_on_creation(superuser_client):
    superuser_client.post(ADD, add_form_data())
    communique = Communique.objects.get(slug="webinaire-du-19-mai")
    assert communique.author.username == "chef"


def test_a_fake_pdf_document_is_refused_with_a_french_message(superuser_client):
    fake = SimpleUploadedFile(
        "programme.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = superuser_client.post(ADD, add_form_data(documents=[("Programme", fake)]))
    assert response.status_code == 200
    assert "Le contenu du fichier ne correspond pas à son extension" in response.text
    assert not Communique.objects.exists()
    assert not Attachment.objects.exists()


def test_saving_a_communique_keeps_its_stored_documents(superuser_client):
    communique = CommuniqueFactory(title="Ancien titre", slug="ancien-titre")
    document = AttachmentFactory(item=communique, title="Programme")
    data = add_form_data(title="Nouveau titre", slug="ancien-titre")
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "1",
            "documents-0-id": str(document.pk),
            "documents-0-communique": str(communique.pk),
            "documents-0-position": "1",
            "documents-0-title": "Programme définitif",
        }
    )
    response = superuser_client.post(f"{CHANGELIST}{communique.pk}/change/", data)
    assert response.status_code == 302
    communique.refresh_from_db()
    document.refresh_from_db()
    assert communique.title == "Nouveau titre"
    assert document.title == "Programme définitif"
    assert document.content_type == "application/pdf"


def test_the_current_file_links_to_its_protected_download_under_its_visible_name(
    superuser_client,
):
    communique = CommuniqueFactory()
    document = AttachmentFactory(item=communique, title="Programme détaillé")
    page = superuser_client.get(f"{CHANGELIST}{communique.pk}/change/").text
    assert f'<a href="{document.get_absolute_url()}"' in page
    assert ">programme-detaille.pdf</a>" in page
    assert "/media/" not in page
    download = superuser_client.get(document.get_absolute_url())
    assert download.status_code == 200
    b"".join(download.streaming_content)
