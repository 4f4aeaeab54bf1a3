import datetime

import pytest

from cuf.publishing.rule import Status
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ThemeFactory,
)
from tests.files import pdf_upload
from tests.helpers import (
    MAY_12_2020,
    assert_in_order,
    days_from_now,
    file_content,
    related_block,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/communiques/"
# Queries of the list page, whatever the number of communiqués: the page's rows, their
# count for the paginator, and the themes of the whole page in one prefetch.
LIST_MAX_QUERIES = 3


@pytest.fixture
def member_client(client, django_user_model):
    """A logged-in visitor without staff rights."""
    user = django_user_model.objects.create_user(username="adherent", password="x-long-pass-1")
    client.force_login(user)
    return client


def draft_and_scheduled():
    return [
        CommuniqueFactory(title="Communiqué en brouillon", status=Status.DRAFT),
        CommuniqueFactory(title="Communiqué programmé", published_at=days_from_now(1)),
    ]


# List


# Detail


def test_published_communique_shows_its_french_publication_date(client):
    communique = CommuniqueFactory(
        title="Webinaire du 19 mai", published_at=MAY_12_2020, place="Paris"
    )
    response = client.get(communique.get_absolute_url())
    assert response.status_code == 200
    assert "Publié le" in response.text
    assert "12 mai 2020" in response.text
    assert "Paris, le 12 mai 2020" in response.text
    assert "Brouillon" not in response.text and "Programmé" not in response.text


def test_detail_lists_its_documents_with_format_and_size(client):
    communique = CommuniqueFactory()
    AttachmentFactory(item=communique, title="Fiche d’inscription", position=2)
    document = AttachmentFactory(item=communique, title="Programme détaillé", position=1)
    response = client.get(communique.get_absolute_url())
    assert "Documents à télécharger" in response.text
    assert_in_order(response.text, ["Programme détaillé", "Fiche d’inscription"])
    assert f'href="{document.get_absolute_url()}"' in response.text
    assert "PDF" in response.text


def test_related_block_shows_per_theme_the_previous_and_next_published_items(client):
    # Intended change: "Sur ces thèmes" shows, for each theme, the items published just
    # before and just after the communiqué (any type), with their French dates.
    covid, sahel = ThemeFactory(name="COVID-19"), ThemeFactory(name="Sahel")
    communique = CommuniqueFactory(
        title="Le communiqué lu", themes=[covid, sahel], published_at=MAY_12_2020
    )
    day = datetime.timedelta(days=1)
    CommuniqueFactory(
        title="Un communiqué covid ancien", themes=[covid], published_at=MAY_12_2020 - 9 * day
    )
    CommuniqueFactory(
        title="Un communiqué covid précédent", themes=[covid], published_at=MAY_12_2020 - 5 * day
    )
    EventFactory(title="Un événement covid suivant", themes=[covid], published_at=MAY_12_2020 + day)
    NewsItemFactory(
        title="Une actualité covid en brouillon",
        themes=[covid],
        status=Status.DRAFT,
        published_at=MAY_12_2020 - day,
    )
    EventFactory(
        title="Un événement covid programmé", themes=[covid], published_at=days_from_now(1)
    )
    NewsItemFactory(
        title="Une actualité sur le Sahel", themes=[sahel], published_at=MAY_12_2020 - 2 * day
    )
    NewsItemFactory(title="Une actualité sans rapport", published_at=MAY_12_2020 - day)
    block = related_block(client.get(communique.get_absolute_url()))
    assert_in_order(
        block,
        [
            "Sur ces thèmes",
            "COVID-19",
            "jeudi 7 mai 2020",
            "Un communiqué covid précédent",
            "Un événement covid suivant",
            "Sahel",
            "Une actualité sur le Sahel",
        ],
    )
    assert "Communiqué · publié le" in block and "Événement · le" in block
    assert "Actualité · publiée le" in block  # the date agrees with its item's type
    assert "Le communiqué lu" not in block
    assert "ancien" not in block
    assert "en brouillon" not in block
    assert "programmé" not in block
    assert "sans rapport" not in block


# Document download


def test_document_downloads_as_a_pdf_attachment(client):
    document = AttachmentFactory(
        title="Programme", file=pdf_upload(name="mon programme.pdf", title="Programme")
    )
    expected = document.file.open("rb").read()
    document.file.close()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="programme.pdf"'
    content = file_content(response)
    assert content == expected
    assert content.startswith(b"%PDF")


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_document_of_unpublished_communique_is_404_for_anonymous(client, state):
    draft, scheduled = draft_and_scheduled()
    document = AttachmentFactory(item=draft if state == "draft" else scheduled)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_document_of_draft_communique_downloads_for_staff(staff_client):
    document = AttachmentFactory(item=CommuniqueFactory(status=Status.DRAFT))
    response = staff_client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert file_content(response).startswith(b"%PDF")


def test_document_with_a_wrong_filename_redirects_to_the_canonical_one(client):
    document = AttachmentFactory(title="Programme du webinaire")
    response = client.get(f"/documents/{document.pk}/ancien-nom.pdf")
    assert response.status_code == 301
    assert response["Location"] == f"/documents/{document.pk}/programme-du-webinaire.pdf"
    assert response["Location"] == document.get_absolute_url()


def test_unknown_document_is_404(client):
    assert client.get("/documents/999999/programme.pdf").status_code == 404
