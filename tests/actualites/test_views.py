import pytest

from cuf.publishing.rule import Status
from tests.factories import NewsItemFactory
from tests.files import image_bytes, image_upload
from tests.helpers import (
    days_from_now,
    file_content,
    main_text,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/actualites/"
# Queries of the news list, whatever the number of items: the page's rows, their count for
# the paginator, and the themes of the whole page in one prefetch.
LIST_MAX_QUERIES = 3


def news_with_image(**fields):
    return NewsItemFactory(image=image_upload(), image_alt="Une salle de réunion", **fields)


# List


def test_news_list_shows_the_image_or_the_default_one(client):
    with_image = news_with_image(title="Nouvelle illustrée")
    NewsItemFactory(title="Nouvelle sans image")
    text = main_text(client.get(LIST_URL))
    assert f'src="{with_image.image_url}"' in text
    assert "cuf/img/defaut.svg" in text


def test_news_list_shows_the_start_of_the_text_when_an_item_has_no_summary(client):
    NewsItemFactory(
        title="Mission à Erevan",
        summary="",
        body="<h2>Le séjour</h2><p>Une délégation de <strong>sept villes</strong> s’est rendue "
        "à Erevan.</p>",
    )
    NewsItemFactory(
        title="Note réservée", summary="", access="members", body="<p>Texte des adhérents.</p>"
    )
    text = main_text(client.get(LIST_URL))
    assert "<p>Le séjour Une délégation de sept villes s’est rendue à Erevan.</p>" in text
    assert "Texte des adhérents" not in text


# Detail


def test_news_page_shows_its_summary_and_source(client):
    item = NewsItemFactory(
        title="Campagne de déclaration",
        source="MAEA/DCTCIV",
        summary="Les collectivités ont jusqu’à la fin du mois.",
    )
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Campagne de déclaration" in response.text
    assert "MAEA/DCTCIV" in response.text
    assert "Les collectivités ont jusqu’à la fin du mois." in response.text


def test_news_page_shows_its_image_with_alt_text_and_credit(client):
    item = news_with_image(image_credit="Région partenaire")
    text = main_text(client.get(item.get_absolute_url()))
    assert f'src="{item.image_url}"' in text
    assert 'alt="Une salle de réunion"' in text
    assert "Région partenaire" in text


# Image


def test_news_image_is_served_inline_while_published(client):
    item = news_with_image()
    response = client.get(item.image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert file_content(response) == image_bytes()


@pytest.mark.parametrize("status,days", [(Status.DRAFT, -1), (Status.PUBLISHED, 1)])
def test_news_image_of_unpublished_item_is_404_for_anonymous(client, status, days):
    item = news_with_image(status=status, published_at=days_from_now(days))
    assert client.get(item.image_url).status_code == 404


def test_news_image_of_draft_is_served_to_staff(staff_client):
    item = news_with_image(status=Status.DRAFT)
    response = staff_client.get(item.image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert file_content(response)


def test_news_without_image_has_no_image_url(client):
    item = NewsItemFactory()
    assert client.get(f"/actualites/{item.slug}/image").status_code == 404
