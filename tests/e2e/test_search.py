import pytest
from django.core.cache import cache

from tests.factories import AttachmentFactory, CommuniqueFactory, ThemeFactory
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_facet_cache():
    cache.clear()


def test_visitor_searches_from_the_header_and_lands_on_highlighted_results(live_server, page):
    theme = ThemeFactory(name="Haïti")
    communique = CommuniqueFactory(title="La coopération décentralisée avec Haïti", themes=[theme])
    AttachmentFactory(item=communique, file=pdf_upload(text="Programme des ateliers."))
    CommuniqueFactory(title="Un autre sujet")

    page.goto(live_server.url + "/")
    page.get_by_label("Rechercher", exact=True).fill("cooperation haiti")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=cooperation+haiti")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Rechercher")
    assert page.get_by_role("status").first.inner_text() == "1 résultat pour « cooperation haiti »."
    result = page.locator(".search-result")
    assert result.count() == 1
    assert result.locator("mark").all_inner_texts() == ["coopération", "Haïti"]
    assert page.locator("#recherche-q").input_value() == "cooperation haiti"

    result.get_by_role("link").click()
    page.wait_for_url(f"**{communique.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == communique.title


def test_visitor_narrows_results_by_type_with_the_facets(live_server, page):
    for n in range(3):
        CommuniqueFactory(title=f"Jumelage numéro {n}")
    ThemeFactory(name="Jumelage")

    page.goto(live_server.url + "/recherche/?q=jumelage")
    assert page.locator(".search-result").count() == 4
    facets = page.get_by_role("complementary", name="Affiner la recherche")
    facets.get_by_role("link", name="Communiqués").click()
    page.wait_for_url("**type=communiques")
    assert page.locator(".search-result").count() == 3
    assert "filtrés" in page.get_by_role("status").first.inner_text()
