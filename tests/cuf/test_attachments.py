"""Attachments (cuf.files.models.Attachment): one model for every type that has files to
download and images to show under its text; one address, served on the item's terms."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cuf.files.models import Attachment
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
)
from tests.files import image_upload, pdf_upload
from tests.helpers import file_content

pytestmark = pytest.mark.django_db

TYPES_WITH_ATTACHMENTS = {
    "communiqué": CommuniqueFactory,
    "actualité": NewsItemFactory,
    "ressource": ResourceFactory,
}


@pytest.mark.parametrize("kind", TYPES_WITH_ATTACHMENTS)
def test_a_published_items_document_is_listed_and_downloads(client, kind):
    item = TYPES_WITH_ATTACHMENTS[kind](title="Rencontre de Dakar")
    document = AttachmentFactory(item=item, title="Programme de la rencontre")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Documents à télécharger" in page
    assert f'href="{document.get_absolute_url()}"' in page
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="programme-de-la-rencontre.pdf"'
    assert file_content(response).startswith(b"%PDF")


@pytest.mark.parametrize("kind", TYPES_WITH_ATTACHMENTS)
@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_an_unpublished_items_files_are_404_for_visitors_and_served_to_staff(
    client, staff_client, kind, state
):
    item = TYPES_WITH_ATTACHMENTS[kind](**{state: True})
    document = AttachmentFactory(item=item)
    image = AttachmentFactory(item=item, title="Affiche", file=image_upload())
    for url in (document.get_absolute_url(), image.get_absolute_url(), image.rendition_url(320)):
        assert client.get(url).status_code == 404
        response = staff_client.get(url)
        assert response.status_code == 200
        file_content(response)


def test_a_documents_description_and_credit_show_beside_its_link(client):
    news = NewsItemFactory(title="Convention signée")
    AttachmentFactory(
        item=news,
        title="Convention de coopération",
        description="Texte signé le 12 février 2024, 4 articles.",
        credit="Service juridique",
    )
    page = client.get(news.get_absolute_url()).content.decode()
    documents = page[page.index('<section class="documents"') :]
    documents = documents[: documents.index("</section>")]
    assert "Texte signé le 12 février 2024, 4 articles." in documents
    assert "Service juridique" in documents


def test_an_image_shows_in_the_gallery_under_the_text_with_its_caption_and_credit(client):
    news = NewsItemFactory(title="Chantier d’été")
    AttachmentFactory(item=news, title="Rapport", file=pdf_upload())
    image = AttachmentFactory(
        item=news,
        title="Le chantier",
        description="Les volontaires au travail.",
        credit="Photo : M. Ndiaye",
        file=image_upload(name="chantier.jpg", fmt="JPEG"),
    )
    page = client.get(news.get_absolute_url()).content.decode()
    gallery = page[page.index('<section class="attached-images"') : page.index("</section>")]
    assert '<h2 id="galerie">Images</h2>' in gallery
    assert f'<a href="{image.get_absolute_url()}" aria-labelledby="galerie-{image.pk}">' in gallery
    assert 'alt=""' in gallery and image.rendition_url(320) in gallery
    assert "<figcaption>" in gallery
    for words in ("Le chantier", "Les volontaires au travail.", "Photo : M. Ndiaye"):
        assert words in gallery
    # The image is not among the documents to download, and is shown, not downloaded.
    documents = page[page.index('<section class="documents"') :]
    assert image.get_absolute_url() not in documents
    response = client.get(image.get_absolute_url())
    assert response["Content-Type"] == "image/jpeg"
    assert not response["Content-Disposition"].startswith("attachment")
    file_content(response)
    rendition = client.get(image.rendition_url(320))
    assert rendition.status_code == 200
    file_content(rendition)


def test_a_rendition_of_a_document_or_at_another_width_is_404(client):
    document = AttachmentFactory()
    image = AttachmentFactory(file=image_upload())
    assert client.get(document.rendition_url(320)).status_code == 404
    assert client.get(f"/documents/{image.pk}/321/").status_code == 404


def test_an_attachment_of_a_type_without_attachments_is_never_served(client):
    # A row pointing to an event (its page offers none) or to nothing is no file to serve.
    event = EventFactory()
    stray = AttachmentFactory(item=event)
    assert client.get(stray.get_absolute_url()).status_code == 404
    orphan = AttachmentFactory()
    orphan.item.delete()
    assert client.get(f"/documents/{orphan.pk}/x.pdf").status_code == 404


def test_search_finds_a_news_item_by_its_attachments_title(client):
    news = NewsItemFactory(title="Assises de la coopération")
    AttachmentFactory(item=news, title="Compte rendu des ateliers Tombouctou")
    call_command("rebuild_search_index", verbosity=0)
    page = client.get("/recherche/", {"q": "Tombouctou"}).content.decode()
    assert news.get_absolute_url() in page


def test_the_api_lists_a_resources_attachments_after_its_own_file(client):
    resource = ResourceFactory(title="Guide")
    document = AttachmentFactory(item=resource, title="Annexe")
    data = client.get(f"/api/v1/ressources/{resource.pk}/").json()
    assert [f["title"] for f in data["files"]] == ["Annexe"]
    assert data["files"][0]["url"].endswith(document.get_absolute_url())


@pytest.mark.django_db(transaction=True)
def test_communiques_documents_become_attachments_with_the_same_ids_and_addresses(client):
    """The migration: each document keeps its id, so its old address still downloads."""
    executor = MigrationExecutor(connection)
    before = [("communiques", "0007_plausible_dates"), ("cuf", "0009_theme_links_by_shown_date")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Communique = old_apps.get_model("communiques", "Communique")
    Document = old_apps.get_model("communiques", "Document")
    # In bulk: no signal reaches today's listeners (search) while the tables are older.
    (communique,) = Communique.objects.bulk_create(
        [
            Communique(
                title="Séminaire",
                slug="seminaire",
                status="published",
                published_at="2020-05-12T10:00Z",
            )
        ]
    )
    stored = pdf_upload(text="Le programme du séminaire.")
    name = Attachment._meta.get_field("file").storage.save("documents/ancien.pdf", stored)
    (document,) = Document.objects.bulk_create(
        [
            Document(
                pk=41,
                communique=communique,
                title="Programme",
                file=name,
                position=1,
                size=stored.size,
                content_type="application/pdf",
                format_label="PDF",
                text="Le programme du séminaire.",
                text_status="extrait",
            )
        ]
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    attachment = Attachment.objects.get(pk=document.pk)
    assert attachment.item.slug == "seminaire" and attachment.title == "Programme"
    response = client.get("/documents/41/programme.pdf")
    assert response.status_code == 200
    assert file_content(response).startswith(b"%PDF")
    # The next attachment's id follows.
    assert AttachmentFactory().pk > 41
