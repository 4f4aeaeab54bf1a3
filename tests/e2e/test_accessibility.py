"""axe-core, run in Chromium, finds no WCAG 2.1 A/AA violation on the public pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cuf.demo import load_demo
from search.indexing import rebuild_index

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    "/",
    "/communiques/",
    "/communiques/webinaire-cooperation-decentralisee-crise-sanitaire/",
    "/agenda/",
    "/agenda/?periode=passes",
    "/agenda/rencontres-franco-japonaises/",
    "/actualites/",
    "/actualites/atelier-dynamique-sahel/",
    "/actualites/chroniques-geopolitiques-saison-4/",
    "/ressources/",
    "/ressources/photo/",
    "/ressources/photo-forage-communal-sahel/",
    "/ressources/podcast-jeunes-volontaires/",
    "/ressources/video-rencontres-franco-japonaises/",
    "/ressources/guide-cooperer-pour-le-climat/",
    "/themes/",
    "/themes/japon/",
    "/ressources/photo-delegation-japonaise/",
    "/mentions-legales/",
    "/accessibilite/",
    "/plan-du-site/",
    "/contact/",
    "/recherche/?q=cooperation",
    "/recherche/?q=zzzzzz",
    "/recherche/?q=cooperatoin",
    "/abonnement/",
    "/agenda/abonnement/",
    "/themes/japon/abonnement/",
    "/page-qui-n-existe-pas/",
]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    rebuild_index()
    return live_server


@pytest.mark.parametrize("width", [1280, 360])
def test_public_pages_have_no_wcag_violation(demo_site, new_page, width):
    page = new_page(width=width)
    axe = Axe()
    found = {}
    for path in PAGES:
        page.goto(demo_site.url + path)
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            found[path] = results.generate_snapshot()
    assert found == {}


def test_the_open_phone_menu_has_no_wcag_violation(demo_site, new_page):
    page = new_page(width=360)
    page.goto(demo_site.url + "/communiques/webinaire-cooperation-decentralisee-crise-sanitaire/")
    page.get_by_role("button", name="Menu").click()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_snapshot()


@pytest.mark.parametrize("width", [1280, 360])
def test_a_detail_page_seen_by_an_editor_has_no_wcag_violation(demo_site, new_page, editor, width):
    page = new_page(width=width)
    page.goto(demo_site.url + "/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(editor.username)
    page.get_by_label("Mot de passe").fill("motdepasse-long-123")
    page.get_by_role("button", name="Connexion").click()
    page.goto(demo_site.url + "/actualites/atelier-dynamique-sahel/")
    assert page.get_by_role("link", name="Modifier").is_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_snapshot()
