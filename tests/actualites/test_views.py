import pytest

from cuf.models import Status
from tests.factories import (
    CommuniqueFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
    days_from_now,
)
from tests.files import image_bytes, image_upload
from tests.helpers import (
    MAY_12_2020,
    UNKNOWN_THEME,
    assert_in_order,
    file_content,
    main_text,
    published_days_ago,
    related_block,
    titles_on,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/actualites/"
# Queries of the news list, whatever the number of items: the page's rows, their count for
# the paginator, and the themes of the whole page in one prefetch.
LIST_MAX_QUERIES = 3


def news_with_image(**fields):
    return NewsItemFactory(image=image_upload(), image_alt="Une salle de réunion", **fields)


# List


def test_news_list_shows_published_items_newest_first(client):
    NewsItemFactory(title="Nouvelle ancienne", published_at=days_from_now(-20))
    NewsItemFactory(title="Nouvelle récente", published_at=days_from_now(-1))
    NewsItemFactory(title="Nouvelle moyenne", published_at=days_from_now(-8))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert_in_order(
        main_text(response), ["Nouvelle récente", "Nouvelle moyenne", "Nouvelle ancienne"]
    )


def test_news_list_is_paginated_by_twenty(client):
    titles = [f"Nouvelle datée {n:02d}" for n in range(25)]
    for title, when in zip(titles, published_days_ago(25), strict=True):
        NewsItemFactory(title=title, published_at=when)
    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    assert second.status_code == 200
    assert titles_on(main_text(first), titles) == titles[:20]
    assert titles_on(main_text(second), titles) == titles[20:]


def test_news_list_shows_the_image_or_the_default_one(client):
    with_image = news_with_image(title="Nouvelle illustrée")
    NewsItemFactory(title="Nouvelle sans image")
    text = main_text(client.get(LIST_URL))
    assert f'src="{with_image.image_url}"' in text
    assert "cuf/img/defaut.svg" in text


def test_news_list_never_shows_drafts_or_scheduled_items(client, staff_client):
    NewsItemFactory(title="Nouvelle publiée")
    NewsItemFactory(title="Nouvelle en brouillon", status=Status.DRAFT)
    NewsItemFactory(title="Nouvelle programmée", published_at=days_from_now(1))
    for visitor in (client, staff_client):
        text = visitor.get(LIST_URL).text
        assert "Nouvelle publiée" in text
        assert "Nouvelle en brouillon" not in text
        assert "Nouvelle programmée" not in text


def test_news_list_narrowed_to_one_theme(client):
    jeunesse = ThemeFactory(name="Jeunesse", slug="jeunesse")
    NewsItemFactory(title="Nouvelle jeunesse", themes=[jeunesse])
    NewsItemFactory(title="Nouvelle hors thème")
    response = client.get(LIST_URL, {"theme": "jeunesse"})
    assert "Nouvelle jeunesse" in response.text
    assert "Nouvelle hors thème" not in response.text


def test_news_list_with_unknown_theme_is_404(client):
    assert client.get(LIST_URL, {"theme": UNKNOWN_THEME}).status_code == 404


@pytest.mark.parametrize("count", [3, 25])
def test_news_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    themes = ThemeFactory.create_batch(2)
    for n, when in enumerate(published_days_ago(count)):
        if n % 2:
            news_with_image(published_at=when, themes=themes)
        else:
            NewsItemFactory(published_at=when, themes=themes)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(LIST_URL)
    assert response.status_code == 200


# Detail


def test_news_page_shows_summary_source_and_french_publication_date(client):
    item = NewsItemFactory(
        title="Campagne de déclaration",
        source="MAEA/DCTCIV",
        summary="Les collectivités ont jusqu’à la fin du mois.",
        published_at=MAY_12_2020,
    )
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Campagne de déclaration" in response.text
    assert "MAEA/DCTCIV" in response.text
    assert "Les collectivités ont jusqu’à la fin du mois." in response.text
    assert "Publié le" in response.text and "12 mai 2020" in response.text


def test_news_page_shows_its_image_with_alt_text_and_credit(client):
    item = news_with_image(image_credit="Région partenaire")
    text = main_text(client.get(item.get_absolute_url()))
    assert f'src="{item.image_url}"' in text
    assert 'alt="Une salle de réunion"' in text
    assert "Région partenaire" in text


@pytest.mark.parametrize("status,days", [(Status.DRAFT, -1), (Status.PUBLISHED, 1)])
def test_unpublished_news_is_404_for_anonymous_and_non_staff(
    client, django_user_model, status, days
):
    item = NewsItemFactory(status=status, published_at=days_from_now(days))
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(django_user_model.objects.create_user(username="lecteur"))
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "status,days,banner",
    [(Status.DRAFT, -1, "Brouillon"), (Status.PUBLISHED, 1, "Programmé")],
)
def test_unpublished_news_is_previewed_by_staff_with_a_banner(staff_client, status, days, banner):
    item = NewsItemFactory(
        title="Nouvelle en préparation", status=status, published_at=days_from_now(days)
    )
    response = staff_client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Nouvelle en préparation" in response.text
    assert banner in main_text(response)


def test_news_related_block_shows_the_previous_and_next_items_on_its_theme(client):
    # Intended change: "Sur ces thèmes" now shows, per theme, the items published just
    # before and just after this one (any type), no longer the six newest.
    climat = ThemeFactory(name="Climat")
    CommuniqueFactory(
        title="Communiqué plus ancien", themes=[climat], published_at=days_from_now(-9)
    )
    CommuniqueFactory(title="Communiqué climat", themes=[climat], published_at=days_from_now(-5))
    item = NewsItemFactory(title="Nouvelle lue", themes=[climat], published_at=days_from_now(-3))
    ResourceFactory(title="Ressource climat", themes=[climat], published_at=days_from_now(-2))
    ResourceFactory(title="Ressource plus récente", themes=[climat], published_at=days_from_now(-1))
    ResourceFactory(title="Ressource climat future", themes=[climat], published_at=days_from_now(2))
    block = related_block(client.get(item.get_absolute_url()))
    assert_in_order(
        block, ["Climat", "Précédent", "Communiqué climat", "Suivant", "Ressource climat"]
    )
    assert "Nouvelle lue" not in block
    assert "plus ancien" not in block and "plus récente" not in block
    assert "Ressource climat future" not in block


def test_hostile_news_body_is_rendered_without_script(client):
    item = NewsItemFactory(body='<p>Bilan</p><script>document.cookie</script><svg onload="x()">')
    response = client.get(item.get_absolute_url())
    assert "Bilan" in response.text
    # The body only: every page loads the portal’s own script files.
    assert "<script" not in main_text(response)
    assert "onload" not in response.text
    assert "document.cookie" not in response.text


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
